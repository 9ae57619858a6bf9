/* unitsplit: unit names in a cell, found without changing the cell. */
#include "unitsplit.h"
#include "utf8.h"

#include <string.h>

static const char *const role_names[] = { "责任单位", "牵头单位", "配合单位" };

const char *unit_role_name(enum unit_role role)
{
	return role_names[role];
}

static int is_open(unsigned c)
{
	return c == U'（' || c == '(' || c == U'〔' || c == U'【' || c == '[' || c == U'《' || c == U'［';
}

static int is_close(unsigned c)
{
	return c == U'）' || c == ')' || c == U'〕' || c == U'】' || c == ']' || c == U'》' || c == U'］';
}

/* 1: ends a name; 2: ends a clause as well. */
static int separator(unsigned c)
{
	switch (c) {
	case U'、': case ' ': case U'\u3000': case '\t': case '\n':
		return 1;
	case U'，': case ',': case U'；': case ';':
		return 2;
	}
	return 0;
}

static int is_punct(unsigned c)
{
	return c == U'。' || c == '.' || c == U'．' || c == U'！' || c == '!' || c == U'：' || c == ':' ||
	       c == U'\u00A0';
}

/* Does [*s, *e) end with w? Then move *e before it. */
static int cut_end(const char *t, size_t s, size_t *e, const char *w)
{
	size_t wn = strlen(w);
	if (*e - s > wn && memcmp(t + *e - wn, w, wn) == 0) {
		*e -= wn;
		return 1;
	}
	return 0;
}

/* Does [*s, e) begin with w? Then move *s past it. */
static int cut_start(const char *t, size_t *s, size_t e, const char *w)
{
	size_t wn = strlen(w);
	if (e - *s > wn && memcmp(t + *s, w, wn) == 0) {
		*s += wn;
		return 1;
	}
	return 0;
}

