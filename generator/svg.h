/* svg: charts drawn by the generator, as inline SVG in the page.
 *
 * Charts add no information of their own: every chart carries a <title>
 * and a <desc>, and the page shows the same numbers in a table next to it.
 * Status is never told by colour alone: marks carry a CSS class for colour
 * (styled by the site's stylesheet) and a <title> with the words.
 * Output is deterministic (fixed precision, no locale) and escaped.
 *
 * Each function appends one <svg> element to out (the timeline: its legend,
 * an HTML <ul class="legend chart-legend">, then the <svg>). Any string may be NULL
 * (read as ""); negative, NaN and infinite values are drawn as 0; the CSS
 * classes the charts use are listed at the top of svg.c. */
#ifndef GONGKAI_SVG_H
#define GONGKAI_SVG_H

#include <stddef.h>

struct buf;

/* One bar of a bar chart: actual against target, for one region. */
struct svg_bar {
	const char *label;        /* row label (region): 如皋 */
	double target;            /* used when has_target */
	double actual;            /* used when has_actual */
	int has_target, has_actual;
	const char *target_text;  /* target as written, for the label: "540" (NULL: from target) */
	const char *actual_text;  /* actual as written: "312" (NULL: from actual) */
	const char *cls;          /* CSS class of the actual bar: "st-ontrack", "st-behind" … */
	const char *status_text;  /* words for the bar's <title>: "进度正常" */
};

/* Horizontal bars, one row per item: the target as an outlined bar, the
 * actual as a filled bar over it, value labels at the bar ends, and, when
 * expected >= 0, a dashed marker at that share of each row's target ("where
 * it should be by now"; more than 1 counts as 1). All rows share one scale,
 * 0 … the largest target or actual. id must be unique in the page (it
 * prefixes the ids of <title> and <desc>). */
void svg_bars(struct buf *out, const char *id, const char *title, const char *desc,
	      const struct svg_bar *bars, size_t n, double expected, const char *unit);

/* A dated value. */
struct svg_point {
	int date;     /* date.h day number */
	double value;
};

/* The line a progress chart measures against: a target (reached from
 * below) or a ceiling, and the days the expected pace runs over. */
struct svg_line {
	double value;     /* the target, or the ceiling */
	int has;          /* 0: no line at all */
	int pace_from;    /* the pace runs from 0 on this day (day number) … */
	int pace_to;      /* … to value at the end of this one; 0: no pace line */
	const char *label; /* its words: 目标, 上限 (NULL: 目标) */
};

/* Cumulative values over the plan's year: x is the year (Jan 1 – Dec 31,
 * month ticks labelled 1月 … 12月), y is 0 … max(line, values). Draws the
 * values as a line with a dot per point, the line (if line->has) as a
 * horizontal line with its label, the expected pace as a dashed line from
 * 0 at the start of pace_from to the value at the end of pace_to (clipped
 * to the year), and a vertical line at as_of (if nonzero), labelled with
 * its date. A value and the as_of line stand at the end of their day;
 * points need not be sorted, and those outside the year are left out.
 * line may be NULL. */
void svg_progress(struct buf *out, const char *id, const char *title, const char *desc,
		  int year, const struct svg_point *pts, size_t n, const struct svg_line *line,
		  int as_of, const char *unit);

/* A scheduled item for the timeline. */
struct svg_span {
	int start, end; /* inclusive day numbers */
};

struct svg_item {
	const char *label;          /* row label (the activity) */
	const char *href;           /* the row in the table beside the chart, or NULL: not drawn
				     * (the chart holds nothing focusable; the table has the link) */
	const struct svg_span *spans;
	size_t nspans;              /* 0: unscheduled, drawn as "未排期" text */
	int deadline;               /* 1: the single span is "by its end": draw a marker at the end */
	const char *cls;            /* CSS class for the bars: "st-done", "st-overdue" … */
	const char *status_text;    /* words for the row's <title>: "已完成" */
};

struct svg_group {
	const char *label;          /* the unit */
	const struct svg_item *items;
	size_t n;
};

/* A month-by-month timeline of the plan's year, drawn without a viewBox
 * (x in percent of its width, y and text in pixels) so that it fills any
 * column: twelve month columns, a heading row per group (unit) and two
 * lines per item (its label followed by its status words, then each span a
 * bar), an HTML legend before it naming every status its bars show, and a
 * line at as_of (if nonzero) across the bars, labelled with its date at
 * the foot; id also names the chart's hatch pattern (<id>-hatch), so it
 * must be unique in the page. Items whose spans leave the year are clipped
 * to it (their <title> keeps the dates as planned); a span of a day is
 * drawn 0.8 % wide, so that it shows. */
void svg_timeline(struct buf *out, const char *id, const char *title, const char *desc,
		  int year, const struct svg_group *groups, size_t ngroups, int as_of);

#endif
