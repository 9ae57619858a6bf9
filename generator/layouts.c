#include "layouts.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "source.h"
#include "template.h"
#include "text.h"
#include "value.h"
#include "yml.h"

#include <stdlib.h>
#include <string.h>

#ifndef GONGKAI_LAYOUTS
#define GONGKAI_LAYOUTS "/usr/local/share/gongkai/layouts"
#endif

/* Every layouts file we know: from the repository's layouts/ if it has it,
 * else shipped. */
struct lfile {
	char *name;      /* path under layouts/ (owned) */
	int from_repo;   /* 1: the repository's own */
};

const char *layouts_dir(void)
{
	const char *env = getenv("GONGKAI_LAYOUTS");
	return env && *env ? env : GONGKAI_LAYOUTS;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Read one layouts file; the text lives in l->a. *shown is the path for
 * diagnostics. */
static char *read_layout(struct layouts *l, struct source *src, struct source *shipped,
			 const char *rel, int from_repo, int is_text, size_t *len,
			 const char **shown, struct diag *d)
{
	char *data, *err = NULL;
	struct source *from = from_repo ? src : shipped;
	const char *path = arena_printf(l->a, "layouts/%s", rel);
	*shown = from_repo ? path : arena_printf(l->a, "%s/%s", shipped->root, rel);
	int r = source_read(from, from_repo ? path : rel, &data, len, &err);
	if (r != 0) {
		if (r == 1 || err) /* else the source reported it */
			diag_add(d, DIAG_ERROR, *shown, 0, 0, NULL, "无法读取：%s", err ? err : "文件不存在");
		free(err);
		return NULL;
	}
	if (is_text && text_prepare(data, len, *shown, d) != 0) {
		free(data);
		return NULL;
	}
	char *text = arena_strndup(l->a, data, *len);
	free(data);
	return text;
}

/* Merge two sorted listings into the files to use. */
static size_t merge(struct source_entry *repo, size_t nr, struct source_entry *ship, size_t ns,
		    struct lfile **out)
{
	struct lfile *v = xcalloc(nr + ns + 1, sizeof(*v));
	size_t i = 0, j = 0, k = 0;
	while (i < nr || j < ns) {
		int c;
		if (i < nr && repo[i].is_dir) { i++; continue; }
		if (j < ns && ship[j].is_dir) { j++; continue; }
		if (i >= nr)
			c = 1;
		else if (j >= ns)
			c = -1;
		else
			c = strcmp(repo[i].name, ship[j].name);
		if (c <= 0) {
			v[k].name = xstrdup(repo[i].name);
			v[k++].from_repo = 1;
			i++;
			if (c == 0)
				j++;
		} else {
			v[k].name = xstrdup(ship[j].name);
			v[k++].from_repo = 0;
			j++;
		}
	}
	*out = v;
	return k;
}

/* Warn about what the repository's layouts/ (or layouts/assets/) holds
 * that nothing reads: a misnamed template, a folder of assets. */
static void stray_layouts(struct arena *a, const char *dir, const struct source_entry *e, size_t n,
			  const struct source_entry *ship, size_t ns, struct diag *d)
{
	int assets = strcmp(dir, "layouts/assets") == 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = e[i].name;
		size_t j = 0;
		while (j < ns && !(ship[j].is_dir == e[i].is_dir && strcmp(ship[j].name, name) == 0))
			j++;
		if (j < ns)
			continue; /* the shipped layouts have it too (a copy of them) */
		const char *path = arena_printf(a, "%s/%s", dir, name);
		if (assets && e[i].is_dir)
			diag_add(d, DIAG_WARNING, path, 0, 0, "把文件直接放在 layouts/assets/ 里，不分子文件夹",
				 "这个文件夹不会发布：layouts/assets/ 里只发布其中的文件");
		else if (!assets && (e[i].is_dir ? strcmp(name, "assets") != 0
				   : !ends_with(name, ".mustache") &&
					     !(strncmp(name, "strings.", 8) == 0 && ends_with(name, ".yaml"))))
			diag_add(d, DIAG_WARNING, path, 0, 0,
				 "模板的扩展名写成 .mustache，界面文字写在 strings.语言.yaml，发布的文件放在 layouts/assets/",
				 "这个%s不会被读取：layouts/ 里只读取 *.mustache、strings.*.yaml 和 assets/",
				 e[i].is_dir ? "文件夹" : "文件");
	}
}

static size_t list_merged(struct layouts *l, struct source *src, struct source *shipped, const char *sub,
			  struct lfile **out, struct diag *d)
{
	struct source_entry *re, *se;
	size_t nr, ns;
	const char *repo_dir = sub[0] ? (strcmp(sub, "assets") == 0 ? "layouts/assets" : sub) : "layouts";
	source_list(src, repo_dir, &re, &nr);
	source_list(shipped, sub, &se, &ns);
	stray_layouts(l->a, repo_dir, re, nr, se, ns, d);
	size_t n = merge(re, nr, se, ns, out);
	source_entries_free(re, nr);
	source_entries_free(se, ns);
	return n;
}

