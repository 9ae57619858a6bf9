/* histcache: the record from git (history.h), kept between builds.
 *
 * Reading the history walks every commit of the first-parent line; a build
 * from the same commit as the last one reads what that walk found from the
 * build cache instead. The history of a working-tree build is read at
 * HEAD; whether the files built differ from it is the build's business
 * (deps.h), not git status's. */
#ifndef GONGKAI_HISTCACHE_H
#define GONGKAI_HISTCACHE_H

struct diag;
struct history;

/* The commit a build reads: ref, or HEAD when ref is NULL, in the
 * repository containing the current folder. Returns 0 with its id in
 * head; 1 if there is no repository or (ref NULL) no commit yet; -1 if
 * ref names no commit (reported by history_read later, not here). */
int histcache_head(const char *ref, char head[41]);

/* The history of content/ at ref (NULL: HEAD), from the file at path when
 * it was saved for the same commit, else by history_read (and saved
 * there). path may be NULL (no cache). Returns as history_read does. */
int histcache_read(struct history **out, const char *ref, const char *path, struct diag *d);

/* Close the history's repository (and free libgit2's object cache) once
 * the record is built: what is left is the history's own arrays. */
void histcache_release(struct history *h);

#endif
