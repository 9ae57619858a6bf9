/* table: the tables of the data downloads, one line per column. */
#include "table.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fields.h"
#include "value.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- cell helpers ------------------------------------------------------------ */

static const char *date_cell(const struct tbl_ctx *c, int day)
{
	if (!day)
		return NULL;
	struct buf b = BUF_INIT;
	date_put_iso(&b, day);
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

static const char *int_cell(const struct tbl_ctx *c, long long n)
{
	return arena_printf(c->a, "%lld", n);
}

static const char *bool_cell(int b)
{
	return b ? "true" : "false";
}

/* A share as a plain decimal with at most four places: 0.7514, 1, 0.5. */
static const char *share_cell(const struct tbl_ctx *c, double share)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.4f", share);
	size_t n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		n--;
	if (tmp[n - 1] == '.')
		n--;
	return arena_strndup(c->a, tmp, n);
}

const char *tbl_url(const struct tbl_ctx *c, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	if (c->site->base_url)
		buf_puts(&b, c->site->base_url);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(const char *s)
{
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

const char *tbl_number(const struct tbl_ctx *c, const struct figure *f)
{
	if (!f->text || !f->is_num)
		return NULL;
	if (json_number(f->text))
		return f->text;
	struct buf b = BUF_INIT;
	number_put(&b, f->num);
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

int tbl_is_text(enum tbl_type t)
{
	return t == TT_STRING || t == TT_DATE;
}

static const char *const standing_codes[] = {
	"done", "done_late", "cancelled", "overdue", "due_soon", "unscheduled", "upcoming",
	"active", "not_started", "unreported", NULL,
};
static const char *const standing_keys[] = {
	"st_done", "st_done_late", "st_cancelled", "st_overdue", "st_due_soon", "st_unscheduled",
	"st_upcoming", "st_active", "st_not_started", "st_unreported",
};

/* The same reading as the status tags of the pages (page_parts.c): the
 * first tag an item shows. */
static int standing_index(const struct standing *st)
{
	if (!st->known)
		return -1;
	if (st->status == ST_DONE)
		return st->late ? 1 : 0;
	if (st->status == ST_CANCELLED)
		return 2;
	switch (st->timing) {
	case TM_OVERDUE: return 3;
	case TM_DUE_SOON: return 4;
	case TM_UNSCHEDULED: return 5;
	case TM_UPCOMING: return 6;
	default: break;
	}
	return st->status == ST_ACTIVE ? 7 : st->status == ST_NOT_STARTED ? 8 : 9;
}

const char *tbl_standing(const struct standing *st)
{
	int i = standing_index(st);
	return i < 0 ? NULL : standing_codes[i];
}

const char *tbl_standing_zh(const struct tbl_ctx *c, const struct standing *st)
{
	int i = standing_index(st);
	if (i < 0)
		return NULL;
	const char *s = val_text(val_get(c->strings, standing_keys[i]));
	return s ? s : standing_codes[i];
}

static const char *status_word(enum status s)
{
	switch (s) {
	case ST_NOT_STARTED: return "未开始";
	case ST_ACTIVE: return "推进中";
	case ST_DONE: return "已完成";
	case ST_CANCELLED: return "已取消";
	default: return NULL;
	}
}

/* The text of a buf, in the arena; NULL when empty. */
static const char *kept(const struct tbl_ctx *c, struct buf *b)
{
	const char *s = b->len ? arena_strndup(c->a, b->ptr, b->len) : NULL;
	buf_free(b);
	return s;
}

/* A task's unit items of one field (units:, lead:, partners:) as written,
 * several items joined with "、". */
static const char *task_units(const struct tbl_ctx *c, const struct task *t, enum unit_role field)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < t->nunit_cells; i++)
		if (t->unit_cells[i].field == field && t->unit_cells[i].text[0])
			buf_printf(&b, "%s%s", b.len ? "、" : "", t->unit_cells[i].text);
	return kept(c, &b);
}

/* Indicator ids, space-separated. */
static const char *indicator_ids(const struct tbl_ctx *c, struct indicator *const *v, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", v[i]->id);
	return kept(c, &b);
}

/* Every span of a planned time: "2023-07-01/2023-07-31 2023-10-01/2023-10-31". */
static const char *spans_text(const struct tbl_ctx *c, const struct when *w)
{
	if (!w->nspans)
		return NULL;
	struct buf b = BUF_INIT;
	for (int i = 0; i < w->nspans; i++) {
		if (i)
			buf_putc(&b, ' ');
		date_put_iso(&b, w->spans[i].start);
		buf_putc(&b, '/');
		date_put_iso(&b, w->spans[i].end);
	}
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

static const char *reading_text(const struct tbl_ctx *c, const struct when *w)
{
	struct buf b = BUF_INIT;
	when_describe(&b, w);
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}

static const char *const status_values[] = { "未开始", "推进中", "已完成", "已取消", NULL };
static const char *const nature_values[] = { "约束性", "预期性", NULL };
/* The plans a table's rows come from: one, or all. */
static void plan_range(const struct tbl_ctx *c, const struct plan *only, size_t *from, size_t *to)
{
	*from = only ? (size_t)(only - c->site->plans) : 0;
	*to = only ? *from + 1 : c->site->nplans;
}

/* ---- plans ----------------------------------------------------------------- */

#define P (r->plan)
#define F(name) static const char *name(const struct tbl_ctx *c, const struct tbl_rec *r)
#define U (void)c

F(p_slug) { U; return P->slug; }
F(p_title) { U; return P->title; }
F(p_year) { return int_cell(c, P->year); }
F(p_kind) { U; return P->kind; }
F(p_issuer) { U; return P->issuer; }
F(p_doc_no) { U; return P->doc_no; }
F(p_index_no) { U; return P->index_no; }
F(p_topic) { U; return P->topic; }
F(p_written) { return date_cell(c, P->written); }
F(p_published) { return date_cell(c, P->published); }
F(p_region) { U; return P->region ? P->region->id : NULL; }
F(p_regions)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < P->nregions; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", P->regions[i]->name);
	const char *s = P->nregions ? arena_strndup(c->a, b.ptr, b.len) : NULL;
	buf_free(&b);
	return s;
}
F(p_keywords)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < P->nkeywords; i++)
		buf_printf(&b, "%s%s", i ? " " : "", P->keywords[i]);
	return kept(c, &b);
}
F(p_due_text) { U; return P->due_text; }
F(p_due) { return date_cell(c, when_last(&P->due)); }
F(p_table_title) { U; return P->schedule_title; }
F(p_table_kind) { U; return P->schedule_kind; }
F(p_notice) { U; return P->notice; }
F(p_source) { U; return P->source; }
F(p_note) { U; return P->note; }
F(p_as_of) { return date_cell(c, P->as_of); }
F(p_sample) { U; return P->as_of ? bool_cell(P->sample) : NULL; }
F(p_first) { return date_cell(c, P->first_published); }
F(p_updated) { return date_cell(c, P->last_updated); }
F(p_ntasks) { return int_cell(c, (long long)P->ntasks); }
F(p_nrows) { return int_cell(c, (long long)P->nrows); }
F(p_ninds) { return int_cell(c, (long long)P->nall_indicators); }
F(p_tasks_done) { return P->as_of ? int_cell(c, (long long)P->tasks_tally.done) : NULL; }
F(p_tasks_overdue) { return P->as_of ? int_cell(c, (long long)P->tasks_tally.overdue) : NULL; }
F(p_rows_done) { return P->as_of ? int_cell(c, (long long)P->rows_tally.done) : NULL; }
F(p_rows_overdue) { return P->as_of ? int_cell(c, (long long)P->rows_tally.overdue) : NULL; }
F(p_ind_reported) { return P->as_of ? int_cell(c, (long long)P->ind_reported) : NULL; }
F(p_ind_judged) { return P->as_of ? int_cell(c, (long long)P->ind_total) : NULL; }
F(p_ind_behind) { return P->as_of ? int_cell(c, (long long)P->ind_behind) : NULL; }
F(p_url) { return tbl_url(c, "plans/%s/", P->slug); }

