#include "yml.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "strmap.h"
#include "text.h"
#include "utf8.h"
#include "value.h"

#include <string.h>
#include <yaml.h>

struct frame {
	struct val *node; /* the open list or map */
	struct val *key;  /* a map's key waiting for its value, or NULL */
	int full;         /* YML_MAX_ITEMS reached (reported) */
};

struct loader {
	struct arena *a;
	struct diag *d;
	const char *path;
	const char *text;  /* the YAML text, for looking at the character at an error */
	size_t len;
	size_t cur_char;   /* a cursor into text, moving forward with the parse: */
	size_t cur_byte;   /* character index cur_char is at byte cur_byte */
	unsigned line0;
	struct frame stack[YML_MAX_DEPTH];
	size_t depth;
	struct strmap anchors;   /* name (in the arena) → index in nodes */
	struct val **nodes;      /* anchored nodes */
	size_t nnodes, capnodes;
	size_t aliases;          /* aliases so far */
	size_t expanded;         /* nodes that aliases stand for, so far */
	struct val *root;
	int docs;
	int failed; /* an error was reported: the tree is not returned */
	int stop;   /* parsing cannot go on */
};

/* libyaml's problems, as a staff member would want to read them. */
static const struct {
	const char *problem;
	const char *msg;
	const char *hint;
} problems[] = {
	{ "mapping values are not allowed in this context",
	  "这一行的文字里有半角冒号加空格（\": \"），YAML 把它当成了新的键",
	  "把整段文字用引号括起来，或把文字中的半角冒号改成全角冒号“：”" },
	{ "did not find expected key",
	  "缩进没有对齐",
	  "同一层的各项要从同一列开始；只用空格缩进" },
	{ "did not find expected '-' indicator",
	  "列表项的缩进没有对齐",
	  "同一个列表的各项 \"- \" 要从同一列开始" },
	{ "block sequence entries are not allowed in this context",
	  "列表项 \"- \" 出现在不能出现的位置",
	  "列表要另起一行，写在键的下面并缩进，例如\n  units:\n    - 发改委" },
	{ "could not find expected ':'",
	  "这一行缺少半角冒号",
	  "写成 \"键: 值\"：冒号是半角的 \":\"，后面跟一个空格" },
	{ "found unexpected end of stream",
	  "文件在引号或括号闭合之前就结束了",
	  "检查引号（\" 或 '）和方括号 [ ] 是否成对" },
	{ "found a tab character that violates indentation",
	  "用了 Tab 键缩进",
	  "YAML 只能用空格缩进，请把 Tab 换成空格" },
	{ "found a tab character where an indentation space is expected",
	  "用了 Tab 键缩进",
	  "YAML 只能用空格缩进，请把 Tab 换成空格" },
	{ "did not find expected node content",
	  "这里缺少内容",
	  "在冒号或 \"- \" 后面写上内容，或删掉这一行" },
	{ "did not find expected ',' or ']'",
	  "方括号列表没有正确结束",
	  "列表写成 [甲, 乙]：各项用半角逗号分开，最后用 ] 结束" },
	{ "did not find expected ',' or '}'",
	  "花括号没有正确结束",
	  "写成 {键: 值, 键: 值}，最后用 } 结束" },
	{ "found undefined alias",
	  "引用了没有定义的锚点（*名字）",
	  "先用 &名字 定义，或者去掉 *" },
};

/* The code point at a 0-based line and column of the text, or 0. */
static unsigned char_at(const struct loader *L, size_t line, size_t col)
{
	size_t i = 0;
	for (size_t l = 0; l < line && i < L->len; i++)
		if (L->text[i] == '\n')
			l++;
	for (size_t c = 0; c < col && i < L->len && L->text[i] != '\n'; c++) {
		unsigned cp;
		i += utf8_decode(L->text + i, L->len - i, &cp);
	}
	if (i >= L->len)
		return 0;
	unsigned cp;
	utf8_decode(L->text + i, L->len - i, &cp);
	return cp;
}

/* Does a comment that looks like text follow a scalar on its line? A plain
 * scalar ends before " #", so staff who write "培育特色 #产业" lose "#产业"
 * without knowing it; the loader warns about such texts. */
