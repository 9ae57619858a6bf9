/* page_plan: a plan's page, its schedule page, its indicator pages. */
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fields.h"
#include "page_plan.h"
#include "page_parts.h"
#include "svg.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* ---- the plan page -------------------------------------------------------- */

/* The disclosure block, in the layout government sites give a disclosed
 * document: pairs side by side (索引号 | 主题分类, 发文机关 | 成文日期,
 * 发文字号 | 发布日期), 标题 and 主题词 across the whole width. Only what the
 * document has is shown (one of a pair alone takes the whole row); what it
 * does not state is named once, in one line. The site's own facts about the
 * plan (year, regions, kind …) follow as a second list. */
static void build_disclosure(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct buf kw = BUF_INIT, missing = BUF_INIT;
	for (size_t i = 0; i < p->nkeywords; i++)
		buf_printf(&kw, "%s%s", i ? " " : "", p->keywords[i]);
	const struct {
		const char *label, *value;
		int row; /* fields of one row stand side by side */
	} f[] = {
		{ "index_no", p->index_no, 0 },
		{ "topic", p->topic, 0 },
		{ "issuer", p->issuer, 1 },
		{ "written", p->written ? date_zh(pv, p->written) : NULL, 1 },
		{ "doc_title", p->title, 2 },
		{ "doc_no", p->doc_no, 3 },
		{ "published", p->published ? date_zh(pv, p->published) : NULL, 3 },
		{ "keywords", kw.len ? arena_strndup(a, kw.ptr, kw.len) : NULL, 4 },
	};
	const size_t n = sizeof(f) / sizeof(f[0]);
	struct val *list = val_list(a);
	for (size_t i = 0; i < n; i++) {
		if (!f[i].value) {
			buf_printf(&missing, "%s%s", missing.len ? "、" : "", T(pv, f[i].label));
			continue;
		}
		size_t in_row = 0;
		for (size_t k = 0; k < n; k++)
			in_row += f[k].row == f[i].row && f[k].value;
		struct val *m = val_map(a);
		set(pv, m, "label", T(pv, f[i].label));
		set(pv, m, "value", f[i].value);
		set_bool(pv, m, "wide", in_row == 1);
		val_push(a, list, m);
	}
	val_set(a, pv->v, "disclosure", list);
	set(pv, pv->v, "disclosure_missing", missing.len ? arena_strndup(a, missing.ptr, missing.len) : NULL);
	buf_free(&kw);
	buf_free(&missing);

	const char *facts[][2] = {
		{ "plan_year", arena_printf(a, "%d%s", p->year, T(pv, "year_suffix")) },
		{ "plan_regions", regions_text(pv, p) },
		{ "kind", p->kind },
		{ "notice", p->notice },
		{ "source", p->source },
	};
	struct val *fl = val_list(a);
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		if (!facts[i][1] || !*facts[i][1])
			continue;
		struct val *m = val_map(a);
		set(pv, m, "label", T(pv, facts[i][0]));
		set(pv, m, "value", facts[i][1]);
		/* a source given as a web address is a link to it */
		int web = strncmp(facts[i][1], "https://", 8) == 0 || strncmp(facts[i][1], "http://", 7) == 0;
		set(pv, m, "href", strcmp(facts[i][0], "source") == 0 && web && !strpbrk(facts[i][1], " \t\"<>") ? facts[i][1] : NULL);
		val_push(a, fl, m);
	}
	val_set(a, pv->v, "plan_facts", fl);
}

static struct val *plan_head(struct page_view *pv, const struct plan *p)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "title", p->title);
	set_int(pv, m, "year", p->year);
	set(pv, m, "href", page_url(pv, "plans/%s/", p->slug));
	set(pv, m, "year_href", page_url(pv, "years/%d/", p->year));
	set(pv, m, "note", p->note);
	set_bool(pv, m, "has_progress", p->as_of != 0);
	set(pv, m, "as_of", p->as_of ? date_zh(pv, p->as_of) : NULL);
	set(pv, m, "schedule_href", p->nrows ? page_url(pv, "plans/%s/schedule/", p->slug) : NULL);
	set(pv, m, "first_published", p->first_published ? date_zh(pv, p->first_published) : NULL);
	set(pv, m, "last_updated", p->last_updated ? date_zh(pv, p->last_updated) : NULL);
	set_bool(pv, m, "has_history", pv->ctx->site->has_history);
	plan_files(pv, m, p);
	note_progress(pv, p);
	return m;
}