static const struct tbl_field plan_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "计划的文件夹名，也是网址的一部分", p_slug, NULL },
	{ "title", TT_STRING, 1, "标题", "计划标题，照原文", p_title, NULL },
	{ "year", TT_INTEGER, 1, "年度", "计划年度", p_year, NULL },
	{ "kind", TT_STRING, 0, "文件类型", "如：工作计划", p_kind, NULL },
	{ "issuer", TT_STRING, 0, "发文机关", "照原文", p_issuer, NULL },
	{ "doc_no", TT_STRING, 0, "发文字号", "照原文", p_doc_no, NULL },
	{ "index_no", TT_STRING, 0, "索引号", "照原文", p_index_no, NULL },
	{ "topic", TT_STRING, 0, "主题分类", "照原文", p_topic, NULL },
	{ "written", TT_DATE, 0, "成文日期", "原文的成文日期", p_written, NULL },
	{ "published", TT_DATE, 0, "发布日期", "原文的发布日期", p_published, NULL },
	{ "region", TT_STRING, 0, "发文地区", "发文一方的地区编号（见 regions）", p_region, NULL },
	{ "regions", TT_STRING, 0, "协作地区", "计划涉及的地区名称，以“、”分隔", p_regions, NULL },
	{ "keywords", TT_STRING, 0, "主题词", "照原文，以空格分隔", p_keywords, NULL },
	{ "due_text", TT_STRING, 0, "完成时限", "计划自己写明的完成时限，照原文", p_due_text, NULL },
	{ "due", TT_DATE, 0, "完成时限日", "完成时限的最后一天；没写时限的重点工作和指标以此为期", p_due, NULL },
	{ "notice", TT_STRING, 0, "印发通知", "印发通知的标题", p_notice, NULL },
	{ "source", TT_STRING, 0, "来源", "原文出处", p_source, NULL },
	{ "note", TT_STRING, 0, "编者说明", "录入者对原文的说明", p_note, NULL },
	{ "as_of", TT_DATE, 0, "进展截至", "进展数据截至的日期；空白表示没有填报进展", p_as_of, NULL },
	{ "sample", TT_BOOLEAN, 0, "示例数据", "true 表示进展是为演示编写的示例数据", p_sample, NULL },
	{ "first_published", TT_DATE, 0, "本站发布", "计划文件首次出现在版本库的日期", p_first, NULL },
	{ "last_updated", TT_DATE, 0, "上次更新", "最近一次重要更新（附更新说明的提交）的日期", p_updated, NULL },
	{ "tasks", TT_INTEGER, 1, "重点工作数", "重点工作的项数", p_ntasks, NULL },
	{ "table_title", TT_STRING, 0, "表格标题", "计划所附表格的标题，照原文", p_table_title, NULL },
	{ "table_kind", TT_STRING, 0, "表格名称", "原文对表格的称呼，如：任务分解表", p_table_kind, NULL },
	{ "schedule_rows", TT_INTEGER, 1, "表格行数", "计划所附表格（重要活动安排、任务分解表等）的行数", p_nrows, NULL },
	{ "indicators", TT_INTEGER, 1, "指标数", "任务指标的个数（含“其中”指标）", p_ninds, NULL },
	{ "tasks_done", TT_INTEGER, 0, "已完成的重点工作", "截至 as_of", p_tasks_done, NULL },
	{ "tasks_overdue", TT_INTEGER, 0, "已逾期的重点工作", "截至 as_of", p_tasks_overdue, NULL },
	{ "rows_done", TT_INTEGER, 0, "已完成的活动", "截至 as_of", p_rows_done, NULL },
	{ "rows_overdue", TT_INTEGER, 0, "已逾期的活动", "截至 as_of", p_rows_overdue, NULL },
	{ "indicators_reported", TT_INTEGER, 0, "有完成值的指标", "截至 as_of", p_ind_reported, NULL },
	{ "indicators_judged", TT_INTEGER, 0, "可判断的指标", "截至 as_of，有完成值也有可计算目标的指标数", p_ind_judged, NULL },
	{ "indicators_behind", TT_INTEGER, 0, "进度落后的指标", "截至 as_of，可判断的指标中进度落后（低于时间进度，或超过上限）的个数", p_ind_behind, NULL },
	{ "url", TT_STRING, 1, "网页", "计划在本站的网页", p_url, NULL },
};

static size_t plan_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	struct tbl_rec *v = arena_alloc(c->a, (s->nplans + 1) * sizeof(*v));
	size_t n = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++, n++)
		v[n] = (struct tbl_rec){ .plan = &s->plans[i], .seq = n + 1 };
	*out = v;
	return n;
}

/* ---- tasks ----------------------------------------------------------------- */

#define T_ (r->task)
#define R_ (r->row)

F(t_id) { U; return T_->id; }
F(t_section) { U; return T_->section; }
F(t_no) { U; return T_->no; }
F(t_title) { U; return T_->title; }
F(t_text) { U; return T_->text; }
F(t_units) { return task_units(c, T_, ROLE_RESPONSIBLE); }
F(t_lead) { return task_units(c, T_, ROLE_LEAD); }
F(t_partners) { return task_units(c, T_, ROLE_PARTNER); }
F(t_when) { U; return T_->when_text; }
F(t_start) { return date_cell(c, when_first(&T_->when)); }
F(t_end) { return date_cell(c, when_last(&T_->when)); }
F(t_reading) { return T_->when_text ? reading_text(c, &T_->when) : NULL; }
F(t_inds) { return indicator_ids(c, T_->indicators, T_->nindicators); }
F(t_status) { U; return status_word(T_->progress.status); }
F(t_status_date) { return date_cell(c, T_->progress.date); }
F(t_status_note) { U; return T_->progress.note; }
F(t_reason) { U; return T_->progress.reason; }
F(t_standing) { U; return tbl_standing(&T_->st); }
F(t_standing_zh) { return tbl_standing_zh(c, &T_->st); }
F(t_due) { return T_->st.known ? date_cell(c, T_->st.due) : NULL; }
F(t_overdue) { return T_->st.known && T_->st.timing == TM_OVERDUE ? int_cell(c, T_->st.days) : NULL; }
F(t_left) { return T_->st.known && T_->st.timing == TM_DUE_SOON ? int_cell(c, T_->st.days) : NULL; }
F(t_as_of) { return date_cell(c, P->as_of); }
F(t_url) { return tbl_url(c, "plans/%s/#task-%s", P->slug, T_->id); }

