/* check: consistency across the model, after loading.
 *
 * - A breakdown must add up: for every column that others are part of
 *   (`of`), the parts written for an indicator sum to the column's value;
 *   the columns that are part of nothing sum to the target — or, when the
 *   file names a `total` column, that column's value is the target.
 * - A 其中 sub-indicator in the same unit is not larger than its parent,
 *   in total and in every column.
 * - Actual values are cumulative: they never go down over time (per
 *   column).
 * Only plain numbers and lower bounds are added up: a range, a ceiling or
 * a target for each part (各5名) says nothing a sum could check.
 * Where the document itself does not add up, the indicator's
 * `discrepancy` says so and the check stays quiet about it (and warns if
 * the figures do add up after all, so the note does not go stale). */
#include "model.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "value.h"

#include <math.h>
#include <string.h>

static int same(double a, double b)
{
	return fabs(a - b) < 1e-6 * (fabs(a) + fabs(b) + 1);
}

/* A figure a sum can take: a number or a lower bound, written out. */
static int summable(const struct figure *f)
{
	return f->text && f->is_num && !f->reading.each &&
	       (f->reading.kind == TARGET_EXACT || f->reading.kind == TARGET_AT_LEAST);
}

static const struct cell *cell_of(const struct indicator *ind, const struct column *col)
{
	for (size_t i = 0; i < ind->ncells; i++)
		if (ind->cells[i].col == col)
			return &ind->cells[i];
	return NULL;
}

/* Sum the numeric cells of ind in columns that are part of `of` (NULL: the
 * top level). Returns how many cells were summed; *text lists them. */
static size_t sum_parts(const struct plan *p, const struct indicator *ind, const struct column *of,
			double *sum, struct buf *text)
{
	size_t n = 0;
	*sum = 0;
	for (size_t i = 0; i < p->nicols; i++) {
		const struct column *c = &p->icols[i];
		if (c->of != of || c == p->total_col)
			continue;
		const struct cell *cell = cell_of(ind, c);
		if (!cell || !summable(&cell->value))
			continue;
		*sum += cell->value.num;
		buf_printf(text, "%s%s %s", n ? " + " : "", c->label, cell->value.text);
		n++;
	}
	return n;
}

/* One breakdown comparison; returns 1 if it does not add up. *compared
 * counts the comparisons made (two parts or more). */
static int compare(struct diag *d, const struct indicator *ind, const struct val *at,
		   const char *whole_label, double whole, size_t nparts, double sum,
		   const struct buf *parts, int *compared)
{
	if (nparts < 2)
		return 0;
	++*compared;
	if (same(sum, whole))
		return 0;
	if (!ind->discrepancy) {
		struct buf s = BUF_INIT, w = BUF_INIT;
		number_put(&s, sum);
		number_put(&w, whole);
		diag_at(d, DIAG_WARNING, at,
			"核对原文；如果原表本身就不相符，在这个指标下写 discrepancy: 说明，网站会照原样显示并注明",
			"指标 \"%s\" 的分解不相符：%s = %s，而%s是 %s", ind->name, parts->ptr, s.ptr,
			whole_label, w.ptr);
		buf_free(&s);
		buf_free(&w);
	}
	return 1;
}

