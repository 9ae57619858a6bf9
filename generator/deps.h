/* deps: what each output of the site is made from.
 *
 * Every output (a page, a feed, an asset, a data file) declares, before it
 * is rendered, the inputs it shows: the files of one plan, the site-wide
 * files, a layout and the partials it uses, single values. Those are summed
 * up into a digest (digest.h); an output whose digest is the one recorded
 * by the last build is not rendered again (build.c, cache.h). A digest
 * must therefore cover everything the output's bytes depend on: the
 * incremental test (tests/cli/incremental.sh) renders every output again
 * and compares.
 *
 * A group of input files has a provenance: the digest of their bytes (git
 * blob ids) and of their history (every commit that changed one), the
 * newest commit that changed one, and whether the files built differ from
 * that commit (uncommitted changes). A page shows the commit of its own
 * inputs: a commit re-renders only the pages whose inputs it changed.
 *
 *   plan          everything under content/plans/<slug>/
 *   site          every other file under content/ but the free pages
 *                 (site.yaml, regions.yaml, units/), and the navigation
 *                 (the free pages' titles)
 *   a file        one free page */
#ifndef GONGKAI_DEPS_H
#define GONGKAI_DEPS_H

#include <stddef.h>

#include "digest.h"

struct history;
struct inputs;
struct layouts;
struct plan;
struct site;

#define DEPS_NONE ((size_t)-1)

struct prov {
	struct digest d;   /* bytes and history of the files */
	size_t seq;        /* newest commit that changed one (history index), or DEPS_NONE */
	int dirty;         /* the files built differ from their last commit */
};

struct deps_tpl;

/* What every output's deps are computed against: computed once per build. */
struct deps_ctx {
	const struct site *s;
	const struct history *h;     /* or NULL */
	const struct inputs *in;     /* finished */
	const struct layouts *lay;
	int worktree;                /* 1: built from the working tree (dirty applies) */
	struct digest env;           /* what every output depends on */
	struct prov site;
	struct prov *plans;          /* per plan, in site order */
	struct prov all_plans;       /* every plan together */
	struct deps_tpl *tpl;        /* per template: it and every template it uses */
	size_t ntpl;
	int dirty;                   /* some input differs from the commit built */
};

void deps_ctx_init(struct deps_ctx *c, const struct site *s, const struct history *h,
		   const struct inputs *in, const struct layouts *lay, int worktree);
void deps_ctx_free(struct deps_ctx *c);

/* One output's deps, being summed up. */
struct deps {
	struct dg g;
	const struct deps_ctx *c;
	size_t seq;        /* newest commit of its inputs, or DEPS_NONE */
	int dirty;
};

void deps_begin(struct deps *d, const struct deps_ctx *c, const char *key);
void deps_prov(struct deps *d, const struct prov *p);
void deps_plan(struct deps *d, const struct plan *p);
void deps_site(struct deps *d);
/* Every plan of the site (a page that counts or lists them all). */
void deps_all_plans(struct deps *d);
/* Every input file under prefix ("content/pages/about.md"). */
void deps_files(struct deps *d, const char *prefix);
/* A template, every template it uses, and the UI strings. */
void deps_layout(struct deps *d, const char *name);
void deps_str(struct deps *d, const char *s);
void deps_int(struct deps *d, long long v);
void deps_bytes(struct deps *d, const void *p, size_t n);
void deps_end(struct deps *d, struct digest *out);

/* The full id of the commit seq (of deps or a prov), or NULL. */
const char *deps_commit(const struct deps_ctx *c, size_t seq);

#endif
