/* fields: reading typed fields out of a YAML map, with the diagnostics
 * staff need when a field is missing, misspelt or of the wrong kind.
 *
 * Every reader takes the map node and a key, reports at the right
 * file:line:col, and returns a usable value (NULL, 0) after reporting, so
 * loading goes on and every problem of a file is reported in one run. */
#ifndef GONGKAI_FIELDS_H
#define GONGKAI_FIELDS_H

#include <stddef.h>

struct arena;
struct buf;
struct diag;
struct val;

struct field {
	const char *key;  /* the field's name */
	const char *hint; /* what it holds, for "add a line key: …" */
};

struct fields {
	struct arena *a;
	struct diag *d;
};

/* Check that v is a map; report and return 0 if not. what names the thing
 * ("任务"), used in the message. */
int f_is_map(struct fields *F, const struct val *v, const char *what);
/* Check that v is a list (or missing: then 0 items). */
int f_is_list(struct fields *F, const struct val *v, const char *what);
/* Warn about every key of map that is not in known (NULL-terminated). */
void f_unknown(struct fields *F, const struct val *map, const struct field *known);

/* Text of a scalar field. Numbers and booleans are text too (as written).
 * required: report if missing or empty. Returns NULL if absent or bad. */
const char *f_str(struct fields *F, const struct val *map, const struct field *f, int required);
/* A URL that may be written into pages and feeds (url.h): reported and
 * NULL if it is not one. */
const char *f_url(struct fields *F, const struct val *map, const struct field *f, int required);
/* An ASCII id (see docs/format.md). */
const char *f_id(struct fields *F, const struct val *map, const struct field *f, int required);
/* A YYYY-MM-DD date, as a day number; 0 if absent or bad. */
int f_date(struct fields *F, const struct val *map, const struct field *f, int required);
/* A whole number between lo and hi; *out untouched if absent or bad.
 * Returns 1 if set. */
int f_int(struct fields *F, const struct val *map, const struct field *f, int required,
	  long lo, long hi, long *out);
/* A list of texts (a single text is a list of one). *out holds the nodes;
 * returns the count. */
size_t f_strs(struct fields *F, const struct val *map, const struct field *f, int required,
	      const struct val ***out);

/* Nonzero if s is a valid id. */
int id_valid(const char *s);
/* Parse a number written with ASCII digits and an optional decimal point
 * (and an optional leading '-'): at most NUMBER_MAX_DIGITS digits before the
 * point and NUMBER_MAX_DECIMALS after it. Returns 0 and sets *out, or -1. */
int number_parse(const char *s, double *out);
#define NUMBER_MAX_DIGITS 15
#define NUMBER_MAX_DECIMALS 6
/* Why a text that looks like a number is not one number_parse reads, in
 * Chinese ("写成了科学计数法"), or NULL when it does not look like one (or
 * is one). */
const char *number_problem(const char *s);

/* Append a number the shortest way that reads back the same to six
 * decimals: 540, 8.17, 0.5. Locale-independent. */
void number_put(struct buf *b, double v);

#endif
