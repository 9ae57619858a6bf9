/* escape: text made safe for the grammar it is written into.
 *
 * Content is checked when it is read (text.h), but not everything that
 * reaches an output is content: commit messages, file names and layout
 * strings come from elsewhere. So every escaper also drops what its
 * grammar forbids: bytes that are not UTF-8, control characters, and
 * noncharacters become U+FFFD (the replacement character), so that a page
 * or feed is well-formed whatever it is given. */
#ifndef GONGKAI_ESCAPE_H
#define GONGKAI_ESCAPE_H

#include <stddef.h>

struct buf;

/* HTML text and quoted attribute values, and XML (the same rules): & < > "
 * ' as references; tab, line feed and carriage return kept. */
void esc_html(struct buf *b, const char *s, size_t n);
void esc_htmls(struct buf *b, const char *s);
#define esc_xml esc_html
#define esc_xmls esc_htmls

/* The inside of a JSON string: " \ and control characters escaped, and
 * < > & U+2028 U+2029 as \u escapes too, so that the JSON can also sit in
 * an HTML <script> element or be read as JavaScript. */
void esc_json(struct buf *b, const char *s, size_t n);

/* 1 if code point cp may appear in XML 1.0 and HTML text. */
int esc_allowed(unsigned cp);

#endif
