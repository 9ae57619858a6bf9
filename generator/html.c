/* html: the list of HTML pages, the parts every page shares, and dispatch
 * to the page builders (page_plan.c, page_index.c, page_data.c). */
#include "html.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "deps.h"
#include "diag.h"
#include "fields.h"
#include "files.h"
#include "page.h"
#include "page_data.h"
#include "page_index.h"
#include "page_parts.h"
#include "page_plan.h"
#include "template.h"
#include "utf8.h"
#include "value.h"
#include "view.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The path part of a URL: "https://x.gov.cn/xiezuo/" gives "/xiezuo/". */
static const char *url_path(const char *url)
{
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : url;
	return p ? p : "/";
}

/* The parts every page has: site, nav, strings, root, and the commit that
 * last changed what the page shows (dp). */
static struct page_view page_begin(const struct html_ctx *ctx, struct arena *a, const char *path,
				   enum html_kind current, const struct deps *dp, struct diag *d)
{
	struct page_view pv = { .ctx = ctx, .a = a, .v = val_map(a), .d = d };
	const struct site *s = ctx->site;
	pv.root = view_root(a, path);
	if (current == HTML_404) /* shown at any missing address: no relative links */
		pv.root = s->base_url ? url_path(s->base_url) : "/";
	struct val *site = val_map(a);
	set(&pv, site, "title", s->title);
	set(&pv, site, "description", s->description);
	set(&pv, site, "footer", s->footer);
	set(&pv, site, "repository", s->repository);
	set(&pv, site, "base_url", s->base_url);
	val_set(a, pv.v, "site", site);
	set(&pv, pv.v, "root", pv.root);
	set(&pv, pv.v, "lang", s->language);
	/* The page's address, for the foot of every printed page: under the
	 * base URL when there is one, else from the site's root. */
	{
		size_t n = strlen(path);
		if (n >= 10 && strcmp(path + n - 10, "index.html") == 0)
			n -= 10;
		const char *base = s->base_url ? s->base_url : "/";
		size_t bn = strlen(base);
		set(&pv, pv.v, "address", arena_printf(a, "%.*s/%.*s", (int)(bn && base[bn - 1] == '/' ? bn - 1 : bn), base, (int)n, path));
	}
	val_set(a, pv.v, "t", (struct val *)ctx->strings);
	val_set(a, site, "identity", identity_view(&pv));
	if (s->has_history) {
		struct val *b = val_map(a);
		const char *commit = deps_commit(dp->c, dp->seq);
		set(&pv, b, "commit", commit);
		set(&pv, b, "short", commit ? arena_printf(a, "%.12s", commit) : NULL);
		set_bool(&pv, b, "dirty", dp->dirty);
		val_set(a, pv.v, "source", b);
	} else {
		set(&pv, pv.v, "source", NULL);
	}

	struct val *nav = val_list(a);
	struct {
		const char *key, *path;
		enum html_kind kind;
	} items[] = {
		{ "home", "", HTML_HOME },
		{ "units", "units/", HTML_UNITS },
		{ "regions", "regions/", HTML_REGIONS },
		{ "changes", "changes/", HTML_CHANGES },
		{ "data", "data/", HTML_DATA },
		{ "search", "search/", HTML_SEARCH },
		{ "method", "method/", HTML_METHOD },
	};
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		struct val *it = val_map(a);
		set(&pv, it, "label", T(&pv, items[i].key));
		set(&pv, it, "href", page_url(&pv, "%s", items[i].path));
		set_bool(&pv, it, "current", items[i].kind == current);
		val_push(a, nav, it);
	}
	for (size_t i = 0; i < s->npages; i++) {
		struct val *it = val_map(a);
		set(&pv, it, "label", s->pages[i].title);
		set(&pv, it, "href", page_url(&pv, "%s/", s->pages[i].slug));
		set_bool(&pv, it, "current", 0);
		val_push(a, nav, it);
	}
	val_set(a, pv.v, "nav", nav);
	return pv;
}

