/* build: load, check, render, write — the `build` and `check` commands.
 *
 * The stages never reach back: the model is loaded and checked once, the
 * layouts are parsed once, and then every page is rendered on its own (on
 * as many threads as asked) into a temporary folder that replaces the
 * target only when everything succeeded. */
#ifndef GONGKAI_BUILD_H
#define GONGKAI_BUILD_H

#include <stddef.h>

struct diag;

struct build_opts {
	const char *out;   /* output folder (default "site") */
	const char *ref;   /* git ref to build from, or NULL for the working tree */
	int jobs;          /* render threads; 0 = one per processor */
	int check_only;    /* 1: validate only, write nothing */
	int quiet;         /* 1: no summary line */
};

/* Run a build or check in the current folder and print what it found.
 * Returns the exit status: 0 success (warnings allowed), 1 errors in
 * content or layouts, 2 other failures (cannot write, not a content
 * folder). */
int build_run(const struct build_opts *o);

/* What one run of a builder did, beside its diagnostics. */
struct build_report {
	size_t npages;  /* pages written; 0 for a check or a failed build */
	int loaded;     /* 1: content/ was read (the summary line applies) */
	int no_content; /* 1: there is no content/ folder here */
	int no_history; /* 1: not a git repository (or no commit yet) */
	int no_base_url; /* 1: site.yaml gives no base_url: no sitemap, relative feed links */
};

/* What to say for no_content and no_history. */
#define BUILD_NO_CONTENT "这里没有 content/ 文件夹; 在内容仓库的根目录运行，或用 -C 指定它；" \
	"要新建一个内容仓库，运行 gongkai init"
#define BUILD_NO_HISTORY "这里不是 git 仓库（或还没有提交）：网站照常生成，" \
	"但不显示发布日期、更新记录和目标调整记录"

#define BUILD_NO_BASE_URL "content/site.yaml 没有写 base_url（网站的完整地址）：没有生成 sitemap.xml，" \
	"订阅源和数据文件中的链接是相对的，日历不能用 webcal:// 订阅；发布前请写上，例如 base_url: https://xiezuo.example.gov.cn/"

/* A build that runs again and again over the same folder (gongkai serve).
 * Each run is one call; whatever a later, incremental builder keeps
 * between runs lives here. */
struct builder;

/* o is copied; the strings it points to must outlive the builder. */
struct builder *builder_new(const struct build_opts *o);
/* Build (or check) the current folder once. Diagnostics go to d and
 * nothing is printed; returns the exit status as build_run does. A failed
 * build leaves the output folder as it was. */
int builder_run(struct builder *b, struct diag *d, struct build_report *r);
void builder_free(struct builder *b);

#endif
