/* layouts: the templates, UI strings and static assets a site is built with.
 *
 * gongkai ships its layouts (GONGKAI_LAYOUTS, or the folder named by the
 * environment variable of the same name). A content repository's own
 * layouts/ folder overrides them file by file: layouts/plan.mustache
 * replaces the shipped plan.mustache and nothing else.
 *
 *   *.mustache           templates; the name is the file name without .mustache
 *   strings.<lang>.yaml  every UI string of the site (one translatable file)
 *   assets/…             copied to the site's assets/ */
#ifndef GONGKAI_LAYOUTS_H
#define GONGKAI_LAYOUTS_H

#include <stddef.h>

#include "digest.h"

struct arena;
struct diag;
struct source;
struct tpl_set;
struct val;

struct asset {
	const char *name; /* file name under assets/ */
	const char *data; /* contents */
	size_t len;
};

/* A template as read, for what depends on it (deps.h). */
struct layout_file {
	const char *name;       /* template name: "plan" */
	struct digest blob;     /* the git blob id of its text */
};

struct layouts {
	struct tpl_set *set;    /* every template, parsed once */
	struct val *strings;    /* the UI strings map */
	struct asset *assets;   /* sorted by name */
	size_t nassets;
	struct layout_file *files; /* every template, in the order of its file name */
	size_t nfiles;
	struct digest strings_id; /* of every strings file merged, in order */
	struct arena *a;        /* texts and the strings tree */
};

/* The folder of the shipped layouts. */
const char *layouts_dir(void);
/* Load the shipped layouts overridden by src's layouts/, for language lang.
 * Errors go to d. Returns 0 or -1. */
int layouts_load(struct layouts *out, struct source *src, const char *lang, struct diag *d);
void layouts_free(struct layouts *l);

#endif
