#include "html.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "model.h"
#include "template.h"
#include "utf8.h"
#include "value.h"
#include "view.h"

#include <stdlib.h>
#include <string.h>

/* A page being built: its arena, its view, and where it sits. */
struct page_view {
	const struct html_ctx *ctx;
	struct arena *a;
	struct val *v;    /* the view's root map */
	const char *root; /* relative prefix to the site root */
};

/* A UI string from layouts/strings.<lang>.yaml (the key itself if absent,
 * so a missing string shows up on the page instead of vanishing). */
static const char *T(const struct page_view *pv, const char *key)
{
	const char *s = val_text(val_get(pv->ctx->strings, key));
	return s ? s : key;
}

/* Set key to s, or to null when s is NULL: a key that is present but null
 * stops Mustache's lookup, so a missing title of a task never picks up the
 * title of the section around it. */
static void set(struct page_view *pv, struct val *m, const char *key, const char *s)
{
	val_set_str(pv->a, m, key, s);
}

static const char *date_zh(struct page_view *pv, int day)
{
	struct buf b = BUF_INIT;
	date_put_zh(&b, day);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

static const char *href(struct page_view *pv, const char *fmt, const char *id)
{
	return arena_printf(pv->a, "%s%s", pv->root, arena_printf(pv->a, fmt, id));
}

/* The path part of a URL: "https://x.gov.cn/xiezuo/" gives "/xiezuo/". */
static const char *url_path(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	return p ? p : "/";
}

/* The parts every page has: site, nav, strings, root. */
static struct page_view page_begin(const struct html_ctx *ctx, struct arena *a, const char *path,
				   enum html_kind current)
{
	struct page_view pv = { ctx, a, val_map(a), NULL };
	const struct site *s = ctx->site;
	pv.root = view_root(a, path);
	if (current == HTML_404) {
		/* Shown for any missing address: links must not be relative. */
		pv.root = s->base_url ? url_path(s->base_url) : "/";
	}
	struct val *site = val_map(a);
	set(&pv, site, "title", s->title);
	set(&pv, site, "description", s->description);
	set(&pv, site, "footer", s->footer);
	set(&pv, site, "repository", s->repository);
	val_set(a, pv.v, "site", site);
	val_set_str(a, pv.v, "root", pv.root);
	val_set_str(a, pv.v, "lang", s->language);
	val_set(a, pv.v, "t", (struct val *)ctx->strings);

	struct val *nav = val_list(a);
	struct {
		const char *label, *path;
		enum html_kind kind;
	} items[] = {
		{ T(&pv, "home"), "", HTML_HOME },
		{ T(&pv, "units"), "units/", HTML_UNITS },
	};
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		struct val *it = val_map(a);
		val_set_str(a, it, "label", items[i].label);
		val_set_str(a, it, "href", arena_printf(a, "%s%s", pv.root, items[i].path));
		val_set_bool(a, it, "current", items[i].kind == current);
		val_push(a, nav, it);
	}
	for (size_t i = 0; i < s->npages; i++) {
		struct val *it = val_map(a);
		val_set_str(a, it, "label", s->pages[i].title);
		val_set_str(a, it, "href", arena_printf(a, "%s%s/", pv.root, s->pages[i].slug));
		val_push(a, nav, it);
	}
	val_set(a, pv.v, "nav", nav);
	return pv;
}

/* Mark the last item of a list, for separators ("、") between items. */
static void mark_last(struct arena *a, struct val *list)
{
	for (size_t i = 0; i < list->len; i++)
		if (list->items[i]->kind == VAL_MAP)
			val_set_bool(a, list->items[i], "last", i + 1 == list->len);
}

static const char *regions_text(struct page_view *pv, const struct plan *p)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < p->nregions; i++) {
		if (i)
			buf_puts(&b, "、");
		buf_puts(&b, p->regions[i]->name);
	}
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

/* ---- home ------------------------------------------------------------------ */