/* Distinct years of the plans, newest first (plans are sorted so). */
static size_t plan_years(const struct site *s, int *years)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nplans; i++)
		if (n == 0 || years[n - 1] != s->plans[i].year)
			years[n++] = s->plans[i].year;
	return n;
}

/* The pages of a list of total items, from v[*k] on: slices of LIST_PAGE
 * (one empty page for an empty list). */
static void add_list(struct html_page *v, size_t *k, struct arena *a, struct html_page pg, size_t first,
		     size_t total, const size_t *items, const char *base)
{
	size_t npages = total ? (total + LIST_PAGE - 1) / LIST_PAGE : 1;
	for (size_t p = 0; p < npages; p++) {
		pg.sl = (struct slice){ first + p * LIST_PAGE, 0, p, npages, items, total, base };
		pg.sl.count = total - p * LIST_PAGE < LIST_PAGE ? total - p * LIST_PAGE : LIST_PAGE;
		pg.path = p ? arena_printf(a, "%spage/%zu/index.html", base, p + 1)
			    : arena_printf(a, "%sindex.html", base);
		v[(*k)++] = pg;
	}
}

/* Pages a list of n items takes. */
static size_t pages_of(size_t n)
{
	return n ? (n + LIST_PAGE - 1) / LIST_PAGE : 1;
}

size_t html_pages(struct html_page **out, const struct site *s, struct arena *a)
{
	int *years = arena_alloc(a, (s->nplans + 1) * sizeof(*years));
	size_t nyears = plan_years(s, years);
	/* The plans of each region (a region's list is not a run of s->plans). */
	size_t **in_region = arena_alloc(a, (s->nregions + 1) * sizeof(*in_region));
	size_t *nin = arena_alloc(a, (s->nregions + 1) * sizeof(*nin));
	size_t n = 8 + s->npages + pages_of(s->nlog);
	for (size_t r = 0; r < s->nregions; r++) {
		in_region[r] = arena_alloc(a, (s->nplans + 1) * sizeof(**in_region));
		for (size_t i = 0; i < s->nplans; i++)
			if (plan_in_region(&s->plans[i], &s->regions[r]))
				in_region[r][nin[r]++] = i;
		n += pages_of(nin[r]);
	}
	for (size_t i = 0; i < s->nunits; i++)
		n += pages_of(s->units[i].nuses);
	for (size_t i = 0; i < s->nplans; i++)
		n += 3 + s->plans[i].nall_indicators;
	n += s->nplans; /* at most one more page per year than plans */
	struct html_page *v = xcalloc(n, sizeof(*v));
	size_t k = 0;

	v[k++] = (struct html_page){ HTML_HOME, 0, 0, "index.html", { 0 } };
	v[k++] = (struct html_page){ HTML_UNITS, 0, 0, "units/index.html", { 0 } };
	v[k++] = (struct html_page){ HTML_REGIONS, 0, 0, "regions/index.html", { 0 } };
	v[k++] = (struct html_page){ HTML_METHOD, 0, 0, "method/index.html", { 0 } };
	add_list(v, &k, a, (struct html_page){ .kind = HTML_CHANGES }, 0, s->nlog, NULL, "changes/");
	v[k++] = (struct html_page){ HTML_DATA, 0, 0, "data/index.html", { 0 } };
	v[k++] = (struct html_page){ HTML_SEARCH, 0, 0, "search/index.html", { 0 } };
	v[k++] = (struct html_page){ HTML_404, 0, 0, "404.html", { 0 } };
	for (size_t i = 0, first = 0; i < nyears; i++) {
		size_t count = 0;
		while (first + count < s->nplans && s->plans[first + count].year == years[i])
			count++;
		add_list(v, &k, a, (struct html_page){ .kind = HTML_YEAR, .index = (size_t)years[i] }, first, count,
			 NULL, arena_printf(a, "years/%d/", years[i]));
		first += count;
	}
	for (size_t i = 0; i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		v[k++] = (struct html_page){ HTML_PLAN, i, 0, arena_printf(a, "plans/%s/index.html", p->slug), { 0 } };
		if (p->nrows)
			v[k++] = (struct html_page){ HTML_SCHEDULE, i, 0,
						     arena_printf(a, "plans/%s/schedule/index.html", p->slug), { 0 } };
		for (size_t j = 0; j < p->nall_indicators; j++)
			v[k++] = (struct html_page){ HTML_INDICATOR, i, j,
						     arena_printf(a, "plans/%s/indicators/%s/index.html", p->slug,
								  p->all_indicators[j]->id), { 0 } };
	}
	for (size_t i = 0; i < s->nunits; i++)
		add_list(v, &k, a, (struct html_page){ .kind = HTML_UNIT, .index = i }, 0, s->units[i].nuses, NULL,
			 arena_printf(a, "units/%s/", s->units[i].id));
	for (size_t i = 0; i < s->nregions; i++)
		add_list(v, &k, a, (struct html_page){ .kind = HTML_REGION, .index = i }, 0, nin[i], in_region[i],
			 arena_printf(a, "regions/%s/", s->regions[i].id));
	for (size_t i = 0; i < s->npages; i++)
		v[k++] = (struct html_page){ HTML_PAGE, i, 0, arena_printf(a, "%s/index.html", s->pages[i].slug), { 0 } };
	*out = v;
	return k;
}

