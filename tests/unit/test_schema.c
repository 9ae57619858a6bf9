/* The JSON Schema of schedule.yaml (layouts/schemas/) offers every header
 * word, meaning and row field gongkai knows, so that the editor completes
 * them and never underlines one. (tests/editor/schemas.py checks the other
 * way, that check accepts every word the schema does, and the fields of
 * every other file.) */
#include "test.h"
#include "header.h"

#include <stdio.h>
#include <stdlib.h>

static char text[1 << 20];

static int quoted(const char *s)
{
	char q[256];
	snprintf(q, sizeof q, "\"%s\"", s);
	return strstr(text, q) != NULL;
}

int main(void)
{
	FILE *f = fopen(GONGKAI_LAYOUTS "/schemas/schedule.schema.json", "rb");
	T_OK(f != NULL);
	if (!f)
		return t_done("schema");
	text[fread(text, 1, sizeof text - 1, f)] = '\0';
	fclose(f);
	size_t n;
	const struct header_word *w = header_words(&n);
	for (size_t i = 0; i < n; i++) {
		if (!quoted(w[i].word))
			printf("FAIL schedule.schema.json does not offer the header word %s\n", w[i].word);
		T_OK(quoted(w[i].word));
	}
	for (int m = 0; m < COL_NMEANINGS; m++) {
		const char *field = meaning_field((enum col_meaning)m);
		if (!quoted(meaning_name((enum col_meaning)m)) || (field && !quoted(field)))
			printf("FAIL schedule.schema.json does not offer the meaning %s (%s)\n",
			       meaning_name((enum col_meaning)m), field ? field : "");
		T_OK(quoted(meaning_name((enum col_meaning)m)));
		T_OK(!field || quoted(field));
	}
	return t_done("schema");
}
