/* scaffold: `gongkai new plan SLUG` — a new plan folder with commented
 * starter files, so that staff begin from something that already checks. */
#ifndef GONGKAI_SCAFFOLD_H
#define GONGKAI_SCAFFOLD_H

/* Create content/plans/<slug>/ in the current folder. Returns an exit status. */
int scaffold_plan(const char *slug);

#endif
