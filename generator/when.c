/* when: planned times (拟推进时间) read into day spans.
 *
 * A small recursive-descent reader over UTF-8 code points. Spaces (ASCII
 * white space, U+3000 and U+00A0) are skipped before every code point, so
 * they may appear anywhere. The grammar, every form and why it reads the way
 * it does are in docs/planned-times.md; in short:
 *
 *   text    := blank | 根据… | …待定/另行/适时/视情… | [于] phrase [verb]
 *   phrase  := item [前] | item (sep item)*
 *   item    := point [dash point]
 *   point   := 全年 | 上半年 | 下半年 | 年(初|中|底|末|内)
 *            | year 年 [初|中|底|末|内|全年|上半年|下半年|month|quarter]
 *            | month | quarter | day | bare number (7、10月: takes the unit after it)
 *   month   := N 月[份] [初|上旬|中|中旬|底|末|下旬|D 日]
 *   quarter := [第] N 季度
 *
 * Reading stops at the first code point that fits nowhere; its byte offset
 * is reported so that the caller can point at it. */
#include "when.h"
#include "buf.h"
#include "date.h"
#include "utf8.h"

#include <string.h>

#define END 0x110000u /* past every code point: the text has ended */

enum unit { U_NONE, U_MONTH, U_QUARTER };

struct reader {
	const char *s;
	size_t n;     /* bytes in s; nothing at or past s[n] is read */
	size_t i;     /* next byte to read, always on a code point boundary */
	size_t err;   /* with a failure: where reading stopped */
	int plan;     /* the plan's year */
	int y;        /* the year in force: the plan's, or the last one written */
	int m;        /* the month in force, for a day written alone (7月1日、15日) */
};

/* One point or range of the text, before it becomes a span. */
struct item {
	size_t off;   /* where it begins */
	int start;    /* first day */
	int end;      /* last day */
	int dl_ok;    /* 前 may follow; the deadline is then dl */
	int dl;       /* the last day meant by "… 前" */
	int is_dl;    /* a deadline by itself (年内) */
	enum unit unit; /* a month or quarter, whose unit bare numbers before it share */
	int plain;    /* a whole month or quarter, nothing more (so 7、10月 works) */
	int bare;     /* a number alone, waiting for its unit */
	int num;      /* with bare: the number */
	size_t noff;  /* with bare: where the number begins */
	int di;       /* with bare: written with 第 */
	int year;     /* with bare: the year in force */
};

static int is_space(unsigned c)
{
	switch (c) {
	case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
	case U'\u00A0': /* no-break space, common in text pasted from Word */
	case U'\u3000': /* ideographic (full-width) space */
		return 1;
	}
	return 0;
}

/* Skip spaces; return where the next code point begins. */
static size_t here(struct reader *r)
{
	unsigned c;
	while (r->i < r->n) {
		size_t len = utf8_decode(r->s + r->i, r->n - r->i, &c);
		if (!is_space(c))
			break;
		r->i += len;
	}
	return r->i;
}

/* The next code point after any spaces, not taken, and its length; END at
 * the end of the text. A malformed byte reads as U+FFFD, which fits nowhere. */
static unsigned peek(struct reader *r, size_t *len)
{
	unsigned c;

	if (here(r) >= r->n) {
		*len = 0;
		return END;
	}
	*len = utf8_decode(r->s + r->i, r->n - r->i, &c);
	return c;
}

/* Take the word w if it comes next (spaces may stand between its
 * characters); otherwise take nothing. */
static int word(struct reader *r, const char *w)
{
	size_t save = r->i, wn = strlen(w), j = 0, len, wlen;
	unsigned c;

	while (j < wn) {
		wlen = utf8_decode(w + j, wn - j, &c);
		if (peek(r, &len) != c) {
			r->i = save;
			return 0;
		}
		r->i += len;
		j += wlen;
	}
	return 1;
}

/* Take the first of the NULL-terminated words that comes next. */
static int any_word(struct reader *r, const char *const *ws)
{
	for (; *ws; ws++)
		if (word(r, *ws))
			return 1;
	return 0;
}

static int fail(struct reader *r, size_t off)
{
	r->err = off;
	return -1;
}

static int arabic_digit(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= U'０' && c <= U'９')
		return (int)(c - U'０');
	return -1;
}

/* A Chinese digit 0–9, 10 for 十, or -1. */
static int chinese_digit(unsigned c)
{
	switch (c) {
	case U'〇': case U'零': return 0;
	case U'一': return 1;
	case U'二': return 2;
	case U'三': return 3;
	case U'四': return 4;
	case U'五': return 5;
	case U'六': return 6;
	case U'七': return 7;
	case U'八': return 8;
	case U'九': return 9;
	case U'十': return 10;
	}
	return -1;
}

