/* placeholder: template text left in content (see placeholder.h). */
#include "placeholder.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

#include <string.h>

/* A line whose first non-blank character is '#' is a YAML comment in a
 * .yaml file and in a Markdown file's front matter; in the Markdown body
 * it is a heading, which is published. */
static int is_comment(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < n && line[i] == '#';
}

static int is_fence(const char *line, size_t n)
{
	while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
		n--;
	return (n == 3 && (memcmp(line, "---", 3) == 0 || memcmp(line, "...", 3) == 0));
}

static size_t indent(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	return i;
}

/* A YAML line whose value is a block scalar ("text: |-", "- >"): the more
 * indented lines after it are text, even those that start with '#'. */
static int starts_block(const char *line, size_t n)
{
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\r'))
		n--;
	/* Back over the indicators: |, >, then - + and a digit, in any order. */
	size_t k = n;
	while (k && (line[k - 1] == '-' || line[k - 1] == '+' || (line[k - 1] >= '1' && line[k - 1] <= '9')))
		k--;
	if (!k || (line[k - 1] != '|' && line[k - 1] != '>'))
		return 0;
	k--;
	if (k == 0)
		return 1;
	return line[k - 1] == ' ' && k >= 2 && (line[k - 2] == ':' || line[k - 2] == '-' || line[k - 2] == ' ');
}

void placeholder_scan(struct diag *d, const char *path, const char *text, size_t len)
{
	const size_t mlen = sizeof(PLACEHOLDER_MARK) - 1;
	size_t plen = strlen(path);
	int md = plen > 3 && strcmp(path + plen - 3, ".md") == 0;
	int yaml = !md; /* in YAML: the whole of a .yaml file, a .md file's front matter */
	long block = -1; /* in a block scalar: the indentation of the line that opened it */
	unsigned line = 1;

	/* Quick exit: most files hold no mark at all. */
	if (!memmem(text, len, PLACEHOLDER_MARK, mlen))
		return;
	for (size_t pos = 0; pos < len; line++) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		size_t ind = indent(s, n);
		int blank = ind == n || (ind + 1 == n && s[ind] == '\r');
		if (block >= 0 && !blank && (long)ind <= block)
			block = -1;
		int text_line = block >= 0;
		if (yaml && !text_line && !is_comment(s, n) && starts_block(s, n))
			block = (long)ind;
		if (md && line == 1 && is_fence(s, n) && n >= 3 && s[0] == '-')
			yaml = 1;
		else if (md && yaml && !text_line && line > 1 && is_fence(s, n))
			yaml = 0;
		else if (text_line || !(yaml && is_comment(s, n))) {
			const char *m = memmem(s, n, PLACEHOLDER_MARK, mlen);
			if (m) {
				/* Quote the line from the mark, cut to a readable length. */
				struct buf q = BUF_INIT;
				size_t rest = n - (size_t)(m - s), taken = 0, chars = 0;
				while (taken < rest && chars < 24) {
					unsigned cp;
					taken += utf8_decode(m + taken, rest - taken, &cp);
					chars++;
				}
				buf_put(&q, m, taken);
				if (taken < rest)
					buf_puts(&q, "……");
				diag_add(d, DIAG_WARNING, path, line,
					 (unsigned)utf8_count(s, (size_t)(m - s)) + 1,
					 "照原文改写这一处，改好后删掉“" PLACEHOLDER_MARK "”和说明文字",
					 "这里还是模板文字：“%s”", q.ptr);
				buf_free(&q);
			}
		}
		pos += n + (nl ? 1 : 0);
	}
}
