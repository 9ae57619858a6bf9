/* SVG charts: exact output for small inputs, and sane output for bad ones.
 *
 * The golden strings below were read line by line when they were written:
 * in the bar chart the 360-unit viewBox leaves 158 units of bar after the
 * label and value columns, so the target 100 is 158 wide, the actual 50 is
 * 79 and the expected share 0.5 sits at 54.4 + 79; the legend names the
 * bars' status (进度滞后) in their colour and wraps at the width. The
 * timeline has no viewBox: x is in percent of its width, y in pixels; its
 * legend is an HTML list before it; each item's name and status words
 * stand above its bar; in 2024 (a leap year) 29 February ends, and 1 March
 * begins, 60/366 (16.4 %) of the way along the year; a one-day span is
 * widened to 0.8 %; a span into 2025 stops at the end of the year; the
 * as-of line sits at the end of its day, in pieces across the bars. */
#include "buf.h"
#include "date.h"
#include "svg.h"
#include "test.h"

#include <ctype.h>
#include <float.h>
#include <limits.h>
#include <math.h>

static const char GOLD_BARS[] =
	"<svg class=\"chart chart-bars\" role=\"img\" aria-labelledby=\"b-title b-desc\" viewBox=\"0 0 360 126\" width=\"100%\" font-family=\"inherit\" font-size=\"16\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	"<title id=\"b-title\">T&lt;1&gt;</title>\n"
	"<desc id=\"b-desc\">D&amp;2</desc>\n"
	"<g class=\"c-legend\" font-size=\"14\">\n"
	"<text class=\"c-unit\" x=\"8\" y=\"20\">单位：人</text>\n"
	"<rect class=\"c-key st-behind\" x=\"79\" y=\"10\" width=\"14\" height=\"10\" fill=\"currentColor\" color=\"#57606a\"/>\n"
	"<text x=\"98\" y=\"20\">进度滞后</text>\n"
	"<rect class=\"c-target\" x=\"168.8\" y=\"9\" width=\"16\" height=\"12\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>\n"
	"<text x=\"188\" y=\"20\">目标</text>\n"
	"<line class=\"c-expected\" x1=\"16\" y1=\"29\" x2=\"16\" y2=\"45\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
	"<text x=\"28\" y=\"42\">按时间进度应完成</text>\n"
	"</g>\n"
	"<line class=\"c-axis\" x1=\"54.4\" y1=\"54\" x2=\"54.4\" y2=\"118\" stroke=\"#57606a\"/>\n"
	"<g class=\"c-row\"><title>A&amp;B&lt;：完成 50人，目标 100人，进度滞后</title>\n"
	"<text class=\"c-label\" x=\"46.4\" y=\"76\" text-anchor=\"end\">A&amp;B&lt;</text>\n"
	"<rect class=\"c-actual st-behind\" x=\"54.4\" y=\"62\" width=\"79\" height=\"16\" fill=\"currentColor\" color=\"#57606a\"/>\n"
	"<rect class=\"c-target\" x=\"54.4\" y=\"62\" width=\"158\" height=\"16\" fill=\"none\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>\n"
	"<line class=\"c-expected\" x1=\"133.4\" y1=\"58\" x2=\"133.4\" y2=\"82\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
	"<text class=\"c-value\" x=\"218.4\" y=\"75\" font-size=\"14\">50 / 100<tspan class=\"c-status\" fill=\"#57606a\"> 进度滞后</tspan></text>\n"
	"</g>\n"
	"<g class=\"c-row\"><title>完成 —，目标 —</title>\n"
	"<text class=\"c-value\" x=\"60.4\" y=\"107\" font-size=\"14\">—</text>\n"
	"</g>\n"
	"</svg>\n";

