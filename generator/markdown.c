#include "markdown.h"
#include "buf.h"
#include "diag.h"
#include "url.h"
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

/* Positions in the text: line starts, found once, and a cursor that moves
 * forward, so that turning byte columns into character columns is linear
 * in the text however many positions are asked for in order. */
struct posmap {
	const char *text;
	size_t len;
	size_t *lines;   /* byte offset of each line's start */
	size_t nlines;
	size_t line;     /* the cursor: 0-based line, */
	size_t byte;     /* a byte offset on it, */
	size_t chars;    /* and the characters before it on the line */
	unsigned searches; /* bounded searches for misplaced links, so far */
};

static void posmap_init(struct posmap *m, const char *text, size_t len)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	memset(m, 0, sizeof(*m));
	m->text = text;
	m->len = len;
	m->lines = xmalloc((n + 1) * sizeof(*m->lines));
	m->lines[m->nlines++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			m->lines[m->nlines++] = i + 1;
	m->lines[m->nlines] = len + 1;
}

/* Byte length of 1-based line l, without its line end; 0 beyond the text. */
static size_t line_bytes(const struct posmap *m, int l)
{
	if (l < 1 || (size_t)l > m->nlines)
		return 0;
	return m->lines[l] - 1 - m->lines[l - 1];
}

/* Column in characters of 1-based byte column bytecol on 1-based line. */
static unsigned char_col(struct posmap *m, int line, int bytecol)
{
	if (line < 1 || (size_t)line > m->nlines)
		return 0;
	size_t l = (size_t)line - 1, start = m->lines[l];
	size_t want = start + (size_t)(bytecol > 0 ? bytecol - 1 : 0);
	size_t end = start + line_bytes(m, line);
	if (want > end)
		want = end;
	if (m->line != l || m->byte > want || m->byte < start) {
		m->line = l;
		m->byte = start;
		m->chars = 0;
	}
	m->chars += utf8_count(m->text + m->byte, want - m->byte);
	m->byte = want;
	return (unsigned)m->chars + 1;
}

/* cmark-gfm 0.29 misplaces some inlines (an autolink on a continuation
 * line; a link in a paragraph that begins with a link reference
 * definition). A position is trusted when a link or image starts there;
 * else the destination as written is looked for in its paragraph (a few
 * times per document, each within 64 KB); else the paragraph's first line
 * is named. */
static void link_pos(struct posmap *m, cmark_node *n, const char *url, int *line, unsigned *col)
{
	int l = cmark_node_get_start_line(n), c = cmark_node_get_start_column(n);
	if (l > 0 && c > 0 && (size_t)c <= line_bytes(m, l)) {
		char ch = m->text[m->lines[l - 1] + (size_t)c - 1];
		if (ch == '[' || ch == '!' || ch == '<' || ch == 'h' || ch == 'w' || ch == 'm') {
			*line = l;
			*col = char_col(m, l, c);
			return;
		}
	}
	cmark_node *b = cmark_node_parent(n);
	while (b && cmark_node_get_start_line(b) <= 0)
		b = cmark_node_parent(b);
	int pl = b ? cmark_node_get_start_line(b) : 0, pe = b ? cmark_node_get_end_line(b) : 0;
	*line = pl > 0 ? pl : 0;
	*col = 0;
	if (pl <= 0 || m->searches >= 100 || !url[0])
		return;
	m->searches++;
	/* From the line cmark names, if it is in the paragraph; then from the
	 * paragraph's start. */
	size_t un = strlen(url);
	for (int pass = 0; pass < 2; pass++) {
		int first = pass == 0 && l >= pl && l <= pe ? l : pl;
		if (pass == 1 && first == l)
			continue;
		size_t from = m->lines[first - 1];
		size_t to = (size_t)pe < m->nlines ? m->lines[pe] : m->len;
		if (to > from + 65536)
			to = from + 65536;
		const char *hit = NULL;
		for (size_t i = from; !hit && i + un <= to; i++)
			if (memcmp(m->text + i, url, un) == 0)
				hit = m->text + i;
		if (!hit)
			continue;
		size_t at = (size_t)(hit - m->text), k = (size_t)first - 1;
		while (k + 1 < m->nlines && m->lines[k + 1] <= at)
			k++;
		*line = (int)k + 1;
		*col = char_col(m, *line, (int)(at - m->lines[k]) + 1);
		return;
	}
}

