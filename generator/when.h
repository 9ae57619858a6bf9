/* when: planned times as staff write them, read into date ranges.
 *
 * A schedule row's planned time (拟推进时间) is free Chinese text: 全年,
 * 下半年, 一季度, 7月、10月, 4-8月, 12月底前, 9月初, 根据两地对口协作计划确定 …
 * when_parse reads it into up to WHEN_MAX_SPANS inclusive day ranges within
 * the plan's year, with a kind. The text itself is never changed: what
 * cannot be read is reported (the caller warns with file:line:col) and the
 * row is shown as unscheduled with its text as written. */
#ifndef GONGKAI_WHEN_H
#define GONGKAI_WHEN_H

#include <stddef.h>

struct buf;

#define WHEN_MAX_SPANS 12

enum when_kind {
	WHEN_BLANK,       /* nothing written: shown as 未注明 */
	WHEN_RANGE,       /* one span: 全年, 下半年, 4-8月, 8月, 9月初 */
	WHEN_POINTS,      /* several spans: 7月、10月; 3月、7月 */
	WHEN_DEADLINE,    /* by a date: 11月前, 12月底前, 2024年11月30日前; one span,
	                     Jan 1 of the plan's year (or of the deadline's, if
	                     earlier) .. the deadline */
	WHEN_UNSCHEDULED, /* text with no date: 根据两地对口协作计划确定, or unreadable text */
};

struct when_span {
	int start; /* first day, as a date.h day number */
	int end;   /* last day, inclusive */
};

struct when {
	enum when_kind kind;
	int nspans;                               /* spans used */
	struct when_span spans[WHEN_MAX_SPANS];   /* in order of the text */
	int unreadable;   /* 1: the text was not understood (the caller warns) */
	size_t err_off;   /* with unreadable: byte offset where reading stopped */
	int other_year;   /* 1: the text names a year other than the plan's */
};

/* Read text (n bytes, UTF-8) as a planned time in the given year.
 * Always fills *out. Returns 0 when the text was understood (including
 * recognised phrases with no date, such as 根据上级要求开展, and blank text),
 * -1 when it was not (then out->kind is WHEN_UNSCHEDULED and
 * out->unreadable is 1). */
int when_parse(struct when *out, const char *text, size_t n, int year);

/* The first and last day covered by all spans (0 if none). */
int when_first(const struct when *w);
int when_last(const struct when *w);

/* Append how the text was read, in Chinese: "7月1日—12月31日",
 * "7月1日—7月31日；10月1日—10月31日", "7月3日", "12月31日前", "未排期",
 * "未注明"; every date with its year ("2024年11月30日前") when other_year. */
void when_describe(struct buf *b, const struct when *w);

#endif
