#include "fields.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "utf8.h"
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(const struct val *v)
{
	switch (v->kind) {
	case VAL_NULL: return "空值";
	case VAL_BOOL: return "true/false";
	case VAL_STR: return "一段文字";
	case VAL_LIST: return "列表";
	case VAL_MAP: return "映射（键: 值）";
	}
	return "?";
}

int f_is_map(struct fields *F, const struct val *v, const char *what)
{
	if (v && v->kind == VAL_MAP)
		return 1;
	if (v && v->kind == VAL_STR && (strstr(v->s, "：") || strstr(v->s, ":"))) {
		diag_at(F->d, DIAG_ERROR, v,
			"键和值之间要用半角冒号 \":\" 加一个空格，例如 title: 计划标题",
			"%s应该写成“键: 值”的形式，这里却是一段文字", what);
		return 0;
	}
	diag_at(F->d, DIAG_ERROR, v, "写法见《录入人员指南》",
		"%s应该是映射（键: 值），这里是%s", what, v ? kind_name(v) : "空");
	return 0;
}

int f_is_list(struct fields *F, const struct val *v, const char *what)
{
	if (!v || v->kind == VAL_NULL || v->kind == VAL_LIST)
		return 1;
	diag_at(F->d, DIAG_ERROR, v, "列表的每一项另起一行，以 \"- \" 开头",
		"%s应该是列表，这里是%s", what, kind_name(v));
	return 0;
}

void f_unknown(struct fields *F, const struct val *map, const struct field *known)
{
	if (!map || map->kind != VAL_MAP)
		return;
	for (size_t i = 0; i < map->len; i++) {
		const struct val *k = map->pairs[i].key;
		const struct field *f, *best = NULL;
		size_t best_d = (size_t)-1;
		for (f = known; f->key; f++)
			if (strcmp(f->key, k->s) == 0)
				break;
		if (f->key)
			continue;
		/* Unknown: only now look for the nearest known field. */
		for (f = known; f->key; f++) {
			size_t dist = utf8_distance(f->key, k->s);
			if (dist < best_d) {
				best_d = dist;
				best = f;
			}
		}
		struct buf h = BUF_INIT;
		if (best && best_d <= 2)
			buf_printf(&h, "是不是想写 \"%s\"？", best->key);
		else {
			buf_puts(&h, "可用的字段：");
			for (f = known; f->key; f++)
				buf_printf(&h, "%s%s", f == known ? "" : ", ", f->key);
			buf_puts(&h, "。");
		}
		buf_puts(&h, "这一项的内容不会被使用");
		diag_at(F->d, DIAG_WARNING, k, h.ptr, "未知字段 \"%s\"", k->s);
		buf_free(&h);
	}
}

static void missing(struct fields *F, const struct val *map, const struct field *f)
{
	struct buf h = BUF_INIT;
	buf_printf(&h, "加上一行 \"%s: %s\"", f->key, f->hint);
	diag_at(F->d, DIAG_ERROR, map, h.ptr, "缺少必填字段 \"%s\"", f->key);
	buf_free(&h);
}

static int all_ascii(const char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* A plain text followed by " #…" lost the rest of its line to a YAML
 * comment. Ids, dates and numbers are ASCII and may carry a comment; a
 * Chinese text (or an empty value) with one almost surely did not mean it. */
static void comment_check(struct fields *F, const struct val *v)
{
	if (v && v->comment && (v->kind == VAL_NULL || (v->kind == VAL_STR && !all_ascii(v->s))))
		diag_at(F->d, DIAG_WARNING, v,
			"如果 # 是正文的一部分，请把整段文字用引号括起来，例如 title: \"培育特色 #产业\"",
			"这一行 \"#\" 后面的文字被当成了注释，不会显示");
}

const char *f_str(struct fields *F, const struct val *map, const struct field *f, int required)
{
	const struct val *v = val_get(map, f->key);
	comment_check(F, v);
	if (!v || v->kind == VAL_NULL || (v->kind == VAL_STR && v->n == 0)) {
		if (required) {
			if (v)
				diag_at(F->d, DIAG_ERROR, v, NULL, "字段 \"%s\" 不能为空（应为%s）", f->key, f->hint);
			else
				missing(F, map, f);
		}
		return NULL;
	}
	if (v->kind == VAL_BOOL)
		return v->b ? "true" : "false";
	if (v->kind != VAL_STR) {
		diag_at(F->d, DIAG_ERROR, v, "写在同一行冒号后面；长文字用 |- 另起一行缩进书写",
			"字段 \"%s\" 应该是一段文字，这里是%s", f->key, kind_name(v));
		return NULL;
	}
	return v->s;
}

int id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
			return 0;
	}
	return 1;
}

