/* init: a content repository from nothing (see init.h). */
#include "init.h"
#include "arena.h"
#include "buf.h"
#include "history.h"
#include "scaffold.h"
#include "value.h"

#include <git2.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What init writes: template under layouts/scaffold/, path in DIR, and
 * whether an existing file is kept (files a server may have made when the
 * repository was created there). Nothing under content/ can exist yet: a
 * folder with content/ only gets the hook. */
static const struct {
	const char *tpl;
	const char *dest;
	int keep;
} files[] = {
	{ "init/site.yaml", "content/site.yaml", 0 },
	{ "init/regions.yaml", "content/regions.yaml", 0 },
	{ "init/units-jiashi.yaml", "content/units/jiashi.yaml", 0 },
	{ "init/units-yixian.yaml", "content/units/yixian.yaml", 0 },
	{ "init/example/plan.md", "content/plans/example/plan.md", 0 },
	{ "init/example/tasks.yaml", "content/plans/example/tasks.yaml", 0 },
	{ "init/example/schedule.yaml", "content/plans/example/schedule.yaml", 0 },
	{ "init/example/indicators.yaml", "content/plans/example/indicators.yaml", 0 },
	{ "init/example/progress.yaml", "content/plans/example/progress.yaml", 0 },
	{ "init/gitignore", ".gitignore", 1 },
	{ "init/editorconfig", ".editorconfig", 1 },
	{ "init/README.md", "README.md", 1 },
	{ "init/gitlab-ci.yml", ".gitlab-ci.yml", 1 },
	{ "init/gitea-publish.yaml", ".gitea/workflows/publish.yaml", 1 },
};
#define NFILES (sizeof(files) / sizeof(files[0]))

#define COMMIT_MESSAGE "用 gongkai init 建立内容仓库\n"

/* Make every folder of path (not its last part). */
static int mkdirs(const char *path)
{
	char *p = xstrdup(path);
	int r = 0;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "gongkai: error: 无法建立文件夹 %s：%s\n", p, strerror(errno));
			r = -1;
			break;
		}
		*s = '/';
	}
	free(p);
	return r;
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* s quoted for the shell, in single quotes. */
static void shell_quote(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(b, "'\\''");
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '\'');
}

/* Install the pre-commit hook in repo, unless one is there. Returns 1 if
 * installed, 0 if one was there already, -1 on error. */
static int install_hook(git_repository *repo, struct arena *a)
{
	struct buf path = BUF_INIT, self = BUF_INIT;
	char exe[PATH_MAX];
	int r;

	buf_printf(&path, "%shooks", git_repository_path(repo));
	if (mkdir(path.ptr, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gongkai: error: 无法建立 %s：%s\n", path.ptr, strerror(errno));
		buf_free(&path);
		return -1;
	}
	buf_puts(&path, "/pre-commit");
	if (exists(path.ptr)) {
		buf_free(&path);
		return 0;
	}
	/* The hook finds gongkai on PATH, or else where this one is: a
	 * graphical git client may run hooks with a shorter PATH. */
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	shell_quote(&self, n > 0 ? exe : "/usr/local/bin/gongkai");
	struct val *vars = val_map(a);
	val_set_str(a, vars, "gongkai", self.ptr);
	r = scaffold_file("init/pre-commit", path.ptr, vars, 0755) == 0 ? 1 : -1;
	buf_free(&path);
	buf_free(&self);
	return r;
}

/* git init on branch main, add the files init wrote (and nothing else
 * that may be in the folder), commit. Prints the commit. */
static int first_commit(git_repository **out, const char *dir, const int *written,
			const struct val *editor)
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, id;
	int r = -1, anonymous = 0;
	char hex[GIT_OID_HEXSZ + 1];
	git_repository_init_options opts;

	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, dir, &opts) < 0 ||
	    git_repository_index(&index, repo) < 0)
		goto git_fail;
	for (size_t i = 0; i < NFILES; i++)
		if (written[i] && git_index_add_bypath(index, files[i].dest) < 0)
			goto git_fail;
	for (size_t i = 0; i < editor->len; i++)
		if (git_index_add_bypath(index, editor->items[i]->s) < 0)
			goto git_fail;
	if (git_index_write(index) < 0 ||
	    git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0)
		goto git_fail;
	if (git_signature_default(&sig, repo) < 0) {
		anonymous = 1;
		if (git_signature_now(&sig, "gongkai", "gongkai@localhost") < 0)
			goto git_fail;
	}
	if (git_commit_create(&id, repo, "HEAD", sig, sig, NULL, COMMIT_MESSAGE, tree, 0, NULL) < 0)
		goto git_fail;
	git_oid_tostr(hex, sizeof(hex), &id);
	printf("已建立 git 仓库（分支 main）并提交：%.7s %s", hex, COMMIT_MESSAGE);
	if (anonymous)
		printf("注意：这台电脑还没有设置 git 的用户名，第一次提交记在“gongkai”名下。以后提交之前先设置：\n"
		       "  git config --global user.name \"您的姓名\"\n"
		       "  git config --global user.email \"您的邮箱\"\n");
	*out = repo;
	repo = NULL;
	r = 0;
	goto cleanup;
