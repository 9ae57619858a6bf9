/* ical: a plan's table and deadlines as an iCalendar file (RFC 5545) that
 * a phone or desktop calendar can subscribe to.
 *
 * Every row of the plan's table with dates becomes all-day events: one per
 * span of its planned time (7月、10月 gives two), DTEND the day after the
 * last (exclusive, as the RFC says); a deadline (11月前, 12月底前) is a
 * one-day event on its last day. The description is the row as printed,
 * every column's header and text. The plan's own deadline (due:) and each
 * indicator's are one-day events on their last day. Rows without dates
 * (blank, 根据上级要求开展) are left out: ical_schedule says how many.
 * UIDs are built from the plan, the row (or indicator) and the span, so
 * they stay the same from build to build, and
 * DTSTAMP is the time of the commit built from, never the clock. Text is
 * escaped, control characters dropped, lines folded at 75 octets between
 * whole UTF-8 characters, every line ended with CRLF. */
#ifndef GONGKAI_ICAL_H
#define GONGKAI_ICAL_H

#include <stddef.h>

struct buf;
struct plan;
struct tbl_ctx;

/* Returns the number of events; *skipped (may be NULL) gets the number of
 * rows left out for want of dates. */
size_t ical_schedule(struct buf *out, const struct tbl_ctx *c, const struct plan *p, size_t *skipped);
/* The rows ical_schedule would leave out. */
size_t ical_unscheduled(const struct plan *p);
/* The events ical_schedule would write (0: the plan has no calendar). */
size_t ical_count(const struct plan *p);

#endif
