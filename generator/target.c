/* target: target phrases (不少于540人, 2～3名, 各5名, 1.2亿元) read into
 * bounds.
 *
 * A small reader over UTF-8 code points, in the manner of when.c: spaces
 * (ASCII, U+3000, U+00A0) are skipped before every word, and reading stops
 * at the first thing that fits nowhere, whose byte offset is reported.
 *
 *   target := pre* end [dash end] [post]
 *   pre    := bound word (不少于 不超过 …) | each word (各 分别 均)
 *           | neutral word (全年 力争 确保 达到 约 …)
 *   end    := number [余|多] ( unit | [万|亿…] [余|多] [measure] )
 *   number := digits [, ddd]* [. digits] [千|万|亿…]*  |  Chinese numeral
 *   post   := 以上 | 及以上 | 以下 | 及以下 | 以内 | 之内 | 左右 | 上下
 *
 * Numbers come out in the indicator's unit: a bare number is already in
 * it (540 人, 1100 万元); a number written with a magnitude or a measure
 * word is converted (1100万 in 万元 is 1100, 1.2亿元 in 万元 is 12000,
 * 500元 in 万元 is 0.05). */
#include "target.h"
#include "buf.h"
#include "fields.h"
#include "utf8.h"

#include <math.h>
#include <string.h>

#define END 0x110000u

struct rd {
	const char *s;
	size_t n, i;
};

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == U'\u00A0' || c == U'\u3000';
}

static size_t here(struct rd *r)
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

static unsigned peek(struct rd *r, size_t *len)
{
	unsigned c;
	if (here(r) >= r->n) {
		*len = 0;
		return END;
	}
	*len = utf8_decode(r->s + r->i, r->n - r->i, &c);
	return c;
}

/* Take the word w if it comes next (after spaces), as written. */
static int word(struct rd *r, const char *w)
{
	size_t wn = strlen(w), at = here(r);
	if (wn && at + wn <= r->n && memcmp(r->s + at, w, wn) == 0) {
		r->i = at + wn;
		return 1;
	}
	return 0;
}

static int digit(unsigned c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= U'０' && c <= U'９')
		return (int)(c - U'０');
	return -1;
}

static int cdigit(unsigned c)
{
	switch (c) {
	case U'〇': case U'零': return 0;
	case U'一': return 1;
	case U'二': case U'两': return 2;
	case U'三': return 3;
	case U'四': return 4;
	case U'五': return 5;
	case U'六': return 6;
	case U'七': return 7;
	case U'八': return 8;
	case U'九': return 9;
	}
	return -1;
}

/* 十 百 千 万 亿 as multipliers. */
static double multiplier(unsigned c)
{
	switch (c) {
	case U'十': return 1e1;
	case U'百': return 1e2;
	case U'千': return 1e3;
	case U'万': return 1e4;
	case U'亿': return 1e8;
	}
	return 0;
}

size_t chinese_number(const char *s, size_t n, double *v)
{
	size_t i = 0, taken = 0;
	double acc = 0, small = 0;
	int p = -1, any = 0;
	while (i < n) {
		unsigned c;
		size_t len = utf8_decode(s + i, n - i, &c);
		int d = cdigit(c);
		if (d >= 0) {
			if (p > 0)
				break; /* 一二: two digits in a row are not a number */
			p = d;
			any = 1;
		} else if (c == U'十') {
			small += (p < 0 ? 1 : p) * 10.0;
			p = -1;
			any = 1;
		} else if (c == U'百' || c == U'千') {
			if (p <= 0)
				break;
			small += p * multiplier(c);
			p = -1;
		} else if (c == U'万') {
			if (!any)
				break;
			acc += (small + (p > 0 ? p : 0)) * 1e4;
			small = 0;
			p = -1;
		} else if (c == U'亿') {
			if (!any)
				break;
			acc = (acc + small + (p > 0 ? p : 0)) * 1e8;
			small = 0;
			p = -1;
		} else {
			break;
		}
		i += len;
		taken = i;
	}
	if (!any)
		return 0;
	*v = acc + small + (p > 0 ? p : 0);
	return taken;
}

