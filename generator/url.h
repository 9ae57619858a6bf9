/* url: the one check that every URL from content or configuration passes
 * before it is written into any output (site.yaml's addresses, Markdown
 * links and images).
 *
 * Allowed: http: and https: with a host, mailto:, and relative addresses
 * ("../about/", "#part", "file.pdf"). Everything else is refused, and so are
 * the forms browsers and feed readers would turn into something else:
 * a scheme in any case (JaVaScRiPt:), spaces and control characters
 * anywhere ("java\tscript:", " javascript:"), HTML character references
 * ("&#106;avascript:"), backslashes ("/\evil"), addresses that start with
 * "//" (another site, whatever the scheme), and user names before a host
 * ("https://gov.cn@evil.example"). */
#ifndef GONGKAI_URL_H
#define GONGKAI_URL_H

#include <stddef.h>

/* What a diagnostic about a refused URL suggests writing instead. */
#define URL_HINT "地址只能以 http://、https://、mailto: 开头，或者是站内的相对地址（如 ../about/）"

/* NULL if the URL s (n bytes, UTF-8) may be written into a page or feed;
 * else what is wrong with it, in Chinese, for a diagnostic. */
const char *url_problem(const char *s, size_t n);
/* Append the URL as a diagnostic shows it: control characters and bytes
 * that are not UTF-8 as \xNN, cut after 60 characters. */
struct buf;
void url_show(struct buf *b, const char *s, size_t n);
/* 1 if s is an absolute http: or https: URL with a host (a site's address). */
int url_is_web(const char *s, size_t n);

#endif
