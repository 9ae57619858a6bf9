/* fuzz.h: what the fuzz targets share.
 *
 * Each tests/fuzz/fuzz_<name>.c defines LLVMFuzzerTestOneInput. Built with
 * clang and -fsanitize=fuzzer it is a libFuzzer target (`make fuzz`);
 * built with the normal compiler and replay.c it replays the corpus
 * tests/fuzz/<name>/ and every crash once found (`make test`). */
#ifndef GONGKAI_FUZZ_H
#define GONGKAI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (malloc'd). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Split off the next part of the input at a NUL byte (or the end). */
static inline const uint8_t *fuzz_part(const uint8_t **data, size_t *size, size_t *len)
{
	const uint8_t *start = *data;
	const uint8_t *z = memchr(start, 0, *size);
	*len = z ? (size_t)(z - start) : *size;
	*data += *len + (z ? 1 : 0);
	*size -= *len + (z ? 1 : 0);
	return start;
}

/* Stop when a check of the target fails: libFuzzer saves the input. */
#define FUZZ_ASSERT(cond)                                                   \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                            \
		}                                                           \
	} while (0)

#endif
