/* page_parts: the views several kinds of page show — status tags, tallies,
 * attainment bars, plan cards, lists of changes. */
#include "page_parts.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "files.h"
#include "table.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* ---- status views ------------------------------------------------------------ */

static void tag(struct page_view *pv, struct val *list, const char *text, const char *cls)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "text", text);
	set(pv, m, "cls", cls);
	val_push(pv->a, list, m);
}

struct val *standing_tags(struct page_view *pv, const struct standing *st, const struct progress *pr)
{
	struct val *tags = val_list(pv->a);
	(void)pr;
	if (!st->known)
		return tags;
	if (st->status == ST_DONE) {
		tag(pv, tags, T(pv, "st_done"), "st-done");
		if (st->late)
			tag(pv, tags, T(pv, "st_done_late"), "st-late");
		return tags;
	}
	if (st->status == ST_CANCELLED) {
		tag(pv, tags, T(pv, "st_cancelled"), "st-cancelled");
		return tags;
	}
	switch (st->timing) {
	case TM_OVERDUE:
		tag(pv, tags, arena_printf(pv->a, "%s %d %s", T(pv, "st_overdue"), st->days, T(pv, "days")),
		    "st-overdue");
		break;
	case TM_DUE_SOON:
		tag(pv, tags, arena_printf(pv->a, "%s（%s %d %s）", T(pv, "st_due_soon"), T(pv, "days_left"),
					  st->days, T(pv, "days")), "st-due");
		break;
	case TM_UNSCHEDULED:
		tag(pv, tags, T(pv, "st_unscheduled"), "st-unscheduled");
		break;
	case TM_UPCOMING:
		tag(pv, tags, T(pv, "st_upcoming"), "st-upcoming");
		break;
	default:
		break;
	}
	if (st->status == ST_ACTIVE)
		tag(pv, tags, T(pv, "st_active"), "st-active");
	else if (st->status == ST_NOT_STARTED)
		tag(pv, tags, T(pv, "st_not_started"), "st-notstarted");
	else
		tag(pv, tags, T(pv, "st_unreported"), "st-unreported");
	return tags;
}

/* The single word that best says how an item stands, and its class: for
 * charts and short lists. */
void standing_word(struct page_view *pv, const struct standing *st, const char **text, const char **cls)
{
	struct val *tags = standing_tags(pv, st, NULL);
	*text = tags->len ? val_text(val_get(tags->items[0], "text")) : NULL;
	*cls = tags->len ? val_text(val_get(tags->items[0], "cls")) : "st-none";
}

void report_view(struct page_view *pv, struct val *m, const struct progress *pr)
{
	set(pv, m, "report_date", pr->date ? date_zh(pv, pr->date) : NULL);
	set(pv, m, "report_note", pr->note);
	set(pv, m, "reason", pr->reason);
	set_bool(pv, m, "has_report", pr->date || pr->note || pr->reason);
}

static const char *width(struct page_view *pv, size_t part, size_t whole)
{
	return arena_printf(pv->a, "%.1f%%", whole ? 100.0 * (double)part / (double)whole : 0.0);
}

struct val *tally_view(struct page_view *pv, const struct tally *t)
{
	struct val *m = val_map(pv->a);
	struct val *segs = val_list(pv->a);
	const struct {
		size_t n;
		const char *key, *cls;
	} parts[] = {
		{ t->done, "st_done", "st-done" },
		{ t->active, "st_active", "st-active" },
		{ t->due_soon, "st_due_soon", "st-due" },
		{ t->overdue, "st_overdue", "st-overdue" },
		{ t->not_started, "st_not_started", "st-notstarted" },
		{ t->unreported, "st_unreported", "st-unreported" },
		{ t->unscheduled, "st_unscheduled", "st-unscheduled" },
		{ t->cancelled, "st_cancelled", "st-cancelled" },
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i].n)
			continue;
		struct val *s = val_map(pv->a);
		set(pv, s, "label", T(pv, parts[i].key));
		set(pv, s, "cls", parts[i].cls);
		set_int(pv, s, "count", (long long)parts[i].n);
		set(pv, s, "width", width(pv, parts[i].n, t->total));
		val_push(pv->a, segs, s);
	}
	mark_last(pv->a, segs);
	set_int(pv, m, "total", (long long)t->total);
	set_int(pv, m, "done", (long long)t->done);
	size_t counted = t->total - t->cancelled;
	set_int(pv, m, "counted", (long long)counted);
	set(pv, m, "cancelled", t->cancelled ? arena_printf(pv->a, "%zu", t->cancelled) : NULL);
	set(pv, m, "done_pct", percent(pv, counted ? (double)t->done / (double)counted : 0));
	val_set(pv->a, m, "segments", segs);
	set_bool(pv, m, "has_items", t->total > 0);
	return m;
}