/* Take a number: ASCII or full-width digits (12, １２), or Chinese numerals,
 * either with 十 (十, 十二, 二十, 三十一), one digit (三), or four digit by
 * digit (二〇二四).
 * Returns 0 if no number comes next. A malformed Chinese numeral (十十,
 * 一十二) reads as -1, which every caller rejects as out of range. Values
 * stop growing past 99999, so long digit runs cannot overflow. */
static int number(struct reader *r, int *v)
{
	size_t len;
	unsigned c = peek(r, &len);
	int d, x = 0;

	if (arabic_digit(c) >= 0) {
		while ((d = arabic_digit(peek(r, &len))) >= 0) {
			if (x <= 99999)
				x = x * 10 + d;
			r->i += len;
		}
		*v = x;
		return 1;
	}
	if (chinese_digit(c) < 0)
		return 0;

	int before = -1, after = -1, tens = 0, digits = 0, ok = 1;
	while ((d = chinese_digit(peek(r, &len))) >= 0) {
		r->i += len;
		if (d == 10) {
			ok &= tens++ == 0 && (digits == 0 || (before >= 1 && digits == 1));
		} else if (tens) {
			ok &= after < 0 && d >= 1;
			after = d;
		} else {
			before = d;
			if (x <= 99999)
				x = x * 10 + d;
			digits++;
		}
	}
	if (tens)
		x = (before < 0 ? 1 : before) * 10 + (after < 0 ? 0 : after);
	else if (digits != 1 && digits != 4)
		ok = 0; /* 一二月 is not 12月; only a year (二〇二四) goes digit by digit */
	*v = ok ? x : -1;
	return 1;
}

static const char *const seps[] = { "、", "，", ",", "和", "及", "与", NULL };
static const char *const verbs[] = {
	"完成", "开展", "实施", "举办", "推进", "进行", NULL
};

static int is_dash(unsigned c)
{
	switch (c) {
	case '-': case '~':
	case U'–': case U'—': case U'―': /* en, em, horizontal bar */
	case U'－': case U'～': case U'〜':
		return 1;
	}
	return 0;
}

/* Take a dash: one or more dash characters (4—8月, 4——8月), 至 or 到. */
static int dash(struct reader *r)
{
	size_t len;
	int got = 0;

	if (word(r, "至") || word(r, "到"))
		return 1;
	while (is_dash(peek(r, &len))) {
		r->i += len;
		got = 1;
	}
	return got;
}

static int next_is_sep(struct reader *r)
{
	size_t save = r->i;
	int yes = any_word(r, seps);
	r->i = save;
	return yes;
}

static int next_is_dash(struct reader *r)
{
	size_t save = r->i;
	int yes = dash(r);
	r->i = save;
	return yes;
}

static void set_span(struct item *it, int y, int m1, int d1, int m2, int d2)
{
	it->start = date_from_ymd(y, m1, d1);
	it->end = date_from_ymd(y, m2, d2);
}

static void set_months(struct item *it, int y, int m1, int m2)
{
	set_span(it, y, m1, 1, m2, date_days_in_month(y, m2));
}

/* 初 中 底 末 内 after 年 (年底, 2024年底). Returns 0 if none comes next. */
static int year_part(struct reader *r, struct item *it, int y)
{
	if (word(r, "初")) {
		set_months(it, y, 1, 1);
	} else if (word(r, "中")) {
		set_months(it, y, 6, 7);
	} else if (word(r, "底") || word(r, "末")) {
		set_months(it, y, 12, 12);
		it->dl_ok = 1;
		it->dl = it->end;
	} else if (word(r, "内")) {
		set_months(it, y, 1, 12);
		it->is_dl = 1;
		it->dl = it->end;
	} else {
		return 0;
	}
	return 1;
}

/* 全年 上半年 下半年. Returns 0 if none comes next. */
static int half(struct reader *r, struct item *it, int y)
{
	if (word(r, "全年"))
		set_months(it, y, 1, 12);
	else if (word(r, "上半年"))
		set_months(it, y, 1, 6);
	else if (word(r, "下半年"))
		set_months(it, y, 7, 12);
	else
		return 0;
	return 1;
}

