/* page_index: the pages that gather plans together — home, a year, a
 * region, a unit, the indexes of units and regions, the method page. */
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fields.h"
#include "page_index.h"
#include "page_parts.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* ---- home ------------------------------------------------------------------ */

/* An overdue or due-soon item, for the lists on the home page. */
static struct val *due_item(struct page_view *pv, const struct plan *p, const struct standing *st,
			    const char *label, const char *units, const char *when, const char *anchor)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "plan", p->title);
	set(pv, m, "plan_href", page_url(pv, "plans/%s/", p->slug));
	set(pv, m, "href", page_url(pv, "plans/%s/#%s", p->slug, anchor));
	set(pv, m, "label", label);
	set(pv, m, "units", units);
	set(pv, m, "when", when);
	set(pv, m, "due", date_zh(pv, st->due));
	set_int(pv, m, "days", st->days);
	set(pv, m, "as_of", date_zh(pv, p->as_of));
	return m;
}

static void collect_due(struct page_view *pv, const struct plan *p, enum timing which, struct val *out)
{
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct task *t = &p->tasks[i];
		if (t->st.known && t->st.timing == which && t->st.status != ST_DONE && t->st.status != ST_CANCELLED)
			val_push(pv->a, out, due_item(pv, p, &t->st,
						      t->title ? t->title : excerpt(pv, t->text ? t->text : "", 24),
						      units_text(pv, t->units, t->nunits), t->when_text,
						      arena_printf(pv->a, "task-%s", t->id)));
	}
	for (size_t i = 0; i < p->nrows; i++) {
		const struct row *r = &p->rows[i];
		if (r->st.known && r->st.timing == which && r->st.status != ST_DONE && r->st.status != ST_CANCELLED)
			val_push(pv->a, out, due_item(pv, p, &r->st,
						      r->activity ? r->activity : excerpt(pv, r->detail ? r->detail : "", 24),
						      units_text(pv, r->units, r->nunits), r->when_text,
						      arena_printf(pv->a, "row-%s", r->id)));
	}
}

/* The first HOME_DUE items of a list; the count of the rest. */
static void cut_list(struct page_view *pv, struct val *list, const char *more_key)
{
	size_t n = list->len;
	if (n > HOME_DUE)
		list->len = HOME_DUE;
	set(pv, pv->v, more_key, n > HOME_DUE ? arena_printf(pv->a, "%zu", n - HOME_DUE) : NULL);
}

void build_home(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	struct arena *a = pv->a;
	struct val *years = val_list(a);
	struct val *plans = NULL, *y = NULL;
	int cur = 0;
	size_t count = 0;
	struct val *overdue = val_list(a), *soon = val_list(a);
	for (size_t i = 0; i <= s->nplans; i++) {
		const struct plan *p = i < s->nplans ? &s->plans[i] : NULL;
		if (y && (!p || p->year != cur)) {
			/* the year before is complete */
			set_int(pv, y, "count", (long long)count);
			set_bool(pv, y, "more", count > HOME_PLANS);
		}
		if (!p)
			break;
		if (!plans || p->year != cur) {
			cur = p->year;
			count = 0;
			y = val_map(a);
			plans = val_list(a);
			set_int(pv, y, "year", cur);
			set(pv, y, "href", page_url(pv, "years/%d/", cur));
			val_set(a, y, "plans", plans);
			val_push(a, years, y);
		}
		if (count++ < HOME_PLANS)
			val_push(a, plans, plan_card(pv, p));
		collect_due(pv, p, TM_OVERDUE, overdue);
		collect_due(pv, p, TM_DUE_SOON, soon);
	}
	val_set(a, pv->v, "years", years);
	set_bool(pv, pv->v, "has_due", overdue->len || soon->len);
	cut_list(pv, overdue, "overdue_more");
	cut_list(pv, soon, "due_soon_more");
	val_set(a, pv->v, "overdue", overdue);
	val_set(a, pv->v, "due_soon", soon);
	set(pv, pv->v, "method_href", page_url(pv, "method/"));
}

void build_year(struct page_view *pv, int year, const struct slice *sl)
{
	const struct site *s = pv->ctx->site;
	struct val *plans = val_list(pv->a);
	for (size_t i = sl->from; i < sl->from + sl->count; i++)
		val_push(pv->a, plans, plan_card(pv, &s->plans[i]));
	set_int(pv, pv->v, "year", year);
	val_set(pv->a, pv->v, "plans", plans);
	set_pager(pv, sl);
}

/* ---- regions ------------------------------------------------------------------ */

static int within(const struct region *r, const struct region *of)
{
	for (; r; r = r->parent)
		if (r == of)
			return 1;
	return 0;
}

