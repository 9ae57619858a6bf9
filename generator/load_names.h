/* load_names: unit names as plans write them (private to the loader). */
#ifndef GONGKAI_LOAD_NAMES_H
#define GONGKAI_LOAD_NAMES_H

#include "load_parts.h"

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

#endif