/* Fields every item with progress has, for tasks (T) and rows (R). */
#define PROGRESS_FIELDS(X) \
	{ "status", TT_STRING, 0, "报告的状态", "进展文件中报告的状态", X##_status, status_values }, \
	{ "status_date", TT_DATE, 0, "状态日期", "报告的状态达成的日期", X##_status_date, NULL }, \
	{ "status_note", TT_STRING, 0, "进展说明", "进展文件中的说明", X##_status_note, NULL }, \
	{ "cancel_reason", TT_STRING, 0, "取消原因", "状态为已取消时的原因", X##_reason, NULL }, \
	{ "standing", TT_STRING, 0, "状态", "截至 as_of 推算的状态（代码）；计算方法见网站“计算方法”页", X##_standing, standing_codes }, \
	{ "standing_text", TT_STRING, 0, "状态（中文）", "standing 的中文", X##_standing_zh, NULL }, \
	{ "due", TT_DATE, 0, "计划完成日", "计划时间的最后一天（重点工作没写时间的，为计划的截止日或年底）", X##_due, NULL }, \
	{ "days_overdue", TT_INTEGER, 0, "逾期天数", "standing 为 overdue 时，as_of 超过计划完成日的天数", X##_overdue, NULL }, \
	{ "days_left", TT_INTEGER, 0, "剩余天数", "standing 为 due_soon 时，距计划完成日的天数", X##_left, NULL }, \
	{ "as_of", TT_DATE, 0, "进展截至", "状态推算所依据的日期", X##_as_of, NULL }

static const struct tbl_field task_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "task", TT_STRING, 1, "重点工作编号", "计划内的编号", t_id, NULL },
	{ "section", TT_STRING, 0, "所在部分", "原文中所在的标题", t_section, NULL },
	{ "no", TT_STRING, 0, "序号", "原文的序号", t_no, NULL },
	{ "title", TT_STRING, 0, "标题", "原文条目的标题句", t_title, NULL },
	{ "text", TT_STRING, 0, "内容", "原文", t_text, NULL },
	{ "units", TT_STRING, 0, "责任单位", "照原文写法（几项以“、”相连）；逐个单位及其分工见 responsibilities", t_units, NULL },
	{ "lead", TT_STRING, 0, "牵头单位", "原文分写牵头单位时，照原文写法", t_lead, NULL },
	{ "partners", TT_STRING, 0, "配合单位", "原文分写配合单位时，照原文写法", t_partners, NULL },
	{ "planned_time", TT_STRING, 0, "计划时间", "照原文", t_when, NULL },
	{ "planned_start", TT_DATE, 0, "计划开始", "计划时间的第一天", t_start, NULL },
	{ "planned_end", TT_DATE, 0, "计划结束", "计划时间的最后一天", t_end, NULL },
	{ "planned_reading", TT_STRING, 0, "计划时间的读法", "本站如何读计划时间", t_reading, NULL },
	{ "indicators", TT_STRING, 0, "相关指标", "相关指标的编号，以空格分隔（见 indicators）", t_inds, NULL },
	PROGRESS_FIELDS(t),
	{ "url", TT_STRING, 1, "网页", "在本站的位置", t_url, NULL },
};

static size_t task_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		n += s->plans[i].ntasks;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].ntasks; j++)
			v[k++] = (struct tbl_rec){ .plan = &s->plans[i], .task = &s->plans[i].tasks[j], .seq = j + 1 };
	*out = v;
	return k;
}

/* ---- the plan's table: its columns, rows and cells ------------------------- */

static const char *meaning_code(enum col_meaning m)
{
	const char *f = meaning_field(m);
	return f ? f : "other";
}

static const char *const meaning_values[] = {
	"no", "category", "activity", "detail", "unit", "lead", "partners", "when", "outcome", "goal", "leader",
	"remark", "other", NULL,
};

#define COL_ (&P->tcols[r->seq - 1])

F(k_col) { return int_cell(c, (long long)r->seq); }
F(k_header) { U; return COL_->header; }
F(k_meaning) { U; return meaning_code(COL_->meaning); }
F(k_meaning_zh) { U; return meaning_name(COL_->meaning); }
F(k_merged) { U; return bool_cell(COL_->merged); }
F(k_grouped) { U; return bool_cell(P->group_col == (int)r->seq - 1); }

static const struct tbl_field column_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "column", TT_INTEGER, 1, "栏序", "原表从左往右的第几栏", k_col, NULL },
	{ "header", TT_STRING, 1, "表头", "原表的表头，照原文", k_header, NULL },
	{ "meaning", TT_STRING, 1, "含义", "这一栏的含义（代码）：no 序号，category 类别，activity 活动，detail 内容，unit 责任单位，lead 牵头单位，partners 配合单位，when 时间，outcome 完成标志，goal 目标，leader 责任人，remark 备注，other 其他", k_meaning, meaning_values },
	{ "meaning_text", TT_STRING, 1, "含义（中文）", "meaning 的中文", k_meaning_zh, NULL },
	{ "merged", TT_BOOLEAN, 1, "有合并单元格", "true 表示原表在这一栏有上下合并的单元格", k_merged, NULL },
	{ "grouped", TT_BOOLEAN, 1, "按此栏分组", "true 表示网页按这一栏把各行分组（原表按此栏合并的类别或单位）", k_grouped, NULL },
};

static size_t column_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		n += s->plans[i].ntcols;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].ntcols; j++)
			v[k++] = (struct tbl_rec){ .plan = &s->plans[i], .seq = j + 1 };
	*out = v;
	return k;
}

/* The text of the row's first column with meaning m, NULL when blank or
 * when the table has no such column. */
static const char *row_text(const struct tbl_rec *r, enum col_meaning m)
{
	int col = plan_column(P, m);
	return col >= 0 && R_->cells[col].text[0] ? R_->cells[col].text : NULL;
}