const char *f_id(struct fields *F, const struct val *map, const struct field *f, int required)
{
	const char *s = f_str(F, map, f, required);
	if (s && !id_valid(s)) {
		diag_at(F->d, DIAG_ERROR, val_get(map, f->key),
			"编号只能用小写英文字母、数字和 - _ .，以字母或数字开头，最长 64 个字符，例如 2-1",
			"编号 \"%s\" 不合规", s);
		return NULL;
	}
	return s;
}

int f_date(struct fields *F, const struct val *map, const struct field *f, int required)
{
	const char *s = f_str(F, map, f, required);
	int day;
	if (!s)
		return 0;
	if (date_parse_iso(&day, s, strlen(s)) != 0) {
		diag_at(F->d, DIAG_ERROR, val_get(map, f->key),
			"日期写成 YYYY-MM-DD，例如 2023-08-30",
			"\"%s\" 不是有效的日期", s);
		return 0;
	}
	return day;
}

int f_int(struct fields *F, const struct val *map, const struct field *f, int required,
	  long lo, long hi, long *out)
{
	const char *s = f_str(F, map, f, required);
	if (!s)
		return 0;
	char *end;
	long n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < lo || n > hi) {
		struct buf h = BUF_INIT;
		buf_printf(&h, "写一个 %ld 到 %ld 之间的整数", lo, hi);
		diag_at(F->d, DIAG_ERROR, val_get(map, f->key), h.ptr,
			"字段 \"%s\" 的值 \"%s\" 不是有效的整数", f->key, s);
		buf_free(&h);
		return 0;
	}
	*out = n;
	return 1;
}

size_t f_strs(struct fields *F, const struct val *map, const struct field *f, int required,
	      const struct val ***out)
{
	const struct val *v = val_get(map, f->key);
	*out = NULL;
	if (!v || v->kind == VAL_NULL) {
		if (required)
			missing(F, map, f);
		return 0;
	}
	comment_check(F, v);
	if (v->kind == VAL_STR) {
		const struct val **one = arena_alloc(F->a, sizeof(*one));
		one[0] = v;
		*out = one;
		return 1;
	}
	if (v->kind != VAL_LIST) {
		diag_at(F->d, DIAG_ERROR, v, "写成 [甲, 乙] 或每项一行 \"- 甲\"",
			"字段 \"%s\" 应该是列表", f->key);
		return 0;
	}
	if (required && v->len == 0)
		diag_at(F->d, DIAG_ERROR, v, NULL, "\"%s\" 至少要写一项（%s）", f->key, f->hint);
	const struct val **items = arena_alloc(F->a, (v->len + 1) * sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < v->len; i++) {
		const struct val *it = v->items[i];
		comment_check(F, it);
		if (it->kind != VAL_STR || it->n == 0) {
			diag_at(F->d, DIAG_ERROR, it, "每一项写一段文字",
				"\"%s\" 的第 %zu 项应该是一段文字", f->key, i + 1);
			continue;
		}
		items[n++] = it;
	}
	*out = items;
	return n;
}

int number_parse(const char *s, double *out)
{
	const char *p = s;
	double v = 0, scale = 1;
	int neg = 0, digits = 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		int frac = 0;
		/* All digits as one integer, then one division by an exact power
		 * of ten: 8.17 comes out as the double nearest to 8.17. */
		for (; *p >= '0' && *p <= '9'; p++, frac++) {
			v = v * 10 + (*p - '0');
			scale *= 10;
		}
		if (frac == 0)
			return -1;
	}
	if (digits == 0 || *p != '\0' || digits > 15)
		return -1;
	v /= scale;
	*out = neg ? -v : v;
	return 0;
}

void number_put(struct buf *b, double v)
{
	char tmp[64];
	/* Six decimals, rounded, then trailing zeros dropped. The C locale is
	 * never changed, so the decimal point is always '.'. */
	snprintf(tmp, sizeof(tmp), "%.6f", v);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *end = tmp + strlen(tmp) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(tmp, "-0") == 0)
		strcpy(tmp, "0");
	buf_puts(b, tmp);
}
