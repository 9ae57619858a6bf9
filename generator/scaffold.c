/* scaffold: starter files (see scaffold.h). */
#include "scaffold.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fields.h"
#include "layouts.h"
#include "source.h"
#include "template.h"
#include "value.h"
#include "view.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int scaffold_file(const char *tpl, const char *dest, const struct val *vars, int mode)
{
	struct buf path = BUF_INIT, out = BUF_INIT;
	struct diag d = DIAG_INIT;
	struct tpl_set *set = tpl_set_new();
	char *text = NULL, *err = NULL;
	size_t len;
	int fd = -1, r = -1;

	buf_printf(&path, "%s/scaffold/%s", layouts_dir(), tpl);
	if (file_read(path.ptr, &text, &len, &err) != 0) {
		fprintf(stderr, "gongkai: error: 无法读取模板 %s：%s; gongkai 没有装好，请重新安装（make install）\n",
			path.ptr, err ? err : "文件不存在");
		goto cleanup;
	}
	if (tpl_set_add(set, tpl, path.ptr, text, len, &d) != 0 ||
	    tpl_render(&out, set, tpl, &view_data, vars, TPL_STRICT, &d) != 0) {
		diag_print(&d, stderr);
		goto cleanup;
	}
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		fprintf(stderr, "gongkai: error: 无法建立 %s：%s\n", dest,
			errno == EEXIST ? "已经存在，不会覆盖" : strerror(errno));
		goto cleanup;
	}
	/* The umask may have narrowed the mode: a hook must be executable. */
	if (fchmod(fd, (mode_t)mode) != 0 || write(fd, out.ptr, out.len) != (ssize_t)out.len) {
		fprintf(stderr, "gongkai: error: 无法写入 %s：%s\n", dest, strerror(errno));
		goto cleanup;
	}
	r = 0;
cleanup:
	if (fd >= 0 && close(fd) != 0 && r == 0) {
		fprintf(stderr, "gongkai: error: 无法写入 %s：%s\n", dest, strerror(errno));
		r = -1;
	}
	tpl_set_free(set);
	diag_free(&d);
	free(text);
	free(err);
	buf_free(&path);
	buf_free(&out);
	return r;
}

/* Write len bytes to path by way of a temporary file, so that an editor
 * reading it never sees half of it. */
static int write_whole(const char *path, const char *data, size_t len)
{
	struct buf tmp = BUF_INIT;
	int fd, r = -1;
	buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0 && write(fd, data, len) == (ssize_t)len && close(fd) == 0) {
		fd = -1;
		r = rename(tmp.ptr, path);
	}
	if (r != 0) {
		fprintf(stderr, "gongkai: error: 无法写入 %s：%s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp.ptr);
	}
	buf_free(&tmp);
	return r;
}

static const char *const editor_files[][2] = {
	{ "init/vscode-settings.json", ".vscode/settings.json" },
	{ "init/vscode-extensions.json", ".vscode/extensions.json" },
};

