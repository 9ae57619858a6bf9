/* cache: what a build leaves for the next one, in .gongkai-cache/<name>/
 * beside the output folder <name> (git-ignored).
 *
 *   lock      held (flock) for the whole of a build: one build at a time
 *             per output; touched when taken, so that its time is the
 *             build's start on the file system's own clock (inputs.h)
 *   index     the last good build: its inputs (inputs.h), the commit it
 *             was built from, every output job with the digest of what it
 *             was made from and the files it wrote (path and blob id), the
 *             diagnostics it printed, and the state of the standby
 *   history   the record from git at that commit (histcache.h)
 *   standby/  the site as it was one build before (see output.h)
 *   journal   the files of standby/ a build is changing, while it does
 *   site      the stamp of the site folder when the last build left it
 *
 * The index is replaced whole (written under index.new, renamed), and
 * only after the site it describes is in place; a build that dies leaves
 * the last index, or an index.new that the next build accepts only if the
 * site in place is the one it names. Anything that does not read back
 * exactly — another version of gongkai, other options, a damaged file —
 * is as if there were no cache: the next build is a full one. */
#ifndef GONGKAI_CACHE_H
#define GONGKAI_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "digest.h"
#include "inputs.h"

/* A file of the site: where, and its blob id (zero: unknown). Strings of
 * an index are borrowed: from the file read (cache_index.data) or from
 * the build that writes it. */
struct cache_file {
	char *path;
	struct digest blob;
};

/* One output job: a page, an asset, a feed, an index of many files. */
struct cache_job {
	char *key;                /* unique: usually the path of its file */
	struct digest deps;       /* of everything it was made from (deps.h) */
	struct cache_file *files; /* what it wrote, in the order written */
	size_t nfiles;
	struct diag diags;        /* what it reported while rendering */
};

/* What the index says. */
struct cache_index {
	char *identity;           /* gongkai, its options, the folders: must match */
	int has_head;             /* 1: built from commit head; 2: the history could not be read */
	char head[41];
	uint64_t site_ino;        /* the folder of the site in place (its inode) */
	uint64_t standby_ino;     /* the standby folder, or 0 for none */
	struct inputs in;         /* what was read */
	struct cache_job *jobs;   /* sorted by key */
	size_t njobs;
	struct cache_file *standby; /* the standby's files, sorted by path; a zero
				     * blob: the file may be anything (or absent) */
	size_t nstandby;
	struct diag diags;        /* every diagnostic of the build, as printed */
	size_t npages;            /* pages, for the summary line */
	char *data;               /* the file read, which the strings point into (owned) */
};

struct cache {
	char *dir;                /* .gongkai-cache/<name> */
	int lock;                 /* the lock file, held */
	int64_t start;            /* the lock's time when taken (ns) */
	int loaded;               /* 1: ix holds the last good build */
	struct cache_index ix;
	char *journal_data;       /* the journal read, if any (ix.standby points into it) */
};

/* Take the cache of the output folder out (creating it), waiting for any
 * other build of the same output to finish, and read its index if it was
 * written for identity. Returns 0, or -1 with *err (malloc'd) when the
 * cache cannot be used at all (the build then runs without one). */
int cache_open(struct cache *c, const char *out, const char *identity, char **err);
void cache_close(struct cache *c);

/* path under the cache folder (malloc'd). */
char *cache_path(const struct cache *c, const char *name);

/* The job with this key in the index, or NULL. */
const struct cache_job *cache_job(const struct cache_index *ix, const char *key);
/* The standby's file at path, or NULL. */
const struct cache_file *cache_standby(const struct cache_index *ix, const char *path);

/* Write ix (sorting its jobs) as index.new; cache_commit renames it over
 * index once the site it describes is in place. Returns 0 or -1. */
int cache_write(struct cache *c, struct cache_index *ix);
void cache_commit(struct cache *c);
/* Forget the index (and the standby's state with it). */
void cache_drop(struct cache *c);

/* Whether the site folder out is as the last build left it (its own
 * stamp, recorded after it was put in place): a file dropped into it or
 * removed from it by hand shows there, and the build is then a full one.
 * Files changed deeper in the site are not looked for: the site is
 * gongkai's, and its manifest lists what it should hold. */
int cache_site_ok(const struct cache *c, const char *out);
void cache_site_saved(const struct cache *c, const char *out);

/* The journal: the paths of standby/ about to change. */
int cache_journal(struct cache *c, char *const *paths, size_t n);
void cache_journal_done(struct cache *c);

void cache_index_free(struct cache_index *ix);

#endif
