#include "utf8.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_decode(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	size_t len;
	unsigned min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) { /* ASCII: the common case */
			i++;
			continue;
		}
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1 && (unsigned char)s[i] >= 0x80)
			return 0;
		i += k;
	}
	return 1;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

unsigned utf8_last(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	size_t i = n - 1;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	unsigned cp;
	utf8_decode(s + i, n - i, &cp);
	return cp;
}

int utf8_is_cjk(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||   /* radicals .. unified ideographs, incl. 、。「」 */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul syllables */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
	       (cp >= 0xFE30 && cp <= 0xFE4F) ||   /* CJK compatibility forms */
	       (cp >= 0xFF00 && cp <= 0xFFEF) ||   /* full-width forms: ，（）：； */
	       (cp >= 0x20000 && cp <= 0x3FFFF) || /* extension planes */
	       cp == 0x2014 || cp == 0x2026 ||      /* —— …… */
	       (cp >= 0x2018 && cp <= 0x201D);      /* ‘ ’ “ ” */
}

static unsigned *decode_all(const char *s, size_t *n)
{
	size_t len = strlen(s), k = 0;
	unsigned *v = xmalloc((len + 1) * sizeof(*v));
	for (size_t i = 0; i < len;)
		i += utf8_decode(s + i, len - i, &v[k++]);
	*n = k;
	return v;
}

size_t utf8_distance_max(const char *a, const char *b, size_t max)
{
	if (strlen(a) > UTF8_DISTANCE_MAX || strlen(b) > UTF8_DISTANCE_MAX)
		return (size_t)-1;
	size_t na, nb;
	unsigned *x = decode_all(a, &na), *y = decode_all(b, &nb);
	size_t far = max + 1, d;
	if ((na > nb ? na - nb : nb - na) > max) {
		free(x);
		free(y);
		return far;
	}
	/* One row of the table; cells further than max from the diagonal
	 * are never below max + 1, so they are not computed. */
	size_t *row = xmalloc((nb + 1) * sizeof(*row));
	for (size_t j = 0; j <= nb; j++)
		row[j] = j <= max ? j : far;
	for (size_t i = 1; i <= na; i++) {
		size_t lo = i > max ? i - max : 1, hi = i + max < nb ? i + max : nb;
		size_t diag = row[lo - 1], best_row = far;
		row[lo - 1] = lo == 1 ? (i <= max ? i : far) : far;
		if (lo == 1)
			best_row = row[0];
		for (size_t j = lo; j <= hi; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (best > far)
				best = far;
			row[j] = best;
			diag = up;
			if (best < best_row)
				best_row = best;
		}
		if (hi < nb)
			row[hi + 1] = far;
		if (best_row >= far) {
			free(row);
			free(x);
			free(y);
			return far;
		}
	}
	d = row[nb] > far ? far : row[nb];
	free(row);
	free(x);
	free(y);
	return d;
}

size_t utf8_distance(const char *a, const char *b)
{
	return utf8_distance_max(a, b, UTF8_DISTANCE_MAX);
}
