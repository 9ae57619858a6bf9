/* gongkai: command-line entry. Reads the command and its options against
 * one table of commands and one of options, so that usage, `help CMD`,
 * `CMD --help`, the "did you mean" of a mistyped name and the man page
 * (docs/gongkai.1, checked against `gongkai help` by tests/cli/help.sh)
 * all say the same thing. */
#include "build.h"
#include "buf.h"
#include "diag.h"
#include "history.h"
#include "init.h"
#include "publish.h"
#include "scaffold.h"
#include "serve.h"
#include "utf8.h"

#include <cmark-gfm.h>
#include <git2.h>
#include <microhttpd.h>
#include <yaml.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERSION "0.1.0"

#ifndef GONGKAI_GUIDE
#define GONGKAI_GUIDE "/usr/local/share/doc/gongkai/guide.zh.md"
#endif

enum opt_id {
	OPT_DIR, OPT_OUTPUT, OPT_JOBS, OPT_REF, OPT_QUIET, OPT_BRANCH, OPT_TO,
	OPT_PORT, OPT_BIND, OPT_HELP, OPT_VERSION, OPT_COUNT
};

#define O(id) (1u << (id))

static const struct opt {
	const char *shrt; /* "-C", or NULL */
	const char *lng;  /* "--dir" */
	const char *arg;  /* what the value is, or NULL for a flag */
	const char *help;
} opts[OPT_COUNT] = {
	[OPT_DIR] = { "-C", "--dir", "目录", "内容仓库的根目录（含 content/），默认当前目录" },
	[OPT_OUTPUT] = { "-o", "--output", "目录", "网站文件夹，默认 site（相对于内容仓库）" },
	[OPT_JOBS] = { "-j", "--jobs", "数量", "同时生成页面的线程数（1 到 256），默认等于处理器数" },
	[OPT_REF] = { NULL, "--ref", "版本", "从版本库中的某个提交、标签或分支读取内容，不需要检出" },
	[OPT_QUIET] = { "-q", "--quiet", NULL, "不显示最后的统计行" },
	[OPT_BRANCH] = { NULL, "--branch", "分支", "提交到哪个分支，默认 site" },
	[OPT_TO] = { NULL, "--to", "目录", "同时把网站原子地替换到这个目录（网站服务器的网站根目录）" },
	[OPT_PORT] = { "-p", "--port", "端口", "预览用的端口，默认 8080（被占用时自动换一个）；0 表示任选一个空闲端口" },
	[OPT_BIND] = { NULL, "--bind", "地址", "在哪个地址上提供预览，默认 127.0.0.1（只有本机能打开）" },
	[OPT_HELP] = { "-h", "--help", NULL, "显示这段说明" },
	[OPT_VERSION] = { NULL, "--version", NULL, "显示版本" },
};

enum cmd_id { CMD_INIT, CMD_CHECK, CMD_BUILD, CMD_SERVE, CMD_NEW, CMD_PUBLISH, CMD_HELP, CMD_VERSION, CMD_COUNT };

static const struct cmd {
	const char *name;
	const char *args;    /* positional arguments, as the synopsis shows them */
	const char *summary; /* one line, for the list of commands */
	const char *about;   /* a paragraph, for `help CMD` */
	unsigned opts;       /* the options it takes (besides --help) */
	unsigned min, max;   /* how many positional arguments */
} cmds[CMD_COUNT] = {
	[CMD_INIT] = { "init", "[目录]", "新建一个内容仓库",
		"在目录（默认当前目录）里建立内容仓库：content/ 下的网站设置、地区、责任单位和一份示例计划，"
		".gitignore、持续集成（CI）模板，git 仓库和第一次提交，以及每次提交前运行 gongkai check 的检查。\n"
		"目录里已经有 content/ 时，只补上提交前检查，别的什么也不改。",
		O(OPT_DIR), 0, 1 },
	[CMD_CHECK] = { "check", "", "检查内容，逐条报告 文件:行:列: 问题",
		"读一遍 content/ 和 layouts/ 的全部文件，列出所有错误和警告，不生成网站。",
		O(OPT_DIR) | O(OPT_REF) | O(OPT_QUIET), 0, 0 },
	[CMD_BUILD] = { "build", "", "生成网站（content/ → site/）",
		"把 content/ 生成网站，写入网站文件夹（默认 site/）。有错误时什么也不改，原来的网站保持不变。",
		O(OPT_DIR) | O(OPT_OUTPUT) | O(OPT_JOBS) | O(OPT_REF) | O(OPT_QUIET), 0, 0 },
	[CMD_SERVE] = { "serve", "", "一边修改一边在浏览器里预览",
		"生成网站并在本机提供预览；content/ 或 layouts/ 里的文件一保存，就重新生成，打开的页面自动刷新。"
		"内容有错误时，终端和页面顶部都会显示 文件:行:列 和问题，页面仍显示上一次成功生成的网站。"
		"预览写在临时文件夹里，不改动 site/。按 Ctrl-C 停止。",
		O(OPT_DIR) | O(OPT_PORT) | O(OPT_BIND) | O(OPT_JOBS), 0, 0 },
	[CMD_NEW] = { "new", "plan 文件夹名", "新建一个计划的文件夹和模板文件",
		"建立 content/plans/文件夹名/ 和 plan.md、tasks.yaml、schedule.yaml、indicators.yaml 四个模板文件。"
		"文件夹名只用小写英文字母、数字和 -，习惯写成“年度-东部地区-西部地区”，如 2025-rugao-yangxian。",
		O(OPT_DIR), 2, 2 },
	[CMD_PUBLISH] = { "publish", "", "把生成的网站提交到 site 分支（并部署）",
		"把网站文件夹（默认 site/）作为一次提交记到分支 site 上，留下公开内容的版本记录；"
		"网站没有变化时不提交。用 --to 时，同时把这个网站原子地替换到网站服务器的目录。",
		O(OPT_DIR) | O(OPT_OUTPUT) | O(OPT_BRANCH) | O(OPT_TO), 0, 0 },
	[CMD_HELP] = { "help", "[命令]", "显示某个命令的用法", "显示某个命令的用法和选项；不写命令时列出全部命令。", 0, 0, 1 },
	[CMD_VERSION] = { "version", "", "显示版本", "显示 gongkai 和它所用的程序库的版本。", 0, 0, 0 },
};

