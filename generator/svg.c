/* svg: bar, progress and timeline charts as inline SVG.
 *
 * The bar and progress charts have a viewBox 360 user units wide and
 * width="100%", so they scale with their column, with text of 16 units
 * (labels) and 14 (ticks, values, legends): in a 343 px phone column the
 * smallest text is 13.3 px, and the stylesheet caps them at 26rem on a
 * desk. The timeline has no viewBox: x in percent, y and text in pixels,
 * each item's name and status words on a line above its bars, so that it
 * fills any width at the page's text sizes. Text inherits the page's font. The same bytes
 * come out for the same input: coordinates are printed with at most one
 * decimal and never in exponent form, setlocale is never called, and nothing
 * is drawn from a NaN or an infinity (values past 10^15, shown only as
 * text, are written as 1e+15).
 *
 * Classes, for the site stylesheet (each element also carries fill/stroke
 * presentation attributes, so an unstyled chart still reads; any CSS rule
 * overrides them). Inside the chart they start with "c-": SVG elements
 * take CSS width, height and display, so a page rule such as .bar or
 * .legend would otherwise reshape them.
 *
 *   chart                   the <svg>; with chart-bars, chart-progress or
 *                           chart-timeline for the kind
 *   c-legend                <g> of swatches and words at the top
 *   c-key                   a legend swatch of a status (with its st-* class)
 *   c-unit                  the unit of the numbers: 单位：人
 *   c-row                   <g> for one bar row or one timeline item, with
 *                           a <title> that says it all in words
 *   c-label                 row label text (cut with … ; the <title> has it whole)
 *   c-value, c-status       value text at a bar's end; the status words in it
 *   c-axis, c-grid, c-tick  axis lines, grid lines, tick text (1月, 200)
 *   c-actual                the filled bar (with the item's cls), the line
 *                           and legend swatch of actual values
 *   c-dot                   a dated value on the progress line
 *   c-target                the outlined target bar / the target line
 *   c-expected              where it should be by now: dashed marker / pace line
 *   c-asof, c-asof-label    the as-of line and its words: 截至10月31日
 *   c-group, c-group-band   a timeline group heading and its background band
 *   c-bar                   a timeline span (with the item's cls)
 *   c-deadline              the marker at the end of a deadline span
 *   c-unscheduled           the text 未排期 of an item with no planned time
 *   c-empty                 the text shown when there is nothing to draw
 *
 * Charts hold nothing focusable: they are role="img", whose children
 * assistive technology does not see, and the table beside each has the
 * links (an item's href is not drawn).
 *
 * Status colours come only from the item's cls (st-done, st-behind …): the
 * marks that carry it are filled with currentColor, so the site's .st-*
 * rules, which set color, colour them too; unstyled they are grey. The
 * grey states are told apart by pattern (status_paint), and every legend
 * names each colour and pattern its marks use. */
#include "svg.h"
#include "buf.h"
#include "markup.h"
#include "date.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_BARS 360.0     /* viewBox widths */
#define W_PROGRESS 360.0
#define W_TIMELINE 360.0
#define PAD 8.0          /* outer margin */
#define FS 16            /* label font size */
#define FSS 14           /* tick, value and legend font size */
#define LABEL_EM 6       /* widest row label, in em, before it is cut */
#define VMAX 1e300       /* larger values are drawn as this */

#define INK "#1f2328"
#define MUTED "#57606a"
#define LINE "#d0d7de"
#define SOFT "#f6f8fa"
#define MARK "#9b1c1c"
#define BLUE "#0b5cad"

static const char *str(const char *s)
{
	return s ? s : "";
}

/* A finite value, negative ones as 0, as drawn. */
static double drawn(double v)
{
	if (!(v > 0))
		return 0; /* also NaN */
	return v > VMAX ? VMAX : v;
}

/* A number printed into a small array, returned by value so that several can
 * be arguments of one buf_printf (the temporary lives to the end of the full
 * expression). */
struct num {
	char s[40];
};

/* A coordinate: at most one decimal, no trailing ".0", no "-0". */
static struct num C(double v)
{
	struct num n;
	if (!isfinite(v))
		v = 0;
	if (v > 1e7)
		v = 1e7;
	if (v < -1e7)
		v = -1e7;
	snprintf(n.s, sizeof n.s, "%.1f", v);
	size_t len = strlen(n.s);
	if (len >= 2 && strcmp(n.s + len - 2, ".0") == 0)
		n.s[len - 2] = '\0';
	if (strcmp(n.s, "-0") == 0)
		strcpy(n.s, "0");
	return n;
}

/* A value for people to read: up to two decimals, trailing zeros dropped;
 * beyond 10^15 in exponent form. */
static struct num V(double v)
{
	struct num n;
	if (!isfinite(v))
		v = 0;
	if (fabs(v) >= 1e15) {
		snprintf(n.s, sizeof n.s, "%.6g", v);
		return n;
	}
	snprintf(n.s, sizeof n.s, "%.2f", v);
	char *dot = strchr(n.s, '.');
	if (dot) {
		char *end = n.s + strlen(n.s);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	if (strcmp(n.s, "-0") == 0)
		strcpy(n.s, "0");
	return n;
}

/* Width of text in tenths of an em: 10 for a CJK (or any non-ASCII)
 * character, 6 for an ASCII one. */
static long em10(const char *s)
{
	long w = 0;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		i += utf8_decode(s + i, n - i, &cp);
		w += cp < 0x80 ? 6 : 10;
	}
	return w;
}

/* Width in user units of text at font size fs. */
static double text_w(const char *s, int fs)
{
	return (double)em10(s) * fs / 10.0;
}

/* Put s escaped, cut with "…" so that it takes at most cap10 tenths of an em. */
static void put_fit(struct buf *b, const char *s, long cap10)
{
	if (em10(s) <= cap10) {
		markup_texts(b, s);
		return;
	}
	size_t n = strlen(s), i = 0;
	long w = 0;
	while (i < n) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		long cw = cp < 0x80 ? 6 : 10;
		if (w + cw > cap10 - 10) /* room for the … */
			break;
		w += cw;
		i += k;
	}
	markup_text(b, s, i);
	buf_puts(b, "…");
}

