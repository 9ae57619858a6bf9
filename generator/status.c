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
 *   no time at all is due by the end of the plan's year);
 * - an indicator is on track when actual / target is at least the share of
 *   the year elapsed at as_of (days elapsed, counting as_of, over the days
 *   of the year). */
#include "model.h"
#include "arena.h"
#include "date.h"
#include "value.h"

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

static void attain(struct attainment *at, const struct figure *target, const struct actual *a,
		   double elapsed)
{
	memset(at, 0, sizeof(*at));
	if (!a)
		return;
	at->has_actual = 1;
	at->actual = a;
	if (target->is_num && target->num > 0) {
		at->has_share = 1;
		at->share = a->value.num / target->num;
		/* A tiny tolerance: 0.5 of a share computed from decimals is 0.5. */
		at->on_track = at->share + 1e-9 >= elapsed;
	}
}

static void derive_indicator(struct arena *a, struct plan *p, struct indicator *ind)
{
	if (ind->nactuals > 1)
		qsort(ind->actuals, ind->nactuals, sizeof(*ind->actuals), actual_cmp);
	ind->cell_att = arena_alloc(a, (ind->ncells + 1) * sizeof(*ind->cell_att));
	if (!p->as_of)
		return;
	attain(&ind->att, &ind->target, latest(ind, NULL, p->as_of), p->elapsed);
	for (size_t i = 0; i < ind->ncells; i++)
		attain(&ind->cell_att[i], &ind->cells[i].value,
		       latest(ind, ind->cells[i].key, p->as_of), p->elapsed);
	if (ind->att.has_share) {
		p->ind_total++;
		p->ind_behind += !ind->att.on_track;
	}
}

void site_derive(struct site *s)
{
	for (size_t i = 0; i < s->nplans; i++) {
		struct plan *p = &s->plans[i];
		if (p->as_of) {
			int start = date_from_ymd(p->year, 1, 1);
			int days = date_days_in_year(p->year);
			double e = (double)(p->as_of - start + 1) / days;
			p->elapsed = e < 0 ? 0 : e > 1 ? 1 : e;
		}
		memset(&p->tasks_tally, 0, sizeof(p->tasks_tally));
		memset(&p->rows_tally, 0, sizeof(p->rows_tally));
		/* A key task of an annual plan that states no time is due within
		 * the plan's year (the method page says so); a schedule row with a
		 * blank time stays unscheduled: its table has a time column. */
		struct when year_end;
		when_parse(&year_end, "年内", strlen("年内"), p->year);
		for (size_t k = 0; k < p->ntasks; k++) {
			const struct when *w = &p->tasks[k].when;
			if (w->kind == WHEN_BLANK)
				w = &year_end;
			stand(&p->tasks[k].st, &p->tasks[k].progress, w, p->as_of);
			if (p->as_of)
				count(&p->tasks_tally, &p->tasks[k].st);
		}
		for (size_t k = 0; k < p->nrows; k++) {
			stand(&p->rows[k].st, &p->rows[k].progress, &p->rows[k].when, p->as_of);
			if (p->as_of)
				count(&p->rows_tally, &p->rows[k].st);
		}
		p->ind_total = p->ind_behind = 0;
		for (size_t k = 0; k < p->nall_indicators; k++)
			derive_indicator(s->a, p, p->all_indicators[k]);
	}
}