/* What may follow N月: a part of the month, a day, or nothing. */
static int month_part(struct reader *r, struct item *it, int m)
{
	int y = r->y, last = date_days_in_month(y, m), d;
	size_t off;

	r->m = m;
	it->unit = U_MONTH;
	it->dl_ok = 1;
	if (word(r, "上旬")) {
		set_span(it, y, m, 1, m, 10);
	} else if (word(r, "中旬")) {
		set_span(it, y, m, 11, m, 20);
	} else if (word(r, "下旬") || word(r, "底") || word(r, "末")) {
		set_span(it, y, m, 21, m, last);
	} else if (word(r, "初")) {
		set_span(it, y, m, 1, m, 10);
		it->dl_ok = 0; /* 9月初前: by Sep 1 or by Sep 10? Not guessed. */
	} else if (word(r, "中")) {
		set_span(it, y, m, 11, m, 20);
		it->dl_ok = 0;
	} else if (off = here(r), number(r, &d)) {
		if (!word(r, "日") && !word(r, "号"))
			return fail(r, here(r));
		if (!date_valid(y, m, d))
			return fail(r, off);
		set_span(it, y, m, d, m, d);
	} else {
		set_months(it, y, m, m);
		it->plain = 1;
		/* N月前 is "before month N": the day before N/1. */
		it->dl = it->start - 1;
		return 0;
	}
	it->dl = it->end;
	return 0;
}

/* After a number (at noff, with 第 before it if di): its unit. */
static int after_number(struct reader *r, struct item *it, size_t noff, int v, int di)
{
	size_t uoff = here(r);

	if (word(r, "季度")) {
		if (v < 1 || v > 4)
			return fail(r, noff);
		set_months(it, r->y, 3 * v - 2, 3 * v);
		it->unit = U_QUARTER;
		it->plain = 1;
		return 0;
	}
	if (word(r, "月份") || word(r, "月")) {
		if (di)
			return fail(r, uoff);
		if (v < 1 || v > 12)
			return fail(r, noff);
		return month_part(r, it, v);
	}
	if (word(r, "日") || word(r, "号")) {
		if (di || !r->m)
			return fail(r, uoff);
		if (!date_valid(r->y, r->m, v))
			return fail(r, noff);
		set_span(it, r->y, r->m, v, r->m, v);
		it->dl_ok = 1;
		it->dl = it->end;
		return 0;
	}
	if (next_is_sep(r) || next_is_dash(r)) {
		it->bare = 1;
		it->num = v;
		it->noff = noff;
		it->di = di;
		it->year = r->y;
		return 0;
	}
	return fail(r, uoff);
}

/* One point: a named part of the year, a year, a month, a quarter, a day,
 * or a bare number. */
static int point(struct reader *r, struct item *it)
{
	int v, y = r->y, di;
	size_t noff;

	memset(it, 0, sizeof *it);
	it->off = here(r);
	if (half(r, it, y))
		return 0;
	if (word(r, "年")) {
		if (!year_part(r, it, y))
			return fail(r, here(r));
		return 0;
	}
	di = word(r, "第");
	noff = here(r);
	if (!number(r, &v))
		return fail(r, noff);
	if (di || !word(r, "年"))
		return after_number(r, it, noff, v, di);

	/* An explicit year: 2024年11月30日前, 2024年底前, 2024年上半年. */
	if (v < 1000 || v > 9999)
		return fail(r, noff);
	r->y = y = v;
	if (year_part(r, it, y) || half(r, it, y))
		return 0;
	di = word(r, "第");
	noff = here(r);
	if (number(r, &v))
		return after_number(r, it, noff, v, di);
	if (di)
		return fail(r, noff);
	set_months(it, y, 1, 12); /* the year alone */
	return 0;
}

/* The span of a bare number (at b) once the unit after it is known. */
static int settle(struct reader *r, struct item *b, enum unit unit)
{
	int max = unit == U_QUARTER ? 4 : 12;

	if (b->di && unit != U_QUARTER)
		return fail(r, b->off);
	if (b->num < 1 || b->num > max)
		return fail(r, b->noff);
	if (unit == U_QUARTER)
		set_months(b, b->year, 3 * b->num - 2, 3 * b->num);
	else
		set_months(b, b->year, b->num, b->num);
	b->bare = 0;
	return 0;
}

/* A point, or a range of two: 4-8月, 4月-8月, 9月中旬至10月, 一至三季度. */
static int item(struct reader *r, struct item *it)
{
	struct item b;

	if (point(r, it))
		return -1;
	if (it->is_dl || !dash(r))
		return 0;
	if (point(r, &b))
		return -1;
	if (b.bare || b.is_dl)
		return fail(r, b.off);
	if (it->bare) {
		if (b.unit == U_NONE)
			return fail(r, b.off);
		if (settle(r, it, b.unit))
			return -1;
	}
	if (it->start > b.end)
		return fail(r, b.off);
	it->end = b.end;
	it->dl_ok = 0;
	it->unit = U_NONE;
	it->plain = 0;
	return 0;
}

static void push(struct when *out, const struct item *it)
{
	out->spans[out->nspans].start = it->start;
	out->spans[out->nspans].end = it->end;
	out->nspans++;
}