/* Does a title end with its own punctuation (。：；)? Then the text follows
 * it directly; otherwise the page sets them apart by spacing alone. */
static int title_closed(const char *t)
{
	static const char *const ends[] = { "。", "：", ":", "；", "，", "！", "？", ".", NULL };
	size_t n = strlen(t);
	for (const char *const *e = ends; *e; e++) {
		size_t k = strlen(*e);
		if (n >= k && strcmp(t + n - k, *e) == 0)
			return 1;
	}
	return 0;
}

static struct val *task_view(struct page_view *pv, const struct plan *p, const struct task *t)
{
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	set(pv, m, "id", t->id);
	set(pv, m, "no", t->no);
	set(pv, m, "title", t->title);
	set(pv, m, "text", t->text);
	set_bool(pv, m, "title_open", t->title && !title_closed(t->title));
	set(pv, m, "when_text", t->when_text);
	val_set(a, m, "unit_lines", unit_lines_view(pv, t->unit_cells, t->nunit_cells));
	struct val *inds = val_list(a);
	for (size_t k = 0; k < t->nindicators; k++) {
		struct val *im = val_map(a);
		set(pv, im, "name", t->indicators[k]->name);
		set(pv, im, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, t->indicators[k]->id));
		val_push(a, inds, im);
	}
	mark_last(a, inds);
	val_set(a, m, "indicators", inds);
	set_bool(pv, m, "has_indicators", t->nindicators > 0);
	struct val *tags = standing_tags(pv, &t->st, &t->progress);
	val_set(a, m, "tags", tags);
	set_bool(pv, m, "has_tags", tags->len > 0);
	report_view(pv, m, &t->progress);
	return m;
}

/* Items under one heading one after another form a group: does heading h
 * start a new group after heading *cur? (first: no group yet.) */
static int new_group(const char *h, const char **cur, int first)
{
	int fresh = first || (h ? !*cur || strcmp(h, *cur) != 0 : *cur != NULL);
	if (fresh)
		*cur = h;
	return fresh;
}

static void build_tasks(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct val *sections = val_list(a);
	struct val *tasks = NULL;
	const char *cur = NULL;
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct task *t = &p->tasks[i];
		if (new_group(t->section, &cur, !tasks)) {
			struct val *sec = val_map(a);
			set(pv, sec, "title", t->section);
			tasks = val_list(a);
			val_set(a, sec, "tasks", tasks);
			val_push(a, sections, sec);
		}
		val_push(a, tasks, task_view(pv, p, t));
	}
	val_set(a, pv->v, "task_sections", sections);
	set_bool(pv, pv->v, "has_tasks", p->ntasks > 0);
}

/* How many rows from row i (before row end) the cell of column c covers:
 * itself and the merged cells below it. */
static long span_of(const struct plan *p, size_t i, size_t c, size_t end)
{
	long n = 1;
	for (size_t k = i + 1; k < end && p->rows[k].cells[c].merged; k++)
		n++;
	return n;
}