static int comment_follows(struct loader *L, const yaml_mark_t *end)
{
	/* libyaml counts marks in characters; events come in order, so a
	 * cursor that only moves forward finds the byte in linear time. */
	if (end->index < L->cur_char)
		L->cur_char = L->cur_byte = 0;
	while (L->cur_char < end->index && L->cur_byte < L->len) {
		unsigned cp;
		L->cur_byte += utf8_decode(L->text + L->cur_byte, L->len - L->cur_byte, &cp);
		L->cur_char++;
	}
	size_t i = L->cur_byte;
	while (i < L->len && (L->text[i] == ' ' || L->text[i] == '\t'))
		i++;
	/* "# 说明" (a space after #) is a comment written as one; "#产业" is
	 * text that YAML took for a comment. */
	return i + 1 < L->len && L->text[i] == '#' && L->text[i + 1] != ' ' &&
	       L->text[i + 1] != '\t' && L->text[i + 1] != '\n' && L->text[i + 1] != '\r';
}

static void yaml_error(struct loader *L, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown error";
	unsigned line = (unsigned)p->problem_mark.line + 1 + L->line0;
	unsigned col = (unsigned)p->problem_mark.column + 1;
	const char *msg = NULL, *hint = NULL;

	for (size_t i = 0; i < sizeof(problems) / sizeof(problems[0]); i++) {
		if (strncmp(problem, problems[i].problem, strlen(problems[i].problem)) == 0) {
			msg = problems[i].msg;
			hint = problems[i].hint;
			break;
		}
	}
	if (!msg && strstr(problem, "cannot start any token")) {
		if (char_at(L, p->problem_mark.line, p->problem_mark.column) == '\t') {
			msg = "用了 Tab 键缩进";
			hint = "YAML 只能用空格缩进，请把 Tab 换成空格";
		} else {
			msg = "这里的字符不能作为 YAML 内容的开头";
			hint = "以 @ ` % 等符号开头的文字请用引号括起来";
		}
	}
	if (!msg && strstr(problem, "while scanning a quoted scalar") == problem) {
		msg = "引号没有闭合";
		hint = "在文字末尾补上对应的引号";
	}
	if (!msg) {
		msg = "YAML 语法错误";
		hint = NULL;
	}
	if (p->context && strstr(p->context, "quoted scalar") && !strstr(msg, "引号")) {
		msg = "引号没有闭合";
		hint = "在文字末尾补上对应的引号";
	}
	diag_add(L->d, DIAG_ERROR, L->path, line, col, hint, "%s（YAML: %s）", msg, problem);
	L->failed = 1;
}

static void error_at(struct loader *L, const yaml_mark_t *m, const char *hint,
		     const char *msg)
{
	diag_add(L->d, DIAG_ERROR, L->path, (unsigned)m->line + 1 + L->line0,
		 (unsigned)m->column + 1, hint, "%s", msg);
	L->failed = 1;
}

static struct val *node_at(struct loader *L, enum val_kind kind, const yaml_mark_t *m)
{
	struct val *v = val_new(L->a, kind);
	v->file = L->path;
	v->line = (unsigned)m->line + 1 + L->line0;
	v->col = (unsigned)m->column + 1;
	return v;
}

static int is_one_of(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(*words, s, n) == 0)
			return 1;
	return 0;
}

static struct val *scalar(struct loader *L, const yaml_event_t *ev)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	const char *tag = (const char *)ev->data.scalar.tag;
	int str_tag = tag && strcmp(tag, YAML_STR_TAG) == 0;
	struct val *v;

	if (plain && !str_tag && is_one_of(s, n, nulls)) {
		v = node_at(L, VAL_NULL, &ev->start_mark);
	} else if (plain && !str_tag && is_one_of(s, n, trues)) {
		v = node_at(L, VAL_BOOL, &ev->start_mark);
		v->b = 1;
	} else if (plain && !str_tag && is_one_of(s, n, falses)) {
		v = node_at(L, VAL_BOOL, &ev->start_mark);
	} else {
		v = node_at(L, VAL_STR, &ev->start_mark);
		v->s = arena_strndup(L->a, s, n);
		v->n = n;
		v->plain = plain && !str_tag;
	}
	if (plain)
		v->comment = comment_follows(L, &ev->end_mark);
	return v;
}

