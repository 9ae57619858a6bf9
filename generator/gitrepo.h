/* gitrepo: opening git repositories safely, for every module that reads
 * git (history.c, gitsrc.c, publish.c).
 *
 * A repository's objects are read through a guarded object database: every
 * loose object is checked before libgit2 inflates it — a complete zlib
 * stream, a header naming a known type, exactly the size the header
 * declares, at most GITREPO_MAX_OBJECT bytes. libgit2 1.5 loops forever on
 * a truncated loose object (libgit2 issue 7342); a corrupt repository then
 * gives an error naming the object instead. Packed objects are read by
 * libgit2 as they are: a pack is checked against its index when opened. */
#ifndef GONGKAI_GITREPO_H
#define GONGKAI_GITREPO_H

#include <stddef.h>

struct git_repository;
struct git_object;

/* Largest git object read (64 MiB). */
#define GITREPO_MAX_OBJECT ((size_t)64 << 20)

/* git_libgit2_init, and the process-wide settings gongkai reads with; each
 * call is matched by one history_git_shutdown. */
void history_git_init(void);
void history_git_shutdown(void);
/* Open the repository containing dir (searching upward, stopping at
 * $GIT_CEILING_DIRECTORIES as git does), with the guarded object database.
 * *base_out receives dir's path relative to the repository's root, "" or
 * ending in '/' (malloc'd). Returns 0; 1 if there is no repository; -1 on
 * another error (see history_git_error). */
int history_repo_open(struct git_repository **out, char **base_out, const char *dir);
/* The object ref names (git_revparse_single), with "HEAD" (or NULL)
 * looked up by hand: libgit2 1.5's revparse leaks a reference when HEAD
 * names an object that is missing. Returns libgit2's code; a HEAD with no
 * commit yet gives GIT_EUNBORNBRANCH. */
int gitrepo_lookup(struct git_object **out, struct git_repository *repo, const char *ref);
/* The message of libgit2's last error, or a placeholder. */
const char *history_git_error(void);

#endif
