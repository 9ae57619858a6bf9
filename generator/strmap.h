/* strmap: a hash map from byte strings to indexes.
 *
 * Open addressing with linear probing, FNV-1a hashes, grown at half full:
 * every lookup and insert is O(1) expected, so loaders that check ids for
 * duplicates or resolve references stay linear in the size of the content.
 * Keys are borrowed: they must outlive the map. */
#ifndef GONGKAI_STRMAP_H
#define GONGKAI_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#define STRMAP_NONE ((size_t)-1)

struct strmap_slot {
	const char *key; /* borrowed; NULL for an empty slot */
	size_t len;      /* bytes of key */
	uint64_t hash;   /* of key */
	size_t val;      /* the value (STRMAP_NONE: present but cleared) */
};

struct strmap {
	struct strmap_slot *s; /* cap slots, a power of two */
	size_t cap;
	size_t n;              /* slots in use */
};

#define STRMAP_INIT { 0 }

uint64_t strmap_hash(const void *key, size_t len);
/* The value of key, or STRMAP_NONE. */
size_t strmap_get(const struct strmap *m, const void *key, size_t len);
/* Set key (kept, not copied) to val, replacing an earlier value. */
void strmap_set(struct strmap *m, const char *key, size_t len, size_t val);
/* Set key to val only if it is not there yet; returns the value it has now. */
size_t strmap_add(struct strmap *m, const char *key, size_t len, size_t val);
void strmap_free(struct strmap *m);

#endif
