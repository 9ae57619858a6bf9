/* atom: the change log as an Atom feed (changes.xml), over the same model
 * as the HTML change log page. Deterministic: entries and the feed's
 * <updated> come from commit dates, never the clock. */
#ifndef GONGKAI_ATOM_H
#define GONGKAI_ATOM_H

/* The feed lists the newest changes, at most this many. */
#define ATOM_MAX_ENTRIES 100

struct buf;
struct site;
struct val;

void atom_feed(struct buf *out, const struct site *s, const struct val *strings);

#endif