/* A key is kept as written, whatever it looks like. */
static struct val *key_scalar(struct loader *L, const yaml_event_t *ev)
{
	struct val *v = node_at(L, VAL_STR, &ev->start_mark);
	v->n = ev->data.scalar.length;
	v->s = arena_strndup(L->a, (const char *)ev->data.scalar.value, v->n);
	v->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return v;
}

static void remember_anchor(struct loader *L, const yaml_char_t *name, struct val *v)
{
	if (!name)
		return;
	/* A later anchor of the same name wins, as in YAML. */
	size_t n = strlen((const char *)name);
	size_t k = strmap_get(&L->anchors, name, n);
	if (k != STRMAP_NONE) {
		L->nodes[k] = v;
		return;
	}
	if (L->nnodes == L->capnodes) {
		L->capnodes = L->capnodes ? L->capnodes * 2 : 8;
		L->nodes = xrealloc(L->nodes, L->capnodes * sizeof(*L->nodes));
	}
	L->nodes[L->nnodes] = v;
	strmap_set(&L->anchors, arena_strndup(L->a, (const char *)name, n), n, L->nnodes);
	L->nnodes++;
}

/* a + b, saturating. */
static size_t add_sat(size_t a, size_t b)
{
	return a > (size_t)-1 - b ? (size_t)-1 : a + b;
}

/* Text that came out of escapes ("\0", "\x01", "\u202E") may hold what a
 * file may not (text.h): the scalar is reported at its start. */
static void check_text(struct loader *L, const yaml_event_t *ev, const char *s, size_t n)
{
	unsigned cp;
	if (text_find_bad(s, n, &cp) == n)
		return;
	struct buf m = BUF_INIT;
	buf_printf(&m, "这段文字含有%s（U+%04X），是引号里的转义写法产生的", text_bad_char(cp), cp);
	error_at(L, &ev->start_mark, "删掉产生它的转义写法（如 \\0、\\x01、\\u202E）", m.ptr);
	buf_free(&m);
}

/* Attach v to the open container (or make it the root). For a map
 * expecting a key, v must be a string and becomes the pending key. */
static void attach(struct loader *L, struct val *v, const yaml_event_t *ev, int is_key_scalar)
{
	if (L->depth == 0) {
		L->root = v;
		return;
	}
	struct frame *f = &L->stack[L->depth - 1];
	if (f->node->len >= YML_MAX_ITEMS) {
		if (f->node->len == YML_MAX_ITEMS && !f->full) {
			struct buf m = BUF_INIT;
			buf_printf(&m, "%s的项数超过上限 %d（从这里开始的项不会被读取）",
				   f->node->kind == VAL_LIST ? "列表" : "映射", YML_MAX_ITEMS);
			error_at(L, &ev->start_mark, "把内容拆成几个文件（例如按年度或地区分开）", m.ptr);
			buf_free(&m);
			f->full = 1;
		}
		return;
	}
	f->node->nodes = add_sat(f->node->nodes, v->nodes ? v->nodes : 1);
	if (f->node->kind == VAL_LIST) {
		val_push(L->a, f->node, v);
		return;
	}
	if (!f->key) {
		if (!is_key_scalar) {
			error_at(L, &ev->start_mark, "键只能是一段文字，例如 name",
				 "映射的键不能是列表或映射");
			/* Keep going with a placeholder key so the rest is still checked. */
			f->key = node_at(L, VAL_STR, &ev->start_mark);
			f->key->s = "";
			return;
		}
		struct val *first = val_getn(f->node, v->s, v->n) ? val_get_key(f->node, v->s) : NULL;
		if (first) {
			struct buf m = BUF_INIT, h = BUF_INIT;
			buf_printf(&m, "键 \"%s\" 重复出现（第一次在第 %u 行）", v->s, first->line);
			buf_puts(&h, "删掉其中一个，或者把它们合并");
			diag_add(L->d, DIAG_ERROR, L->path, v->line, v->col, h.ptr, "%s", m.ptr);
			buf_free(&m);
			buf_free(&h);
			L->failed = 1;
		}
		f->key = v;
		return;
	}
	val_set_node(L->a, f->node, f->key, v);
	f->key = NULL;
}

static int expecting_key(const struct loader *L)
{
	if (L->depth == 0)
		return 0;
	const struct frame *f = &L->stack[L->depth - 1];
	return f->node->kind == VAL_MAP && !f->key;
}

