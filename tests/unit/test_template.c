/* The template engine beyond the spec: the exact text of every error,
 * limits, repeatability, escaping, indentation, and rendering from several
 * threads at once. (The spec itself is test_mustache_spec.c.) */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "template.h"
#include "value.h"
#include "yml.h"
#include "test.h"

#include <pthread.h>

static struct arena *A;

/* ---- data: YAML through a small adapter ---- */

static enum tpl_kind v_kind(void *u, tpl_ref r)
{
	const struct val *v = r;
	(void)u;
	switch (v->kind) {
	case VAL_BOOL: return v->b ? TPL_TRUE : TPL_FALSE;
	case VAL_STR: return TPL_TEXT;
	case VAL_LIST: return TPL_LIST;
	case VAL_MAP: return TPL_MAP;
	default: return TPL_NULL;
	}
}

static tpl_ref v_get(void *u, tpl_ref map, const char *key, size_t n)
{
	(void)u;
	return val_getn(map, key, n);
}

static size_t v_count(void *u, tpl_ref list)
{
	(void)u;
	return ((const struct val *)list)->len;
}

static tpl_ref v_item(void *u, tpl_ref list, size_t i)
{
	(void)u;
	return ((const struct val *)list)->items[i];
}

static void v_text(void *u, tpl_ref r, struct buf *out)
{
	const struct val *v = r;
	(void)u;
	if (v->kind == VAL_BOOL)
		buf_puts(out, v->b ? "true" : "false");
	else if (v->kind == VAL_STR)
		buf_put(out, v->s, v->n);
}

static const struct tpl_data D = { NULL, v_kind, v_get, v_count, v_item, v_text };

static struct val *data(const char *yaml)
{
	struct diag d = DIAG_INIT;
	struct val *v = NULL;
	yml_parse(&v, A, &d, "data.yaml", yaml, strlen(yaml), 0);
	T_INT(d.len, 0);
	diag_free(&d);
	return v;
}

/* ---- helpers ---- */

static int add(struct tpl_set *s, const char *name, const char *src, struct diag *d)
{
	static struct buf path = BUF_INIT;
	buf_clear(&path);
	buf_printf(&path, "%s.mustache", name);
	return tpl_set_add(s, name, path.ptr, src, strlen(src), d);
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

/* The error that parsing src as template "t" gives (and that it fails). */
static const char *parse_error(const char *src)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	T_INT(add(s, "t", src, &d), -1);
	T_INT(d.errors, 1);
	T_OK(!tpl_set_has(s, "t"));
	const char *out = diags(&d);
	diag_free(&d);
	tpl_set_free(s);
	return out;
}

/* Render a one-template set; "ERROR" if anything failed. */
static const char *render1(const char *src, const char *yaml)
{
	static struct buf out = BUF_INIT;
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	buf_clear(&out);
	if (add(s, "t", src, &d) < 0 ||
	    tpl_render(&out, s, "t", &D, yaml ? data(yaml) : NULL, 0, &d) < 0) {
		buf_clear(&out);
		buf_puts(&out, "ERROR");
	}
	T_INT(d.len, 0);
	diag_free(&d);
	tpl_set_free(s);
	return out.ptr;
}

/* ---- parse errors ---- */

static void test_unclosed_section(void)
{
	T_STR(parse_error("<ul>\n{{#items}}\n  <li>{{.}}</li>\n</ul>\n"),
	      "t.mustache:2:1: error: 区块 {{#items}} 没有结束; 在区块末尾写上 {{/items}}\n");
	T_STR(parse_error("{{^empty}}无"),
	      "t.mustache:1:1: error: 区块 {{^empty}} 没有结束; 在区块末尾写上 {{/empty}}\n");
	T_STR(parse_error("{{<base}}{{$main}}正文{{/main}}"),
	      "t.mustache:1:1: error: 父模板 {{<base}} 没有结束; 在区块末尾写上 {{/base}}\n");
	/* An end tag that closes an outer section shows where the inner one
	 * should have ended. */
	T_STR(parse_error("{{#a}}\n  {{#b}}\n{{/a}}\n"),
	      "t.mustache:2:3: error: 区块 {{#b}} 没有结束; 在第 3 行的 {{/a}} 前面写上 {{/b}}\n");
	/* Columns count characters, not bytes. */
	T_STR(parse_error("中文{{#x}}"),
	      "t.mustache:1:3: error: 区块 {{#x}} 没有结束; 在区块末尾写上 {{/x}}\n");
	/* Hints use the delimiters in force. */
	T_STR(parse_error("{{=<% %>=}}\n<%#list%>"),
	      "t.mustache:2:1: error: 区块 <%#list%> 没有结束; 在区块末尾写上 <%/list%>\n");
}

