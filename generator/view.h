/* view: what a template sees.
 *
 * A page's view is a value tree (value.h) built by the page's renderer from
 * the model: every label, count, date and percentage already computed, so
 * templates hold no logic. view_data is the template adapter over value
 * trees for the site: null, false, "" and empty lists are falsy. */
#ifndef GONGKAI_VIEW_H
#define GONGKAI_VIEW_H

#include "template.h"

struct arena;
struct val;

extern const struct tpl_data view_data;

/* The relative prefix from a page at path (e.g. "plans/x/index.html") to the
 * site root ("../../"), allocated in a. */
const char *view_root(struct arena *a, const char *path);

#endif