/* The words for where an indicator stands. */
static const char *att_status(const struct attainment *at)
{
	if (at->kind == TARGET_AT_MOST)
		return at->over ? "ind_over" : "ind_within";
	if (at->stretch)
		return "ind_stretch";
	if (at->met)
		return at->kind == TARGET_RANGE ? "ind_met_low" : "ind_met";
	return at->on_track ? "ind_on_track" : "ind_behind";
}

struct val *attainment_view(struct page_view *pv, const struct plan *p, const struct attainment *at,
			    const struct figure *target)
{
	struct val *m = val_map(pv->a);
	int ceiling = at->kind == TARGET_AT_MOST;
	set_bool(pv, m, "has_actual", at->has_actual);
	set(pv, m, "actual", at->has_actual ? at->actual->value.text : NULL);
	set(pv, m, "actual_date", at->has_actual ? date_zh(pv, at->actual->date) : NULL);
	set(pv, m, "actual_note", at->has_actual && at->actual->node == NULL ? at->actual->note : NULL);
	set_bool(pv, m, "has_share", at->has_share);
	set_bool(pv, m, "judged", at->judged);
	set_bool(pv, m, "ceiling", ceiling);
	set(pv, m, "share_label", T(pv, ceiling ? "share_of_ceiling" : "share_done"));
	if (at->has_share) {
		double w = at->share > 1 ? 1 : at->share;
		set(pv, m, "share", percent(pv, at->share));
		set(pv, m, "share_width", arena_printf(pv->a, "%.1f%%", w * 100));
		/* A ceiling has no pace: being under it is all that counts. */
		set(pv, m, "expected", ceiling ? NULL : percent(pv, at->expected));
		set(pv, m, "expected_pos", ceiling ? NULL : arena_printf(pv->a, "%.1f%%", at->expected * 100));
	} else {
		set(pv, m, "share", NULL);
		set(pv, m, "expected", NULL);
		set(pv, m, "expected_pos", NULL);
	}
	if (at->judged) {
		set(pv, m, "status", T(pv, att_status(at)));
		set(pv, m, "cls", at->on_track ? "st-ontrack" : "st-behind");
	} else {
		set(pv, m, "status", !p->as_of ? NULL : !at->has_actual ? T(pv, "ind_no_data")
					: !target->is_num ? T(pv, "ind_no_target") : NULL);
		set(pv, m, "cls", "st-none");
	}
	return m;
}

const char *target_text(const struct indicator *ind)
{
	for (; ind; ind = ind->parent)
		if (ind->target.text)
			return ind->target.text;
	return NULL;
}

