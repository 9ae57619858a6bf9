/* load_parts: the loader's state and what the loader's files (load.c,
 * load_table.c, load_names.c) share. Private to them: everyone else reads
 * the model (model.h). */
#ifndef GONGKAI_LOAD_PARTS_H
#define GONGKAI_LOAD_PARTS_H

#include "fields.h"
#include "model.h"

struct loader {
	unsigned flags;           /* SITE_TEXT_WARNINGS (model.h) */
	struct site *s;
	struct arena *a;
	struct diag *d;
	struct source *src;
	struct fields F;
};

/* Read a file as UTF-8 text (malloc'd; the caller frees it); NULL if
 * missing (reported when required) or unreadable. */
char *read_text(struct loader *L, const char *path, size_t *len, int required);
/* Read and parse a YAML file; NULL if missing (reported when required)
 * or bad. *broken (may be NULL) is set when the file exists but has
 * errors. */
struct val *read_yaml_file(struct loader *L, const char *path, int required, int *broken);
const char *path_join(struct loader *L, const char *a, const char *b);
/* Report a duplicate id at `at`, naming where it was first. */
void duplicate(struct loader *L, const struct val *at, const char *id, const struct val *first);
/* Read a planned time from node v (may be NULL), warning about text that
 * cannot be read. what names it in the warning: 计划时间, 完成时限. */
void read_when(struct loader *L, const struct plan *p, const struct val *v, const char *what,
	       const char **text, struct when *w);
/* A deadline (due:): a planned time or a date (2024-11-30). */
void read_due(struct loader *L, const struct plan *p, const struct val *v, const char **text,
	      struct when *w);

#endif
