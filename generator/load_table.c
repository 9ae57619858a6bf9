/* load_table: a plan's table (schedule.yaml) as the document prints it.
 *
 * The file lists the table's headers as printed, in the document's order
 * (`columns`); each header has a meaning (header.h), known from its words
 * or given by the staff (`- 资金规模: 其他`). A row keeps each cell under
 * the field of its column's meaning (unit, detail, when …) or under the
 * header itself.
 *
 * Documents print one cell over several rows in some columns (序号, 类型,
 * 部门 …). In those columns — the ones `merged` lists, or by default the
 * 序号, 类别, 责任单位, 牵头单位 and 活动 columns — a cell the row leaves
 * out is merged with the cell above; in the others a cell left out is
 * blank, so that a 备注 written once is never spread over the table. ""
 * is a blank cell in any column.
 *
 * Files written before headers had meanings listed four headers that were
 * read by position (部门, 活动, 内容, 时间). Where such a file's headers
 * are known words, it reads the same now; where they are not, the error
 * says which meaning the position had. */
#include "load_table.h"
#include "load_names.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"
#include "value.h"

#include <string.h>

/* The meanings, in the order a file without `columns` shows them. */
static const enum col_meaning default_order[] = {
	COL_NO, COL_CATEGORY, COL_UNIT, COL_LEAD, COL_PARTNER, COL_ACTIVITY, COL_DETAIL,
	COL_WHEN, COL_OUTCOME, COL_GOAL, COL_LEADER, COL_REMARK,
};

/* What the four positions meant before headers had meanings. */
static const enum col_meaning legacy[] = { COL_UNIT, COL_ACTIVITY, COL_DETAIL, COL_WHEN };

static void meanings_list(struct buf *b)
{
	for (int m = 0; m < COL_NMEANINGS; m++)
		buf_printf(b, "%s%s", m ? "、" : "", meaning_name((enum col_meaning)m));
}

/* Does some row write field f? */
static int rows_use(const struct val *rows, const char *f)
{
	for (size_t i = 0; rows && rows->kind == VAL_LIST && i < rows->len; i++)
		if (val_get(rows->items[i], f))
			return 1;
	return 0;
}

static int column_of(const struct plan *p, enum col_meaning m)
{
	return plan_column(p, m);
}

/* Columns whose cells a row leaves out when the document merges them,
 * unless the file says which (`merged`). */
static int merges_by_default(enum col_meaning m)
{
	return m == COL_NO || m == COL_CATEGORY || m == COL_UNIT || m == COL_LEAD || m == COL_ACTIVITY;
}

/* Which columns merge a left-out cell with the one above: `merged` lists
 * their headers (or meanings); without it, the default ones. */
static void load_merged(struct loader *L, const struct plan *p, const struct val *v, int *merges)
{
	static const struct field mf = { "merged", "[序号, 类型]" };
	const struct val **items;
	size_t n = f_strs(&L->F, v, &mf, 0, &items);
	for (size_t c = 0; c < p->ntcols; c++)
		merges[c] = val_get(v, "merged") ? 0 : merges_by_default(p->tcols[c].meaning);
	for (size_t i = 0; i < n; i++) {
		size_t c = 0;
		while (c < p->ntcols && strcmp(p->tcols[c].header, items[i]->s) != 0 &&
		       (p->tcols[c].meaning == COL_OTHER || p->tcols[c].meaning != meaning_named(items[i]->s)))
			c++;
		if (c < p->ntcols) {
			merges[c] = 1;
			continue;
		}
		struct buf h = BUF_INIT;
		buf_puts(&h, "merged 中写原表合并单元格的那几栏的表头，要与 columns 中的写法一致：");
		for (size_t k = 0; k < p->ntcols; k++)
			buf_printf(&h, "%s%s", k ? "、" : "", p->tcols[k].header);
		diag_at(L->d, DIAG_ERROR, items[i], h.ptr, "columns 中没有表头 \"%s\"", items[i]->s);
		buf_free(&h);
	}
}

static void add_column(struct plan *p, const char *header, enum col_meaning m, const struct val *node)
{
	struct table_column *c = &p->tcols[p->ntcols++];
	c->header = header;
	c->meaning = m;
	c->field = m == COL_OTHER ? header : meaning_field(m);
	c->node = node;
}

