/* text: content and layout files as text, before any parser sees them.
 *
 * A text file must be UTF-8. A byte order mark at the start is dropped and
 * CRLF and lone CR line ends become LF, so that files saved by any editor
 * read alike and every line and column counted later is the one an editor
 * shows. Characters that no content file may hold are reported at their
 * line and column:
 *
 *   - bytes that are not UTF-8 (truncated, stray, overlong, surrogate,
 *     beyond U+10FFFF), and files in UTF-16;
 *   - NUL and the other control characters (C0 but tab and line feed, DEL,
 *     C1): invisible, and forbidden in XML;
 *   - the Unicode line and paragraph separators U+2028, U+2029, which YAML
 *     takes for line breaks and which break JavaScript strings;
 *   - the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *     U+2066–U+2069), which make text display other than it reads;
 *   - the noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
 *
 * Nothing is replaced: a file with such a character is not parsed, and the
 * diagnostic says where it is. */
#ifndef GONGKAI_TEXT_H
#define GONGKAI_TEXT_H

#include <stddef.h>

struct diag;

/* At most this many problems are listed per file; the rest are counted. */
#define TEXT_MAX_REPORTS 10

/* Prepare data (len bytes, NUL-terminated, modified in place; *len may
 * shrink) read from path. Returns 0, or -1 after reporting to d. */
int text_prepare(char *data, size_t *len, const char *path, struct diag *d);

/* What is wrong with code point cp in content text, in Chinese ("空字符
 * NUL"), or NULL if it may appear. Tab, line feed and carriage return may. */
const char *text_bad_char(unsigned cp);

/* What to do about it (a hint for the diagnostic). */
const char *text_bad_hint(unsigned cp);

/* The first code point of s (n bytes, valid UTF-8) that text_bad_char
 * rejects, as a byte offset, or n if there is none. */
size_t text_find_bad(const char *s, size_t n, unsigned *cp);

#endif