static const char *plan_when_text(struct page_view *pv, const struct when *w)
{
	struct buf b = BUF_INIT;
	when_describe(&b, w);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

/* Row i of a table that shows rows [begin, end) without column skip (-1:
 * none): the cells that start there, each with its rowspan. A merged cell
 * starts again at begin, the first row of its table. */
static struct val *row_view(struct page_view *pv, const struct plan *p, size_t i, size_t begin, size_t end,
			    int skip, int readings)
{
	struct arena *a = pv->a;
	const struct row *r = &p->rows[i];
	struct val *m = val_map(a);
	struct val *cells = val_list(a);
	for (size_t c = 0; c < p->ntcols; c++) {
		if ((int)c == skip || (r->cells[c].merged && i > begin))
			continue;
		const struct table_column *col = &p->tcols[c];
		struct cell_place at = { span_of(p, i, c, end), (int)c == p->group_col, NULL, NULL };
		if (readings && col->meaning == COL_WHEN && r->when.kind != WHEN_BLANK)
			at.reading = plan_when_text(pv, &r->when);
		struct val *cv = table_cell_view(pv, col, &r->cells[c], r, &at);
		set(pv, cv, "label", col->header ? col->header : ""); /* the card's label on a phone */
		val_push(a, cells, cv);
	}
	val_set(a, m, "cells", cells);
	set(pv, m, "id", r->id);
	set(pv, m, "href", page_url(pv, "plans/%s/#row-%s", p->slug, r->id));
	val_set(a, m, "tags", standing_tags(pv, &r->st, &r->progress));
	report_view(pv, m, &r->progress);
	return m;
}

/* The headers as printed, without column skip. */
static struct val *headers(struct page_view *pv, const struct plan *p, int skip)
{
	struct val *cols = val_list(pv->a);
	for (size_t i = 0; i < p->ntcols; i++)
		if ((int)i != skip)
			val_push(pv->a, cols, val_str(pv->a, p->tcols[i].header));
	return cols;
}

/* What the table is called on the page: the document's name for it, or
 * 重要活动安排. */
static const char *table_heading(struct page_view *pv, const struct plan *p)
{
	return p->schedule_kind ? p->schedule_kind : T(pv, "schedule");
}

/* The table as the document prints it: its headers over its columns, in
 * its order, each merged cell one cell over the rows it spans. */
static struct val *schedule_view(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct val *sch = val_map(a);
	set(pv, sch, "title", p->schedule_title);
	set(pv, sch, "heading", table_heading(pv, p));
	val_set(a, sch, "columns", headers(pv, p, -1));
	set_bool(pv, sch, "has_progress", p->as_of != 0);
	struct val *rows = val_list(a);
	for (size_t i = 0; i < p->nrows; i++)
		val_push(a, rows, row_view(pv, p, i, 0, p->nrows, -1, 0));
	val_set(a, sch, "rows", rows);
	return sch;
}

static void indicator_rows(struct page_view *pv, const struct plan *p, struct val *rows,
			   const struct indicator *ind, int depth)
{
	struct arena *a = pv->a;
	struct val *m = val_map(a);
	set(pv, m, "id", ind->id);
	set(pv, m, "no", ind->no);
	set(pv, m, "name", ind->name);
	set(pv, m, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, ind->id));
	set(pv, m, "unit", ind->unit);
	set(pv, m, "nature", ind->nature);
	set(pv, m, "target", target_text(ind));
	/* 各5名 needs saying what it adds up to; other forms read as written */
	set(pv, m, "reading", ind->target.reading.each && ind->target.text
		? arena_printf(a, "%s%s", T(pv, "in_all"), target_reading(pv, &ind->goal, ind->unit, 1)) : NULL);
	set(pv, m, "due", ind->due_text);
	set(pv, m, "note", ind->note);
	set_int(pv, m, "depth", depth);
	set_bool(pv, m, "of_which", depth > 0);
	val_set(a, m, "att", attainment_view(pv, p, &ind->att, &ind->target));
	val_push(a, rows, m);
	for (size_t i = 0; i < ind->nchildren; i++)
		indicator_rows(pv, p, rows, ind->children[i], depth + 1);
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

/* The breakdown's columns: the file's list, or the keys in order of use. */
static size_t breakdown_keys(struct page_view *pv, const struct plan *p, const char ***keys,
			     const char ***labels)
{
	size_t cap = p->nicols, n = 0;
	for (size_t i = 0; i < p->nall_indicators; i++)
		cap += p->all_indicators[i]->ncells;
	*keys = arena_alloc(pv->a, (cap + 1) * sizeof(**keys));
	*labels = arena_alloc(pv->a, (cap + 1) * sizeof(**labels));
	if (p->nicols) {
		for (size_t i = 0; i < p->nicols; i++) {
			(*keys)[n] = p->icols[i].key;
			(*labels)[n++] = p->icols[i].label;
		}
		return n;
	}
	for (size_t i = 0; i < p->nall_indicators; i++) {
		const struct indicator *ind = p->all_indicators[i];
		for (size_t c = 0; c < ind->ncells; c++) {
			size_t k = 0;
			while (k < n && strcmp((*keys)[k], ind->cells[c].key) != 0)
				k++;
			if (k == n) {
				(*keys)[n] = ind->cells[c].key;
				(*labels)[n++] = key_label(pv, ind->cells[c].key);
			}
		}
	}
	return n;
}

static void breakdown_rows(struct page_view *pv, struct val *rows, const struct indicator *ind,
			   int depth, const char **keys, size_t nkeys)
{
	struct arena *a = pv->a;
	if (ind->ncells) {
		struct val *m = val_map(a);
		set(pv, m, "name", ind->name);
		set(pv, m, "unit", ind->unit);
		set_int(pv, m, "depth", depth);
		set_bool(pv, m, "of_which", depth > 0);
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
	const char **keys, **labels;
	size_t nkeys = breakdown_keys(pv, p, &keys, &labels);
	if (!nkeys)
		return;
	struct val *cols = val_list(a), *groups = val_list(a);
	int has_groups = 0;
	struct val *g = NULL;
	const char *cur = NULL;
	long span = 0;
	for (size_t i = 0; i < nkeys; i++) {
		const char *group = p->nicols ? p->icols[i].group : NULL;
		struct val *m = val_map(a);
		set(pv, m, "label", labels[i]);
		val_push(a, cols, m);
		if (!g || !group || !cur || strcmp(group, cur) != 0) {
			if (g)
				set_int(pv, g, "span", span);
			g = val_map(a);
			set(pv, g, "label", group ? group : "");
			val_push(a, groups, g);
			span = 0;
			cur = group;
		}
		has_groups |= group != NULL;
		span++;
	}
	set_int(pv, g, "span", span);
	struct val *rows = val_list(a);
	for (size_t i = 0; i < p->nindicators; i++)
		breakdown_rows(pv, rows, p->indicators[i], 0, keys, nkeys);
	if (!rows->len)
		return;
	struct val *b = val_map(a);
	val_set(a, b, "columns", cols);
	val_set(a, b, "header_groups", groups);
	set_bool(pv, b, "has_groups", has_groups);
	val_set(a, b, "rows", rows);
	val_set(a, out, "breakdown", b);
}

static void build_indicators(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	if (!p->nindicators) {
		set(pv, pv->v, "indicators", NULL);
		return;
	}
	struct val *m = val_map(a);
	set(pv, m, "title", p->indicators_title);
	set(pv, m, "plan_due", p->due_text);
	int dues = 0;
	for (size_t i = 0; i < p->nall_indicators; i++)
		dues |= p->all_indicators[i]->due_text != NULL;
	set_bool(pv, m, "has_due", dues);
	set_bool(pv, m, "has_progress", p->as_of != 0);
	set_int(pv, m, "colspan", 4 + dues + (p->as_of ? 3 : 0));
	set(pv, m, "as_of", p->as_of ? date_zh(pv, p->as_of) : NULL);
	struct val *groups = val_list(a);
	struct val *rows = NULL;
	const char *cur = NULL;
	for (size_t i = 0; i < p->nindicators; i++) {
		const struct indicator *ind = p->indicators[i];
		if (new_group(ind->group, &cur, !rows)) {
			struct val *g = val_map(a);
			set(pv, g, "title", ind->group);
			rows = val_list(a);
			val_set(a, g, "rows", rows);
			val_push(a, groups, g);
		}
		indicator_rows(pv, p, rows, ind, 0);
	}
	val_set(a, m, "groups", groups);
	build_breakdown(pv, m, p);
	set(pv, m, "notes", p->indicator_notes);
	set(pv, m, "uncertain", p->uncertain);
	val_set(a, pv->v, "indicators", m);
}

static int behind_cmp(const void *x, const void *y)
{
	const struct indicator *a = *(const struct indicator *const *)x;
	const struct indicator *b = *(const struct indicator *const *)y;
	int ba = a->nature && strcmp(a->nature, "约束性") == 0;
	int bb = b->nature && strcmp(b->nature, "约束性") == 0;
	if (ba != bb)
		return bb - ba; /* binding first */
	if (a->att.share != b->att.share)
		return a->att.share < b->att.share ? -1 : 1; /* furthest behind first */
	return strcmp(a->id, b->id);
}

/* Indicators behind the pace of the year, binding ones first. */
static struct val *behind_view(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	const struct indicator **v = arena_alloc(a, (p->nall_indicators + 1) * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < p->nall_indicators; i++) {
		const struct indicator *ind = p->all_indicators[i];
		if (ind->att.has_share && !ind->att.on_track)
			v[n++] = ind;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), behind_cmp);
	struct val *list = val_list(a);
	for (size_t i = 0; i < n; i++) {
		struct val *m = val_map(a);
		set(pv, m, "name", v[i]->name);
		set(pv, m, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, v[i]->id));
		set(pv, m, "nature", v[i]->nature);
		set_bool(pv, m, "binding", v[i]->nature && strcmp(v[i]->nature, "约束性") == 0);
		val_set(a, m, "att", attainment_view(pv, p, &v[i]->att, &v[i]->target));
		val_push(a, list, m);
	}
	return list;
}

