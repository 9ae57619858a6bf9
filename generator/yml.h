/* yml: YAML text to a value tree, on libyaml.
 *
 * Every node keeps its file, line and column. Plain scalars are resolved
 * the way the YAML core schema does for the cases that matter here:
 * "", "~" and "null" become null, "true" and "false" become booleans; all
 * other scalars stay strings (numbers too: the model decides what a number
 * is, and the text as written is never lost). Anchors and aliases work;
 * an alias shares the anchored node (it is resolved once, when read: the
 * tree is a graph without cycles, and every node's `nodes` says how many
 * nodes it stands for with aliases counted in full, so a consumer can walk
 * it in bounded time). An alias inside what it refers to is a cycle and an
 * error. Duplicate keys, non-scalar keys, more than one document, text
 * that escapes turned into characters no file may hold (text.h), and going
 * past any of the limits below are errors. */
#ifndef GONGKAI_YML_H
#define GONGKAI_YML_H

#include <stddef.h>

struct arena;
struct diag;
struct val;

/* Limits, each with its own error (docs/limits.md). */
#define YML_MAX_DEPTH 64          /* lists and maps inside each other */
#define YML_MAX_ALIASES 1000      /* aliases (*name) in one file */
#define YML_MAX_EXPANDED 100000   /* nodes the aliases of one file stand for, in full */
#define YML_MAX_ITEMS 50000       /* items of one list, keys of one map: rows of a file */
#define YML_STR(x) YML_STR_(x)
#define YML_STR_(x) #x

/* Parse text (len bytes, UTF-8) from path into *out, allocated in a.
 * line0 is the number of lines of the file before text starts (for YAML
 * front matter), added to every reported line. path is borrowed and must
 * outlive the tree. An empty document gives a null node. Returns 0, or -1
 * after adding the errors to d (then *out is NULL). */
int yml_parse(struct val **out, struct arena *a, struct diag *d,
	      const char *path, const char *text, size_t len, unsigned line0);

#endif
