/* YAML to a value tree: as content files are read (text checks first),
 * then the tree walked in full, aliases and all, as loaders do. */
#include "fuzz.h"

#include "arena.h"
#include "diag.h"
#include "text.h"
#include "value.h"
#include "yml.h"

#include <stdio.h>

/* Visit every node, aliases in full, counting; the count must be what the
 * parser says the tree stands for. */
static size_t walk(const struct val *v, int depth)
{
	size_t n = 1;
	FUZZ_ASSERT(depth <= YML_MAX_DEPTH + 1);
	if (v->kind == VAL_STR)
		FUZZ_ASSERT(v->s && strlen(v->s) <= v->n);
	if (v->kind == VAL_LIST)
		for (size_t i = 0; i < v->len; i++)
			n += walk(v->items[i], depth + 1);
	if (v->kind == VAL_MAP)
		for (size_t i = 0; i < v->len; i++) {
			const struct val *k = v->pairs[i].key;
			FUZZ_ASSERT(k->kind == VAL_STR);
			/* the index finds the first pair of a key */
			const struct val *got = val_getn(v, k->s, k->n);
			size_t first = 0;
			while (first < i && !(v->pairs[first].key->n == k->n &&
					      memcmp(v->pairs[first].key->s, k->s, k->n) == 0))
				first++;
			FUZZ_ASSERT(got == v->pairs[first].v);
			n += 1 + walk(v->pairs[i].v, depth + 1);
		}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	size_t len = size;
	struct diag d = DIAG_INIT;
	if (text_prepare(text, &len, "f.yaml", &d) == 0) {
		struct arena *a = arena_new();
		struct val *v;
		if (yml_parse(&v, a, &d, "f.yaml", text, len, 0) == 0) {
			size_t n = walk(v, 0);
			if (v->nodes)
				FUZZ_ASSERT(n == v->nodes);
			FUZZ_ASSERT(n <= 2 * len + YML_MAX_EXPANDED + 2);
		} else {
			FUZZ_ASSERT(d.errors > 0);
		}
		arena_free(a);
	} else {
		FUZZ_ASSERT(d.errors > 0);
	}
	diag_free(&d);
	free(text);
	return 0;
}
