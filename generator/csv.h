/* csv: a table of the data downloads as CSV.
 *
 * RFC 4180: a header row of field names, CRLF after every record, cells
 * quoted when needed; UTF-8 with a byte-order mark, so that Excel opens
 * Chinese text correctly. Texts and figures stay as written; a text cell
 * that a spreadsheet would run as a formula is disarmed (escape.h). */
#ifndef GONGKAI_CSV_H
#define GONGKAI_CSV_H

#include <stddef.h>

struct buf;
struct plan;
struct tbl_ctx;
struct tbl_def;

/* Write the rows of t for plan p (the whole site when NULL). Returns the
 * number of data rows. */
size_t csv_table(struct buf *out, const struct tbl_ctx *c, const struct tbl_def *t, const struct plan *p);

#endif
