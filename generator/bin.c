#include "bin.h"
#include "buf.h"

#include <string.h>

void bin_u8(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(unsigned char)v);
}

void bin_u32(struct buf *b, uint32_t v)
{
	char c[4];
	for (int i = 0; i < 4; i++)
		c[i] = (char)(v >> (8 * i));
	buf_put(b, c, 4);
}

void bin_u64(struct buf *b, uint64_t v)
{
	char c[8];
	for (int i = 0; i < 8; i++)
		c[i] = (char)(v >> (8 * i));
	buf_put(b, c, 8);
}

void bin_str(struct buf *b, const char *s)
{
	if (!s) {
		bin_u32(b, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	bin_u32(b, (uint32_t)n);
	buf_put(b, s, n + 1); /* with its NUL, so that a reader can point at it */
}

void bin_bytes(struct buf *b, const void *p, size_t n)
{
	buf_put(b, p, n);
}

void rbin_init(struct rbin *r, const void *data, size_t len)
{
	r->p = data;
	r->end = r->p + len;
	r->bad = 0;
}

static int need(struct rbin *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return 0;
	}
	return 1;
}

unsigned rbin_u8(struct rbin *r)
{
	return need(r, 1) ? *r->p++ : 0;
}

uint32_t rbin_u32(struct rbin *r)
{
	uint32_t v = 0;
	if (!need(r, 4))
		return 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)r->p[i] << (8 * i);
	r->p += 4;
	return v;
}

uint64_t rbin_u64(struct rbin *r)
{
	uint64_t v = 0;
	if (!need(r, 8))
		return 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

uint32_t rbin_count(struct rbin *r, size_t min_size)
{
	uint32_t n = rbin_u32(r);
	if (!r->bad && min_size && n > (size_t)(r->end - r->p) / min_size)
		r->bad = 1;
	return r->bad ? 0 : n;
}

const char *rbin_cstr(struct rbin *r)
{
	uint32_t n = rbin_u32(r);
	if (r->bad || n == UINT32_MAX)
		return NULL;
	if (n == UINT32_MAX - 1 || !need(r, (size_t)n + 1))
		return NULL;
	const char *s = (const char *)r->p;
	if (memchr(s, '\0', n) || s[n] != '\0') {
		r->bad = 1;
		return NULL;
	}
	r->p += (size_t)n + 1;
	return s;
}

char *rbin_str(struct rbin *r)
{
	const char *s = rbin_cstr(r);
	return s ? xstrdup(s) : NULL;
}

void rbin_bytes(struct rbin *r, void *out, size_t n)
{
	if (!need(r, n)) {
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}
