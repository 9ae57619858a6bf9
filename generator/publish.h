/* publish: commit a built site to a branch (default "site") as a tree of
 * its own, with libgit2, so that the published site is itself a versioned
 * record. Publishing the same site twice makes no new commit. */
#ifndef GONGKAI_PUBLISH_H
#define GONGKAI_PUBLISH_H

struct diag;

/* Commit the folder site_dir as the whole tree of branch (created if
 * missing) in the repository containing dir. The message names
 * source_commit (the content commit the site was built from, or NULL).
 * Prints what it did to stdout. Returns 0, or -1 after reporting to d. */
int publish_site(const char *dir, const char *site_dir, const char *branch,
		 const char *source_commit, struct diag *d);

#endif
