/* gitsrc: a source (source.h) over a tree in a git object store, for
 * `build --ref REF`: what is published is exactly what was committed,
 * without a checkout. */
#ifndef GONGKAI_GITSRC_H
#define GONGKAI_GITSRC_H

struct diag;
struct source;

/* Open the tree of ref (a commit id, tag or branch) of the repository
 * containing dir. Paths are relative to the repository's root. On an
 * unknown ref, reports "未知的版本 …" to d and returns -1; if dir is not in
 * a repository, reports and returns -1. *commit_out receives the full
 * commit id (41 bytes). */
int gitsrc_open(struct source **out, const char *dir, const char *ref, char commit_out[41],
		struct diag *d);

#endif