static void toc_item(struct page_view *pv, struct val *toc, const char *anchor, const char *label,
		     size_t count)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "anchor", anchor);
	set(pv, m, "label", label);
	set(pv, m, "count", count ? arena_printf(pv->a, "%zu", count) : NULL);
	val_push(pv->a, toc, m);
}

void build_plan(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	struct val *m = plan_head(pv, p);
	struct buf text = BUF_INIT;
	if (pv->ctx->plan_text && pv->ctx->plan_text(pv->ctx->text_u, p, &text, pv->d) != 0)
		pv->failed = 1;
	set(pv, m, "html", arena_strndup(pv->a, text.ptr, text.len));
	buf_free(&text);
	val_set(a, m, "changes", changes_view(pv, p->changes, p->nchanges, 0));
	val_set(a, pv->v, "plan", m);
	build_disclosure(pv, p);
	build_tasks(pv, p);
	val_set(a, pv->v, "schedule", p->nrows ? schedule_view(pv, p) : val_null(a));
	build_indicators(pv, p);
	if (p->as_of) {
		struct val *pr = val_map(a);
		val_set(a, pr, "tasks_tally", p->ntasks ? tally_view(pv, &p->tasks_tally) : val_null(a));
		val_set(a, pr, "rows_tally", p->nrows ? tally_view(pv, &p->rows_tally) : val_null(a));
		set(pv, pr, "rows_label", p->schedule_kind ? p->schedule_kind : T(pv, "tally_rows"));
		struct val *behind = behind_view(pv, p);
		val_set(a, pr, "behind", behind);
		set_bool(pv, pr, "has_behind", behind->len > 0);
		set_bool(pv, pr, "has_indicators", p->ind_total > 0);
		val_set(a, pv->v, "progress", pr);
	} else {
		set(pv, pv->v, "progress", NULL);
	}
	struct val *toc = val_list(a);
	if (p->as_of)
		toc_item(pv, toc, "progress", T(pv, "progress"), 0);
	if (p->ntasks)
		toc_item(pv, toc, "tasks", T(pv, "key_tasks"), p->ntasks);
	if (p->nrows)
		toc_item(pv, toc, "schedule", table_heading(pv, p), p->nrows);
	if (p->nindicators)
		toc_item(pv, toc, "indicators", T(pv, "indicators"), p->nall_indicators);
	toc_item(pv, toc, "text", T(pv, "text"), 0);
	if (pv->ctx->site->has_history)
		toc_item(pv, toc, "history", T(pv, "history"), p->nchanges);
	val_set(a, pv->v, "toc", toc);
}

