/* watch: telling when files under some folders change (inotify).
 *
 * A tree is watched recursively, including folders created (or moved in)
 * after it was added. A folder can also be watched on its own for a few
 * names only: the repository's root for content/ and layouts/ appearing
 * (they then become trees), the git folder for HEAD moving. Editors' side
 * files (hidden files, "x~", ".swp", vim's "4913") and git's ".lock" files
 * are not changes. */
#ifndef GONGKAI_WATCH_H
#define GONGKAI_WATCH_H

struct watch;

/* NULL if inotify is not available (errno says why). */
struct watch *watch_new(void);
void watch_free(struct watch *w);

/* Every watch carries a tag, one bit, that watch_read reports for the
 * changes it saw (what changed: content, layouts, the git refs). */

/* Watch dir and every folder below it. A missing dir is not an error
 * (nothing is watched). Returns 0 or -1. */
int watch_tree(struct watch *w, const char *dir, unsigned tag);
/* Watch dir itself for the NULL-terminated names only. When trees is set,
 * a listed name that appears as a folder is then watched as a tree
 * (dir/name) with the tag of its position in tags (NULL: tag). */
int watch_names(struct watch *w, const char *dir, const char *const *names, int trees,
		unsigned tag, const unsigned *tags);

/* The descriptor to poll for reading. */
int watch_fd(const struct watch *w);
/* Take every pending event. Returns how many were changes that matter
 * (0: only side files, or nothing), or -1 on a read error; *tags receives
 * the tags of those changes, or'ed. */
int watch_read(struct watch *w, unsigned *tags);

#endif
