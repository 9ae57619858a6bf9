/* idx: hash indexes over the ids of the model while it is loaded, so that
 * checking ids for duplicates and resolving references stay linear in the
 * size of the content (a site of 100,000 schedule rows, or 10,000 units,
 * loads in the time it takes to read it).
 *
 * The site's index (regions and pairings, which share one id space; units;
 * the names and aliases units go by) lives as long as the site. A plan's
 * index (its tasks, schedule rows, indicators, breakdown columns and
 * regions) lives while the plan is loaded: idx_plan_done frees it. */
#ifndef GONGKAI_IDX_H
#define GONGKAI_IDX_H

#include <stddef.h>

struct site;
struct plan;
struct region;
struct pairing;
struct unit;

/* A name shared by more units than this is not a name (reported by load). */
#define IDX_MAX_SAME_NAME 100

void idx_site_free(struct site *s);

/* Record s->regions[i] (pairings, units likewise) under its id. */
void idx_add_region(struct site *s, size_t i);
void idx_add_pairing(struct site *s, size_t i);
void idx_add_unit(struct site *s, size_t i);
struct region *idx_region(const struct site *s, const char *id);
struct pairing *idx_pairing(const struct site *s, const char *id);
struct unit *idx_unit(const struct site *s, const char *id);

/* After every unit is added: index names and aliases. */
void idx_units_done(struct site *s);
/* The units (indexes into s->units, ascending) that go by text: by name or
 * alias (full = 0), or by full name or id (full = 1). */
size_t idx_named(const struct site *s, const char *text, int full, const size_t **out);

/* Per plan. Tasks, rows, indicators (into all_indicators) and columns (into
 * icols) are recorded by index when accepted. */
enum idx_kind { IDX_TASK, IDX_ROW, IDX_INDICATOR, IDX_COLUMN, IDX_KINDS };
void idx_plan_add(struct plan *p, enum idx_kind k, const char *id, size_t i);
/* The index recorded for id, or (size_t)-1. */
size_t idx_plan_get(const struct plan *p, enum idx_kind k, const char *id);
/* Whether region r is one of p->regions (sorted once, searched after). */
int idx_plan_has_region(struct plan *p, const struct region *r);
void idx_plan_done(struct plan *p);

#endif
