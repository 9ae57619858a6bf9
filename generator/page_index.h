/* page_index: the pages that gather plans together. */
#ifndef GONGKAI_PAGE_INDEX_H
#define GONGKAI_PAGE_INDEX_H

#include "page.h"

/* The home page sums up: each year's newest plans and how many there are,
 * the first of the overdue and due items. The lists that grow with the
 * site are split into pages (page.h, struct slice). */
#define HOME_PLANS 12  /* plans of each year on the home page */
#define HOME_DUE 20    /* overdue, and due soon, items on the home page */

/* Is plan p about region r (or a region under it)? */
int plan_in_region(const struct plan *p, const struct region *r);

void build_home(struct page_view *pv);
void build_year(struct page_view *pv, int year, const struct slice *sl);
void build_region(struct page_view *pv, const struct region *r, const struct slice *sl);
void build_regions(struct page_view *pv);
void build_unit(struct page_view *pv, const struct unit *u, const struct slice *sl);
void build_units(struct page_view *pv);
void build_method(struct page_view *pv);
void build_changes(struct page_view *pv, const struct slice *sl);

#endif