static void build_home(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	struct arena *a = pv->a;
	struct val *years = val_list(a);
	struct val *year = NULL, *plans = NULL;
	int cur = 0;
	for (size_t i = 0; i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		if (!year || p->year != cur) {
			cur = p->year;
			year = val_map(a);
			plans = val_list(a);
			val_set_int(a, year, "year", cur);
			val_set(a, year, "plans", plans);
			val_push(a, years, year);
		}
		struct val *m = val_map(a);
		set(pv, m, "title", p->title);
		set(pv, m, "href", href(pv, "plans/%s/", p->slug));
		set(pv, m, "issuer", p->issuer);
		set(pv, m, "doc_no", p->doc_no);
		if (p->written)
			set(pv, m, "written", date_zh(pv, p->written));
		set(pv, m, "regions", regions_text(pv, p));
		if (p->ntasks)
			val_set_int(a, m, "ntasks", (long long)p->ntasks);
		if (p->nrows)
			val_set_int(a, m, "nrows", (long long)p->nrows);
		if (p->nall_indicators)
			val_set_int(a, m, "nindicators", (long long)p->nall_indicators);
		val_push(a, plans, m);
	}
	val_set(a, pv->v, "years", years);
}

/* ---- plan ------------------------------------------------------------------- */

static struct val *unit_link(struct page_view *pv, const struct unit_ref *r)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "text", r->text);
	if (r->unit) {
		set(pv, m, "href", href(pv, "units/%s/", r->unit->id));
		set(pv, m, "full_name", r->unit->name);
	}
	return m;
}

static void disclosure_item(struct page_view *pv, struct val *list, const char *label,
			    const char *value, int always)
{
	if (!value && !always)
		return;
	struct val *m = val_map(pv->a);
	set(pv, m, "label", label);
	set(pv, m, "value", value ? value : T(pv, "not_given"));
	val_set_bool(pv->a, m, "missing", value == NULL);
	val_push(pv->a, list, m);
}

static void build_disclosure(struct page_view *pv, const struct plan *p)
{
	struct val *d = val_list(pv->a);
	disclosure_item(pv, d, T(pv, "issuer"), p->issuer, 1);
	disclosure_item(pv, d, T(pv, "doc_no"), p->doc_no, 1);
	disclosure_item(pv, d, T(pv, "written"), p->written ? date_zh(pv, p->written) : NULL, 1);
	disclosure_item(pv, d, T(pv, "published"), p->published ? date_zh(pv, p->published) : NULL, 1);
	disclosure_item(pv, d, T(pv, "index_no"), p->index_no, 0);
	disclosure_item(pv, d, T(pv, "topic"), p->topic, 0);
	disclosure_item(pv, d, T(pv, "plan_year"), arena_printf(pv->a, "%d%s", p->year, T(pv, "year_suffix")), 1);
	disclosure_item(pv, d, T(pv, "plan_regions"), regions_text(pv, p), 1);
	disclosure_item(pv, d, T(pv, "kind"), p->kind, 0);
	disclosure_item(pv, d, T(pv, "notice"), p->notice, 0);
	disclosure_item(pv, d, T(pv, "source"), p->source, 0);
	val_set(pv->a, pv->v, "disclosure", d);
}

static void build_tasks(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct val *sections = val_list(a);
	struct val *tasks = NULL;
	const char *cur = NULL;
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct task *t = &p->tasks[i];
		if (!tasks || (t->section ? !cur || strcmp(t->section, cur) != 0 : cur != NULL)) {
			struct val *sec = val_map(a);
			set(pv, sec, "title", t->section);
			tasks = val_list(a);
			val_set(a, sec, "tasks", tasks);
			val_push(a, sections, sec);
			cur = t->section;
		}
		struct val *m = val_map(a);
		set(pv, m, "id", t->id);
		set(pv, m, "no", t->no);
		set(pv, m, "title", t->title);
		set(pv, m, "text", t->text);
		set(pv, m, "when_text", t->when_text);
		struct val *units = val_list(a);
		for (size_t k = 0; k < t->nunits; k++)
			val_push(a, units, unit_link(pv, &t->units[k]));
		mark_last(a, units);
		val_set(a, m, "units", units);
		val_set_bool(a, m, "has_units", t->nunits > 0);
		struct val *inds = val_list(a);
		for (size_t k = 0; k < t->nindicators; k++) {
			struct val *im = val_map(a);
			set(pv, im, "id", t->indicators[k]->id);
			set(pv, im, "name", t->indicators[k]->name);
			val_push(a, inds, im);
		}
		mark_last(a, inds);
		val_set(a, m, "indicators", inds);
		val_set_bool(a, m, "has_indicators", t->nindicators > 0);
		val_push(a, tasks, m);
	}
	val_set(a, pv->v, "task_sections", sections);
	val_set_bool(a, pv->v, "has_tasks", p->ntasks > 0);
}

