/* unitsplit: the unit names in a cell as the document prints it.
 *
 * A responsible-unit cell often names several units, and sometimes says
 * which leads: 区人社局、总工会、团区委、妇联 · 区委办（区府办），区乡村振兴局 ·
 * 区发改局（牵头）、区财政局 · 区发改局牵头，各镇配合 · 牵头单位：县发改局；
 * 配合单位：县财政局. unit_split finds the names in such a text without
 * changing it: each part is an offset and a length into the text, with the
 * role the text gives it. What lies between the names (separators, role
 * words, a trailing 等 or 。) stays in the text, which the page shows as
 * written. */
#ifndef GONGKAI_UNITSPLIT_H
#define GONGKAI_UNITSPLIT_H

#include <stddef.h>

/* What a unit does for a task or row, as the document says. */
enum unit_role {
	ROLE_RESPONSIBLE, /* 责任单位, or the document does not say */
	ROLE_LEAD,        /* 牵头单位 */
	ROLE_PARTNER,     /* 配合单位, 协办单位 */
};

struct unit_part {
	size_t off, len;     /* the name, as bytes of the text */
	enum unit_role role; /* from the text, or the role given to unit_split */
	int marked;          /* 1: the text itself says the role */
};

/* Split text (n bytes) into unit names. Names are separated by 、，,；;
 * and spaces outside brackets （）()〔〕【】[]《》; a label 牵头单位：,
 * 配合单位：, 责任单位： … gives the role of the names after it; a mark
 * （牵头） or （配合） after a name gives that name's role, and 牵头 or 配合
 * ending a clause (区发改局牵头，各镇配合) gives the role of the names of
 * the clause. A trailing 等, 等单位, 等部门 and trailing punctuation are not
 * part of a name; 无, — or / alone names no unit. Parts with no role from
 * the text get role. Returns the
 * number of names (at most max are stored). */
size_t unit_split(const char *text, size_t n, enum unit_role role, struct unit_part *out, size_t max);

/* The role's word: 责任单位, 牵头单位, 配合单位. */
const char *unit_role_name(enum unit_role role);

#endif
