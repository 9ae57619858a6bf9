#include "frontmatter.h"

#include <string.h>

/* Length of the line starting at s (without its end), and of its end. */
static size_t line_len(const char *s, size_t n, size_t *eol)
{
	size_t i = 0;
	while (i < n && s[i] != '\n')
		i++;
	*eol = i < n ? 1 : 0;
	if (i > 0 && s[i - 1] == '\r') {
		i--;
		(*eol)++;
	}
	return i;
}

static int is_fence(const char *s, size_t n, int closing)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return (n == 3 && memcmp(s, "---", 3) == 0) ||
	       (closing && n == 3 && memcmp(s, "...", 3) == 0);
}

int fm_split(struct fm *out, const char *text, size_t len)
{
	size_t pos = 0, eol, n;
	unsigned line = 1;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	n = line_len(text + pos, len - pos, &eol);
	if (!is_fence(text + pos, n, 0)) {
		out->body = text + pos;
		out->blen = len - pos;
		return FM_NONE;
	}
	pos += n + eol;
	out->yaml = text + pos;
	out->yaml_line0 = 1;
	while (pos < len) {
		size_t start = pos;
		n = line_len(text + pos, len - pos, &eol);
		line++;
		pos += n + eol;
		if (is_fence(text + start, n, 1)) {
			out->ylen = (size_t)(text + start - out->yaml);
			out->body = text + pos;
			out->blen = len - pos;
			out->body_line0 = line;
			return FM_OK;
		}
	}
	out->ylen = 0;
	return FM_UNCLOSED;
}
