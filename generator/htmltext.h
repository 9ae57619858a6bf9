/* htmltext: the text a reader sees in a piece of HTML that gongkai wrote
 * (a plan's rendered Markdown, a free page), for the search index.
 *
 * Tags are dropped; the end or start of a block element (p, li, td, h1 …)
 * counts as a space, inline elements (a, strong, code …) as nothing, as a
 * browser lays them out; character references are decoded. */
#ifndef GONGKAI_HTMLTEXT_H
#define GONGKAI_HTMLTEXT_H

#include <stddef.h>

struct buf;

void html_text(struct buf *out, const char *html, size_t n);

#endif