static void open_svg(struct buf *b, const char *kind, const char *id, const char *title,
		     const char *desc, double w, double h)
{
	id = str(id);
	buf_printf(b, "<svg class=\"chart %s\" role=\"img\" aria-labelledby=\"", kind);
	markup_texts(b, id);
	buf_puts(b, "-title ");
	markup_texts(b, id);
	buf_printf(b, "-desc\" viewBox=\"0 0 %s %s\" width=\"100%%\" font-family=\"inherit\" "
		      "font-size=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"",
		   C(w).s, C(h).s, FS);
	markup_texts(b, id);
	buf_puts(b, "-title\">");
	markup_texts(b, str(title));
	buf_puts(b, "</title>\n<desc id=\"");
	markup_texts(b, id);
	buf_puts(b, "-desc\">");
	markup_texts(b, str(desc));
	buf_puts(b, "</desc>\n");
}

/* The paint of a status mark. Most are filled with currentColor, so that
 * the site's .st-* rules (which set color) colour them, grey when nothing
 * does; the grey states that would look alike are told apart by pattern,
 * as the tally bars' are: 未报告进展 hatched (the chart's <pattern> id,
 * when it has one), 未到计划时间 an outline, 已取消 a dashed outline. */
static void status_paint(struct buf *b, const char *st, const char *hatch)
{
	st = str(st);
	if (strcmp(st, "st-unreported") == 0 && hatch && *hatch) {
		buf_puts(b, " fill=\"url(#");
		markup_texts(b, hatch);
		buf_printf(b, ")\" stroke=\"%s\"", MUTED);
	} else if (strcmp(st, "st-upcoming") == 0) {
		buf_printf(b, " fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\"", MUTED);
	} else if (strcmp(st, "st-cancelled") == 0) {
		buf_printf(b, " fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"", MUTED);
	} else {
		buf_printf(b, " fill=\"currentColor\" color=\"%s\"", MUTED);
	}
}

/* A mark of a status (see status_paint). */
static void status_rect(struct buf *b, const char *cls, const char *st, const char *hatch, double x,
			double y, double w, double h)
{
	buf_printf(b, "<rect class=\"%s", cls);
	if (*str(st)) {
		buf_putc(b, ' ');
		markup_texts(b, st);
	}
	buf_printf(b, "\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", C(x).s, C(y).s, C(w).s, C(h).s);
	status_paint(b, st, hatch);
	buf_puts(b, "/>\n");
}

/* Legend swatches. */
enum swatch { SW_ACTUAL_BAR, SW_TARGET_BAR, SW_EXPECTED, SW_ACTUAL_LINE, SW_TARGET_LINE,
	      SW_SPAN, SW_DEADLINE, SW_STATUS };
#define LEGEND_ROW 22.0 /* a wrapped legend's line height */

/* One swatch and its words at *x on the row whose text baseline is *py,
 * wrapped to the next row when the chart's width is reached; a status
 * swatch (SW_STATUS) is painted as status_paint paints cls, with the
 * chart's hatch pattern. */
static void legend_item_h(struct buf *b, double *x, double *py, enum swatch sw, const char *cls,
			  const char *hatch, const char *text)
{
	if (*x > PAD && *x + 20 + text_w(text, FSS) > W_BARS - PAD) { /* wrap */
		*x = PAD;
		*py += LEGEND_ROW;
	}
	double y = *py, x0 = *x, mid = y - 5;
	switch (sw) {
	case SW_ACTUAL_BAR:
		buf_printf(b, "<rect class=\"c-actual\" x=\"%s\" y=\"%s\" width=\"16\" height=\"12\" fill=\"%s\"/>\n",
			   C(x0).s, C(mid - 6).s, MUTED);
		break;
	case SW_TARGET_BAR:
		buf_printf(b, "<rect class=\"c-target\" x=\"%s\" y=\"%s\" width=\"16\" height=\"12\" fill=\"none\" "
			      "stroke=\"%s\" stroke-width=\"1.5\"/>\n",
			   C(x0 + 0.75).s, C(mid - 6).s, INK);
		break;
	case SW_EXPECTED:
		buf_printf(b, "<line class=\"c-expected\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
			      "stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n",
			   C(x0 + 8).s, C(mid - 8).s, C(x0 + 8).s, C(mid + 8).s, INK);
		break;
	case SW_ACTUAL_LINE:
		buf_printf(b, "<line class=\"c-actual\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
			      "stroke-width=\"2.5\"/>\n",
			   C(x0).s, C(mid).s, C(x0 + 16).s, C(mid).s, BLUE);
		break;
	case SW_TARGET_LINE:
		buf_printf(b, "<line class=\"c-target\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
			      "stroke-width=\"1.5\"/>\n",
			   C(x0).s, C(mid).s, C(x0 + 16).s, C(mid).s, INK);
		break;
	case SW_SPAN:
		buf_printf(b, "<rect class=\"c-bar\" x=\"%s\" y=\"%s\" width=\"16\" height=\"10\" fill=\"%s\"/>\n",
			   C(x0).s, C(mid - 5).s, MUTED);
		break;
	case SW_STATUS:
		status_rect(b, "c-key", cls, hatch, x0 + 1, mid - 5, 14, 10);
		break;
	case SW_DEADLINE:
		buf_printf(b, "<path class=\"c-deadline\" d=\"M%s %sl6 6-6 6-6-6z\" fill=\"%s\"/>\n",
			   C(x0 + 8).s, C(mid - 6).s, INK);
		break;
	}
	buf_printf(b, "<text x=\"%s\" y=\"%s\">", C(x0 + 20).s, C(y).s);
	markup_texts(b, text);
	buf_puts(b, "</text>\n");
	*x = x0 + 20 + text_w(text, FSS) + 14;
}

static void legend_item(struct buf *b, double *x, double *py, enum swatch sw, const char *cls,
			const char *text)
{
	legend_item_h(b, x, py, sw, cls, NULL, text);
}

/* "单位：人" at the left of the legend row, or nothing; returns where the
 * legend's swatches begin. */
static double put_unit(struct buf *b, const char *unit, double y)
{
	if (!*unit)
		return PAD;
	buf_printf(b, "<text class=\"c-unit\" x=\"%s\" y=\"%s\">单位：", C(PAD).s, C(y).s);
	markup_texts(b, unit);
	buf_puts(b, "</text>\n");
	return PAD + text_w(unit, FSS) + 3 * FSS + 14;
}

/* ---- bars ---------------------------------------------------------------- */

#define BAR_TOP 32.0 /* legend row */
#define BAR_ROW 32.0
#define BAR_H 16.0

/* The value text of a bar: "312 / 540", "— / 540", "312" or "—". */
static void bar_values(struct buf *b, const struct svg_bar *r)
{
	if (r->has_actual) {
		const char *t = str(r->actual_text);
		if (*t)
			markup_texts(b, t);
		else
			buf_puts(b, V(r->actual).s);
	} else {
		buf_puts(b, "—");
	}
	if (r->has_target) {
		const char *t = str(r->target_text);
		buf_puts(b, " / ");
		if (*t)
			markup_texts(b, t);
		else
			buf_puts(b, V(r->target).s);
	}
}

static double bar_values_w(const struct svg_bar *r)
{
	long w = 0;
	if (r->has_actual)
		w += *str(r->actual_text) ? em10(r->actual_text) : em10(V(r->actual).s);
	else
		w += 10;
	if (r->has_target)
		w += 18 + (*str(r->target_text) ? em10(r->target_text) : em10(V(r->target).s));
	if (*str(r->status_text))
		w += 6 + em10(r->status_text);
	return (double)w * FSS / 10.0;
}

/* One number of a <title>: "312人", or "—" when there is none. */
static void title_value(struct buf *b, int has, const char *text, double v, const char *unit)
{
	if (!has) {
		buf_puts(b, "—");
		return;
	}
	if (*str(text))
		markup_texts(b, text);
	else
		buf_puts(b, V(v).s);
	markup_texts(b, unit);
}

void svg_bars(struct buf *out, const char *id, const char *title, const char *desc,
	      const struct svg_bar *bars, size_t n, double expected, const char *unit)
{
	unit = str(unit);
	if (!bars)
		n = 0;
	int show_exp = expected >= 0; /* false for NaN */
	if (show_exp && expected > 1)
		expected = 1;

	long label10 = 0;
	double vmax = 0, valw = 0;
	for (size_t i = 0; i < n; i++) {
		const struct svg_bar *r = &bars[i];
		long w = em10(str(r->label));
		if (w > label10)
			label10 = w;
		if (r->has_target && drawn(r->target) > vmax)
			vmax = drawn(r->target);
		if (r->has_actual && drawn(r->actual) > vmax)
			vmax = drawn(r->actual);
		if (bar_values_w(r) > valw)
			valw = bar_values_w(r);
	}
	if (label10 > LABEL_EM * 10)
		label10 = LABEL_EM * 10;
	double x0 = PAD + (double)label10 * FS / 10.0 + 8;
	valw += 8;
	if (valw > W_BARS * 0.45)
		valw = W_BARS * 0.45;
	double pw = W_BARS - PAD - x0 - valw;
	if (pw < 60)
		pw = 60;
	double scale = vmax > 0 ? pw / vmax : 0;

	/* legend: a swatch in the colour of each status the bars show, named
	 * by its words, then the target and the pace marker; wrapped to the
	 * width, and the rows drawn below it */
	struct buf lg = BUF_INIT;
	double ly = 20;
	buf_printf(&lg, "<g class=\"c-legend\" font-size=\"%d\">\n", FSS);
	double lx = put_unit(&lg, unit, ly);
	int plain = 0;
	for (size_t i = 0; i < n; i++) {
		const struct svg_bar *r = &bars[i];
		if (!r->has_actual)
			continue;
		size_t k = 0;
		while (k < i && !(bars[k].has_actual && strcmp(str(bars[k].cls), str(r->cls)) == 0))
			k++;
		if (k < i)
			continue;
		if (*str(r->cls) && *str(r->status_text))
			legend_item(&lg, &lx, &ly, SW_STATUS, r->cls, r->status_text);
		else if (!plain++)
			legend_item(&lg, &lx, &ly, SW_STATUS, r->cls, "完成");
	}
	legend_item(&lg, &lx, &ly, SW_TARGET_BAR, NULL, "目标");
	if (show_exp)
		legend_item(&lg, &lx, &ly, SW_EXPECTED, NULL, "按时间进度应完成");
	buf_puts(&lg, "</g>\n");
	double top = BAR_TOP + (ly - 20);
	double h = top + (n ? (double)n : 1) * BAR_ROW + 8;

	open_svg(out, "chart-bars", id, title, desc, W_BARS, h);
	buf_put(out, lg.ptr, lg.len);
	buf_free(&lg);

	if (n == 0) {
		buf_printf(out, "<text class=\"c-empty\" x=\"%s\" y=\"%s\" fill=\"%s\">暂无数据</text>\n",
			   C(PAD).s, C(top + 21).s, MUTED);
		buf_puts(out, "</svg>\n");
		return;
	}

	/* the bars' baseline */
	buf_printf(out, "<line class=\"c-axis\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"/>\n",
		   C(x0).s, C(top).s, C(x0).s, C(h - 8).s, MUTED);

	for (size_t i = 0; i < n; i++) {
		const struct svg_bar *r = &bars[i];
		const char *label = str(r->label);
		double y = top + (double)i * BAR_ROW, by = y + (BAR_ROW - BAR_H) / 2;
		double tv = r->has_target ? drawn(r->target) : 0;
		double av = r->has_actual ? drawn(r->actual) : 0;
		double tw = tv * scale, aw = av * scale, end = 0;

		buf_puts(out, "<g class=\"c-row\"><title>");
		if (*label) {
			markup_texts(out, label);
			buf_puts(out, "：");
		}
		buf_puts(out, "完成 ");
		title_value(out, r->has_actual, r->actual_text, r->actual, unit);
		buf_puts(out, "，目标 ");
		title_value(out, r->has_target, r->target_text, r->target, unit);
		if (*str(r->status_text)) {
			buf_puts(out, "，");
			markup_texts(out, r->status_text);
		}
		buf_puts(out, "</title>\n");

		if (*label) {
			buf_printf(out, "<text class=\"c-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\">",
				   C(x0 - 8).s, C(by + BAR_H / 2 + 6).s);
			put_fit(out, label, LABEL_EM * 10);
			buf_puts(out, "</text>\n");
		}

		if (av > 0) {
			if (aw < 1)
				aw = 1;
			status_rect(out, "c-actual", r->cls, NULL, x0, by, aw, BAR_H);
			end = aw;
		}
		if (tv > 0) {
			if (tw < 1)
				tw = 1;
			buf_printf(out, "<rect class=\"c-target\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
					"fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
				   C(x0).s, C(by).s, C(tw).s, C(BAR_H).s, INK);
			if (tw > end)
				end = tw;
			if (show_exp) {
				double ex = x0 + expected * tw;
				buf_printf(out, "<line class=\"c-expected\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
						"stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>\n",
					   C(ex).s, C(by - 4).s, C(ex).s, C(by + BAR_H + 4).s, INK);
			}
		}

		buf_printf(out, "<text class=\"c-value\" x=\"%s\" y=\"%s\" font-size=\"%d\">",
			   C(x0 + end + 6).s, C(by + BAR_H / 2 + 5).s, FSS);
		bar_values(out, r);
		if (*str(r->status_text)) {
			buf_printf(out, "<tspan class=\"c-status\" fill=\"%s\"> ", MUTED);
			markup_texts(out, r->status_text);
			buf_puts(out, "</tspan>");
		}
		buf_puts(out, "</text>\n</g>\n");
	}
	buf_puts(out, "</svg>\n");
}

/* ---- the year along x ------------------------------------------------------ */

struct year {
	int year, jan1, ndays; /* ndays: 365 or 366 */
	double x0, pw;          /* where Jan 1 begins and the width of the year */
};

static void year_init(struct year *yr, int year, double x0, double pw)
{
	if (year < 1)
		year = 1;
	if (year > 9999)
		year = 9999;
	yr->year = year;
	yr->jan1 = date_from_ymd(year, 1, 1);
	yr->ndays = date_days_in_year(year);
	yr->x0 = x0;
	yr->pw = pw;
}

static int in_year(const struct year *yr, int day)
{
	return day >= yr->jan1 && day < yr->jan1 + yr->ndays;
}

/* x of the start of day (its end is x_of(day + 1)); days outside the year
 * are clamped to its edges. */
static double x_of(const struct year *yr, int day)
{
	if (day <= yr->jan1)
		return yr->x0;
	if (day >= yr->jan1 + yr->ndays)
		return yr->x0 + yr->pw;
	return yr->x0 + (double)(day - yr->jan1) * yr->pw / yr->ndays;
}

/* "10月31日", or "2024年1月31日" for a day outside the year. */
static void put_day(struct buf *b, const struct year *yr, int day)
{
	int lo = date_from_ymd(1, 1, 1), hi = date_from_ymd(9999, 12, 31);
	if (day < lo)
		day = lo;
	if (day > hi)
		day = hi;
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (y != yr->year)
		buf_printf(b, "%d年", y);
	buf_printf(b, "%d月%d日", m, d);
}

/* Month labels 1月, 3月 … 11月, centred in their columns, at baseline y:
 * every other month, so that at 360 units "11月" never touches "12月". */
static void month_labels(struct buf *b, const struct year *yr, double y)
{
	buf_printf(b, "<g class=\"c-tick\" font-size=\"%d\" fill=\"%s\" text-anchor=\"middle\">\n", FSS, MUTED);
	for (int m = 1; m <= 12; m += 2) {
		int a = date_from_ymd(yr->year, m, 1);
		int z = a + date_days_in_month(yr->year, m);
		buf_printf(b, "<text x=\"%s\" y=\"%s\">%d月</text>\n",
			   C((x_of(yr, a) + x_of(yr, z)) / 2).s, C(y).s, m);
	}
	buf_puts(b, "</g>\n");
}

/* The as-of line from y1 to y2 and its words at baseline ly. */
static void asof_line(struct buf *b, const struct year *yr, int as_of, double y1, double y2, double ly)
{
	double x = x_of(yr, as_of + 1); /* the end of that day */
	const char *anchor = x > yr->x0 + yr->pw * 0.75 ? "end" : "start";
	double tx = *anchor == 'e' ? x - 4 : x + 4;
	buf_printf(b, "<line class=\"c-asof\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
		   C(x).s, C(y1).s, C(x).s, C(y2).s, MARK);
	buf_printf(b, "<text class=\"c-asof-label\" x=\"%s\" y=\"%s\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\">截至",
		   C(tx).s, C(ly).s, FSS, MARK, anchor);
	put_day(b, yr, as_of);
	buf_puts(b, "</text>\n");
}

/* ---- progress -------------------------------------------------------------- */

#define PR_TOP 48.0 /* legend row, then the as-of words */
#define PR_H 200.0  /* plot height */

static int point_cmp(const void *pa, const void *pb)
{
	const struct svg_point *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->value != b->value)
		return a->value < b->value ? -1 : 1;
	return 0;
}

