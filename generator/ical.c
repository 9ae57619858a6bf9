/* ical: schedule.ics, RFC 5545. */
#include "ical.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "model.h"
#include "table.h"

#include <stdarg.h>
#include <string.h>

#define ICAL_LINE 75 /* octets, not counting the CRLF */

/* Append one content line, folded: a line longer than 75 octets is cut
 * before a character that would cross the limit and goes on after CRLF
 * and a space (which counts toward the next line's 75). */
static void put_line(struct buf *out, const char *line, size_t n)
{
	size_t i = 0, col = 0;
	while (i < n) {
		size_t k = 1;
		unsigned char ch = (unsigned char)line[i];
		if (ch >= 0xF0)
			k = 4;
		else if (ch >= 0xE0)
			k = 3;
		else if (ch >= 0xC0)
			k = 2;
		if (i + k > n)
			k = n - i;
		if (col + k > ICAL_LINE) {
			buf_puts(out, "\r\n ");
			col = 1;
		}
		buf_put(out, line + i, k);
		col += k;
		i += k;
	}
	buf_puts(out, "\r\n");
}

/* TEXT (RFC 5545 3.3.11): backslash, semicolon, comma and newline
 * escaped; control characters (other than tab) have no place in it. */
static void put_text(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = esc_next(s + i, n - i, &cp);
		if (cp == '\\' || cp == ';' || cp == ',') {
			buf_putc(b, '\\');
			buf_putc(b, (char)cp);
		} else if (cp == '\n') {
			buf_puts(b, "\\n");
		} else if (cp == '\r') {
			if (!(i + 1 < n && s[i + 1] == '\n'))
				buf_puts(b, "\\n");
		} else if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
			; /* dropped */
		} else if (cp == 0xFFFD) {
			esc_put_utf8(b, cp);
		} else {
			buf_put(b, s + i, k);
		}
		i += k;
	}
}

/* A property whose value is TEXT. */
static void prop_text(struct buf *out, struct buf *line, const char *name, const char *text)
{
	buf_clear(line);
	buf_puts(line, name);
	buf_putc(line, ':');
	put_text(line, text);
	put_line(out, line->ptr, line->len);
}

static void prop_raw(struct buf *out, struct buf *line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void prop_raw(struct buf *out, struct buf *line, const char *fmt, ...)
{
	va_list ap;
	buf_clear(line);
	va_start(ap, fmt);
	buf_vprintf(line, fmt, ap);
	va_end(ap);
	put_line(out, line->ptr, line->len);
}

static void put_day(struct buf *b, int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	buf_printf(b, "%04d%02d%02d", y, m, d);
}

static void put_stamp(struct buf *b, long long t)
{
	long long day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long sec = t - day * 86400;
	put_day(b, (int)day);
	buf_printf(b, "T%02d%02d%02dZ", (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

/* The host of the base URL, for UIDs: "x.gov.cn". */
static void put_host(struct buf *b, const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	if (!p) {
		buf_puts(b, "gongkai.invalid");
		return;
	}
	p += 3;
	size_t n = strcspn(p, "/:?#");
	for (size_t i = 0; i < n; i++) /* an id-safe copy */
		buf_putc(b, (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] - 'A' + 'a') : p[i]);
}

/* UID text: only characters that need no escaping anywhere. */
static void put_uid_part(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
		    ch == '_' || ch == '.')
			buf_putc(b, (char)ch);
		else
			buf_printf(b, "%%%02X", ch);
	}
}

size_t ical_unscheduled(const struct plan *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nrows; i++)
		n += p->rows[i].when.nspans == 0;
	return n;
}

size_t ical_count(const struct plan *p)
{
	size_t n = p->due.nspans > 0;
	for (size_t i = 0; i < p->nrows; i++)
		n += (size_t)p->rows[i].when.nspans;
	for (size_t i = 0; i < p->nall_indicators; i++)
		n += p->all_indicators[i]->due.nspans > 0;
	return n;
}

