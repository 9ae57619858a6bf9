/* page_data: 数据下载 and 搜索. */
#include "page_data.h"
#include "arena.h"
#include "files.h"
#include "page_parts.h"
#include "table.h"
#include "value.h"

#include <string.h>

static const char *fmt_label(enum file_fmt f)
{
	switch (f) {
	case FF_CSV: return "CSV";
	case FF_JSON: return "JSON";
	case FF_SCHEMA: return "JSON Schema";
	case FF_DATAPKG: return "Data Package";
	case FF_ICS: return "iCalendar";
	case FF_FEED: return "Atom";
	case FF_SITEMAP: return "Sitemap";
	case FF_ROBOTS: return "robots.txt";
	}
	return "";
}

/* What a site-wide file holds, for the list. */
static const char *what(struct page_view *pv, const struct site_file *f)
{
	switch (f->fmt) {
	case FF_CSV: return f->table->desc;
	case FF_JSON: return T(pv, "data_json");
	case FF_SCHEMA: return T(pv, "data_schema");
	case FF_DATAPKG: return T(pv, "data_package");
	case FF_ICS: return T(pv, "data_ics");
	case FF_FEED: return T(pv, "data_feed");
	case FF_SITEMAP: return T(pv, "data_sitemap");
	case FF_ROBOTS: return T(pv, "data_robots");
	}
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static struct val *file_item(struct page_view *pv, const struct site_file *f)
{
	struct val *m = val_map(pv->a);
	set(pv, m, "name", base_name(f->path));
	set(pv, m, "path", f->path);
	set(pv, m, "href", page_url(pv, "%s", f->path));
	set(pv, m, "format", fmt_label(f->fmt));
	set(pv, m, "title", f->table ? f->table->title : NULL);
	set(pv, m, "what", what(pv, f));
	set(pv, m, "size", file_size(pv, f->bytes));
	set_int(pv, m, "bytes", (long long)f->bytes);
	int counted = f->fmt == FF_CSV || f->fmt == FF_JSON || f->fmt == FF_ICS || f->fmt == FF_FEED ||
		      f->fmt == FF_SITEMAP;
	set(pv, m, "rows", counted ? arena_printf(pv->a, "%zu", f->rows) : NULL);
	set(pv, m, "rows_unit", f->fmt == FF_CSV ? T(pv, "data_rows") : f->fmt == FF_JSON ? T(pv, "data_records")
			    : f->fmt == FF_ICS ? T(pv, "data_events") : f->fmt == FF_FEED ? T(pv, "data_entries")
			    : T(pv, "data_urls"));
	return m;
}

static struct val *table_view(struct page_view *pv, const struct tbl_def *t)
{
	static const char *const types[] = { "文字", "整数", "数值", "是/否", "日期" };
	struct val *m = val_map(pv->a);
	set(pv, m, "name", t->name);
	set(pv, m, "title", t->title);
	set(pv, m, "desc", t->desc);
	set(pv, m, "key", t->key);
	struct val *cols = val_list(pv->a);
	for (size_t f = 0; f < t->nfields; f++) {
		struct val *c = val_map(pv->a);
		set(pv, c, "name", t->fields[f].name);
		set(pv, c, "title", t->fields[f].title);
		set(pv, c, "type", types[t->fields[f].type]);
		set(pv, c, "desc", t->fields[f].desc);
		val_push(pv->a, cols, c);
	}
	val_set(pv->a, m, "columns", cols);
	set_bool(pv, m, "site_only", t->site_only);
	return m;
}

/* A link to each year's list of plans (plans are sorted by year). */
static struct val *year_links(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	struct val *years = val_list(pv->a);
	for (size_t i = 0; i < s->nplans; i++) {
		if (i && s->plans[i - 1].year == s->plans[i].year)
			continue;
		struct val *y = val_map(pv->a);
		set_int(pv, y, "year", s->plans[i].year);
		set(pv, y, "href", page_url(pv, "years/%d/", s->plans[i].year));
		val_push(pv->a, years, y);
	}
	mark_last(pv->a, years);
	return years;
}

void build_data(struct page_view *pv)
{
	const struct site *s = pv->ctx->site;
	const struct site_files *fs = pv->ctx->files;
	struct arena *a = pv->a;
	struct val *site_files = val_list(a), *machine = val_list(a), *plans = val_list(a);
	for (size_t i = 0; fs && i < fs->n; i++) {
		const struct site_file *f = &fs->v[i];
		if (f->plan)
			continue;
		int data = f->fmt == FF_CSV || f->fmt == FF_JSON || f->fmt == FF_SCHEMA || f->fmt == FF_DATAPKG;
		val_push(a, data ? site_files : machine, file_item(pv, f));
	}
	/* Listed here while the list stays short; on a large site each plan's
	 * files are on its own page (reached through the years), and this page
	 * stays small (no page grows with the number of plans). */
	int listed = s->nplans <= LIST_PAGE;
	for (size_t i = 0; fs && listed && i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		struct val *m = val_map(a);
		set(pv, m, "title", p->title);
		set_int(pv, m, "year", p->year);
		set(pv, m, "href", page_url(pv, "plans/%s/", p->slug));
		struct val *list = val_list(a);
		for (size_t k = fs->plan_first[i]; k < fs->plan_first[i] + fs->plan_count[i]; k++)
			val_push(a, list, file_item(pv, &fs->v[k]));
		val_set(a, m, "files", list);
		val_push(a, plans, m);
	}
	val_set(a, pv->v, "site_files", site_files);
	val_set(a, pv->v, "machine_files", machine);
	val_set(a, pv->v, "plan_files", plans);
	set_bool(pv, pv->v, "has_plans", listed && s->nplans > 0);
	if (!listed) {
		struct val *m = val_map(a);
		set_int(pv, m, "count", (long long)s->nplans);
		val_set(a, m, "years", year_links(pv));
		val_set(a, pv->v, "plans_elsewhere", m);
	}
	struct val *tables = val_list(a);
	for (size_t t = 0; t < tbl_ndefs; t++)
		val_push(a, tables, table_view(pv, &tbl_defs[t]));
	val_set(a, pv->v, "tables", tables);
	set(pv, pv->v, "base_url", s->base_url);
	set(pv, pv->v, "sitemap", s->base_url ? page_url(pv, "sitemap.xml") : NULL);
}

void build_search(struct page_view *pv)
{
	val_set(pv->a, pv->v, "years", year_links(pv));
	set(pv, pv->v, "script", page_url(pv, "assets/search.js"));
}