/* A scale of round steps (1, 2 or 5 × 10^k) from 0 to at least max. */
struct ticks {
	double step, top;
	int count, decimals;
};

static void ticks_init(struct ticks *t, double max)
{
	if (!(max > 1e-9))
		max = max > 0 ? 1e-9 : 5; /* nothing to show: 0 … 5 in whole steps */
	double raw = max / 5;
	int k = (int)floor(log10(raw));
	double p = pow(10, k);
	double f = raw / p;
	int m = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
	if (m == 10) {
		m = 1;
		k++;
		p = pow(10, k);
	}
	t->step = m * p;
	t->count = (int)ceil(max / t->step - 1e-9);
	if (t->count < 1)
		t->count = 1;
	if (t->count > 10)
		t->count = 10;
	t->top = t->count * t->step;
	t->decimals = k < 0 ? (k < -12 ? 12 : -k) : 0;
}

static struct num tick_text(const struct ticks *t, int i)
{
	struct num n;
	double v = i * t->step;
	if (i == 0)
		snprintf(n.s, sizeof n.s, "0");
	else if (v >= 1e15)
		snprintf(n.s, sizeof n.s, "%.6g", v);
	else
		snprintf(n.s, sizeof n.s, "%.*f", t->decimals, v);
	return n;
}

