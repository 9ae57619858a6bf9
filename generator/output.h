/* output: writing the site so that a failed build changes nothing.
 *
 * A build writes a whole site into a folder of its own, and only when the
 * whole build succeeded is that folder swapped into place (atomically, with
 * renameat2 RENAME_EXCHANGE where the system has it). A reader of the site
 * sees the old site or the new one, never a mix; a build that fails or is
 * killed leaves the old site in place.
 *
 * The folder is either fresh ("site.tmp-XXXXXX" beside the target: a full
 * build), or the standby: the site of the build before the last, kept by
 * the build cache (cache.h). An incremental build brings the standby up to
 * date — writing the files it rendered, linking from the site in place the
 * files that did not change since, removing what is gone — and swaps it in;
 * the site it replaces becomes the next standby. Files are never changed in
 * place (the two folders share unchanged files as hard links): a file is
 * replaced by unlinking it first.
 *
 * An existing target is only ever replaced if it is empty or was written by
 * gongkai (it holds the marker file OUT_MARKER), so a mistyped -o cannot
 * delete someone's work.
 *
 * A full build killed half-way leaves "site.tmp-XXXXXX" (or, where the
 * system has no atomic exchange, "site.old-XXXXXX") behind. A fresh folder
 * gets the marker first thing and holds a lock on it while it is written
 * (the lock goes with the process, however it ends); removing a folder
 * removes the marker last. So the next build can tell leftovers — a marker
 * that no live build holds — and removes them before it starts; an old
 * site left aside with no site in its place is put back instead. The
 * standby lives in the cache's folder, not beside the target: it is never
 * a leftover. */
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
	int standby;  /* 1: tmp is the standby, which holds files already */
	int lock;     /* the marker file in tmp, open and locked while we write, */
	int locked;   /* if this is 1 */
};

/* Is target a place a site may go, seen from the content repository in
 * the current folder? Not the repository or a folder holding it (the
 * swap would replace it), not inside content/ or layouts/ (the next build
 * would read the site as input), and named by a last part that is a name,
 * not "." or "..". 0, or -1 with *err and *hint (static) set. Checked
 * before anything is written, the build cache included (cache.h). */
int out_place(const char *target, char **err, const char **hint);
/* Check the target and create a fresh folder to write. On failure, *err
 * is a malloc'd message. */
int out_begin(struct out *o, const char *target, char **err);
/* Check the target and write into the folder standby (created if
 * missing) instead of a fresh one. */
int out_begin_standby(struct out *o, const char *target, const char *standby, char **err);
/* Create the folders of rel ("plans/x/index.html": plans/ and plans/x/). */
int out_mkdirs(struct out *o, const char *rel, char **err);
/* Write a whole file, creating its folders as needed; in the standby, the
 * file it replaces is unlinked first. Thread-safe. Fails (with *err) once
 * the site (files written and linked) would pass OUT_MAX_TOTAL bytes. */
int out_write(struct out *o, const char *rel, const char *data, size_t len, char **err);
/* Make rel the same file as rel of the site in place (a hard link, or a
 * copy where the system cannot link). Thread-safe. */
int out_link(struct out *o, const char *rel, char **err);
/* Remove rel, and the folders it leaves empty. */
void out_remove(struct out *o, const char *rel);
/* Put the new site in place of the old. The old one is removed, or with
 * keep set, moved there (for a fresh folder) or left as the standby. */
int out_commit(struct out *o, const char *keep, char **err);
/* Remove what killed builds left beside target (out_begin does this too;
 * a build that writes nothing calls it). */
void out_clean_leftovers(const char *target);
/* Free o; if the site was not committed, remove the temporary folder. */
void out_close(struct out *o);

/* Remove a folder and everything in it (a marker at its top last). */
int rm_tree(const char *path);

#endif
