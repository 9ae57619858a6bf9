/* inputs: every file a build read and every folder it listed, and what
 * identifies each — its git blob id and its stamp (size, times, inode) —
 * so that the next build can tell what changed without reading what did
 * not.
 *
 * Sources (source.h) record into an inputs as they read and list, so the
 * record is exactly what the build looked at, whoever asked for it. Paths
 * are as the build opened them: relative to the content repository's root
 * ("content/plans/x/plan.md"), absolute for the shipped layouts. A folder's
 * stamp changes when a file is added to it, removed or renamed; a file's
 * when it is written. A file looked for and not found is recorded too, so
 * that creating it is a change.
 *
 * A stamp as recent as the build itself is racy (git's word for it): the
 * file may be written again within the same tick of the file system's
 * clock without its stamp changing, so the next build reads and hashes it
 * instead of trusting the stamp. Safe to record into from several threads. */
#ifndef GONGKAI_INPUTS_H
#define GONGKAI_INPUTS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "digest.h"

struct stamp {
	int64_t mtime, ctime; /* nanoseconds since the epoch */
	uint64_t size, ino;
};

enum {
	INPUT_FILE,         /* a file that was read */
	INPUT_DIR,          /* a folder that was listed */
	INPUT_ABSENT,       /* a file or folder looked for and not found */
	INPUT_WATCH,        /* the folder of an absent file: while its stamp holds,
			     * nothing was added to it */
};

struct input {
	char *path;         /* owned (unless the record is borrowed) */
	struct digest blob; /* a file: the git blob id of what was read; a
			     * folder: the digest of its listing */
	struct stamp st;    /* zero when the file has no stamp (read from a git tree) */
	unsigned char kind; /* INPUT_FILE, INPUT_DIR, INPUT_ABSENT */
	unsigned char racy; /* 1: do not trust the stamp next time */
	unsigned char tree; /* 1: read from a git tree: the commit fixes it */
};

struct inputs {
	pthread_mutex_t lock;
	struct input *v;    /* after inputs_finish: sorted by path, one per path */
	size_t n, cap;
	const struct inputs *known; /* the last build's (finished), or NULL: blob
				     * ids of files whose stamp did not change */
	int64_t start;      /* the file system's time when the build began (ns) */
	size_t hashed;      /* files whose blob id had to be computed */
	int borrowed;       /* 1: the paths belong to someone else (the cache) */
};

void inputs_init(struct inputs *in);
void inputs_free(struct inputs *in);

/* Stamp of path (lstat: a link is its own thing); 0, or -1 if it cannot
 * be read. */
int stamp_of(const char *path, struct stamp *st);
int stamp_eq(const struct stamp *a, const struct stamp *b);

/* Record a file that was read: len bytes of data. With stat set, path is
 * stamped from the file system. */
void inputs_file(struct inputs *in, const char *path, int stat, const void *data, size_t len);
/* Record a folder that was listed, with the digest of its listing
 * (inputs_listing). */
void inputs_dir(struct inputs *in, const char *path, int stat, const struct digest *listing);
/* The digest of a listing: names, and which are folders, in order. */
void inputs_listing(struct digest *out, const char *const *names, const int *is_dir, size_t n);
/* Record a file or folder that was looked for and is not there: creating
 * it is a change. */
void inputs_absent(struct inputs *in, const char *path, int stat);
/* Sort, keep one record per path, and mark racy stamps. */
void inputs_finish(struct inputs *in);
/* Add a finished record's entry as it is (for the cache reader). */
void inputs_add(struct inputs *in, const struct input *e);

/* The input at path, or NULL (finished inputs only). */
const struct input *inputs_find(const struct inputs *in, const char *path);
/* The inputs whose path starts with prefix: a run of *first.. */
size_t inputs_under(const struct inputs *in, const char *prefix, size_t *first);

/* Is every input of a finished record as it was? Returns 0 if so; 1 if
 * something changed, with *what (may be NULL) set to its path. A file
 * whose stamp changed (or is racy) is read and hashed; a folder whose stamp
 * changed is listed again (an editor's swap file is not a change). */
int inputs_changed(const struct inputs *in, const char **what);

#endif