/* A header the loader does not know: say how to map it. */
static void unknown_header(struct loader *L, const struct plan *p, const struct val *at, const char *h,
			   size_t pos, const struct val *rows)
{
	struct buf b = BUF_INIT;
	enum col_meaning guess = header_guess(h);
	buf_printf(&b, "在 columns 中写成 \"- %s: 含义\"，含义是 ", h);
	meanings_list(&b);
	buf_puts(&b, " 之一（“其他”照原文显示为文字，各行写作 \"");
	buf_puts(&b, h);
	buf_puts(&b, ": …\"）");
	if (pos < 4 && rows_use(rows, meaning_field(legacy[pos])) && column_of(p, legacy[pos]) < 0)
		buf_printf(&b, "；这个文件的各行把这一栏写在 %s: 下，原来按位置对应的含义是“%s”",
			   meaning_field(legacy[pos]), meaning_name(legacy[pos]));
	else if (guess != COL_UNKNOWN)
		buf_printf(&b, "；看字面像是“%s”", meaning_name(guess));
	diag_at(L->d, DIAG_ERROR, at, b.ptr, "不认识的表头 \"%s\"", h);
	buf_free(&b);
}

static void load_columns(struct loader *L, struct plan *p, const struct val *cs, const struct val *rows)
{
	size_t cap = cs && cs->kind == VAL_LIST ? cs->len : COL_NMEANINGS;
	p->tcols = arena_alloc(L->a, (cap + 1) * sizeof(*p->tcols));
	if (!cs || cs->kind == VAL_NULL) {
		/* No headers given: the meanings the rows use, with plain headers. */
		for (size_t i = 0; i < sizeof(default_order) / sizeof(default_order[0]); i++)
			if (rows_use(rows, meaning_field(default_order[i])))
				add_column(p, meaning_header(default_order[i]), default_order[i], NULL);
		if (!p->ntcols)
			for (size_t i = 0; i < 4; i++)
				add_column(p, meaning_header(legacy[i]), legacy[i], NULL);
		return;
	}
	if (!f_is_list(&L->F, cs, "columns"))
		return;
	for (size_t i = 0; i < cs->len; i++) {
		const struct val *c = cs->items[i], *at = c;
		const char *h = NULL;
		enum col_meaning m = COL_UNKNOWN;
		if (c->kind == VAL_STR && c->n) {
			h = c->s;
			m = header_meaning(h);
			if (m == COL_UNKNOWN) {
				unknown_header(L, p, c, h, i, rows);
				m = COL_OTHER; /* go on: its cells are shown as text */
			}
		} else if (c->kind == VAL_MAP && c->len == 1 && c->pairs[0].v->kind == VAL_STR) {
			h = c->pairs[0].key->s;
			at = c->pairs[0].v;
			m = meaning_named(at->s);
			if (m == COL_UNKNOWN) {
				struct buf b = BUF_INIT;
				buf_puts(&b, "含义写 ");
				meanings_list(&b);
				buf_puts(&b, " 之一");
				diag_at(L->d, DIAG_ERROR, at, b.ptr, "表头 \"%s\" 的含义 \"%s\" 无效", h, at->s);
				buf_free(&b);
				m = COL_OTHER;
			}
		} else {
			diag_at(L->d, DIAG_ERROR, c, "每个表头写一项：照原文的表头文字，或 \"- 表头文字: 含义\"",
				"columns 的第 %zu 项应该是一个表头", i + 1);
			continue;
		}
		int twice = -1;
		for (size_t k = 0; k < p->ntcols && twice < 0; k++)
			if (strcmp(p->tcols[k].header, h) == 0 ||
			    (m != COL_OTHER && p->tcols[k].meaning == m))
				twice = (int)k;
		if (twice >= 0) {
			const struct table_column *o = &p->tcols[twice];
			if (strcmp(o->header, h) == 0)
				diag_at(L->d, DIAG_ERROR, at,
					"各行按表头文字找到这一栏，两栏表头相同就分不开：在其中一栏的表头后加上区别，如“备注（二）”，各行也用它",
					"表头 \"%s\" 写了两次", h);
			else {
				struct buf b = BUF_INIT;
				buf_printf(&b, "把其中一栏写成 \"- %s: 含义\"，指明它的含义（如 其他）", h);
				diag_at(L->d, DIAG_ERROR, at, b.ptr, "表头 \"%s\" 和 \"%s\" 都表示“%s”", o->header, h,
					meaning_name(m));
				buf_free(&b);
			}
			continue;
		}
		add_column(p, h, m, at);
	}
}

