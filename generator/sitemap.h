/* sitemap: sitemap.xml and robots.txt, for crawlers.
 *
 * The sitemap protocol wants absolute URLs, so sitemap.xml is only written
 * when site.yaml gives base_url (the build warns otherwise); lastmod is
 * the date of the last commit that changed what a page shows (a plan's
 * files for its pages, anything under content/ for the rest), never the
 * clock. robots.txt allows everything and names the sitemap. */
#ifndef GONGKAI_SITEMAP_H
#define GONGKAI_SITEMAP_H

#include <stddef.h>

struct buf;
struct site;

/* One page of the site: its path and the plan it belongs to (or NULL). */
struct sitemap_page {
	const char *path;          /* "plans/x/index.html" */
	const struct plan *plan;
};

/* Returns the number of URLs. */
size_t sitemap_xml(struct buf *out, const struct site *s, const struct sitemap_page *pages, size_t n);
void sitemap_robots(struct buf *out, const struct site *s);

#endif