static int concerns(const struct plan *p, const struct region *r)
{
	for (size_t k = 0; k < p->nregions; k++)
		if (within(p->regions[k], r))
			return 1;
	return 0;
}

static int column_is(const struct column *c, const struct region *r);

int plan_in_region(const struct plan *p, const struct region *r)
{
	if (concerns(p, r))
		return 1;
	for (size_t k = 0; k < p->nall_indicators; k++)
		for (size_t c = 0; c < p->all_indicators[k]->ncells; c++)
			if (p->all_indicators[k]->cells[c].col && column_is(p->all_indicators[k]->cells[c].col, r))
				return 1;
	return 0;
}

static struct val *region_ref(struct page_view *pv, const struct region *r)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "name", r->name);
	set(pv, m, "href", page_url(pv, "regions/%s/", r->id));
	return m;
}

/* The regions directly under r, for a list with separators. */
static struct val *region_children(struct page_view *pv, const struct region *r)
{
	const struct site *s = pv->ctx->site;
	struct val *kids = val_list(pv->a);
	for (size_t k = 0; k < s->nregions; k++)
		if (s->regions[k].parent == r)
			val_push(pv->a, kids, region_ref(pv, &s->regions[k]));
	mark_last(pv->a, kids);
	return kids;
}

void build_regions(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	struct arena *a = pv->a;
	struct val *provinces = val_list(a);
	/* Top-level regions in file order, each with the regions under it. */
	for (size_t i = 0; i < s->nregions; i++) {
		const struct region *r = &s->regions[i];
		if (r->parent)
			continue;
		struct val *m = region_ref(pv, r);
		set(pv, m, "province", r->province);
		val_set(a, m, "children", region_children(pv, r));
		val_push(a, provinces, m);
	}
	val_set(a, pv->v, "regions", provinces);
	struct val *pairs = val_list(a);
	for (size_t i = 0; i < s->npairings; i++) {
		const struct pairing *p = &s->pairings[i];
		struct val *m = val_map(a);
		val_set(a, m, "east", region_ref(pv, p->east));
		val_set(a, m, "west", region_ref(pv, p->west));
		set(pv, m, "note", p->note);
		val_push(a, pairs, m);
	}
	val_set(a, pv->v, "pairings", pairs);
}

/* Does a breakdown column concern region r? */
static int column_is(const struct column *c, const struct region *r)
{
	if (c->pairing)
		return c->pairing->east == r || c->pairing->west == r;
	return c->region == r;
}

void build_region(struct page_view *pv, const struct region *r, const struct slice *sl)
{
	const struct site *s = pv->ctx->site;
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	set(pv, m, "name", r->name);
	set(pv, m, "province", r->province);
	val_set(a, m, "parent", r->parent ? region_ref(pv, r->parent) : val_null(a));
	struct val *kids = region_children(pv, r);
	val_set(a, m, "children", kids);
	val_set(a, pv->v, "region", m);
	set_bool(pv, pv->v, "has_children", kids->len > 0);

	struct val *pairs = val_list(a);
	for (size_t i = 0; i < s->npairings; i++) {
		const struct pairing *p = &s->pairings[i];
		if (p->east != r && p->west != r)
			continue;
		struct val *pm = region_ref(pv, p->east == r ? p->west : p->east);
		set(pv, pm, "note", p->note);
		set(pv, pm, "uncertain", p->uncertain);
		val_push(a, pairs, pm);
	}
	val_set(a, pv->v, "pairings", pairs);

	/* The plans of this page of the list (plan_in_region), and their
	 * targets here. */
	struct val *plans = val_list(a), *targets = val_list(a);
	for (size_t i = sl->from; i < sl->from + sl->count; i++) {
		const struct plan *p = &s->plans[sl->items[i]];
		if (concerns(p, r))
			val_push(a, plans, plan_card(pv, p));
		for (size_t k = 0; k < p->nall_indicators; k++) {
			const struct indicator *ind = p->all_indicators[k];
			for (size_t c = 0; c < ind->ncells; c++) {
				const struct cell *cell = &ind->cells[c];
				if (!cell->col || !column_is(cell->col, r))
					continue;
				struct val *tm = val_map(a);
				set(pv, tm, "plan", p->title);
				set(pv, tm, "name", ind->name);
				set(pv, tm, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, ind->id));
				set(pv, tm, "column", cell->col->group
					? arena_printf(a, "%s · %s", cell->col->group, cell->col->label)
					: cell->col->label);
				const char *target = cell->value.text ? cell->value.text : target_text(ind);
				double plain;
				set(pv, tm, "target", target);
				/* a target as written carries its unit (各3名); a number does not */
				set(pv, tm, "unit", target && number_parse(target, &plain) == 0 ? ind->unit : NULL);
				val_set(a, tm, "att", attainment_view(pv, p, &ind->cell_att[c], &cell->value));
				note_progress(pv, p);
				val_push(a, targets, tm);
			}
		}
	}
	val_set(a, pv->v, "plans", plans);
	val_set(a, pv->v, "targets", targets);
	set_bool(pv, pv->v, "has_targets", targets->len > 0);
	set_pager(pv, sl);

	/* Its units, on the first page. */
	struct val *units = val_list(a);
	for (size_t i = 0; i < s->nunits && sl->pageno == 0; i++) {
		const struct unit *u = &s->units[i];
		if (u->region != r)
			continue;
		struct val *um = val_map(a);
		set(pv, um, "name", u->name);
		set(pv, um, "href", page_url(pv, "units/%s/", u->id));
		set_int(pv, um, "count", (long long)u->nuses);
		val_push(a, units, um);
	}
	val_set(a, pv->v, "units", units);
}

