/* page_index: the pages that gather plans together. */
#ifndef GONGKAI_PAGE_INDEX_H
#define GONGKAI_PAGE_INDEX_H

#include "page.h"

void build_home(struct page_view *pv);
void build_year(struct page_view *pv, int year);
void build_region(struct page_view *pv, const struct region *r);
void build_regions(struct page_view *pv);
void build_unit(struct page_view *pv, const struct unit *u);
void build_units(struct page_view *pv);
void build_method(struct page_view *pv);
void build_changes(struct page_view *pv);

#endif