/* A merged cell's rowspan; absent for a single row. */
static void set_span(struct arena *a, struct val *cell, long span)
{
	if (span > 1)
		val_set_int(a, cell, "span", span);
	else
		val_set(a, cell, "span", val_null(a));
}

static void build_schedule(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	if (!p->nrows)
		return;
	struct val *sch = val_map(a);
	set(pv, sch, "title", p->schedule_title);
	struct val *cols = val_list(a);
	static const char *const defaults[] = { "部门", "活动", "具体内容", "计划时间" };
	for (size_t i = 0; i < 4; i++)
		val_push(a, cols, val_str(a, i < p->ncolumns ? p->columns[i] : defaults[i]));
	val_set(a, sch, "columns", cols);
	struct val *rows = val_list(a);
	struct val *unit_cell = NULL, *act_cell = NULL;
	long unit_span = 0, act_span = 0;
	for (size_t i = 0; i < p->nrows; i++) {
		const struct row *r = &p->rows[i];
		struct val *m = val_map(a);
		set(pv, m, "id", r->id);
		/* Merged cells, as the document prints them: a row that continues
		 * the unit (or activity) above widens the cell above instead. */
		if (!r->unit_continues || !unit_cell) {
			if (unit_cell)
				set_span(a, unit_cell, unit_span);
			unit_cell = unit_link(pv, &r->unit);
			val_set_bool(a, unit_cell, "last", 1);
			val_set(a, m, "unit_cell", unit_cell);
			unit_span = 0;
			if (act_cell)
				set_span(a, act_cell, act_span);
			act_cell = NULL;
		}
		unit_span++;
		if (!r->activity_continues || !act_cell) {
			if (act_cell)
				set_span(a, act_cell, act_span);
			act_cell = val_map(a);
			set(pv, act_cell, "text", r->activity ? r->activity : "");
			val_set(a, m, "activity_cell", act_cell);
			act_span = 0;
		}
		act_span++;
		set(pv, m, "detail", r->detail ? r->detail : "");
		int blank = r->when.kind == WHEN_BLANK;
		set(pv, m, "when", blank ? T(pv, "not_given") : r->when_text);
		val_set_bool(a, m, "when_blank", blank);
		val_push(a, rows, m);
	}
	if (unit_cell)
		set_span(a, unit_cell, unit_span);
	if (act_cell)
		set_span(a, act_cell, act_span);
	val_set(a, sch, "rows", rows);
	val_set(a, pv->v, "schedule", sch);
}

static void indicator_rows(struct page_view *pv, struct val *rows, const struct indicator *ind,
			   int depth)
{
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	set(pv, m, "id", ind->id);
	set(pv, m, "no", ind->no);
	set(pv, m, "name", ind->name);
	set(pv, m, "unit", ind->unit);
	set(pv, m, "nature", ind->nature);
	set(pv, m, "target", ind->target.text);
	set(pv, m, "note", ind->note);
	val_set_int(a, m, "depth", depth);
	val_set_bool(a, m, "of_which", depth > 0);
	val_push(a, rows, m);
	for (size_t i = 0; i < ind->nchildren; i++)
		indicator_rows(pv, rows, ind->children[i], depth + 1);
}

/* The label of a breakdown key without a columns list. */
static const char *key_label(struct page_view *pv, const char *key)
{
	const struct site *s = pv->ctx->site;
	const struct pairing *pr = site_pairing(s, key);
	if (pr)
		return arena_printf(pv->a, "%s—%s", pr->east->short_name, pr->west->short_name);
	const struct region *r = site_region(s, key);
	return r ? r->short_name : key;
}

