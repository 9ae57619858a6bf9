#include "date.h"
#include "buf.h"

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : dim[m - 1];
}

int date_days_in_year(int y)
{
	return date_is_leap(y) ? 366 : 365;
}

int date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= date_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: eras of 400 years, March-based years. */
int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe;
}

void date_to_ymd(int days, int *y, int *m, int *d)
{
	int era = (days >= 0 ? days : days - 146096) / 146097;
	int doe = days - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, size_t n, size_t *i, size_t min, size_t max, int *out)
{
	size_t start = *i;
	int v = 0;
	while (*i < n && *i - start < max && s[*i] >= '0' && s[*i] <= '9')
		v = v * 10 + (s[(*i)++] - '0');
	if (*i - start < min)
		return -1;
	*out = v;
	return 0;
}

int date_parse_iso(int *out, const char *s, size_t n)
{
	size_t i = 0;
	int y, m, d;
	if (digits(s, n, &i, 4, 4, &y) || i >= n || s[i++] != '-' ||
	    digits(s, n, &i, 1, 2, &m) || i >= n || s[i++] != '-' ||
	    digits(s, n, &i, 1, 2, &d) || i != n)
		return DATE_BAD_FORM;
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return DATE_NO_DAY;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return DATE_BAD_YEAR;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int date_from_unix(int *out, long long t)
{
	/* 1900-01-01 and 3000-01-01 in seconds since 1970 */
	const long long lo = -2208988800LL, hi = 32503680000LL;
	if (t < lo || t >= hi)
		return -1;
	long long day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	*out = date_from_ymd(1970, 1, 1) + (int)day;
	return 0;
}

void date_put_iso(struct buf *b, int days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	buf_printf(b, "%04d-%02d-%02d", y, m, d);
}

void date_put_zh(struct buf *b, int days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	buf_printf(b, "%d年%d月%d日", y, m, d);
}

int date_day_of_year(int days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	return days - date_from_ymd(y, 1, 1) + 1;
}