static void test_mismatched(void)
{
	T_STR(parse_error("标题\n\n{{#a}}\n  内容 {{/b}}\n"),
	      "t.mustache:4:6: error: {{/b}} 与第 3 行的 {{#a}} 不配对; 把它改成 {{/a}}\n");
	T_STR(parse_error("正文\n{{/items}}"),
	      "t.mustache:2:1: error: {{/items}} 前面没有对应的开始标签; "
	      "删掉它，或在区块开头写上 {{#items}}\n");
	/* A dynamic parent ends with the same content. */
	T_STR(parse_error("{{<*layout}}{{/layout}}"),
	      "t.mustache:1:13: error: {{/layout}} 与第 1 行的 {{<*layout}} 不配对; 把它改成 {{/*layout}}\n");
	T_STR(render1("{{<*layout}}{{/*layout}}|{{#*x}}{{/*x}}", NULL), "|");
}

static void test_bad_tags(void)
{
	T_STR(parse_error("Hello {{name"),
	      "t.mustache:1:7: error: 标签 {{name 没有结束; 在标签末尾写上 }}\n");
	T_STR(parse_error("<p>{{{body}}</p>\n"),
	      "t.mustache:1:4: error: 标签 {{{body}}</p> 没有结束; 在标签末尾写上 }}}\n");
	T_STR(parse_error("{{=<% %>=}}\n<%title"),
	      "t.mustache:2:1: error: 标签 <%title 没有结束; 在标签末尾写上 %>\n");
	T_STR(parse_error("a\n{{=<%=}}\n"),
	      "t.mustache:2:1: error: 设置分隔符的标签 {{=<%=}} 写得不对; "
	      "写成 {{=<% %>=}} 的样子：两个新分隔符用空格隔开，分隔符里不能有空白或等号\n");
	T_STR(parse_error("{{=<% % %>=}}"),
	      "t.mustache:1:1: error: 设置分隔符的标签 {{=<% % %>=}} 写得不对; "
	      "写成 {{=<% %>=}} 的样子：两个新分隔符用空格隔开，分隔符里不能有空白或等号\n");
	T_STR(parse_error("x {{ }}"),
	      "t.mustache:1:3: error: 标签 {{ }} 里没有名字; 写上名字，例如 {{title}}；不需要这个标签就删掉它\n");
	T_STR(parse_error("{{page title}}"),
	      "t.mustache:1:1: error: 标签 {{page title}} 的名字里有空白; "
	      "名字里不能有空白；要取下一层的值，用点连接，例如 {{page.title}}\n");
}

static void test_nesting(void)
{
	struct buf src = BUF_INIT;
	for (int i = 0; i < TPL_MAX_NESTING; i++)
		buf_puts(&src, "{{#a}}");
	for (int i = 0; i < TPL_MAX_NESTING; i++)
		buf_puts(&src, "{{/a}}");
	/* Exactly at the limit is fine. */
	T_STR(render1(src.ptr, "a: true"), "");
	buf_clear(&src);
	for (int i = 0; i <= TPL_MAX_NESTING; i++)
		buf_puts(&src, "{{#a}}");
	T_STR(parse_error(src.ptr),
	      "t.mustache:1:385: error: 区块嵌套超过 64 层; "
	      "减少嵌套，或把里层的内容移到局部模板（{{>名字}}）里\n");
	buf_free(&src);
}

/* ---- missing templates, recursion ---- */

static void test_check(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	T_INT(add(s, "page", "<html>\n  {{>header}}\n{{<base}}{{/base}}{{>*dyn}}\n", &d), 0);
	T_INT(add(s, "base", "{{$main}}{{/main}}", &d), 0);
	T_INT(tpl_set_check(s, &d), -1);
	T_STR(diags(&d),
	      "page.mustache:2:3: error: 找不到局部模板 \"header\"; 在 layouts/ 下建立 header.mustache，或改正名字\n");
	diag_free(&d);
	T_INT(add(s, "header", "<h1>{{title}}</h1>\n", &d), 0);
	T_INT(tpl_set_check(s, &d), 0);
	T_INT(d.len, 0);
	T_OK(tpl_set_has(s, "header"));
	T_OK(!tpl_set_has(s, "footer"));
	tpl_set_free(s);
	tpl_set_free(NULL);
}