static void breakdown_rows(struct page_view *pv, struct val *rows, const struct indicator *ind,
			   int depth, const char **keys, size_t nkeys)
{
	struct arena *a = pv->a;
	if (ind->ncells) {
		struct val *m = val_map(a);
		set(pv, m, "name", ind->name);
		set(pv, m, "unit", ind->unit);
		val_set_int(a, m, "depth", depth);
		val_set_bool(a, m, "of_which", depth > 0);
		struct val *cells = val_list(a);
		for (size_t k = 0; k < nkeys; k++) {
			const char *v = "";
			for (size_t c = 0; c < ind->ncells; c++)
				if (strcmp(ind->cells[c].key, keys[k]) == 0)
					v = ind->cells[c].value.text;
			struct val *cell = val_map(a);
			set(pv, cell, "value", v);
			val_push(a, cells, cell);
		}
		val_set(a, m, "cells", cells);
		val_push(a, rows, m);
	}
	for (size_t i = 0; i < ind->nchildren; i++)
		breakdown_rows(pv, rows, ind->children[i], depth + 1, keys, nkeys);
}

static void build_breakdown(struct page_view *pv, struct val *out, const struct plan *p)
{
	struct arena *a = pv->a;
	const char **keys;
	size_t nkeys = 0;
	struct val *cols = val_list(a), *groups = val_list(a);
	int has_groups = 0;

	if (p->nicols) {
		keys = arena_alloc(a, p->nicols * sizeof(*keys));
		struct val *g = NULL;
		const char *cur = NULL;
		long span = 0;
		for (size_t i = 0; i < p->nicols; i++) {
			const struct column *c = &p->icols[i];
			keys[nkeys++] = c->key;
			struct val *m = val_map(a);
			set(pv, m, "label", c->label);
			val_push(a, cols, m);
			if (!g || !c->group || !cur || strcmp(c->group, cur) != 0) {
				if (g)
					val_set_int(a, g, "span", span);
				g = val_map(a);
				set(pv, g, "label", c->group ? c->group : "");
				val_push(a, groups, g);
				span = 0;
				cur = c->group;
			}
			has_groups |= c->group != NULL;
			span++;
		}
		if (g)
			val_set_int(a, g, "span", span);
	} else {
		/* No columns list: the keys in order of first use. */
		size_t cap = 0;
		for (size_t i = 0; i < p->nall_indicators; i++)
			cap += p->all_indicators[i]->ncells;
		if (!cap)
			return;
		keys = arena_alloc(a, cap * sizeof(*keys));
		for (size_t i = 0; i < p->nall_indicators; i++) {
			const struct indicator *ind = p->all_indicators[i];
			for (size_t c = 0; c < ind->ncells; c++) {
				size_t k = 0;
				while (k < nkeys && strcmp(keys[k], ind->cells[c].key) != 0)
					k++;
				if (k == nkeys) {
					keys[nkeys++] = ind->cells[c].key;
					struct val *m = val_map(a);
					set(pv, m, "label", key_label(pv, ind->cells[c].key));
					val_push(a, cols, m);
				}
			}
		}
	}
	struct val *rows = val_list(a);
	for (size_t i = 0; i < p->nindicators; i++)
		breakdown_rows(pv, rows, p->indicators[i], 0, keys, nkeys);
	if (!rows->len)
		return;
	struct val *b = val_map(a);
	val_set(a, b, "columns", cols);
	val_set(a, b, "header_groups", groups);
	val_set_bool(a, b, "has_groups", has_groups);
	val_set(a, b, "rows", rows);
	val_set(a, out, "breakdown", b);
}

static void build_indicators(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	if (!p->nindicators)
		return;
	struct val *m = val_map(a);
	set(pv, m, "title", p->indicators_title);
	struct val *groups = val_list(a);
	struct val *rows = NULL;
	const char *cur = NULL;
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct indicator *ind = p->indicators[i];
		if (!rows || (ind->group ? !cur || strcmp(ind->group, cur) != 0 : cur != NULL)) {
			struct val *g = val_map(a);
			set(pv, g, "title", ind->group);
			rows = val_list(a);
			val_set(a, g, "rows", rows);
			val_push(a, groups, g);
			cur = ind->group;
		}
		indicator_rows(pv, rows, ind, 0);
	}
	val_set(a, m, "groups", groups);
	build_breakdown(pv, m, p);
	set(pv, m, "notes", p->indicator_notes);
	set(pv, m, "uncertain", p->uncertain);
	val_set(a, pv->v, "indicators", m);
}