void svg_progress(struct buf *out, const char *id, const char *title, const char *desc,
		  int year, const struct svg_point *pts, size_t n, const struct svg_line *line,
		  int as_of, const char *unit)
{
	static const struct svg_line none = { 0, 0, 0, 0, NULL };
	if (!line)
		line = &none;
	double target = line->value;
	int has_target = line->has;
	int has_pace = has_target && line->pace_to && line->pace_to >= line->pace_from;
	const char *label = line->label ? line->label : "目标";
	unit = str(unit);
	if (!pts)
		n = 0;
	struct year yr;
	year_init(&yr, year, 0, 0);

	/* the points of the year, in date order */
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += in_year(&yr, pts[i].date);
	struct svg_point *p = m ? xmalloc(m * sizeof(*p)) : NULL;
	m = 0;
	for (size_t i = 0; i < n; i++) {
		if (!in_year(&yr, pts[i].date))
			continue;
		p[m] = pts[i];
		if (!isfinite(p[m].value))
			p[m].value = 0;
		m++;
	}
	if (m > 1)
		qsort(p, m, sizeof(*p), point_cmp);

	double tv = has_target ? drawn(target) : 0, ymax = tv;
	for (size_t i = 0; i < m; i++)
		if (drawn(p[i].value) > ymax)
			ymax = drawn(p[i].value);
	struct ticks tk;
	ticks_init(&tk, ymax);

	double tickw = 0;
	for (int i = 0; i <= tk.count; i++) {
		double w = text_w(tick_text(&tk, i).s, FSS);
		if (w > tickw)
			tickw = w;
	}
	double x0 = PAD + tickw + 6, x1 = W_PROGRESS - PAD - 4;
	struct buf lg = BUF_INIT;
	double ly = 20;
	buf_printf(&lg, "<g class=\"c-legend\" font-size=\"%d\">\n", FSS);
	double lx = put_unit(&lg, unit, ly);
	legend_item(&lg, &lx, &ly, SW_ACTUAL_LINE, NULL, "累计完成");
	if (has_target)
		legend_item(&lg, &lx, &ly, SW_TARGET_LINE, NULL, label);
	if (has_pace)
		legend_item(&lg, &lx, &ly, SW_EXPECTED, NULL, "按时间进度应完成");
	buf_puts(&lg, "</g>\n");

	double pt = PR_TOP + (ly - 20), pb = pt + PR_H;
	double h = pb + 32;
	yr.x0 = x0;
	yr.pw = x1 - x0;
#define Y(v) (pb - drawn(v) / tk.top * PR_H)

	open_svg(out, "chart-progress", id, title, desc, W_PROGRESS, h);
	buf_put(out, lg.ptr, lg.len);
	buf_free(&lg);

	/* y grid and ticks */
	buf_printf(out, "<g class=\"c-grid\" stroke=\"%s\">\n", LINE);
	for (int i = 1; i <= tk.count; i++) {
		double y = pb - (double)i / tk.count * PR_H;
		buf_printf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n",
			   C(x0).s, C(y).s, C(x1).s, C(y).s);
	}
	buf_puts(out, "</g>\n");
	buf_printf(out, "<g class=\"c-tick\" font-size=\"%d\" fill=\"%s\" text-anchor=\"end\">\n", FSS, MUTED);
	for (int i = 0; i <= tk.count; i++) {
		double y = pb - (double)i / tk.count * PR_H;
		buf_printf(out, "<text x=\"%s\" y=\"%s\">%s</text>\n", C(x0 - 6).s, C(y + 5).s,
			   tick_text(&tk, i).s);
	}
	buf_puts(out, "</g>\n");
	month_labels(out, &yr, pb + 20);
	buf_printf(out, "<path class=\"c-axis\" d=\"M%s %sV%sH%s\" fill=\"none\" stroke=\"%s\"/>\n",
		   C(x0).s, C(pt).s, C(pb).s, C(x1).s, MUTED);
	/* month ticks on the x axis */
	buf_puts(out, "<path class=\"c-axis\" d=\"");
	for (int mo = 2; mo <= 12; mo++)
		buf_printf(out, "M%s %sv5", C(x_of(&yr, date_from_ymd(yr.year, mo, 1))).s, C(pb).s);
	buf_printf(out, "\" stroke=\"%s\"/>\n", MUTED);

	if (has_target) {
		double ty = Y(tv);
		buf_printf(out, "<line class=\"c-target\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
			   C(x0).s, C(ty).s, C(x1).s, C(ty).s, INK);
		if (has_pace) {
			/* from 0 at the start of pace_from to the value at the end of
			 * pace_to, clipped to the year */
			double d0 = line->pace_from, d1 = line->pace_to + 1.0;
			double a = d0 < yr.jan1 ? yr.jan1 : d0, b = d1 > yr.jan1 + yr.ndays ? yr.jan1 + yr.ndays : d1;
			if (b > a) {
				double va = (a - d0) / (d1 - d0) * tv, vb = (b - d0) / (d1 - d0) * tv;
				double xa = x0 + (a - yr.jan1) * yr.pw / yr.ndays;
				double xb = x0 + (b - yr.jan1) * yr.pw / yr.ndays;
				buf_printf(out, "<line class=\"c-expected\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
						"stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
					   C(xa).s, C(Y(va)).s, C(xb).s, C(Y(vb)).s, INK);
			}
		}
		buf_printf(out, "<text class=\"c-value\" x=\"%s\" y=\"%s\" font-size=\"%d\">",
			   C(x0 + 6).s, C(ty - 6).s, FSS);
		markup_texts(out, label);
		buf_puts(out, " ");
		buf_puts(out, V(target).s);
		buf_puts(out, "</text>\n");
	}

	if (as_of && in_year(&yr, as_of))
		asof_line(out, &yr, as_of, pt - 4, pb, pt - 8);

	if (m > 0) {
		buf_printf(out, "<polyline class=\"c-actual\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"", BLUE);
		for (size_t i = 0; i < m; i++)
			buf_printf(out, "%s%s,%s", i ? " " : "", C(x_of(&yr, p[i].date + 1)).s,
				   C(Y(p[i].value)).s);
		buf_puts(out, "\"/>\n");
		for (size_t i = 0; i < m; i++) {
			buf_printf(out, "<circle class=\"c-dot\" cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"%s\"><title>",
				   C(x_of(&yr, p[i].date + 1)).s, C(Y(p[i].value)).s, BLUE);
			put_day(out, &yr, p[i].date);
			buf_printf(out, "：%s", V(p[i].value).s);
			markup_texts(out, unit);
			buf_puts(out, "</title></circle>\n");
		}
		/* the latest value, written by its dot: at the first of four
		 * corners where it crosses neither the pace line, nor the as-of
		 * line, nor the target's words, and stays in the plot */
		double lxp = x_of(&yr, p[m - 1].date + 1), lyp = Y(p[m - 1].value);
		const char *vt = V(p[m - 1].value).s;
		double vw = text_w(vt, FSS);
		double asx = as_of && in_year(&yr, as_of) ? x_of(&yr, as_of + 1) : -1;
		double pace[4] = { 0, 0, 0, 0 };
		if (has_target && has_pace) {
			double d0 = line->pace_from, d1 = line->pace_to + 1.0;
			double a = d0 < yr.jan1 ? yr.jan1 : d0, b = d1 > yr.jan1 + yr.ndays ? yr.jan1 + yr.ndays : d1;
			if (b > a) {
				pace[0] = x0 + (a - yr.jan1) * yr.pw / yr.ndays;
				pace[1] = Y((a - d0) / (d1 - d0) * tv);
				pace[2] = x0 + (b - yr.jan1) * yr.pw / yr.ndays;
				pace[3] = Y((b - d0) / (d1 - d0) * tv);
			}
		}
		static const double corner[4][2] = { { 1, -1 }, { 1, 1 }, { -1, -1 }, { -1, 1 } };
		double tx = lxp, ty = lyp - 9;
		const char *anchor = "middle";
		for (int k = 0; k < 4; k++) {
			double bx0 = corner[k][0] > 0 ? lxp + 7 : lxp - 7 - vw, bx1 = bx0 + vw;
			double by1 = corner[k][1] < 0 ? lyp - 6 : lyp + 17, by0 = by1 - 12;
			int bad = bx0 < x0 + 2 || bx1 > x1 || by0 < pt || by1 > pb - 2;
			bad |= asx >= bx0 - 2 && asx <= bx1 + 2;
			bad |= has_target && Y(tv) >= by0 - 2 && Y(tv) <= by1 + 2 && bx0 < x0 + 6 + text_w(label, FSS) + 60;
			for (int i = 0; i <= 40 && !bad && pace[2] > pace[0]; i++) {
				double x = pace[0] + (pace[2] - pace[0]) * i / 40, y = pace[1] + (pace[3] - pace[1]) * i / 40;
				bad |= x >= bx0 - 2 && x <= bx1 + 2 && y >= by0 - 2 && y <= by1 + 2;
			}
			if (!bad) {
				tx = corner[k][0] > 0 ? bx0 : bx1;
				ty = by1 - 2;
				anchor = corner[k][0] > 0 ? "start" : "end";
				break;
			}
		}
		buf_printf(out, "<text class=\"c-value\" x=\"%s\" y=\"%s\" font-size=\"%d\" text-anchor=\"%s\">%s</text>\n",
			   C(tx).s, C(ty).s, FSS, anchor, vt);
	}
#undef Y
	buf_puts(out, "</svg>\n");
	free(p);
}