/* The last code point of [s, e), and where it starts. */
static unsigned last_cp(const char *t, size_t s, size_t e, size_t *at)
{
	size_t b = e - 1;
	unsigned c;
	while (b > s && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	utf8_decode(t + b, e - b, &c);
	*at = b;
	return c;
}

static void trim(const char *t, size_t *s, size_t *e)
{
	unsigned c;
	size_t at;
	while (*s < *e) {
		size_t len = utf8_decode(t + *s, *e - *s, &c);
		if (!separator(c) && c != U'\u00A0')
			break;
		*s += len;
	}
	while (*e > *s && (separator(c = last_cp(t, *s, *e, &at)) || is_punct(c)))
		*e = at;
}

/* A cell that says there is none: 无, —, /. */
static int says_none(const char *t, size_t s, size_t e)
{
	if (e - s == strlen("无") && memcmp(t + s, "无", e - s) == 0)
		return 1;
	while (s < e) {
		unsigned c;
		s += utf8_decode(t + s, e - s, &c);
		if (c != '-' && c != '/' && c != U'—' && c != U'–' && c != U'―' && c != U'－' && c != U'／')
			return 0;
	}
	return 1;
}

static const struct {
	const char *w;
	enum unit_role role;
} labels[] = {
	{ "牵头单位", ROLE_LEAD }, { "牵头部门", ROLE_LEAD }, { "牵头", ROLE_LEAD },
	{ "配合单位", ROLE_PARTNER }, { "配合部门", ROLE_PARTNER }, { "协办单位", ROLE_PARTNER },
	{ "参与单位", ROLE_PARTNER }, { "配合", ROLE_PARTNER },
	{ "责任单位", ROLE_RESPONSIBLE }, { "责任部门", ROLE_RESPONSIBLE },
};

size_t unit_split(const char *text, size_t n, enum unit_role role, struct unit_part *out, size_t max)
{
	size_t count = 0, i = 0, s, e = n;
	int depth = 0, clause = 0, clause_start = 0;
	enum unit_role label = role;
	int labelled = 0;
	unsigned c, c2;

	if (!text)
		return 0;
	/* The whole text in one pair of brackets: （责任单位：…） */
	s = 0;
	trim(text, &s, &e);
	if (e > s) {
		size_t at, len = utf8_decode(text + s, e - s, &c);
		c2 = last_cp(text, s, e, &at);
		if (is_open(c) && is_close(c2) && at > s) {
			int d = 0, whole = 1;
			for (size_t k = s; k < at;) {
				unsigned x;
				k += utf8_decode(text + k, at - k, &x);
				d += is_open(x) - is_close(x);
				if (d == 0)
					whole = 0;
			}
			if (whole) {
				s += len;
				e = at;
			}
		}
	}
	n = e;
	i = s;
	while (i <= n) {
		size_t start = i;
		int sep = 0;
		/* one segment: up to a separator outside brackets */
		while (i < n) {
			size_t len = utf8_decode(text + i, n - i, &c);
			if (is_open(c))
				depth++;
			else if (is_close(c) && depth > 0)
				depth--;
			else if (depth == 0 && (sep = separator(c)) != 0)
				break;
			i += len;
		}
		size_t a = start, b = i;
		if (i < n)
			i += utf8_decode(text + i, n - i, &c);
		else
			i = n + 1;
		trim(text, &a, &b);
		/* a label: 牵头单位：… */
		for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++) {
			size_t a2 = a;
			if (cut_start(text, &a2, b, labels[k].w) &&
			    (cut_start(text, &a2, b, "：") || cut_start(text, &a2, b, ":"))) {
				a = a2;
				label = labels[k].role;
				labelled = 1;
				clause++;
				clause_start = (int)count;
				break;
			}
		}
		trim(text, &a, &b);
		/* what follows a name without being part of it */
		enum unit_role mark = role;
		int marked = 0, clause_mark = 0;
		for (int again = 1; again && b > a;) {
			again = 0;
			size_t at;
			if (is_punct(last_cp(text, a, b, &at))) {
				b = at;
				again = 1;
			}
			if (cut_end(text, a, &b, "等相关单位") || cut_end(text, a, &b, "等单位") ||
			    cut_end(text, a, &b, "等部门") || cut_end(text, a, &b, "等"))
				again = 1;
			if (!marked && (cut_end(text, a, &b, "（牵头）") || cut_end(text, a, &b, "(牵头)"))) {
				mark = ROLE_LEAD;
				marked = again = 1;
			} else if (!marked && (cut_end(text, a, &b, "（配合）") || cut_end(text, a, &b, "(配合)") ||
					       cut_end(text, a, &b, "（协办）") || cut_end(text, a, &b, "(协办)"))) {
				mark = ROLE_PARTNER;
				marked = again = 1;
			} else if (!marked && cut_end(text, a, &b, "牵头")) {
				mark = ROLE_LEAD;
				marked = clause_mark = again = 1;
			} else if (!marked && cut_end(text, a, &b, "配合")) {
				mark = ROLE_PARTNER;
				marked = clause_mark = again = 1;
			}
			trim(text, &a, &b);
		}
		if (b > a && !says_none(text, a, b)) {
			if (count < max) {
				struct unit_part *p = &out[count];
				p->off = a;
				p->len = b - a;
				p->role = marked ? mark : labelled ? label : role;
				p->marked = marked || labelled;
			}
			/* 区发改局、区财政局配合: the clause's names so far; the
			 * next mark of the clause starts after this one, so each
			 * name is visited once */
			if (clause_mark) {
				for (size_t k = (size_t)clause_start; k < count && k < max; k++)
					if (!out[k].marked) {
						out[k].role = mark;
						out[k].marked = 1;
					}
				clause_start = (int)count + 1;
			}
			count++;
		}
		if (sep == 2) {
			clause++;
			clause_start = (int)count;
		}
	}
	(void)clause;
	return count;
}
