/* csv: one table, RFC 4180, with a BOM. */
#include "csv.h"
#include "buf.h"
#include "escape.h"
#include "table.h"

size_t csv_table(struct buf *out, const struct tbl_ctx *c, const struct tbl_def *t, const struct plan *p)
{
	struct tbl_rec *rows;
	size_t n = t->rows(c, p, &rows);
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t f = 0; f < t->nfields; f++) {
		if (f)
			buf_putc(out, ',');
		esc_csv(out, t->fields[f].name, 1);
	}
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < t->nfields; f++) {
			const struct tbl_field *fd = &t->fields[f];
			if (f)
				buf_putc(out, ',');
			esc_csv(out, fd->get(c, &rows[i]), fd->type == TT_STRING);
		}
		buf_puts(out, "\r\n");
	}
	return n;
}
