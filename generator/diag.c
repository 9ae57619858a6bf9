#include "diag.h"
#include "buf.h"
#include "value.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void diag_vadd(struct diag *d, enum diag_sev sev, const char *file,
		      unsigned line, unsigned col, const char *hint,
		      const char *fmt, va_list ap)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items = xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	struct buf msg = BUF_INIT;
	buf_vprintf(&msg, fmt, ap);
	if (msg.len > DIAG_MAX_MSG) {
		/* a message quoting a long text: cut it, at a character */
		size_t cut = DIAG_MAX_MSG;
		while (cut > 0 && ((unsigned char)msg.ptr[cut] & 0xC0) == 0x80)
			cut--;
		buf_truncate(&msg, cut);
		buf_puts(&msg, "……");
	}
	struct diag_item *it = &d->items[d->len];
	it->sev = sev;
	it->file = xstrdup(file ? file : "");
	it->line = line;
	it->col = col;
	it->msg = buf_detach(&msg);
	it->hint = hint ? xstrdup(hint) : NULL;
	it->seq = d->len;
	d->len++;
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diag_add(struct diag *d, enum diag_sev sev, const char *file,
	      unsigned line, unsigned col, const char *hint,
	      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, file, line, col, hint, fmt, ap);
	va_end(ap);
}

void diag_at(struct diag *d, enum diag_sev sev, const struct val *v,
	     const char *hint, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, v ? v->file : NULL, v ? v->line : 0, v ? v->col : 0,
		  hint, fmt, ap);
	va_end(ap);
}

void diag_merge(struct diag *dst, struct diag *src)
{
	for (size_t i = 0; i < src->len; i++) {
		if (dst->len == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->items = xrealloc(dst->items, dst->cap * sizeof(*dst->items));
		}
		struct diag_item it = src->items[i];
		it.seq = dst->len;
		dst->items[dst->len++] = it;
	}
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	free(src->items);
	memset(src, 0, sizeof(*src));
}

static int item_cmp(const void *pa, const void *pb)
{
	const struct diag_item *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int same(const struct diag_item *a, const struct diag_item *b)
{
	return a->sev == b->sev && strcmp(a->msg, b->msg) == 0 &&
	       (a->hint && b->hint ? strcmp(a->hint, b->hint) == 0 : a->hint == b->hint);
}

static void item_free(struct diag_item *it)
{
	free(it->file);
	free(it->msg);
	free(it->hint);
}

void diag_sort(struct diag *d)
{
	if (d->len > 1)
		qsort(d->items, d->len, sizeof(*d->items), item_cmp);
	/* The same report at the same place once: a node that an alias
	 * shares, or a file both listed and read, is reported once. */
	size_t k = 0, group = 0;
	for (size_t i = 0; i < d->len; i++) {
		struct diag_item *it = &d->items[i];
		if (k && (strcmp(d->items[group].file, it->file) != 0 ||
			  d->items[group].line != it->line || d->items[group].col != it->col))
			group = k;
		int dup = 0;
		for (size_t j = group; j < k && !dup; j++)
			dup = same(&d->items[j], it);
		if (dup) {
			if (it->sev == DIAG_ERROR)
				d->errors--;
			else
				d->warnings--;
			item_free(it);
			continue;
		}
		d->items[k++] = *it;
	}
	d->len = k;
}

void diag_format(const struct diag_item *it, struct buf *out)
{
	if (it->file[0]) {
		buf_puts(out, it->file);
		if (it->line) {
			buf_printf(out, ":%u", it->line);
			if (it->col)
				buf_printf(out, ":%u", it->col);
		}
		buf_puts(out, ": ");
	} else {
		buf_puts(out, "gongkai: ");
	}
	buf_puts(out, it->sev == DIAG_ERROR ? "error: " : "warning: ");
	buf_puts(out, it->msg);
	if (it->hint) {
		buf_puts(out, "; ");
		buf_puts(out, it->hint);
	}
}

void diag_print(struct diag *d, FILE *out)
{
	struct buf line = BUF_INIT;
	diag_sort(d);
	for (size_t i = 0; i < d->len; i++) {
		buf_clear(&line);
		diag_format(&d->items[i], &line);
		buf_putc(&line, '\n');
		fwrite(line.ptr, 1, line.len, out);
	}
	buf_free(&line);
}

void diag_free(struct diag *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->len; i++)
		item_free(&d->items[i]);
	free(d->items);
	memset(d, 0, sizeof(*d));
}