/* ---- timeline ------------------------------------------------------------- */

#define TL_HEAD 24.0   /* month names */
#define TL_GROUP 28.0  /* group heading row */
#define TL_ITEM 42.0   /* item: its name's line, then its bar */
#define TL_FIT 200     /* a name (and status) fits 20 em: a phone's 343 px at 16 px */
#define TL_MIN 0.8     /* the narrowest bar, in percent: 3 px at 375 px */
#define TL_BAR 12.0

/* The planned dates of an item for its <title>: "7月1日—12月31日、10月1日—10月31日",
 * "11月30日前", "未排期". */
static void put_planned(struct buf *b, const struct year *yr, const struct svg_item *it)
{
	if (it->nspans == 0 || !it->spans) {
		buf_puts(b, "未排期");
		return;
	}
	for (size_t i = 0; i < it->nspans; i++) {
		int a = it->spans[i].start, z = it->spans[i].end;
		if (a > z) {
			int t = a;
			a = z;
			z = t;
		}
		if (i)
			buf_puts(b, "、");
		if (it->deadline) {
			put_day(b, yr, z);
			buf_puts(b, "前");
			continue;
		}
		put_day(b, yr, a);
		if (z != a) {
			buf_puts(b, "—");
			put_day(b, yr, z);
		}
	}
}

