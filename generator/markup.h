/* markup: text made safe for HTML and XML.
 *
 * Content is checked when it is read (text.h), but not everything that
 * reaches a page or feed is content: commit messages, file names and layout
 * strings come from elsewhere. So the escaper also drops what the grammar
 * forbids: bytes that are not UTF-8, control characters (C0 but tab, line
 * feed, carriage return; DEL; C1) and noncharacters become U+FFFD (the
 * replacement character), so that a page or feed is well-formed whatever it
 * is given. */
#ifndef GONGKAI_MARKUP_H
#define GONGKAI_MARKUP_H

#include <stddef.h>

struct buf;

/* HTML text and quoted attribute values, and XML (the same rules): & < > "
 * ' as references; tab, line feed and carriage return kept. */
void markup_text(struct buf *b, const char *s, size_t n);
void markup_texts(struct buf *b, const char *s);

/* 1 if code point cp may appear in XML 1.0 and HTML text. */
int markup_allowed(unsigned cp);

#endif