/* ---- units ---------------------------------------------------------------------- */

/* A plan's columns as a unit's page shows its rows: the document's own,
 * without 序号 and the unit columns (the unit is the page's subject; its
 * role there is a column of its own when the plan names roles). */
static int unit_page_column(const struct table_column *c)
{
	return c->meaning != COL_NO && !meaning_is_units(c->meaning);
}

/* The section of a unit's page for one plan, whose uses start at
 * u->uses[from] (a plan's uses are consecutive). */
static struct val *plan_section(struct page_view *pv, const struct plan *p, const struct unit *u,
				size_t from)
{
	struct arena *a = pv->a;
	struct val *pm = val_map(a);
	set(pv, pm, "title", p->title);
	set(pv, pm, "href", page_url(pv, "plans/%s/", p->slug));
	set(pv, pm, "as_of", p->as_of ? date_zh(pv, p->as_of) : NULL);
	set_bool(pv, pm, "sample", p->as_of && p->sample);
	note_progress(pv, p);
	val_set(a, pm, "tasks", val_list(a));
	val_set(a, pm, "rows", val_list(a));
	set(pv, pm, "rows_kind", p->schedule_kind);
	struct val *cols = val_list(a);
	for (size_t k = 0; k < p->ntcols; k++)
		if (unit_page_column(&p->tcols[k]))
			val_push(a, cols, val_str(a, p->tcols[k].header));
	val_set(a, pm, "columns", cols);
	int roles = plan_column(p, COL_LEAD) >= 0 || plan_column(p, COL_PARTNER) >= 0;
	for (size_t i = from; i < u->nuses && u->uses[i].plan == p && !roles; i++)
		roles = u->uses[i].row && u->uses[i].role != ROLE_RESPONSIBLE;
	set_bool(pv, pm, "has_roles", roles);
	set_bool(pv, pm, "has_progress", p->as_of != 0);
	return pm;
}

/* A row of a plan's table on a unit's page: its cells stand alone, so a
 * merged cell shows the text it carries; the first links to the row. */
static struct val *unit_row(struct page_view *pv, const struct plan *p, const struct row *r,
			    const char *role)
{
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	struct val *cells = val_list(a);
	for (size_t k = 0; k < p->ntcols; k++) {
		if (!unit_page_column(&p->tcols[k]))
			continue;
		struct cell_place at = { 1, 0, NULL, NULL };
		if (!cells->len)
			at.href = page_url(pv, "plans/%s/#row-%s", p->slug, r->id);
		val_push(a, cells, table_cell_view(pv, &p->tcols[k], &r->cells[k], r, &at));
	}
	val_set(a, m, "cells", cells);
	set(pv, m, "href", page_url(pv, "plans/%s/#row-%s", p->slug, r->id));
	set(pv, m, "role", role ? role : unit_role_name(ROLE_RESPONSIBLE));
	val_set(a, m, "tags", standing_tags(pv, &r->st, &r->progress));
	return m;
}

