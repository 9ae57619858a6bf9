/* date: calendar days as integers.
 *
 * A date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so that ranges, comparisons and differences are plain integer
 * arithmetic. Nothing here reads the clock. */
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
/* Parse exactly "YYYY-MM-DD" (or "YYYY-M-D"). 0 on success, -1 if the text
 * is not such a date or names a day that does not exist. */
int date_parse_iso(int *out, const char *s, size_t n);
/* 2023-08-30 */
void date_put_iso(struct buf *b, int days);
/* 2023年8月30日 */
void date_put_zh(struct buf *b, int days);
/* Day of the year, 1-based. */
int date_day_of_year(int days);

#endif
