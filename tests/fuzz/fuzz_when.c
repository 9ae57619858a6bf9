/* Planned times: any text, any year content may name. */
#include "fuzz.h"

#include "buf.h"
#include "date.h"
#include "when.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int year = DATE_MIN_YEAR + (data[0] | data[1] << 8) % (DATE_MAX_YEAR - DATE_MIN_YEAR + 1);
	char *text = fuzz_text(data + 2, size - 2);
	struct when w;
	int r = when_parse(&w, text, size - 2, year);
	FUZZ_ASSERT(w.nspans >= 0 && w.nspans <= WHEN_MAX_SPANS);
	if (r != 0)
		FUZZ_ASSERT(w.kind == WHEN_UNSCHEDULED && w.unreadable);
	for (int i = 0; i < w.nspans; i++)
		FUZZ_ASSERT(w.spans[i].start <= w.spans[i].end);
	if (w.nspans)
		FUZZ_ASSERT(when_first(&w) <= when_last(&w));
	struct buf b = BUF_INIT;
	when_describe(&b, &w);
	buf_free(&b);
	free(text);
	return 0;
}
