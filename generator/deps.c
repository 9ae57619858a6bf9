#include "deps.h"
#include "buf.h"
#include "history.h"
#include "inputs.h"
#include "layouts.h"
#include "model.h"
#include "template.h"

#include <stdlib.h>
#include <string.h>

struct deps_tpl {
	const char *name;
	struct digest d;
};

/* The files of the history under prefix: a run, as they are sorted by path. */
static size_t hist_under(const struct history *h, const char *prefix, size_t *first)
{
	size_t n = strlen(prefix), lo = 0, hi = h ? h->nfiles : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(h->files[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t k = lo;
	while (h && k < h->nfiles && strncmp(h->files[k].path, prefix, n) == 0)
		k++;
	return k - lo;
}

/* Does the input differ from the file at the commit built? */
static int input_dirty(const struct deps_ctx *c, const struct input *e)
{
	if (!c->worktree || !c->h || (e->kind != INPUT_FILE && e->kind != INPUT_ABSENT))
		return 0;
	const struct hist_file *f = history_file(c->h, e->path);
	int at_head = f && f->nevents && f->events[f->nevents - 1].kind != HIST_DELETED;
	if (e->kind == INPUT_ABSENT)
		return at_head;
	if (!at_head)
		return 1;
	char hex[41];
	digest_hex(&e->blob, hex);
	return strcmp(hex, f->events[f->nevents - 1].blob) != 0;
}

static int skipped(const char *path, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strncmp(path, *skip, strlen(*skip)) == 0)
			return 1;
	return 0;
}

/* Fold the inputs and the history under prefix (but not under any of
 * skip) into g, p->seq and p->dirty. */
static void add_files(const struct deps_ctx *c, struct dg *g, struct prov *p, const char *prefix,
		      const char *const *skip)
{
	size_t first, n = inputs_under(c->in, prefix, &first);
	for (size_t i = first; i < first + n; i++) {
		const struct input *e = &c->in->v[i];
		if (e->kind == INPUT_DIR || skipped(e->path, skip))
			continue;
		if (input_dirty(c, e))
			p->dirty = 1;
		if (e->kind != INPUT_FILE)
			continue;
		dg_str(g, e->path);
		dg_digest(g, &e->blob);
	}
	n = hist_under(c->h, prefix, &first);
	for (size_t i = first; i < first + n; i++) {
		const struct hist_file *f = &c->h->files[i];
		if (skipped(f->path, skip) || !f->nevents)
			continue;
		dg_str(g, f->path);
		for (size_t k = 0; k < f->nevents; k++) {
			const struct hist_event *ev = &f->events[k];
			dg_str(g, c->h->commits[ev->commit].id);
			dg_u64(g, (uint64_t)ev->kind);
			dg_str(g, ev->blob);
			dg_str(g, ev->old_path);
			dg_str(g, ev->note);
		}
		if (p->seq == DEPS_NONE || f->last > p->seq)
			p->seq = f->last;
	}
}

static void prov_files(const struct deps_ctx *c, struct prov *p, const char *prefix,
		       const char *const *skip)
{
	struct dg g;
	dg_init(&g);
	p->seq = DEPS_NONE;
	p->dirty = 0;
	add_files(c, &g, p, prefix, skip);
	dg_final(&g, &p->d);
}

/* ---- layouts ---- */

struct closure {
	const struct layouts *lay;
	char **names;      /* templates reached */
	size_t n, cap;
	int dyn;           /* a dynamic name: any template may be used */
};

static void reach(struct closure *cl, const char *name, size_t len);

static void on_ref(void *ctx, const char *ref, size_t n)
{
	reach(ctx, ref, n);
}

static void reach(struct closure *cl, const char *name, size_t len)
{
	for (size_t i = 0; i < cl->n; i++)
		if (strlen(cl->names[i]) == len && memcmp(cl->names[i], name, len) == 0)
			return;
	if (cl->n == cl->cap)
		cl->names = xrealloc(cl->names, (cl->cap = cl->cap ? cl->cap * 2 : 16) * sizeof(*cl->names));
	char *nm = xstrndup(name, len);
	cl->names[cl->n++] = nm;
	if (tpl_refs(cl->lay->set, nm, on_ref, cl) == 1)
		cl->dyn = 1;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void tpl_digest(const struct layouts *lay, const char *name, struct digest *out)
{
	struct closure cl = { lay, NULL, 0, 0, 0 };
	struct dg g;
	reach(&cl, name, strlen(name));
	if (cl.n > 1)
		qsort(cl.names, cl.n, sizeof(*cl.names), str_cmp);
	dg_init(&g);
	dg_digest(&g, &lay->strings_id);
	for (size_t i = 0; i < lay->nfiles; i++) {
		int used = cl.dyn;
		for (size_t k = 0; k < cl.n && !used; k++)
			used = strcmp(cl.names[k], lay->files[i].name) == 0;
		if (!used)
			continue;
		dg_str(&g, lay->files[i].name);
		dg_digest(&g, &lay->files[i].blob);
	}
	dg_final(&g, out);
	for (size_t i = 0; i < cl.n; i++)
		free(cl.names[i]);
	free(cl.names);
}

/* ---- the context ---- */

void deps_ctx_init(struct deps_ctx *c, const struct site *s, const struct history *h,
		   const struct inputs *in, const struct layouts *lay, int worktree)
{
	static const char *const not_site[] = { "content/plans/", "content/pages/", NULL };
	struct dg g;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->h = h;
	c->in = in;
	c->lay = lay;
	c->worktree = worktree;

	dg_init(&g);
	dg_str(&g, "gongkai deps 1");
	dg_u64(&g, (uint64_t)s->has_history);
	dg_u64(&g, (uint64_t)s->shallow);
	dg_final(&g, &c->env);

	/* The site-wide files, and the navigation every page shows. */
	dg_init(&g);
	c->site.seq = DEPS_NONE;
	add_files(c, &g, &c->site, "content/", not_site);
	for (size_t i = 0; i < s->npages; i++) {
		dg_str(&g, s->pages[i].slug);
		dg_str(&g, s->pages[i].title);
	}
	dg_final(&g, &c->site.d);

	c->plans = xcalloc(s->nplans + 1, sizeof(*c->plans));
	dg_init(&g);
	c->all_plans.seq = DEPS_NONE;
	for (size_t i = 0; i < s->nplans; i++) {
		struct prov *p = &c->plans[i];
		struct buf prefix = BUF_INIT;
		buf_printf(&prefix, "%s/", s->plans[i].dir);
		prov_files(c, p, prefix.ptr, NULL);
		buf_free(&prefix);
		dg_str(&g, s->plans[i].slug);
		dg_digest(&g, &p->d);
		if (p->seq != DEPS_NONE && (c->all_plans.seq == DEPS_NONE || p->seq > c->all_plans.seq))
			c->all_plans.seq = p->seq;
		c->all_plans.dirty |= p->dirty;
	}
	dg_final(&g, &c->all_plans.d);

	/* Uncommitted changes to anything under content/ that was read. */
	size_t first, n = inputs_under(in, "content/", &first);
	for (size_t i = first; i < first + n && !c->dirty; i++)
		c->dirty = input_dirty(c, &in->v[i]);

	c->ntpl = lay ? lay->nfiles : 0;
	c->tpl = xcalloc(c->ntpl + 1, sizeof(*c->tpl));
	for (size_t i = 0; i < c->ntpl; i++) {
		c->tpl[i].name = lay->files[i].name;
		tpl_digest(lay, lay->files[i].name, &c->tpl[i].d);
	}
}

void deps_ctx_free(struct deps_ctx *c)
{
	free(c->plans);
	free(c->tpl);
	memset(c, 0, sizeof(*c));
}

/* ---- one output ---- */

void deps_begin(struct deps *d, const struct deps_ctx *c, const char *key)
{
	dg_init(&d->g);
	d->c = c;
	d->seq = DEPS_NONE;
	d->dirty = 0;
	dg_digest(&d->g, &c->env);
	dg_str(&d->g, key);
}

void deps_prov(struct deps *d, const struct prov *p)
{
	dg_digest(&d->g, &p->d);
	if (p->seq != DEPS_NONE && (d->seq == DEPS_NONE || p->seq > d->seq))
		d->seq = p->seq;
	d->dirty |= p->dirty;
}

void deps_plan(struct deps *d, const struct plan *p)
{
	deps_prov(d, &d->c->plans[p - d->c->s->plans]);
}

void deps_site(struct deps *d)
{
	deps_prov(d, &d->c->site);
}

void deps_all_plans(struct deps *d)
{
	deps_prov(d, &d->c->all_plans);
}

void deps_files(struct deps *d, const char *prefix)
{
	struct prov p;
	prov_files(d->c, &p, prefix, NULL);
	deps_prov(d, &p);
}

void deps_layout(struct deps *d, const char *name)
{
	dg_str(&d->g, name);
	for (size_t i = 0; i < d->c->ntpl; i++)
		if (strcmp(d->c->tpl[i].name, name) == 0) {
			dg_digest(&d->g, &d->c->tpl[i].d);
			return;
		}
}

void deps_str(struct deps *d, const char *s)
{
	dg_str(&d->g, s);
}

void deps_int(struct deps *d, long long v)
{
	dg_u64(&d->g, (uint64_t)v);
}

void deps_bytes(struct deps *d, const void *p, size_t n)
{
	dg_u64(&d->g, n);
	dg_bytes(&d->g, p, n);
}

void deps_end(struct deps *d, struct digest *out)
{
	dg_str(&d->g, deps_commit(d->c, d->seq));
	dg_u64(&d->g, (uint64_t)d->dirty);
	dg_final(&d->g, out);
}

const char *deps_commit(const struct deps_ctx *c, size_t seq)
{
	return c->h && seq != DEPS_NONE && seq < c->h->ncommits ? c->h->commits[seq].id : NULL;
}