const char *target_reading(struct page_view *pv, const struct target *t, const char *unit, int always)
{
	if (t->kind == TARGET_TEXT || (t->kind == TARGET_EXACT && !t->each && !always))
		return NULL;
	struct buf b = BUF_INIT;
	target_describe(&b, t, unit);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

/* ---- cells ---------------------------------------------------------------------- */

static void segment(struct page_view *pv, struct val *list, const char *text, size_t n,
		    const struct unit_ref *r)
{
	if (!n)
		return;
	struct val *m = val_map(pv->a);
	set(pv, m, "text", arena_strndup(pv->a, text, n));
	set_bool(pv, m, "name", r != NULL);
	set(pv, m, "href", r && r->unit ? page_url(pv, "units/%s/", r->unit->id) : NULL);
	set(pv, m, "full_name", r && r->unit ? r->unit->name : NULL);
	val_push(pv->a, list, m);
}

struct val *unit_cell_view(struct page_view *pv, const struct unit_cell *c)
{
	struct val *segs = val_list(pv->a);
	const char *t = c->text ? c->text : "";
	size_t at = 0, n = strlen(t);
	for (size_t i = 0; i < c->nrefs; i++) {
		const struct unit_ref *r = &c->refs[i];
		size_t len = strlen(r->text);
		if (r->off < at || r->off + len > n)
			continue;
		segment(pv, segs, t + at, r->off - at, NULL);
		segment(pv, segs, t + r->off, len, r);
		at = r->off + len;
	}
	segment(pv, segs, t + at, n - at, NULL);
	return segs;
}

struct val *unit_lines_view(struct page_view *pv, const struct unit_cell *cells, size_t n)
{
	static const enum unit_role order[] = { ROLE_LEAD, ROLE_RESPONSIBLE, ROLE_PARTNER };
	struct val *lines = val_list(pv->a);
	for (size_t k = 0; k < 3; k++) {
		struct val *list = NULL;
		for (size_t i = 0; i < n; i++) {
			if (cells[i].field != order[k])
				continue;
			if (!list) {
				struct val *line = val_map(pv->a);
				set(pv, line, "label", unit_role_name(order[k]));
				list = val_list(pv->a);
				val_set(pv->a, line, "cells", list);
				val_push(pv->a, lines, line);
			}
			struct val *cm = val_map(pv->a);
			val_set(pv->a, cm, "segments", unit_cell_view(pv, &cells[i]));
			val_push(pv->a, list, cm);
		}
		if (list)
			mark_last(pv->a, list);
	}
	return lines;
}

struct val *table_cell_view(struct page_view *pv, const struct table_column *col,
			    const struct row_cell *cell, const struct row *r, const struct cell_place *at)
{
	static const struct cell_place alone = { 1, 0, NULL, NULL };
	if (!at)
		at = &alone;
	struct val *m = val_map(pv->a);
	const char *text = cell->text ? cell->text : "";
	const char *cls = NULL;
	if (col->meaning == COL_WHEN) {
		int blank = r->when.kind == WHEN_BLANK;
		text = blank ? T(pv, "not_given") : r->when_text;
		cls = blank ? "when missing" : "when";
	}
	set(pv, m, "text", text);
	val_set(pv->a, m, "units", meaning_is_units(col->meaning) && *text
		? unit_cell_view(pv, &cell->units) : val_null(pv->a));
	set(pv, m, "href", at->href);
	set(pv, m, "cls", cls);
	set(pv, m, "reading", at->reading);
	if (at->span > 1)
		set_int(pv, m, "span", at->span);
	else
		set(pv, m, "span", NULL);
	set_bool(pv, m, "head", at->head);
	return m;
}

const char *units_text(struct page_view *pv, const struct unit_ref *u, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", u[i].text);
	const char *s = arena_strndup(pv->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

void note_progress(struct page_view *pv, const struct plan *p)
{
	if (p->as_of && p->sample)
		pv->sample = 1;
}

struct val *plan_card(struct page_view *pv, const struct plan *p)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "title", p->title);
	set(pv, m, "href", page_url(pv, "plans/%s/", p->slug));
	set(pv, m, "issuer", p->issuer);
	set(pv, m, "doc_no", p->doc_no);
	set(pv, m, "written", p->written ? date_zh(pv, p->written) : NULL);
	set(pv, m, "regions", regions_text(pv, p));
	set_int(pv, m, "year", p->year);
	set(pv, m, "ntasks", p->ntasks ? arena_printf(pv->a, "%zu", p->ntasks) : NULL);
	set(pv, m, "nrows", p->nrows ? arena_printf(pv->a, "%zu", p->nrows) : NULL);
	set(pv, m, "rows_kind", p->schedule_kind);
	set(pv, m, "nindicators", p->nall_indicators ? arena_printf(pv->a, "%zu", p->nall_indicators) : NULL);
	set_bool(pv, m, "has_progress", p->as_of != 0);
	set(pv, m, "as_of", p->as_of ? date_zh(pv, p->as_of) : NULL);
	set_bool(pv, m, "sample", p->as_of && p->sample);
	val_set(pv->a, m, "tasks_tally", p->ntasks ? tally_view(pv, &p->tasks_tally) : val_null(pv->a));
	val_set(pv->a, m, "rows_tally", p->nrows ? tally_view(pv, &p->rows_tally) : val_null(pv->a));
	set(pv, m, "ind_reported", p->ind_reported ? arena_printf(pv->a, "%zu", p->ind_reported) : NULL);
	set(pv, m, "ind_total", p->ind_total ? arena_printf(pv->a, "%zu", p->ind_total) : NULL);
	set(pv, m, "ind_behind", p->ind_total ? arena_printf(pv->a, "%zu", p->ind_behind) : NULL);
	note_progress(pv, p);
	return m;
}

/* ---- the site's identity ---------------------------------------------------- */

struct val *identity_view(struct page_view *pv)
{
	const struct identity *id = &pv->ctx->site->identity;
	struct arena *a = pv->a;
	int has_org = id->sponsor || id->site_operator;
	int has_contact = id->phone || id->email || id->address;
	int has_records = id->site_code || id->icp_no || id->police_no;
	if (!has_org && !has_contact && !has_records && !id->conac_link)
		return val_null(a);
	struct val *m = val_map(a);
	set_bool(pv, m, "has_org", has_org);
	set(pv, m, "sponsor", id->sponsor);
	set(pv, m, "operator", id->site_operator);
	if (has_contact) {
		struct val *c = val_map(a);
		set(pv, c, "phone", id->phone);
		set(pv, c, "tel", id->tel);
		set(pv, c, "email", id->email);
		set(pv, c, "address", id->address);
		val_set(a, m, "contact", c);
	} else {
		set(pv, m, "contact", NULL);
	}
	set_bool(pv, m, "has_records", has_records);
	set(pv, m, "site_code", id->site_code);
	set(pv, m, "icp_no", id->icp_no);
	if (id->police_no) {
		struct val *pm = val_map(a);
		set(pv, pm, "text", id->police_no);
		set(pv, pm, "code", id->police_code);
		val_set(a, m, "police", pm);
	} else {
		set(pv, m, "police", NULL);
	}
	if (id->conac_link) {
		struct val *cm = val_map(a);
		set(pv, cm, "link", id->conac_link);
		set(pv, cm, "image", id->conac_image);
		val_set(a, m, "conac", cm);
	} else {
		set(pv, m, "conac", NULL);
	}
	return m;
}

/* ---- changes ------------------------------------------------------------------ */

struct val *changes_view(struct page_view *pv, const struct change *c, size_t n, int with_plan)
{
	struct val *list = val_list(pv->a);
	for (size_t i = 0; i < n; i++) {
		struct val *m = val_map(pv->a);
		int y, mo, d;
		date_to_ymd(c[i].date, &y, &mo, &d);
		set(pv, m, "date", date_zh(pv, c[i].date));
		set(pv, m, "iso", arena_printf(pv->a, "%04d-%02d-%02d", y, mo, d));
		set(pv, m, "note", c[i].note);
		set(pv, m, "commit", c[i].commit);
		set(pv, m, "short", arena_printf(pv->a, "%.12s", c[i].commit));
		set(pv, m, "anchor", with_plan && c[i].plan
			? arena_printf(pv->a, "c-%.12s-%s", c[i].commit, c[i].plan->slug)
			: arena_printf(pv->a, "c-%.12s", c[i].commit));
		set(pv, m, "plan", with_plan && c[i].plan ? c[i].plan->title : NULL);
		set(pv, m, "plan_href", with_plan && c[i].plan ? page_url(pv, "plans/%s/", c[i].plan->slug) : NULL);
		val_push(pv->a, list, m);
	}
	return list;
}

/* ---- a plan's files ------------------------------------------------------------- */

const char *file_size(struct page_view *pv, size_t bytes)
{
	if (bytes < 1024)
		return arena_printf(pv->a, "%zu B", bytes);
	if (bytes < 1024 * 1024)
		return arena_printf(pv->a, "%.1f KB", (double)bytes / 1024);
	return arena_printf(pv->a, "%.1f MB", (double)bytes / (1024 * 1024));
}

void plan_files(struct page_view *pv, struct val *m, const struct plan *p)
{
	const struct site *s = pv->ctx->site;
	const struct site_files *fs = pv->ctx->files;
	struct val *list = val_list(pv->a);
	const char *ics = NULL;
	if (fs) {
		size_t i = (size_t)(p - s->plans);
		for (size_t k = fs->plan_first[i]; k < fs->plan_first[i] + fs->plan_count[i]; k++) {
			const struct site_file *f = &fs->v[k];
			struct val *it = val_map(pv->a);
			const char *slash = strrchr(f->path, '/');
			set(pv, it, "name", slash ? slash + 1 : f->path);
			set(pv, it, "href", page_url(pv, "%s", f->path));
			set(pv, it, "label", f->table ? f->table->title : f->fmt == FF_ICS ? T(pv, "calendar") : T(pv, "data_all_tables"));
			set(pv, it, "size", file_size(pv, f->bytes));
			val_push(pv->a, list, it);
			if (f->fmt == FF_ICS)
				ics = f->path;
		}
	}
	mark_last(pv->a, list);
	val_set(pv->a, m, "data_files", list);
	set_bool(pv, m, "has_data_files", list->len > 0);
	set(pv, m, "data_href", page_url(pv, "data/"));
	set(pv, m, "ics_href", ics ? page_url(pv, "%s", ics) : NULL);
	const char *base = s->base_url;
	const char *scheme = base ? strstr(base, "://") : NULL;
	set(pv, m, "webcal_href", ics && scheme ? arena_printf(pv->a, "webcal://%s%s", scheme + 3, ics) : NULL);
	size_t skipped = 0; /* rows without dates are not in the calendar (ical.c) */
	for (size_t i = 0; i < p->nrows; i++)
		skipped += p->rows[i].when.nspans == 0;
	set(pv, m, "unscheduled", skipped && p->nrows ? arena_printf(pv->a, "%zu", skipped) : NULL);
}