/* Is the line (n bytes) a table's delimiter row, as far as its characters
 * go ("|---|:--:|")? Its columns in *cols. */
static int delimiter_row(const char *s, size_t n, size_t *cols)
{
	int bar = 0, dash = 0, in_run = 0;
	*cols = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' || c == ':') {
			dash |= c == '-';
			if (!in_run)
				(*cols)++;
			in_run = 1;
		} else if (c == '|' || c == ' ' || c == '\t') {
			bar |= c == '|';
			if (c == '|')
				in_run = 0;
		} else {
			return 0;
		}
	}
	return bar && dash;
}

/* Check the tables of text against MD_MAX_TABLE_COLS and _CELLS, in one
 * pass, before cmark sees it. Returns 0, or -1 after reporting. */
static int tables_ok(const char *text, size_t len, const char *path, unsigned line0,
		     struct diag *d)
{
	unsigned line = 0;
	int fence = 0, ok = 0;
	for (size_t i = 0; i < len;) {
		const char *s = text + i;
		const char *nl = memchr(s, '\n', len - i);
		size_t n = nl ? (size_t)(nl - s) : len - i;
		size_t cols;
		line++;
		i += n + (nl ? 1 : 0);
		size_t k = 0;
		while (k < n && k < 3 && s[k] == ' ')
			k++;
		if (n - k >= 3 && (memcmp(s + k, "```", 3) == 0 || memcmp(s + k, "~~~", 3) == 0)) {
			fence = !fence;
			continue;
		}
		if (fence || !delimiter_row(s, n, &cols))
			continue;
		unsigned at = line;
		size_t rows = 0;
		while (i < len) { /* the body: lines up to a blank one */
			const char *r = text + i;
			const char *e = memchr(r, '\n', len - i);
			size_t rn = e ? (size_t)(e - r) : len - i;
			size_t b = 0;
			while (b < rn && (r[b] == ' ' || r[b] == '\t'))
				b++;
			if (b == rn)
				break;
			rows++;
			line++;
			i += rn + (e ? 1 : 0);
		}
		if (cols > MD_MAX_TABLE_COLS)
			diag_add(d, DIAG_ERROR, path, line0 + at, 1, "把表格拆成几个较窄的表格，或改用 YAML 文件",
				 "表格有 %zu 列，超过上限 %d 列", cols, MD_MAX_TABLE_COLS);
		else if (cols * (rows + 1) > MD_MAX_TABLE_CELLS)
			diag_add(d, DIAG_ERROR, path, line0 + at, 1, "把表格拆成几个表格，或改用 YAML 文件",
				 "表格有 %zu 行 %zu 列，格数超过上限 %d", rows + 1, cols, MD_MAX_TABLE_CELLS);
		else
			continue;
		ok = -1;
	}
	return ok;
}

int md_render(struct buf *out, const char *text, size_t len, const char *path,
	      unsigned line0, int shift, struct diag *d)
{
	if (len > MD_MAX_SIZE) {
		diag_add(d, DIAG_ERROR, path, line0 + 1, 1, "把正文拆成几个页面，或删掉不需要的部分",
			 "正文太长（超过上限 %zu MB）", MD_MAX_SIZE >> 20);
		return 0;
	}
	if (tables_ok(text, len, path, line0, d) != 0)
		return 0; /* reported; cmark would take too long or write too much */
	/* No CMARK_OPT_VALIDATE_UTF8: files are checked for UTF-8 when read. */
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof(extension_names) / sizeof(extension_names[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(p, ext);
	}
	cmark_parser_feed(p, text, len);
	struct posmap pm;
	posmap_init(&pm, text, len);
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
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			/* The destination as browsers will see it: cmark has
			 * already decoded entities and escapes in it. */
			const char *url = cmark_node_get_url(n);
			const char *why = url ? url_problem(url, strlen(url)) : NULL;
			if (why) {
				int line;
				unsigned col;
				link_pos(&pm, n, url, &line, &col);
				struct buf u = BUF_INIT;
				url_show(&u, url, strlen(url));
				diag_add(d, DIAG_ERROR, path, line > 0 ? line0 + (unsigned)line : 0, col, URL_HINT,
					 "%s地址“%s”不能用：%s", t == CMARK_NODE_LINK ? "链接" : "图片", u.ptr, why);
				buf_free(&u);
				cmark_node_set_url(n, "");
			}
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
			 char_col(&pm, line, col),
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
	free(pm.lines);

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
