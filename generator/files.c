/* files: the list of the site's machine-readable files, and dispatch to
 * their writers (atom.c, csv.c, json.c, datapkg.c, ical.c, sitemap.c). */
#include "files.h"
#include "arena.h"
#include "atom.h"
#include "buf.h"
#include "csv.h"
#include "datapkg.h"
#include "ical.h"
#include "json.h"
#include "model.h"
#include "sitemap.h"
#include "table.h"

#include <string.h>

/* The tables a plan gets its own CSV of, when it has rows in them: what a
 * reader of the plan's page wants in a spreadsheet. The other tables
 * (plans, columns, cells, responsibilities) are in the plan's JSON and the
 * site's CSVs. A plan's files sit beside its page, named after it, so that
 * downloads from several plans do not collide and no folder is made for
 * them. */
static const char *const plan_csvs[] = { "tasks", "schedule", "indicators", "targets", "actuals" };

static size_t count_rows(const struct site *s, const struct tbl_def *t, const struct plan *p, struct arena *a)
{
	struct tbl_ctx c = { s, NULL, a, NULL, 0, 0 };
	struct tbl_rec *rows;
	return t->rows(&c, p, &rows);
}

void files_list(struct site_files *out, const struct site *s, struct arena *a)
{
	size_t cap = tbl_ndefs + 8 + s->nplans * (sizeof(plan_csvs) / sizeof(plan_csvs[0]) + 2);
	struct site_file *v = arena_alloc(a, cap * sizeof(*v));
	size_t n = 0;
	struct arena *scratch = arena_new();

	v[n++] = (struct site_file){ .fmt = FF_FEED, .path = "changes.xml" };
	v[n++] = (struct site_file){ .fmt = FF_ROBOTS, .path = "robots.txt" };
	if (s->base_url)
		v[n++] = (struct site_file){ .fmt = FF_SITEMAP, .path = "sitemap.xml" };
	for (size_t t = 0; t < tbl_ndefs; t++)
		v[n++] = (struct site_file){ .fmt = FF_CSV, .table = &tbl_defs[t],
					     .path = arena_printf(a, FILES_DATA_DIR "%s.csv", tbl_defs[t].name) };
	v[n++] = (struct site_file){ .fmt = FF_JSON, .path = FILES_JSON };
	v[n++] = (struct site_file){ .fmt = FF_SCHEMA, .path = FILES_SCHEMA };
	v[n++] = (struct site_file){ .fmt = FF_DATAPKG, .path = FILES_DATAPKG };

	out->plan_first = arena_alloc(a, (s->nplans + 1) * sizeof(size_t));
	out->plan_count = arena_alloc(a, (s->nplans + 1) * sizeof(size_t));
	for (size_t i = 0; i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		out->plan_first[i] = n;
		v[n++] = (struct site_file){ .fmt = FF_JSON, .plan = p,
					     .path = arena_printf(a, "plans/%s/%s.json", p->slug, p->slug) };
		for (size_t k = 0; k < sizeof(plan_csvs) / sizeof(plan_csvs[0]); k++) {
			const struct tbl_def *t = tbl_find(plan_csvs[k]);
			if (t && count_rows(s, t, p, scratch))
				v[n++] = (struct site_file){ .fmt = FF_CSV, .table = t, .plan = p,
							     .path = arena_printf(a, "plans/%s/%s-%s.csv", p->slug,
										  p->slug, t->name) };
		}
		if (ical_count(p))
			v[n++] = (struct site_file){ .fmt = FF_ICS, .plan = p,
						     .path = arena_printf(a, "plans/%s/schedule.ics", p->slug) };
		out->plan_count[i] = n - out->plan_first[i];
	}
	arena_free(scratch);
	out->v = v;
	out->n = n;
}

void files_render(struct buf *out, const struct files_ctx *fc, struct site_file *f, struct arena *a)
{
	const struct site *s = fc->site;
	struct tbl_ctx c = { s, fc->strings, a, s->has_history ? s->commit : NULL, s->built, s->built_time };
	if (f->plan) {
		const struct file_prov *pp = fc->plans ? &fc->plans[f->plan - s->plans] : NULL;
		c.commit = pp ? pp->commit : NULL;
		c.commit_day = pp && pp->commit ? pp->day : 0;
		c.commit_time = pp && pp->commit ? pp->time : 0;
	}
	const char *schema;
	switch (f->fmt) {
	case FF_CSV:
		f->rows = csv_table(out, &c, f->table, f->plan);
		break;
	case FF_JSON:
		schema = f->plan ? "../../" FILES_SCHEMA : "gongkai.schema.json";
		if (fc->site->base_url)
			schema = tbl_url(&c, "%s", FILES_SCHEMA);
		f->rows = json_tables(out, &c, f->plan, schema);
		break;
	case FF_SCHEMA:
		json_schema(out);
		break;
	case FF_DATAPKG:
		datapkg_write(out, &c, f->plan);
		break;
	case FF_ICS:
		f->rows = ical_schedule(out, &c, f->plan, &f->skipped);
		break;
	case FF_FEED:
		atom_feed(out, fc->site, fc->strings);
		f->rows = fc->site->nlog < ATOM_MAX_ENTRIES ? fc->site->nlog : ATOM_MAX_ENTRIES;
		break;
	case FF_SITEMAP:
		f->rows = sitemap_xml(out, fc->site, fc->pages, fc->npages);
		break;
	case FF_ROBOTS:
		sitemap_robots(out, fc->site);
		break;
	}
	f->bytes = out->len;
}

const struct site_file *files_of_plan(const struct site_files *f, const struct site *s, const struct plan *p,
				      enum file_fmt fmt, const char *table)
{
	if (!f)
		return NULL;
	size_t i = (size_t)(p - s->plans);
	for (size_t k = f->plan_first[i]; k < f->plan_first[i] + f->plan_count[i]; k++)
		if (f->v[k].fmt == fmt && (!table || (f->v[k].table && strcmp(f->v[k].table->name, table) == 0)))
			return &f->v[k];
	return NULL;
}
