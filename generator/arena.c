#include "arena.h"
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_CHUNK (64 * 1024)

struct chunk {
	struct chunk *next; /* older chunk */
	size_t size;        /* usable bytes after the header */
	size_t used;        /* bytes handed out */
	max_align_t data[]; /* the bytes themselves */
};

struct arena {
	struct chunk *head; /* newest chunk, where allocation happens */
	size_t total;       /* bytes handed out, all chunks */
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

static struct chunk *chunk_new(size_t size, struct chunk *next)
{
	struct chunk *c = xmalloc(sizeof(*c) + size);
	c->next = next;
	c->size = size;
	c->used = 0;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	a->total += n;
#ifdef ARENA_MALLOC
	/* One chunk per allocation: the sanitizers see every block's bounds. */
	a->head = chunk_new(n, a->head);
	a->head->used = n;
	memset(a->head->data, 0, n);
	return a->head->data;
#else
	struct chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		if (n > ARENA_CHUNK / 4) {
			/* A big block gets its own chunk, kept behind the current one
			 * so that the space left in the current one is not wasted. */
			struct chunk *big = chunk_new(n, c ? c->next : NULL);
			if (c)
				c->next = big;
			else
				a->head = big;
			big->used = n;
			memset(big->data, 0, n);
			return big->data;
		}
		c = a->head = chunk_new(ARENA_CHUNK, a->head);
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
#endif
}

void *arena_realloc(struct arena *a, void *p, size_t old_n, size_t new_n)
{
	if (new_n <= old_n)
		return p;
	void *q = arena_alloc(a, new_n);
	if (old_n)
		memcpy(q, p, old_n);
	return q;
}

/* Like arena_alloc, without zeroing: for bytes about to be overwritten. */
static void *arena_alloc_raw(struct arena *a, size_t n)
{
#ifdef ARENA_MALLOC
	return arena_alloc(a, n);
#else
	size_t r = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct chunk *c = a->head;
	if (r == 0 || !c || c->size - c->used < r)
		return arena_alloc(a, n);
	void *p = (char *)c->data + c->used;
	c->used += r;
	a->total += r;
	return p;
#endif
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc_raw(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_adopt(struct arena *dst, struct arena *src)
{
	struct chunk *last = src->head;
	if (last) {
		while (last->next)
			last = last->next;
		/* behind dst's current chunk, which stays where allocation happens */
		if (dst->head) {
			last->next = dst->head->next;
			dst->head->next = src->head;
		} else {
			dst->head = src->head;
		}
	}
	dst->total += src->total;
	free(src);
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}