void build_unit(struct page_view *pv, const struct unit *u, const struct slice *sl)
{
	struct arena *a = pv->a;
	struct val *um = val_map(a);
	set(pv, um, "name", u->name);
	set(pv, um, "region", u->region ? u->region->name : NULL);
	set(pv, um, "region_href", u->region ? page_url(pv, "regions/%s/", u->region->id) : NULL);
	set(pv, um, "note", u->note);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < u->naliases; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", u->aliases[i]);
	set(pv, um, "aliases", b.len ? arena_strndup(a, b.ptr, b.len) : NULL);
	buf_free(&b);
	val_set(a, pv->v, "unit", um);

	struct val *plans = val_list(a);
	struct val *pm = NULL, *tasks = NULL, *rows = NULL;
	const struct plan *cur = NULL;
	for (size_t i = sl->from; i < sl->from + sl->count; i++) {
		const struct unit_use *use = &u->uses[i];
		const struct plan *p = use->plan;
		if (p != cur) {
			cur = p;
			pm = plan_section(pv, p, u, i);
			tasks = val_get(pm, "tasks");
			rows = val_get(pm, "rows");
			val_push(a, plans, pm);
		}
		const char *role = use->role != ROLE_RESPONSIBLE ? unit_role_name(use->role) : NULL;
		if (use->task) {
			const struct task *t = use->task;
			struct val *m = val_map(a);
			set(pv, m, "href", page_url(pv, "plans/%s/#task-%s", p->slug, t->id));
			set(pv, m, "section", t->section);
			set(pv, m, "no", t->no);
			set(pv, m, "title", t->title);
			set(pv, m, "excerpt", excerpt(pv, t->text ? t->text : "", 40));
			set(pv, m, "role", role);
			struct buf o = BUF_INIT;
			for (size_t k = 0; k < t->nunits; k++)
				if (t->units[k].unit != u)
					buf_printf(&o, "%s%s", o.len ? "、" : "", t->units[k].text);
			set(pv, m, "others", o.len ? arena_printf(a, "与%s共同负责", o.ptr) : NULL);
			buf_free(&o);
			val_set(a, m, "tags", standing_tags(pv, &t->st, &t->progress));
			val_push(a, tasks, m);
		} else {
			val_push(a, rows, unit_row(pv, p, use->row, role));
		}
	}
	for (size_t i = 0; i < plans->len; i++) {
		struct val *p = plans->items[i];
		size_t nt = val_get(p, "tasks")->len, nr = val_get(p, "rows")->len;
		set(pv, p, "ntasks", nt ? arena_printf(a, "%zu", nt) : NULL);
		set(pv, p, "nrows", nr ? arena_printf(a, "%zu", nr) : NULL);
	}
	val_set(a, pv->v, "plans", plans);
	set_pager(pv, sl);
}

void build_units(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	struct arena *a = pv->a;
	struct val *regions = val_list(a);
	/* Regions in the order of regions.yaml; units in the order of their files. */
	for (size_t r = 0; r < s->nregions; r++) {
		struct val *units = NULL;
		for (size_t i = 0; i < s->nunits; i++) {
			const struct unit *u = &s->units[i];
			if (u->region != &s->regions[r])
				continue;
			if (!units) {
				struct val *rm = val_map(a);
				set(pv, rm, "name", s->regions[r].name);
				set(pv, rm, "href", page_url(pv, "regions/%s/", s->regions[r].id));
				units = val_list(a);
				val_set(a, rm, "units", units);
				val_push(a, regions, rm);
			}
			struct val *m = val_map(a);
			set(pv, m, "name", u->name);
			set(pv, m, "href", page_url(pv, "units/%s/", u->id));
			struct buf b = BUF_INIT;
			for (size_t k = 0; k < u->naliases; k++)
				buf_printf(&b, "%s%s", k ? "、" : "", u->aliases[k]);
			set(pv, m, "aliases", b.len ? arena_strndup(a, b.ptr, b.len) : NULL);
			buf_free(&b);
			set_int(pv, m, "count", (long long)u->nuses);
			val_push(a, units, m);
		}
	}
	val_set(a, pv->v, "regions", regions);
}

/* ---- method ------------------------------------------------------------------- */

void build_method(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	set_int(pv, pv->v, "due_soon_days", DUE_SOON_DAYS);
	/* The commit the whole site was built from (each page's footer shows
	 * its own). */
	if (s->has_history) {
		struct val *b = val_map(pv->a);
		set(pv, b, "commit", s->commit);
		set(pv, b, "short", arena_printf(pv->a, "%.12s", s->commit));
		set_bool(pv, b, "dirty", s->dirty);
		val_set(pv->a, pv->v, "build", b);
	} else {
		set(pv, pv->v, "build", NULL);
	}
}

/* ---- changes ------------------------------------------------------------------ */

void build_changes(struct page_view *pv, const struct slice *sl)
{
	const struct site *s = pv->ctx->site;
	/* No history: no log at all (NULL + 0 is undefined). */
	const struct change *from = s->log ? s->log + sl->from : NULL;
	val_set(pv->a, pv->v, "changes", changes_view(pv, from, sl->count, 1));
	set_pager(pv, sl);
	set_bool(pv, pv->v, "has_history", s->has_history);
}
