/* scaffold: starter files — `gongkai new plan SLUG`, and the file writer
 * that `gongkai init` shares.
 *
 * The starter files are Mustache templates shipped with the layouts
 * (layouts/scaffold/: plan/ for a new plan, init/ for a new repository),
 * so that they read as the files staff will see and stay in step with the
 * content format without touching C. They follow three rules, which
 * tests/cli/scaffold.sh checks line by line:
 *
 *   - Explanations are "## " lines: removing one "#" leaves a comment.
 *     Optional fields are "# key: """ lines: uncommented as they stand they
 *     are valid and empty, and empty optional fields are ignored.
 *   - A list starts with its key alone and a commented first item below
 *     it, indented as an item must be, never with "[]".
 *   - Values staff must type are left empty, never filled with something
 *     plausible, so that `check` names each one; text that cannot be empty
 *     (a plan's body) carries PLACEHOLDER_MARK, which `check` warns about.
 *   - A YAML file's first line names its JSON Schema for the editor
 *     ("# yaml-language-server: $schema=…", see scaffold_editor); it is
 *     the one "# " line that is not an optional field. */
#ifndef GONGKAI_SCAFFOLD_H
#define GONGKAI_SCAFFOLD_H

struct arena;
struct val;

/* Render layouts/scaffold/<tpl> with vars (a map; may be NULL) and write it
 * to dest, which must not exist yet; mode is the file's permissions.
 * Reports to stderr. Returns 0, or -1. */
int scaffold_file(const char *tpl, const char *dest, const struct val *vars, int mode);

/* What lets an editor check content files as they are typed (docs/design.md,
 * "Checks in the editor"): the JSON Schemas shipped in layouts/schemas/,
 * copied to DIR/.gongkai/schemas/ so that the first line of a starter file
 * finds them by a relative path, offline; and .vscode/settings.json, which
 * maps every content file to its schema (files typed without that first
 * line too), with .vscode/extensions.json recommending the YAML extension.
 * A schema copy that differs from the shipped one is replaced (they are
 * gongkai's files, not the staff's); the .vscode files are written only
 * where there are none. Each path written, relative to DIR, is pushed onto
 * written (a list in arena a; may be NULL). Returns the count, or -1. */
int scaffold_editor(const char *dir, struct arena *a, struct val *written);

/* Create content/plans/<slug>/ in the current folder. Returns an exit status. */
int scaffold_plan(const char *slug);

#endif