static void test_strict(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	T_INT(add(s, "t", "a\n  {{>nav}}\nb\n", &d), 0);
	/* The spec's way: a missing partial renders as nothing. */
	T_INT(tpl_render(&out, s, "t", &D, NULL, 0, &d), 0);
	T_STR(out.ptr, "a\nb\n");
	T_INT(d.len, 0);
	buf_clear(&out);
	T_INT(tpl_render(&out, s, "t", &D, NULL, TPL_STRICT, &d), -1);
	T_STR(diags(&d),
	      "t.mustache:2:3: error: 找不到局部模板 \"nav\"; 在 layouts/ 下建立 nav.mustache，或改正名字\n");
	diag_free(&d);

	T_INT(add(s, "p", "{{<base}}{{/base}}", &d), 0);
	T_INT(tpl_render(&out, s, "p", &D, NULL, TPL_STRICT, &d), -1);
	T_STR(diags(&d),
	      "p.mustache:1:1: error: 找不到父模板 \"base\"; 在 layouts/ 下建立 base.mustache，或改正名字\n");
	diag_free(&d);

	T_INT(add(s, "dyn", "{{>*kind}}", &d), 0);
	T_INT(tpl_render(&out, s, "dyn", &D, data("kind: card"), TPL_STRICT, &d), -1);
	T_STR(diags(&d),
	      "dyn.mustache:1:1: error: 找不到局部模板 \"card\"（由 {{>*kind}} 得到）; "
	      "在 layouts/ 下建立 card.mustache，或改正名字\n");
	diag_free(&d);
	T_INT(tpl_render(&out, s, "dyn", &D, data("other: 1"), TPL_STRICT, &d), -1);
	T_STR(diags(&d),
	      "dyn.mustache:1:1: error: {{>*kind}} 取不到局部模板名：数据里没有 \"kind\"; "
	      "在数据里给出 kind，或删掉这个标签\n");
	diag_free(&d);
	buf_clear(&out);
	T_INT(tpl_render(&out, s, "dyn", &D, data("other: 1"), 0, &d), 0);
	T_STR(out.ptr, "");
	T_INT(d.len, 0);
	buf_free(&out);
	tpl_set_free(s);
}

static void test_recursion(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	T_INT(add(s, "self", "x\n  {{>self}}\n", &d), 0);
	T_INT(tpl_render(&out, s, "self", &D, NULL, 0, &d), -1);
	T_STR(diags(&d),
	      "self.mustache:2:3: error: 局部模板嵌套超过 64 层（可能是自己包含自己）; "
	      "检查 {{>self}}：它不能直接或间接地包含自己所在的模板\n");
	diag_free(&d);

	/* Through a parent, and through two templates. */
	T_INT(add(s, "a", "{{<b}}{{/b}}", &d), 0);
	T_INT(add(s, "b", "{{#x}}{{<a}}{{/a}}{{/x}}", &d), 0);
	T_INT(tpl_render(&out, s, "a", &D, data("x: true"), 0, &d), -1);
	T_STR(diags(&d),
	      "a.mustache:1:1: error: 局部模板嵌套超过 64 层（可能是自己包含自己）; "
	      "检查 {{<b}}：它不能直接或间接地包含自己所在的模板\n");
	diag_free(&d);

	/* An override that names its own block again. */
	T_INT(add(s, "c", "{{<q}}{{$m}}{{$m}}{{/m}}{{/m}}{{/q}}", &d), 0);
	T_INT(add(s, "q", "{{$m}}{{/m}}", &d), 0);
	T_INT(tpl_render(&out, s, "c", &D, NULL, 0, &d), -1);
	T_STR(diags(&d),
	      "c.mustache:1:13: error: 局部模板嵌套超过 64 层（可能是自己包含自己）; "
	      "检查 {{$m}}：它不能直接或间接地包含自己所在的模板\n");
	diag_free(&d);

	/* Finite recursion is fine. (A leaf needs "kids: []": without it,
	 * {{#kids}} would find its parent's kids on the context stack.) */
	T_INT(add(s, "tree", "{{name}}({{#kids}}{{>tree}}{{/kids}})", &d), 0);
	buf_clear(&out);
	T_INT(tpl_render(&out, s, "tree", &D,
			 data("name: a\nkids: [{name: b, kids: [{name: c, kids: []}]},"
			      " {name: d, kids: []}]"), 0, &d), 0);
	T_STR(out.ptr, "a(b(c())d())");
	T_INT(d.len, 0);
	buf_free(&out);
	tpl_set_free(s);
}

