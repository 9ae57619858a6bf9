/* Value tree to content model: a small, valid site with one of its files
 * replaced by the input, loaded, derived and checked as `gongkai check`
 * does. The first byte chooses the file. */
#include "fuzz.h"

#include "diag.h"
#include "markdown.h"
#include "model.h"
#include "source.h"

#include <stdio.h>

static const char *const paths[] = {
	"content/site.yaml",
	"content/regions.yaml",
	"content/units/rugao.yaml",
	"content/plans/2023-rugao-yangxian/plan.md",
	"content/plans/2023-rugao-yangxian/tasks.yaml",
	"content/plans/2023-rugao-yangxian/schedule.yaml",
	"content/plans/2023-rugao-yangxian/indicators.yaml",
	"content/plans/2023-rugao-yangxian/progress.yaml",
	"content/pages/about.md",
};
#define NFILES (sizeof(paths) / sizeof(paths[0]))

static const char *const base[NFILES] = {
	"title: 测试网站\nbase_url: https://example.gov.cn/\n",
	"regions:\n  - id: rugao\n    name: 如皋市\n    short: 如皋\n  - id: yangxian\n    name: 洋县\n"
	"pairings:\n  - id: rugao-yangxian\n    east: rugao\n    west: yangxian\n",
	"units:\n  - id: rugao-fgw\n    name: 如皋市发展和改革委员会\n    region: rugao\n    aliases: [发改委]\n",
	"---\ntitle: 计划\nyear: 2023\nregion: rugao\nregions: [rugao, yangxian]\n"
	"pairings: [rugao-yangxian]\n---\n\n正文 [链接](https://example.gov.cn/)\n",
	"tasks:\n  - id: \"1\"\n    text: 任务\n    units: [发改委]\n    when: 下半年\n    indicators: [a]\n",
	"rows:\n  - id: \"1\"\n    unit: 发改委\n    activity: 活动\n    when: 7月\n  - id: \"2\"\n    when: 12月底前\n",
	"columns:\n  - key: rugao\n  - key: yangxian\n"
	"indicators:\n  - id: a\n    name: 指标\n    unit: 人\n    target: 10\n    by_region: {rugao: 6, yangxian: 4}\n"
	"    children:\n      - id: b\n        name: 其中\n        unit: 人\n        target: 5\n",
	"as_of: 2023-10-31\ntasks:\n  - id: \"1\"\n    status: 推进中\n"
	"schedule:\n  - id: \"2\"\n    status: 已完成\n    date: 2023-09-01\n"
	"indicators:\n  - id: a\n    values:\n      - date: 2023-09-30\n        value: 7\n        region: rugao\n",
	"---\ntitle: 关于\n---\n关于本站\n",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	md_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	size_t which = data[0] % NFILES;
	const char *text[NFILES];
	size_t lens[NFILES];
	for (size_t i = 0; i < NFILES; i++) {
		text[i] = base[i];
		lens[i] = strlen(base[i]);
	}
	text[which] = (const char *)data + 1;
	lens[which] = size - 1;
	struct source *src;
	struct diag d = DIAG_INIT;
	struct site *s = NULL;
	source_open_mem(&src, paths, text, lens, NFILES);
	src->d = &d;
	FUZZ_ASSERT(site_load(&s, src, SITE_TEXT_WARNINGS, &d) == 0);
	site_record(s, NULL, &d);
	diag_sort(&d);
	site_free(s);
	source_free(src);
	diag_free(&d);
	return 0;
}
