/* html: the HTML pages of the site, one view builder per kind of page.
 *
 * html_pages lists every page to write; html_render builds one page's view
 * from the (read-only) model and renders it with its layout. Pages do not
 * depend on each other, so the builder renders them in any order, on any
 * number of threads. */
#ifndef GONGKAI_HTML_H
#define GONGKAI_HTML_H

#include <stddef.h>

#include "page.h"

struct arena;
struct buf;
struct deps;
struct diag;
struct plan;
struct site;

enum html_kind {
	HTML_HOME,
	HTML_PLAN,
	HTML_SCHEDULE,
	HTML_INDICATOR,
	HTML_UNIT,
	HTML_UNITS,
	HTML_REGION,
	HTML_REGIONS,
	HTML_YEAR,
	HTML_METHOD,
	HTML_CHANGES,
	HTML_PAGE,
	HTML_DATA,      /* 数据下载: every data file */
	HTML_SEARCH,    /* 搜索 */
	HTML_404,
};

struct html_page {
	enum html_kind kind; /* which builder */
	size_t index;        /* which plan, unit, region, page; the year for HTML_YEAR */
	size_t sub;          /* HTML_INDICATOR: which of the plan's all_indicators */
	const char *path;    /* output path, relative to the site root */
	struct slice sl;     /* a page of a list: year, region, unit, change log */
};

/* The pages of the site, in a fixed order. *out is malloc'd; paths live in a. */
size_t html_pages(struct html_page **out, const struct site *s, struct arena *a);

/* Whether a page belongs in the sitemap (not the 404 and search pages). */
int html_in_sitemap(const struct html_page *pg);
/* The plan a page shows (plan, schedule and indicator pages), or NULL. */
const struct plan *html_page_plan(const struct site *s, const struct html_page *pg);

/* Add to dp (begun with deps_begin) what the page is made from: every
 * input whose change may change its bytes (deps.h). */
void html_deps(struct deps *dp, const struct html_ctx *ctx, const struct html_page *pg);

/* Render one page into out. dp is the page's deps (html_deps, done): the
 * footer shows the commit that last changed them. a is for the view
 * (freed by the caller after the page is written). Returns 0, or -1 after
 * reporting to d. */
int html_render(struct buf *out, const struct html_ctx *ctx, const struct html_page *pg,
		const struct deps *dp, struct arena *a, struct diag *d);

#endif
