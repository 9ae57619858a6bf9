/* Status as of as_of: the boundaries of ranges, leap years, empty plans,
 * indicator pace. Builds small models by hand and derives them. */
#include "arena.h"
#include "date.h"
#include "model.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct arena *A;

static int D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* A site with one plan of year y, as_of, and one schedule row per text. */
static struct site *site_with(int y, int as_of, const char *const *whens, const enum status *st,
			      size_t n)
{
	struct site *s = arena_alloc(A, sizeof(*s));
	s->a = A;
	s->plans = arena_alloc(A, sizeof(*s->plans));
	s->nplans = 1;
	struct plan *p = &s->plans[0];
	p->year = y;
	p->as_of = as_of;
	p->rows = arena_alloc(A, (n + 1) * sizeof(*p->rows));
	p->nrows = n;
	for (size_t i = 0; i < n; i++) {
		when_parse(&p->rows[i].when, whens[i], strlen(whens[i]), y);
		p->rows[i].progress.status = st ? st[i] : ST_NONE;
		p->rows[i].progress.date = st && st[i] == ST_DONE ? D(y, 12, 1) : 0;
	}
	return s;
}

static void test_boundaries(void)
{
	static const char *const w[] = { "8月", "8月", "8月", "9月", "12月底前", "根据两地对口协作计划确定", "", "10月" };
	static const enum status st[] = { ST_NONE, ST_ACTIVE, ST_DONE, ST_NONE, ST_NONE, ST_ACTIVE, ST_NONE, ST_NOT_STARTED };
	/* as_of is the last day of August */
	struct site *s = site_with(2023, D(2023, 8, 31), w, st, 8);
	site_derive(s);
	struct row *r = s->plans[0].rows;
	T_INT(r[0].st.timing, TM_DUE_SOON); /* on its last day: due, not overdue */
	T_INT(r[0].st.days, 0);
	T_INT(r[1].st.timing, TM_DUE_SOON);
	T_INT(r[2].st.status, ST_DONE);
	T_INT(r[2].st.late, 1);             /* done Dec 1 after an August plan */
	T_INT(r[3].st.timing, TM_DUE_SOON); /* September ends in 30 days */
	T_INT(r[3].st.days, 30);
	T_INT(r[4].st.timing, TM_OPEN);     /* a deadline: open from Jan 1 */
	T_INT(r[5].st.timing, TM_UNSCHEDULED);
	T_INT(r[6].st.timing, TM_UNSCHEDULED); /* blank schedule time */
	T_INT(r[7].st.timing, TM_UPCOMING);
	const struct tally *t = &s->plans[0].rows_tally;
	T_INT(t->total, 8);
	T_INT(t->done, 1);
	T_INT(t->due_soon, 3);
	T_INT(t->unscheduled, 2);
	T_INT(t->not_started, 1);
	T_INT(t->unreported, 1);

	/* one day later, August is overdue by one day */
	s = site_with(2023, D(2023, 9, 1), w, st, 8);
	site_derive(s);
	r = s->plans[0].rows;
	T_INT(r[0].st.timing, TM_OVERDUE);
	T_INT(r[0].st.days, 1);
	T_INT(r[3].st.timing, TM_DUE_SOON); /* September: 29 days left */
	T_INT(r[3].st.days, 29);
	T_INT(r[7].st.timing, TM_UPCOMING);
	T_INT(s->plans[0].rows_tally.overdue, 2);

	/* 31 days before the end is not yet due soon */
	s = site_with(2023, D(2023, 7, 31), w, st, 8);
	site_derive(s);
	T_INT(s->plans[0].rows[0].st.timing, TM_UPCOMING); /* August has not begun */
	static const char *const w2[] = { "7-8月" };
	s = site_with(2023, D(2023, 7, 31), w2, NULL, 1);
	site_derive(s);
	T_INT(s->plans[0].rows[0].st.timing, TM_OPEN); /* Aug 31 - Jul 31 = 31 days */
	s = site_with(2023, D(2023, 8, 1), w2, NULL, 1);
	site_derive(s);
	T_INT(s->plans[0].rows[0].st.timing, TM_DUE_SOON);
	T_INT(s->plans[0].rows[0].st.days, 30);
}

static void test_leap(void)
{
	static const char *const w[] = { "2月", "2月底前", "上半年" };
	struct site *s = site_with(2024, D(2024, 2, 29), w, NULL, 3);
	site_derive(s);
	struct row *r = s->plans[0].rows;
	T_INT(r[0].st.timing, TM_DUE_SOON); /* Feb 29 is February's last day in 2024 */
	T_INT(r[1].st.timing, TM_DUE_SOON);
	T_INT(r[1].st.days, 0);
	/* elapsed share: 60 of 366 days */
	T_OK(s->plans[0].elapsed > 60.0 / 366 - 1e-12 && s->plans[0].elapsed < 60.0 / 366 + 1e-12);
	s = site_with(2023, D(2023, 3, 1), w, NULL, 3);
	site_derive(s);
	T_INT(s->plans[0].rows[0].st.timing, TM_OVERDUE); /* Feb 28 was the end in 2023 */
	T_INT(s->plans[0].rows[0].st.days, 1);
}

