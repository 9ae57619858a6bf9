/* Front matter: split, then the YAML part parsed as plan.md's is. */
#include "fuzz.h"

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "value.h"
#include "yml.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct fm fm;
	int r = fm_split(&fm, text, size);
	if (r == FM_OK || r == FM_UNCLOSED) {
		FUZZ_ASSERT(fm.yaml >= text && fm.yaml + fm.ylen <= text + size);
	}
	if (r == FM_OK || r == FM_NONE) {
		FUZZ_ASSERT(fm.body >= text && fm.body + fm.blen == text + size);
	}
	if (r == FM_OK) {
		struct arena *a = arena_new();
		struct diag d = DIAG_INIT;
		struct val *v;
		if (yml_parse(&v, a, &d, "plan.md", fm.yaml, fm.ylen, fm.yaml_line0) == 0) {
			FUZZ_ASSERT(v != NULL);
		} else {
			FUZZ_ASSERT(d.errors > 0);
		}
		diag_free(&d);
		arena_free(a);
	}
	free(text);
	return 0;
}
