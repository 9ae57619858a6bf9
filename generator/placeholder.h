/* placeholder: template text that staff were meant to replace.
 *
 * The starter files of `gongkai init` and `gongkai new plan` leave every
 * value staff must type empty (so that `check` names each one) and mark
 * the one kind of text that cannot be empty — the plan's body — with
 * PLACEHOLDER_MARK. A line of content that still holds the mark is a
 * warning at its position ("这里还是模板文字"), so a half-filled template is
 * never published unnoticed. Staff may use the mark themselves for
 * anything still to be typed. */
#ifndef GONGKAI_PLACEHOLDER_H
#define GONGKAI_PLACEHOLDER_H

#include <stddef.h>

struct diag;

#define PLACEHOLDER_MARK "【待填写】"

/* Warn at every line of a content file (path, len bytes of text) that
 * holds the mark outside a YAML comment. */
void placeholder_scan(struct diag *d, const char *path, const char *text, size_t len);

#endif