/* The template of each kind of page. */
static const char *const layout_of[] = {
	[HTML_HOME] = "home", [HTML_PLAN] = "plan", [HTML_SCHEDULE] = "schedule",
	[HTML_INDICATOR] = "indicator", [HTML_UNIT] = "unit", [HTML_UNITS] = "units",
	[HTML_REGION] = "region", [HTML_REGIONS] = "regions", [HTML_YEAR] = "year",
	[HTML_METHOD] = "method", [HTML_CHANGES] = "changes", [HTML_PAGE] = "page",
	[HTML_DATA] = "data", [HTML_SEARCH] = "search", [HTML_404] = "404",
};

int html_in_sitemap(const struct html_page *pg)
{
	return pg->kind != HTML_404 && pg->kind != HTML_SEARCH;
}

const struct plan *html_page_plan(const struct site *s, const struct html_page *pg)
{
	if (pg->kind == HTML_PLAN || pg->kind == HTML_SCHEDULE || pg->kind == HTML_INDICATOR)
		return &s->plans[pg->index];
	return NULL;
}

/* The name, size and row count of files from..to of the data files: what
 * the data page and a plan page show of them. */
static void deps_data_files(struct deps *dp, const struct site_files *fs, size_t from, size_t to)
{
	for (size_t i = from; fs && i < to; i++) {
		deps_str(dp, fs->v[i].path);
		deps_int(dp, (long long)fs->v[i].bytes);
		deps_int(dp, (long long)fs->v[i].rows);
	}
}