/* What every event shares. */
struct cal {
	struct buf *out;
	const struct tbl_ctx *c;
	const struct plan *p;
	struct buf line, text, stamp;
	size_t events;
};

/* One all-day event from first to last (inclusive). uid is the part
 * before the host; url is relative to the site's root. */
static void event(struct cal *K, const char *uid, int first, int last, const char *summary,
		  const char *description, const char *url, int cancelled)
{
	struct buf *out = K->out, *line = &K->line;
	const struct site *s = K->c->site;
	put_line(out, "BEGIN:VEVENT", 12);
	buf_clear(line);
	buf_puts(line, "UID:");
	put_uid_part(line, uid);
	buf_putc(line, '@');
	put_host(line, s->base_url);
	put_line(out, line->ptr, line->len);
	prop_raw(out, line, "DTSTAMP:%s", K->stamp.ptr);
	buf_clear(line);
	buf_puts(line, "DTSTART;VALUE=DATE:");
	put_day(line, first);
	put_line(out, line->ptr, line->len);
	buf_clear(line);
	buf_puts(line, "DTEND;VALUE=DATE:");
	put_day(line, last + 1);
	put_line(out, line->ptr, line->len);
	prop_text(out, line, "SUMMARY", summary);
	prop_text(out, line, "DESCRIPTION", description);
	if (s->base_url) {
		buf_clear(line);
		buf_puts(line, "URL:");
		put_text(line, tbl_url(K->c, "%s", url)); /* a URI: none of the characters TEXT escapes */
		put_line(out, line->ptr, line->len);
	}
	prop_raw(out, line, "STATUS:%s", cancelled ? "CANCELLED" : "CONFIRMED");
	prop_raw(out, line, "TRANSP:TRANSPARENT");
	put_line(out, "END:VEVENT", 10);
	K->events++;
}

/* "状态：已完成（截至2023年9月30日）\n", if the item has a standing. */
static void put_standing(struct cal *K, struct buf *b, const struct standing *st)
{
	const char *w = tbl_standing_zh(K->c, st);
	if (!w)
		return;
	buf_printf(b, "状态：%s（截至", w);
	date_put_zh(b, K->p->as_of);
	buf_puts(b, "）\n");
}

/* A row's units for its summary: the lead units' cell, else the
 * responsible units'. */
static const char *row_units(const struct plan *p, const struct row *r)
{
	int c = plan_column(p, COL_LEAD);
	if (c < 0 || !r->cells[c].text[0])
		c = plan_column(p, COL_UNIT);
	return c >= 0 && r->cells[c].text[0] ? r->cells[c].text : NULL;
}

static void row_events(struct cal *K, const struct row *r)
{
	const struct plan *p = K->p;
	const struct when *w = &r->when;
	struct buf summary = BUF_INIT, desc = BUF_INIT, uid = BUF_INIT;
	const char *what = r->activity ? r->activity : r->detail ? r->detail : r->category ? r->category : r->id;
	const char *units = row_units(p, r);
	/* The row as printed: every column, header and text. */
	for (size_t c = 0; c < p->ntcols; c++) {
		const struct row_cell *cell = &r->cells[c];
		if (!cell->text[0])
			continue;
		buf_printf(&desc, "%s：%s", p->tcols[c].header, cell->text);
		int named = 0;
		for (size_t k = 0; k < cell->units.nrefs; k++) {
			const struct unit *u = cell->units.refs[k].unit;
			if (u && strcmp(u->name, cell->units.refs[k].text) != 0)
				buf_printf(&desc, "%s%s", named++ ? "、" : "（", u->name);
		}
		buf_puts(&desc, named ? "）\n" : "\n");
	}
	put_standing(K, &desc, &r->st);
	buf_puts(&desc, p->title);
	struct buf url = BUF_INIT;
	buf_printf(&url, "plans/%s/#row-%s", p->slug, r->id);
	for (int k = 0; k < w->nspans; k++) {
		buf_clear(&summary);
		if (w->kind == WHEN_DEADLINE)
			buf_puts(&summary, "截止：");
		buf_puts(&summary, what);
		if (units)
			buf_printf(&summary, "（%s）", units);
		if (w->nspans > 1)
			buf_printf(&summary, "（第%d段，共%d段）", k + 1, w->nspans);
		buf_clear(&uid);
		buf_printf(&uid, "%s-row-%s-%d", p->slug, r->id, k + 1);
		int first = w->kind == WHEN_DEADLINE ? w->spans[k].end : w->spans[k].start;
		event(K, uid.ptr, first, w->spans[k].end, summary.ptr, desc.ptr, url.ptr,
		      r->progress.status == ST_CANCELLED);
	}
	buf_free(&url);
	buf_free(&summary);
	buf_free(&desc);
	buf_free(&uid);
}

