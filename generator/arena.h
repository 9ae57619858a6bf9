/* arena: memory that lives as long as one build (or one page), freed at once.
 *
 * Allocations are zeroed and aligned for any type. An arena is not shared
 * between threads: each render worker has its own.
 *
 * Built with -DARENA_MALLOC (the asan target does this), every allocation is
 * its own malloc, so AddressSanitizer and valgrind see each one. */
#ifndef GONGKAI_ARENA_H
#define GONGKAI_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);

void *arena_alloc(struct arena *a, size_t n);
/* Grow an allocation of old_n bytes to new_n bytes (copies; the old block stays until the arena is freed). */
void *arena_realloc(struct arena *a, void *p, size_t old_n, size_t new_n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Move everything allocated in src into dst, which frees it with its own;
 * src is freed. For threads that each filled an arena of their own. */
void arena_adopt(struct arena *dst, struct arena *src);

/* Bytes handed out so far (for the benchmark's memory report). */
size_t arena_used(const struct arena *a);

#endif
