/* diag: the one diagnostic type of the program.
 *
 * Every problem found in content or layouts becomes a diag_item and is
 * printed one way:
 *
 *     path:line:col: error: message; hint
 *
 * Lines and columns are 1-based; columns count characters (not bytes), as
 * editors show them. A missing line or column (0) is left out of the prefix.
 * Messages are written for the staff who edit content, so they are Chinese;
 * the words "error" and "warning" stay English so that editors and CI
 * systems recognise the lines. */
#ifndef GONGKAI_DIAG_H
#define GONGKAI_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_sev {
	DIAG_WARNING,
	DIAG_ERROR,
};

struct diag_item {
	enum diag_sev sev; /* warning or error */
	char *file;        /* path as shown to the user (owned) */
	unsigned line;     /* 1-based; 0 when the whole file is meant */
	unsigned col;      /* 1-based, in characters; 0 when unknown */
	char *msg;         /* what is wrong (owned) */
	char *hint;        /* what to write instead, or NULL (owned) */
	size_t seq;        /* order of reporting, to keep sorting stable */
};

struct diag {
	struct diag_item *items; /* all reports, in order of reporting */
	size_t len, cap;
	size_t errors;   /* how many items are errors */
	size_t warnings; /* how many items are warnings */
};

#define DIAG_INIT { 0 }

/* A message longer than this (in bytes; it quotes a long text) is cut. */
#define DIAG_MAX_MSG 600

struct val;
struct buf;

void diag_add(struct diag *d, enum diag_sev sev, const char *file,
	      unsigned line, unsigned col, const char *hint,
	      const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Report at the position of a value node; hint may be NULL. */
void diag_at(struct diag *d, enum diag_sev sev, const struct val *v,
	     const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Move every item of src into dst (src is left empty). */
void diag_merge(struct diag *dst, struct diag *src);
/* Sort by file, line, column, then order of reporting. */
void diag_sort(struct diag *d);
/* Format one item, without a trailing newline. */
void diag_format(const struct diag_item *it, struct buf *out);
/* Sort, then print every item to out, one per line. */
void diag_print(struct diag *d, FILE *out);
void diag_free(struct diag *d);

#endif
