/* target: an indicator's target as the document writes it, read into a
 * meaning for completion.
 *
 * Plans write targets as phrases, not numbers: 540, 不少于540人, 15人以上,
 * 2～3名, 不超过500元, 各5名, 两场, 一百零五个, 1100万, 1.2亿元. The text is
 * always shown as written; target_parse reads what it means:
 *
 *   kind      EXACT (540, 约5万元, 3个左右), AT_LEAST (不少于, 以上, 至少),
 *             AT_MOST (不超过, 以内, 以下: less is better), RANGE (2～3:
 *             the lower end is the target, the upper end the stretch);
 *   lo, hi    the numbers, in the indicator's unit (1.2亿元 in 万元 is
 *             12000; 1100万 in 万元 is 1100);
 *   each      各 / 分别 / 均: the number is for each part of the indicator.
 *
 * The grammar and every word are in docs/format.md ("Targets"); the table
 * of cases in tests/unit/test_target.c. Text that is not a target phrase
 * (根据省定标准拨付, 不低于上年) reads as TARGET_TEXT: shown, never
 * counted. */
#ifndef GONGKAI_TARGET_H
#define GONGKAI_TARGET_H

#include <stddef.h>

struct buf;

enum target_kind {
	TARGET_TEXT,     /* no number to count against: shown as text only */
	TARGET_EXACT,    /* a number: 540, 约5万元 */
	TARGET_AT_LEAST, /* a lower bound: 不少于540人, 15人以上 (met at lo) */
	TARGET_AT_MOST,  /* an upper bound: 不超过500元, 5%以内 (less is better) */
	TARGET_RANGE,    /* 2～3名: met at lo, the stretch at hi */
};

struct target {
	enum target_kind kind;
	double lo;       /* EXACT, AT_LEAST, RANGE: the number to reach */
	double hi;       /* EXACT: = lo; AT_MOST: the ceiling; RANGE: the stretch */
	int strict;      /* 超过 N, 低于 N, N余: N itself is not enough / too much */
	int each;        /* 各, 分别, 均: lo and hi are for each part */
	int number;      /* TARGET_TEXT: a number was read before reading failed */
	size_t err_off;  /* with number: the byte where reading stopped */
	int backwards;   /* with number: a range whose first end is the larger */
};

/* Read text (n bytes, UTF-8) as a target in the given unit (人, 万元, %;
 * may be NULL). Always fills *t. Returns 0 when the text is a target
 * phrase, -1 when it is not (t->kind is TARGET_TEXT; t->number tells
 * whether it looked like one: then the caller warns at t->err_off). */
int target_parse(struct target *t, const char *text, size_t n, const char *unit);

/* The part of a number value in a unit with a magnitude: 1e4 for 万元,
 * 万人; 1e8 for 亿元; 1e3 for 千元; 1 otherwise. */
double unit_magnitude(const char *unit);

/* Append how the target was read, in Chinese, for readers who want to
 * check: "≥ 540", "< 100", "2 至 3（下限 2，上限 3）", "每项 ≥ 6". The unit
 * is appended when given. Nothing for TARGET_TEXT. */
void target_describe(struct buf *b, const struct target *t, const char *unit);

/* Read a Chinese number: 十二, 一百零五, 两千, 三万五千, 一亿二千万. n
 * bytes; returns the bytes taken (0 if none) and sets *v. For tests and
 * for target_parse. */
size_t chinese_number(const char *s, size_t n, double *v);

#endif
