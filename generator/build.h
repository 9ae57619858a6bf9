/* build: load, check, render, write — the `build` and `check` commands.
 *
 * The stages never reach back: the model is loaded and checked once, the
 * layouts are parsed once, and then every page is rendered on its own (on
 * as many threads as asked) into a temporary folder that replaces the
 * target only when everything succeeded. */
#ifndef GONGKAI_BUILD_H
#define GONGKAI_BUILD_H

struct build_opts {
	const char *out;   /* output folder (default "site") */
	const char *ref;   /* git ref to build from, or NULL for the working tree */
	int jobs;          /* render threads; 0 = one per processor */
	int check_only;    /* 1: validate only, write nothing */
	int quiet;         /* 1: no summary line */
};

/* Run a build or check in the current folder. Returns the exit status:
 * 0 success (warnings allowed), 1 errors in content or layouts, 2 other
 * failures (cannot write, not a content folder). */
int build_run(const struct build_opts *o);

#endif
