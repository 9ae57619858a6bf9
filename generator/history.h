/* history: the record from git, read with libgit2 in one pass.
 *
 * One walk down the first-parent line from a ref, then oldest to newest
 * one tree-to-tree diff per commit against its first parent, gives every
 * file under a path prefix its list of changes. Nothing walks the history
 * per file, and no git binary is needed. Changes that arrive through a
 * merge are the merge's; renames are followed; see docs/history.md.
 *
 * A commit whose message has a "Change-Note: …" trailer is a major change:
 * its note is what the public change log shows, and only major changes move
 * a page's "last updated" date. Other commits are minor (typo fixes).
 *
 * Paths are relative to the folder given to history_read (usually the
 * repository's root), like the paths of a source (source.h). */
#ifndef GONGKAI_HISTORY_H
#define GONGKAI_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct diag;
struct git_repository;

struct hist_commit {
	char id[41];          /* full hex id */
	int64_t time;         /* committer time, seconds since the epoch (UTC) */
	int tz;               /* committer's offset from UTC, in minutes */
	char *summary;        /* subject: the first paragraph of the message, on one line */
	char *note;           /* the Change-Note trailer's text, or NULL: minor; for a
	                       * merge without a note of its own, the notes of the
	                       * commits it brought in */
	int merge;            /* 1 if it has more than one parent */
};

enum hist_change {
	HIST_ADDED,
	HIST_MODIFIED,
	HIST_DELETED,
	HIST_RENAMED,         /* renamed to this path (from old_path), maybe edited too */
};

struct hist_event {
	size_t commit;        /* index into history.commits */
	enum hist_change kind;
	char blob[41];        /* the file's blob id after the change ("" if deleted) */
	char *old_path;       /* HIST_RENAMED: the path before, else NULL */
	const char *note;     /* this change's note, or NULL: a minor change. The
	                       * commit's note, except for a merge without a note of
	                       * its own: then the notes of the merged commits that
	                       * touched this file */
};

struct hist_file {
	char *path;           /* e.g. "content/plans/x/plan.md": its latest name */
	struct hist_event *events; /* oldest first; a file deleted and added back keeps one
	                       * list, and so does a renamed file (under its new name) */
	size_t nevents;
	size_t first;         /* commit of the first event (when it was first published) */
	size_t last;          /* commit of the last event */
	size_t last_major;    /* commit of the last event with a note, or HIST_NONE */
};

#define HIST_NONE ((size_t)-1)

/* Every string in a history lives in its arena, freed by history_free. */
struct history {
	struct hist_commit *commits; /* oldest first: the commits that changed something under the prefix */
	size_t ncommits;
	struct hist_file *files;     /* every path under the prefix at the ref, and every
	                              * path deleted since, sorted by path (byte order) */
	size_t nfiles;
	size_t walked;               /* commits on the first-parent line, including those
	                              * that changed nothing under the prefix */
	char head[41];               /* the commit built from */
	int64_t head_time;           /* its committer time (it may have changed nothing under the prefix) */
	int head_tz;                 /* its committer's offset from UTC, in minutes */
	int dirty;                   /* working tree builds: uncommitted changes under the prefix */
	int shallow;                 /* the repository is a shallow clone: the first dates may be wrong */
	struct git_repository *repo; /* for history_blob (owned) */
	struct arena *arena;         /* the strings above (owned) */
};

/* Read the history of every file under prefix ("content/", relative to
 * dir) reachable from ref (NULL: HEAD) in the repository containing dir.
 * Returns 0; 1 if dir is not in a git repository, or (ref NULL) the
 * repository has no commit yet: not an error, build without history;
 * -1 on error (an unknown ref, a corrupt repository), reported to d. With
 * ref NULL, dirty tells whether the working tree or the index differs from
 * HEAD under prefix. Depends on nothing but the repository: not the clock,
 * the locale, nor the order of the file system. */
int history_read(struct history **out, const char *dir, const char *ref, const char *prefix,
		 struct diag *d);
void history_free(struct history *h);

/* The calendar day of a commit (days since 1970-01-01), in its
 * committer's time zone. */
int hist_commit_day(const struct hist_commit *c);

/* The file at path, or NULL. */
const struct hist_file *history_file(const struct history *h, const char *path);
/* The contents of a blob (for reading an old indicators.yaml). *out is
 * malloc'd and NUL-terminated. Returns 0 or -1. Not thread-safe. */
int history_blob(const struct history *h, const char *blob_id, char **out, size_t *len);

/* The note of a commit message: the value of its "Change-Note:" trailers
 * (key in any case) by git's trailer rules, continuation lines unfolded (no
 * space between two Chinese characters), several notes joined by "\n".
 * NULL if there is none or it is empty; else malloc'd. */
char *history_note(const char *message);

/* For the other git modules (gitsrc.c, publish.c). */

/* git_libgit2_init, and the process-wide settings gongkai reads with; each
 * call is matched by one history_git_shutdown. */
void history_git_init(void);
void history_git_shutdown(void);
/* Open the repository containing dir (searching upward, stopping at
 * $GIT_CEILING_DIRECTORIES as git does). *base_out receives dir's path
 * relative to the repository's root, "" or ending in '/' (malloc'd).
 * Returns 0; 1 if there is no repository; -1 on another error (see
 * history_git_error). */
int history_repo_open(struct git_repository **out, char **base_out, const char *dir);
/* The message of libgit2's last error, or a placeholder. */
const char *history_git_error(void);

#endif