int scaffold_editor(const char *dir, struct arena *a, struct val *written)
{
	struct source *shipped = NULL;
	struct source_entry *e = NULL;
	struct buf to = BUF_INIT;
	size_t n = 0;
	int count = 0;

	source_open_dir(&shipped, layouts_dir());
	if (source_list(shipped, "schemas", &e, &n) != 0) {
		fprintf(stderr, "gongkai: error: 找不到 %s/schemas/; gongkai 没有装好，请重新安装（make install）\n",
			layouts_dir());
		count = -1;
	}
	for (size_t i = 0; count >= 0 && i < n; i++) {
		char *ours = NULL, *theirs = NULL, *err = NULL;
		size_t olen = 0, tlen = 0;
		const char *rel = arena_printf(a, ".gongkai/schemas/%s", e[i].name);
		if (e[i].is_dir)
			continue;
		buf_clear(&to);
		buf_printf(&to, "%s/schemas/%s", layouts_dir(), e[i].name);
		if (file_read(to.ptr, &ours, &olen, &err) != 0) {
			fprintf(stderr, "gongkai: error: 无法读取 %s：%s\n", to.ptr, err ? err : "?");
			count = -1;
		} else {
			buf_clear(&to);
			buf_printf(&to, "%s/.gongkai", dir);
			mkdir(to.ptr, 0755);
			buf_puts(&to, "/schemas");
			mkdir(to.ptr, 0755);
			buf_printf(&to, "/%s", e[i].name);
			if (file_read(to.ptr, &theirs, &tlen, NULL) == 0 && tlen == olen &&
			    memcmp(ours, theirs, olen) == 0)
				; /* up to date */
			else if (write_whole(to.ptr, ours, olen) != 0)
				count = -1;
			else {
				count++;
				if (written)
					val_push(a, written, val_str(a, rel));
			}
		}
		free(ours);
		free(theirs);
		free(err);
	}
	for (size_t i = 0; count >= 0 && i < sizeof(editor_files) / sizeof(editor_files[0]); i++) {
		struct stat st;
		buf_clear(&to);
		buf_printf(&to, "%s/.vscode", dir);
		mkdir(to.ptr, 0755);
		buf_printf(&to, "/%s", strrchr(editor_files[i][1], '/') + 1);
		if (lstat(to.ptr, &st) == 0)
			continue;
		if (scaffold_file(editor_files[i][0], to.ptr, NULL, 0644) != 0) {
			count = -1;
			break;
		}
		count++;
		if (written)
			val_push(a, written, val_str(a, editor_files[i][1]));
	}
	source_entries_free(e, n);
	source_free(shipped);
	buf_free(&to);
	return count;
}

static const char *const plan_files[] = { "plan.md", "tasks.yaml", "schedule.yaml", "indicators.yaml" };

int scaffold_plan(const char *slug)
{
	struct buf dir = BUF_INIT, from = BUF_INIT, to = BUF_INIT;
	struct arena *a = arena_new();
	struct stat st;
	int status = 0, year = 0;

	if (!id_valid(slug)) {
		fprintf(stderr, "gongkai: error: 文件夹名 \"%s\" 不合规; 只用小写英文字母、数字和 -，如 2025-rugao-yangxian\n", slug);
		status = 2;
		goto cleanup;
	}
	if (stat("content", &st) != 0) {
		fprintf(stderr, "gongkai: error: 这里没有 content/ 文件夹; 在内容仓库的根目录运行，或用 -C 指定它；要新建一个内容仓库，运行 gongkai init\n");
		status = 2;
		goto cleanup;
	}
	/* A leading year in the slug is the plan's year. */
	if (strlen(slug) >= 4)
		year = atoi(slug);
	if (year < 1949 || year > 2999)
		year = 2025;
	struct val *vars = val_map(a);
	val_set_int(a, vars, "year", year);

	buf_printf(&dir, "content/plans/%s", slug);
	if (mkdir("content/plans", 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gongkai: error: 无法建立 content/plans：%s\n", strerror(errno));
		status = 2;
		goto cleanup;
	}
	if (mkdir(dir.ptr, 0755) != 0) {
		fprintf(stderr, "gongkai: error: 无法建立 %s：%s\n", dir.ptr,
			errno == EEXIST ? "已经存在" : strerror(errno));
		status = 2;
		goto cleanup;
	}
	for (size_t i = 0; i < sizeof(plan_files) / sizeof(plan_files[0]); i++) {
		buf_clear(&from);
		buf_clear(&to);
		buf_printf(&from, "plan/%s", plan_files[i]);
		buf_printf(&to, "%s/%s", dir.ptr, plan_files[i]);
		if (scaffold_file(from.ptr, to.ptr, vars, 0644) != 0)
			status = 2;
	}
	if (!status)
		printf("已建立 %s/：plan.md、tasks.yaml、schedule.yaml、indicators.yaml。\n"
		       "照原文填写（原文没有的表，删掉那个文件），然后运行 gongkai check：它会逐条指出还要填写什么。\n",
		       dir.ptr);
	int n = status ? 0 : scaffold_editor(".", a, NULL);
	if (n < 0)
		status = 2;
	else if (n > 0)
		printf("已补上编辑器检查用的 %d 个文件（.gongkai/schemas/、.vscode/），请一并提交。\n", n);
cleanup:
	arena_free(a);
	buf_free(&dir);
	buf_free(&from);
	buf_free(&to);
	return status;
}
