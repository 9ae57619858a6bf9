/* init: `gongkai init [DIR]` — a content repository from nothing.
 *
 * Writes the starter files of layouts/scaffold/init/ (site, regions,
 * units, one example plan whose every field is explained, .gitignore,
 * .editorconfig, README.md, CI templates for GitLab and Gitea), makes DIR
 * a git repository on branch main with a first commit (libgit2, no git
 * binary), and installs a pre-commit hook that runs `gongkai check`.
 * `check` and `build` accept the result as it is.
 *
 * In a folder that already has content/, it installs the hook only (a
 * colleague's fresh clone), and changes nothing else. In a folder that is
 * already a git repository, it writes the files but commits nothing: what
 * else is staged there is not its business. */
#ifndef GONGKAI_INIT_H
#define GONGKAI_INIT_H

/* Returns an exit status. */
int init_repo(const char *dir);

#endif
