/* search: the site's search index, for a script in the browser (no
 * server, no framework; layouts/assets/search.js).
 *
 * Chinese has no spaces, so the index does not guess words. Every
 * document (a plan, a key task, an activity, an indicator, a unit, a
 * region, a free page) is cut into every single character and every pair
 * of neighbouring characters (after folding ASCII case and full-width
 * forms, see docs/data.md): a query of one or two characters is answered
 * exactly by one posting list, a longer one by intersecting the lists of
 * its pairs and checking the candidates against the stored text. Nothing
 * that contains the query is missed, whatever its segmentation.
 *
 * Files, under search/:
 *   meta.json       sizes, the kinds of document, where each shard and
 *                   block lies
 *   index-<n>.bin   the posting lists, in shards (by hash of the key),
 *                   packed into files of at most 4 MB
 *   text-<n>.bin    the documents (title, kind, address, plan, year,
 *                   text), one JSON array a line, in blocks, packed
 *                   likewise
 * A query fetches the shards of its own characters and the blocks of the
 * results it shows, each by an HTTP range request: a few files on disk,
 * and still only the bytes a query needs over the wire.
 * The formats are in docs/data.md; search.js reads them. */
#ifndef GONGKAI_SEARCH_H
#define GONGKAI_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct diag;
struct plan;
struct site;
struct val;

/* The text of a plan as HTML (the loader keeps none: build.c reads it
 * again), or NULL: plans are indexed without their text. */
struct search_text {
	int (*plan_text)(void *u, const struct plan *p, struct buf *out, struct diag *d);
	void *u;
};

/* Where the index's files go: emit is called once per file, in a fixed
 * order, from the calling thread. Returns 0, or -1 with *err (malloc'd). */
struct search_out {
	int (*emit)(void *ctx, const char *path, const char *data, size_t len, char **err);
	void *ctx;
};

struct search_stats {
	size_t docs;          /* documents */
	size_t keys;          /* distinct characters and pairs */
	size_t shards;        /* posting shards */
	size_t blocks;        /* document blocks */
	size_t files;         /* files written: packs and meta.json */
	size_t index_bytes;   /* all posting packs */
	size_t store_bytes;   /* all document packs */
};

#define SEARCH_DIR "search/"

/* The hash of a key (one character: b == 0), as search.js computes it. */
uint32_t search_hash(uint32_t a, uint32_t b);

/* Build and write the index. Returns 0, or -1 with *err from emit. */
int search_write(const struct site *s, const struct val *strings, const struct search_text *text,
		 const struct search_out *o, struct search_stats *st, char **err);

#endif
