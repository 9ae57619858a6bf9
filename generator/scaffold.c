#include "scaffold.h"
#include "buf.h"
#include "fields.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *name;
	const char *text;
} files[] = {
	{ "plan.md",
	  "---\n"
	  "# 计划的基本信息：照原文填写。原文没有的项目保持注释（行首的 #），不要编造。\n"
	  "# 填好后运行 gongkai check，它会指出还缺什么。\n"
	  "title: \"\"        # 计划标题，照原文\n"
	  "year: %d\n"
	  "region: \"\"       # 发文一方的地区编号，见 content/regions.yaml，如 rugao\n"
	  "regions: []        # 计划涉及的地区编号，如 [rugao, yangxian]\n"
	  "# issuer: 发文机关\n"
	  "# doc_no: 发文字号\n"
	  "# written: %d-01-01      （成文日期）\n"
	  "# published: %d-01-01    （发布日期）\n"
	  "# index_no: 索引号        （发布机关政府信息公开目录中的编号）\n"
	  "# topic: 主题分类\n"
	  "# keywords: 主题词 主题词\n"
	  "---\n"
	  "\n"
	  "在这里照原文录入计划正文。一级标题（一、二、……）前面加 \"## \"，\n"
	  "二级标题（（一）（二）……）前面加 \"### \"，段落之间空一行。\n" },
	{ "tasks.yaml",
	  "# 重点工作：每项一段，按原文顺序。写法见 docs/guide.zh.md 第5节。例如：\n"
	  "#  - id: \"1\"\n"
	  "#    section: （一）所在小标题\n"
	  "#    title: 条目开头的短语\n"
	  "#    text: |-\n"
	  "#      条目的原文（不含“责任单位”括号）。\n"
	  "#    units: [责任单位一, 责任单位二]\n"
	  "tasks: []\n" },
	{ "schedule.yaml",
	  "# 重要活动安排：每行对应原表一行；部门栏空白（同上）就不写 unit。例如：\n"
	  "#  - id: \"1\"\n"
	  "#    unit: 部门名称\n"
	  "#    activity: 活动名称\n"
	  "#    detail: 具体内容\n"
	  "#    when: 下半年\n"
	  "columns: [部门, 重要活动安排, 具体内容, 拟推进时间]\n"
	  "rows: []\n" },
};

int scaffold_plan(const char *slug)
{
	struct buf dir = BUF_INIT, path = BUF_INIT, text = BUF_INIT;
	int status = 0;
	int year = 0;

	if (!id_valid(slug)) {
		fprintf(stderr, "gongkai: error: 文件夹名 \"%s\" 不合规; 只用小写英文字母、数字和 -，如 2025-rugao-yangxian\n", slug);
		return 2;
	}
	/* A leading year in the slug is the plan's year. */
	if (strlen(slug) >= 4)
		year = atoi(slug);
	if (year < 1949 || year > 2999)
		year = 2025;
	buf_printf(&dir, "content/plans/%s", slug);
	struct stat st;
	if (stat("content", &st) != 0) {
		fprintf(stderr, "gongkai: error: 这里没有 content/ 文件夹; 在内容仓库的根目录运行，或用 -C 指定它\n");
		return 2;
	}
	mkdir("content/plans", 0755);
	if (mkdir(dir.ptr, 0755) != 0) {
		fprintf(stderr, "gongkai: error: 无法建立 %s：%s\n", dir.ptr,
			errno == EEXIST ? "已经存在" : strerror(errno));
		buf_free(&dir);
		return 2;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		buf_clear(&path);
		buf_clear(&text);
		buf_printf(&path, "%s/%s", dir.ptr, files[i].name);
		if (i == 0)
			buf_printf(&text, files[i].text, year, year, year);
		else
			buf_puts(&text, files[i].text);
		FILE *f = fopen(path.ptr, "wx");
		if (!f || fwrite(text.ptr, 1, text.len, f) != text.len) {
			fprintf(stderr, "gongkai: error: 无法写入 %s：%s\n", path.ptr, strerror(errno));
			status = 2;
		}
		if (f)
			fclose(f);
	}
	if (!status)
		printf("已建立 %s/：plan.md、tasks.yaml、schedule.yaml。\n按原文填写，然后运行 gongkai check：它会逐条指出还要填写什么。\n", dir.ptr);
	buf_free(&dir);
	buf_free(&path);
	buf_free(&text);
	return status;
}