/* The statuses a timeline's legend names, in this order, by the class of
 * their bars; the words are those of the status tags. */
static const struct {
	const char *cls, *word;
} tl_status[] = {
	{ "st-done", "已完成" },        { "st-late", "晚于计划完成" },    { "st-active", "推进中" },
	{ "st-due", "即将到期" },       { "st-overdue", "已逾期" },       { "st-upcoming", "未到计划时间" },
	{ "st-notstarted", "未开始" },  { "st-unreported", "未报告进展" }, { "st-cancelled", "已取消" },
};

/* x of a day as a percentage of the chart's width. */
static const char *pct(struct buf *b, double x)
{
	buf_clear(b);
	buf_printf(b, "%s%%", C(x).s);
	return b->ptr;
}

/* The timeline is drawn without a viewBox: x in percent of the width it is
 * given, y and text in CSS pixels. So it fills its column at any width, on
 * a phone as on a desk, and its text keeps the page's sizes (16 and 14 px).
 * Its legend is an HTML list before it, wrapped by the browser, with the
 * keys of the tally bars (style.css: .legend .key.st-*). */
void svg_timeline(struct buf *out, const char *id, const char *title, const char *desc,
		  int year, const struct svg_group *groups, size_t ngroups, int as_of)
{
	if (!groups)
		ngroups = 0;
	size_t rows = 0;
	int deadlines = 0, plain = 0;
	unsigned used = 0; /* bit k: tl_status[k] is shown */
	for (size_t g = 0; g < ngroups; g++) {
		size_t ni = groups[g].items ? groups[g].n : 0;
		for (size_t i = 0; i < ni; i++) {
			const struct svg_item *it = &groups[g].items[i];
			if (it->nspans == 0 || !it->spans)
				continue;
			deadlines |= it->deadline;
			size_t k = 0;
			while (k < sizeof tl_status / sizeof *tl_status && strcmp(str(it->cls), tl_status[k].cls) != 0)
				k++;
			if (k < sizeof tl_status / sizeof *tl_status)
				used |= 1u << k;
			else
				plain = 1;
		}
		rows += ni;
	}

	/* legend: every colour and pattern the bars use, named; then the
	 * deadline mark */
	buf_puts(out, "<ul class=\"legend chart-legend\">");
	if (plain || (!used && rows))
		buf_puts(out, "<li><span class=\"key st-plain\" aria-hidden=\"true\"></span>计划时间</li>");
	for (size_t k = 0; k < sizeof tl_status / sizeof *tl_status; k++)
		if (used & (1u << k))
			buf_printf(out, "<li><span class=\"key %s\" aria-hidden=\"true\"></span>%s</li>",
				   tl_status[k].cls, tl_status[k].word);
	if (deadlines)
		buf_puts(out, "<li><span class=\"key key-deadline\" aria-hidden=\"true\"></span>完成时限</li>");
	buf_puts(out, "</ul>\n");

	/* the hatch of 未报告进展, one per chart: ids are the page's */
	struct buf hid = BUF_INIT, xa_s = BUF_INIT, xz_s = BUF_INIT;
	buf_printf(&hid, "%s-hatch", str(id));
	const char *hatch = hid.ptr;

	/* Each item takes two lines across the whole width: its name and its
	 * status in words, then its bars. */
	struct year yr;
	year_init(&yr, year, 0, 100);
	double top = TL_HEAD;
	double body = (double)ngroups * TL_GROUP + (double)rows * TL_ITEM;
	if (ngroups == 0)
		body = TL_ITEM;
	double yb = top + body;
	int show_asof = as_of && in_year(&yr, as_of);
	double h = yb + (show_asof ? 28 : 8);

	id = str(id);
	buf_puts(out, "<svg class=\"chart chart-timeline\" role=\"img\" aria-labelledby=\"");
	markup_texts(out, id);
	buf_puts(out, "-title ");
	markup_texts(out, id);
	buf_printf(out, "-desc\" width=\"100%%\" height=\"%s\" font-family=\"inherit\" font-size=\"%d\" "
			"xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"", C(h).s, FS);
	markup_texts(out, id);
	buf_puts(out, "-title\">");
	markup_texts(out, str(title));
	buf_puts(out, "</title>\n<desc id=\"");
	markup_texts(out, id);
	buf_puts(out, "-desc\">");
	markup_texts(out, str(desc));
	buf_puts(out, "</desc>\n<defs><pattern id=\"");
	markup_texts(out, hatch);
	buf_printf(out, "\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
		   "<rect width=\"5\" height=\"5\" fill=\"#fff\"/><rect width=\"2\" height=\"5\" fill=\"%s\"/></pattern></defs>\n", MUTED);

	/* month names, every other month so that they never touch */
	buf_printf(out, "<g class=\"c-tick\" font-size=\"%d\" fill=\"%s\" text-anchor=\"middle\">\n", FSS, MUTED);
	for (int m = 1; m <= 12; m += 2) {
		int a = date_from_ymd(yr.year, m, 1);
		int z = a + date_days_in_month(yr.year, m);
		buf_printf(out, "<text x=\"%s\" y=\"%s\">%d月</text>\n",
			   pct(&xa_s, (x_of(&yr, a) + x_of(&yr, z)) / 2), C(top - 7).s, m);
	}
	buf_puts(out, "</g>\n");
	/* group bands go under the grid */
	double y = top;
	for (size_t g = 0; g < ngroups; g++) {
		buf_printf(out, "<rect class=\"c-group-band\" x=\"0\" y=\"%s\" width=\"100%%\" height=\"%s\" fill=\"%s\"/>\n",
			   C(y).s, C(TL_GROUP).s, SOFT);
		y += TL_GROUP + (double)(groups[g].items ? groups[g].n : 0) * TL_ITEM;
	}
	buf_printf(out, "<g class=\"c-grid\" stroke=\"%s\">\n", LINE);
	for (int m = 2; m <= 12; m++) {
		const char *x = pct(&xa_s, x_of(&yr, date_from_ymd(yr.year, m, 1)));
		buf_printf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", x, C(top).s, x, C(yb).s);
	}
	buf_puts(out, "</g>\n");

	if (ngroups == 0)
		buf_printf(out, "<text class=\"c-empty\" x=\"0\" y=\"%s\" fill=\"%s\">暂无安排</text>\n",
			   C(top + 18).s, MUTED);

	y = top;
	for (size_t g = 0; g < ngroups; g++) {
		const struct svg_group *gr = &groups[g];
		buf_printf(out, "<text class=\"c-group\" x=\"4\" y=\"%s\" font-weight=\"bold\">", C(y + 19).s);
		put_fit(out, str(gr->label), TL_FIT);
		buf_puts(out, "</text>\n");
		y += TL_GROUP;
		size_t ni = gr->items ? gr->n : 0;
		for (size_t i = 0; i < ni; i++, y += TL_ITEM) {
			const struct svg_item *it = &gr->items[i];
			const char *label = str(it->label);
			double by = y + TL_ITEM - TL_BAR - 6;

			buf_puts(out, "<g class=\"c-row\"><title>");
			if (*label) {
				markup_texts(out, label);
				buf_puts(out, "：");
			}
			put_planned(out, &yr, it);
			int unscheduled = it->nspans == 0 || !it->spans;
			const char *st = str(it->status_text);
			if (*st && !(unscheduled && strcmp(st, "未排期") == 0)) {
				buf_puts(out, "，");
				markup_texts(out, st);
			}
			buf_puts(out, "</title>\n");

			/* The name, then the status in words, so that no state is
			 * told by colour alone; the name is cut to what fits a
			 * phone's column beside the status. No links: the chart is
			 * an image (role="img" hides its children), and the table
			 * beside it has them. */
			if (unscheduled)
				st = "未排期";
			buf_printf(out, "<text class=\"c-label\" x=\"0\" y=\"%s\">", C(y + 16).s);
			if (*label)
				put_fit(out, label, TL_FIT - (*st ? em10(st) * FSS / FS + 10 : 0));
			if (*st) {
				buf_printf(out, "<tspan class=\"c-status\" font-size=\"%d\" fill=\"%s\">%s", FSS, MUTED,
					   *label ? " · " : "");
				markup_texts(out, st);
				buf_puts(out, "</tspan>");
			}
			buf_puts(out, "</text>\n");

			for (size_t s = 0; it->spans && s < it->nspans; s++) {
				int a = it->spans[s].start, z = it->spans[s].end;
				if (a > z) {
					int t = a;
					a = z;
					z = t;
				}
				int last = yr.jan1 + yr.ndays - 1;
				if (z < yr.jan1 || a > last)
					continue; /* wholly outside the year */
				if (a < yr.jan1)
					a = yr.jan1;
				int zc = z > last ? last : z;
				double xa = x_of(&yr, a), xz = x_of(&yr, zc + 1);
				if (xz - xa < TL_MIN) { /* a day is narrow: keep it visible */
					xa = (xa + xz) / 2 - TL_MIN / 2;
					if (xa + TL_MIN > 100)
						xa = 100 - TL_MIN;
					if (xa < 0)
						xa = 0;
					xz = xa + TL_MIN;
				}
				buf_printf(out, "<rect class=\"c-bar");
				if (*str(it->cls)) {
					buf_putc(out, ' ');
					markup_texts(out, it->cls);
				}
				buf_printf(out, "\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"", pct(&xa_s, xa), C(by).s,
					   pct(&xz_s, xz - xa), C(TL_BAR).s);
				status_paint(out, it->cls, hatch);
				buf_puts(out, "/>\n");
				if (it->deadline && z <= last) {
					/* the diamond at the end: a 12 px square turned, its
					 * centre on the day's end */
					buf_printf(out, "<svg class=\"c-deadline\" x=\"%s\" y=\"%s\" width=\"12\" height=\"12\" overflow=\"visible\">"
							"<path d=\"M0 -6l6 6-6 6-6-6z\" transform=\"translate(0 6)\" fill=\"%s\"/></svg>\n",
						   pct(&xa_s, x_of(&yr, z + 1)), C(by).s, INK);
				}
			}
			buf_puts(out, "</g>\n");
		}
	}

	/* The as-of line crosses the bars only, one piece per item, so that
	 * it never runs through the names and status words above them. */
	if (show_asof) {
		double xv = x_of(&yr, as_of + 1);
		const char *x = pct(&xa_s, xv);
		buf_printf(out, "<g class=\"c-asof\" stroke=\"%s\" stroke-width=\"1.5\">\n", MARK);
		y = top;
		for (size_t g = 0; g < ngroups; g++) {
			y += TL_GROUP;
			size_t ni = groups[g].items ? groups[g].n : 0;
			for (size_t i = 0; i < ni; i++, y += TL_ITEM) {
				double by = y + TL_ITEM - TL_BAR - 6;
				buf_printf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", x, C(by - 2).s, x,
					   C(by + TL_BAR + 3).s);
			}
		}
		buf_printf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", x, C(yb - 2).s, x, C(yb + 6).s);
		buf_puts(out, "</g>\n");
		const char *anchor = xv > 75 ? "end" : "start";
		buf_printf(out, "<text class=\"c-asof-label\" x=\"%s\" dx=\"%d\" y=\"%s\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\">截至",
			   x, *anchor == 'e' ? -4 : 4, C(yb + 20).s, FSS, MARK, anchor);
		put_day(out, &yr, as_of);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</svg>\n");
	buf_free(&hid);
	buf_free(&xa_s);
	buf_free(&xz_s);
}