double unit_magnitude(const char *unit)
{
	double m = 1;
	size_t n = unit ? strlen(unit) : 0, i = 0;
	/* 万元, 亿元, 十万元 … but never the whole unit (万 alone is a count). */
	while (i < n) {
		unsigned c;
		size_t len = utf8_decode(unit + i, n - i, &c);
		double k = multiplier(c);
		if (!k || i + len >= n)
			break;
		m *= k;
		i += len;
	}
	return m;
}

/* What a pre or post word does to the reading. */
enum effect { E_NEUTRAL, E_LOWER, E_LOWER_STRICT, E_UPPER, E_UPPER_STRICT, E_EACH };

struct wordef {
	const char *w;
	enum effect e;
};

/* Longer words first where one begins another (不超过 before 超过 is not
 * needed: they begin differently; 达到 before 达, 大约 before 大于 are). */
static const struct wordef pre_words[] = {
	{ "不少于", E_LOWER }, { "不低于", E_LOWER }, { "不小于", E_LOWER }, { "不下于", E_LOWER },
	{ "至少", E_LOWER }, { "最少", E_LOWER }, { "最低", E_LOWER },
	{ "超过", E_LOWER_STRICT }, { "多于", E_LOWER_STRICT }, { "高于", E_LOWER_STRICT },
	{ "大于", E_LOWER_STRICT },
	{ "不超过", E_UPPER }, { "不高于", E_UPPER }, { "不多于", E_UPPER }, { "不大于", E_UPPER },
	{ "最多", E_UPPER }, { "至多", E_UPPER }, { "最高", E_UPPER }, { "控制在", E_UPPER },
	{ "低于", E_UPPER_STRICT }, { "少于", E_UPPER_STRICT }, { "小于", E_UPPER_STRICT },
	{ "各", E_EACH }, { "分别", E_EACH }, { "均", E_EACH }, { "每项", E_EACH },
	{ "全年", E_NEUTRAL }, { "年内", E_NEUTRAL }, { "力争", E_NEUTRAL }, { "争取", E_NEUTRAL },
	{ "确保", E_NEUTRAL }, { "达到", E_NEUTRAL }, { "达", E_NEUTRAL }, { "完成", E_NEUTRAL },
	{ "实现", E_NEUTRAL }, { "大约", E_NEUTRAL }, { "约", E_NEUTRAL }, { "累计", E_NEUTRAL },
	{ "合计", E_NEUTRAL }, { "共计", E_NEUTRAL }, { "共", E_NEUTRAL },
	{ NULL, E_NEUTRAL },
};

static const struct wordef post_words[] = {
	{ "及以上", E_LOWER }, { "以上", E_LOWER }, { "及以下", E_UPPER }, { "以下", E_UPPER },
	{ "以内", E_UPPER }, { "之内", E_UPPER }, { "左右", E_NEUTRAL }, { "上下", E_NEUTRAL },
	{ NULL, E_NEUTRAL },
};

/* Measure words a target may end with, longer first where one begins
 * another. The indicator's own unit is always allowed too. */
static const char *const measures[] = {
	"个百分点", "百分点", "人次", "人天", "场次", "期次", "户次", "批次", "家次", "课时", "学时",
	"小时", "公里", "千米", "公顷", "平方米", "立方米", "千克", "公斤", "千瓦",
	"人", "名", "位", "次", "场", "期", "批", "个", "家", "所", "项", "件", "户", "村", "座",
	"处", "条", "篇", "套", "台", "辆", "元", "亩", "吨", "斤", "米", "天", "日", "节", "班",
	"株", "头", "只", "份", "册", "本", "张", "组", "支", "队", "部", "间", "栋", "趟", "轮",
	"届", "倍", "%", "％", "‰",
	NULL,
};

