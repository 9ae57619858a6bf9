/* The official Mustache spec, run through the template engine.
 *
 * Reads every *.yml in "$SHARED/mustache-spec" (SHARED defaults to
 * ../shared) with the project's own YAML loader, in sorted file-name order,
 * and counts one pass or failure per spec test. A missing spec directory is
 * a failure, never a silent pass; so is a spec that does not hold the
 * SPEC_TESTS tests this engine was checked against. */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "template.h"
#include "value.h"
#include "yml.h"
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

/* comments 12, delimiters 14, interpolation 42, inverted 22, partials 12,
 * sections 34, ~dynamic-names 21, ~inheritance 27. */
#define SPEC_TESTS 184

/* The name of the template under test: no tag can name it, since tag
 * names cannot hold spaces. */
#define MAIN " template"

/* ---- the spec's data, seen through struct tpl_data ---- */

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

/* A plain scalar that reads fully as a decimal number prints as the
 * shortest text that reads back as the same double, the way the spec's
 * reference implementations print numbers: 1.210 -> 1.21, 85 -> 85. */
static int put_number(const struct val *v, struct buf *out)
{
	if (!v->plain || !v->n)
		return 0;
	for (size_t i = 0; i < v->n; i++)
		if (!v->s[i] || !strchr("0123456789+-.eE", v->s[i]))
			return 0;
	char *end;
	double x = strtod(v->s, &end);
	if (end != v->s + v->n || !isfinite(x))
		return 0;
	char text[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(text, sizeof(text), "%.*g", prec, x);
		if (strtod(text, NULL) == x)
			break;
	}
	buf_puts(out, text);
	return 1;
}

static void v_text(void *u, tpl_ref r, struct buf *out)
{
	const struct val *v = r;
	(void)u;
	if (v->kind == VAL_BOOL)
		buf_puts(out, v->b ? "true" : "false");
	else if (v->kind == VAL_STR && !put_number(v, out))
		buf_put(out, v->s, v->n);
}

static const struct tpl_data spec_data = {
	NULL, v_kind, v_get, v_count, v_item, v_text,
};

/* ---- running the spec ---- */

/* Text as a C string literal would show it, so that whitespace is seen. */
static void put_quoted(struct buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		default: buf_putc(b, s[i]); break;
		}
	}
	buf_putc(b, '"');
}

/* The text of a string node; null (an empty plain scalar) reads as "". */
static const char *text_of(const struct val *v, size_t *n)
{
	if (v && v->kind == VAL_STR) {
		*n = v->n;
		return v->s;
	}
	*n = 0;
	return "";
}

static void run_test(const char *file, const struct val *test)
{
	const char *name = val_text(val_get(test, "name"));
	const struct val *partials = val_get(test, "partials");
	struct tpl_set *set = tpl_set_new();
	struct diag d = DIAG_INIT;
	struct buf out = BUF_INIT, report = BUF_INIT;
	size_t tn, en;
	const char *tmpl = text_of(val_get(test, "template"), &tn);
	const char *want = text_of(val_get(test, "expected"), &en);

	int ok = tpl_set_add(set, MAIN, file, tmpl, tn, &d) == 0;
	for (size_t i = 0; partials && partials->kind == VAL_MAP && i < partials->len; i++) {
		size_t pn;
		const char *ptext = text_of(partials->pairs[i].v, &pn);
		const char *pname = partials->pairs[i].key->s;
		if (tpl_set_add(set, pname, pname, ptext, pn, &d) < 0)
			ok = 0;
	}
	if (ok && tpl_render(&out, set, MAIN, &spec_data, val_get(test, "data"), 0, &d) < 0)
		ok = 0;
	if (ok && (out.len != en || memcmp(out.ptr, want, en) != 0))
		ok = 0;

	if (ok) {
		t_pass++;
	} else {
		t_fail++;
		buf_printf(&report, "FAIL %s: %s\n  expected: ", file, name ? name : "(no name)");
		put_quoted(&report, want, en);
		buf_puts(&report, "\n  got:      ");
		put_quoted(&report, out.ptr, out.len);
		buf_putc(&report, '\n');
		for (size_t i = 0; i < d.len; i++) {
			buf_puts(&report, "  ");
			diag_format(&d.items[i], &report);
			buf_putc(&report, '\n');
		}
		fputs(report.ptr, stdout);
	}
	buf_free(&out);
	buf_free(&report);
	diag_free(&d);
	tpl_set_free(set);
}

static int read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(out, chunk, n);
	int rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

static void run_file(const char *dir, const char *file)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT;
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct val *root = NULL;

	buf_printf(&path, "%s/%s", dir, file);
	if (read_file(path.ptr, &text) < 0) {
		printf("FAIL %s: cannot read: %s\n", file, strerror(errno));
		t_fail++;
		goto cleanup;
	}
	if (yml_parse(&root, a, &d, file, text.ptr, text.len, 0) < 0) {
		printf("FAIL %s: not valid YAML\n", file);
		diag_print(&d, stdout);
		t_fail++;
		goto cleanup;
	}
	const struct val *tests = val_get(root, "tests");
	if (!tests || tests->kind != VAL_LIST) {
		printf("FAIL %s: no list of tests\n", file);
		t_fail++;
		goto cleanup;
	}
	for (size_t i = 0; i < tests->len; i++)
		run_test(file, tests->items[i]);

cleanup:
	buf_free(&path);
	buf_free(&text);
	diag_free(&d);
	arena_free(a);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	const char *shared = getenv("SHARED");
	struct buf dir = BUF_INIT;
	char **files = NULL;
	size_t n = 0, cap = 0;

	buf_printf(&dir, "%s/mustache-spec", shared && *shared ? shared : "../shared");
	DIR *dp = opendir(dir.ptr);
	if (!dp) {
		printf("FAIL mustache spec: cannot open %s: %s (set SHARED to the "
		       "directory that holds mustache-spec/)\n", dir.ptr, strerror(errno));
		t_fail++;
		goto cleanup;
	}
	for (struct dirent *e; (e = readdir(dp));) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".yml") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			files = xrealloc(files, cap * sizeof(*files));
		}
		files[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	qsort(files, n, sizeof(*files), by_name);
	for (size_t i = 0; i < n; i++)
		run_file(dir.ptr, files[i]);
	if (t_pass + t_fail != SPEC_TESTS) {
		printf("FAIL mustache spec: %d tests found in %s, expected %d\n",
		       t_pass + t_fail, dir.ptr, SPEC_TESTS);
		t_fail++;
	}

cleanup:
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	buf_free(&dir);
	return t_done("mustache spec");
}
