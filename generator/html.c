/* html: the list of HTML pages, the parts every page shares, and dispatch
 * to the page builders (page_plan.c, page_index.c, page_data.c). */
#include "html.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
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

/* The parts every page has: site, nav, strings, root. */
static struct page_view page_begin(const struct html_ctx *ctx, struct arena *a, const char *path,
				   enum html_kind current)
{
	struct page_view pv = { ctx, a, val_map(a), NULL, 0 };
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
		set(&pv, b, "commit", s->commit);
		set(&pv, b, "short", arena_printf(a, "%.12s", s->commit));
		set_bool(&pv, b, "dirty", s->dirty);
		val_set(a, pv.v, "build", b);
	} else {
		set(&pv, pv.v, "build", NULL);
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

size_t html_pages(struct html_page **out, const struct site *s, struct arena *a)
{
	size_t n = 9 + s->nunits + s->npages + s->nregions, k = 0;
	for (size_t i = 0; i < s->nplans; i++)
		n += 3 + s->plans[i].nall_indicators;
	struct html_page *v = xcalloc(n, sizeof(*v));
	int *years = arena_alloc(a, (s->nplans + 1) * sizeof(*years));
	size_t nyears = plan_years(s, years);

	v[k++] = (struct html_page){ HTML_HOME, 0, 0, "index.html" };
	v[k++] = (struct html_page){ HTML_UNITS, 0, 0, "units/index.html" };
	v[k++] = (struct html_page){ HTML_REGIONS, 0, 0, "regions/index.html" };
	v[k++] = (struct html_page){ HTML_METHOD, 0, 0, "method/index.html" };
	v[k++] = (struct html_page){ HTML_CHANGES, 0, 0, "changes/index.html" };
	v[k++] = (struct html_page){ HTML_DATA, 0, 0, "data/index.html" };
	v[k++] = (struct html_page){ HTML_SEARCH, 0, 0, "search/index.html" };
	v[k++] = (struct html_page){ HTML_404, 0, 0, "404.html" };
	for (size_t i = 0; i < nyears; i++)
		v[k++] = (struct html_page){ HTML_YEAR, (size_t)years[i], 0,
					     arena_printf(a, "years/%d/index.html", years[i]) };
	for (size_t i = 0; i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		v[k++] = (struct html_page){ HTML_PLAN, i, 0, arena_printf(a, "plans/%s/index.html", p->slug) };
		if (p->nrows)
			v[k++] = (struct html_page){ HTML_SCHEDULE, i, 0,
						     arena_printf(a, "plans/%s/schedule/index.html", p->slug) };
		for (size_t j = 0; j < p->nall_indicators; j++)
			v[k++] = (struct html_page){ HTML_INDICATOR, i, j,
						     arena_printf(a, "plans/%s/indicators/%s/index.html", p->slug,
								  p->all_indicators[j]->id) };
	}
	for (size_t i = 0; i < s->nunits; i++)
		v[k++] = (struct html_page){ HTML_UNIT, i, 0, arena_printf(a, "units/%s/index.html", s->units[i].id) };
	for (size_t i = 0; i < s->nregions; i++)
		v[k++] = (struct html_page){ HTML_REGION, i, 0,
					     arena_printf(a, "regions/%s/index.html", s->regions[i].id) };
	for (size_t i = 0; i < s->npages; i++)
		v[k++] = (struct html_page){ HTML_PAGE, i, 0, arena_printf(a, "%s/index.html", s->pages[i].slug) };
	*out = v;
	return k;
}

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
	case HTML_SCHEDULE:
		build_schedule_page(&pv, &s->plans[pg->index]);
		layout = "schedule";
		break;
	case HTML_INDICATOR:
		build_indicator_page(&pv, &s->plans[pg->index], s->plans[pg->index].all_indicators[pg->sub]);
		layout = "indicator";
		break;
	case HTML_UNIT:
		build_unit(&pv, &s->units[pg->index]);
		layout = "unit";
		break;
	case HTML_UNITS:
		build_units(&pv);
		layout = "units";
		break;
	case HTML_REGION:
		build_region(&pv, &s->regions[pg->index]);
		layout = "region";
		break;
	case HTML_REGIONS:
		build_regions(&pv);
		layout = "regions";
		break;
	case HTML_YEAR:
		build_year(&pv, (int)pg->index);
		layout = "year";
		break;
	case HTML_METHOD:
		build_method(&pv);
		layout = "method";
		break;
	case HTML_CHANGES:
		build_changes(&pv);
		layout = "changes";
		break;
	case HTML_PAGE: {
		struct val *m = val_map(a);
		set(&pv, m, "title", s->pages[pg->index].title);
		set(&pv, m, "html", s->pages[pg->index].html);
		val_set(a, pv.v, "page", m);
		layout = "page";
		break;
	}
	case HTML_DATA:
		build_data(&pv);
		layout = "data";
		break;
	case HTML_SEARCH:
		build_search(&pv);
		layout = "search";
		break;
	case HTML_404:
		layout = "404";
		break;
	}
	set_bool(&pv, pv.v, "sample", pv.sample);
	return tpl_render(out, ctx->layouts, layout, &view_data, pv.v, TPL_STRICT, d);
}
