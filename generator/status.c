/* status: where everything stands as of a plan's as_of date.
 *
 * Nothing here reads the clock: a plan's progress file says as of which
 * day it reports, and every standing is computed for that day, so the same
 * commit always builds the same site. The rules are the ones the site's
 * method page (layouts/method.mustache) explains to the public:
 *
 * - done / cancelled: as reported;
 * - overdue: the last planned day is before as_of and it is not done;
 * - due soon: the last planned day is 0–30 days after as_of;
 * - upcoming: the first planned day is after as_of;
 * - unscheduled: the planned time gives no dates (a key task that states
 *   no time at all is due by the plan's own deadline, or else by the end
 *   of the plan's year);
 * - an indicator is judged against its target as read (target.h): a lower
 *   bound or a range is met at its lower end (a range's upper end is the
 *   stretch), and is on track when met or when actual / lower end is at
 *   least the share of the time to its deadline elapsed at as_of (days
 *   elapsed, counting as_of, over the days from the deadline's first day
 *   to its last: the indicator's due, else the plan's, else the year);
 *   an upper bound (less is better) is on track while the actual is within
 *   it. */
#include "model.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fields.h"
#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void stand(struct standing *st, const struct progress *pr, const struct when *w, int as_of)
{
	memset(st, 0, sizeof(*st));
	if (!as_of)
		return;
	st->known = 1;
	st->status = pr->status;
	st->due = when_last(w);
	int first = when_first(w);
	if (pr->status == ST_DONE) {
		st->late = st->due && pr->date > st->due;
		return;
	}
	if (pr->status == ST_CANCELLED)
		return;
	if (!st->due) {
		st->timing = TM_UNSCHEDULED;
	} else if (as_of > st->due) {
		st->timing = TM_OVERDUE;
		st->days = as_of - st->due;
	} else if (st->due - as_of <= DUE_SOON_DAYS) {
		st->timing = TM_DUE_SOON;
		st->days = st->due - as_of;
	} else if (first > as_of) {
		st->timing = TM_UPCOMING;
	} else {
		st->timing = TM_OPEN;
	}
}

static void count(struct tally *t, const struct standing *st)
{
	t->total++;
	if (st->status == ST_DONE)
		t->done++;
	else if (st->status == ST_CANCELLED)
		t->cancelled++;
	else if (st->timing == TM_OVERDUE)
		t->overdue++;
	else if (st->timing == TM_DUE_SOON)
		t->due_soon++;
	else if (st->timing == TM_UNSCHEDULED)
		t->unscheduled++;
	else if (st->status == ST_ACTIVE)
		t->active++;
	else if (st->status == ST_NOT_STARTED)
		t->not_started++;
	else
		t->unreported++;
}

static int actual_cmp(const void *a, const void *b)
{
	const struct actual *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* Same date: keep the order written (stable by node line). */
	unsigned lx = x->node ? x->node->line : 0, ly = y->node ? y->node->line : 0;
	return lx < ly ? -1 : lx > ly;
}

/* The latest value for a breakdown key (NULL: the total) at or before as_of. */
static const struct actual *latest(const struct indicator *ind, const char *key, int as_of)
{
	const struct actual *best = NULL;
	for (size_t i = 0; i < ind->nactuals; i++) {
		const struct actual *a = &ind->actuals[i];
		int same = key ? a->region && strcmp(a->region, key) == 0 : a->region == NULL;
		if (same && a->date <= as_of)
			best = a; /* sorted by date: the last one wins */
	}
	return best;
}

/* The share of [from, to] elapsed at as_of, counting as_of itself. */
static double pace(int from, int to, int as_of)
{
	if (as_of < from)
		return 0;
	if (as_of >= to)
		return 1;
	return (double)(as_of - from + 1) / (double)(to - from + 1);
}

static void attain(struct attainment *at, const struct target *goal, const struct actual *a,
		   double expected)
{
	memset(at, 0, sizeof(*at));
	at->expected = expected;
	at->kind = goal->kind;
	if (!a)
		return;
	at->has_actual = 1;
	at->actual = a;
	double v = a->value.num, eps = 1e-9 * (fabs(v) + 1);
	switch (goal->kind) {
	case TARGET_TEXT:
		return;
	case TARGET_EXACT:
	case TARGET_AT_LEAST:
	case TARGET_RANGE:
		at->judged = 1;
		at->met = goal->strict ? v > goal->lo + eps : v + eps >= goal->lo;
		at->stretch = goal->kind == TARGET_RANGE && v + eps >= goal->hi;
		if (goal->lo > 0) {
			at->has_share = 1;
			at->share = v / goal->lo;
		}
		/* A tiny tolerance: 0.5 of a share computed from decimals is 0.5. */
		at->on_track = at->met || (at->has_share && at->share + 1e-9 >= expected);
		return;
	case TARGET_AT_MOST:
		at->judged = 1;
		at->over = goal->strict ? v + eps >= goal->hi : v > goal->hi + eps;
		at->met = at->on_track = !at->over;
		if (goal->hi > 0) {
			at->has_share = 1;
			at->share = v / goal->hi;
		}
		return;
	}
}

