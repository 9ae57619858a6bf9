#include "markdown.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

static const char *const extension_names[] = { "table", "strikethrough", "autolink" };

void md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static int is_inline_container(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
		return 1;
	default:
		/* strikethrough is an extension node with children */
		return cmark_node_first_child(n) != NULL &&
		       strcmp(cmark_node_get_type_string(n), "strikethrough") == 0;
	}
}

/* The code point next to a soft break on one side: the last character of
 * what precedes it (last = 1) or the first of what follows. 0 if none. */
static unsigned edge_char(cmark_node *n, int last)
{
	while (n) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE) {
			const char *s = cmark_node_get_literal(n);
			size_t len = s ? strlen(s) : 0;
			if (len == 0)
				return 0;
			if (last)
				return utf8_last(s, len);
			unsigned cp;
			utf8_decode(s, len, &cp);
			return cp;
		}
		if (!is_inline_container(n))
			return 0;
		n = last ? cmark_node_last_child(n) : cmark_node_first_child(n);
	}
	return 0;
}

/* Column in characters of a byte column on a line of text. */
static unsigned char_col(const char *text, size_t len, int line, int bytecol)
{
	size_t i = 0;
	for (int l = 1; l < line && i < len; i++)
		if (text[i] == '\n')
			l++;
	size_t end = i + (size_t)(bytecol > 0 ? bytecol - 1 : 0);
	if (end > len)
		end = len;
	return (unsigned)utf8_count(text + i, end - i) + 1;
}

int md_render(struct buf *out, const char *text, size_t len, const char *path,
	      unsigned line0, int shift, struct diag *d)
{
	/* No CMARK_OPT_VALIDATE_UTF8: files are checked for UTF-8 when read. */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof(extension_names) / sizeof(extension_names[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(p, ext);
	}
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);

	/* Collect first, change after: the iterator must not see a changing tree. */
	cmark_node **change = NULL;
	size_t nchange = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_HEADING && shift) {
			int level = cmark_node_get_heading_level(n) + shift;
			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			continue;
		}
		int flen = 0, foff = 0;
		char fch = 0;
		if (t == CMARK_NODE_CODE_BLOCK && !cmark_node_get_fenced(n, &flen, &foff, &fch)) {
			/* Text pasted from a word processor is often indented with
			 * spaces; four of them make a paragraph a code block. */
			int line = cmark_node_get_start_line(n);
			diag_add(d, DIAG_WARNING, path, line0 + (unsigned)line, 1,
				 "删掉行首的空格，段落之间空一行即可；首行缩进由网站自动排版",
				 "这一段行首缩进了 4 个或更多空格，会显示成等宽的代码块");
			continue;
		}
		if (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_HTML_INLINE &&
		    t != CMARK_NODE_HTML_BLOCK)
			continue;
		if (nchange == cap) {
			cap = cap ? cap * 2 : 32;
			change = xrealloc(change, cap * sizeof(*change));
		}
		change[nchange++] = n;
	}
	cmark_iter_free(it);

	for (size_t i = 0; i < nchange; i++) {
		cmark_node *n = change[i];
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_SOFTBREAK) {
			unsigned before = edge_char(cmark_node_previous(n), 1);
			unsigned after = edge_char(cmark_node_next(n), 0);
			if (utf8_is_cjk(before) || utf8_is_cjk(after)) {
				cmark_node_unlink(n);
				cmark_node_free(n);
			}
			continue;
		}
		/* Raw HTML: keep what was typed, as text. */
		const char *lit = cmark_node_get_literal(n);
		int line = cmark_node_get_start_line(n);
		int col = cmark_node_get_start_column(n);
		diag_add(d, DIAG_WARNING, path, line0 + (unsigned)line,
			 char_col(text, len, line, col),
			 "如需表格、加粗、链接，请用 Markdown 写法",
			 "正文中的 HTML 标签不会生效，将按原文显示");
		cmark_node *repl;
		if (t == CMARK_NODE_HTML_BLOCK) {
			repl = cmark_node_new(CMARK_NODE_CODE_BLOCK);
		} else {
			repl = cmark_node_new(CMARK_NODE_TEXT);
		}
		cmark_node_set_literal(repl, lit ? lit : "");
		cmark_node_insert_before(n, repl);
		cmark_node_unlink(n);
		cmark_node_free(n);
	}
	free(change);

	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT,
				       cmark_parser_get_syntax_extensions(p));
	/* Wrap tables so that they scroll sideways on a narrow screen. Raw
	 * HTML is off, so every "<table>" here came from a Markdown table. */
	const char *s = html;
	const char *open;
	while ((open = strstr(s, "<table>")) != NULL) {
		buf_put(out, s, (size_t)(open - s));
		buf_puts(out, "<div class=\"table-wrap\"><table>");
		s = open + 7;
		const char *close = strstr(s, "</table>");
		if (!close)
			break;
		buf_put(out, s, (size_t)(close - s));
		buf_puts(out, "</table></div>");
		s = close + 8;
	}
	buf_puts(out, s);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return 0;
}
