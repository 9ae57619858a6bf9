/* value: the tree that content files are loaded into and that pages are
 * rendered from.
 *
 * A node is null, a boolean, a string, a list or a map. Every node knows the
 * file, line and column it came from (0 for nodes the generator builds), so
 * that any figure on the site can be traced back to a line of a file.
 * Nodes live in an arena; nothing here is freed on its own. Map keys keep
 * their order. */
#ifndef GONGKAI_VALUE_H
#define GONGKAI_VALUE_H

#include <stddef.h>

struct arena;
struct val_index;

enum val_kind {
	VAL_NULL,
	VAL_BOOL,
	VAL_STR,
	VAL_LIST,
	VAL_MAP,
};

struct val_pair {
	struct val *key; /* always a VAL_STR */
	struct val *v;   /* the value */
};

struct val {
	enum val_kind kind;
	unsigned char plain;    /* VAL_STR: written without quotes in YAML */
	unsigned char comment;  /* a plain scalar followed by " #…" on its line: the rest
				   of the line was read as a comment (fields.c warns for texts) */
	unsigned char b;        /* VAL_BOOL: 0 or 1 */
	unsigned line, col;     /* 1-based source position; 0 if generated */
	const char *file;       /* source path (borrowed), or NULL */
	const char *s;          /* VAL_STR: UTF-8, NUL-terminated */
	size_t n;               /* VAL_STR: length in bytes */
	size_t len;             /* VAL_LIST: items; VAL_MAP: pairs */
	size_t cap;             /* allocated slots */
	struct val **items;     /* VAL_LIST */
	struct val_pair *pairs; /* VAL_MAP */
	struct val_index *idx;  /* VAL_MAP of more than VAL_INDEX_MIN keys: a hash
				   index, so that lookups stay O(1) in big maps */
	size_t nodes;           /* nodes in this subtree, aliases counted in full
				   (yml.c; 0 for generated nodes) */
};

#define VAL_INDEX_MIN 16

struct val *val_new(struct arena *a, enum val_kind kind);
struct val *val_null(struct arena *a);
struct val *val_bool(struct arena *a, int b);
/* A string node; the text is copied into the arena. */
struct val *val_strn(struct arena *a, const char *s, size_t n);
struct val *val_str(struct arena *a, const char *s);
/* A string node that borrows s (which must outlive the tree). */
struct val *val_str_ref(struct arena *a, const char *s, size_t n);
struct val *val_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct val *val_list(struct arena *a);
struct val *val_map(struct arena *a);

void val_push(struct arena *a, struct val *list, struct val *item);
/* Append key: v to a map (no check for an existing key; lookups find the
 * first). A map that grows past VAL_INDEX_MIN keys gets a hash index. */
void val_set(struct arena *a, struct val *map, const char *key, struct val *v);
void val_set_node(struct arena *a, struct val *map, struct val *key, struct val *v);
/* Shorthands for building views. */
void val_set_str(struct arena *a, struct val *map, const char *key, const char *s);
void val_set_bool(struct arena *a, struct val *map, const char *key, int b);
void val_set_int(struct arena *a, struct val *map, const char *key, long long n);

/* The value under key, or NULL if map is not a map or has no such key. */
struct val *val_get(const struct val *map, const char *key);
struct val *val_getn(const struct val *map, const char *key, size_t n);
/* The key node of a pair (for positions), or NULL. */
struct val *val_get_key(const struct val *map, const char *key);

/* The text of a string node, or NULL for anything else. */
const char *val_text(const struct val *v);
/* Nonzero for null, false, "", an empty list. */
int val_is_empty(const struct val *v);

#endif
