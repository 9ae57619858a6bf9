#include "idx.h"
#include "buf.h"
#include "model.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#define PAIRING ((size_t)1 << (sizeof(size_t) * 8 - 2))

struct named {
	const char *text;
	size_t unit;
};

struct site_idx {
	struct strmap places; /* region id → i; pairing id → i | PAIRING */
	struct strmap units;  /* unit id → i */
	struct strmap names[2]; /* text → start in list[k]: [0] name or alias, [1] name or id */
	size_t *list[2];      /* unit indexes, one run per text */
	size_t *count[2];     /* per run start: its length */
};

struct plan_idx {
	struct strmap ids[IDX_KINDS];
	const struct region **regions; /* p->regions sorted by address, or NULL */
	size_t nregions;
};

static struct site_idx *site_idx(struct site *s)
{
	if (!s->idx)
		s->idx = xcalloc(1, sizeof(struct site_idx));
	return s->idx;
}

void idx_site_free(struct site *s)
{
	struct site_idx *x = s ? s->idx : NULL;
	if (!x)
		return;
	strmap_free(&x->places);
	strmap_free(&x->units);
	for (int k = 0; k < 2; k++) {
		strmap_free(&x->names[k]);
		free(x->list[k]);
		free(x->count[k]);
	}
	free(x);
	s->idx = NULL;
}

void idx_add_region(struct site *s, size_t i)
{
	const char *id = s->regions[i].id;
	strmap_add(&site_idx(s)->places, id, strlen(id), i);
}

void idx_add_pairing(struct site *s, size_t i)
{
	const char *id = s->pairings[i].id;
	strmap_add(&site_idx(s)->places, id, strlen(id), i | PAIRING);
}

void idx_add_unit(struct site *s, size_t i)
{
	const char *id = s->units[i].id;
	strmap_add(&site_idx(s)->units, id, strlen(id), i);
}

static size_t place(const struct site *s, const char *id)
{
	const struct site_idx *x = s->idx;
	return x ? strmap_get(&x->places, id, strlen(id)) : STRMAP_NONE;
}

struct region *idx_region(const struct site *s, const char *id)
{
	size_t k = place(s, id);
	return k == STRMAP_NONE || (k & PAIRING) ? NULL : &s->regions[k];
}

struct pairing *idx_pairing(const struct site *s, const char *id)
{
	size_t k = place(s, id);
	return k == STRMAP_NONE || !(k & PAIRING) ? NULL : &s->pairings[k & ~PAIRING];
}

struct unit *idx_unit(const struct site *s, const char *id)
{
	const struct site_idx *x = s->idx;
	size_t k = x ? strmap_get(&x->units, id, strlen(id)) : STRMAP_NONE;
	return k == STRMAP_NONE ? NULL : &s->units[k];
}

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->text, y->text);
	return c ? c : x->unit < y->unit ? -1 : x->unit > y->unit;
}

void idx_units_done(struct site *s)
{
	struct site_idx *x = site_idx(s);
	for (int k = 0; k < 2; k++) {
		size_t n = 0, cap = 0;
		struct named *v = NULL;
		for (size_t i = 0; i < s->nunits; i++) {
			const struct unit *u = &s->units[i];
			size_t m = k ? 2 : 1 + u->naliases;
			if (n + m > cap)
				v = xrealloc(v, (cap = (n + m) * 2) * sizeof(*v));
			v[n++] = (struct named){ u->name, i };
			if (k)
				v[n++] = (struct named){ u->id, i };
			for (size_t a = 0; !k && a < u->naliases; a++)
				v[n++] = (struct named){ u->aliases[a], i };
		}
		if (n > 1)
			qsort(v, n, sizeof(*v), named_cmp);
		x->list[k] = xmalloc((n + 1) * sizeof(size_t));
		x->count[k] = xcalloc(n + 1, sizeof(size_t));
		size_t out = 0, run = 0;
		for (size_t i = 0; i < n; i++) {
			if (i && strcmp(v[i].text, v[i - 1].text) == 0) {
				if (v[i].unit != v[i - 1].unit) { /* a name may also be an alias */
					x->list[k][out++] = v[i].unit;
					x->count[k][run]++;
				}
				continue;
			}
			run = out;
			strmap_set(&x->names[k], v[i].text, strlen(v[i].text), run);
			x->list[k][out++] = v[i].unit;
			x->count[k][run] = 1;
		}
		free(v);
	}
}

size_t idx_named(const struct site *s, const char *text, int full, const size_t **out)
{
	const struct site_idx *x = s->idx;
	size_t k = x && x->list[full] ? strmap_get(&x->names[full], text, strlen(text)) : STRMAP_NONE;
	*out = NULL;
	if (k == STRMAP_NONE)
		return 0;
	*out = &x->list[full][k];
	return x->count[full][k];
}

static struct plan_idx *plan_idx(struct plan *p)
{
	if (!p->idx)
		p->idx = xcalloc(1, sizeof(struct plan_idx));
	return p->idx;
}

void idx_plan_add(struct plan *p, enum idx_kind k, const char *id, size_t i)
{
	strmap_add(&plan_idx(p)->ids[k], id, strlen(id), i);
}

size_t idx_plan_get(const struct plan *p, enum idx_kind k, const char *id)
{
	const struct plan_idx *x = p->idx;
	return x ? strmap_get(&x->ids[k], id, strlen(id)) : STRMAP_NONE;
}

static int ptr_cmp(const void *a, const void *b)
{
	const void *x = *(const void *const *)a, *y = *(const void *const *)b;
	return x < y ? -1 : x > y;
}

int idx_plan_has_region(struct plan *p, const struct region *r)
{
	struct plan_idx *x = plan_idx(p);
	if (x->nregions != p->nregions || !x->regions) {
		free(x->regions);
		x->nregions = p->nregions;
		x->regions = xmalloc((p->nregions + 1) * sizeof(*x->regions));
		for (size_t i = 0; i < p->nregions; i++)
			x->regions[i] = p->regions[i];
		if (p->nregions > 1)
			qsort(x->regions, p->nregions, sizeof(*x->regions), ptr_cmp);
	}
	return bsearch(&r, x->regions, x->nregions, sizeof(*x->regions), ptr_cmp) != NULL;
}

void idx_plan_done(struct plan *p)
{
	struct plan_idx *x = p->idx;
	if (!x)
		return;
	for (int k = 0; k < IDX_KINDS; k++)
		strmap_free(&x->ids[k]);
	free(x->regions);
	free(x);
	p->idx = NULL;
}
