/* source: the tree of files a build reads — a folder on disk, or (with
 * --ref) a tree in a git object store.
 *
 * Paths are relative to the root, with '/' separators ("content/site.yaml").
 * Listings are sorted by byte order of the name, so the order of the file
 * system never reaches the output. */
#ifndef GONGKAI_SOURCE_H
#define GONGKAI_SOURCE_H

#include <stddef.h>

struct diag;

struct source_entry {
	char *name; /* file or folder name, no path (owned) */
	int is_dir; /* 1 for a folder */
};

struct source_ops;
struct inputs;

struct source {
	const struct source_ops *ops; /* how to list and read */
	char *root;                   /* folder on disk (owned) */
	void *impl;                   /* the backend's own state */
	struct inputs *track;         /* or NULL: where every file read and folder
				       * listed is recorded (inputs.h) */
};

/* A folder on disk. */
int source_open_dir(struct source **out, const char *root);
void source_free(struct source *s);

/* The entries of dir, sorted by name. *out is malloc'd (free with
 * source_entries_free). A missing folder gives 0 entries and returns 1. */
int source_list(struct source *s, const char *dir, struct source_entry **out, size_t *n);
void source_entries_free(struct source_entry *e, size_t n);
/* Read a whole file. *out is malloc'd and NUL-terminated. Returns 0, 1 if
 * the file does not exist, -1 on another error (errno-style message in
 * *err, malloc'd). */
int source_read(struct source *s, const char *path, char **out, size_t *len, char **err);

struct source_ops {
	int (*list)(struct source *s, const char *dir, struct source_entry **out, size_t *n);
	int (*read)(struct source *s, const char *path, char **out, size_t *len, char **err);
	void (*free)(struct source *s);
};

/* Read a file from the local file system (for layouts shipped with gongkai). */
int file_read(const char *path, char **out, size_t *len, char **err);
int entry_cmp(const void *a, const void *b);

#endif