/* The key under which row map m has the cell of column c (its field or
 * its header), or NULL. */
static const char *cell_key(struct loader *L, const struct table_column *c, const struct val *m)
{
	const char *a = c->field && val_get(m, c->field) ? c->field : NULL;
	const char *b = strcmp(c->header, c->field) && val_get(m, c->header) ? c->header : NULL;
	if (a && b)
		diag_at(L->d, DIAG_ERROR, val_get_key(m, b), "同一格只写一次：删掉其中一行",
			"表头 \"%s\" 这一格写了两次（%s: 和 %s:）", c->header, a, b);
	return a ? a : b;
}

/* Warn about the fields of a row that are no cell of the table. */
static void row_fields(struct loader *L, const struct plan *p, const struct val *m)
{
	for (size_t i = 0; i < m->len; i++) {
		const struct val *k = m->pairs[i].key;
		if (strcmp(k->s, "id") == 0 || strcmp(k->s, "indicators") == 0)
			continue;
		int known = 0;
		for (size_t c = 0; c < p->ntcols && !known; c++)
			known = (p->tcols[c].field && strcmp(p->tcols[c].field, k->s) == 0) ||
				strcmp(p->tcols[c].header, k->s) == 0;
		if (known)
			continue;
		enum col_meaning mm = meaning_named(k->s);
		struct buf h = BUF_INIT;
		if (mm != COL_UNKNOWN && mm != COL_OTHER) {
			/* A cell for a meaning that has no column. */
			buf_puts(&h, "表头按文字对应含义：");
			for (size_t c = 0; c < p->ntcols; c++)
				buf_printf(&h, "%s%s → %s", c ? "，" : "", p->tcols[c].header,
					   p->tcols[c].field);
			buf_printf(&h, "。把这一格写在它在原表中所在那一栏的字段下；原表确有“%s”一栏，就在 columns 中按原表位置加上它的表头",
				   meaning_name(mm));
			diag_at(L->d, DIAG_ERROR, k, h.ptr, "这一格写在 %s（%s）下，但 columns 中没有含义为“%s”的表头",
				k->s, meaning_name(mm), meaning_name(mm));
		} else {
			buf_puts(&h, "可用的字段：id");
			for (size_t c = 0; c < p->ntcols; c++)
				buf_printf(&h, ", %s", p->tcols[c].field);
			buf_puts(&h, "。这一项的内容不会被使用");
			diag_at(L->d, DIAG_WARNING, k, h.ptr, "未知字段 \"%s\"", k->s);
		}
		buf_free(&h);
	}
}

/* The role of the units a column names. */
static enum unit_role column_role(enum col_meaning m)
{
	return m == COL_LEAD ? ROLE_LEAD : m == COL_PARTNER ? ROLE_PARTNER : ROLE_RESPONSIBLE;
}

static const char *cell_text(const struct row *r, int c)
{
	return c >= 0 && r->cells[c].text && *r->cells[c].text ? r->cells[c].text : NULL;
}