git_fail:
	fprintf(stderr, "gongkai: error: 建立 git 仓库失败：%s\n", history_git_error());
cleanup:
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return r;
}

/* A colleague's clone: only the hook. */
static int init_existing(const char *dir, struct arena *a)
{
	git_repository *repo = NULL;
	int r = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (r < 0) {
		fprintf(stderr, "gongkai: error: %s 里已经有 content/，但它不是 git 仓库的根目录; "
			"内容仓库要用 git 管理：用 git clone 取得它，或在它的根目录运行 gongkai init\n", dir);
		return 2;
	}
	r = install_hook(repo, a);
	git_repository_free(repo);
	int n = r < 0 ? 0 : scaffold_editor(dir, a, NULL);
	if (r < 0 || n < 0)
		return 2;
	if (n > 0)
		printf("已更新编辑器检查用的 %d 个文件（.gongkai/schemas/、.vscode/）：用 git add . 和 git commit 提交。\n", n);
	if (r == 0)
		printf(n ? "提交前检查（.git/hooks/pre-commit）已经有了。\n"
			 : "这里已经是内容仓库，也已经有提交前检查（.git/hooks/pre-commit）：什么也没有改动。\n");
	else
		printf(n ? "已安装提交前检查：每次提交前运行 gongkai check。\n"
			 : "这里已经是内容仓库：只安装了提交前检查（每次提交前运行 gongkai check），别的什么也没有改动。\n");
	return 0;
}

int init_repo(const char *dir)
{
	struct arena *a = arena_new();
	struct buf path = BUF_INIT;
	git_repository *repo = NULL;
	int status = 2, existing_repo = 0;
	int written[NFILES] = { 0 };
	char year[16];
	time_t now = time(NULL);
	struct tm tm;

	history_git_init();
	buf_printf(&path, "%s/content", dir);
	if (exists(path.ptr)) {
		status = init_existing(dir, a);
		goto cleanup;
	}
	struct stat st;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gongkai: error: %s 已经存在，但不是文件夹; 换一个名字\n", dir);
		goto cleanup;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gongkai: error: 无法建立文件夹 %s：%s\n", dir, strerror(errno));
		goto cleanup;
	}
	existing_repo = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0;

	/* The example plan is for this year (the only thing init takes from
	 * the clock; builds never do). */
	localtime_r(&now, &tm);
	snprintf(year, sizeof(year), "%d", tm.tm_year + 1900);
	struct val *vars = val_map(a);
	val_set_str(a, vars, "year", year);
	for (size_t i = 0; i < NFILES; i++) {
		buf_clear(&path);
		buf_printf(&path, "%s/%s", dir, files[i].dest);
		if (files[i].keep && exists(path.ptr)) {
			printf("保留已有的 %s\n", files[i].dest);
			continue;
		}
		if (mkdirs(path.ptr) != 0 || scaffold_file(files[i].tpl, path.ptr, vars, 0644) != 0)
			goto cleanup;
		written[i] = 1;
	}
	struct val *editor = val_list(a);
	if (scaffold_editor(dir, a, editor) < 0)
		goto cleanup;
	printf("已在 %s 建立内容仓库：\n"
	       "  content/site.yaml         网站名称和简介\n"
	       "  content/regions.yaml      地区和结对关系（甲市、乙县是示例）\n"
	       "  content/units/            责任单位登记（示例）\n"
	       "  content/plans/example/    一份示例计划，每个字段都有说明\n"
	       "  .gitlab-ci.yml、.gitea/   推送后自动检查、生成、发布网站的持续集成模板\n"
	       "  .gongkai/、.vscode/       编辑器一边录入一边检查（VS Code 装上 YAML 扩展即可）\n",
	       dir);
	if (existing_repo) {
		printf("这里已经是 git 仓库：没有自动提交。检查无误后，用 git add . 和 git commit 提交。\n");
	} else if (first_commit(&repo, dir, written, editor) != 0) {
		goto cleanup;
	}
	int hook = install_hook(repo, a);
	if (hook < 0)
		goto cleanup;
	if (hook == 1)
		printf("已安装提交前检查：每次提交前自动运行 gongkai check，有错误就不提交。\n");
	printf("\n下一步：\n");
	if (strcmp(dir, ".") != 0)
		printf("  cd %s\n", dir);
	printf("  gongkai serve       在浏览器里预览，一边修改一边看\n"
	       "  gongkai check       检查内容\n"
	       "录入方法见《录入人员指南》（gongkai help 显示它的位置）。\n");
	status = 0;
cleanup:
	git_repository_free(repo);
	history_git_shutdown();
	buf_free(&path);
	arena_free(a);
	return status;
}