static const char GOLD_PROGRESS[] =
	"<svg class=\"chart chart-progress\" role=\"img\" aria-labelledby=\"p-title p-desc\" viewBox=\"0 0 360 302\" width=\"100%\" font-family=\"inherit\" font-size=\"16\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	"<title id=\"p-title\">累计</title>\n"
	"<desc id=\"p-desc\">说明</desc>\n"
	"<g class=\"c-legend\" font-size=\"14\">\n"
	"<text class=\"c-unit\" x=\"8\" y=\"20\">单位：个</text>\n"
	"<line class=\"c-actual\" x1=\"78\" y1=\"15\" x2=\"94\" y2=\"15\" stroke=\"#0b5cad\" stroke-width=\"2.5\"/>\n"
	"<text x=\"98\" y=\"20\">累计完成</text>\n"
	"<line class=\"c-target\" x1=\"168\" y1=\"15\" x2=\"184\" y2=\"15\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>\n"
	"<text x=\"188\" y=\"20\">目标</text>\n"
	"<line class=\"c-expected\" x1=\"16\" y1=\"29\" x2=\"16\" y2=\"45\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n"
	"<text x=\"28\" y=\"42\">按时间进度应完成</text>\n"
	"</g>\n"
	"<g class=\"c-grid\" stroke=\"#d0d7de\">\n"
	"<line x1=\"30.8\" y1=\"220\" x2=\"348\" y2=\"220\"/>\n"
	"<line x1=\"30.8\" y1=\"170\" x2=\"348\" y2=\"170\"/>\n"
	"<line x1=\"30.8\" y1=\"120\" x2=\"348\" y2=\"120\"/>\n"
	"<line x1=\"30.8\" y1=\"70\" x2=\"348\" y2=\"70\"/>\n"
	"</g>\n"
	"<g class=\"c-tick\" font-size=\"14\" fill=\"#57606a\" text-anchor=\"end\">\n"
	"<text x=\"24.8\" y=\"275\">0</text>\n"
	"<text x=\"24.8\" y=\"225\">10</text>\n"
	"<text x=\"24.8\" y=\"175\">20</text>\n"
	"<text x=\"24.8\" y=\"125\">30</text>\n"
	"<text x=\"24.8\" y=\"75\">40</text>\n"
	"</g>\n"
	"<g class=\"c-tick\" font-size=\"14\" fill=\"#57606a\" text-anchor=\"middle\">\n"
	"<text x=\"44.2\" y=\"290\">1月</text>\n"
	"<text x=\"96.2\" y=\"290\">3月</text>\n"
	"<text x=\"149.1\" y=\"290\">5月</text>\n"
	"<text x=\"202\" y=\"290\">7月</text>\n"
	"<text x=\"255.3\" y=\"290\">9月</text>\n"
	"<text x=\"308.1\" y=\"290\">11月</text>\n"
	"</g>\n"
	"<path class=\"c-axis\" d=\"M30.8 70V270H348\" fill=\"none\" stroke=\"#57606a\"/>\n"
	"<path class=\"c-axis\" d=\"M57.7 270v5M82.8 270v5M109.7 270v5M135.7 270v5M162.5 270v5M188.5 270v5M215.4 270v5M242.3 270v5M268.3 270v5M295.1 270v5M321.1 270v5\" stroke=\"#57606a\"/>\n"
	"<line class=\"c-target\" x1=\"30.8\" y1=\"70\" x2=\"348\" y2=\"70\" stroke=\"#1f2328\" stroke-width=\"1.5\"/>\n"
	"<line class=\"c-expected\" x1=\"30.8\" y1=\"270\" x2=\"348\" y2=\"70\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n"
	"<text class=\"c-value\" x=\"36.8\" y=\"64\" font-size=\"14\">目标 40</text>\n"
	"<line class=\"c-asof\" x1=\"109.7\" y1=\"66\" x2=\"109.7\" y2=\"270\" stroke=\"#9b1c1c\" stroke-width=\"1.5\"/>\n"
	"<text class=\"c-asof-label\" x=\"113.7\" y=\"62\" font-size=\"14\" fill=\"#9b1c1c\" text-anchor=\"start\">截至3月31日</text>\n"
	"<polyline class=\"c-actual\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2.5\" points=\"82.8,220 83.7,170\"/>\n"
	"<circle class=\"c-dot\" cx=\"82.8\" cy=\"220\" r=\"4\" fill=\"#0b5cad\"><title>2月29日：10个</title></circle>\n"
	"<circle class=\"c-dot\" cx=\"83.7\" cy=\"170\" r=\"4\" fill=\"#0b5cad\"><title>3月1日：20个</title></circle>\n"
	"<text class=\"c-value\" x=\"90.7\" y=\"162\" font-size=\"14\" text-anchor=\"start\">20</text>\n"
	"</svg>\n";