static void toc_item(struct page_view *pv, struct val *toc, const char *anchor, const char *label,
		     size_t count)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "anchor", anchor);
	set(pv, m, "label", label);
	if (count)
		val_set_int(pv->a, m, "count", (long long)count);
	val_push(pv->a, toc, m);
}

static void build_plan(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	set(pv, m, "title", p->title);
	val_set_int(a, m, "year", p->year);
	set(pv, m, "note", p->note);
	set(pv, m, "html", p->html ? p->html : "");
	val_set(a, pv->v, "plan", m);
	build_disclosure(pv, p);
	build_tasks(pv, p);
	build_schedule(pv, p);
	build_indicators(pv, p);
	struct val *toc = val_list(a);
	if (p->ntasks)
		toc_item(pv, toc, "tasks", T(pv, "key_tasks"), p->ntasks);
	if (p->nrows)
		toc_item(pv, toc, "schedule", T(pv, "schedule"), p->nrows);
	if (p->nindicators)
		toc_item(pv, toc, "indicators", T(pv, "indicators"), p->nall_indicators);
	toc_item(pv, toc, "text", T(pv, "text"), 0);
	val_set(a, pv->v, "toc", toc);
}

/* ---- units ------------------------------------------------------------------ */

/* The first few characters of a text, for a task without a title. */
static const char *excerpt(struct page_view *pv, const char *s, size_t chars)
{
	size_t n = strlen(s), i = 0, c = 0;
	while (i < n && c < chars) {
		unsigned cp;
		i += utf8_decode(s + i, n - i, &cp);
		c++;
	}
	return i < n ? arena_printf(pv->a, "%.*s……", (int)i, s) : s;
}

static void build_unit(struct page_view *pv, const struct unit *u)
{
	struct arena *a = pv->a;
	struct val *um = val_map(a);
	set(pv, um, "name", u->name);
	set(pv, um, "region", u->region ? u->region->name : NULL);
	set(pv, um, "note", u->note);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < u->naliases; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", u->aliases[i]);
	if (b.len)
		set(pv, um, "aliases", arena_strndup(a, b.ptr, b.len));
	buf_free(&b);
	val_set(a, pv->v, "unit", um);

	struct val *plans = val_list(a);
	struct val *pm = NULL, *tasks = NULL, *rows = NULL;
	const struct plan *cur = NULL;
	for (size_t i = 0; i < u->nuses; i++) {
		const struct unit_use *use = &u->uses[i];
		const struct plan *p = use->plan;
		if (p != cur) {
			if (pm) {
				val_set_int(a, pm, "ntasks", (long long)tasks->len);
				val_set_int(a, pm, "nrows", (long long)rows->len);
			}
			cur = p;
			pm = val_map(a);
			set(pv, pm, "title", p->title);
			set(pv, pm, "href", href(pv, "plans/%s/", p->slug));
			tasks = val_list(a);
			rows = val_list(a);
			val_set(a, pm, "tasks", tasks);
			val_set(a, pm, "rows", rows);
			struct val *cols = val_list(a);
			static const char *const defaults[] = { "部门", "活动", "具体内容", "计划时间" };
			for (size_t k = 1; k < 4; k++)
				val_push(a, cols, val_str(a, k < p->ncolumns ? p->columns[k] : defaults[k]));
			val_set(a, pm, "columns", cols);
			val_push(a, plans, pm);
		}
		if (use->task) {
			const struct task *t = use->task;
			struct val *m = val_map(a);
			set(pv, m, "href", arena_printf(a, "%splans/%s/#task-%s", pv->root, p->slug, t->id));
			set(pv, m, "section", t->section);
			set(pv, m, "no", t->no);
			set(pv, m, "title", t->title);
			set(pv, m, "excerpt", excerpt(pv, t->text ? t->text : "", 40));
			struct buf o = BUF_INIT;
			for (size_t k = 0; k < t->nunits; k++)
				if (t->units[k].unit != u)
					buf_printf(&o, "%s%s", o.len ? "、" : "", t->units[k].text);
			if (o.len)
				set(pv, m, "others", arena_printf(a, "与%s共同负责", o.ptr));
			buf_free(&o);
			val_push(a, tasks, m);
		} else {
			const struct row *r = use->row;
			struct val *m = val_map(a);
			set(pv, m, "href", arena_printf(a, "%splans/%s/#row-%s", pv->root, p->slug, r->id));
			set(pv, m, "activity", r->activity ? r->activity : "");
			set(pv, m, "detail", r->detail ? r->detail : "");
			int blank = r->when.kind == WHEN_BLANK;
			set(pv, m, "when", blank ? T(pv, "not_given") : r->when_text);
			val_set_bool(a, m, "when_blank", blank);
			val_push(a, rows, m);
		}
	}
	if (pm) {
		val_set_int(a, pm, "ntasks", (long long)tasks->len);
		val_set_int(a, pm, "nrows", (long long)rows->len);
	}
	for (size_t i = 0; i < plans->len; i++) {
		struct val *p = plans->items[i];
		val_set_bool(a, p, "has_tasks", val_get(p, "tasks")->len > 0);
		val_set_bool(a, p, "has_rows", val_get(p, "rows")->len > 0);
	}
	val_set(a, pv->v, "plans", plans);
}

