#include "atom.h"
#include "buf.h"
#include "markup.h"
#include "date.h"
#include "model.h"
#include "utf8.h"
#include "value.h"

#include <string.h>



/* An RFC 3339 date; a commit without a usable date (record.c) stands at
 * 1970-01-01, as feeds have no way to say "unknown". */
static void put_date(struct buf *b, int day)
{
	date_put_iso(b, day ? day : date_from_ymd(1970, 1, 1));
	buf_puts(b, "T00:00:00Z");
}

/* Text as part of a URN: unreserved ASCII and other characters kept (an
 * IRI), everything else percent-encoded byte by byte. */
static void put_urn_part(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		int keep = c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
				    : !(cp == 0xFFFD && k == 1) && markup_allowed(cp) && cp != 0x2028 &&
				      cp != 0x2029 && !(cp >= 0x202A && cp <= 0x202E) &&
				      !(cp >= 0x2066 && cp <= 0x2069) && cp != 0xFEFF;
		if (keep)
			buf_put(b, s + i, k);
		else
			for (size_t j = 0; j < k; j++)
				buf_printf(b, "%%%02X", (unsigned char)s[i + j]);
		i += k;
	}
}

/* Links are absolute when the site says where it lives; relative to the
 * feed (at the site's root) otherwise. */
static void put_link(struct buf *b, const struct site *s, const char *path)
{
	if (s->base_url)
		markup_text(b, s->base_url, strlen(s->base_url));
	markup_text(b, path, strlen(path));
}

void atom_feed(struct buf *out, const struct site *s, const struct val *strings)
{
	const char *changes = val_text(val_get(strings, "changes"));
	struct buf path = BUF_INIT;
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (s->language) {
		buf_puts(out, " xml:lang=\"");
		markup_texts(out, s->language);
		buf_putc(out, '"');
	}
	buf_puts(out, ">\n<title>");
	markup_texts(out, s->title);
	buf_puts(out, " · ");
	markup_texts(out, changes ? changes : "更新记录");
	buf_puts(out, "</title>\n<id>");
	if (s->base_url) {
		put_link(out, s, "changes.xml");
	} else {
		buf_puts(out, "urn:gongkai:changes:");
		put_urn_part(out, s->title);
	}
	buf_puts(out, "</id>\n<link rel=\"self\" href=\"");
	put_link(out, s, "changes.xml");
	buf_puts(out, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_link(out, s, "changes/");
	buf_puts(out, "\"/>\n<updated>");
	put_date(out, s->nlog ? s->log[0].date : s->built ? s->built : date_from_ymd(1970, 1, 1));
	buf_puts(out, "</updated>\n<author><name>");
	markup_texts(out, s->title);
	buf_puts(out, "</name></author>\n");
	if (s->has_history) /* the commit the site was built from */
		buf_printf(out, "<subtitle>构建自提交 %.40s%s</subtitle>\n", s->commit,
			   s->dirty ? "（含尚未提交的修改）" : "");
	for (size_t i = 0; i < s->nlog && i < ATOM_MAX_ENTRIES; i++) {
		const struct change *c = &s->log[i];
		buf_clear(&path);
		if (c->plan)
			buf_printf(&path, "plans/%s/#history", c->plan->slug);
		else
			buf_printf(&path, "changes/#c-%.12s", c->commit);
		buf_puts(out, "<entry>\n<title>");
		if (c->plan) {
			markup_texts(out, c->plan->title);
			buf_puts(out, "：");
		}
		markup_texts(out, c->note);
		buf_puts(out, "</title>\n<id>urn:git:");
		buf_puts(out, c->commit);
		if (c->plan) {
			buf_putc(out, ':');
			put_urn_part(out, c->plan->slug);
		}
		buf_puts(out, "</id>\n<link href=\"");
		put_link(out, s, path.ptr);
		buf_puts(out, "\"/>\n<updated>");
		put_date(out, c->date);
		buf_puts(out, "</updated>\n<summary>");
		markup_texts(out, c->note);
		buf_printf(out, "（提交 %.12s）</summary>\n</entry>\n", c->commit);
	}
	buf_puts(out, "</feed>\n");
	buf_free(&path);
}