static const char exit_status[] =
	"退出状态：0 成功（可以有警告）；1 内容或模板有错误；2 用法错误、找不到内容或无法读写。\n";

/* Columns a text takes in a terminal: Chinese characters take two. */
static size_t width(const char *s)
{
	size_t w = 0, n = strlen(s);
	while (n) {
		unsigned cp;
		size_t k = utf8_decode(s, n, &cp);
		w += utf8_is_cjk(cp) ? 2 : 1;
		s += k;
		n -= k;
	}
	return w;
}

static void put_padded(struct buf *b, const char *s, size_t col)
{
	size_t w = width(s);
	buf_puts(b, s);
	do
		buf_putc(b, ' ');
	while (++w < col);
}

static void synopsis(struct buf *b, const struct cmd *c)
{
	buf_printf(b, "gongkai %s", c->name);
	if (c->args[0])
		buf_printf(b, " %s", c->args);
	for (int i = 0; i < OPT_COUNT; i++) {
		if (!(c->opts & O(i)))
			continue;
		const struct opt *o = &opts[i];
		buf_printf(b, " [%s%s%s]", o->shrt ? o->shrt : o->lng, o->arg ? " " : "", o->arg ? o->arg : "");
	}
}

static void cmd_help(const struct cmd *c)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "用法：");
	synopsis(&b, c);
	buf_printf(&b, "\n\n%s\n\n选项：\n", c->about);
	for (int i = 0; i < OPT_COUNT; i++) {
		if (!(c->opts & O(i)) && i != OPT_HELP)
			continue;
		const struct opt *o = &opts[i];
		struct buf label = BUF_INIT;
		buf_printf(&label, "  %s%s%s%s%s", o->shrt ? o->shrt : "  ", o->shrt ? ", " : "  ", o->lng,
			   o->arg ? " " : "", o->arg ? o->arg : "");
		put_padded(&b, label.ptr, 24);
		buf_printf(&b, "%s\n", o->help);
		buf_free(&label);
	}
	buf_printf(&b, "\n%s", exit_status);
	fputs(b.ptr, stdout);
	buf_free(&b);
}

static void general_help(FILE *f)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "gongkai：把工作计划的文本文件生成公开网站。\n\n用法：gongkai 命令 [选项]\n\n命令：\n");
	for (int i = 0; i < CMD_COUNT; i++) {
		struct buf label = BUF_INIT;
		buf_printf(&label, "  %s%s%s", cmds[i].name, cmds[i].args[0] ? " " : "", cmds[i].args);
		put_padded(&b, label.ptr, 24);
		buf_printf(&b, "%s\n", cmds[i].summary);
		buf_free(&label);
	}
	buf_printf(&b, "\n用 gongkai help 命令（或 gongkai 命令 --help）查看一个命令的选项。\n"
		   "录入人员指南（中文）：%s\n手册：man gongkai\n", GONGKAI_GUIDE);
	fputs(b.ptr, f);
	buf_free(&b);
}

static void version(void)
{
	int maj, min, rev;
	git_libgit2_version(&maj, &min, &rev);
	printf("gongkai %s\n", VERSION);
	printf("cmark-gfm %s\nlibyaml %s\nlibgit2 %d.%d.%d\nlibmicrohttpd %s\n",
	       cmark_version_string(), yaml_get_version_string(), maj, min, rev, MHD_get_version());
}

