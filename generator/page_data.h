/* page_data: the pages about finding things and taking the data away —
 * 数据下载 (every data file with its size, rows and columns) and 搜索. */
#ifndef GONGKAI_PAGE_DATA_H
#define GONGKAI_PAGE_DATA_H

#include "page.h"

void build_data(struct page_view *pv);
void build_search(struct page_view *pv);

#endif