static void push(struct loader *L, struct val *v, const yaml_event_t *ev)
{
	if (L->depth == YML_MAX_DEPTH) {
		error_at(L, &ev->start_mark, "减少列表和映射的层数",
			 "嵌套层数超过上限 " YML_STR(YML_MAX_DEPTH));
		L->stop = 1;
		return;
	}
	L->stack[L->depth].node = v;
	L->stack[L->depth].key = NULL;
	L->stack[L->depth].full = 0;
	L->depth++;
}

int yml_parse(struct val **out, struct arena *a, struct diag *d,
	      const char *path, const char *text, size_t len, unsigned line0)
{
	struct loader L = { .a = a, .d = d, .path = path, .text = text, .len = len, .line0 = line0 };
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0;

	*out = NULL;
	if (!yaml_parser_initialize(&p))
		oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

	while (!done && !L.stop) {
		if (!yaml_parser_parse(&p, &ev)) {
			yaml_error(&L, &p);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++L.docs > 1)
				error_at(&L, &ev.start_mark, "删掉多余的 \"---\" 和它后面的内容",
					 "一个文件里只能有一个 YAML 文档");
			break;
		case YAML_SCALAR_EVENT: {
			int is_key = expecting_key(&L);
			check_text(&L, &ev, (const char *)ev.data.scalar.value, ev.data.scalar.length);
			struct val *v = is_key ? key_scalar(&L, &ev) : scalar(&L, &ev);
			v->nodes = 1;
			remember_anchor(&L, ev.data.scalar.anchor, v);
			attach(&L, v, &ev, 1);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			int seq = ev.type == YAML_SEQUENCE_START_EVENT;
			struct val *v = node_at(&L, seq ? VAL_LIST : VAL_MAP, &ev.start_mark);
			v->nodes = 1;
			remember_anchor(&L, seq ? ev.data.sequence_start.anchor
					      : ev.data.mapping_start.anchor, v);
			attach(&L, v, &ev, 0);
			push(&L, v, &ev);
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (L.depth) {
				/* Now complete: its size counts in the one around it. */
				struct val *done = L.stack[--L.depth].node;
				if (L.depth) {
					struct val *up = L.stack[L.depth - 1].node;
					up->nodes = add_sat(up->nodes, done->nodes - 1);
				}
			}
			break;
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			size_t k = strmap_get(&L.anchors, name, strlen(name));
			struct val *target = k == STRMAP_NONE ? NULL : L.nodes[k];
			int open = 0;
			for (size_t i = 0; target && i < L.depth && !open; i++)
				open = L.stack[i].node == target;
			if (++L.aliases > YML_MAX_ALIASES) {
				error_at(&L, &ev.start_mark, "少用一些 *引用，把内容直接写出来",
					 "引用（*名字）超过上限 " YML_STR(YML_MAX_ALIASES) " 个");
				L.stop = 1;
			} else if (!target) {
				error_at(&L, &ev.start_mark, "先用 &名字 定义，或者去掉 *",
					 "引用了没有定义的锚点");
			} else if (open) {
				error_at(&L, &ev.start_mark, "引用不能放在它所引用的内容里面；把这一项直接写出来",
					 "引用（*名字）指向包含它自己的内容，形成了循环");
				L.stop = 1;
			} else if ((L.expanded = add_sat(L.expanded, target->nodes)) > YML_MAX_EXPANDED) {
				error_at(&L, &ev.start_mark, "少用一些 *引用，或不要层层引用",
					 "引用展开后的内容超过上限 " YML_STR(YML_MAX_EXPANDED) " 个节点");
				L.stop = 1;
			} else if (expecting_key(&L) && target->kind != VAL_STR) {
				error_at(&L, &ev.start_mark, "键只能是一段文字",
					 "映射的键不能是列表或映射");
			} else {
				attach(&L, target, &ev, target->kind == VAL_STR);
			}
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	strmap_free(&L.anchors);
	free(L.nodes);

	if (L.failed)
		return -1;
	if (!L.root) {
		L.root = val_new(a, VAL_NULL);
		L.root->file = path;
		L.root->line = line0 + 1;
		L.root->col = 1;
	}
	*out = L.root;
	return 0;
}
