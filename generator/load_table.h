/* load_table: a plan's table, schedule.yaml (private to the loader). */
#ifndef GONGKAI_LOAD_TABLE_H
#define GONGKAI_LOAD_TABLE_H

#include "load_parts.h"

/* Read content/plans/<slug>/schedule.yaml into p: its columns and rows. */
void load_schedule(struct loader *L, struct plan *p);

#endif
