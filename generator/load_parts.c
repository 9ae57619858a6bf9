/* load_parts: what the loader's files share — reading files, ids,
 * planned times and deadlines, the columns of a plan's table. */
#include "load_parts.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "placeholder.h"
#include "source.h"
#include "utf8.h"
#include "value.h"
#include "yml.h"

#include <stdlib.h>
#include <string.h>

/* Read path; NULL if missing (reported when required) or unreadable. The
 * text is malloc'd: the caller frees it once parsed (the value tree copies
 * what it keeps, so a site of 10,000 plans does not hold every file twice). */
char *read_text(struct loader *L, const char *path, size_t *len, int required)
{
	char *data, *err = NULL;
	int r = source_read(L->src, path, &data, len, &err);
	if (r == 1) {
		if (required)
			diag_add(L->d, DIAG_ERROR, path, 0, 0,
				 "新的内容仓库用 gongkai init 建立；这个文件的写法见《录入人员指南》第 2 节",
				 "缺少文件");
		return NULL;
	}
	if (r < 0) {
		diag_add(L->d, DIAG_ERROR, path, 0, 0, NULL, "无法读取文件：%s", err ? err : "?");
		free(err);
		return NULL;
	}
	if (!utf8_valid(data, *len)) {
		diag_add(L->d, DIAG_ERROR, path, 0, 0, "用 UTF-8 编码另存这个文件",
			 "文件不是 UTF-8 编码");
		free(data);
		return NULL;
	}
	placeholder_scan(L->d, path, data, *len);
	return data;
}

/* Read and parse a YAML file. *broken (may be NULL) is set when the file
 * exists but could not be read or parsed: references into it are then not
 * reported as unknown, which would bury the one real error under many. */
struct val *read_yaml_file(struct loader *L, const char *path, int required, int *broken)
{
	size_t len, errors = L->d->errors;
	char *text = read_text(L, path, &len, required);
	struct val *v = NULL;
	if (text && yml_parse(&v, L->a, L->d, path, text, len, 0) != 0)
		v = NULL;
	free(text);
	if (broken)
		*broken = L->d->errors > errors;
	return v;
}

const char *path_join(struct loader *L, const char *a, const char *b)
{
	return arena_printf(L->a, "%s/%s", a, b);
}

void duplicate(struct loader *L, const struct val *at, const char *id, const struct val *first)
{
	struct buf m = BUF_INIT;
	if (first && first->file && at->file && strcmp(first->file, at->file) != 0)
		buf_printf(&m, "编号 \"%s\" 重复（第一次在 %s 第 %u 行）", id, first->file, first->line);
	else
		buf_printf(&m, "编号 \"%s\" 重复（第一次在第 %u 行）", id, first ? first->line : 0);
	diag_at(L->d, DIAG_ERROR, at, "编号必须唯一，请换一个", "%s", m.ptr);
	buf_free(&m);
}

void read_when(struct loader *L, const struct plan *p, const struct val *v, const char *what,
	       const char **text, struct when *w)
{
	*text = NULL;
	when_parse(w, "", 0, p->year);
	if (!v || v->kind == VAL_NULL)
		return;
	if (v->kind != VAL_STR) {
		diag_at(L->d, DIAG_ERROR, v, "照原文写在冒号后面，如 when: 下半年",
			"%s应该是一段文字", what);
		return;
	}
	*text = v->s;
	if (when_parse(w, v->s, v->n, p->year) != 0) {
		diag_at(L->d, DIAG_WARNING, v,
			strcmp(what, "完成时限") == 0
			? "原文照常显示，进度不按它计算；能读懂的写法见《录入指南》（docs/guide.zh.md）第7节，如 8月前、11月底前、2024-11-30"
			: "原文照常显示，标为“未排期”；能读懂的写法见《录入指南》（docs/guide.zh.md）第7节，如 下半年、7月、10月、4-8月、12月底前",
			"无法识别的%s \"%s\"", what, v->s);
	} else if (w->other_year) {
		diag_at(L->d, DIAG_WARNING, v, "检查年份是否写错",
			"%s \"%s\" 不在计划年度 %d 年内", what, v->s, p->year);
	}
}

/* A deadline (due:) as written: a planned time (8月前, 于2024年11月30日前完成)
 * or a date (2024-11-30). */
void read_due(struct loader *L, const struct plan *p, const struct val *v, const char **text,
	      struct when *w)
{
	int day;
	if (v && v->kind == VAL_STR && date_parse_iso(&day, v->s, v->n) == 0) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		*text = v->s;
		memset(w, 0, sizeof(*w));
		w->kind = WHEN_DEADLINE;
		w->nspans = 1;
		w->spans[0].start = date_from_ymd(y < p->year ? y : p->year, 1, 1);
		w->spans[0].end = day;
		w->other_year = y != p->year;
		return;
	}
	read_when(L, p, v, "完成时限", text, w);
	if (*text && w->kind == WHEN_UNSCHEDULED && !w->unreadable)
		diag_at(L->d, DIAG_WARNING, v, "写出完成的日期或时间，如 due: 11月底前、due: 2024-11-30；没有就删掉这一行",
			"完成时限 \"%s\" 中没有日期，不能据此计算进度", v->s);
}

int plan_column(const struct plan *p, enum col_meaning m)
{
	for (size_t i = 0; i < p->ntcols; i++)
		if (p->tcols[i].meaning == m)
			return (int)i;
	return -1;
}