static void build_units(struct page_view *pv)
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
				units = val_list(a);
				val_set(a, rm, "units", units);
				val_push(a, regions, rm);
			}
			struct val *m = val_map(a);
			set(pv, m, "name", u->name);
			set(pv, m, "href", href(pv, "units/%s/", u->id));
			struct buf b = BUF_INIT;
			for (size_t k = 0; k < u->naliases; k++)
				buf_printf(&b, "%s%s", k ? "、" : "", u->aliases[k]);
			if (b.len)
				set(pv, m, "aliases", arena_strndup(a, b.ptr, b.len));
			buf_free(&b);
			val_set_int(a, m, "count", (long long)u->nuses);
			val_push(a, units, m);
		}
	}
	val_set(a, pv->v, "regions", regions);
}

/* ---- pages ------------------------------------------------------------------ */

size_t html_pages(struct html_page **out, const struct site *s, struct arena *a)
{
	size_t n = 3 + s->nplans + s->nunits + s->npages, k = 0;
	struct html_page *v = xcalloc(n, sizeof(*v));
	v[k++] = (struct html_page){ HTML_HOME, 0, "index.html" };
	v[k++] = (struct html_page){ HTML_UNITS, 0, "units/index.html" };
	v[k++] = (struct html_page){ HTML_404, 0, "404.html" };
	for (size_t i = 0; i < s->nplans; i++)
		v[k++] = (struct html_page){ HTML_PLAN, i, arena_printf(a, "plans/%s/index.html", s->plans[i].slug) };
	for (size_t i = 0; i < s->nunits; i++)
		v[k++] = (struct html_page){ HTML_UNIT, i, arena_printf(a, "units/%s/index.html", s->units[i].id) };
	for (size_t i = 0; i < s->npages; i++)
		v[k++] = (struct html_page){ HTML_PAGE, i, arena_printf(a, "%s/index.html", s->pages[i].slug) };
	*out = v;
	return k;
}

int html_render(struct buf *out, const struct html_ctx *ctx, const struct html_page *pg,
		struct arena *a, struct diag *d)
{
	const struct site *s = ctx->site;
	struct page_view pv = page_begin(ctx, a, pg->path, pg->kind);
	const char *layout = NULL;
	switch (pg->kind) {
	case HTML_HOME:
		build_home(&pv);
		layout = "home";
		break;
	case HTML_PLAN:
		build_plan(&pv, &s->plans[pg->index]);
		layout = "plan";
		break;
	case HTML_UNIT:
		build_unit(&pv, &s->units[pg->index]);
		layout = "unit";
		break;
	case HTML_UNITS:
		build_units(&pv);
		layout = "units";
		break;
	case HTML_PAGE: {
		struct val *m = val_map(a);
		set(&pv, m, "title", s->pages[pg->index].title);
		set(&pv, m, "html", s->pages[pg->index].html);
		val_set(a, pv.v, "page", m);
		layout = "page";
		break;
	}
	case HTML_404:
		layout = "404";
		break;
	}
	return tpl_render(out, ctx->layouts, layout, &view_data, pv.v, TPL_STRICT, d);
}
