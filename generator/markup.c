#include "markup.h"
#include "buf.h"
#include "utf8.h"

#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

int markup_allowed(unsigned cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return 0;
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return 0;
	return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* The code point at s[i] and its length; U+FFFD with length 1 for a byte
 * that is not UTF-8 (told apart by *bad). */
static size_t next(const char *s, size_t n, size_t i, unsigned *cp, int *bad)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		*bad = 0;
		return 1;
	}
	size_t k = utf8_decode(s + i, n - i, cp);
	*bad = *cp == 0xFFFD && k == 1;
	return k;
}

void markup_text(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;
		size_t k = 1;
		if (c >= 0x20 && c < 0x7F) {
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&#39;"; break;
			default: i++; continue;
			}
		} else {
			unsigned cp;
			int bad;
			k = next(s, n, i, &cp, &bad);
			if (!bad && markup_allowed(cp)) {
				i += k;
				continue;
			}
			rep = REPLACEMENT;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		i += k;
		start = i;
	}
	buf_put(b, s + start, n - start);
}

void markup_texts(struct buf *b, const char *s)
{
	markup_text(b, s, strlen(s));
}
