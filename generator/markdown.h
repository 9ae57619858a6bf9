/* markdown: Markdown (GitHub Flavored: tables, strikethrough, autolinks)
 * to HTML, on cmark-gfm, with two rules of our own:
 *
 * - Raw HTML is not interpreted: it is shown as the text that was typed
 *   (and reported as a warning), so content is never silently dropped.
 * - A soft line break next to a Chinese character is removed instead of
 *   becoming a space: Chinese has no spaces between words, and staff
 *   wrap long lines anywhere.
 *
 * Tables are wrapped in <div class="table-wrap"> so that wide tables
 * scroll on a phone instead of breaking the page. */
#ifndef GONGKAI_MARKDOWN_H
#define GONGKAI_MARKDOWN_H

#include <stddef.h>

struct buf;
struct diag;

/* Tables: cmark-gfm 0.29 takes time quadratic in a table's width and fills
 * every short row up to the header's width, so a table is limited in
 * columns and in cells (columns times rows); a text past either is
 * reported and not rendered. */
#define MD_MAX_TABLE_COLS 128
#define MD_MAX_TABLE_CELLS 100000
/* The longest Markdown text rendered (4 MiB): cmark-gfm allocates a node
 * for each bracket, emphasis mark and link, about 4 µs a byte at worst. */
#define MD_MAX_SIZE ((size_t)4 << 20)

/* Register cmark-gfm's extensions. Call once before any thread renders. */
void md_init(void);

/* Render text (len bytes) to HTML, appended to out. path and line0 (lines of
 * the file before text) place the warnings. Headings are moved down
 * shift levels (a plan's "## 一、" sits under the page's "原文" h2, so it
 * becomes an h3), never below h6. Returns 0. */
int md_render(struct buf *out, const char *text, size_t len, const char *path,
	      unsigned line0, int shift, struct diag *d);

#endif
