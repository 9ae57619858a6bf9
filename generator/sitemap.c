/* sitemap: sitemap.xml (sitemaps.org protocol 0.9) and robots.txt. */
#include "sitemap.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "model.h"

#include <string.h>

/* "plans/x/index.html" is served as "plans/x/". */
static void put_loc(struct buf *b, const struct site *s, const char *path)
{
	size_t n = strlen(path);
	esc_xmls(b, s->base_url);
	if (n >= 10 && strcmp(path + n - 10, "index.html") == 0)
		n -= 10;
	esc_xml(b, path, n);
}

size_t sitemap_xml(struct buf *out, const struct site *s, const struct sitemap_page *pages, size_t n)
{
	size_t urls = 0;
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; i < n; i++) {
		int day = pages[i].plan && pages[i].plan->last_changed ? pages[i].plan->last_changed : s->last_changed;
		buf_puts(out, "<url><loc>");
		put_loc(out, s, pages[i].path);
		buf_puts(out, "</loc>");
		if (day) {
			buf_puts(out, "<lastmod>");
			date_put_iso(out, day);
			buf_puts(out, "</lastmod>");
		}
		buf_puts(out, "</url>\n");
		urls++;
	}
	buf_puts(out, "</urlset>\n");
	return urls;
}

void sitemap_robots(struct buf *out, const struct site *s)
{
	buf_puts(out, "# gongkai: every page of this site may be crawled.\nUser-agent: *\nAllow: /\n");
	if (s->base_url) {
		buf_puts(out, "\nSitemap: ");
		for (const char *p = s->base_url; *p; p++) /* one line, whatever base_url holds */
			if ((unsigned char)*p > 0x20 && *p != 0x7F)
				buf_putc(out, *p);
		buf_puts(out, "sitemap.xml\n");
	}
}
