#include "view.h"
#include "arena.h"
#include "buf.h"
#include "value.h"

#include <string.h>

static enum tpl_kind v_kind(void *u, tpl_ref r)
{
	const struct val *v = r;
	(void)u;
	if (!v)
		return TPL_NULL;
	switch (v->kind) {
	case VAL_NULL: return TPL_NULL;
	case VAL_BOOL: return v->b ? TPL_TRUE : TPL_FALSE;
	case VAL_STR: return v->n ? TPL_TEXT : TPL_FALSE;
	case VAL_LIST: return TPL_LIST;
	case VAL_MAP: return TPL_MAP;
	}
	return TPL_NULL;
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
	if (v && v->kind == VAL_STR)
		buf_put(out, v->s, v->n);
	else if (v && v->kind == VAL_BOOL && v->b)
		buf_puts(out, "true");
}

const struct tpl_data view_data = { NULL, v_kind, v_get, v_count, v_item, v_text };

const char *view_root(struct arena *a, const char *path)
{
	struct buf b = BUF_INIT;
	for (const char *p = path; *p; p++)
		if (*p == '/')
			buf_puts(&b, "../");
	/* At the top, "./" rather than "": an empty href is the page itself. */
	const char *r = b.len ? arena_strndup(a, b.ptr, b.len) : "./";
	buf_free(&b);
	return r;
}