static void test_empty(void)
{
	struct site *s = site_with(2023, D(2023, 6, 30), NULL, NULL, 0);
	site_derive(s);
	T_INT(s->plans[0].rows_tally.total, 0);
	T_INT(s->plans[0].ind_total, 0);
	/* no progress at all: nothing is known */
	static const char *const w[] = { "8月" };
	s = site_with(2023, 0, w, NULL, 1);
	site_derive(s);
	T_INT(s->plans[0].rows[0].st.known, 0);
	T_INT(s->plans[0].rows_tally.total, 0);
	T_OK(s->plans[0].elapsed == 0);
}

static void test_tasks_without_time(void)
{
	struct site *s = site_with(2023, D(2023, 12, 31), NULL, NULL, 0);
	struct plan *p = &s->plans[0];
	p->tasks = arena_alloc(A, 2 * sizeof(*p->tasks));
	p->ntasks = 2;
	when_parse(&p->tasks[0].when, "", 0, 2023);
	when_parse(&p->tasks[1].when, "6月", strlen("6月"), 2023);
	site_derive(s);
	T_INT(p->tasks[0].st.timing, TM_DUE_SOON); /* due by the end of the year */
	T_INT(p->tasks[0].st.due, D(2023, 12, 31));
	T_INT(p->tasks[1].st.timing, TM_OVERDUE);
	T_INT(p->tasks_tally.overdue, 1);
}

static struct indicator *indicator(const char *target, const int *dates, const double *vals, size_t n)
{
	struct indicator *ind = arena_alloc(A, sizeof(*ind));
	ind->id = "x";
	ind->unit = "人";
	ind->target.text = target;
	ind->target.is_num = target_parse(&ind->target.reading, target, strlen(target), ind->unit) == 0;
	ind->target.num = ind->target.reading.lo;
	ind->goal = ind->target.reading;
	ind->actuals = arena_alloc(A, (n + 1) * sizeof(*ind->actuals));
	for (size_t i = 0; i < n; i++) {
		ind->actuals[i].date = dates[i];
		ind->actuals[i].value.num = vals[i];
		ind->actuals[i].value.is_num = 1;
	}
	ind->nactuals = n;
	return ind;
}

static void test_pace(void)
{
	struct site *s = site_with(2023, D(2023, 6, 30), NULL, NULL, 0);
	struct plan *p = &s->plans[0];
	/* values out of order; one after as_of is ignored */
	int dates[] = { D(2023, 6, 30), D(2023, 3, 31), D(2023, 9, 30) };
	double vals[] = { 270, 100, 500 };
	struct indicator *ind = indicator("540", dates, vals, 3);
	p->all_indicators = arena_alloc(A, sizeof(*p->all_indicators));
	p->all_indicators[0] = ind;
	p->nall_indicators = 1;
	site_derive(s);
	T_INT(ind->actuals[0].date, D(2023, 3, 31)); /* sorted */
	T_INT(ind->att.has_actual, 1);
	T_OK(ind->att.actual->value.num == 270);
	T_OK(ind->att.share == 0.5);
	/* June 30 is day 181 of 365: 0.4959 — 0.5 is on track */
	T_INT(ind->att.on_track, 1);
	T_INT(p->ind_total, 1);
	T_INT(p->ind_behind, 0);
	p->as_of = D(2023, 7, 2); /* day 183: 0.5014 — now behind */
	site_derive(s);
	T_INT(ind->att.on_track, 0);
	T_INT(p->ind_behind, 1);
	/* no value yet at as_of */
	p->as_of = D(2023, 1, 31);
	site_derive(s);
	T_INT(ind->att.has_actual, 0);
	T_INT(p->ind_total, 0);
}

/* One indicator with one value, derived as of as_of. */
static struct indicator *judge(struct site *s, const char *target, int date, double value, int as_of)
{
	struct plan *p = &s->plans[0];
	struct indicator *ind = indicator(target, &date, &value, 1);
	p->all_indicators = arena_alloc(A, sizeof(*p->all_indicators));
	p->all_indicators[0] = ind;
	p->nall_indicators = 1;
	p->as_of = as_of;
	site_derive(s);
	return ind;
}

