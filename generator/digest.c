#include "digest.h"

#include <stdio.h>
#include <string.h>

void blob_id(struct digest *out, const void *data, size_t len)
{
	struct sha1_ctx c;
	char head[32];
	int n = snprintf(head, sizeof(head), "blob %zu", len) + 1; /* with its NUL */
	sha1_init(&c);
	sha1_update(&c, (size_t)n, (const uint8_t *)head);
	sha1_update(&c, len, data);
	sha1_digest(&c, DIGEST_LEN, out->b);
}

void digest_hex(const struct digest *d, char out[41])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < DIGEST_LEN; i++) {
		out[2 * i] = hex[d->b[i] >> 4];
		out[2 * i + 1] = hex[d->b[i] & 15];
	}
	out[40] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int digest_parse(struct digest *d, const char *s)
{
	for (int i = 0; i < DIGEST_LEN; i++) {
		int hi = nibble(s[2 * i]), lo = hi < 0 ? -1 : nibble(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		d->b[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int digest_eq(const struct digest *a, const struct digest *b)
{
	return memcmp(a->b, b->b, DIGEST_LEN) == 0;
}

int digest_is_zero(const struct digest *d)
{
	static const struct digest zero;
	return digest_eq(d, &zero);
}

void dg_init(struct dg *g)
{
	sha1_init(&g->c);
}

void dg_bytes(struct dg *g, const void *p, size_t n)
{
	sha1_update(&g->c, n, p);
}

void dg_u64(struct dg *g, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	sha1_update(&g->c, 8, b);
}

void dg_str(struct dg *g, const char *s)
{
	if (!s) {
		dg_u64(g, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	dg_u64(g, n);
	sha1_update(&g->c, n, (const uint8_t *)s);
}

void dg_digest(struct dg *g, const struct digest *d)
{
	sha1_update(&g->c, DIGEST_LEN, d->b);
}

void dg_final(struct dg *g, struct digest *out)
{
	sha1_digest(&g->c, DIGEST_LEN, out->b);
}