F(r_id) { U; return R_->id; }
F(r_no) { U; return row_text(r, COL_NO); }
F(r_category) { U; return row_text(r, COL_CATEGORY); }
F(r_activity) { U; return row_text(r, COL_ACTIVITY); }
F(r_detail) { U; return row_text(r, COL_DETAIL); }
F(r_units) { U; return row_text(r, COL_UNIT); }
F(r_lead) { U; return row_text(r, COL_LEAD); }
F(r_partners) { U; return row_text(r, COL_PARTNER); }
F(r_when) { U; return row_text(r, COL_WHEN); }
F(r_outcome) { U; return row_text(r, COL_OUTCOME); }
F(r_goal) { U; return row_text(r, COL_GOAL); }
F(r_leader) { U; return row_text(r, COL_LEADER); }
F(r_remark) { U; return row_text(r, COL_REMARK); }
F(r_other)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < P->ntcols; i++)
		if (P->tcols[i].meaning == COL_OTHER && R_->cells[i].text[0])
			buf_printf(&b, "%s%s：%s", b.len ? "；" : "", P->tcols[i].header, R_->cells[i].text);
	return kept(c, &b);
}
F(r_merged)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < P->ntcols; i++)
		if (R_->cells[i].merged)
			buf_printf(&b, "%s%s", b.len ? "、" : "", P->tcols[i].header);
	return kept(c, &b);
}
F(r_start) { return date_cell(c, when_first(&R_->when)); }
F(r_end) { return date_cell(c, when_last(&R_->when)); }
F(r_spans) { return spans_text(c, &R_->when); }
F(r_reading) { return reading_text(c, &R_->when); }
F(r_inds) { return indicator_ids(c, R_->indicators, R_->nindicators); }
F(r_status) { U; return status_word(R_->progress.status); }
F(r_status_date) { return date_cell(c, R_->progress.date); }
F(r_status_note) { U; return R_->progress.note; }
F(r_reason) { U; return R_->progress.reason; }
F(r_standing) { U; return tbl_standing(&R_->st); }
F(r_standing_zh) { return tbl_standing_zh(c, &R_->st); }
F(r_due) { return R_->st.known ? date_cell(c, R_->st.due) : NULL; }
F(r_overdue) { return R_->st.known && R_->st.timing == TM_OVERDUE ? int_cell(c, R_->st.days) : NULL; }
F(r_left) { return R_->st.known && R_->st.timing == TM_DUE_SOON ? int_cell(c, R_->st.days) : NULL; }
F(r_as_of) { return date_cell(c, P->as_of); }
F(r_url) { return tbl_url(c, "plans/%s/#row-%s", P->slug, R_->id); }

#define BY_MEANING "原表中含义为“%s”的一栏（第一栏），照原文；合并单元格为所合并的文字；各栏的表头和逐格文字见 columns 和 cells"
static const struct tbl_field row_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "row", TT_STRING, 1, "行编号", "计划内的编号", r_id, NULL },
	{ "no", TT_STRING, 0, "序号", "含义为序号的一栏，照原文", r_no, NULL },
	{ "category", TT_STRING, 0, "类别", "含义为类别的一栏，照原文", r_category, NULL },
	{ "activity", TT_STRING, 0, "活动", "含义为活动（事项名称）的一栏，照原文", r_activity, NULL },
	{ "detail", TT_STRING, 0, "内容", "含义为内容的一栏，照原文", r_detail, NULL },
	{ "units", TT_STRING, 0, "责任单位", "含义为责任单位的一栏，照原文；逐个单位及其分工见 responsibilities", r_units, NULL },
	{ "lead", TT_STRING, 0, "牵头单位", "含义为牵头单位的一栏，照原文", r_lead, NULL },
	{ "partners", TT_STRING, 0, "配合单位", "含义为配合单位的一栏，照原文", r_partners, NULL },
	{ "planned_time", TT_STRING, 0, "计划时间", "含义为时间的一栏，照原文", r_when, NULL },
	{ "outcome", TT_STRING, 0, "完成标志", "含义为完成标志的一栏，照原文", r_outcome, NULL },
	{ "goal", TT_STRING, 0, "目标", "含义为目标的一栏，照原文", r_goal, NULL },
	{ "leader", TT_STRING, 0, "责任人", "含义为责任人的一栏，照原文", r_leader, NULL },
	{ "remark", TT_STRING, 0, "备注", "含义为备注的一栏，照原文", r_remark, NULL },
	{ "other", TT_STRING, 0, "其他栏目", "其他栏目，每栏写作“表头：文字”，以“；”分隔", r_other, NULL },
	{ "merged", TT_STRING, 0, "合并的栏目", "这一行与上一行合并单元格的栏目（表头照原文，以“、”分隔）；上面各栏为所合并的文字", r_merged, NULL },
	{ "planned_start", TT_DATE, 0, "计划开始", "计划时间的第一天", r_start, NULL },
	{ "planned_end", TT_DATE, 0, "计划结束", "计划时间的最后一天", r_end, NULL },
	{ "planned_spans", TT_STRING, 0, "计划时段", "每个时段写作 开始/结束，以空格分隔（如“7月、10月”是两段）", r_spans, NULL },
	{ "planned_reading", TT_STRING, 1, "计划时间的读法", "本站如何读计划时间；未排期、未注明也写明", r_reading, NULL },
	{ "indicators", TT_STRING, 0, "相关指标", "这一行所对应指标的编号，以空格分隔（见 indicators）", r_inds, NULL },
	PROGRESS_FIELDS(r),
	{ "url", TT_STRING, 1, "网页", "在本站的位置", r_url, NULL },
};

static size_t schedule_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		n += s->plans[i].nrows;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].nrows; j++)
			v[k++] = (struct tbl_rec){ .plan = &s->plans[i], .row = &s->plans[i].rows[j], .seq = j + 1 };
	*out = v;
	return k;
}

#define CELL_ (&R_->cells[r->col])

F(x_col) { return int_cell(c, (long long)r->col + 1); }
F(x_header) { U; return P->tcols[r->col].header; }
F(x_meaning) { U; return meaning_code(P->tcols[r->col].meaning); }
F(x_text) { U; return CELL_->text[0] ? CELL_->text : NULL; }
F(x_merged) { U; return bool_cell(CELL_->merged); }

static const struct tbl_field cell_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "row", TT_STRING, 1, "行编号", "见 schedule", r_id, NULL },
	{ "column", TT_INTEGER, 1, "栏序", "第几栏（见 columns）", x_col, NULL },
	{ "header", TT_STRING, 1, "表头", "这一栏的表头，照原文", x_header, NULL },
	{ "meaning", TT_STRING, 1, "含义", "这一栏的含义（代码，见 columns）", x_meaning, meaning_values },
	{ "text", TT_STRING, 0, "文字", "单元格的文字，照原文；空白的单元格没有文字", x_text, NULL },
	{ "merged", TT_BOOLEAN, 1, "与上一行合并", "true 表示原表这一格与上一行合并，text 为合并单元格的文字", x_merged, NULL },
};

static size_t cell_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		n += s->plans[i].nrows * s->plans[i].ntcols;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t j = 0; j < p->nrows; j++)
			for (size_t m = 0; m < p->ntcols; m++, k++)
				v[k] = (struct tbl_rec){ .plan = p, .row = &p->rows[j], .col = m, .seq = k + 1 };
	}
	*out = v;
	return k;
}

/* ---- responsibilities -------------------------------------------------------- */

static const char *const item_values[] = { "task", "row", NULL };
static const char *const role_values[] = { "responsible", "lead", "partner", NULL };

static const char *role_code(enum unit_role r)
{
	return role_values[r == ROLE_LEAD ? 1 : r == ROLE_PARTNER ? 2 : 0];
}

