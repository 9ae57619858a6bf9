/* source: the tree of files a build reads — a folder on disk, or (with
 * --ref) a tree in a git object store.
 *
 * Paths are relative to the root, with '/' separators ("content/site.yaml").
 * Listings are sorted by byte order of the name, so the order of the file
 * system never reaches the output.
 *
 * Containment: every file read must lie inside the root. A symbolic link is
 * followed only when what it points to is inside the root (a file, or a
 * folder); one that points outside, nowhere, or round in a loop is an
 * error naming the link, and so is anything that is not a regular file or
 * a folder (a named pipe, a device, a socket), a name that is not UTF-8 or
 * holds control characters, and a file larger than SOURCE_MAX_FILE. Such
 * problems go to the source's diag (if set) as errors, with what to do; the
 * entry is left out of listings and reads of it fail. Nothing is read
 * before it has been checked, so a named pipe never blocks a build. */
#ifndef GONGKAI_SOURCE_H
#define GONGKAI_SOURCE_H

#include <stddef.h>

struct diag;

/* Largest file read for a site: content, layouts, assets (16 MiB). */
#define SOURCE_MAX_FILE ((size_t)16 << 20)
/* Symbolic links followed while resolving one path (as Linux does). */
#define SOURCE_MAX_LINKS 40

struct source_entry {
	char *name; /* file or folder name, no path (owned) */
	int is_dir; /* 1 for a folder */
};

struct source_ops;
struct inputs;

struct source {
	const struct source_ops *ops; /* how to list and read */
	char *root;                   /* folder on disk (owned) */
	struct diag *d;               /* where problems with files go, or NULL */
	void *impl;                   /* the backend's own state */
	struct inputs *track;         /* or NULL: where every file read and folder
				       * listed is recorded (inputs.h) */
};

/* A folder on disk. Returns 0, or -1 if root cannot be resolved. */
int source_open_dir(struct source **out, const char *root);
/* Files in memory (for tests and fuzzing): n paths with their contents,
 * copied. Folders are implied by the paths. */
int source_open_mem(struct source **out, const char *const *paths, const char *const *data,
		    const size_t *lens, size_t n);
void source_free(struct source *s);

/* The entries of dir, sorted by name. *out is malloc'd (free with
 * source_entries_free). A missing folder gives 0 entries and returns 1. */
int source_list(struct source *s, const char *dir, struct source_entry **out, size_t *n);
void source_entries_free(struct source_entry *e, size_t n);
/* Read a whole file. *out is malloc'd and NUL-terminated. Returns 0, 1 if
 * the file does not exist, -1 on another error: reported to the source's
 * diag with the path and what to do (then *err is NULL), or, without a
 * diag, described in *err (malloc'd; err may be NULL). */
int source_read(struct source *s, const char *path, char **out, size_t *len, char **err);

struct source_ops {
	int (*list)(struct source *s, const char *dir, struct source_entry **out, size_t *n);
	int (*read)(struct source *s, const char *path, char **out, size_t *len, char **err);
	void (*free)(struct source *s);
};

/* Report a problem with path: to s->d, or into *err. For backends. */
void source_problem(struct source *s, const char *path, char **err, const char *hint,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A file name may be shown and published: valid UTF-8, no control
 * characters. Reports and returns 0 if not. For backends. */
int source_name_ok(struct source *s, const char *dir, const char *name);

/* Read a whole regular file of the local file system (at most
 * SOURCE_MAX_FILE bytes; a named pipe or device is refused without
 * blocking). Returns 0, 1 if it does not exist, -1 (message in *err). */
int file_read(const char *path, char **out, size_t *len, char **err);
int entry_cmp(const void *a, const void *b);

#endif
