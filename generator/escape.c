/* escape: text into XML, JSON and CSV, by each format's grammar. */
#include "escape.h"
#include "buf.h"
#include "utf8.h"

#include <string.h>

size_t esc_next(const char *s, size_t n, unsigned *cp)
{
	size_t k = utf8_decode(s, n, cp);
	if ((*cp >= 0xD800 && *cp <= 0xDFFF) || *cp > 0x10FFFF) {
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

void esc_put_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	buf_put(b, u, n);
}

/* ---- XML ------------------------------------------------------------------- */

void esc_xml(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = esc_next(s + i, n - i, &cp);
		switch (cp) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default:
			if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
				break; /* not allowed anywhere in XML 1.0 */
			if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
				esc_put_utf8(b, cp);
			else
				buf_put(b, s + i, k);
		}
		i += k;
	}
}

void esc_xmls(struct buf *b, const char *s)
{
	if (s)
		esc_xml(b, s, strlen(s));
}

/* ---- JSON ------------------------------------------------------------------ */

void esc_json(struct buf *b, const char *s, size_t n)
{
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = esc_next(s + i, n - i, &cp);
		switch (cp) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '/': /* "</script>" must not end a script the text is pasted into */
			buf_puts(b, i > 0 && s[i - 1] == '<' ? "\\/" : "/");
			break;
		default:
			if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029)
				buf_printf(b, "\\u%04x", cp);
			else if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
				esc_put_utf8(b, cp);
			else
				buf_put(b, s + i, k);
		}
		i += k;
	}
	buf_putc(b, '"');
}

void esc_jsons(struct buf *b, const char *s)
{
	esc_json(b, s, s ? strlen(s) : 0);
}

/* ---- CSV ------------------------------------------------------------------- */

int esc_csv_risky(const char *s)
{
	static const char *const fullwidth[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0" };
	if (!s || !*s)
		return 0;
	if (strchr("=+-@\t\r", *s))
		return 1;
	for (size_t i = 0; i < 4; i++) /* ＝ ＋ － ＠: some spreadsheets fold them */
		if (strncmp(s, fullwidth[i], 3) == 0)
			return 1;
	return 0;
}

void esc_csv(struct buf *b, const char *s, int guard)
{
	if (!s)
		return;
	size_t n = strlen(s);
	int prefix = guard && esc_csv_risky(s);
	int quote = prefix || (n && s[0] == ' ') || (n && s[n - 1] == ' ') || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (prefix)
		buf_putc(b, '\'');
	size_t i = 0;
	while (i < n) {
		unsigned cp;
		size_t k = esc_next(s + i, n - i, &cp);
		if (cp == '"')
			buf_puts(b, "\"\"");
		else if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') || cp == 0x7F)
			; /* control characters: no place in a CSV cell (RFC 4180) */
		else if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			esc_put_utf8(b, cp);
		else
			buf_put(b, s + i, k);
		i += k;
	}
	if (quote)
		buf_putc(b, '"');
}
