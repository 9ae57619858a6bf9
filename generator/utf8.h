/* utf8: the few things gongkai needs to know about UTF-8 text. */
#ifndef GONGKAI_UTF8_H
#define GONGKAI_UTF8_H

#include <stddef.h>

/* Decode the code point at s (n > 0 bytes available) into *cp and return
 * the bytes it takes. An invalid byte decodes as U+FFFD and takes 1. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* Number of code points in s (n bytes): a column count. */
size_t utf8_count(const char *s, size_t n);
/* The last code point of s, or 0 for empty text. */
unsigned utf8_last(const char *s, size_t n);
/* Chinese, Japanese and Korean characters, their punctuation and full-width
 * forms, and the curly quotes and dashes Chinese text uses: characters
 * between which a line break is not a space. */
int utf8_is_cjk(unsigned cp);
/* Levenshtein distance counted in code points (for "did you mean").
 * Texts longer than UTF8_DISTANCE_MAX bytes are not compared: the distance
 * is then SIZE_MAX (no suggestion), so that suggestions stay cheap. */
#define UTF8_DISTANCE_MAX 256
size_t utf8_distance(const char *a, const char *b);
/* The same, when at most max: anything more is max + 1, found in time
 * proportional to max times the length. */
size_t utf8_distance_max(const char *a, const char *b, size_t max);
/* Nonzero if s is valid UTF-8. */
int utf8_valid(const char *s, size_t n);

#endif