/* Set every key of v in l->strings, replacing an earlier value. */
static void merge_strings(struct layouts *l, struct val *v)
{
	if (!l->strings)
		l->strings = val_map(l->a);
	for (size_t i = 0; i < v->len; i++) {
		struct val_pair *p = &v->pairs[i];
		size_t k;
		for (k = 0; k < l->strings->len; k++)
			if (strcmp(l->strings->pairs[k].key->s, p->key->s) == 0)
				break;
		if (k < l->strings->len)
			l->strings->pairs[k].v = p->v;
		else
			val_set_node(l->a, l->strings, p->key, p->v);
	}
}

int layouts_load(struct layouts *l, struct source *src, const char *lang, struct diag *d)
{
	struct source *shipped;
	struct lfile *files = NULL, *assets = NULL;
	size_t nfiles, nassets;
	size_t errors = d->errors;
	const char *strings_name;

	memset(l, 0, sizeof(*l));
	l->a = arena_new();
	l->set = tpl_set_new();
	source_open_dir(&shipped, layouts_dir());
	shipped->d = d;
	shipped->track = src->track;
	strings_name = arena_printf(l->a, "strings.%s.yaml", lang);

	nfiles = list_merged(l, src, shipped, "", &files, d);
	int have_strings = 0;
	struct dg strings_dg;
	dg_init(&strings_dg);
	l->files = arena_alloc(l->a, (nfiles + 1) * sizeof(*l->files));
	for (size_t i = 0; i < nfiles; i++) {
		const char *name = files[i].name;
		size_t len;
		const char *shown;
		if (ends_with(name, ".mustache")) {
			char *text = read_layout(l, src, shipped, name, files[i].from_repo, 1, &len, &shown, d);
			if (!text)
				continue;
			char *tname = arena_strndup(l->a, name, strlen(name) - strlen(".mustache"));
			tpl_set_add(l->set, tname, shown, text, len, d);
			l->files[l->nfiles].name = tname;
			blob_id(&l->files[l->nfiles++].blob, text, len);
		} else if (strcmp(name, strings_name) == 0) {
			/* Strings merge key by key: a repository can change one label
			 * without copying the whole file. */
			for (int repo = 0; repo <= files[i].from_repo; repo++) {
				char *text = read_layout(l, src, shipped, name, repo, 1, &len, &shown, d);
				struct val *v;
				if (!text)
					continue;
				struct digest id;
				blob_id(&id, text, len);
				dg_digest(&strings_dg, &id);
				if (yml_parse(&v, l->a, d, shown, text, len, 0) != 0)
					continue;
				if (v->kind != VAL_MAP) {
					diag_at(d, DIAG_ERROR, v, "每行写 \"键: 文字\"", "界面文字文件应该是映射（键: 文字）");
					continue;
				}
				merge_strings(l, v);
				have_strings = 1;
			}
		}
	}
	if (!have_strings) {
		diag_add(d, DIAG_ERROR, arena_printf(l->a, "layouts/%s", strings_name), 0, 0,
			 "复制 strings.zh-CN.yaml 并翻译，或在 site.yaml 中改回 language: zh-CN",
			 "缺少语言 \"%s\" 的界面文字文件", lang);
	}
	if (!l->strings)
		l->strings = val_map(l->a);
	dg_final(&strings_dg, &l->strings_id);
	tpl_set_check(l->set, d);

	nassets = list_merged(l, src, shipped, "assets", &assets, d);
	l->assets = arena_alloc(l->a, (nassets + 1) * sizeof(*l->assets));
	for (size_t i = 0; i < nassets; i++) {
		size_t len;
		const char *shown;
		const char *rel = arena_printf(l->a, "assets/%s", assets[i].name);
		char *text = read_layout(l, src, shipped, rel, assets[i].from_repo, 0, &len, &shown, d);
		if (!text)
			continue;
		l->assets[l->nassets].name = arena_strdup(l->a, assets[i].name);
		l->assets[l->nassets].data = text;
		l->assets[l->nassets].len = len;
		l->nassets++;
	}

	for (size_t i = 0; i < nfiles; i++)
		free(files[i].name);
	for (size_t i = 0; i < nassets; i++)
		free(assets[i].name);
	free(files);
	free(assets);
	source_free(shipped);
	return d->errors > errors ? -1 : 0;
}

void layouts_free(struct layouts *l)
{
	if (!l)
		return;
	tpl_set_free(l->set);
	arena_free(l->a);
	memset(l, 0, sizeof(*l));
}
