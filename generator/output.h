/* output: writing the site so that a failed build changes nothing.
 *
 * Files are written into a fresh folder beside the target
 * ("site.tmp-XXXXXX"). Only when the whole build succeeded is that folder
 * swapped into place (atomically, with renameat2 RENAME_EXCHANGE where the
 * system has it) and the previous site removed. An existing target is only
 * ever replaced if it is empty or was written by gongkai (it holds the
 * marker file OUT_MARKER), so a mistyped -o cannot delete someone's work.
 *
 * A build killed half-way leaves "site.tmp-XXXXXX" (or, where the system has
 * no atomic exchange, "site.old-XXXXXX") behind. The temporary folder gets
 * the marker first thing and holds a lock on it while it is written (the
 * lock goes with the process, however it ends); removing a folder removes
 * the marker last. So the next build can tell leftovers — a marker that no
 * live build holds — and removes them before it starts; an old site left
 * aside with no site in its place is put back instead. */
#ifndef GONGKAI_OUTPUT_H
#define GONGKAI_OUTPUT_H

#include <stddef.h>

#define OUT_MARKER ".gongkai-site"
/* The most a whole site may take (2 GiB): beyond it the build fails
 * rather than fill the disk. */
#define OUT_MAX_TOTAL ((unsigned long long)2 << 30)

struct out {
	_Atomic unsigned long long written; /* bytes written so far */
	char *target; /* where the site goes (owned) */
	char *tmp;    /* the folder being written (owned) */
	int lock;     /* the marker file in tmp, open and locked while we write, */
	int locked;   /* if this is 1 */
};

/* Check the target and create the temporary folder. On failure, *err is a
 * malloc'd message. */
int out_begin(struct out *o, const char *target, char **err);
/* Create the folders of rel ("plans/x/index.html": plans/ and plans/x/). */
int out_mkdirs(struct out *o, const char *rel, char **err);
/* Write a whole file; its folder must exist (out_mkdirs). Thread-safe.
 * Fails (with *err) once the site would pass OUT_MAX_TOTAL bytes. */
int out_write(struct out *o, const char *rel, const char *data, size_t len, char **err);
/* Put the new site in place of the old. */
int out_commit(struct out *o, char **err);
/* Free o; if the site was not committed, remove the temporary folder. */
void out_close(struct out *o);

/* Remove a folder and everything in it (a marker at its top last). */
int rm_tree(const char *path);

#endif
