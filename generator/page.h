/* page: one page being built, and the helpers every page builder uses
 * (internal to html.c, page*.c).
 *
 * A page_view is one page being built: its arena, its view map, and its
 * relative path to the site root. The helpers set keys on view maps; a
 * NULL text sets the key to null, which stops Mustache's lookup there (so
 * a task without a title never shows the title of its section). */
#ifndef GONGKAI_PAGE_H
#define GONGKAI_PAGE_H

#include "model.h"

struct arena;
struct site_files;
struct tpl_set;
struct val;

/* What every page needs besides the model. */
struct buf;
struct diag;

struct html_ctx {
	const struct site *site;
	const struct tpl_set *layouts;
	const struct val *strings; /* the UI strings (layouts/strings.<lang>.yaml) */
	/* Render the text of plan p as HTML into out, its warnings to d.
	 * Returns 0, or -1 after reporting (the file changed since it was
	 * loaded, or cannot be read again). */
	int (*plan_text)(void *u, const struct plan *p, struct buf *out, struct diag *d);
	void *text_u;
	const struct site_files *files; /* the data files, their sizes and rows (files.h), or NULL */
};

struct page_view {
	const struct html_ctx *ctx;
	struct arena *a;
	struct val *v;    /* the view's root map */
	const char *root; /* relative prefix to the site root */
	int sample;       /* the page shows sample progress data */
	struct diag *d;   /* where the page's problems go */
	int failed;       /* 1: something the page shows could not be made (reported) */
};

/* One page of a long list (plans of a year or region, what a unit is
 * responsible for, the change log): items [from, from + count), page
 * pageno (from 0) of npages. Pages after the first are base + "page/N/". */
struct slice {
	size_t from, count;
	size_t pageno, npages;
	const size_t *items;  /* the list's items (plan indexes), or NULL */
	size_t total;         /* items in the whole list */
	const char *base;     /* the first page, from the site root: "years/2023/" */
};

#define LIST_PAGE 100     /* items on one page of a list */

/* The pager of a list page: "pager" in the view (null for one page). */
void set_pager(struct page_view *pv, const struct slice *sl);

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

#endif
