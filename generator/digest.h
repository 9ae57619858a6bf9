/* digest: SHA-1 (on nettle, which uses the processor's SHA instructions
 * where it has them): git's blob ids, and the digests the build cache
 * compares.
 *
 * A blob id is what `git hash-object` prints for the same bytes: the site's
 * manifest lists one per file, and the build cache names every input and
 * output by it. A digest (struct dg) sums up what an output is made from:
 * values are added with their lengths, so that ("ab", "c") and ("a", "bc")
 * never give the same digest. */
#ifndef GONGKAI_DIGEST_H
#define GONGKAI_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include <nettle/sha1.h>

#define DIGEST_LEN 20

struct digest {
	unsigned char b[DIGEST_LEN];
};

/* The git blob id of len bytes of data. */
void blob_id(struct digest *out, const void *data, size_t len);
/* 40 lower-case hex digits and a NUL. */
void digest_hex(const struct digest *d, char out[41]);
/* Parse 40 hex digits; returns 0, or -1 if s is not that. */
int digest_parse(struct digest *d, const char *s);
int digest_eq(const struct digest *a, const struct digest *b);
int digest_is_zero(const struct digest *d);

struct dg {
	struct sha1_ctx c;
};

void dg_init(struct dg *g);
void dg_bytes(struct dg *g, const void *p, size_t n);
/* A string with its length; NULL is told apart from "". */
void dg_str(struct dg *g, const char *s);
void dg_u64(struct dg *g, uint64_t v);
void dg_digest(struct dg *g, const struct digest *d);
void dg_final(struct dg *g, struct digest *out);

#endif