/* What a task's unit item is written under. */
static const char *task_field(enum unit_role field)
{
	return field == ROLE_LEAD ? "lead" : field == ROLE_PARTNER ? "partners" : "units";
}

F(u_kind) { U; return r->task ? "task" : "row"; }
F(u_item) { U; return r->task ? r->task->id : r->row->id; }
F(u_seq) { return int_cell(c, (long long)r->seq); }
F(u_role) { U; return role_code(r->uref->role); }
F(u_role_zh) { U; return unit_role_name(r->uref->role); }
F(u_text) { U; return r->uref->text; }
F(u_unit) { U; return r->uref->unit ? r->uref->unit->id : NULL; }
F(u_name) { U; return r->uref->unit ? r->uref->unit->name : NULL; }
F(u_where) { U; return r->task ? task_field(r->ucell->field) : P->tcols[r->col].header; }
F(u_column) { return r->task ? NULL : int_cell(c, (long long)r->col + 1); }
F(u_merged) { U; return bool_cell(!r->task && R_->cells[r->col].merged); }

static const struct tbl_field resp_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "item_kind", TT_STRING, 1, "事项类别", "task：重点工作；row：计划表格的一行", u_kind, item_values },
	{ "item", TT_STRING, 1, "事项编号", "重点工作或表格行的编号", u_item, NULL },
	{ "seq", TT_INTEGER, 1, "顺序", "该事项所写的第几个单位", u_seq, NULL },
	{ "role", TT_STRING, 1, "分工", "responsible 责任单位，lead 牵头单位，partner 配合单位：按所在的栏目或字段，或原文的写法（“（牵头）”“牵头单位：”）", u_role, role_values },
	{ "role_text", TT_STRING, 1, "分工（中文）", "role 的中文", u_role_zh, NULL },
	{ "unit_text", TT_STRING, 1, "原文写法", "单位名称照原文的写法（不含分隔符和“牵头”等字样）", u_text, NULL },
	{ "unit", TT_STRING, 0, "单位编号", "对应的责任单位（见 units）；空白表示未登记", u_unit, NULL },
	{ "unit_name", TT_STRING, 0, "单位全称", "对应责任单位的全称", u_name, NULL },
	{ "written_in", TT_STRING, 1, "所在栏目", "表格行：所在一栏的表头，照原文；重点工作：units、lead 或 partners", u_where, NULL },
	{ "column", TT_INTEGER, 0, "栏序", "表格行：所在的第几栏（见 columns）", u_column, NULL },
	{ "merged", TT_BOOLEAN, 1, "与上一行合并", "true 表示原表这一格与上一行合并", u_merged, NULL },
};

static size_t resp_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t j = 0; j < p->ntasks; j++)
			for (size_t u = 0; u < p->tasks[j].nunit_cells; u++)
				n += p->tasks[j].unit_cells[u].nrefs;
		for (size_t j = 0; j < p->nrows; j++)
			for (size_t col = 0; col < p->ntcols; col++)
				if (meaning_is_units(p->tcols[col].meaning))
					n += p->rows[j].cells[col].units.nrefs;
	}
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t j = 0; j < p->ntasks; j++) {
			const struct task *t = &p->tasks[j];
			size_t seq = 0;
			for (size_t u = 0; u < t->nunit_cells; u++)
				for (size_t m = 0; m < t->unit_cells[u].nrefs; m++)
					v[k++] = (struct tbl_rec){ .plan = p, .task = t, .ucell = &t->unit_cells[u],
								   .uref = &t->unit_cells[u].refs[m], .seq = ++seq };
		}
		for (size_t j = 0; j < p->nrows; j++) {
			const struct row *rw = &p->rows[j];
			size_t seq = 0;
			for (size_t col = 0; col < p->ntcols; col++) {
				const struct unit_cell *uc = &rw->cells[col].units;
				for (size_t m = 0; meaning_is_units(p->tcols[col].meaning) && m < uc->nrefs; m++)
					v[k++] = (struct tbl_rec){ .plan = p, .row = rw, .ucell = uc, .uref = &uc->refs[m],
								   .col = col, .seq = ++seq };
			}
		}
	}
	*out = v;
	return k;
}

/* ---- indicators and their breakdowns -------------------------------------- */

#define I_ (r->ind)

/* How a target reads: its kind, bounds and flags (target.h). */
static const char *const kind_values[] = { "text", "exact", "at_least", "at_most", "range", NULL };

static const char *num_cell(const struct tbl_ctx *c, double v)
{
	struct buf b = BUF_INIT;
	number_put(&b, v);
	return kept(c, &b);
}

/* A bound of a reading: NULL for a kind without it; the figure's text when
 * it is written as a plain number (2.00 stays 2.00), else the value. */
static const char *bound(const struct tbl_ctx *c, const char *text, const struct target *t, int upper)
{
	if (t->kind == TARGET_TEXT || (upper ? t->kind == TARGET_AT_LEAST : t->kind == TARGET_AT_MOST))
		return NULL;
	if (text && t->kind == TARGET_EXACT && json_number(text))
		return text;
	return num_cell(c, upper ? t->hi : t->lo);
}

static const char *reading_cell(const struct tbl_ctx *c, const struct target *t, const char *unit)
{
	struct buf b = BUF_INIT;
	target_describe(&b, t, unit);
	return kept(c, &b);
}

static const char *att_actual(const struct attainment *at)
{
	return at->has_actual ? at->actual->value.text : NULL;
}

/* The attainment fields, NULL where they do not apply. */
static const char *att_bool(const struct attainment *at, int v)
{
	return at && at->judged ? bool_cell(v) : NULL;
}

F(i_id) { U; return I_->id; }
F(i_parent) { U; return I_->parent ? I_->parent->id : NULL; }
F(i_group) { U; return I_->group; }
F(i_no) { U; return I_->no; }
F(i_name) { U; return I_->name; }
F(i_unit) { U; return I_->unit; }
F(i_nature) { U; return I_->nature; }
F(i_target) { U; return I_->target.text; }
F(i_kind) { U; return kind_values[I_->target.reading.kind]; }
F(i_lower) { return bound(c, I_->target.text, &I_->target.reading, 0); }
F(i_upper) { return bound(c, I_->target.text, &I_->target.reading, 1); }
F(i_strict) { U; return I_->target.reading.kind != TARGET_TEXT ? bool_cell(I_->target.reading.strict) : NULL; }
F(i_each) { U; return I_->target.reading.kind != TARGET_TEXT ? bool_cell(I_->target.reading.each) : NULL; }
F(i_reading) { return reading_cell(c, &I_->target.reading, I_->unit); }
F(i_goal_lower) { return bound(c, NULL, &I_->goal, 0); }
F(i_goal_upper) { return bound(c, NULL, &I_->goal, 1); }
F(i_due_text) { U; return I_->due_text; }
F(i_due) { return date_cell(c, when_last(&I_->due)); }
F(i_pace_from) { return date_cell(c, I_->pace_from); }
F(i_pace_to) { return date_cell(c, I_->pace_to); }
F(i_note) { U; return I_->note; }
F(i_discrepancy) { U; return I_->discrepancy; }
F(i_actual) { U; return att_actual(&I_->att); }
F(i_actual_value) { return I_->att.has_actual ? tbl_number(c, &I_->att.actual->value) : NULL; }
F(i_actual_date) { return I_->att.has_actual ? date_cell(c, I_->att.actual->date) : NULL; }
F(i_judged) { U; return P->as_of ? bool_cell(I_->att.judged) : NULL; }
F(i_expected) { return P->as_of ? share_cell(c, I_->att.expected) : NULL; }
F(i_share) { return I_->att.has_share ? share_cell(c, I_->att.share) : NULL; }
F(i_on_track) { U; return att_bool(&I_->att, I_->att.on_track); }
F(i_met) { U; return att_bool(&I_->att, I_->att.met); }
F(i_stretch) { U; return I_->att.kind == TARGET_RANGE ? att_bool(&I_->att, I_->att.stretch) : NULL; }
F(i_over) { U; return I_->att.kind == TARGET_AT_MOST ? att_bool(&I_->att, I_->att.over) : NULL; }
F(i_url) { return tbl_url(c, "plans/%s/indicators/%s/", P->slug, I_->id); }

