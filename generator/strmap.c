#include "strmap.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static struct strmap_slot *slot(const struct strmap *m, const void *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	for (;;) {
		struct strmap_slot *s = &m->s[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

size_t strmap_get(const struct strmap *m, const void *key, size_t len)
{
	if (!m->cap)
		return STRMAP_NONE;
	struct strmap_slot *s = slot(m, key, len, strmap_hash(key, len));
	return s->key ? s->val : STRMAP_NONE;
}

static struct strmap_slot *insert(struct strmap *m, const char *key, size_t len)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct strmap g = { xcalloc(cap, sizeof(struct strmap_slot)), cap, m->n };
		for (size_t i = 0; i < m->cap; i++)
			if (m->s[i].key)
				*slot(&g, m->s[i].key, m->s[i].len, m->s[i].hash) = m->s[i];
		free(m->s);
		*m = g;
	}
	uint64_t h = strmap_hash(key, len);
	struct strmap_slot *s = slot(m, key, len, h);
	if (!s->key) {
		s->key = key ? key : "";
		s->len = len;
		s->hash = h;
		s->val = STRMAP_NONE;
		m->n++;
	}
	return s;
}

void strmap_set(struct strmap *m, const char *key, size_t len, size_t val)
{
	insert(m, key, len)->val = val;
}

size_t strmap_add(struct strmap *m, const char *key, size_t len, size_t val)
{
	struct strmap_slot *s = insert(m, key, len);
	if (s->val == STRMAP_NONE)
		s->val = val;
	return s->val;
}

void strmap_free(struct strmap *m)
{
	free(m->s);
	memset(m, 0, sizeof(*m));
}
