/* load: what the loader's files (load.c, load_table.c) share. Private to
 * them: everyone else reads the model (model.h). */
#ifndef GONGKAI_LOAD_H
#define GONGKAI_LOAD_H

#include "fields.h"
#include "model.h"

struct loader {
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

/* unit names (load_names.c) */
/* Find the unit names in a text (a cell, or an item of a units list). */
void load_unit_cell(struct loader *L, struct unit_cell *c, const struct val *node, enum unit_role field);
/* Resolve the names of a cell, warning about those that name no unit. */
void resolve_cell(struct loader *L, const struct plan *p, struct unit_cell *c);
/* Every name of some resolved cells, in order. */
size_t unit_refs_of(struct loader *L, struct unit_cell *const *cells, size_t n, struct unit_ref **out);
/* Is r one of the plan's regions? */
int in_regions(const struct plan *p, const struct region *r);
/* For each unit, every task and row that names it (unit.uses). */
void index_units(struct loader *L);

/* schedule.yaml (load_table.c) */
void load_schedule(struct loader *L, struct plan *p);

#endif