/* Arabic digits with optional thousands commas and decimals. */
static int arabic(struct rd *r, double *v)
{
	size_t len, start = here(r);
	unsigned c = peek(r, &len);
	double x = 0, scale = 1;
	int digits = 0, group = 0, commas = 0;
	if (digit(c) < 0)
		return 0;
	for (;;) {
		c = peek(r, &len);
		int d = digit(c);
		if (d >= 0) {
			x = x * 10 + d;
			digits++;
			group++;
			r->i += len;
			continue;
		}
		/* 12,500: a comma between digit groups of three */
		if (c == ',' && (commas ? group == 3 : group <= 3) && r->i + 4 <= r->n &&
		    digit((unsigned char)r->s[r->i + 1]) >= 0 && digit((unsigned char)r->s[r->i + 2]) >= 0 &&
		    digit((unsigned char)r->s[r->i + 3]) >= 0 &&
		    (r->i + 4 == r->n || digit((unsigned char)r->s[r->i + 4]) < 0)) {
			r->i += 1;
			commas++;
			group = 0;
			continue;
		}
		break;
	}
	if (commas && group != 3) {
		r->i = start;
		return 0;
	}
	if ((c == '.' || c == U'．') && r->i + len < r->n) {
		size_t save = r->i;
		r->i += len;
		int frac = 0;
		while (digit(c = peek(r, &len)) >= 0) {
			x = x * 10 + digit(c);
			scale *= 10;
			frac++;
			r->i += len;
		}
		if (!frac)
			r->i = save;
	}
	if (digits > 15)
		return 0;
	*v = x / scale;
	return 1;
}

/* One end of a target: a number and what follows it. */
struct end {
	double num;      /* the number, magnitudes applied (1100万: 11000000) */
	double tail;     /* the magnitude written at its end (万: 1e4), or 1 */
	int literal;     /* followed by the indicator's unit as written: num is in it */
	int scaled;      /* a magnitude or a measure word: num is absolute */
	int more;        /* 余, 多: more than num */
};

static int more_word(struct rd *r)
{
	return word(r, "余") || word(r, "多");
}

static int read_end(struct rd *r, struct end *e, const char *unit)
{
	size_t len;
	int ar;
	memset(e, 0, sizeof(*e));
	e->tail = 1;
	if ((ar = arabic(r, &e->num)) == 0) {
		size_t at = here(r), got = chinese_number(r->s + at, r->n - at, &e->num);
		if (!got)
			return 0;
		/* A trailing 万 or 亿 is the number's magnitude (三至五万). */
		size_t k = at + got;
		while (k > at) {
			size_t b = k - 1;
			while (b > at && ((unsigned char)r->s[b] & 0xC0) == 0x80)
				b--;
			unsigned c;
			utf8_decode(r->s + b, k - b, &c);
			if (c != U'万' && c != U'亿')
				break;
			e->tail *= multiplier(c);
			e->scaled = 1;
			k = b;
		}
		r->i = at + got;
	}
	e->more = more_word(r);
	if (!e->scaled && unit && *unit && word(r, unit)) {
		e->literal = 1; /* 1.5万人次 in 万人次, 540人 in 人 */
		return 1;
	}
	if (ar) {
		double k;
		while ((k = multiplier(peek(r, &len))) != 0 && k >= 1e2) {
			e->num *= k;
			e->tail *= k;
			e->scaled = 1;
			r->i += len;
		}
		e->more |= more_word(r);
	}
	if (unit && *unit && word(r, unit)) {
		/* 5万元 in 元: a unit after a magnitude */
		e->literal = !e->scaled;
		e->scaled = 1;
		return 1;
	}
	for (const char *const *m = measures; *m; m++) {
		if (word(r, *m)) {
			e->scaled = 1;
			break;
		}
	}
	return 1;
}

static int is_dash(unsigned c)
{
	switch (c) {
	case '-': case '~':
	case U'–': case U'—': case U'―': case U'－': case U'～': case U'〜':
		return 1;
	}
	return 0;
}

static int dash(struct rd *r)
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

/* The value of an end in the unit. */
static double in_unit(const struct end *e, double umag)
{
	if (e->literal || !e->scaled)
		return e->num;
	return e->num / umag;
}

static int fail(struct rd *r, struct target *t, int number)
{
	enum target_kind k = TARGET_TEXT;
	memset(t, 0, sizeof(*t));
	t->kind = k;
	t->number = number;
	t->err_off = here(r);
	return -1;
}