/* ---- the schedule page: timeline and table -------------------------------- */

/* Rows [*begin, *end) of the group that starts at row i: as the document
 * groups them, by the merged cells of the group column (one group of all
 * rows without one). */
static size_t group_end(const struct plan *p, size_t i)
{
	size_t k = i + 1;
	if (p->group_col < 0)
		return p->nrows;
	while (k < p->nrows && p->rows[k].cells[p->group_col].merged)
		k++;
	return k;
}

/* A timeline label: the item's short name, else the start of its text. */
static const char *item_label(struct page_view *pv, const struct row *r)
{
	if (r->activity)
		return r->activity;
	if (r->detail)
		return excerpt(pv, r->detail, 12);
	return r->category ? r->category : "";
}

void build_schedule_page(struct page_view *pv, const struct plan *p)
{
	struct arena *a = pv->a;
	val_set(a, pv->v, "plan", plan_head(pv, p));
	set(pv, pv->v, "heading", table_heading(pv, p));

	size_t ngroups = 0;
	for (size_t i = 0; i < p->nrows; i = group_end(p, i))
		ngroups++;
	struct svg_group *groups = arena_alloc(a, (ngroups + 1) * sizeof(*groups));
	struct svg_item *items = arena_alloc(a, (p->nrows + 1) * sizeof(*items));
	struct val *tgroups = val_list(a);
	size_t g = 0;
	for (size_t i = 0; i < p->nrows; g++) {
		size_t end = group_end(p, i);
		const struct row *first = &p->rows[i];
		struct val *tg = val_map(a);
		if (p->group_col >= 0) {
			const struct table_column *col = &p->tcols[p->group_col];
			val_set(a, tg, "heading", table_cell_view(pv, col, &first->cells[p->group_col], first, NULL));
			groups[g].label = first->cells[p->group_col].text;
		} else {
			set(pv, tg, "heading", NULL);
			groups[g].label = p->schedule_title ? p->schedule_title : table_heading(pv, p);
		}
		set(pv, tg, "label", groups[g].label);
		val_set(a, tg, "columns", headers(pv, p, p->group_col));
		struct val *trows = val_list(a);
		groups[g].items = &items[i];
		groups[g].n = end - i;
		for (size_t k = i; k < end; k++) {
			const struct row *r = &p->rows[k];
			struct svg_item *it = &items[k];
			it->label = item_label(pv, r);
			it->href = arena_printf(a, "#row-%s", r->id);
			it->nspans = (size_t)r->when.nspans;
			struct svg_span *spans = arena_alloc(a, (size_t)(r->when.nspans + 1) * sizeof(*spans));
			for (int s = 0; s < r->when.nspans; s++) {
				spans[s].start = r->when.spans[s].start;
				spans[s].end = r->when.spans[s].end;
			}
			it->spans = spans;
			it->deadline = r->when.kind == WHEN_DEADLINE;
			standing_word(pv, &r->st, &it->status_text, &it->cls);
			val_push(a, trows, row_view(pv, p, k, i, end, p->group_col, 1));
		}
		val_set(a, tg, "rows", trows);
		val_push(a, tgroups, tg);
		i = end;
	}
	struct buf svg = BUF_INIT;
	const char *by = p->group_col >= 0 ? p->tcols[p->group_col].header : NULL;
	const char *title = arena_printf(a, "%s：%s", p->title, T(pv, "timeline"));
	struct buf desc = BUF_INIT;
	buf_printf(&desc, "%d年各项的计划时间", p->year);
	if (by)
		buf_printf(&desc, "，按“%s”分组", by);
	if (p->as_of)
		buf_printf(&desc, "；竖线为进展截至日期%s", date_zh(pv, p->as_of));
	buf_puts(&desc, "。");
	svg_timeline(&svg, "timeline", title, desc.ptr, p->year, groups, ngroups, p->as_of);
	buf_free(&desc);
	set(pv, pv->v, "timeline_svg", svg.ptr);
	buf_free(&svg);
	val_set(a, pv->v, "groups", tgroups);
	set_bool(pv, pv->v, "has_progress", p->as_of != 0);
	val_set(a, pv->v, "rows_tally", p->as_of ? tally_view(pv, &p->rows_tally) : val_null(a));
}