/* The reading of a target, for indicators (I) and their breakdowns (C). */
#define READING_FIELDS(X, what) \
	{ "target_kind", TT_STRING, 1, what "的读法", "text 文字（不计算），exact 确数，at_least 下限（不少于、以上），at_most 上限（不超过、以内：越少越好），range 区间（下限为目标，上限为争取）", X##_kind, kind_values }, \
	{ "target_lower", TT_NUMBER, 0, what "下限", "按指标的计量单位（1.2亿元在万元指标中为 12000）；确数时为其数", X##_lower, NULL }, \
	{ "target_upper", TT_NUMBER, 0, what "上限", "按指标的计量单位；确数时为其数", X##_upper, NULL }, \
	{ "target_strict", TT_BOOLEAN, 0, "不含本数", "true 表示恰好等于本数不算达到（超过、低于、N余）", X##_strict, NULL }, \
	{ "target_each", TT_BOOLEAN, 0, "各", "true 表示数值是每一部分的（各、分别、均）", X##_each, NULL }, \
	{ "target_reading", TT_STRING, 0, "本站的读法", "本站如何读" what "，与网页相同", X##_reading, NULL }

static const struct tbl_field ind_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "indicator", TT_STRING, 1, "指标编号", "计划内的编号", i_id, NULL },
	{ "parent", TT_STRING, 0, "上一级指标", "“其中”指标所属的指标编号", i_parent, NULL },
	{ "group", TT_STRING, 0, "类别", "原表中的分组标题", i_group, NULL },
	{ "no", TT_STRING, 0, "序号", "原表的序号", i_no, NULL },
	{ "name", TT_STRING, 1, "指标名称", "照原文", i_name, NULL },
	{ "unit", TT_STRING, 0, "计量单位", "人、万元……", i_unit, NULL },
	{ "nature", TT_STRING, 0, "指标性质", "约束性或预期性；空白表示原文未注明", i_nature, nature_values },
	{ "target", TT_STRING, 0, "目标值", "照原文，如“不少于540人”；空白而 target_kind 有值时，目标是上一级指标“各”的一份", i_target, NULL },
	READING_FIELDS(i, "目标值"),
	{ "goal_lower", TT_NUMBER, 0, "考核下限", "判断完成所依据的下限：目标为“各”时按份数合计", i_goal_lower, NULL },
	{ "goal_upper", TT_NUMBER, 0, "考核上限", "判断完成所依据的上限：目标为“各”时按份数合计", i_goal_upper, NULL },
	{ "due_text", TT_STRING, 0, "完成时限", "指标自己的完成时限，照原文", i_due_text, NULL },
	{ "due", TT_DATE, 0, "完成时限日", "完成时限的最后一天", i_due, NULL },
	{ "pace_from", TT_DATE, 0, "进度起算", "时间进度从这一天算起（指标的完成时限，否则计划的截止时间，否则计划年度）", i_pace_from, NULL },
	{ "pace_to", TT_DATE, 0, "进度截止", "时间进度算到这一天", i_pace_to, NULL },
	{ "note", TT_STRING, 0, "备注", "照原文", i_note, NULL },
	{ "discrepancy", TT_STRING, 0, "原表数字不相符", "原表自身数字不相符之处的说明", i_discrepancy, NULL },
	{ "actual", TT_STRING, 0, "完成值", "截至 as_of 的最新完成值（合计），照进展文件；“各”的目标没有合计值时为各部分之和", i_actual, NULL },
	{ "actual_value", TT_NUMBER, 0, "完成值（数值）", "完成值的数值", i_actual_value, NULL },
	{ "actual_date", TT_DATE, 0, "完成值日期", "完成值对应的日期", i_actual_date, NULL },
	{ "judged", TT_BOOLEAN, 0, "可判断", "true 表示有完成值，也有可计算的目标", i_judged, NULL },
	{ "expected", TT_NUMBER, 0, "时间进度", "as_of 时从 pace_from 到 pace_to 已过去的比例（小数，保留四位）", i_expected, NULL },
	{ "share", TT_NUMBER, 0, "完成率", "完成值 ÷ 考核下限（上限类为 ÷ 上限；小数，保留四位）", i_share, NULL },
	{ "met", TT_BOOLEAN, 0, "已达到", "下限类：完成值达到下限；上限类：没有超过上限", i_met, NULL },
	{ "stretch", TT_BOOLEAN, 0, "达到上限", "区间类：完成值也达到了上限", i_stretch, NULL },
	{ "over", TT_BOOLEAN, 0, "超过上限", "上限类：完成值超过上限", i_over, NULL },
	{ "on_track", TT_BOOLEAN, 0, "进度正常", "下限类：已达到，或完成率不低于时间进度；上限类：没有超过上限", i_on_track, NULL },
	{ "as_of", TT_DATE, 0, "进展截至", "完成情况所依据的日期", t_as_of, NULL },
	{ "url", TT_STRING, 1, "网页", "指标在本站的网页", i_url, NULL },
};

static size_t ind_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		n += s->plans[i].nall_indicators;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].nall_indicators; j++)
			v[k++] = (struct tbl_rec){ .plan = &s->plans[i], .ind = s->plans[i].all_indicators[j],
						   .seq = j + 1 };
	*out = v;
	return k;
}

#define C_ (r->cell)
#define CR_ (&C_->value.reading)

F(c_key) { U; return C_->col ? C_->col->key : C_->key; }
F(c_label) { U; return C_->col ? C_->col->label : C_->key; }
F(c_group) { U; return C_->col ? C_->col->group : NULL; }
F(c_of) { U; return C_->col && C_->col->of ? C_->col->of->key : NULL; }
F(c_region) { U; return C_->col && C_->col->region ? C_->col->region->id : NULL; }
F(c_target) { U; return C_->value.text; }
F(c_kind) { U; return kind_values[CR_->kind]; }
F(c_lower) { return bound(c, C_->value.text, CR_, 0); }
F(c_upper) { return bound(c, C_->value.text, CR_, 1); }
F(c_strict) { U; return CR_->kind != TARGET_TEXT ? bool_cell(CR_->strict) : NULL; }
F(c_each) { U; return CR_->kind != TARGET_TEXT ? bool_cell(CR_->each) : NULL; }
F(c_reading) { return reading_cell(c, CR_, I_->unit); }
F(c_actual) { U; return r->att ? att_actual(r->att) : NULL; }
F(c_actual_value) { return r->att && r->att->has_actual ? tbl_number(c, &r->att->actual->value) : NULL; }
F(c_actual_date) { return r->att && r->att->has_actual ? date_cell(c, r->att->actual->date) : NULL; }
F(c_judged) { U; return P->as_of && r->att ? bool_cell(r->att->judged) : NULL; }
F(c_share) { return r->att && r->att->has_share ? share_cell(c, r->att->share) : NULL; }
F(c_met) { U; return att_bool(r->att, r->att && r->att->met); }
F(c_stretch) { U; return CR_->kind == TARGET_RANGE ? att_bool(r->att, r->att && r->att->stretch) : NULL; }
F(c_over) { U; return CR_->kind == TARGET_AT_MOST ? att_bool(r->att, r->att && r->att->over) : NULL; }
F(c_on_track) { U; return att_bool(r->att, r->att && r->att->on_track); }

static const struct tbl_field target_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "indicator", TT_STRING, 1, "指标编号", "见 indicators", i_id, NULL },
	{ "column", TT_STRING, 1, "列", "分解表的列（地区或结对关系的编号）", c_key, NULL },
	{ "label", TT_STRING, 0, "列名", "原表的列名", c_label, NULL },
	{ "group", TT_STRING, 0, "上层表头", "跨列的表头", c_group, NULL },
	{ "part_of", TT_STRING, 0, "所属列", "这一列是哪一列的组成部分", c_of, NULL },
	{ "region", TT_STRING, 0, "地区编号", "这一列所指的地区（见 regions）", c_region, NULL },
	{ "target", TT_STRING, 0, "分解目标", "照原表；空白而 target_kind 有值时，是指标“各”的目标的一份", c_target, NULL },
	{ "unit", TT_STRING, 0, "计量单位", "指标的计量单位（与 indicators 相同）：下限、上限和完成值的数值都按此单位", i_unit, NULL },
	READING_FIELDS(c, "分解目标"),
	{ "actual", TT_STRING, 0, "完成值", "截至 as_of 该列的最新完成值", c_actual, NULL },
	{ "actual_value", TT_NUMBER, 0, "完成值（数值）", "完成值的数值", c_actual_value, NULL },
	{ "actual_date", TT_DATE, 0, "完成值日期", "完成值对应的日期", c_actual_date, NULL },
	{ "judged", TT_BOOLEAN, 0, "可判断", "true 表示有完成值，也有可计算的目标", c_judged, NULL },
	{ "share", TT_NUMBER, 0, "完成率", "完成值 ÷ 分解目标的下限（上限类为 ÷ 上限；小数，保留四位）", c_share, NULL },
	{ "met", TT_BOOLEAN, 0, "已达到", "下限类：完成值达到下限；上限类：没有超过上限", c_met, NULL },
	{ "stretch", TT_BOOLEAN, 0, "达到上限", "区间类：完成值也达到了上限", c_stretch, NULL },
	{ "over", TT_BOOLEAN, 0, "超过上限", "上限类：完成值超过上限", c_over, NULL },
	{ "on_track", TT_BOOLEAN, 0, "进度正常", "已达到，或完成率不低于指标的时间进度（expected）", c_on_track, NULL },
};

