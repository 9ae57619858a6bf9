#include "value.h"
#include "arena.h"
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Open addressing over the pairs of one map: slot = 1 + pair index, 0 empty. */
struct val_index {
	uint32_t *slots;
	size_t cap; /* a power of two, at least twice the pairs */
};

static uint32_t key_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t index_slot(const struct val *map, const char *key, size_t n)
{
	const struct val_index *x = map->idx;
	size_t i = key_hash(key, n) & (x->cap - 1);
	while (x->slots[i]) {
		const struct val *k = map->pairs[x->slots[i] - 1].key;
		if (k->n == n && memcmp(k->s, key, n) == 0)
			break;
		i = (i + 1) & (x->cap - 1);
	}
	return i;
}

/* Index pair i of map (the first of equal keys stays). */
static void index_put(struct val *map, size_t i)
{
	const struct val *k = map->pairs[i].key;
	size_t s = index_slot(map, k->s, k->n);
	if (!map->idx->slots[s])
		map->idx->slots[s] = (uint32_t)(i + 1);
}

static void index_build(struct arena *a, struct val *map, size_t cap)
{
	struct val_index *x = map->idx ? map->idx : arena_alloc(a, sizeof(*x));
	x->slots = arena_alloc(a, cap * sizeof(*x->slots));
	x->cap = cap;
	map->idx = x;
	for (size_t i = 0; i < map->len; i++)
		index_put(map, i);
}

struct val *val_new(struct arena *a, enum val_kind kind)
{
	struct val *v = arena_alloc(a, sizeof(*v));
	v->kind = kind;
	return v;
}

struct val *val_null(struct arena *a)
{
	return val_new(a, VAL_NULL);
}

struct val *val_bool(struct arena *a, int b)
{
	struct val *v = val_new(a, VAL_BOOL);
	v->b = b ? 1 : 0;
	return v;
}

struct val *val_str_ref(struct arena *a, const char *s, size_t n)
{
	struct val *v = val_new(a, VAL_STR);
	v->s = s;
	v->n = n;
	return v;
}

struct val *val_strn(struct arena *a, const char *s, size_t n)
{
	return val_str_ref(a, arena_strndup(a, s, n), n);
}

struct val *val_str(struct arena *a, const char *s)
{
	return val_strn(a, s, strlen(s));
}

struct val *val_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	struct val *v = val_strn(a, b.ptr, b.len);
	buf_free(&b);
	return v;
}

struct val *val_list(struct arena *a)
{
	return val_new(a, VAL_LIST);
}

struct val *val_map(struct arena *a)
{
	return val_new(a, VAL_MAP);
}

void val_push(struct arena *a, struct val *list, struct val *item)
{
	if (list->len == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 4;
		list->items = arena_realloc(a, list->items,
					    list->cap * sizeof(*list->items),
					    cap * sizeof(*list->items));
		list->cap = cap;
	}
	list->items[list->len++] = item;
}

void val_set_node(struct arena *a, struct val *map, struct val *key, struct val *v)
{
	if (map->len == map->cap) {
		size_t cap = map->cap ? map->cap * 2 : 4;
		map->pairs = arena_realloc(a, map->pairs,
					   map->cap * sizeof(*map->pairs),
					   cap * sizeof(*map->pairs));
		map->cap = cap;
	}
	map->pairs[map->len].key = key;
	map->pairs[map->len].v = v;
	map->len++;
	if (map->idx && map->len * 2 <= map->idx->cap)
		index_put(map, map->len - 1);
	else if (map->len > VAL_INDEX_MIN || map->idx)
		index_build(a, map, map->idx ? map->idx->cap * 2 : 4 * VAL_INDEX_MIN);
}

void val_set(struct arena *a, struct val *map, const char *key, struct val *v)
{
	/* Keys are almost always string literals: borrow them. */
	val_set_node(a, map, val_str_ref(a, key, strlen(key)), v);
}

void val_set_str(struct arena *a, struct val *map, const char *key, const char *s)
{
	val_set(a, map, key, s ? val_str(a, s) : val_null(a));
}

void val_set_bool(struct arena *a, struct val *map, const char *key, int b)
{
	val_set(a, map, key, val_bool(a, b));
}

void val_set_int(struct arena *a, struct val *map, const char *key, long long n)
{
	val_set(a, map, key, val_printf(a, "%lld", n));
}

static struct val_pair *find(const struct val *map, const char *key, size_t n)
{
	if (!map || map->kind != VAL_MAP)
		return NULL;
	if (map->idx) {
		uint32_t k = map->idx->slots[index_slot(map, key, n)];
		return k ? &map->pairs[k - 1] : NULL;
	}
	for (size_t i = 0; i < map->len; i++) {
		const struct val *k = map->pairs[i].key;
		if (k->n == n && memcmp(k->s, key, n) == 0)
			return &map->pairs[i];
	}
	return NULL;
}

struct val *val_getn(const struct val *map, const char *key, size_t n)
{
	struct val_pair *p = find(map, key, n);
	return p ? p->v : NULL;
}

struct val *val_get(const struct val *map, const char *key)
{
	return val_getn(map, key, strlen(key));
}

struct val *val_get_key(const struct val *map, const char *key)
{
	struct val_pair *p = find(map, key, strlen(key));
	return p ? p->key : NULL;
}

const char *val_text(const struct val *v)
{
	return v && v->kind == VAL_STR ? v->s : NULL;
}

int val_is_empty(const struct val *v)
{
	if (!v)
		return 1;
	switch (v->kind) {
	case VAL_NULL: return 1;
	case VAL_BOOL: return !v->b;
	case VAL_STR: return v->n == 0;
	case VAL_LIST: return v->len == 0;
	case VAL_MAP: return 0;
	}
	return 1;
}
