/* publish: commit a built site to a branch (default "site") as a tree of
 * its own, with libgit2, so that the published site is itself a versioned
 * record, and put it where a web server serves it. Publishing the same
 * site twice makes no new commit. */
#ifndef GONGKAI_PUBLISH_H
#define GONGKAI_PUBLISH_H

struct diag;

/* Commit the folder site_dir as the whole tree of branch in the
 * repository containing dir. A missing branch continues origin's branch of
 * that name if there is one (a CI clone), else starts anew. The message names
 * source_commit (the content commit the site was built from, or NULL).
 * Prints what it did to stdout. Returns 0, or -1 after reporting to d. */
int publish_site(const char *dir, const char *site_dir, const char *branch,
		 const char *source_commit, struct diag *d);

/* Put a copy of the folder site_dir in place of the folder to (a web
 * server's root), atomically, as a build replaces its output: to must be
 * missing, empty, or an earlier copy (it carries OUT_MARKER), so that a
 * mistyped path cannot replace someone's files. Prints what it did.
 * Returns 0, or -1 after reporting to d. */
int publish_deploy(const char *site_dir, const char *to, struct diag *d);

#endif