void load_schedule(struct loader *L, struct plan *p)
{
	static const struct field top[] = {
		{ "title", "表格标题" }, { "kind", "表格名称，如 任务分解表" },
		{ "columns", "[序号, 类型, 工作计划主要内容, 责任单位, 计划完成时间]" },
		{ "rows", "列表" }, { "merged", "[序号, 类型]（原表合并单元格的几栏）" }, { 0 },
	};
	static const struct field idf = { "id", "编号，如 \"12\"" };
	const char *path = path_join(L, p->dir, "schedule.yaml");
	struct val *v = read_yaml_file(L, path, 0, &p->broken_schedule);
	p->group_col = -1;
	if (!v || !f_is_map(&L->F, v, "schedule.yaml "))
		return;
	f_unknown(&L->F, v, top);
	p->schedule_title = f_str(&L->F, v, &top[0], 0);
	p->schedule_kind = f_str(&L->F, v, &top[1], 0);
	struct val *rs = val_get(v, "rows");
	load_columns(L, p, val_get(v, "columns"), rs);
	if (!rs) {
		diag_at(L->d, DIAG_ERROR, v, "在 \"rows:\" 下逐行列出原表的各行", "缺少必填字段 \"rows\"");
		return;
	}
	int *merges = arena_alloc(L->a, (p->ntcols + 1) * sizeof(*merges));
	load_merged(L, p, v, merges);
	if (!f_is_list(&L->F, rs, "rows") || rs->kind != VAL_LIST)
		return;
	p->rows = arena_alloc(L->a, (rs->len + 1) * sizeof(*p->rows));
	const struct row *prev = NULL;
	int cno = column_of(p, COL_NO), ccat = column_of(p, COL_CATEGORY);
	int cact = column_of(p, COL_ACTIVITY), cdet = column_of(p, COL_DETAIL);
	int cwhen = column_of(p, COL_WHEN);
	for (size_t i = 0; i < rs->len; i++) {
		struct val *m = rs->items[i];
		if (!f_is_map(&L->F, m, "表格的一行"))
			continue;
		row_fields(L, p, m);
		struct row *r = &p->rows[p->nrows];
		r->node = m;
		r->id = f_id(&L->F, m, &idf, 1);
		r->cells = arena_alloc(L->a, (p->ntcols + 1) * sizeof(*r->cells));
		for (size_t c = 0; c < p->ntcols; c++) {
			struct table_column *col = &p->tcols[c];
			struct row_cell *cell = &r->cells[c];
			const char *key = cell_key(L, col, m);
			const struct val *cv = key ? val_get(m, key) : NULL;
			if (!cv && prev && merges[c]) {
				*cell = prev->cells[c];
				cell->merged = 1;
				col->merged = 1;
				continue;
			}
			cell->node = cv;
			cell->text = "";
			if (cv && cv->kind == VAL_STR) {
				struct field f = { key, "" };
				cell->text = f_str(&L->F, m, &f, 0);
				if (!cell->text)
					cell->text = "";
			} else if (cv && cv->kind != VAL_NULL) {
				struct buf h = BUF_INIT;
				buf_printf(&h, "照原表把这一格写成一段文字，如 %s: 区人社局、总工会", key);
				diag_at(L->d, DIAG_ERROR, cv, h.ptr, "表头 \"%s\" 这一格应该是一段文字", col->header);
				buf_free(&h);
			}
			if (meaning_is_units(col->meaning) && cv && cv->kind == VAL_STR)
				load_unit_cell(L, &cell->units, cv, column_role(col->meaning));
			else
				cell->units.field = column_role(col->meaning);
		}
		r->no = cell_text(r, cno);
		r->category = cell_text(r, ccat);
		r->activity = cell_text(r, cact);
		r->detail = cell_text(r, cdet);
		if (cwhen >= 0 && r->cells[cwhen].merged && prev) {
			r->when_text = prev->when_text;
			r->when = prev->when;
		} else {
			read_when(L, p, cwhen >= 0 ? r->cells[cwhen].node : NULL, "计划时间", &r->when_text,
				  &r->when);
			if (r->when_text && !*r->when_text)
				r->when_text = NULL;
		}
		if (!r->id)
			continue;
		int dup = 0;
		for (size_t k = 0; k < p->nrows && !dup; k++) {
			if (strcmp(p->rows[k].id, r->id) == 0) {
				duplicate(L, val_get(m, "id"), r->id, val_get(p->rows[k].node, "id"));
				dup = 1;
			}
		}
		if (dup)
			continue;
		prev = r;
		p->nrows++;
	}
	/* Rows are grouped by the leftmost 类别, 责任单位 or 牵头单位 column
	 * whose cells the document merges. */
	for (size_t c = 0; c < p->ntcols && p->group_col < 0; c++) {
		enum col_meaning mm = p->tcols[c].meaning;
		if (p->tcols[c].merged && (mm == COL_CATEGORY || mm == COL_UNIT || mm == COL_LEAD))
			p->group_col = (int)c;
	}
}
