/* Mustache: templates parsed and rendered with data, as layouts are.
 *
 * The input is parts split at NUL bytes: the first byte of the first part
 * chooses strict mode; the rest of it is the data, as YAML; the next part
 * is the template "main", and each further part a template named "a",
 * "b", … that main and each other may include. */
#include "fuzz.h"

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "template.h"
#include "value.h"
#include "view.h"
#include "yml.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	if (!size)
		return 0;
	unsigned flags = data[0] & 1 ? TPL_STRICT : 0;
	data++;
	size--;
	const uint8_t *yaml = fuzz_part(&data, &size, &len);
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT;
	struct val *root = NULL;
	char *ytext = fuzz_text(yaml, len);
	if (yml_parse(&root, a, &d, "data.yaml", ytext, len, 0) != 0)
		root = val_map(a);
	free(ytext);

	struct tpl_set *set = tpl_set_new();
	char name[2] = "a";
	for (int i = 0; size || i == 0; i++) {
		const uint8_t *t = fuzz_part(&data, &size, &len);
		if (i > 26)
			break;
		tpl_set_add(set, i ? name : "main", NULL, (const char *)t, len, &d);
		if (i)
			name[0]++;
	}
	tpl_set_check(set, &d);
	struct buf out = BUF_INIT;
	size_t errors = d.errors;
	int r = tpl_render(&out, set, "main", &view_data, root, flags, &d);
	FUZZ_ASSERT(r == 0 || d.errors > errors);
	FUZZ_ASSERT(out.len <= TPL_MAX_OUTPUT + ((size_t)64 << 20));
	buf_free(&out);
	tpl_set_free(set);
	diag_free(&d);
	arena_free(a);
	return 0;
}
