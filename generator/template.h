/* template: Mustache, parsed once, rendered many times.
 *
 * Supports the whole of the Mustache spec (../shared/mustache-spec):
 * variables, sections, inverted sections, comments, set delimiters,
 * partials, and the optional modules of template inheritance
 * ({{<parent}}{{$block}}...{{/block}}{{/parent}}) and dynamic names
 * ({{>*name}}, {{<*name}}). Lambdas are not supported (templates hold no
 * logic; the generator computes everything a page shows).
 *
 * The engine knows nothing of where data comes from: it walks the caller's
 * data through struct tpl_data, a handful of callbacks. The site's value
 * tree is one adapter (view.c), the spec tests another.
 *
 * A parsed set is read-only while rendering, so several threads may render
 * from one set at once, each with its own output buffer and diag. (Add every
 * template first: tpl_set_add while another thread renders is not safe.)
 *
 * Whitespace follows the spec: a line holding only a non-interpolating tag
 * disappears; a standalone partial or parent indents every line that its
 * template text starts (nested ones add up), never the lines inside
 * interpolated data, and leaves empty lines empty. */
#ifndef GONGKAI_TEMPLATE_H
#define GONGKAI_TEMPLATE_H

#include <stddef.h>

struct buf;
struct diag;

/* Limits, each with its own error. */
#define TPL_MAX_NESTING 64   /* open sections/blocks inside one template */
#define TPL_MAX_DEPTH 64     /* partials, parents and block overrides inside
				each other while rendering */

/* A node of the caller's data. NULL means "not there". */
typedef const void *tpl_ref;

enum tpl_kind {
	TPL_NULL,  /* missing or null: falsy, interpolates as "" */
	TPL_FALSE, /* falsy scalar (false; the site adapter also says "" ) */
	TPL_TRUE,  /* truthy scalar without text of its own (true) */
	TPL_TEXT,  /* truthy scalar with text */
	TPL_LIST,  /* list: a section repeats for each item; empty is falsy */
	TPL_MAP,   /* map: a section pushes it on the context stack */
};

struct tpl_data {
	void *u; /* the adapter's own state, passed to every callback */
	enum tpl_kind (*kind)(void *u, tpl_ref v);
	/* The value under key (n bytes, not NUL-terminated) of a TPL_MAP node,
	 * or NULL when there is no such key. */
	tpl_ref (*get)(void *u, tpl_ref map, const char *key, size_t n);
	size_t (*count)(void *u, tpl_ref list);
	tpl_ref (*item)(void *u, tpl_ref list, size_t i);
	/* Append the text of a scalar (unescaped; the engine escapes).
	 * Called for TPL_TEXT, TPL_TRUE and TPL_FALSE only: null, lists and
	 * maps interpolate as "". */
	void (*text)(void *u, tpl_ref v, struct buf *out);
};

/* Flags for tpl_render. */
#define TPL_STRICT 1 /* a partial or parent that does not exist is an error
			(the spec says it renders as ""; the site wants to know) */

struct tpl_set;

struct tpl_set *tpl_set_new(void);
void tpl_set_free(struct tpl_set *s);

/* Parse src (len bytes) as the template called name; path is what
 * diagnostics show (name when NULL). Nothing of src is kept. Adding a name
 * twice replaces the first. Syntax errors (unclosed or mismatched section,
 * unclosed tag, bad delimiters, empty name, nesting deeper than
 * TPL_MAX_NESTING) go to d with path:line:col; the first one stops the parse
 * and the set is left as it was. Returns 0 or -1. */
int tpl_set_add(struct tpl_set *s, const char *name, const char *path,
		const char *src, size_t len, struct diag *d);
int tpl_set_has(const struct tpl_set *s, const char *name);
/* Report every static partial ({{>name}}) and parent ({{<name}}) that names
 * no template of the set, at the tag's position. Returns 0 or -1. */
int tpl_set_check(const struct tpl_set *s, struct diag *d);

/* Call f for every static partial ({{>name}}) and parent ({{<name}}) that
 * the template called name refers to, in document order (not following
 * them). Returns 1 if it also has dynamic ones ({{>*name}}), whose targets
 * only the data decides; 0; -1 if there is no such template. */
int tpl_refs(const struct tpl_set *s, const char *name,
	     void (*f)(void *ctx, const char *ref, size_t n), void *ctx);

/* Render the template called name with root as the context, appending to
 * out. Returns 0, or -1 after reporting to d (unknown template, recursion
 * deeper than TPL_MAX_DEPTH, with TPL_STRICT a missing partial or parent, or
 * a dynamic name that gives none); out then holds what was rendered before
 * the error. */
int tpl_render(struct buf *out, const struct tpl_set *s, const char *name,
	       const struct tpl_data *data, tpl_ref root, unsigned flags,
	       struct diag *d);

#endif
