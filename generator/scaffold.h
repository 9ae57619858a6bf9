/* scaffold: `gongkai new plan SLUG` — a new plan folder with commented
 * starter files. The required fields are left empty, never filled with a
 * plausible placeholder, so that `gongkai check` names each one still to be
 * typed and nothing invented can be published by mistake. */
#ifndef GONGKAI_SCAFFOLD_H
#define GONGKAI_SCAFFOLD_H

/* Create content/plans/<slug>/ in the current folder. Returns an exit status. */
int scaffold_plan(const char *slug);

#endif