/* A list of items, or one item read as a deadline; then an optional verb. */
static int phrase(struct reader *r, struct when *out)
{
	struct item it, pend[WHEN_MAX_SPANS];
	int npend = 0, deadline = 0;

	for (;;) {
		if (item(r, &it))
			return -1;
		if (out->nspans + npend >= WHEN_MAX_SPANS)
			return fail(r, it.off);
		if (it.bare) {
			pend[npend++] = it;
			any_word(r, seps); /* a bare number is followed by one */
			continue;
		}
		if (npend && !it.plain)
			return fail(r, it.off);
		for (int k = 0; k < npend; k++) {
			if (settle(r, &pend[k], it.unit))
				return -1;
			push(out, &pend[k]);
		}
		/* A deadline stands alone: in 7月、11月前 the 前 is not read. */
		if (it.dl_ok && out->nspans == 0 && word(r, "前"))
			it.is_dl = 1;
		if (it.is_dl) {
			if (out->nspans)
				return fail(r, it.off);
			out->spans[0].end = it.dl;
			out->nspans = 1;
			deadline = 1;
			break;
		}
		npend = 0;
		push(out, &it);
		if (!any_word(r, seps))
			break;
	}
	any_word(r, verbs);
	if (here(r) < r->n)
		return fail(r, r->i);
	if (deadline) {
		int y, m, d;
		date_to_ymd(out->spans[0].end, &y, &m, &d);
		out->spans[0].start = date_from_ymd(y < r->plan ? y : r->plan, 1, 1);
		out->kind = WHEN_DEADLINE;
	} else {
		out->kind = out->nspans == 1 ? WHEN_RANGE : WHEN_POINTS;
	}
	return 0;
}

/* Phrases that say the time is set elsewhere: no date to read, and nothing
 * to warn about. */
static int set_elsewhere(struct reader *r)
{
	static const char *const marks[] = { "待定", "另行", "适时", "视情", NULL };
	unsigned c;

	if (word(r, "根据"))
		return 1;
	for (size_t i = here(r); i < r->n; i += utf8_decode(r->s + i, r->n - i, &c)) {
		r->i = i;
		if (any_word(r, marks))
			return 1;
	}
	return 0;
}

static int year_of(int day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

int when_parse(struct when *out, const char *text, size_t n, int year)
{
	struct reader r = { text, n, 0, 0, year, year, 0 };

	memset(out, 0, sizeof *out);
	out->kind = WHEN_BLANK;
	if (!text || here(&r) >= n)
		return 0;
	if (set_elsewhere(&r)) {
		out->kind = WHEN_UNSCHEDULED;
		return 0;
	}
	r.i = 0;
	word(&r, "于"); /* 于2024年11月30日前完成 */
	if (phrase(&r, out)) {
		memset(out, 0, sizeof *out);
		out->kind = WHEN_UNSCHEDULED;
		out->unreadable = 1;
		out->err_off = r.err;
		return -1;
	}
	for (int k = 0; k < out->nspans; k++)
		if (year_of(out->spans[k].start) != year ||
		    year_of(out->spans[k].end) != year)
			out->other_year = 1;
	return 0;
}

int when_first(const struct when *w)
{
	int first = 0;
	for (int k = 0; k < w->nspans; k++)
		if (k == 0 || w->spans[k].start < first)
			first = w->spans[k].start;
	return first;
}

int when_last(const struct when *w)
{
	int last = 0;
	for (int k = 0; k < w->nspans; k++)
		if (k == 0 || w->spans[k].end > last)
			last = w->spans[k].end;
	return last;
}

/* 7月1日, or 2024年7月1日 when the text reaches outside the plan's year. */
static void put_day(struct buf *b, int day, int with_year)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (with_year)
		buf_printf(b, "%d年", y);
	buf_printf(b, "%d月%d日", m, d);
}

void when_describe(struct buf *b, const struct when *w)
{
	switch (w->kind) {
	case WHEN_BLANK:
		buf_puts(b, "未注明");
		return;
	case WHEN_UNSCHEDULED:
		buf_puts(b, "未排期");
		return;
	case WHEN_DEADLINE:
		put_day(b, w->spans[0].end, w->other_year);
		buf_puts(b, "前");
		return;
	case WHEN_RANGE:
	case WHEN_POINTS:
		for (int k = 0; k < w->nspans; k++) {
			if (k)
				buf_puts(b, "；");
			put_day(b, w->spans[k].start, w->other_year);
			if (w->spans[k].end != w->spans[k].start) {
				buf_puts(b, "—");
				put_day(b, w->spans[k].end, w->other_year);
			}
		}
		return;
	}
}