static int apply(enum effect e, int *bound, int *strict)
{
	int b = e == E_LOWER || e == E_LOWER_STRICT ? 1 : e == E_UPPER || e == E_UPPER_STRICT ? 2 : 0;
	if (!b)
		return 0;
	if (*bound && *bound != b)
		return -1; /* 不少于 … 以内: which is it? */
	*bound = b;
	*strict |= e == E_LOWER_STRICT || e == E_UPPER_STRICT;
	return 0;
}

int target_parse(struct target *t, const char *text, size_t n, const char *unit)
{
	struct rd r = { text ? text : "", text ? n : 0, 0 };
	int bound = 0, strict = 0, each = 0;
	memset(t, 0, sizeof(*t));
	t->kind = TARGET_TEXT;

	/* words before the number, in any order */
	for (;;) {
		const struct wordef *w;
		for (w = pre_words; w->w; w++)
			if (word(&r, w->w))
				break;
		if (!w->w)
			break;
		if (w->e == E_EACH)
			each = 1;
		else if (apply(w->e, &bound, &strict))
			return fail(&r, t, 0);
	}
	struct end a, b;
	if (!read_end(&r, &a, unit))
		return fail(&r, t, 0);
	int range = 0;
	size_t boff = 0;
	if (dash(&r)) {
		boff = here(&r);
		if (!read_end(&r, &b, unit))
			return fail(&r, t, 1);
		range = 1;
	}
	for (const struct wordef *w = post_words; w->w; w++) {
		if (word(&r, w->w)) {
			if (range && w->e != E_NEUTRAL)
				return fail(&r, t, 1);
			if (apply(w->e, &bound, &strict))
				return fail(&r, t, 1);
			break;
		}
	}
	if (here(&r) < r.n)
		return fail(&r, t, 1);

	/* Numbers a plan can mean: 亿亿亿… or thirty digits is not a target. */
	if (!(a.num < 1e15) || (range && !(b.num < 1e15)))
		return fail(&r, t, 1);
	double umag = unit_magnitude(unit);
	if (a.more || (range && b.more)) {
		if (range || bound == 2)
			return fail(&r, t, 1);
		bound = 1;
		strict = 1;
	}
	t->each = each;
	t->strict = strict;
	if (range) {
		if (bound)
			return fail(&r, t, 1); /* 不少于2～3名 */
		/* 3至5万元: the first end takes the magnitude of the second. */
		if (!a.literal && !a.scaled) {
			if (b.literal)
				a.literal = 1;
			else if (b.scaled) {
				a.num *= b.tail;
				a.scaled = 1;
			}
		}
		t->lo = in_unit(&a, umag);
		t->hi = in_unit(&b, umag);
		if (t->lo > t->hi) {
			r.i = boff;
			fail(&r, t, 1);
			t->backwards = 1;
			return -1;
		}
		t->kind = t->lo == t->hi ? TARGET_EXACT : TARGET_RANGE;
		return 0;
	}
	t->lo = t->hi = in_unit(&a, umag);
	t->kind = bound == 1 ? TARGET_AT_LEAST : bound == 2 ? TARGET_AT_MOST : TARGET_EXACT;
	if (t->kind == TARGET_AT_MOST)
		t->lo = 0;
	if (t->kind == TARGET_EXACT)
		t->strict = 0;
	return 0;
}

void target_describe(struct buf *b, const struct target *t, const char *unit)
{
	const char *u = unit ? unit : "";
	if (t->kind == TARGET_TEXT)
		return;
	if (t->each)
		buf_puts(b, "每项");
	switch (t->kind) {
	case TARGET_EXACT:
		number_put(b, t->lo);
		break;
	case TARGET_AT_LEAST:
		buf_puts(b, t->strict ? "＞" : "≥");
		number_put(b, t->lo);
		break;
	case TARGET_AT_MOST:
		buf_puts(b, t->strict ? "＜" : "≤");
		number_put(b, t->hi);
		break;
	case TARGET_RANGE:
		number_put(b, t->lo);
		buf_puts(b, "～");
		number_put(b, t->hi);
		break;
	case TARGET_TEXT:
		break;
	}
	buf_puts(b, u);
	if (t->kind == TARGET_RANGE) {
		buf_puts(b, "（达到");
		number_put(b, t->lo);
		buf_puts(b, "即完成目标，");
		number_put(b, t->hi);
		buf_puts(b, "为争取目标）");
	}
}
