/* record: what git knows, attached to the model.
 *
 * The history (history.c) says, for every file under content/, which
 * commits changed it and with what note. From that:
 * - a plan was first published when its plan.md first appeared;
 * - it was last updated by the newest *major* change (a commit with a
 *   Change-Note) to any of its files; minor changes are not listed;
 * - an indicator's target revisions are read from the successive versions
 *   of its plan's indicators.yaml: every commit, major or minor, that
 *   changed a target or a breakdown value is a revision (a quiet change of
 *   a target is exactly what the public must be able to see);
 * - the site's change log is every major change, newest first. */
#include "model.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "history.h"
#include "value.h"
#include "yml.h"

#include <stdlib.h>
#include <string.h>

static int commit_day(const struct hist_commit *c)
{
	return hist_commit_day(c);
}

/* The files of the history under a folder prefix ("content/plans/x/"):
 * files are sorted by path, so they are one run. */
static size_t files_under(const struct history *h, const char *prefix, size_t *first)
{
	size_t n = strlen(prefix), lo = 0, hi = h->nfiles;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(h->files[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t k = lo;
	while (k < h->nfiles && strncmp(h->files[k].path, prefix, n) == 0)
		k++;
	return k - lo;
}

/* Collect the major changes of files [from, from+n) into out (deduplicated
 * by commit), newest first. Returns the count. */
static size_t major_changes(struct arena *a, const struct history *h, size_t from, size_t n,
			    const struct plan *plan, struct change **out)
{
	size_t cap = 0;
	for (size_t i = from; i < from + n; i++)
		cap += h->files[i].nevents;
	struct change *v = arena_alloc(a, (cap + 1) * sizeof(*v));
	size_t *commits = xcalloc(cap + 1, sizeof(*commits));
	size_t k = 0;
	for (size_t i = from; i < from + n; i++) {
		const struct hist_file *f = &h->files[i];
		for (size_t e = 0; e < f->nevents; e++) {
			const struct hist_event *ev = &f->events[e];
			if (!ev->note)
				continue;
			size_t j = 0;
			while (j < k && commits[j] != ev->commit)
				j++;
			if (j < k)
				continue;
			commits[k] = ev->commit;
			v[k].seq = ev->commit;
			v[k].date = commit_day(&h->commits[ev->commit]);
			v[k].note = ev->note;
			v[k].commit = h->commits[ev->commit].id;
			v[k].plan = plan;
			k++;
		}
	}
	/* newest first: by commit index, descending (commits are oldest first) */
	for (size_t i = 1; i < k; i++) {
		for (size_t j = i; j > 0 && commits[j - 1] < commits[j]; j--) {
			size_t tc = commits[j];
			commits[j] = commits[j - 1];
			commits[j - 1] = tc;
			struct change t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	free(commits);
	*out = v;
	return k;
}

/* One version of indicators.yaml, reduced to what revisions compare. */
struct target_entry {
	const char *id;
	const struct val *target;
	const struct val *by_region;
};

struct version {
	struct target_entry *v;
	size_t n, cap;
};

static void collect(struct arena *a, struct version *ver, const struct val *list, int depth)
{
	if (!list || list->kind != VAL_LIST || depth > 8)
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct val *m = list->items[i];
		const char *id = val_text(val_get(m, "id"));
		if (!id)
			continue;
		if (ver->n == ver->cap) {
			size_t cap = ver->cap ? ver->cap * 2 : 16;
			ver->v = arena_realloc(a, ver->v, ver->cap * sizeof(*ver->v), cap * sizeof(*ver->v));
			ver->cap = cap;
		}
		ver->v[ver->n].id = id;
		ver->v[ver->n].target = val_get(m, "target");
		ver->v[ver->n].by_region = val_get(m, "by_region");
		ver->n++;
		collect(a, ver, val_get(m, "children"), depth + 1);
	}
}

static const struct target_entry *entry(const struct version *ver, const char *id)
{
	for (size_t i = 0; i < ver->n; i++)
		if (strcmp(ver->v[i].id, id) == 0)
			return &ver->v[i];
	return NULL;
}

static const char *text_of(const struct val *v)
{
	return v && v->kind == VAL_STR ? v->s : NULL;
}

static int differs(const char *a, const char *b)
{
	return a && b && strcmp(a, b) != 0;
}

static void add_revision(struct arena *a, struct indicator *ind, const struct hist_commit *c,
			 const char *note, const char *column, const char *old, const char *new)
{
	struct revision *r;
	ind->revisions = arena_realloc(a, ind->revisions, ind->nrevisions * sizeof(*r),
				       (ind->nrevisions + 1) * sizeof(*r));
	r = &ind->revisions[ind->nrevisions++];
	r->date = commit_day(c);
	r->column = column;
	r->old_text = arena_strdup(a, old);
	r->new_text = arena_strdup(a, new);
	r->note = note;
	r->summary = c->summary;
	r->commit = c->id;
}

static struct indicator *find_indicator(const struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->nall_indicators; i++)
		if (strcmp(p->all_indicators[i]->id, id) == 0)
			return p->all_indicators[i];
	return NULL;
}

static const char *column_label(const struct plan *p, const char *key)
{
	for (size_t i = 0; i < p->nicols; i++)
		if (strcmp(p->icols[i].key, key) == 0)
			return p->icols[i].label;
	return key;
}

/* Walk the versions of a plan's indicators.yaml and record every change of
 * a target or a breakdown value, for the indicators the plan has now. */
static void revisions(struct site *s, struct plan *p, const struct history *h)
{
	const char *path = arena_printf(s->a, "%s/indicators.yaml", p->dir);
	const struct hist_file *f = history_file(h, path);
	if (!f || !p->nall_indicators)
		return;
	struct arena *scratch = arena_new();
	struct version prev = { 0 };
	int have_prev = 0;
	for (size_t e = 0; e < f->nevents; e++) {
		const struct hist_event *ev = &f->events[e];
		char *text;
		size_t len;
		struct val *root;
		struct diag quiet = DIAG_INIT; /* old versions may not parse: skip them */
		if (ev->kind == HIST_DELETED || !ev->blob[0] ||
		    history_blob(h, ev->blob, &text, &len) != 0)
			continue;
		char *copy = arena_strndup(scratch, text, len);
		free(text);
		int ok = yml_parse(&root, scratch, &quiet, path, copy, len, 0) == 0;
		diag_free(&quiet);
		if (!ok)
			continue;
		struct version cur = { 0 };
		collect(scratch, &cur, val_get(root, "indicators"), 0);
		if (have_prev) {
			const struct hist_commit *c = &h->commits[ev->commit];
			for (size_t i = 0; i < cur.n; i++) {
				const struct target_entry *now = &cur.v[i], *was = entry(&prev, now->id);
				struct indicator *ind = find_indicator(p, now->id);
				if (!was || !ind)
					continue;
				const char *o = text_of(was->target), *n = text_of(now->target);
				if (differs(o, n))
					add_revision(s->a, ind, c, ev->note, NULL, o, n);
				const struct val *nb = now->by_region, *ob = was->by_region;
				for (size_t k = 0; nb && nb->kind == VAL_MAP && k < nb->len; k++) {
					const char *key = nb->pairs[k].key->s;
					const char *oc = text_of(val_get(ob, key)), *nc = text_of(nb->pairs[k].v);
					if (differs(oc, nc))
						add_revision(s->a, ind, c, ev->note, column_label(p, key), oc, nc);
				}
			}
		}
		prev = cur;
		have_prev = 1;
	}
	arena_free(scratch);
}

/* The date of the newest commit, major or minor, that changed one of the
 * files [from, from+n): what a crawler needs to know. */
static int last_change(const struct history *h, size_t from, size_t n)
{
	size_t newest = HIST_NONE;
	for (size_t i = from; i < from + n; i++)
		if (h->files[i].nevents && (newest == HIST_NONE || h->files[i].last > newest))
			newest = h->files[i].last;
	return newest == HIST_NONE ? 0 : commit_day(&h->commits[newest]);
}

static int change_cmp(const void *x, const void *y)
{
	const struct change *a = x, *b = y;
	if (a->seq != b->seq)
		return a->seq > b->seq ? -1 : 1; /* newest commit first, even on one day */
	const char *pa = a->plan ? a->plan->slug : "", *pb = b->plan ? b->plan->slug : "";
	return strcmp(pa, pb);
}

void site_record(struct site *s, const struct history *h, struct diag *d)
{
	(void)d;
	if (!h)
		return;
	s->has_history = 1;
	memcpy(s->commit, h->head, sizeof(s->commit));
	s->dirty = h->dirty;
	s->shallow = h->shallow;
	struct hist_commit head = { .time = h->head_time, .tz = h->head_tz };
	if (h->head[0]) {
		s->built = commit_day(&head);
		s->built_time = (long long)h->head_time;
	}

	size_t total = 0;
	for (size_t i = 0; i < s->nplans; i++) {
		struct plan *p = &s->plans[i];
		const char *prefix = arena_printf(s->a, "%s/", p->dir);
		size_t from, n = files_under(h, prefix, &from);
		const struct hist_file *md = history_file(h, p->path);
		if (md && md->nevents)
			p->first_published = commit_day(&h->commits[md->first]);
		p->last_changed = last_change(h, from, n);
		p->nchanges = major_changes(s->a, h, from, n, p, &p->changes);
		if (p->nchanges)
			p->last_updated = p->changes[0].date;
		total += p->nchanges;
		revisions(s, p, h);
	}
	{
		size_t from_all, n_all = files_under(h, "content/", &from_all);
		s->last_changed = last_change(h, from_all, n_all);
	}
	/* The site's change log: the plans' major changes, and those of the
	 * other content files (units, regions, pages) as site-wide changes. */
	struct change *site_changes;
	size_t from, n = files_under(h, "content/", &from);
	size_t nsite = major_changes(s->a, h, from, n, NULL, &site_changes);
	s->log = arena_alloc(s->a, (total + nsite + 1) * sizeof(*s->log));
	for (size_t i = 0; i < s->nplans; i++)
		for (size_t k = 0; k < s->plans[i].nchanges; k++)
			s->log[s->nlog++] = s->plans[i].changes[k];
	/* A commit already listed for a plan is not listed again as site-wide. */
	for (size_t k = 0; k < nsite; k++) {
		int seen = 0;
		for (size_t j = 0; j < s->nlog && !seen; j++)
			seen = strcmp(s->log[j].commit, site_changes[k].commit) == 0;
		if (!seen)
			s->log[s->nlog++] = site_changes[k];
	}
	if (s->nlog > 1)
		qsort(s->log, s->nlog, sizeof(*s->log), change_cmp);
}
