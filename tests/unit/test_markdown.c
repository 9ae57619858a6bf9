/* Markdown rendering: CJK soft breaks, raw HTML kept as text, tables. */
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "markdown.h"
#include "date.h"
#include "test.h"

static const char *md(const char *text, struct diag *d)
{
	static struct buf out = BUF_INIT;
	buf_clear(&out);
	md_render(&out, text, strlen(text), "p.md", 4, 0, d);
	return out.ptr;
}

static const char *diags(struct diag *d)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	diag_sort(d);
	for (size_t i = 0; i < d->len; i++) {
		diag_format(&d->items[i], &b);
		buf_putc(&b, '\n');
	}
	return b.ptr;
}

static void test_softbreaks(void)
{
	struct diag d = DIAG_INIT;
	/* between two Chinese characters: no space */
	T_STR(md("巩固拓展\n脱贫攻坚成果", &d), "<p>巩固拓展脱贫攻坚成果</p>\n");
	/* Chinese punctuation counts as Chinese */
	T_STR(md("工作，\n确保完成", &d), "<p>工作，确保完成</p>\n");
	/* a digit next to a Chinese character: no space either */
	T_STR(md("2023年\n8月", &d), "<p>2023年8月</p>\n");
	/* Latin text keeps its space */
	T_STR(md("open\ndata", &d), "<p>open\ndata</p>\n");
	/* through emphasis */
	T_STR(md("**重点**\n工作", &d), "<p><strong>重点</strong>工作</p>\n");
	/* a hard break stays a break */
	T_STR(md("第一行\\\n第二行", &d), "<p>第一行<br />\n第二行</p>\n");
	T_INT(d.len, 0);
	diag_free(&d);
}

static void test_raw_html(void)
{
	struct diag d = DIAG_INIT;
	T_STR(md("见<b>附件</b>。", &d), "<p>见&lt;b&gt;附件&lt;/b&gt;。</p>\n");
	T_STR(diags(&d),
	      "p.md:5:2: warning: 正文中的 HTML 标签不会生效，将按原文显示; 如需表格、加粗、链接，请用 Markdown 写法\n"
	      "p.md:5:7: warning: 正文中的 HTML 标签不会生效，将按原文显示; 如需表格、加粗、链接，请用 Markdown 写法\n");
	diag_free(&d);
	T_STR(md("段落\n\n<script>alert(1)</script>\n", &d),
	      "<p>段落</p>\n<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n");
	T_INT(d.warnings, 1);
	diag_free(&d);
	/* dangerous links are not made into links */
	T_STR(md("[x](javascript:alert(1))", &d), "<p><a href=\"\">x</a></p>\n");
	diag_free(&d);
}

static void test_heading_shift(void)
{
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	const char *t = "## 一、指导思想\n\n###### 深\n";
	md_render(&out, t, strlen(t), "p.md", 0, 1, &d);
	T_STR(out.ptr, "<h3>一、指导思想</h3>\n<h6>深</h6>\n");
	buf_free(&out);
	diag_free(&d);
}

static void test_indented(void)
{
	struct diag d = DIAG_INIT;
	T_STR(md("第一段。\n\n    粘贴来的缩进段落。\n\n```\n围栏代码\n```\n", &d),
	      "<p>第一段。</p>\n<pre><code>粘贴来的缩进段落。\n</code></pre>\n<pre><code>围栏代码\n</code></pre>\n");
	T_STR(diags(&d), "p.md:7:1: warning: 这一段行首缩进了 4 个或更多空格，会显示成等宽的代码块; "
			 "删掉行首的空格，段落之间空一行即可；首行缩进由网站自动排版\n");
	diag_free(&d);
	/* full-width spaces (as in official documents) are not indentation */
	T_STR(md("\xE3\x80\x80\xE3\x80\x80正文。", &d), "<p>\xE3\x80\x80\xE3\x80\x80正文。</p>\n");
	T_INT(d.len, 0);
	diag_free(&d);
}

static void test_tables(void)
{
	struct diag d = DIAG_INIT;
	T_STR(md("| 指标 | 目标 |\n|---|---:|\n| 就业 | 540 |\n", &d),
	      "<div class=\"table-wrap\"><table>\n<thead>\n<tr>\n<th>指标</th>\n<th align=\"right\">目标</th>\n</tr>\n</thead>\n"
	      "<tbody>\n<tr>\n<td>就业</td>\n<td align=\"right\">540</td>\n</tr>\n</tbody>\n</table></div>\n");
	diag_free(&d);
}

static void test_frontmatter(void)
{
	struct fm fm;
	const char *t = "---\ntitle: x\n---\n正文\n";
	T_INT(fm_split(&fm, t, strlen(t)), FM_OK);
	T_INT(fm.ylen, strlen("title: x\n"));
	T_STR(fm.body, "正文\n");
	T_INT(fm.body_line0, 3);
	T_INT(fm.yaml_line0, 1);
	const char *crlf = "\xEF\xBB\xBF---\r\na: 1\r\n...\r\nbody";
	T_INT(fm_split(&fm, crlf, strlen(crlf)), FM_OK);
	T_STR(fm.body, "body");
	const char *none = "正文\n---\n";
	T_INT(fm_split(&fm, none, strlen(none)), FM_NONE);
	const char *open = "---\ntitle: x\n";
	T_INT(fm_split(&fm, open, strlen(open)), FM_UNCLOSED);
	const char *empty = "---\n---\n";
	T_INT(fm_split(&fm, empty, strlen(empty)), FM_OK);
	T_INT(fm.ylen, 0);
}

static void test_dates(void)
{
	int d, y, m, dd;
	T_INT(date_from_ymd(1970, 1, 1), 719468);
	T_INT(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2);
	T_INT(date_from_ymd(1900, 3, 1) - date_from_ymd(1900, 2, 28), 1);
	T_INT(date_parse_iso(&d, "2024-02-29", 10), 0);
	date_to_ymd(d, &y, &m, &dd);
	T_INT(y * 10000 + m * 100 + dd, 20240229);
	T_INT(date_parse_iso(&d, "2023-02-29", 10), DATE_NO_DAY);
	T_INT(date_parse_iso(&d, "2023-13-01", 10), DATE_NO_DAY);
	T_INT(date_parse_iso(&d, "2023-8-30", 9), 0);
	T_INT(date_parse_iso(&d, "23-08-30", 8), -1);
	T_INT(date_parse_iso(&d, "2023-08-30x", 11), -1);
	struct buf b = BUF_INIT;
	date_put_zh(&b, date_from_ymd(2023, 8, 30));
	T_STR(b.ptr, "2023年8月30日");
	buf_free(&b);
	T_INT(date_day_of_year(date_from_ymd(2024, 12, 31)), 366);
}

int main(void)
{
	md_init();
	test_softbreaks();
	test_raw_html();
	test_tables();
	test_heading_shift();
	test_indented();
	test_frontmatter();
	test_dates();
	return t_done("markdown");
}