static const char GOLD_TIMELINE[] =
	"<ul class=\"legend chart-legend\"><li><span class=\"key st-plain\" aria-hidden=\"true\"></span>计划时间</li><li><span class=\"key st-done\" aria-hidden=\"true\"></span>已完成</li><li><span class=\"key st-overdue\" aria-hidden=\"true\"></span>已逾期</li><li><span class=\"key key-deadline\" aria-hidden=\"true\"></span>完成时限</li></ul>\n"
	"<svg class=\"chart chart-timeline\" role=\"img\" aria-labelledby=\"t-title t-desc\" width=\"100%\" height=\"248\" font-family=\"inherit\" font-size=\"16\" xmlns=\"http://www.w3.org/2000/svg\">\n"
	"<title id=\"t-title\">安排</title>\n"
	"<desc id=\"t-desc\">按月</desc>\n"
	"<defs><pattern id=\"t-hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/><rect width=\"2\" height=\"5\" fill=\"#57606a\"/></pattern></defs>\n"
	"<g class=\"c-tick\" font-size=\"14\" fill=\"#57606a\" text-anchor=\"middle\">\n"
	"<text x=\"4.2%\" y=\"17\">1月</text>\n"
	"<text x=\"20.6%\" y=\"17\">3月</text>\n"
	"<text x=\"37.3%\" y=\"17\">5月</text>\n"
	"<text x=\"54%\" y=\"17\">7月</text>\n"
	"<text x=\"70.8%\" y=\"17\">9月</text>\n"
	"<text x=\"87.4%\" y=\"17\">11月</text>\n"
	"</g>\n"
	"<rect class=\"c-group-band\" x=\"0\" y=\"24\" width=\"100%\" height=\"28\" fill=\"#f6f8fa\"/>\n"
	"<g class=\"c-grid\" stroke=\"#d0d7de\">\n"
	"<line x1=\"8.5%\" y1=\"24\" x2=\"8.5%\" y2=\"220\"/>\n"
	"<line x1=\"16.4%\" y1=\"24\" x2=\"16.4%\" y2=\"220\"/>\n"
	"<line x1=\"24.9%\" y1=\"24\" x2=\"24.9%\" y2=\"220\"/>\n"
	"<line x1=\"33.1%\" y1=\"24\" x2=\"33.1%\" y2=\"220\"/>\n"
	"<line x1=\"41.5%\" y1=\"24\" x2=\"41.5%\" y2=\"220\"/>\n"
	"<line x1=\"49.7%\" y1=\"24\" x2=\"49.7%\" y2=\"220\"/>\n"
	"<line x1=\"58.2%\" y1=\"24\" x2=\"58.2%\" y2=\"220\"/>\n"
	"<line x1=\"66.7%\" y1=\"24\" x2=\"66.7%\" y2=\"220\"/>\n"
	"<line x1=\"74.9%\" y1=\"24\" x2=\"74.9%\" y2=\"220\"/>\n"
	"<line x1=\"83.3%\" y1=\"24\" x2=\"83.3%\" y2=\"220\"/>\n"
	"<line x1=\"91.5%\" y1=\"24\" x2=\"91.5%\" y2=\"220\"/>\n"
	"</g>\n"
	"<text class=\"c-group\" x=\"4\" y=\"43\" font-weight=\"bold\">G&amp;1</text>\n"
	"<g class=\"c-row\"><title>调研：6月1日，已完成</title>\n"
	"<text class=\"c-label\" x=\"0\" y=\"68\">调研<tspan class=\"c-status\" font-size=\"14\" fill=\"#57606a\"> · 已完成</tspan></text>\n"
	"<rect class=\"c-bar st-done\" x=\"41.3%\" y=\"76\" width=\"0.8%\" height=\"12\" fill=\"currentColor\" color=\"#57606a\"/>\n"
	"</g>\n"
	"<g class=\"c-row\"><title>交流：11月30日前，已逾期</title>\n"
	"<text class=\"c-label\" x=\"0\" y=\"110\">交流<tspan class=\"c-status\" font-size=\"14\" fill=\"#57606a\"> · 已逾期</tspan></text>\n"
	"<rect class=\"c-bar st-overdue\" x=\"0%\" y=\"118\" width=\"91.5%\" height=\"12\" fill=\"currentColor\" color=\"#57606a\"/>\n"
	"<svg class=\"c-deadline\" x=\"91.5%\" y=\"118\" width=\"12\" height=\"12\" overflow=\"visible\"><path d=\"M0 -6l6 6-6 6-6-6z\" transform=\"translate(0 6)\" fill=\"#1f2328\"/></svg>\n"
	"</g>\n"
	"<g class=\"c-row\"><title>待定：未排期</title>\n"
	"<text class=\"c-label\" x=\"0\" y=\"152\">待定<tspan class=\"c-status\" font-size=\"14\" fill=\"#57606a\"> · 未排期</tspan></text>\n"
	"</g>\n"
	"<g class=\"c-row\"><title>跨年：12月1日—2025年1月31日</title>\n"
	"<text class=\"c-label\" x=\"0\" y=\"194\">跨年</text>\n"
	"<rect class=\"c-bar\" x=\"91.5%\" y=\"202\" width=\"8.5%\" height=\"12\" fill=\"currentColor\" color=\"#57606a\"/>\n"
	"</g>\n"
	"<g class=\"c-asof\" stroke=\"#9b1c1c\" stroke-width=\"1.5\">\n"
	"<line x1=\"83.3%\" y1=\"74\" x2=\"83.3%\" y2=\"91\"/>\n"
	"<line x1=\"83.3%\" y1=\"116\" x2=\"83.3%\" y2=\"133\"/>\n"
	"<line x1=\"83.3%\" y1=\"158\" x2=\"83.3%\" y2=\"175\"/>\n"
	"<line x1=\"83.3%\" y1=\"200\" x2=\"83.3%\" y2=\"217\"/>\n"
	"<line x1=\"83.3%\" y1=\"218\" x2=\"83.3%\" y2=\"226\"/>\n"
	"</g>\n"
	"<text class=\"c-asof-label\" x=\"83.3%\" dx=\"-4\" y=\"240\" font-size=\"14\" fill=\"#9b1c1c\" text-anchor=\"end\">截至10月31日</text>\n"
	"</svg>\n";

/* ---- helpers -------------------------------------------------------------- */

/* Every element closed, in order; nothing but tags between < and >. */
static int well_formed(const char *s)
{
	const char *name[64];
	size_t len[64];
	int depth = 0;
	for (const char *p = s; (p = strchr(p, '<')) != NULL;) {
		const char *e = strchr(p, '>');
		if (!e)
			return 0;
		if (p[1] == '/') {
			size_t n = (size_t)(e - (p + 2));
			if (depth == 0 || len[depth - 1] != n || strncmp(name[depth - 1], p + 2, n) != 0)
				return 0;
			depth--;
		} else if (e[-1] != '/') {
			if (depth == 64)
				return 0;
			name[depth] = p + 1;
			len[depth] = strcspn(p + 1, " />");
			depth++;
		}
		p = e + 1;
	}
	return depth == 0;
}

/* No NaN or infinity in any spelling printf has for them. */
static int finite_text(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, "nan", 3) == 0 || strncasecmp(p, "inf", 3) == 0)
			return 0;
	}
	return 1;
}