void html_deps(struct deps *dp, const struct html_ctx *ctx, const struct html_page *pg)
{
	const struct site *s = ctx->site;
	deps_site(dp);
	deps_layout(dp, layout_of[pg->kind]);
	switch (pg->kind) {
	case HTML_PLAN:
	case HTML_SCHEDULE:
	case HTML_INDICATOR:
		deps_plan(dp, &s->plans[pg->index]);
		if (ctx->files) /* its files, with their sizes (plan_head) */
			deps_data_files(dp, ctx->files, ctx->files->plan_first[pg->index],
					ctx->files->plan_first[pg->index] + ctx->files->plan_count[pg->index]);
		break;
	case HTML_UNIT: {
		/* its slice of what the unit is responsible for */
		const struct unit *u = &s->units[pg->index];
		const struct plan *last = NULL;
		deps_int(dp, (long long)pg->sl.total);
		for (size_t i = pg->sl.from; i < pg->sl.from + pg->sl.count; i++) {
			deps_str(dp, u->uses[i].task ? u->uses[i].task->id : u->uses[i].row->id);
			if (u->uses[i].plan != last) {
				last = u->uses[i].plan;
				deps_str(dp, last->slug);
				deps_plan(dp, last);
			}
		}
		break;
	}
	case HTML_YEAR:
	case HTML_REGION:
		deps_int(dp, (long long)pg->sl.total);
		for (size_t i = pg->sl.from; i < pg->sl.from + pg->sl.count; i++) {
			const struct plan *p = &s->plans[pg->sl.items ? pg->sl.items[i] : i];
			deps_str(dp, p->slug);
			deps_plan(dp, p);
		}
		if (pg->kind == HTML_REGION && pg->sl.pageno == 0)
			for (size_t i = 0; i < s->nunits; i++)
				deps_int(dp, (long long)s->units[i].nuses); /* the units' counts */
		break;
	case HTML_HOME:
	case HTML_UNITS:
	case HTML_SEARCH: /* the years it links */
		deps_all_plans(dp);
		break;
	case HTML_DATA: /* every plan's title and year, every file */
		deps_all_plans(dp);
		if (ctx->files)
			deps_data_files(dp, ctx->files, 0, ctx->files->n);
		break;
	case HTML_CHANGES:
		deps_int(dp, (long long)pg->sl.total);
		for (size_t i = pg->sl.from; i < pg->sl.from + pg->sl.count; i++) {
			const struct change *c = &s->log[i];
			deps_str(dp, c->commit);
			deps_int(dp, c->date);
			deps_str(dp, c->note);
			deps_str(dp, c->plan ? c->plan->slug : NULL);
			deps_str(dp, c->plan ? c->plan->title : NULL);
		}
		break;
	case HTML_PAGE:
		deps_files(dp, s->pages[pg->index].path);
		break;
	case HTML_METHOD:
		deps_str(dp, s->commit);
		deps_int(dp, s->dirty);
		break;
	case HTML_REGIONS:
	case HTML_404:
		break;
	}
}

int html_render(struct buf *out, const struct html_ctx *ctx, const struct html_page *pg,
		const struct deps *dp, struct arena *a, struct diag *d)
{
	const struct site *s = ctx->site;
	struct page_view pv = page_begin(ctx, a, pg->path, pg->kind, dp, d);
	switch (pg->kind) {
	case HTML_HOME:
		build_home(&pv);
		break;
	case HTML_PLAN:
		build_plan(&pv, &s->plans[pg->index]);
		break;
	case HTML_SCHEDULE:
		build_schedule_page(&pv, &s->plans[pg->index]);
		break;
	case HTML_INDICATOR:
		build_indicator_page(&pv, &s->plans[pg->index], s->plans[pg->index].all_indicators[pg->sub]);
		break;
	case HTML_UNIT:
		build_unit(&pv, &s->units[pg->index], &pg->sl);
		break;
	case HTML_UNITS:
		build_units(&pv);
		break;
	case HTML_REGION:
		build_region(&pv, &s->regions[pg->index], &pg->sl);
		break;
	case HTML_REGIONS:
		build_regions(&pv);
		break;
	case HTML_YEAR:
		build_year(&pv, (int)pg->index, &pg->sl);
		break;
	case HTML_METHOD:
		build_method(&pv);
		break;
	case HTML_CHANGES:
		build_changes(&pv, &pg->sl);
		break;
	case HTML_PAGE: {
		struct val *m = val_map(a);
		set(&pv, m, "title", s->pages[pg->index].title);
		set(&pv, m, "html", s->pages[pg->index].html);
		val_set(a, pv.v, "page", m);
		break;
	}
	case HTML_DATA:
		build_data(&pv);
		break;
	case HTML_SEARCH:
		build_search(&pv);
		break;
	case HTML_404:
		break;
	}
	if (pv.failed)
		return -1;
	set_bool(&pv, pv.v, "sample", pv.sample);
	return tpl_render(out, ctx->layouts, layout_of[pg->kind], &view_data, pv.v, TPL_STRICT, d);
}
