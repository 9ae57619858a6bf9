/* date: calendar days as integers.
 *
 * A date is the number of days since 0000-03-01 in the proleptic Gregorian
 * calendar, so that ranges, comparisons and differences are plain integer
 * arithmetic, and 0 — never a date content may name — can mean "none"
 * (with days since 1970 it would have been 1970-01-01). Nothing here reads
 * the clock. */
#ifndef GONGKAI_DATE_H
#define GONGKAI_DATE_H

#include <stddef.h>

struct buf;

int date_is_leap(int y);
int date_days_in_month(int y, int m);
int date_days_in_year(int y);
/* y-m-d to a day number; m and d must be valid (see date_valid). */
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
int date_valid(int y, int m, int d);

/* Dates content may give: years DATE_MIN_YEAR to DATE_MAX_YEAR. */
#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2999

enum {
	DATE_BAD_FORM = -1,  /* not YYYY-MM-DD */
	DATE_NO_DAY = -2,    /* no such day: 2023-02-30, 2023-13-01 */
	DATE_BAD_YEAR = -3,  /* a year outside DATE_MIN_YEAR .. DATE_MAX_YEAR */
};

/* Parse exactly "YYYY-MM-DD" (or "YYYY-M-D"). 0 on success, else one of
 * the codes above. */
int date_parse_iso(int *out, const char *s, size_t n);
/* The UTC calendar day of a time in seconds since 1970, in *out; -1 if it
 * is outside DATE_MIN_YEAR .. DATE_MAX_YEAR. */
int date_from_unix(int *out, long long seconds);
/* 2023-08-30 */
void date_put_iso(struct buf *b, int days);
/* 2023年8月30日 */
void date_put_zh(struct buf *b, int days);
/* Day of the year, 1-based. */
int date_day_of_year(int days);

#endif