static void test_bounds(void)
{
	struct site *s = site_with(2023, D(2023, 6, 30), NULL, NULL, 0);
	/* a lower bound: met at the bound, on track before it by the pace */
	struct indicator *ind = judge(s, "不少于540人", D(2023, 6, 30), 540, D(2023, 6, 30));
	T_INT(ind->att.judged, 1);
	T_INT(ind->att.met, 1);
	T_INT(ind->att.on_track, 1);
	ind = judge(s, "超过100人", D(2023, 6, 30), 100, D(2023, 6, 30));
	T_INT(ind->att.met, 0); /* more than 100: 100 is not enough */
	T_INT(ind->att.on_track, 1); /* but far ahead of the pace */
	/* an upper bound: less is better, no pace */
	ind = judge(s, "不超过500人", D(2023, 6, 30), 200, D(2023, 6, 30));
	T_INT(ind->att.kind, TARGET_AT_MOST);
	T_INT(ind->att.on_track, 1);
	T_INT(ind->att.over, 0);
	T_OK(ind->att.share == 0.4);
	T_INT(s->plans[0].ind_behind, 0);
	ind = judge(s, "不超过500人", D(2023, 6, 30), 501, D(2023, 6, 30));
	T_INT(ind->att.over, 1);
	T_INT(ind->att.on_track, 0);
	T_INT(s->plans[0].ind_behind, 1);
	ind = judge(s, "500人以内", D(2023, 6, 30), 500, D(2023, 6, 30));
	T_INT(ind->att.over, 0); /* 以内 includes 500 */
	ind = judge(s, "低于500人", D(2023, 6, 30), 500, D(2023, 6, 30));
	T_INT(ind->att.over, 1); /* 低于 does not */
	/* a range: the lower end is the target, the upper the stretch */
	ind = judge(s, "2～3人", D(2023, 6, 30), 1, D(2023, 6, 30));
	T_OK(ind->att.share == 0.5);
	T_INT(ind->att.met, 0);
	T_INT(ind->att.on_track, 1); /* half by June 30: 181/365 */
	ind = judge(s, "2～3人", D(2023, 12, 1), 2, D(2023, 12, 31));
	T_INT(ind->att.met, 1);
	T_INT(ind->att.stretch, 0);
	ind = judge(s, "2～3人", D(2023, 12, 1), 3, D(2023, 12, 31));
	T_INT(ind->att.stretch, 1);
	/* text: shown, never judged */
	ind = judge(s, "不低于上年", D(2023, 6, 30), 3, D(2023, 6, 30));
	T_INT(ind->att.judged, 0);
	T_INT(ind->att.has_actual, 1);
	T_INT(s->plans[0].ind_total, 0);
}

static void test_deadlines(void)
{
	struct site *s = site_with(2023, D(2023, 6, 30), NULL, NULL, 0);
	struct plan *p = &s->plans[0];
	/* without a deadline, paced over the year: 181/365 */
	struct indicator *ind = judge(s, "100", D(2023, 6, 30), 49, D(2023, 6, 30));
	T_OK(fabs(ind->att.expected - 181.0 / 365) < 1e-12);
	T_INT(ind->pace_from, D(2023, 1, 1));
	T_INT(ind->pace_to, D(2023, 12, 31));
	T_INT(ind->att.on_track, 0);
	/* due 8月前 (by July 31): 181 of 212 days */
	ind = indicator("100", (int[]){ D(2023, 6, 30) }, (double[]){ 80 }, 1);
	when_parse(&ind->due, "8月前", strlen("8月前"), 2023);
	p->all_indicators[0] = ind;
	site_derive(s);
	T_OK(fabs(ind->att.expected - 181.0 / 212) < 1e-12);
	T_INT(ind->pace_to, D(2023, 7, 31));
	T_INT(ind->att.on_track, 0); /* 80% < 85.4% */
	/* the plan's own deadline paces indicators without one, and is the due
	 * day of tasks without a time */
	ind = indicator("100", (int[]){ D(2023, 6, 30) }, (double[]){ 80 }, 1);
	p->all_indicators[0] = ind;
	when_parse(&p->due, "于2023年11月30日前完成", strlen("于2023年11月30日前完成"), 2023);
	T_INT(p->due.kind, WHEN_DEADLINE);
	p->tasks = arena_alloc(A, sizeof(*p->tasks));
	p->ntasks = 1;
	when_parse(&p->tasks[0].when, "", 0, 2023);
	site_derive(s);
	T_INT(ind->pace_to, D(2023, 11, 30));
	T_OK(fabs(ind->att.expected - 181.0 / 334) < 1e-12);
	T_INT(ind->att.on_track, 1);
	T_INT(p->tasks[0].st.due, D(2023, 11, 30));
	T_OK(fabs(p->elapsed - 181.0 / 334) < 1e-12);
	/* past the deadline: the whole target is expected */
	p->as_of = D(2023, 12, 15);
	site_derive(s);
	T_OK(ind->att.expected == 1);
	T_INT(p->tasks[0].st.timing, TM_OVERDUE);
	/* the indicator's own due wins over the plan's */
	when_parse(&ind->due, "下半年", strlen("下半年"), 2023);
	p->as_of = D(2023, 6, 30);
	site_derive(s);
	T_INT(ind->pace_from, D(2023, 7, 1));
	T_OK(ind->att.expected == 0); /* not started yet */
	T_INT(ind->att.on_track, 1);
}

int main(void)
{
	A = arena_new();
	test_boundaries();
	test_leap();
	test_empty();
	test_tasks_without_time();
	test_pace();
	test_bounds();
	test_deadlines();
	arena_free(A);
	return t_done("status");
}
