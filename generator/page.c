/* page: what every page builder uses to fill its view — strings, keys,
 * links, dates and figures as the site writes them. */
#include "page.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "utf8.h"
#include "value.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *T(const struct page_view *pv, const char *key)
{
	const char *s = val_text(val_get(pv->ctx->strings, key));
	return s ? s : key; /* a missing string shows up instead of vanishing */
}

void set(struct page_view *pv, struct val *m, const char *key, const char *s)
{
	val_set_str(pv->a, m, key, s);
}

void set_int(struct page_view *pv, struct val *m, const char *key, long long n)
{
	val_set_int(pv->a, m, key, n);
}

void set_bool(struct page_view *pv, struct val *m, const char *key, int b)
{
	val_set_bool(pv->a, m, key, b);
}

const char *page_url(struct page_view *pv, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	buf_puts(&b, pv->root);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

const char *date_zh(struct page_view *pv, int day)
{
	struct buf b = BUF_INIT;
	date_put_zh(&b, day);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

const char *date_md(struct page_view *pv, int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(pv->a, "%d月%d日", m, d);
}

const char *percent(struct page_view *pv, double share)
{
	/* Whole percents, rounded half up; "0%" only for exactly nothing. */
	double p = share * 100;
	long n = (long)(p + 0.5);
	if (n == 0 && p > 0)
		return arena_strdup(pv->a, "不足1%");
	return arena_printf(pv->a, "%ld%%", n);
}

void mark_last(struct arena *a, struct val *list)
{
	for (size_t i = 0; i < list->len; i++)
		if (list->items[i]->kind == VAL_MAP)
			val_set_bool(a, list->items[i], "last", i + 1 == list->len);
}

const char *regions_text(struct page_view *pv, const struct plan *p)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < p->nregions; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", p->regions[i]->name);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

const char *excerpt(struct page_view *pv, const char *s, size_t chars)
{
	size_t n = strlen(s), i = 0, c = 0;
	while (i < n && c < chars) {
		unsigned cp;
		i += utf8_decode(s + i, n - i, &cp);
		c++;
	}
	return i < n ? arena_printf(pv->a, "%.*s……", (int)i, s) : s;
}

void set_pager(struct page_view *pv, const struct slice *sl)
{
	if (!sl || sl->npages < 2) {
		set(pv, pv->v, "pager", NULL);
		return;
	}
	struct val *m = val_map(pv->a), *pages = val_list(pv->a);
	const char *prev = NULL, *next = NULL;
	for (size_t k = 0; k < sl->npages; k++) {
		struct val *it = val_map(pv->a);
		const char *href = k ? page_url(pv, "%spage/%zu/", sl->base, k + 1) : page_url(pv, "%s", sl->base);
		set_int(pv, it, "n", (long long)k + 1);
		set(pv, it, "href", href);
		set_bool(pv, it, "current", k == sl->pageno);
		val_push(pv->a, pages, it);
		if (k + 1 == sl->pageno)
			prev = href;
		if (k == sl->pageno + 1)
			next = href;
	}
	set(pv, m, "prev", prev);
	set(pv, m, "next", next);
	val_set(pv->a, m, "pages", pages);
	set_int(pv, m, "total", (long long)sl->total);
	set_int(pv, m, "from", (long long)sl->from + 1);
	set_int(pv, m, "to", (long long)(sl->from + sl->count));
	val_set(pv->a, pv->v, "pager", m);
}
