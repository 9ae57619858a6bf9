/* escape: writing text into the machine formats of the site.
 *
 * Content text can hold anything a YAML or Markdown file can: control
 * characters, invalid UTF-8 (loading reports it, but a build may go on),
 * characters a format's grammar forbids. Every machine output goes through
 * these functions, so each format's rules are kept in one place:
 * - invalid UTF-8 becomes U+FFFD everywhere;
 * - XML drops the characters XML 1.0 forbids (C0 controls other than tab,
 *   newline and carriage return, U+FFFE and U+FFFF);
 * - JSON escapes every control character, and U+2028, U+2029 and "</" so
 *   that the text stays safe even when pasted into a <script>;
 * - CSV quotes every cell that needs it (RFC 4180), drops control
 *   characters other than tab and line breaks, and disarms cells that a
 *   spreadsheet would run as a formula. */
#ifndef GONGKAI_ESCAPE_H
#define GONGKAI_ESCAPE_H

#include <stddef.h>

struct buf;

/* Text escaped for XML 1.0 content and attribute values. */
void esc_xml(struct buf *b, const char *s, size_t n);
void esc_xmls(struct buf *b, const char *s);

/* A JSON string, with its quotes; NULL gives null. */
void esc_json(struct buf *b, const char *s, size_t n);
void esc_jsons(struct buf *b, const char *s);

/* One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF
 * or starts or ends with a space. A text cell (guard 1) that starts with
 * = + - @, a tab or a carriage return (or their full-width forms) gets a
 * leading apostrophe, which spreadsheets show as text and never run; pass
 * guard 0 for numbers, which cannot be formulas. NULL is an empty cell. */
void esc_csv(struct buf *b, const char *s, int guard);
/* 1 if esc_csv with guard would prefix s. */
int esc_csv_risky(const char *s);

/* Decode one code point of s (n > 0 bytes); invalid bytes give U+FFFD
 * and take one byte. Surrogates and overlong forms count as invalid. */
size_t esc_next(const char *s, size_t n, unsigned *cp);
/* Append cp as UTF-8. */
void esc_put_utf8(struct buf *b, unsigned cp);

#endif
