/* json: the data downloads as JSON, and the JSON Schema they follow.
 *
 * One document holds every table of the site (or of one plan) under
 * "tables", each an array of records with the same fields as the CSV
 * files, typed: numbers as JSON numbers (as written when the figure is
 * one), dates as "YYYY-MM-DD", a missing value as null. The schema is
 * written from the same table definitions (table.h). */
#ifndef GONGKAI_JSON_H
#define GONGKAI_JSON_H

#include <stddef.h>

struct buf;
struct plan;
struct tbl_ctx;

#define JSON_FORMAT "gongkai-data/1"

/* The tables of plan p (the whole site when NULL). schema is the URL of
 * the schema file as the document should name it. Returns the number of
 * records. */
size_t json_tables(struct buf *out, const struct tbl_ctx *c, const struct plan *p, const char *schema);
/* The JSON Schema (draft 2020-12) of the documents json_tables writes. */
void json_schema(struct buf *out);

#endif