static size_t target_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].nall_indicators; j++)
			n += s->plans[i].all_indicators[j]->ncells;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t j = 0; j < p->nall_indicators; j++) {
			const struct indicator *ind = p->all_indicators[j];
			for (size_t m = 0; m < ind->ncells; m++)
				v[k++] = (struct tbl_rec){ .plan = p, .ind = ind, .cell = &ind->cells[m],
							   .att = ind->cell_att ? &ind->cell_att[m] : NULL, .seq = m + 1 };
		}
	}
	*out = v;
	return k;
}

#define A_ (r->actual)

F(a_seq) { return int_cell(c, (long long)r->seq); }
F(a_date) { return date_cell(c, A_->date); }
F(a_column) { U; return A_->col ? A_->col->key : A_->region; }
F(a_label) { U; return A_->col ? A_->col->label : A_->region; }
F(a_value) { U; return A_->value.text; }
F(a_number) { return tbl_number(c, &A_->value); }
F(a_note) { U; return A_->note; }

static const struct tbl_field actual_fields[] = {
	{ "plan", TT_STRING, 1, "计划编号", "所属计划（见 plans）", p_slug, NULL },
	{ "indicator", TT_STRING, 1, "指标编号", "见 indicators", i_id, NULL },
	{ "seq", TT_INTEGER, 1, "顺序", "该指标的第几个完成值（按日期）", a_seq, NULL },
	{ "date", TT_DATE, 1, "日期", "完成值对应的日期", a_date, NULL },
	{ "column", TT_STRING, 0, "列", "分解表的列；空白表示合计", a_column, NULL },
	{ "column_label", TT_STRING, 0, "列名", "原表的列名", a_label, NULL },
	{ "value", TT_STRING, 1, "完成值", "照进展文件", a_value, NULL },
	{ "value_number", TT_NUMBER, 0, "完成值（数值）", "完成值是数字时的数值", a_number, NULL },
	{ "unit", TT_STRING, 0, "计量单位", "指标的计量单位（与 indicators 相同）", i_unit, NULL },
	{ "note", TT_STRING, 0, "说明", "进展文件中的说明", a_note, NULL },
};

static size_t actual_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	size_t n = 0, k = 0;
	size_t from, to;
	plan_range(c, only, &from, &to);
	for (size_t i = from; i < to; i++)
		for (size_t j = 0; j < s->plans[i].nall_indicators; j++)
			n += s->plans[i].all_indicators[j]->nactuals;
	struct tbl_rec *v = arena_alloc(c->a, (n + 1) * sizeof(*v));
	for (size_t i = from; i < to; i++) {
		const struct plan *p = &s->plans[i];
		for (size_t j = 0; j < p->nall_indicators; j++) {
			const struct indicator *ind = p->all_indicators[j];
			for (size_t m = 0; m < ind->nactuals; m++)
				v[k++] = (struct tbl_rec){ .plan = p, .ind = ind, .actual = &ind->actuals[m], .seq = m + 1 };
		}
	}
	*out = v;
	return k;
}

/* ---- units and regions --------------------------------------------------------- */

