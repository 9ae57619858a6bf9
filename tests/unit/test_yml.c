/* The YAML loader and the value tree: positions, scalar typing, errors. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "value.h"
#include "yml.h"
#include "test.h"

static struct arena *A;

static struct val *load(const char *text, struct diag *d)
{
	struct val *v = NULL;
	yml_parse(&v, A, d, "t.yaml", text, strlen(text), 0);
	return v;
}

/* All diagnostics, one per line, as printed. */
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

static void test_positions(void)
{
	struct diag d = DIAG_INIT;
	struct val *v = load("title: 如皋市计划\nunits:\n  - 发改委\n  - \"人社局\"\nn: 12\n", &d);
	T_INT(d.len, 0);
	T_INT(v->kind, VAL_MAP);
	T_STR(val_text(val_get(v, "title")), "如皋市计划");
	struct val *u = val_get(v, "units");
	T_INT(u->kind, VAL_LIST);
	T_INT(u->len, 2);
	T_INT(u->items[1]->line, 4);
	T_INT(u->items[1]->col, 5);
	T_INT(u->items[0]->plain, 1);
	T_INT(u->items[1]->plain, 0);
	/* columns count characters, not bytes */
	struct val *w = load("- 甲乙: 丙\n", &d);
	T_INT(val_get(w->items[0], "甲乙")->col, 7);
	T_STR(val_text(val_get(v, "n")), "12");
	diag_free(&d);
}

static void test_scalars(void)
{
	struct diag d = DIAG_INIT;
	struct val *v = load("a: ~\nb:\nc: null\nd: true\ne: False\nf: 'true'\ng: \"\"\nh: 1.10\n", &d);
	T_INT(val_get(v, "a")->kind, VAL_NULL);
	T_INT(val_get(v, "b")->kind, VAL_NULL);
	T_INT(val_get(v, "c")->kind, VAL_NULL);
	T_INT(val_get(v, "d")->kind, VAL_BOOL);
	T_INT(val_get(v, "d")->b, 1);
	T_INT(val_get(v, "e")->b, 0);
	T_INT(val_get(v, "f")->kind, VAL_STR);
	T_INT(val_get(v, "g")->kind, VAL_STR);
	T_STR(val_text(val_get(v, "h")), "1.10");
	struct val *e = load("", &d);
	T_INT(e->kind, VAL_NULL);
	T_INT(d.len, 0);
	diag_free(&d);
}

static void test_anchors(void)
{
	struct diag d = DIAG_INIT;
	struct val *v = load("a: &x [1, 2]\nb: *x\n", &d);
	T_INT(d.len, 0);
	T_OK(val_get(v, "a") == val_get(v, "b"));
	load("a: *nope\n", &d);
	T_STR(diags(&d), "t.yaml:1:4: error: 引用了没有定义的锚点; 先用 &名字 定义，或者去掉 *\n");
	diag_free(&d);
}

static void test_errors(void)
{
	struct diag d = DIAG_INIT;
	T_OK(load("a: 1\nb: 2\na: 3\n", &d) == NULL);
	T_STR(diags(&d), "t.yaml:3:1: error: 键 \"a\" 重复出现（第一次在第 1 行）; 删掉其中一个，或者把它们合并\n");
	diag_free(&d);

	T_OK(load("title: 计划: 2023\n", &d) == NULL);
	T_STR(diags(&d), "t.yaml:1:10: error: 这一行的文字里有半角冒号加空格（\": \"），YAML 把它当成了新的键（YAML: mapping values are not allowed in this context）; 把整段文字用引号括起来，或把文字中的半角冒号改成全角冒号“：”\n");
	diag_free(&d);

	T_OK(load("a: \"open\nb: 2\n", &d) == NULL);
	T_INT(d.errors, 1);
	T_OK(strstr(diags(&d), "引号") != NULL);
	diag_free(&d);

	T_OK(load("a:\n\t- x\n", &d) == NULL);
	T_INT(d.errors, 1);
	diag_free(&d);

	T_OK(load("a: 1\n---\nb: 2\n", &d) == NULL);
	T_STR(diags(&d), "t.yaml:2:1: error: 一个文件里只能有一个 YAML 文档; 删掉多余的 \"---\" 和它后面的内容\n");
	diag_free(&d);

	/* front matter offset */
	struct val *v = NULL;
	T_INT(yml_parse(&v, A, &d, "p.md", "x: [\n", 5, 1), -1);
	T_OK(strncmp(diags(&d), "p.md:3:1: error:", 16) == 0);
	diag_free(&d);
}

static void test_depth(void)
{
	struct diag d = DIAG_INIT;
	struct buf b = BUF_INIT;
	for (int i = 0; i < 70; i++)
		buf_putc(&b, '[');
	T_OK(load(b.ptr, &d) == NULL);
	T_STR(diags(&d), "t.yaml:1:65: error: 嵌套层数超过上限 64; 减少列表和映射的层数\n");
	buf_free(&b);
	diag_free(&d);
}

int main(void)
{
	A = arena_new();
	test_positions();
	test_scalars();
	test_anchors();
	test_errors();
	test_depth();
	arena_free(A);
	return t_done("yml");
}