/* The name among n names closest to s, if it is close enough to be a
 * likely typo; else NULL. */
static const char *closest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		size_t d = utf8_distance(s, names[i]);
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	size_t len = utf8_count(s, strlen(s));
	if (len <= 2)
		return NULL; /* "-x" is one letter from every short option */
	size_t limit = len <= 3 ? 1 : len <= 7 ? 2 : 3;
	return best && best_d <= limit ? best : NULL;
}

/* Report a usage error (with a suggestion, if any) and return 2. */
static int usage_error(const struct cmd *c, const char *suggest, const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "gongkai: error: ");
	buf_printf(&b, fmt, arg);
	if (suggest)
		buf_printf(&b, "; 是不是想写 \"%s\"？", suggest);
	buf_putc(&b, '\n');
	if (c) {
		buf_puts(&b, "用法：");
		synopsis(&b, c);
		buf_printf(&b, "\n用 gongkai help %s 查看说明\n", c->name);
	} else {
		buf_puts(&b, "用 gongkai help 查看全部命令\n");
	}
	fputs(b.ptr, stderr);
	buf_free(&b);
	return 2;
}

static const struct cmd *find_cmd(const char *name)
{
	for (int i = 0; i < CMD_COUNT; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

static int unknown_cmd(const char *name)
{
	const char *names[CMD_COUNT];
	for (int i = 0; i < CMD_COUNT; i++)
		names[i] = cmds[i].name;
	return usage_error(NULL, closest(name, names, CMD_COUNT), "未知命令 \"%s\"", name);
}

/* The option spelt a (without any "=value"), or -1. */
static int find_opt(const char *a, size_t n)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct opt *o = &opts[i];
		if ((o->shrt && strlen(o->shrt) == n && strncmp(a, o->shrt, n) == 0) ||
		    (strlen(o->lng) == n && strncmp(a, o->lng, n) == 0))
			return i;
	}
	return -1;
}

static int unknown_opt(const struct cmd *c, const char *a)
{
	const char *names[2 * OPT_COUNT];
	for (int i = 0; i < OPT_COUNT; i++) {
		int ok = !c || (c->opts & O(i)) || i == OPT_HELP || i == OPT_VERSION;
		names[2 * i] = ok ? opts[i].lng : NULL;
		names[2 * i + 1] = ok ? opts[i].shrt : NULL;
	}
	return usage_error(c, closest(a, names, 2 * OPT_COUNT), "未知选项 \"%s\"", a);
}

/* The parsed command line. */
struct args {
	const struct cmd *cmd;
	const char *val[OPT_COUNT]; /* each option's value ("" for a flag given), or NULL */
	const char *pos[4];         /* positional arguments after the command */
	unsigned npos;
};

static int parse(struct args *A, int argc, char **argv)
{
	memset(A, 0, sizeof(*A));
	/* The command first: options may come before or after it. */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] == '-' && a[1]) {
			const char *eq = strchr(a, '=');
			int id = find_opt(a, eq ? (size_t)(eq - a) : strlen(a));
			if (id >= 0 && opts[id].arg && !eq)
				i++;
			continue;
		}
		A->cmd = find_cmd(a);
		if (!A->cmd)
			return unknown_cmd(a);
		break;
	}
	int seen_cmd = 0, dashdash = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && a[0] == '-' && a[1]) {
			const char *eq = strchr(a, '=');
			size_t n = eq ? (size_t)(eq - a) : strlen(a);
			int id = find_opt(a, n);
			if (id < 0) {
				struct buf name = BUF_INIT;
				buf_put(&name, a, n);
				int r = unknown_opt(A->cmd, name.ptr);
				buf_free(&name);
				return r;
			}
			if (id != OPT_HELP && id != OPT_VERSION && A->cmd && !(A->cmd->opts & O(id))) {
				struct buf m = BUF_INIT;
				buf_printf(&m, "%s 没有选项 \"%%s\"", A->cmd->name);
				int r = usage_error(A->cmd, NULL, m.ptr, opts[id].lng);
				buf_free(&m);
				return r;
			}
			const char *v = "";
			if (opts[id].arg) {
				if (eq)
					v = eq + 1;
				else if (i + 1 < argc)
					v = argv[++i];
				else
					return usage_error(A->cmd, NULL, "%s 后面要跟一个值", a);
			} else if (eq) {
				return usage_error(A->cmd, NULL, "%s 不带值", opts[id].lng);
			}
			A->val[id] = v;
			continue;
		}
		if (!seen_cmd) {
			seen_cmd = 1;
			continue;
		}
		if (A->npos < sizeof(A->pos) / sizeof(A->pos[0]))
			A->pos[A->npos] = a;
		A->npos++;
	}
	return 0;
}

