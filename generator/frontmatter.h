/* frontmatter: split a Markdown file into its YAML front matter and body.
 *
 *     ---
 *     title: …
 *     ---
 *     body
 *
 * The opening line must be the file's first ("---", after an optional
 * UTF-8 byte order mark); the closing line is "---" or "...". */
#ifndef GONGKAI_FRONTMATTER_H
#define GONGKAI_FRONTMATTER_H

#include <stddef.h>

struct fm {
	const char *yaml;   /* the YAML text, between the lines (borrowed) */
	size_t ylen;
	unsigned yaml_line0; /* lines before the YAML text (1) */
	const char *body;   /* the Markdown after the closing line (borrowed) */
	size_t blen;
	unsigned body_line0; /* lines before the body */
};

enum {
	FM_OK = 0,
	FM_NONE = 1,      /* the file does not start with "---" */
	FM_UNCLOSED = -1, /* no closing line */
};

int fm_split(struct fm *out, const char *text, size_t len);

#endif
