/* load_stray: warnings for files in content/ that nothing reads (private
 * to the loader). */
#ifndef GONGKAI_LOAD_STRAY_H
#define GONGKAI_LOAD_STRAY_H

#include "load_parts.h"

/* Warn about each entry of plan folder dir that is not one of its files. */
void load_stray_plan(struct loader *L, const char *dir);
/* Warn about entries of content/, units/, pages/ and plans/ not read. */
void load_stray_site(struct loader *L);

#endif
