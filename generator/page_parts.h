/* page_parts: views that several kinds of page show. */
#ifndef GONGKAI_PAGE_PARTS_H
#define GONGKAI_PAGE_PARTS_H

#include "page.h"

/* The site's identity for the footer of every page (主办单位, contact,
 * 网站标识码, the 备案 numbers, the 党政机关网站标识), or null if site.yaml
 * gives none of it. */
struct val *identity_view(struct page_view *pv);
struct val *standing_tags(struct page_view *pv, const struct standing *st, const struct progress *pr);
/* The single word that best says how an item stands, and its class: for
 * charts and short lists. */
void standing_word(struct page_view *pv, const struct standing *st, const char **text, const char **cls);
/* report_date, report_note, reason, has_report of a progress report. */
void report_view(struct page_view *pv, struct val *m, const struct progress *pr);
struct val *tally_view(struct page_view *pv, const struct tally *t);
struct val *attainment_view(struct page_view *pv, const struct plan *p, const struct attainment *at,
			    const struct figure *target);
/* A cell naming units, as written: segments covering its whole text, each
 * {text, name (bool), href, full_name}: the names linked to their units,
 * what lies between them (separators, role words) as plain text. */
struct val *unit_cell_view(struct page_view *pv, const struct unit_cell *c);
/* The unit fields of a task, one line per role that has any:
 * [{label: 牵头单位, cells: [{segments, last}]}]. */
struct val *unit_lines_view(struct page_view *pv, const struct unit_cell *cells, size_t n);
/* How a table cell is laid out: its rowspan (1: none), whether it heads
 * its rows (<th>), how its time was read, where it links to (may be
 * NULL). */
struct cell_place {
	long span;
	int head;
	const char *reading;
	const char *href;
};

/* One cell of a plan's table for a template: {text, units, href, cls,
 * reading, span, head}; units is unit_cell_view for unit columns, else
 * null. A blank time cell reads 未注明. */
struct val *table_cell_view(struct page_view *pv, const struct table_column *col,
			    const struct row_cell *cell, const struct row *r, const struct cell_place *at);
/* The text of a task's or row's units, for short lists: 区人社局、总工会 */
const char *units_text(struct page_view *pv, const struct unit_ref *u, size_t n);
/* A target as written, for a template; an inherited one (a part of a 各
 * target) shows the text it comes from. */
const char *target_text(const struct indicator *ind);
/* How a target is read ("≥540人"), or NULL for text, and for a plain
 * number unless always. */
const char *target_reading(struct page_view *pv, const struct target *t, const char *unit, int always);
/* Plan summary for lists (home, year, region pages). */
struct val *plan_card(struct page_view *pv, const struct plan *p);
/* The progress fields of a page that shows a plan's status: as_of, sample. */
void note_progress(struct page_view *pv, const struct plan *p);
/* A list of changes for a template (plan page, change log). */
struct val *changes_view(struct page_view *pv, const struct change *c, size_t n, int with_plan);

/* "12.3 KB": a file size as the data page and plan pages show it. */
const char *file_size(struct page_view *pv, size_t bytes);
/* A plan's own data files (files.h) for its pages: formats, links, sizes,
 * and its calendar. Sets data_files, has_data_files, ics_href, webcal_href
 * and unscheduled on m. */
void plan_files(struct page_view *pv, struct val *m, const struct plan *p);

#endif