/* The days an indicator's pace runs over: its due, else the plan's, else
 * the plan's year. */
static void pace_span(const struct plan *p, const struct indicator *ind, int *from, int *to)
{
	const struct when *w = ind->due.nspans ? &ind->due : p->due.nspans ? &p->due : NULL;
	if (w) {
		*from = when_first(w);
		*to = when_last(w);
	} else {
		*from = date_from_ymd(p->year, 1, 1);
		*to = date_from_ymd(p->year, 12, 31);
	}
}

/* The latest value of a 各 target's parts, added up, when the indicator
 * has no value of its own and every part has one at as_of: 教师 5 and
 * 医生 3 are 8 of 各5名. The sum is dated by the latest part. */
static const struct actual *sum_of_parts(struct arena *a, const struct plan *p,
					 const struct indicator *ind, int as_of)
{
	if (!ind->target.reading.each || (!ind->nchildren && !ind->ncells) || latest(ind, NULL, as_of))
		return NULL;
	double sum = 0;
	int date = 0;
	size_t n = ind->ncells ? ind->ncells : ind->nchildren;
	for (size_t i = 0; i < n; i++) {
		if (ind->ncells && p->total_col && ind->cells[i].col == p->total_col)
			continue;
		const struct actual *c = ind->ncells ? latest(ind, ind->cells[i].key, as_of)
						     : latest(ind->children[i], NULL, as_of);
		if (!c)
			return NULL;
		sum += c->value.num;
		date = c->date > date ? c->date : date;
	}
	struct actual *s = arena_alloc(a, sizeof(*s));
	struct buf b = BUF_INIT;
	number_put(&b, sum);
	s->date = date;
	s->value.text = arena_strndup(a, b.ptr, b.len);
	s->value.num = sum;
	s->value.is_num = 1;
	s->value.reading.kind = TARGET_EXACT;
	s->value.reading.lo = s->value.reading.hi = sum;
	s->note = "各项之和";
	buf_free(&b);
	return s;
}

static void derive_indicator(struct arena *a, struct plan *p, struct indicator *ind)
{
	if (ind->nactuals > 1)
		qsort(ind->actuals, ind->nactuals, sizeof(*ind->actuals), actual_cmp);
	ind->cell_att = arena_alloc(a, (ind->ncells + 1) * sizeof(*ind->cell_att));
	pace_span(p, ind, &ind->pace_from, &ind->pace_to);
	if (!p->as_of)
		return;
	double expected = pace(ind->pace_from, ind->pace_to, p->as_of);
	const struct actual *now = latest(ind, NULL, p->as_of);
	attain(&ind->att, &ind->goal, now ? now : sum_of_parts(a, p, ind, p->as_of), expected);
	for (size_t i = 0; i < ind->ncells; i++)
		attain(&ind->cell_att[i], &ind->cells[i].value.reading,
		       latest(ind, ind->cells[i].key, p->as_of), expected);
	p->ind_reported += ind->att.has_actual;
	if (ind->att.judged) {
		p->ind_total++;
		p->ind_behind += !ind->att.on_track;
	}
}

void site_derive(struct site *s)
{
	for (size_t i = 0; i < s->nplans; i++) {
		struct plan *p = &s->plans[i];
		if (p->as_of)
			p->elapsed = p->due.nspans ? pace(when_first(&p->due), when_last(&p->due), p->as_of)
						   : pace(date_from_ymd(p->year, 1, 1),
							  date_from_ymd(p->year, 12, 31), p->as_of);
		memset(&p->tasks_tally, 0, sizeof(p->tasks_tally));
		memset(&p->rows_tally, 0, sizeof(p->rows_tally));
		/* A key task of an annual plan that states no time is due by the
		 * plan's own deadline, or within the plan's year (the method page
		 * says so); a schedule row with a blank time stays unscheduled:
		 * its table has a time column. */
		struct when year_end;
		when_parse(&year_end, "年内", strlen("年内"), p->year);
		const struct when *by = p->due.nspans ? &p->due : &year_end;
		for (size_t k = 0; k < p->ntasks; k++) {
			const struct when *w = &p->tasks[k].when;
			if (w->kind == WHEN_BLANK)
				w = by;
			stand(&p->tasks[k].st, &p->tasks[k].progress, w, p->as_of);
			if (p->as_of)
				count(&p->tasks_tally, &p->tasks[k].st);
		}
		for (size_t k = 0; k < p->nrows; k++) {
			stand(&p->rows[k].st, &p->rows[k].progress, &p->rows[k].when, p->as_of);
			if (p->as_of)
				count(&p->rows_tally, &p->rows[k].st);
		}
		p->ind_reported = p->ind_total = p->ind_behind = 0;
		/* children after parents: a 各 parent adds up its parts, so
		 * the children's values are sorted first */
		for (size_t k = p->nall_indicators; k-- > 0;)
			derive_indicator(s->a, p, p->all_indicators[k]);
	}
}
