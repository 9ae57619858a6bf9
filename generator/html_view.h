/* html_view: what the page builders share (internal to html*.c, page_*.c).
 *
 * A page_view is one page being built: its arena, its view map, and its
 * relative path to the site root. The helpers set keys on view maps; a
 * NULL text sets the key to null, which stops Mustache's lookup there (so
 * a task without a title never shows the title of its section). */
#ifndef GONGKAI_HTML_VIEW_H
#define GONGKAI_HTML_VIEW_H

#include "html.h"
#include "model.h"

struct page_view {
	const struct html_ctx *ctx;
	struct arena *a;
	struct val *v;    /* the view's root map */
	const char *root; /* relative prefix to the site root */
	int sample;       /* the page shows sample progress data */
};

const char *T(const struct page_view *pv, const char *key);
void set(struct page_view *pv, struct val *m, const char *key, const char *s);
void set_int(struct page_view *pv, struct val *m, const char *key, long long n);
void set_bool(struct page_view *pv, struct val *m, const char *key, int b);
/* root + printf(fmt, ...) */
const char *page_url(struct page_view *pv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *date_zh(struct page_view *pv, int day);
/* "8月30日" (no year) */
const char *date_md(struct page_view *pv, int day);
const char *percent(struct page_view *pv, double share);
void mark_last(struct arena *a, struct val *list);
const char *regions_text(struct page_view *pv, const struct plan *p);
const char *excerpt(struct page_view *pv, const char *s, size_t chars);
struct val *unit_link(struct page_view *pv, const struct unit_ref *r);

/* Status views (page_plan.c). */
struct val *standing_tags(struct page_view *pv, const struct standing *st, const struct progress *pr);
struct val *tally_view(struct page_view *pv, const struct tally *t);
struct val *attainment_view(struct page_view *pv, const struct plan *p, const struct attainment *at,
			    const struct figure *target);
/* Plan summary for lists (home, year, region pages). */
struct val *plan_card(struct page_view *pv, const struct plan *p);
/* The progress fields of a page that shows a plan's status: as_of, sample. */
void note_progress(struct page_view *pv, const struct plan *p);

/* Builders. */
void build_plan(struct page_view *pv, const struct plan *p);
void build_schedule_page(struct page_view *pv, const struct plan *p);
void build_indicator_page(struct page_view *pv, const struct plan *p, const struct indicator *ind);
void build_home(struct page_view *pv);
void build_year(struct page_view *pv, int year);
void build_region(struct page_view *pv, const struct region *r);
void build_regions(struct page_view *pv);
void build_unit(struct page_view *pv, const struct unit *u);
void build_units(struct page_view *pv);
void build_method(struct page_view *pv);
void build_changes(struct page_view *pv);
/* A list of changes for a template (plan page, change log). */
struct val *changes_view(struct page_view *pv, const struct change *c, size_t n, int with_plan);

#endif
