/* table: the model as tables, for every data download.
 *
 * CSV (csv.c), JSON (json.c), the JSON Schema and the Frictionless Data
 * Package (datapkg.c) and the data page all read these definitions, so a
 * column is added to every format, schema and description with one line in
 * table.c. A table's rows are records that point into the (read-only)
 * model; a field's getter turns a record into the cell's text, as written
 * for figures and texts, ISO 8601 for dates, "true"/"false" for booleans,
 * NULL for a missing value. */
#ifndef GONGKAI_TABLE_H
#define GONGKAI_TABLE_H

#include <stddef.h>

#include "model.h"

struct arena;
struct val;

enum tbl_type {
	TT_STRING,
	TT_INTEGER,
	TT_NUMBER,  /* a number: a JSON number as written when it is one */
	TT_BOOLEAN,
	TT_DATE,    /* YYYY-MM-DD */
};

/* What one row is about; a table fills the members it needs. */
struct tbl_rec {
	const struct plan *plan;
	const struct task *task;
	const struct row *row;
	const struct indicator *ind;
	const struct cell *cell;
	const struct attainment *att;  /* targets: the cell's attainment */
	const struct actual *actual;
	const struct unit_cell *ucell; /* responsibilities: the cell or item the unit is named in */
	const struct unit_ref *uref;   /* responsibilities: the name */
	size_t col;                    /* cells, responsibilities of a row: the column (0-based) */
	const struct unit *unit;
	const struct region *region;
	size_t seq;                    /* 1-based place among its siblings */
};

struct tbl_ctx {
	const struct site *site;
	const struct val *strings;     /* UI strings, for the Chinese status words */
	struct arena *a;               /* for formatted cells */
	/* The commit a file shows: for a plan's own files the newest commit
	 * that changed the plan, so that a commit elsewhere leaves them as
	 * they are; for the site's, the commit built from. NULL, 0 without
	 * history. */
	const char *commit;
	int commit_day;
	long long commit_time;         /* seconds since the epoch */
};

struct tbl_field {
	const char *name;              /* column name, JSON key: ASCII */
	enum tbl_type type;
	int required;                  /* never missing */
	const char *title;             /* 中文列名 */
	const char *desc;              /* what it holds (Chinese) */
	const char *(*get)(const struct tbl_ctx *c, const struct tbl_rec *r);
	const char *const *values;     /* the only values it takes (NULL-terminated), or NULL */
};

/* A foreign key: fields of this table (comma-separated) refer to fields of
 * table ("" for this one). */
struct tbl_fk {
	const char *fields;
	const char *table;
	const char *ref;
};

struct tbl_def {
	const char *name;              /* file name and JSON key: "tasks" */
	const char *title;             /* 重点工作 */
	const char *desc;              /* what a row is */
	const struct tbl_field *fields;
	size_t nfields;
	const char *key;               /* primary key fields, comma-separated */
	const struct tbl_fk *fks;
	size_t nfks;
	int site_only;                 /* not repeated in each plan's files (units, regions) */
	/* The rows (of one plan, or of the whole site when p is NULL), in a
	 * fixed order; *out lives in c->a. */
	size_t (*rows)(const struct tbl_ctx *c, const struct plan *p, struct tbl_rec **out);
};

extern const struct tbl_def tbl_defs[];
extern const size_t tbl_ndefs;

const struct tbl_def *tbl_find(const char *name);
/* The URL of a page of the site: absolute when base_url is set, else
 * relative to the site's root. */
const char *tbl_url(const struct tbl_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A figure's number as a JSON/Table Schema number: the text as written
 * when it already is one, else the value; NULL if not a number. */
const char *tbl_number(const struct tbl_ctx *c, const struct figure *f);
/* The standing of an item as a code (done, overdue, …) and in Chinese. */
const char *tbl_standing(const struct standing *st);
const char *tbl_standing_zh(const struct tbl_ctx *c, const struct standing *st);
/* 1 if a type's text must be written as a JSON string. */
int tbl_is_text(enum tbl_type t);

#endif