F(n_id) { U; return r->unit->id; }
F(n_name) { U; return r->unit->name; }
F(n_region) { U; return r->unit->region ? r->unit->region->id : NULL; }
F(n_aliases)
{
	if (!r->unit->naliases)
		return NULL;
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < r->unit->naliases; i++)
		buf_printf(&b, "%s%s", i ? "、" : "", r->unit->aliases[i]);
	const char *s = arena_strndup(c->a, b.ptr, b.len);
	buf_free(&b);
	return s;
}
F(n_note) { U; return r->unit->note; }
F(n_uses) { return int_cell(c, (long long)r->unit->nuses); }
F(n_url) { return tbl_url(c, "units/%s/", r->unit->id); }

static const struct tbl_field unit_fields[] = {
	{ "unit", TT_STRING, 1, "单位编号", "网址中使用的编号", n_id, NULL },
	{ "name", TT_STRING, 1, "全称", "单位全称", n_name, NULL },
	{ "region", TT_STRING, 0, "所属地区", "地区编号（见 regions）", n_region, NULL },
	{ "aliases", TT_STRING, 0, "文件中的写法", "计划中出现的简称和写法，以“、”分隔", n_aliases, NULL },
	{ "note", TT_STRING, 0, "说明", "对这个单位的说明", n_note, NULL },
	{ "items", TT_INTEGER, 1, "负责事项数", "负责的重点工作和活动的项数", n_uses, NULL },
	{ "url", TT_STRING, 1, "网页", "单位在本站的网页", n_url, NULL },
};

static size_t unit_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	(void)only;
	struct tbl_rec *v = arena_alloc(c->a, (s->nunits + 1) * sizeof(*v));
	for (size_t i = 0; i < s->nunits; i++)
		v[i] = (struct tbl_rec){ .unit = &s->units[i], .seq = i + 1 };
	*out = v;
	return s->nunits;
}

F(g_id) { U; return r->region->id; }
F(g_name) { U; return r->region->name; }
F(g_short) { U; return r->region->short_name; }
F(g_province) { U; return r->region->province; }
F(g_parent) { U; return r->region->parent ? r->region->parent->id : NULL; }
F(g_url) { return tbl_url(c, "regions/%s/", r->region->id); }

static const struct tbl_field region_fields[] = {
	{ "region", TT_STRING, 1, "地区编号", "网址中使用的编号（拼音）", g_id, NULL },
	{ "name", TT_STRING, 1, "名称", "地区全称", g_name, NULL },
	{ "short", TT_STRING, 0, "简称", "表头中使用的简称", g_short, NULL },
	{ "province", TT_STRING, 0, "省份", "所在省份", g_province, NULL },
	{ "parent", TT_STRING, 0, "上级地区", "上级地区的编号", g_parent, NULL },
	{ "url", TT_STRING, 1, "网页", "地区在本站的网页", g_url, NULL },
};

static size_t region_rows(const struct tbl_ctx *c, const struct plan *only, struct tbl_rec **out)
{
	const struct site *s = c->site;
	(void)only;
	struct tbl_rec *v = arena_alloc(c->a, (s->nregions + 1) * sizeof(*v));
	for (size_t i = 0; i < s->nregions; i++)
		v[i] = (struct tbl_rec){ .region = &s->regions[i], .seq = i + 1 };
	*out = v;
	return s->nregions;
}

/* ---- the tables ------------------------------------------------------------------ */

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct tbl_fk plan_fks[] = { { "region", "regions", "region" } };
static const struct tbl_fk task_fks[] = { { "plan", "plans", "plan" } };
static const struct tbl_fk column_fks[] = { { "plan", "plans", "plan" } };
static const struct tbl_fk row_fks[] = { { "plan", "plans", "plan" } };
static const struct tbl_fk cell_fks[] = {
	{ "plan,row", "schedule", "plan,row" },
	{ "plan,column", "columns", "plan,column" },
};
static const struct tbl_fk resp_fks[] = { { "plan", "plans", "plan" }, { "unit", "units", "unit" } };
static const struct tbl_fk ind_fks[] = {
	{ "plan", "plans", "plan" },
	{ "plan,parent", "", "plan,indicator" },
};
static const struct tbl_fk target_fks[] = {
	{ "plan,indicator", "indicators", "plan,indicator" },
	{ "region", "regions", "region" },
};
static const struct tbl_fk actual_fks[] = { { "plan,indicator", "indicators", "plan,indicator" } };
static const struct tbl_fk unit_fks[] = { { "region", "regions", "region" } };
static const struct tbl_fk region_fks[] = { { "parent", "", "region" } };

const struct tbl_def tbl_defs[] = {
	{ "plans", "工作计划", "每行一个计划：发文信息和进展概况", plan_fields, N(plan_fields), "plan",
	  plan_fks, N(plan_fks), 0, plan_rows },
	{ "tasks", "重点工作", "每行一项重点工作：原文、责任单位、计划时间、报告的进展和推算的状态", task_fields,
	  N(task_fields), "plan,task", task_fks, N(task_fks), 0, task_rows },
	{ "schedule", "计划表格", "每行是计划所附表格（重要活动安排、任务分解表等）的一行：按含义排列的各栏、计划时间、报告的进展和推算的状态", row_fields,
	  N(row_fields), "plan,row", row_fks, N(row_fks), 0, schedule_rows },
	{ "columns", "表格栏目", "每行是计划所附表格的一栏：表头照原文，以及它的含义", column_fields,
	  N(column_fields), "plan,column", column_fks, N(column_fks), 0, column_rows },
	{ "cells", "表格单元格", "每行是计划所附表格的一格：表头和文字照原文，合并单元格逐行写出", cell_fields,
	  N(cell_fields), "plan,row,column", cell_fks, N(cell_fks), 0, cell_rows },
	{ "responsibilities", "责任分工", "每行是重点工作或表格行所写的一个单位：原文写法、分工（责任、牵头、配合）和对应的单位", resp_fields,
	  N(resp_fields), "plan,item_kind,item,seq", resp_fks, N(resp_fks), 0, resp_rows },
	{ "indicators", "任务指标", "每行一个指标（“其中”指标另起一行，parent 指向上一级）：目标、完成值、完成率",
	  ind_fields, N(ind_fields), "plan,indicator", ind_fks, N(ind_fks), 0, ind_rows },
	{ "targets", "指标分解", "每行一个指标在分解表中的一列：分地区目标和完成情况", target_fields,
	  N(target_fields), "plan,indicator,column", target_fks, N(target_fks), 0, target_rows },
	{ "actuals", "完成值", "每行一个报告的完成值：日期、地区列、数值、说明", actual_fields, N(actual_fields),
	  "plan,indicator,seq", actual_fks, N(actual_fks), 0, actual_rows },
	{ "units", "责任单位", "每行一个登记的责任单位", unit_fields, N(unit_fields), "unit", unit_fks, N(unit_fks), 1,
	  unit_rows },
	{ "regions", "地区", "每行一个地区", region_fields, N(region_fields), "region", region_fks, N(region_fks), 1,
	  region_rows },
};
const size_t tbl_ndefs = N(tbl_defs);

const struct tbl_def *tbl_find(const char *name)
{
	for (size_t i = 0; i < tbl_ndefs; i++)
		if (strcmp(tbl_defs[i].name, name) == 0)
			return &tbl_defs[i];
	return NULL;
}
