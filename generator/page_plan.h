/* page_plan: the pages of one plan. */
#ifndef GONGKAI_PAGE_PLAN_H
#define GONGKAI_PAGE_PLAN_H

#include "page.h"

void build_plan(struct page_view *pv, const struct plan *p);
void build_schedule_page(struct page_view *pv, const struct plan *p);
void build_indicator_page(struct page_view *pv, const struct plan *p, const struct indicator *ind);

#endif
