#include "atom.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "model.h"
#include "value.h"

#include <string.h>



static void put_date(struct buf *b, int day)
{
	date_put_iso(b, day);
	buf_puts(b, "T00:00:00Z");
}

/* Links are absolute when the site says where it lives; relative to the
 * feed (at the site's root) otherwise. */
static void put_link(struct buf *b, const struct site *s, const char *path)
{
	if (s->base_url)
		esc_xmls(b, s->base_url);
	esc_xmls(b, path);
}

void atom_feed(struct buf *out, const struct site *s, const struct val *strings)
{
	const char *changes = val_text(val_get(strings, "changes"));
	struct buf path = BUF_INIT;
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (s->language) {
		buf_puts(out, " xml:lang=\"");
		esc_xmls(out, s->language);
		buf_putc(out, '"');
	}
	buf_puts(out, ">\n<title>");
	esc_xmls(out, s->title);
	buf_puts(out, " · ");
	esc_xmls(out, changes ? changes : "更新记录");
	buf_puts(out, "</title>\n<id>");
	if (s->base_url) {
		put_link(out, s, "changes.xml");
	} else {
		buf_puts(out, "urn:gongkai:changes:");
		esc_xmls(out, s->title);
	}
	buf_puts(out, "</id>\n<link rel=\"self\" href=\"");
	put_link(out, s, "changes.xml");
	buf_puts(out, "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_link(out, s, "changes/");
	buf_puts(out, "\"/>\n<updated>");
	put_date(out, s->nlog ? s->log[0].date : s->built ? s->built : date_from_ymd(1970, 1, 1));
	buf_puts(out, "</updated>\n<author><name>");
	esc_xmls(out, s->title);
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
			esc_xmls(out, c->plan->title);
			buf_puts(out, "：");
		}
		esc_xmls(out, c->note);
		buf_puts(out, "</title>\n<id>urn:git:");
		buf_puts(out, c->commit);
		if (c->plan) {
			buf_putc(out, ':');
			esc_xmls(out, c->plan->slug);
		}
		buf_puts(out, "</id>\n<link href=\"");
		put_link(out, s, path.ptr);
		buf_puts(out, "\"/>\n<updated>");
		put_date(out, c->date);
		buf_puts(out, "</updated>\n<summary>");
		esc_xmls(out, c->note);
		buf_printf(out, "（提交 %.12s）</summary>\n</entry>\n", c->commit);
	}
	buf_puts(out, "</feed>\n");
	buf_free(&path);
}
