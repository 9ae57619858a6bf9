/* load_stray: files in content/ that no part of the loader reads. A file
 * that is misnamed (task.yaml, rugao.yml, about.markdown) or put in the
 * wrong folder would otherwise drop out of the site without a word. */
#include "load_stray.h"
#include "diag.h"
#include "source.h"
#include "utf8.h"

#include <string.h>

static const char *const plan_files[] = {
	"plan.md", "tasks.yaml", "schedule.yaml", "indicators.yaml", "progress.yaml", NULL,
};

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcmp(s + n - k, tail) == 0;
}

/* The known name closest to name (at most 2 edits, or the same but for
 * case), or NULL. */
static const char *closest(const char *name, const char *const *known)
{
	const char *best = NULL;
	size_t bd = 3;
	for (const char *const *k = known; *k; k++) {
		size_t d = strcasecmp(name, *k) == 0 ? 0 : utf8_distance_max(name, *k, 2);
		if (d < bd) {
			bd = d;
			best = *k;
		}
	}
	return best;
}

static void stray(struct loader *L, const char *dir, const struct source_entry *e,
		  const char *what, const char *hint)
{
	const char *path = path_join(L, dir, e->name);
	diag_add(L->d, DIAG_WARNING, path, 0, 0, hint, "这个%s不会被读取：%s",
		 e->is_dir ? "文件夹" : "文件", what);
}

void load_stray_plan(struct loader *L, const char *dir)
{
	struct source_entry *e;
	size_t n;
	if (source_list(L->src, dir, &e, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		const char *const *k;
		for (k = plan_files; *k && (e[i].is_dir || strcmp(*k, e[i].name) != 0); k++)
			;
		if (*k)
			continue;
		const char *near = e[i].is_dir ? NULL : closest(e[i].name, plan_files);
		char hint[160];
		if (near)
			snprintf(hint, sizeof(hint), "是不是要写 %s？改成这个名字", near);
		else
			snprintf(hint, sizeof(hint), "不用的文件请移出 content/");
		stray(L, dir, &e[i],
		      "计划文件夹里只读取 plan.md、tasks.yaml、schedule.yaml、indicators.yaml、progress.yaml",
		      hint);
	}
	source_entries_free(e, n);
}

void load_stray_site(struct loader *L)
{
	static const char *const top_files[] = { "site.yaml", "regions.yaml", NULL };
	static const char *const top_dirs[] = { "units", "plans", "pages", NULL };
	static const char *const images[] = { ".png", ".jpg", ".jpeg", ".gif", ".PNG", ".JPG", ".JPEG", ".GIF", NULL };
	struct source_entry *e;
	size_t n;

	/* content/: folders of other names may hold the site's images
	 * (site.yaml's conac.image), and so may files that are images. */
	if (source_list(L->src, "content", &e, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			const char *const *k = e[i].is_dir ? top_dirs : top_files;
			while (*k && strcmp(*k, e[i].name) != 0)
				k++;
			const char *const *im = images;
			while (!e[i].is_dir && *im && !ends_with(e[i].name, *im))
				im++;
			if (*k || e[i].is_dir || *im)
				continue;
			const char *near = closest(e[i].name, top_files);
			char hint[160];
			snprintf(hint, sizeof(hint), "%s%s%s", near ? "是不是要写 " : "不用的文件请移出 content/",
				 near ? near : "", near ? "？改成这个名字" : "");
			stray(L, "content", &e[i],
			      "content/ 里只读取 site.yaml、regions.yaml 和 units/、plans/、pages/ 文件夹", hint);
		}
		source_entries_free(e, n);
	}
	if (source_list(L->src, "content/units", &e, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (e[i].is_dir || !ends_with(e[i].name, ".yaml"))
				stray(L, "content/units", &e[i], "units/ 里只读取扩展名为 .yaml 的文件",
				      e[i].is_dir ? "把其中的单位文件直接放在 content/units/ 里"
						  : "单位文件的扩展名写成 .yaml（不是 .yml）；不用的文件请移出 content/");
		source_entries_free(e, n);
	}
	if (source_list(L->src, "content/pages", &e, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (e[i].is_dir || !ends_with(e[i].name, ".md"))
				stray(L, "content/pages", &e[i], "pages/ 里只读取扩展名为 .md 的页面文件",
				      e[i].is_dir ? "页面文件直接放在 content/pages/ 里，不分子文件夹"
						  : "页面文件的扩展名写成 .md；不用的文件请移出 content/");
		source_entries_free(e, n);
	}
	if (source_list(L->src, "content/plans", &e, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (!e[i].is_dir)
				stray(L, "content/plans", &e[i], "plans/ 里每个计划是一个文件夹",
				      "建一个计划文件夹（如 content/plans/2023-rugao-yangxian/），把文件放进去");
		source_entries_free(e, n);
	}
}
