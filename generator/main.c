/* gongkai: command-line entry. Parses arguments and hands over to the
 * command's module. */
#include "build.h"
#include "diag.h"
#include "history.h"
#include "publish.h"
#include "scaffold.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define VERSION "0.1.0"

static const char usage[] =
	"用法：\n"
	"  gongkai build [-C 目录] [-o 输出目录] [-j 线程数]   生成网站（默认 ./content → ./site）\n"
	"  gongkai check [-C 目录]                         只检查内容，报告 文件:行:列: 问题\n"
	"  gongkai build --ref 版本                        从版本库中的某个提交、标签或分支生成，不需要检出\n"
	"  gongkai new plan 文件夹名 [-C 目录]              新建一个计划的文件夹和模板文件\n"
	"  gongkai publish [--branch 分支] [-o 网站目录]    把生成的网站提交到分支（默认 site）\n"
	"  gongkai version                                 显示版本\n"
	"\n"
	"  -C 目录   内容仓库的根目录（含 content/），默认当前目录\n"
	"  -o 目录   输出目录，默认 site（相对于 -C 指定的目录）\n"
	"  -j 数量   同时生成页面的线程数，默认等于处理器数\n"
	"  -q        不显示最后的统计行\n";

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "gongkai: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n\n%s", usage);
	return 2;
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

static int publish(const char *site, const char *branch)
{
	struct diag d = DIAG_INIT;
	char *from = built_from(site);
	history_git_init();
	int r = publish_site(".", site, branch, from, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	history_git_shutdown();
	free(from);
	return r == 0 ? 0 : d.errors ? 1 : 2;
}

int main(int argc, char **argv)
{
	struct build_opts o = { .out = "site" };
	const char *dir = NULL, *cmd = NULL, *branch = NULL;
	const char *args[4];
	int nargs = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-C") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "-j") == 0 ||
		    strcmp(a, "--ref") == 0 || strcmp(a, "--branch") == 0) {
			if (i + 1 >= argc)
				return bad_usage("%s 后面要跟一个值", a);
			const char *v = argv[++i];
			if (a[1] == 'C')
				dir = v;
			else if (a[1] == 'o')
				o.out = v;
			else if (a[1] == 'j') {
				char *end;
				long n = strtol(v, &end, 10);
				if (*end || n < 1 || n > 256)
					return bad_usage("-j 要跟 1 到 256 之间的整数，这里是 \"%s\"", v);
				o.jobs = (int)n;
			} else if (strcmp(a, "--ref") == 0)
				o.ref = v;
			else
				branch = v;
		} else if (strcmp(a, "-q") == 0) {
			o.quiet = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "help") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (a[0] == '-') {
			return bad_usage("未知选项 \"%s\"", a);
		} else if (!cmd) {
			cmd = a;
		} else if (nargs < 4) {
			args[nargs++] = a;
		} else {
			return bad_usage("多余的参数 \"%s\"", a);
		}
	}
	if (!cmd)
		return bad_usage("%s", "缺少命令");
	if (strcmp(cmd, "version") == 0) {
		printf("gongkai %s\n", VERSION);
		return 0;
	}
	if (dir && chdir(dir) != 0) {
		fprintf(stderr, "gongkai: error: 无法进入目录 %s：%s\n", dir, strerror(errno));
		return 2;
	}
	if (branch && strcmp(cmd, "publish") != 0)
		return bad_usage("--branch 只用于 publish，这里是 \"%s\"", cmd);
	if (strcmp(cmd, "build") == 0 || strcmp(cmd, "check") == 0) {
		if (nargs)
			return bad_usage("多余的参数 \"%s\"", args[0]);
		o.check_only = cmd[0] == 'c';
		return build_run(&o);
	}
	if (strcmp(cmd, "publish") == 0) {
		if (nargs)
			return bad_usage("多余的参数 \"%s\"", args[0]);
		return publish(o.out, branch ? branch : "site");
	}
	if (strcmp(cmd, "new") == 0) {
		if (nargs != 2 || strcmp(args[0], "plan") != 0)
			return bad_usage("%s", "用法：gongkai new plan 文件夹名（如 2025-rugao-yangxian）");
		return scaffold_plan(args[1]);
	}
	return bad_usage("未知命令 \"%s\"", cmd);
}
