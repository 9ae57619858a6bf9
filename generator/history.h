/* history: the record from git, read with libgit2 in one pass.
 *
 * One revwalk over the commits reachable from a ref, oldest to newest,
 * with one tree-to-tree diff per commit (against its first parent; see
 * docs/history.md for merges), gives every file under a path prefix its
 * list of changes. Nothing walks the history per file, and no git binary is
 * needed.
 *
 * A commit whose message has a "Change-Note: …" trailer is a major change:
 * its note is what the public change log shows, and only major changes move
 * a page's "last updated" date. Other commits are minor (typo fixes). */
#ifndef GONGKAI_HISTORY_H
#define GONGKAI_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct diag;

struct hist_commit {
	char id[41];          /* full hex id */
	int64_t time;         /* committer time, seconds since the epoch (UTC) */
	int tz;               /* committer's offset from UTC, in minutes */
	char *summary;        /* first line of the message (owned) */
	char *note;           /* the Change-Note trailer's text, or NULL: minor (owned) */
	int merge;            /* 1 if it has more than one parent */
};

enum hist_change {
	HIST_ADDED,
	HIST_MODIFIED,
	HIST_DELETED,
	HIST_RENAMED,         /* renamed to this path (from old_path) */
};

struct hist_event {
	size_t commit;        /* index into history.commits */
	enum hist_change kind;
	char blob[41];        /* the file's blob id after the change ("" if deleted) */
	char *old_path;       /* HIST_RENAMED: the path before (owned), else NULL */
};

struct hist_file {
	char *path;           /* path in the repository, e.g. "content/plans/x/plan.md" (owned) */
	struct hist_event *events; /* oldest first; a file deleted and added back keeps one list */
	size_t nevents;
	size_t first;         /* commit of the first event (when it was first published) */
	size_t last;          /* commit of the last event */
	size_t last_major;    /* commit of the last event whose commit is major, or HIST_NONE */
};

#define HIST_NONE ((size_t)-1)

struct history {
	struct hist_commit *commits; /* oldest first */
	size_t ncommits;
	struct hist_file *files;     /* every path ever seen under the prefix, sorted by path */
	size_t nfiles;
	char head[41];               /* the commit built from */
	int dirty;                   /* working tree builds: uncommitted changes under the prefix */
	int shallow;                 /* the repository is a shallow clone: the first dates may be wrong */
	void *repo;                  /* the git_repository, for history_blob (owned) */
};

/* Read the history of every file under prefix ("content/") reachable from
 * ref (NULL: HEAD) in the repository containing dir. Returns 0; 1 if dir is
 * not in a git repository (not an error: build without history); -1 on
 * error (an unknown ref, a corrupt repository), reported to d. With ref
 * NULL, dirty tells whether the working tree differs from HEAD under
 * prefix. */
int history_read(struct history **out, const char *dir, const char *ref, const char *prefix,
		 struct diag *d);
void history_free(struct history *h);

/* The file at path, or NULL. */
const struct hist_file *history_file(const struct history *h, const char *path);
/* The contents of a blob (for reading an old indicators.yaml). *out is
 * malloc'd and NUL-terminated. Returns 0 or -1. */
int history_blob(const struct history *h, const char *blob_id, char **out, size_t *len);

#endif
