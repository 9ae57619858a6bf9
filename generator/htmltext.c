/* htmltext: visible text of generated HTML. */
#include "htmltext.h"
#include "buf.h"
#include "escape.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_block(const char *name, size_t n)
{
	static const char *const blocks[] = {
		"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
		"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
		"main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
		"thead", "tr", "ul",
	};
	for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strlen(blocks[i]) == n && strncasecmp(blocks[i], name, n) == 0)
			return 1;
	return 0;
}

/* A character reference at s ("&amp;", "&#24180;"): its length, or 0. */
static size_t entity(const char *s, size_t n, unsigned *cp)
{
	static const struct {
		const char *name;
		unsigned cp;
	} named[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
		      { "nbsp;", 0xA0 } };
	if (n > 2 && s[1] == '#') {
		size_t i = 2;
		int hex = s[2] == 'x' || s[2] == 'X';
		unsigned long v = 0;
		if (hex)
			i++;
		size_t start = i;
		for (; i < n && i < start + 8; i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0'
				: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
				: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				break;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (i == start || i >= n || s[i] != ';')
			return 0;
		*cp = v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (unsigned)v;
		return i + 1;
	}
	for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
		size_t len = strlen(named[k].name);
		if (n > len && strncmp(s + 1, named[k].name, len) == 0) {
			*cp = named[k].cp;
			return len + 1;
		}
	}
	return 0;
}

void html_text(struct buf *out, const char *html, size_t n)
{
	size_t i = 0;
	while (i < n) {
		char c = html[i];
		if (c == '<') {
			size_t j = i + 1;
			if (n - i >= 4 && strncmp(html + i, "<!--", 4) == 0) {
				const char *e = memmem(html + i + 4, n - i - 4, "-->", 3);
				i = e ? (size_t)(e - html) + 3 : n;
				continue;
			}
			if (j < n && html[j] == '/')
				j++;
			size_t name = j;
			while (j < n && ((html[j] >= 'a' && html[j] <= 'z') || (html[j] >= 'A' && html[j] <= 'Z') ||
					 (html[j] >= '0' && html[j] <= '9')))
				j++;
			if (j == name) { /* not a tag: a lone '<' */
				buf_putc(out, '<');
				i++;
				continue;
			}
			int block = is_block(html + name, j - name);
			/* to the end of the tag, past quoted attribute values */
			char q = 0;
			while (j < n && (q || html[j] != '>')) {
				if (q && html[j] == q)
					q = 0;
				else if (!q && (html[j] == '"' || html[j] == '\''))
					q = html[j];
				j++;
			}
			if (block)
				buf_putc(out, ' ');
			i = j < n ? j + 1 : n;
		} else if (c == '&') {
			unsigned cp;
			size_t k = entity(html + i, n - i, &cp);
			if (k) {
				esc_put_utf8(out, cp);
				i += k;
			} else {
				buf_putc(out, '&');
				i++;
			}
		} else {
			buf_putc(out, c);
			i++;
		}
	}
}
