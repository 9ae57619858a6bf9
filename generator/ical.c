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

size_t ical_schedule(struct buf *out, const struct tbl_ctx *c, const struct plan *p, size_t *skipped)
{
	const struct site *s = c->site;
	struct buf line = BUF_INIT, text = BUF_INIT, stamp = BUF_INIT;
	size_t events = 0;
	/* No clock: the commit's time, else the plan's own dates. */
	if (s->built_time)
		put_stamp(&stamp, s->built_time);
	else
		put_stamp(&stamp, (long long)(p->published ? p->published : p->written) * 86400);

	put_line(out, "BEGIN:VCALENDAR", 15);
	prop_raw(out, &line, "VERSION:2.0");
	prop_raw(out, &line, "PRODID:-//gongkai//gongkai//ZH");
	prop_raw(out, &line, "CALSCALE:GREGORIAN");
	prop_raw(out, &line, "METHOD:PUBLISH");
	buf_clear(&text);
	buf_printf(&text, "%s · 重要活动", p->title);
	prop_text(out, &line, "X-WR-CALNAME", text.ptr);
	prop_text(out, &line, "NAME", text.ptr);
	prop_text(out, &line, "X-WR-TIMEZONE", "Asia/Shanghai");
	prop_raw(out, &line, "REFRESH-INTERVAL;VALUE=DURATION:P1D");
	prop_raw(out, &line, "X-PUBLISHED-TTL:P1D");
	for (size_t i = 0; i < p->nrows; i++) {
		const struct row *r = &p->rows[i];
		const struct when *w = &r->when;
		for (int k = 0; k < w->nspans; k++) {
			int start = w->kind == WHEN_DEADLINE ? w->spans[k].end : w->spans[k].start;
			int end = w->spans[k].end;
			put_line(out, "BEGIN:VEVENT", 12);
			buf_clear(&line);
			buf_puts(&line, "UID:");
			put_uid_part(&line, p->slug);
			buf_puts(&line, "-row-");
			put_uid_part(&line, r->id);
			buf_printf(&line, "-%d@", k + 1);
			put_host(&line, s->base_url);
			put_line(out, line.ptr, line.len);
			buf_clear(&line);
			buf_puts(&line, "DTSTAMP:");
			buf_put(&line, stamp.ptr, stamp.len);
			put_line(out, line.ptr, line.len);
			buf_clear(&line);
			buf_puts(&line, "DTSTART;VALUE=DATE:");
			put_day(&line, start);
			put_line(out, line.ptr, line.len);
			buf_clear(&line);
			buf_puts(&line, "DTEND;VALUE=DATE:");
			put_day(&line, end + 1);
			put_line(out, line.ptr, line.len);
			buf_clear(&text);
			if (w->kind == WHEN_DEADLINE)
				buf_puts(&text, "截止：");
			buf_puts(&text, r->activity ? r->activity : r->detail ? r->detail : r->id);
			if (r->unit.text)
				buf_printf(&text, "（%s）", r->unit.text);
			prop_text(out, &line, "SUMMARY", text.ptr);
			buf_clear(&text);
			if (r->detail)
				buf_printf(&text, "%s\n", r->detail);
			if (r->unit.text) {
				buf_printf(&text, "部门：%s", r->unit.text);
				if (r->unit.unit)
					buf_printf(&text, "（%s）", r->unit.unit->name);
				buf_putc(&text, '\n');
			}
			buf_printf(&text, "计划时间：%s", r->when_text ? r->when_text : "");
			if (w->nspans > 1)
				buf_printf(&text, "（第%d段，共%d段）", k + 1, w->nspans);
			buf_putc(&text, '\n');
			const char *st = tbl_standing_zh(c, &r->st);
			if (st) {
				buf_printf(&text, "状态：%s（截至", st);
				date_put_zh(&text, p->as_of);
				buf_puts(&text, "）\n");
			}
			buf_printf(&text, "%s", p->title);
			prop_text(out, &line, "DESCRIPTION", text.ptr);
			const char *url = tbl_url(c, "plans/%s/#row-%s", p->slug, r->id);
			if (s->base_url) {
				buf_clear(&line);
				buf_puts(&line, "URL:");
				put_text(&line, url); /* a URI; it has none of the characters TEXT escapes */
				put_line(out, line.ptr, line.len);
			}
			if (r->progress.status == ST_CANCELLED)
				prop_raw(out, &line, "STATUS:CANCELLED");
			else
				prop_raw(out, &line, "STATUS:CONFIRMED");
			prop_raw(out, &line, "TRANSP:TRANSPARENT");
			put_line(out, "END:VEVENT", 10);
			events++;
		}
	}
	put_line(out, "END:VCALENDAR", 13);
	if (skipped)
		*skipped = ical_unscheduled(p);
	buf_free(&line);
	buf_free(&text);
	buf_free(&stamp);
	return events;
}
