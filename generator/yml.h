/* yml: YAML text to a value tree, on libyaml.
 *
 * Every node keeps its file, line and column. Plain scalars are resolved
 * the way the YAML core schema does for the cases that matter here:
 * "", "~" and "null" become null, "true" and "false" become booleans; all
 * other scalars stay strings (numbers too: the model decides what a number
 * is, and the text as written is never lost). Anchors and aliases work;
 * an alias shares the anchored node. Duplicate keys, non-scalar keys, more
 * than one document, nesting deeper than YML_MAX_DEPTH and more than
 * YML_MAX_ALIASES aliases are errors. */
#ifndef GONGKAI_YML_H
#define GONGKAI_YML_H

#include <stddef.h>

struct arena;
struct diag;
struct val;

#define YML_MAX_DEPTH 64
#define YML_MAX_ALIASES 1000

/* Parse text (len bytes, UTF-8) from path into *out, allocated in a.
 * line0 is the number of lines of the file before text starts (for YAML
 * front matter), added to every reported line. path is borrowed and must
 * outlive the tree. An empty document gives a null node. Returns 0, or -1
 * after adding the errors to d (then *out is NULL). */
int yml_parse(struct val **out, struct arena *a, struct diag *d,
	      const char *path, const char *text, size_t len, unsigned line0);

#endif
