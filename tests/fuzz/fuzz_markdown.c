/* Markdown, as a page body is read: text checks, then the renderer with
 * its own rules (raw HTML shown as text, links checked, line breaks).
 * What comes out must hold no raw tag but the renderer's own, and no
 * href or src that the URL check refuses. */
#include "fuzz.h"

#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "text.h"
#include "url.h"

#include <stdio.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	md_init();
	return 0;
}

/* Every href="…" and src="…" of the HTML must pass the URL check once its
 * character references are read back. */
static void check_urls(const char *html)
{
	static const char *const attrs[] = { " href=\"", " src=\"" };
	for (size_t k = 0; k < 2; k++) {
		for (const char *p = strstr(html, attrs[k]); p; p = strstr(p + 1, attrs[k])) {
			const char *v = p + strlen(attrs[k]);
			const char *end = strchr(v, '"');
			FUZZ_ASSERT(end);
			struct buf u = BUF_INIT;
			for (const char *q = v; q < end; q++) {
				if (*q == '&' && strncmp(q, "&amp;", 5) == 0) {
					buf_putc(&u, '&');
					q += 4;
				} else if (*q == '&' && strncmp(q, "&#x27;", 6) == 0) {
					buf_putc(&u, '\'');
					q += 5;
				} else {
					buf_putc(&u, *q);
				}
			}
			/* cmark percent-encodes what it must; what is left must be
			 * an address the check allows, or empty */
			if (u.len && url_problem(u.ptr, u.len)) {
				fprintf(stderr, "unsafe URL in output: %s\n", u.ptr);
				abort();
			}
			buf_free(&u);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int shift = data[0] % 3;
	char *text = fuzz_text(data + 1, size - 1);
	size_t len = size - 1;
	struct diag d = DIAG_INIT;
	if (text_prepare(text, &len, "p.md", &d) == 0) {
		struct buf out = BUF_INIT;
		md_render(&out, text, len, "p.md", 3, shift, &d);
		FUZZ_ASSERT(!strstr(out.ptr, "<script") && !strstr(out.ptr, "<iframe"));
		check_urls(out.ptr);
		buf_free(&out);
	}
	diag_free(&d);
	free(text);
	return 0;
}