static int check_count(const struct args *A)
{
	const struct cmd *c = A->cmd;
	if (A->npos > c->max)
		return usage_error(c, NULL, "多余的参数 \"%s\"", A->pos[c->max < 4 ? c->max : 3]);
	if (A->npos < c->min)
		return usage_error(c, NULL, "%s", A->npos ? "缺少参数" : "缺少参数：要写新计划的文件夹名，如 2025-rugao-yangxian");
	return 0;
}

/* The site folder records the commit it was built from in its manifest. */
static char *built_from(const char *site)
{
	char path[4096], line[256];
	snprintf(path, sizeof(path), "%s/manifest.txt", site);
	FILE *f = fopen(path, "r");
	char *id = NULL;
	if (!f)
		return NULL;
	while (!id && fgets(line, sizeof(line), f))
		if (strncmp(line, "# built from commit ", 20) == 0 && strlen(line) >= 60)
			id = strndup(line + 20, 40);
	fclose(f);
	return id;
}

static int publish(const char *site, const char *branch, const char *to)
{
	struct diag d = DIAG_INIT;
	char *from = built_from(site);
	history_git_init();
	int r = publish_site(".", site, branch, from, &d);
	if (r == 0 && to)
		r = publish_deploy(site, to, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	history_git_shutdown();
	free(from);
	return r == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
	struct args A;
	int r = parse(&A, argc, argv);
	if (r)
		return r;
	if (A.val[OPT_VERSION] || (A.cmd && A.cmd - cmds == CMD_VERSION && !A.val[OPT_HELP])) {
		version();
		return 0;
	}
	if (!A.cmd) {
		if (A.val[OPT_HELP]) {
			general_help(stdout);
			return 0;
		}
		fputs("gongkai: error: 缺少命令\n\n", stderr);
		general_help(stderr);
		return 2;
	}
	if (A.val[OPT_HELP]) {
		cmd_help(A.cmd);
		return 0;
	}
	if ((r = check_count(&A)) != 0)
		return r;

	enum cmd_id id = (enum cmd_id)(A.cmd - cmds);
	if (id == CMD_HELP) {
		if (A.npos == 0) {
			general_help(stdout);
			return 0;
		}
		const struct cmd *c = find_cmd(A.pos[0]);
		if (!c)
			return unknown_cmd(A.pos[0]);
		cmd_help(c);
		return 0;
	}
	if (id == CMD_NEW && strcmp(A.pos[0], "plan") != 0) {
		const char *what[] = { "plan" };
		return usage_error(A.cmd, closest(A.pos[0], what, 1), "不能新建 \"%s\"：现在只能新建计划（plan）", A.pos[0]);
	}

	struct build_opts o = { .out = A.val[OPT_OUTPUT] ? A.val[OPT_OUTPUT] : "site" };
	if (A.val[OPT_JOBS]) {
		char *end;
		long n = strtol(A.val[OPT_JOBS], &end, 10);
		if (*end || end == A.val[OPT_JOBS] || n < 1 || n > 256)
			return usage_error(A.cmd, NULL, "-j 要跟 1 到 256 之间的整数，这里是 \"%s\"", A.val[OPT_JOBS]);
		o.jobs = (int)n;
	}
	o.ref = A.val[OPT_REF];
	o.quiet = A.val[OPT_QUIET] != NULL;
	const char *dir = A.val[OPT_DIR];
	if (dir && chdir(dir) != 0) {
		fprintf(stderr, "gongkai: error: 无法进入目录 %s：%s\n", dir, strerror(errno));
		return 2;
	}

	switch (id) {
	case CMD_INIT:
		return init_repo(A.npos ? A.pos[0] : ".");
	case CMD_CHECK:
	case CMD_BUILD:
		o.check_only = id == CMD_CHECK;
		return build_run(&o);
	case CMD_SERVE: {
		struct serve_opts so = { .jobs = o.jobs, .port = -1, .bind = A.val[OPT_BIND] };
		if (A.val[OPT_PORT]) {
			char *end;
			long p = strtol(A.val[OPT_PORT], &end, 10);
			if (*end || end == A.val[OPT_PORT] || p < 0 || p > 65535)
				return usage_error(A.cmd, NULL, "端口要写 0 到 65535 之间的整数，这里是 \"%s\"", A.val[OPT_PORT]);
			so.port = (int)p;
		}
		return serve_run(&so);
	}
	case CMD_NEW:
		return scaffold_plan(A.pos[1]);
	case CMD_PUBLISH:
		return publish(o.out, A.val[OPT_BRANCH] ? A.val[OPT_BRANCH] : "site", A.val[OPT_TO]);
	default:
		return 2;
	}
}