/* A deadline (the plan's, an indicator's) as a one-day event on its last
 * day. */
static void deadline(struct cal *K, const char *uid, const char *what, const char *due_text,
		     const struct when *due, const char *more, const char *url)
{
	struct buf summary = BUF_INIT, desc = BUF_INIT;
	buf_printf(&summary, "截止：%s", what);
	buf_printf(&desc, "完成时限：%s\n%s%s", due_text ? due_text : "", more ? more : "", K->p->title);
	int day = when_last(due);
	event(K, uid, day, day, summary.ptr, desc.ptr, url, 0);
	buf_free(&summary);
	buf_free(&desc);
}

size_t ical_schedule(struct buf *out, const struct tbl_ctx *c, const struct plan *p, size_t *skipped)
{
	struct cal K = { out, c, p, BUF_INIT, BUF_INIT, BUF_INIT, 0 };
	struct buf *line = &K.line, *text = &K.text, url = BUF_INIT, uid = BUF_INIT;
	/* No clock: the time of the newest commit that changed the plan, else
	 * the plan's own dates. */
	if (c->commit_time)
		put_stamp(&K.stamp, c->commit_time);
	else
		put_stamp(&K.stamp, (long long)(p->published ? p->published : p->written) * 86400);

	put_line(out, "BEGIN:VCALENDAR", 15);
	prop_raw(out, line, "VERSION:2.0");
	prop_raw(out, line, "PRODID:-//gongkai//gongkai//ZH");
	prop_raw(out, line, "CALSCALE:GREGORIAN");
	prop_raw(out, line, "METHOD:PUBLISH");
	buf_clear(text);
	buf_printf(text, "%s · 日程", p->title);
	prop_text(out, line, "X-WR-CALNAME", text->ptr);
	prop_text(out, line, "NAME", text->ptr);
	prop_text(out, line, "X-WR-TIMEZONE", "Asia/Shanghai");
	prop_raw(out, line, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
	prop_raw(out, line, "X-PUBLISHED-TTL:P1D");
	if (p->due.nspans) {
		buf_printf(&uid, "%s-due", p->slug);
		buf_printf(&url, "plans/%s/", p->slug);
		deadline(&K, uid.ptr, p->title, p->due_text, &p->due, NULL, url.ptr);
	}
	for (size_t i = 0; i < p->nrows; i++)
		row_events(&K, &p->rows[i]);
	for (size_t i = 0; i < p->nall_indicators; i++) {
		const struct indicator *ind = p->all_indicators[i];
		if (!ind->due.nspans)
			continue;
		buf_clear(&uid);
		buf_printf(&uid, "%s-indicator-%s-due", p->slug, ind->id);
		buf_clear(&url);
		buf_printf(&url, "plans/%s/indicators/%s/", p->slug, ind->id);
		buf_clear(text);
		if (ind->target.text)
			buf_printf(text, "目标值：%s%s%s\n", ind->target.text, ind->unit ? " " : "", ind->unit ? ind->unit : "");
		deadline(&K, uid.ptr, ind->name, ind->due_text, &ind->due, text->ptr, url.ptr);
	}
	put_line(out, "END:VCALENDAR", 13);
	if (skipped)
		*skipped = ical_unscheduled(p);
	buf_free(line);
	buf_free(text);
	buf_free(&K.stamp);
	buf_free(&url);
	buf_free(&uid);
	return K.events;
}
