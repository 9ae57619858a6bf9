/* bin: the byte formats of the build cache's files — little-endian
 * integers and length-prefixed strings written to a buf, and a reader
 * that never reads past the end: a damaged or truncated cache file reads
 * as bad (and the build starts afresh), never as a crash. */
#ifndef GONGKAI_BIN_H
#define GONGKAI_BIN_H

#include <stddef.h>
#include <stdint.h>

struct buf;

void bin_u8(struct buf *b, unsigned v);
void bin_u32(struct buf *b, uint32_t v);
void bin_u64(struct buf *b, uint64_t v);
/* A string (NULL is written apart from ""), or n raw bytes. */
void bin_str(struct buf *b, const char *s);
void bin_bytes(struct buf *b, const void *p, size_t n);

struct rbin {
	const unsigned char *p, *end;
	int bad;            /* set on reading past the end or a malformed value */
};

void rbin_init(struct rbin *r, const void *data, size_t len);
unsigned rbin_u8(struct rbin *r);
uint32_t rbin_u32(struct rbin *r);
uint64_t rbin_u64(struct rbin *r);
/* A count of things at least min_size bytes each: bad if the rest of the
 * data cannot hold that many. */
uint32_t rbin_count(struct rbin *r, size_t min_size);
/* A string: malloc'd, or NULL for a NULL string (and on error). */
char *rbin_str(struct rbin *r);
/* The same, pointing into the data (strings are written with their NUL). */
const char *rbin_cstr(struct rbin *r);
void rbin_bytes(struct rbin *r, void *out, size_t n);

#endif