/* In attribute values, numbers have at most one decimal. */
static int one_decimal(const char *s)
{
	int in_attr = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '"' && (in_attr || p[-1] == '='))
			in_attr = !in_attr;
		else if (in_attr && *p == '.' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]))
			return 0;
	}
	return 1;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
		n++;
	return n;
}

/* A whole chart that is well formed, finite, and names its title and desc. */
static int sane(const char *s)
{
	/* a timeline's legend is an HTML list before it */
	static const char legend[] = "<ul class=\"legend chart-legend\">";
	if (strncmp(s, legend, sizeof legend - 1) == 0) {
		const char *e = strstr(s, "</ul>\n");
		if (!e || count(s, "<li>") != count(s, "</li>"))
			return 0;
		s = e + 6;
	}
	size_t n = strlen(s);
	return strncmp(s, "<svg class=\"chart ", 18) == 0 && n > 7 &&
	       strcmp(s + n - 7, "</svg>\n") == 0 && well_formed(s) && finite_text(s) &&
	       one_decimal(s) && count(s, "<title id=") == 1 && count(s, "<desc id=") == 1 &&
	       count(s, "<g") == count(s, "</g>");
}

static int D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* ---- golden ----------------------------------------------------------------- */

static void test_bars_golden(void)
{
	struct buf b = BUF_INIT;
	struct svg_bar bars[] = {
		{ "A&B<", 100, 50, 1, 1, "100", "50", "st-behind", "进度滞后" },
		{ "", 0, 0, 0, 0, NULL, NULL, NULL, NULL }, /* no target, no actual: — */
	};
	svg_bars(&b, "b", "T<1>", "D&2", bars, 2, 0.5, "人");
	T_STR(b.ptr, GOLD_BARS);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

/* The pace line of a progress chart (the legend's swatch comes first). */
static const char *pace_line(const char *s)
{
	const char *last = NULL;
	for (const char *p = s; (p = strstr(p, "<line class=\"c-expected\"")) != NULL; p++)
		last = p;
	return last;
}

/* A target paced over the whole year, as charts drew before deadlines. */
static const struct svg_line *year_line(struct svg_line *l, double v, int has, int year)
{
	l->value = v;
	l->has = has;
	l->pace_from = D(year, 1, 1);
	l->pace_to = D(year, 12, 31);
	l->label = NULL;
	return l;
}

static void test_progress_golden(void)
{
	struct svg_line l;
	struct buf b = BUF_INIT;
	struct svg_point pts[] = {
		{ D(2024, 3, 1), 20 },
		{ D(2023, 12, 31), 99 }, /* outside the year: ignored, and not in the scale */
		{ D(2024, 2, 29), 10 },  /* out of order: drawn first */
	};
	svg_progress(&b, "p", "累计", "说明", 2024, pts, 3, year_line(&l, 40, 1, 2024), D(2024, 3, 31), "个");
	T_STR(b.ptr, GOLD_PROGRESS);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_timeline_golden(void)
{
	struct buf b = BUF_INIT;
	struct svg_span one[] = { { D(2024, 6, 1), D(2024, 6, 1) } };
	struct svg_span dl[] = { { D(2024, 1, 1), D(2024, 11, 30) } };
	struct svg_span out[] = { { D(2024, 12, 1), D(2025, 1, 31) } };
	struct svg_item items[] = {
		{ "调研", "#a&b", one, 1, 0, "st-done", "已完成" },
		{ "交流", NULL, dl, 1, 1, "st-overdue", "已逾期" },
		{ "待定", NULL, NULL, 0, 0, NULL, "未排期" },
		{ "跨年", NULL, out, 1, 0, NULL, NULL },
	};
	struct svg_group g[] = { { "G&1", items, 4 } };
	svg_timeline(&b, "t", "安排", "按月", 2024, g, 1, D(2024, 10, 31));
	T_STR(b.ptr, GOLD_TIMELINE);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

/* ---- features, one at a time -------------------------------------------------- */

static void test_labels(void)
{
	struct buf b = BUF_INIT;
	/* twelve CJK characters: cut to seven and …, 8 em; the <title> keeps all */
	struct svg_bar r[] = {
		{ "一二三四五六七八九十甲乙", 1, 1, 1, 1, "1", "1", NULL, NULL },
		{ "abcdefghijklmnopqrst", 1, 1, 1, 1, "1", "1", NULL, NULL },
	};
	svg_bars(&b, "x", "t", "d", r, 2, -1, "");
	T_OK(strstr(b.ptr, ">一二三四五…</text>") != NULL);
	T_OK(strstr(b.ptr, "<title>一二三四五六七八九十甲乙：") != NULL);
	/* ASCII at 0.6 em: eight letters and … fit in 6 em */
	T_OK(strstr(b.ptr, ">abcdefgh…</text>") != NULL);
	T_OK(strstr(b.ptr, "<title>abcdefghijklmnopqrst：") != NULL);
	/* no expected marker when expected < 0, no unit text when unit is "" */
	T_OK(strstr(b.ptr, "class=\"c-expected\"") == NULL);
	T_OK(strstr(b.ptr, "单位") == NULL);
	/* the label column is 6 em (96) wide, plus margins */
	T_OK(strstr(b.ptr, "<line class=\"c-axis\" x1=\"112\"") != NULL);
	T_OK(sane(b.ptr));

	/* a short label makes a narrow column */
	buf_clear(&b);
	struct svg_bar s[] = { { "洋县", 2, 1, 1, 1, NULL, NULL, "st-ok", "正常" } };
	svg_bars(&b, "x", "t", "d", s, 1, 0.25, "万元");
	T_OK(strstr(b.ptr, "<line class=\"c-axis\" x1=\"48\"") != NULL);
	/* numbers without their text are written from the values */
	T_OK(strstr(b.ptr, ">1 / 2<tspan") != NULL);
	T_OK(strstr(b.ptr, "完成 1万元，目标 2万元，正常") != NULL);
	T_OK(strstr(b.ptr, "单位：万元") != NULL);
	buf_free(&b);
}

static void test_escaping(void)
{
	struct buf b = BUF_INIT;
	struct svg_bar r[] = { { "<b>", 1, 1, 1, 1, "1\"", "<1>", "c\"x", "s&t" } };
	svg_bars(&b, "i\"d", "<t>", "'d'", r, 1, 0.5, "<u>");
	T_OK(strstr(b.ptr, "aria-labelledby=\"i&quot;d-title i&quot;d-desc\"") != NULL);
	T_OK(strstr(b.ptr, "<title id=\"i&quot;d-title\">&lt;t&gt;</title>") != NULL);
	T_OK(strstr(b.ptr, "<desc id=\"i&quot;d-desc\">&#39;d&#39;</desc>") != NULL);
	T_OK(strstr(b.ptr, "class=\"c-actual c&quot;x\"") != NULL);
	T_OK(strstr(b.ptr, "&lt;1&gt; / 1&quot;") != NULL);
	T_OK(strstr(b.ptr, "单位：&lt;u&gt;") != NULL);
	T_OK(strstr(b.ptr, "s&amp;t") != NULL);
	T_OK(sane(b.ptr));

	buf_clear(&b);
	struct svg_span sp[] = { { D(2023, 5, 1), D(2023, 5, 31) } };
	struct svg_item it[] = { { "a<b", "x.html?a=1&b=\"2\"", sp, 1, 0, "k<", "完&成" } };
	struct svg_group g[] = { { "<g>", it, 1 } };
	svg_timeline(&b, "t", "t", "d", 2023, g, 1, 0);
	T_OK(strstr(b.ptr, "<a ") == NULL); /* nothing focusable inside the image */
	T_OK(strstr(b.ptr, "x.html") == NULL);
	T_OK(strstr(b.ptr, "<title>a&lt;b：5月1日—5月31日，完&amp;成</title>") != NULL);
	T_OK(strstr(b.ptr, ">&lt;g&gt;</text>") != NULL);
	T_OK(strstr(b.ptr, "class=\"c-bar k&lt;\"") != NULL);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_progress_features(void)
{
	struct buf b = BUF_INIT;
	struct svg_line l;
	/* nothing measured yet: axes, target and pace only */
	svg_progress(&b, "p", "t", "d", 2023, NULL, 0, year_line(&l, 540, 1, 2023), 0, "人");
	T_OK(strstr(b.ptr, "class=\"c-target\" x1=") != NULL);
	T_OK(strstr(b.ptr, "<line class=\"c-expected\" x1=") != NULL);
	T_OK(strstr(b.ptr, "polyline") == NULL);
	T_OK(strstr(b.ptr, "circle") == NULL);
	T_OK(strstr(b.ptr, "asof") == NULL);
	T_INT(count(b.ptr, "月</text>"), 6); /* 1月, 3月 … 11月 */
	/* 540 on round steps of 200, up to 600 */
	T_OK(strstr(b.ptr, ">600</text>") != NULL);
	T_OK(strstr(b.ptr, ">400</text>") != NULL);
	T_OK(strstr(b.ptr, ">500</text>") == NULL);
	T_OK(strstr(b.ptr, ">目标 540</text>") != NULL);
	T_OK(sane(b.ptr));

	/* small values get decimal steps; no target: no pace, no target line */
	buf_clear(&b);
	struct svg_point p[] = { { D(2023, 12, 31), 0.7 } };
	svg_progress(&b, "p", "t", "d", 2023, p, 1, year_line(&l, 0, 0, 2023), D(2023, 10, 31), "");
	T_OK(strstr(b.ptr, ">0.8</text>") != NULL);
	T_OK(strstr(b.ptr, ">0.2</text>") != NULL);
	T_OK(strstr(b.ptr, ">0</text>") != NULL);
	T_OK(strstr(b.ptr, "class=\"c-target\" x1=") == NULL);
	T_OK(strstr(b.ptr, "<line class=\"c-expected\"") == NULL);
	T_OK(strstr(b.ptr, "截至10月31日</text>") != NULL);
	T_OK(strstr(b.ptr, "<title>12月31日：0.7</title>") != NULL);
	/* the last day of the year ends at the right edge */
	T_OK(strstr(b.ptr, "points=\"348,") != NULL);
	T_OK(sane(b.ptr));

	/* as_of outside the year: no line */
	buf_clear(&b);
	svg_progress(&b, "p", "t", "d", 2023, p, 1, year_line(&l, 1, 1, 2023), D(2024, 3, 31), "");
	T_OK(strstr(b.ptr, "asof") == NULL);

	/* a deadline: the pace reaches the target at the end of July 31 and
	 * the target line stays; the same span in the year's coordinates */
	buf_clear(&b);
	struct svg_line dl = { 100, 1, D(2023, 1, 1), D(2023, 7, 31), NULL };
	svg_progress(&b, "p", "t", "d", 2023, NULL, 0, &dl, 0, "场");
	struct buf y = BUF_INIT;
	svg_progress(&y, "p", "t", "d", 2023, NULL, 0, year_line(&l, 100, 1, 2023), 0, "场");
	const char *e1 = pace_line(b.ptr), *e2 = pace_line(y.ptr);
	T_OK(e1 && e2 && strncmp(e1, e2, (size_t)(strchr(e2, '>') - e2)) != 0); /* ends elsewhere */
	T_OK(e1 && strncmp(e1, e2, strstr(e2, "x2=") - e2) == 0); /* starts at the same point */
	T_OK(sane(b.ptr));
	buf_free(&y);
	/* a deadline next year: clipped at Dec 31, halfway up */
	buf_clear(&b);
	struct svg_line next = { 100, 1, D(2023, 1, 1), D(2023, 1, 1) + 2 * 365 - 1, NULL };
	svg_progress(&b, "p", "t", "d", 2023, NULL, 0, &next, 0, "场");
	T_OK(sane(b.ptr));
	/* a ceiling: its label, no pace */
	buf_clear(&b);
	struct svg_line cap = { 500, 1, 0, 0, "上限" };
	svg_progress(&b, "p", "t", "d", 2023, NULL, 0, &cap, 0, "元");
	T_OK(strstr(b.ptr, ">上限 500</text>") != NULL);
	T_OK(strstr(b.ptr, "c-expected") == NULL);
	T_OK(strstr(b.ptr, "按时间进度应完成") == NULL);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_leap_years(void)
{
	struct buf b = BUF_INIT;
	/* 2023: 1 March begins 59/365 of the way; 2024: 60/366 */
	svg_timeline(&b, "t", "t", "d", 2023, NULL, 0, 0);
	T_OK(strstr(b.ptr, "<line x1=\"16.2%\"") != NULL); /* 59 / 365 of the width */
	buf_clear(&b);
	svg_timeline(&b, "t", "t", "d", 2024, NULL, 0, 0);
	T_OK(strstr(b.ptr, "<line x1=\"16.4%\"") != NULL); /* 60 / 366 */
	/* 1900 is not a leap year, 2000 is */
	buf_clear(&b);
	svg_timeline(&b, "t", "t", "d", 1900, NULL, 0, 0);
	T_OK(strstr(b.ptr, "<line x1=\"16.2%\"") != NULL);
	buf_clear(&b);
	svg_timeline(&b, "t", "t", "d", 2000, NULL, 0, 0);
	T_OK(strstr(b.ptr, "<line x1=\"16.4%\"") != NULL);
	T_OK(strstr(b.ptr, "暂无安排") != NULL);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

/* The grey states are told apart by pattern, in the bars and the legend
 * alike; each colour the bars use is named once in the legend; the names
 * stand above their bars with the status words at the right, and the
 * as-of line crosses only the bars. */
static void test_timeline_paint(void)
{
	struct buf b = BUF_INIT;
	struct svg_span sp[] = { { D(2023, 3, 1), D(2023, 8, 31) } };
	struct svg_item it[] = {
		{ "甲", NULL, sp, 1, 0, "st-unreported", "未报告进展" },
		{ "乙", NULL, sp, 1, 0, "st-upcoming", "未到计划时间" },
		{ "丙", NULL, sp, 1, 0, "st-cancelled", "已取消" },
		{ "丁", NULL, sp, 1, 0, "st-notstarted", "未开始" },
		{ "戊", NULL, sp, 1, 0, "st-notstarted", "未开始" },
	};
	struct svg_group g[] = { { "组", it, 5 } };
	svg_timeline(&b, "tl", "t", "d", 2023, g, 1, D(2023, 6, 30));
	T_INT(count(b.ptr, "<pattern id=\"tl-hatch\""), 1);
	T_INT(count(b.ptr, "class=\"c-bar st-unreported\""), 1);
	T_INT(count(b.ptr, "fill=\"url(#tl-hatch)\""), 1);
	T_INT(count(b.ptr, "stroke-dasharray=\"3 2\""), 1);
	T_INT(count(b.ptr, "fill=\"#fff\" stroke=\"#57606a\" stroke-width=\"1.5\"/>"), 1);
	/* the legend keys, each once, as the tally bars' (style.css) */
	T_OK(strstr(b.ptr, "<li><span class=\"key st-upcoming\" aria-hidden=\"true\"></span>未到计划时间</li>"
			   "<li><span class=\"key st-notstarted\" aria-hidden=\"true\"></span>未开始</li>"
			   "<li><span class=\"key st-unreported\" aria-hidden=\"true\"></span>未报告进展</li>"
			   "<li><span class=\"key st-cancelled\" aria-hidden=\"true\"></span>已取消</li></ul>") != NULL);
	T_INT(count(b.ptr, " · 未开始</tspan>"), 2); /* by each of its two names */
	T_OK(strstr(b.ptr, ">计划时间</li>") == NULL); /* every bar has a status: no plain key */
	T_OK(strstr(b.ptr, "st-plain") == NULL);
	T_INT(count(b.ptr, "<line x1=\"49.6%\""), 7); /* the grid at 1 July; the as-of line (30 June ends there), a piece per bar and one at the foot */
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_timeline_features(void)
{
	struct buf b = BUF_INIT;
	struct svg_span two[] = { { D(2023, 7, 1), D(2023, 7, 31) }, { D(2023, 10, 1), D(2023, 10, 31) } };
	struct svg_span before[] = { { D(2022, 3, 1), D(2022, 9, 30) } };      /* wholly outside */
	struct svg_span rev[] = { { D(2023, 12, 31), D(2023, 12, 1) } };      /* backwards */
	struct svg_span last[] = { { D(2023, 12, 31), D(2023, 12, 31) } };    /* one day, at the edge */
	struct svg_span late[] = { { D(2023, 1, 1), D(2024, 2, 1) } };        /* deadline next year */
	struct svg_item it[] = {
		{ "两段", NULL, two, 2, 0, "st-done", "已完成" },
		{ "去年", NULL, before, 1, 0, NULL, NULL },
		{ "倒序", NULL, rev, 1, 0, NULL, NULL },
		{ "年末", NULL, last, 1, 0, NULL, NULL },
		{ "明年", NULL, late, 1, 1, NULL, NULL },
	};
	struct svg_group g[] = { { "发改委", it, 5 }, { "人社局", NULL, 3 } };
	svg_timeline(&b, "t", "t", "d", 2023, g, 2, D(2023, 6, 30));
	T_OK(strstr(b.ptr, "<title>两段：7月1日—7月31日、10月1日—10月31日，已完成</title>") != NULL);
	T_INT(count(b.ptr, "class=\"c-bar st-done\""), 2);
	T_OK(strstr(b.ptr, "<title>去年：2022年3月1日—2022年9月30日</title>") != NULL);
	T_OK(strstr(b.ptr, "<title>明年：2024年2月1日前</title>") != NULL);
	/* the one-day span at the year's end is 0.8 % wide (3 px on a phone), inside the year */
	T_OK(strstr(b.ptr, "x=\"99.2%\" y=\"202\" width=\"0.8%\"") != NULL);
	/* the backwards span is drawn, and told, as December */
	T_OK(strstr(b.ptr, "<title>倒序：12月1日—12月31日</title>") != NULL);
	T_OK(strstr(b.ptr, "x=\"91.5%\" y=\"160\" width=\"8.5%\"") != NULL);
	/* a deadline beyond the year has no marker in it */
	T_INT(count(b.ptr, "class=\"c-deadline\""), 0);
	T_INT(count(b.ptr, "class=\"key key-deadline\""), 1); /* the legend's */
	T_OK(strstr(b.ptr, "截至6月30日</text>") != NULL);
	T_INT(count(b.ptr, "class=\"c-group-band\""), 2);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

/* ---- robustness --------------------------------------------------------------- */

static void test_bars_robust(void)
{
	struct buf b = BUF_INIT;
	svg_bars(&b, NULL, NULL, NULL, NULL, 3, NAN, NULL);
	T_OK(sane(b.ptr));
	T_OK(strstr(b.ptr, "暂无数据") != NULL);

	struct svg_bar zero[] = { { "零", 0, 0, 1, 1, NULL, NULL, NULL, NULL },
				  { "零", 0, 0, 1, 1, "0", "0", "", "" } };
	buf_clear(&b);
	svg_bars(&b, "z", "t", "d", zero, 2, 0.5, "人");
	T_OK(sane(b.ptr));
	T_INT(count(b.ptr, "<rect class=\"c-actual"), 0);
	T_INT(count(b.ptr, "<rect class=\"c-key"), 1); /* the legend's swatch only: 完成 */
	T_OK(strstr(b.ptr, ">完成</text>") != NULL);

	struct svg_bar bad[] = {
		{ "负", -5, -3, 1, 1, NULL, NULL, "c", "s" },
		{ "大", DBL_MAX, 1e308, 1, 1, NULL, NULL, "c", "s" },
		{ "非", NAN, INFINITY, 1, 1, NULL, NULL, "c", "s" },
		{ "负无穷", -INFINITY, -NAN, 1, 1, NULL, NULL, "c", "s" },
		{ NULL, 1, 2, 1, 1, NULL, NULL, NULL, NULL },
		{ "", 1e-300, 5e-324, 1, 1, NULL, NULL, NULL, NULL },
	};
	double expected[] = { 0, 1, 2, INFINITY, -INFINITY, NAN, 1e-300, -0.0 };
	for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
		buf_clear(&b);
		svg_bars(&b, "r", "t", "d", bad, sizeof bad / sizeof *bad, expected[i], "");
		T_OK(sane(b.ptr));
	}
	/* huge values alone, and tiny ones alone */
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		buf_clear(&b);
		svg_bars(&b, "r", "t", "d", &bad[i], 1, 0.5, "");
		T_OK(sane(b.ptr));
	}
	buf_free(&b);
}

static void test_progress_robust(void)
{
	struct buf b = BUF_INIT;
	struct svg_point p[] = {
		{ INT_MIN, 1 }, { INT_MAX, 1 }, { D(2023, 5, 1), NAN }, { D(2023, 6, 1), -INFINITY },
		{ D(2023, 7, 1), INFINITY }, { D(2023, 8, 1), DBL_MAX }, { D(2023, 9, 1), -5 },
		{ D(2023, 9, 1), 3 }, { D(2023, 10, 1), 1e-310 }, { D(2023, 12, 31), 0 },
	};
	size_t np = sizeof p / sizeof *p;
	int years[] = { 2023, 0, -5, INT_MIN, INT_MAX, 9999, 1 };
	int asof[] = { 0, INT_MIN, INT_MAX, D(2023, 1, 1), D(2023, 12, 31) };
	double targets[] = { 0, -1, NAN, INFINITY, DBL_MAX, 1e-300, 540 };
	for (size_t y = 0; y < sizeof years / sizeof *years; y++)
		for (size_t a = 0; a < sizeof asof / sizeof *asof; a++)
			for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
				buf_clear(&b);
				struct svg_line tl = { targets[t], (int)(t & 1), D(2023, 1, 1), D(2023, 12, 31), NULL };
				svg_progress(&b, "p", "t", "d", years[y], p, np, &tl, asof[a], "人");
				T_OK(sane(b.ptr));
			}
	/* all zeros */
	struct svg_point z[] = { { D(2023, 3, 31), 0 }, { D(2023, 6, 30), 0 } };
	buf_clear(&b);
	struct svg_line zl = { 0, 1, D(2023, 1, 1), D(2023, 12, 31), NULL };
	svg_progress(&b, "p", "t", "d", 2023, z, 2, &zl, D(2023, 6, 30), "");
	T_OK(sane(b.ptr));
	T_OK(strstr(b.ptr, "polyline") != NULL);
	T_OK(strstr(b.ptr, ">5</text>") != NULL); /* nothing but zeros: 0 … 5 */
	T_OK(strstr(b.ptr, ">0.0<") == NULL);
	/* no points, no target */
	buf_clear(&b);
	svg_progress(&b, NULL, NULL, NULL, 2023, NULL, 5, NULL, 0, NULL);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_timeline_robust(void)
{
	struct buf b = BUF_INIT;
	struct svg_span sp[] = { { INT_MIN, INT_MAX }, { INT_MAX, INT_MIN }, { INT_MAX, INT_MAX },
				 { INT_MIN, INT_MIN }, { D(2023, 2, 28), D(2023, 3, 1) } };
	struct svg_item it[] = {
		{ NULL, "#x", sp, 5, 1, NULL, NULL },
		{ "", NULL, sp, 5, 0, "", "" },
		{ "无", NULL, NULL, 3, 1, "c", "s" }, /* spans NULL: unscheduled */
		{ "很长很长很长很长很长很长很长很长很长很长的活动名称", "", sp + 4, 1, 1, "c", "s" },
	};
	struct svg_group g[] = { { NULL, it, 4 }, { "", NULL, 0 }, { "空", it, 0 } };
	int years[] = { 2023, 0, INT_MIN, INT_MAX, 1, 9999 };
	int asof[] = { 0, INT_MIN, INT_MAX, D(2023, 12, 31), D(2023, 1, 1) };
	for (size_t y = 0; y < sizeof years / sizeof *years; y++)
		for (size_t a = 0; a < sizeof asof / sizeof *asof; a++) {
			buf_clear(&b);
			svg_timeline(&b, "t", "t", "d", years[y], g, 3, asof[a]);
			T_OK(sane(b.ptr));
		}
	buf_clear(&b);
	svg_timeline(&b, NULL, NULL, NULL, 2023, NULL, 4, 0);
	T_OK(sane(b.ptr));
	buf_free(&b);
}

static void test_deterministic(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct svg_span sp[] = { { D(2023, 7, 1), D(2023, 12, 31) } };
	struct svg_item it[] = { { "活动", "#r1", sp, 1, 1, "st-done", "已完成" } };
	struct svg_group g[] = { { "发改委", it, 1 } };
	struct svg_point p[] = { { D(2023, 9, 30), 1.0 / 3 }, { D(2023, 3, 31), 2.0 / 3 } };
	struct svg_bar r[] = { { "如皋", 540, 1.0 / 3, 1, 1, NULL, NULL, "st-behind", "进度滞后" } };
	for (int round = 0; round < 2; round++) {
		struct buf *o = round ? &b : &a;
		buf_puts(o, "x"); /* charts append */
		svg_bars(o, "a", "t", "d", r, 1, 0.83, "人");
		struct svg_line ol = { 1, 1, D(2023, 1, 1), D(2023, 12, 31), NULL };
		svg_progress(o, "b", "t", "d", 2023, p, 2, &ol, D(2023, 10, 31), "人");
		svg_timeline(o, "c", "t", "d", 2023, g, 1, D(2023, 10, 31));
	}
	T_OK(a.len > 1000);
	T_OK(a.ptr[0] == 'x');
	T_INT(a.len, b.len);
	T_OK(strcmp(a.ptr, b.ptr) == 0);
	T_OK(finite_text(a.ptr) && one_decimal(a.ptr));
	buf_free(&a);
	buf_free(&b);
}

int main(void)
{
	test_bars_golden();
	test_progress_golden();
	test_timeline_golden();
	test_labels();
	test_escaping();
	test_progress_features();
	test_leap_years();
	test_timeline_features();
	test_timeline_paint();
	test_bars_robust();
	test_progress_robust();
	test_timeline_robust();
	test_deterministic();
	return t_done("svg");
}