static void check_breakdown(const struct plan *p, const struct indicator *ind, struct diag *d)
{
	struct buf parts = BUF_INIT;
	double sum;
	size_t n;
	int mismatches = 0, compared = 0;
	if (!ind->ncells || !p->nicols || ind->target.reading.each)
		return;
	/* Top level: against the target (or the total column against it). */
	if (summable(&ind->target)) {
		if (p->total_col) {
			const struct cell *tc = cell_of(ind, p->total_col);
			compared += tc && summable(&tc->value);
			if (tc && summable(&tc->value) && !same(tc->value.num, ind->target.num)) {
				diag_at(d, DIAG_WARNING, tc->value.node, "合计列的值应当等于 target",
					"指标 \"%s\" 的 %s 列是 %s，而目标值是 %s", ind->name,
					p->total_col->label, tc->value.text, ind->target.text);
				mismatches++;
			}
		} else {
			n = sum_parts(p, ind, NULL, &sum, &parts);
			mismatches += compare(d, ind, ind->target.node, "目标值", ind->target.num, n, sum, &parts,
					      &compared);
		}
	}
	/* Every column that has parts. */
	for (size_t i = 0; i < p->nicols; i++) {
		const struct column *c = &p->icols[i];
		const struct cell *whole = cell_of(ind, c);
		if (!whole || !summable(&whole->value))
			continue;
		buf_clear(&parts);
		n = sum_parts(p, ind, c, &sum, &parts);
		struct buf label = BUF_INIT;
		buf_printf(&label, "%s列", c->label);
		mismatches += compare(d, ind, whole->value.node, label.ptr, whole->value.num, n, sum, &parts,
				      &compared);
		buf_free(&label);
	}
	if (ind->discrepancy && compared && !mismatches)
		diag_at(d, DIAG_WARNING, val_get(ind->node, "discrepancy"),
			"删掉 discrepancy 这一行，或核对分解数",
			"指标 \"%s\" 写了 discrepancy，但分解数是相符的", ind->name);
	buf_free(&parts);
}

static void check_child(const struct plan *p, const struct indicator *ind, struct diag *d)
{
	const struct indicator *par = ind->parent;
	(void)p;
	if (!par || !ind->unit || !par->unit || strcmp(ind->unit, par->unit) != 0)
		return;
	if (summable(&ind->target) && summable(&par->target) && ind->target.num > par->target.num + 1e-9)
		diag_at(d, DIAG_WARNING, ind->target.node, "“其中”项是上一级的一部分，不应更大；核对两个目标值",
			"“其中”项 \"%s\" 的目标 %s 大于上一级 \"%s\" 的 %s", ind->name, ind->target.text,
			par->name, par->target.text);
	for (size_t i = 0; i < ind->ncells; i++) {
		const struct cell *c = &ind->cells[i], *pc = NULL;
		for (size_t k = 0; k < par->ncells && !pc; k++)
			if (strcmp(par->cells[k].key, c->key) == 0)
				pc = &par->cells[k];
		if (pc && summable(&c->value) && summable(&pc->value) && c->value.num > pc->value.num + 1e-9)
			diag_at(d, DIAG_WARNING, c->value.node, "“其中”项是上一级的一部分，不应更大；核对两个数",
				"“其中”项 \"%s\" 在 %s 的 %s 大于上一级的 %s", ind->name,
				c->col ? c->col->label : c->key, c->value.text, pc->value.text);
	}
}

/* Actual values are sorted by date (status.c runs first). */
static void check_cumulative(const struct indicator *ind, struct diag *d)
{
	for (size_t i = 0; i < ind->nactuals; i++) {
		const struct actual *a = &ind->actuals[i];
		for (size_t k = i; k-- > 0;) {
			const struct actual *b = &ind->actuals[k];
			int same_col = a->region ? b->region && strcmp(a->region, b->region) == 0 : !b->region;
			if (!same_col)
				continue;
			if (a->value.num + 1e-9 < b->value.num) {
				struct buf day = BUF_INIT;
				date_put_iso(&day, b->date);
				diag_at(d, DIAG_WARNING, a->value.node,
					"完成值是从年初起的累计数，不会减少；核对数值，或检查是否填成了当月数",
					"累计完成值从 %s（%s）减少到 %s", b->value.text, day.ptr, a->value.text);
				buf_free(&day);
			}
			break;
		}
	}
}

void site_check(const struct site *s, struct diag *d)
{
	for (size_t i = 0; i < s->nplans; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t k = 0; k < p->nall_indicators; k++) {
			const struct indicator *ind = p->all_indicators[k];
			check_breakdown(p, ind, d);
			check_child(p, ind, d);
			check_cumulative(ind, d);
		}
	}
}