static void test_unknown(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	T_INT(tpl_render(&out, s, "nope", &D, NULL, 0, &d), -1);
	T_STR(diags(&d),
	      "gongkai: error: 找不到模板 \"nope\"; 在 layouts/ 下建立 nope.mustache，或改正名字\n");
	diag_free(&d);
	buf_free(&out);
	tpl_set_free(s);
}

/* ---- output ---- */

static void test_escaping(void)
{
	const char *x = "x: \"& < > \\\" '\"";
	T_STR(render1("{{x}}", x), "&amp; &lt; &gt; &quot; &#39;");
	T_STR(render1("{{{x}}}", x), "& < > \" '");
	T_STR(render1("{{&x}}", x), "& < > \" '");
	T_STR(render1("{{=<% %>=}}<%x%>|<%{x}%>", x), "&amp; &lt; &gt; &quot; &#39;|& < > \" '");
	/* Template text itself is never escaped. */
	T_STR(render1("<a href=\"?a=1&b=2\">{{t}}</a>", "t: 第一章"),
	      "<a href=\"?a=1&b=2\">第一章</a>");
}

static void test_values(void)
{
	T_STR(render1("[{{a}}|{{b}}|{{c}}|{{d}}]", "a: ~\nb: false\nc: true\nd: ''"),
	      "[|false|true|]");
	/* Maps and lists have no text of their own. */
	T_STR(render1("[{{m}}|{{l}}]", "m: {k: v}\nl: [1]"), "[|]");
	T_STR(render1("{{#l}}{{.}},{{/l}}{{^l}}空{{/l}}", "l: []"), "空");
	T_STR(render1("{{#b}}是{{/b}}{{^b}}否{{/b}}", "b: false"), "否");
	T_STR(render1("{{#m}}{{k}}{{/m}}", "m: {k: v}"), "v");
	T_STR(render1("{{a.b.c}}|{{#a.b}}{{c}}{{/a.b}}", "a: {b: {c: 深}}"), "深|深");
	/* No data at all. */
	T_STR(render1("[{{x}}{{#x}}y{{/x}}{{^x}}z{{/x}}{{.}}]", NULL), "[z]");
}

static void test_indentation(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	T_INT(add(s, "page", "<body>\n  {{>nav}}\n</body>\n", &d), 0);
	T_INT(add(s, "nav", "<nav>\n\n  {{>item}}\n</nav>\n", &d), 0);
	T_INT(add(s, "item", "{{#items}}\n<a>{{{t}}}</a>\n{{/items}}\n", &d), 0);
	T_INT(tpl_render(&out, s, "page", &D, data("items: [{t: \"a\\nb\"}, {t: c}]"), 0, &d), 0);
	/* Nested standalone partials add up their indentation; empty lines
	 * get none; interpolated text is not indented after its own line
	 * ends. */
	T_STR(out.ptr,
	      "<body>\n"
	      "  <nav>\n"
	      "\n"
	      "    <a>a\n"
	      "b</a>\n"
	      "    <a>c</a>\n"
	      "  </nav>\n"
	      "</body>\n");
	T_INT(d.len, 0);
	buf_free(&out);
	tpl_set_free(s);
}

static void test_replace(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT;
	T_INT(add(s, "a", "first", &d), 0);
	T_INT(add(s, "a", "second", &d), 0);
	/* A failed parse keeps the template that was there. */
	T_INT(add(s, "a", "{{#broken}}", &d), -1);
	diag_free(&d);
	T_INT(tpl_render(&out, s, "a", &D, NULL, 0, &d), 0);
	T_STR(out.ptr, "second");
	/* Many templates: the index grows. */
	for (int i = 0; i < 200; i++) {
		char name[16], src[32];
		snprintf(name, sizeof(name), "t%d", i);
		snprintf(src, sizeof(src), "%d;", i);
		T_INT(add(s, name, src, &d), 0);
	}
	T_INT(add(s, "all", "{{>t0}}{{>t99}}{{>t199}}{{>a}}", &d), 0);
	buf_clear(&out);
	T_INT(tpl_render(&out, s, "all", &D, NULL, TPL_STRICT, &d), 0);
	T_STR(out.ptr, "0;99;199;second");
	T_INT(d.len, 0);
	buf_free(&out);
	tpl_set_free(s);
}