/* ---- an indicator's page ---------------------------------------------------- */

/* The unit to write after a target: only after a plain number (540 人);
 * a target as written carries its own (不少于540人). */
static const char *plain_target_unit(const struct indicator *ind)
{
	double v;
	const char *t = target_text(ind);
	return t && number_parse(t, &v) == 0 ? ind->unit : NULL;
}

static const char *cell_label(const struct cell *c)
{
	return c->col ? c->col->label : c->key;
}

void build_indicator_page(struct page_view *pv, const struct plan *p, const struct indicator *ind)
{
	struct arena *a = pv->a;
	val_set(a, pv->v, "plan", plan_head(pv, p));
	struct val *m = val_map(a);
	set(pv, m, "id", ind->id);
	set(pv, m, "name", ind->name);
	set(pv, m, "group", ind->group);
	set(pv, m, "unit", ind->unit);
	set(pv, m, "nature", ind->nature);
	set(pv, m, "target", target_text(ind));
	set(pv, m, "target_unit", plain_target_unit(ind));
	const char *reading = target_reading(pv, &ind->goal, ind->unit, ind->target.reading.each);
	set(pv, m, "reading", reading && ind->target.reading.each ? arena_printf(a, "%s%s", T(pv, "in_all"), reading)
		: reading);
	set(pv, m, "each", !ind->target.reading.each ? NULL
		: target_reading(pv, &ind->target.reading, ind->unit, 1));
	set(pv, m, "due", ind->due_text ? ind->due_text : p->due_text);
	set_bool(pv, m, "due_is_plans", !ind->due_text && p->due_text);
	/* Say over which days the pace runs when it is not the plan's year. */
	set(pv, m, "pace", ind->due.nspans || p->due.nspans
		? arena_printf(a, "%s—%s", date_zh(pv, ind->pace_from), date_zh(pv, ind->pace_to)) : NULL);
	set(pv, m, "note", ind->note);
	set(pv, m, "discrepancy", ind->discrepancy);
	val_set(a, m, "att", attainment_view(pv, p, &ind->att, &ind->target));
	if (ind->parent) {
		struct val *pm = val_map(a);
		set(pv, pm, "name", ind->parent->name);
		set(pv, pm, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, ind->parent->id));
		val_set(a, m, "parent", pm);
	} else {
		set(pv, m, "parent", NULL);
	}
	struct val *kids = val_list(a);
	for (size_t i = 0; i < ind->nchildren; i++) {
		struct val *km = val_map(a);
		set(pv, km, "name", ind->children[i]->name);
		set(pv, km, "href", page_url(pv, "plans/%s/indicators/%s/", p->slug, ind->children[i]->id));
		set(pv, km, "target", target_text(ind->children[i]));
		set(pv, km, "unit", plain_target_unit(ind->children[i]));
		val_push(a, kids, km);
	}
	val_set(a, m, "children", kids);
	struct val *tasks = val_list(a);
	for (size_t i = 0; i < ind->ntasks; i++) {
		const struct task *t = ind->tasks[i];
		struct val *tm = val_map(a);
		set(pv, tm, "href", page_url(pv, "plans/%s/#task-%s", p->slug, t->id));
		set(pv, tm, "label", t->title ? t->title : excerpt(pv, t->text ? t->text : "", 30));
		set(pv, tm, "section", t->section);
		val_push(a, tasks, tm);
	}
	for (size_t i = 0; i < ind->nrows; i++) {
		const struct row *r = ind->rows[i];
		struct val *tm = val_map(a);
		set(pv, tm, "href", page_url(pv, "plans/%s/#row-%s", p->slug, r->id));
		set(pv, tm, "label", r->activity ? r->activity : excerpt(pv, r->detail ? r->detail : "", 30));
		set(pv, tm, "section", r->category);
		val_push(a, tasks, tm);
	}
	val_set(a, m, "tasks", tasks);
	struct val *revs = val_list(a);
	for (size_t i = ind->nrevisions; i-- > 0;) {
		const struct revision *r = &ind->revisions[i];
		struct val *rm = val_map(a);
		set(pv, rm, "date", date_zh(pv, r->date));
		set(pv, rm, "column", r->column);
		set(pv, rm, "old", r->old_text);
		set(pv, rm, "new", r->new_text);
		set(pv, rm, "note", r->note);
		set(pv, rm, "summary", r->note ? NULL : r->summary);
		set(pv, rm, "commit", r->commit);
		set(pv, rm, "short", arena_printf(a, "%.12s", r->commit));
		val_push(a, revs, rm);
	}
	val_set(a, m, "revisions", revs);
	set_bool(pv, m, "has_revisions", revs->len > 0);
	set_bool(pv, m, "has_history", pv->ctx->site->has_history);
	val_set(a, pv->v, "indicator", m);

	/* Values over time (the total), as a chart and a table. */
	struct val *values = val_list(a);
	struct svg_point *pts = arena_alloc(a, (ind->nactuals + 1) * sizeof(*pts));
	size_t npts = 0;
	for (size_t i = 0; i < ind->nactuals; i++) {
		const struct actual *ac = &ind->actuals[i];
		struct val *vm = val_map(a);
		set(pv, vm, "date", date_zh(pv, ac->date));
		set(pv, vm, "value", ac->value.text);
		set(pv, vm, "region", ac->region ? (ac->col ? ac->col->label : ac->region) : NULL);
		set(pv, vm, "note", ac->note);
		val_push(a, values, vm);
		if (!ac->region) {
			pts[npts].date = ac->date;
			pts[npts].value = ac->value.num;
			npts++;
		}
	}
	val_set(a, pv->v, "values", values);
	set_bool(pv, pv->v, "has_values", ind->nactuals > 0);
	struct buf svg = BUF_INIT;
	int has_goal = ind->goal.kind != TARGET_TEXT;
	if (npts || has_goal) {
		const char *title = arena_printf(a, "%s：%s", ind->name, T(pv, "values_over_time"));
		struct buf desc = BUF_INIT;
		int ceiling = ind->goal.kind == TARGET_AT_MOST;
		double line = ceiling ? ind->goal.hi : ind->goal.lo;
		buf_printf(&desc, "%d年累计完成值", p->year);
		if (npts)
			buf_printf(&desc, "，共 %zu 个数据点", npts);
		if (has_goal) {
			buf_printf(&desc, "，%s ", ceiling ? "上限" : "目标");
			number_put(&desc, line);
			buf_puts(&desc, ind->unit ? ind->unit : "");
		}
		if (has_goal && !ceiling)
			buf_printf(&desc, "。虚线为按时间均匀推进（%s至%s）应达到的进度。", date_zh(pv, ind->pace_from),
				   date_zh(pv, ind->pace_to));
		else
			buf_puts(&desc, "。");
		struct svg_line goal = { line, has_goal, ceiling ? 0 : ind->pace_from, ceiling ? 0 : ind->pace_to,
					 ceiling ? "上限" : "目标" };
		svg_progress(&svg, "progress-chart", title, desc.ptr, p->year, pts, npts, &goal, p->as_of,
			     ind->unit ? ind->unit : "");
		buf_free(&desc);
	}
	set(pv, pv->v, "progress_svg", svg.len ? svg.ptr : NULL);
	buf_clear(&svg);

	/* Target against actual per region. */
	struct val *regions = val_list(a);
	struct svg_bar *bars = arena_alloc(a, (ind->ncells + 1) * sizeof(*bars));
	size_t nbars = 0;
	for (size_t i = 0; i < ind->ncells; i++) {
		const struct cell *c = &ind->cells[i];
		const struct attainment *at = &ind->cell_att[i];
		if (p->total_col && c->col == p->total_col)
			continue; /* the same as the target */
		struct val *rm = val_map(a);
		set(pv, rm, "label", cell_label(c));
		set(pv, rm, "group", c->col && c->col->group ? c->col->group : NULL);
		set(pv, rm, "target", c->value.text ? c->value.text : target_text(ind));
		val_set(a, rm, "att", attainment_view(pv, p, at, &c->value));
		val_push(a, regions, rm);
		struct svg_bar *b = &bars[nbars++];
		b->label = cell_label(c);
		b->has_target = c->value.is_num;
		b->target = c->value.num;
		b->target_text = c->value.text;
		if (!b->target_text && c->value.is_num) {
			struct buf t = BUF_INIT;
			number_put(&t, c->value.num);
			b->target_text = arena_strndup(a, t.ptr, t.len);
			buf_free(&t);
		}
		b->has_actual = at->has_actual;
		b->actual = at->has_actual ? at->actual->value.num : 0;
		b->actual_text = at->has_actual ? at->actual->value.text : NULL;
		b->cls = !at->judged ? "st-none" : at->on_track ? "st-ontrack" : "st-behind";
		b->status_text = !at->has_actual ? T(pv, "ind_no_data")
				 : at->judged ? val_text(val_get(attainment_view(pv, p, at, &c->value), "status")) : "";
	}
	val_set(a, pv->v, "regions", regions);
	set_bool(pv, pv->v, "has_regions", regions->len > 0);
	int any_actual = 0;
	for (size_t i = 0; i < nbars; i++)
		any_actual |= bars[i].has_actual;
	if (nbars && any_actual) {
		const char *title = arena_printf(a, "%s：%s", ind->name, T(pv, "by_region_progress"));
		const char *desc = arena_printf(a, "各地区目标（空心条）与截至%s的完成值（实心条）；虚线为按时间应完成的位置。",
						date_zh(pv, p->as_of));
		svg_bars(&svg, "region-chart", title, desc, bars, nbars,
			 p->as_of && ind->goal.kind != TARGET_AT_MOST ? ind->att.expected : -1,
			 ind->unit ? ind->unit : "");
	}
	set(pv, pv->v, "regions_svg", svg.len ? svg.ptr : NULL);
	buf_free(&svg);
}