/* ---- the same set rendered again, and from several threads ---- */

static const char *page_src =
	"{{<base}}\n"
	"{{$title}}{{title}} · 如皋{{/title}}\n"
	"{{$main}}\n"
	"  <ul>\n"
	"  {{#plans}}\n"
	"    <li class=\"{{#done}}done{{/done}}{{^done}}open{{/done}}\">{{name}} &amp; {{unit}}</li>\n"
	"  {{/plans}}\n"
	"  </ul>\n"
	"  {{>footer}}\n"
	"{{/main}}\n"
	"{{/base}}\n";
static const char *base_src =
	"<html>\n<head><title>{{$title}}{{/title}}</title></head>\n<body>\n"
	"  {{$main}}\n  {{/main}}\n</body>\n</html>\n";
static const char *footer_src = "<footer>{{site.name}}</footer>\n";
static const char *page_yaml =
	"title: 计划\nsite: {name: <gongkai>}\n"
	"plans:\n"
	"  - {name: 修路, unit: 交通局, done: true}\n"
	"  - {name: \"A & B\", unit: 人社局, done: false}\n";
static const char *page_want =
	"<html>\n<head><title>计划 · 如皋</title></head>\n<body>\n"
	"  <ul>\n"
	"    <li class=\"done\">修路 &amp; 交通局</li>\n"
	"    <li class=\"open\">A &amp; B &amp; 人社局</li>\n"
	"  </ul>\n"
	"  <footer>&lt;gongkai&gt;</footer>\n"
	"</body>\n</html>\n";

struct job {
	const struct tpl_set *set; /* shared by all threads */
	const struct val *root;    /* shared data */
	int bad;                   /* renders that differed */
};

static void *worker(void *arg)
{
	struct job *j = arg;
	struct buf out = BUF_INIT;
	struct diag d = DIAG_INIT;
	for (int i = 0; i < 300; i++) {
		buf_clear(&out);
		if (tpl_render(&out, j->set, "page", &D, j->root, TPL_STRICT, &d) < 0 ||
		    strcmp(out.ptr, page_want) != 0)
			j->bad++;
	}
	buf_free(&out);
	diag_free(&d);
	return NULL;
}

static void test_repeat_and_threads(void)
{
	struct tpl_set *s = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf one = BUF_INIT, two = BUF_INIT;
	T_INT(add(s, "page", page_src, &d), 0);
	T_INT(add(s, "base", base_src, &d), 0);
	T_INT(add(s, "footer", footer_src, &d), 0);
	T_INT(tpl_set_check(s, &d), 0);
	struct val *root = data(page_yaml);
	T_INT(tpl_render(&one, s, "page", &D, root, TPL_STRICT, &d), 0);
	T_INT(tpl_render(&two, s, "page", &D, root, TPL_STRICT, &d), 0);
	T_STR(one.ptr, page_want);
	T_INT(one.len, two.len);
	T_OK(one.len == two.len && memcmp(one.ptr, two.ptr, one.len) == 0);
	/* Rendering appends to what the buffer holds. */
	T_INT(tpl_render(&two, s, "footer", &D, root, 0, &d), 0);
	T_OK(strcmp(two.ptr + one.len, "<footer>&lt;gongkai&gt;</footer>\n") == 0);
	T_INT(d.len, 0);

	struct job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ s, root, 0 };
		T_INT(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		T_INT(jobs[i].bad, 0);
	}
	buf_free(&one);
	buf_free(&two);
	diag_free(&d);
	tpl_set_free(s);
}

int main(void)
{
	A = arena_new();
	test_unclosed_section();
	test_mismatched();
	test_bad_tags();
	test_nesting();
	test_check();
	test_strict();
	test_recursion();
	test_unknown();
	test_escaping();
	test_values();
	test_indentation();
	test_replace();
	test_repeat_and_threads();
	arena_free(A);
	return t_done("template");
}
