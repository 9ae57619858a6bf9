/* build: one build (or check), as a call that returns diagnostics.
 *
 * The stages never reach back: the model is loaded and checked once, the
 * layouts are parsed once, the record from git is attached; then every
 * output is a job that declares what it is made from (deps.h) and renders
 * on its own, on as many threads as asked.
 *
 * With the build cache (cache.h) a build is incremental:
 *  - nothing changed (the same commit, every file read as it was) is
 *    decided from file stamps before anything is loaded, and writes
 *    nothing;
 *  - otherwise only the jobs whose deps changed are rendered, and only the
 *    files whose bytes changed are written, into the standby (output.h),
 *    which is then swapped in.
 * Without a usable cache (the first build, another version of gongkai, a
 * site replaced by hand) every job renders into a fresh folder. Either way
 * the site is byte for byte what a full build makes. */
#include "build.h"
#include "arena.h"
#include "buf.h"
#include "cache.h"
#include "deps.h"
#include "diag.h"
#include "digest.h"
#include "files.h"
#include "frontmatter.h"
#include "gitsrc.h"
#include "histcache.h"
#include "history.h"
#include "html.h"
#include "inputs.h"
#include "layouts.h"
#include "markdown.h"
#include "model.h"
#include "output.h"
#include "search.h"
#include "sitemap.h"
#include "source.h"
#include "strmap.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef GONGKAI_VERSION
#define GONGKAI_VERSION "0.1.0"
#endif

#define MANIFEST "manifest.txt"

/* ---- timing (GONGKAI_TIMES=1 prints where a build's time went) ---- */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

struct timer {
	int on;
	double start, last;
};

static void timer_start(struct timer *t)
{
	const char *e = getenv("GONGKAI_TIMES");
	t->on = e && *e && strcmp(e, "0") != 0;
	t->start = t->last = now_s();
}

static void lap(struct timer *t, const char *what)
{
	if (!t->on)
		return;
	double n = now_s();
	fprintf(stderr, "gongkai: %-22s %7.1f ms  (%.1f)\n", what, (n - t->last) * 1e3, (n - t->start) * 1e3);
	t->last = n;
}

/* ---- jobs ---- */

enum job_kind {
	JOB_PAGE,
	JOB_ASSET,
	JOB_CONTENT_FILE,
	JOB_FILE,      /* a data download, calendar, sitemap (files.h) */
	JOB_SEARCH,    /* the search index: search/meta.json and its packs */
};

struct job {
	const char *key;            /* the path of its file */
	enum job_kind kind;
	size_t index;               /* which page or asset */
	struct digest digest;       /* of its deps */
	size_t seq;                 /* its inputs' newest commit (deps.h) */
	int dirty;
	const struct cache_job *old;/* what the last build recorded, or NULL */
	int render;                 /* 1: render it in this build */
	struct cache_file *files;   /* what it made: paths owned */
	size_t nfiles;
	struct diag diags;          /* what it reported while rendering */
};

/* What the target folder (output.h) holds before this build writes. */
enum target_state {
	TARGET_FRESH,   /* nothing */
	TARGET_KNOWN,   /* the standby, as the cache records it */
};

/* One build's output. */
struct run {
	const struct build_opts *o;
	struct html_ctx ctx;
	struct deps_ctx dc;
	const struct layouts *lay;
	struct html_page *pages;
	size_t npages;
	struct job *jobs;
	size_t njobs;
	struct site_files files;        /* the data files: sizes and rows known before any page */
	struct files_ctx fctx;
	struct sitemap_page *smap;
	struct file_prov *prov;         /* per plan: the commit its own files show */
	struct out *out;
	const struct cache_index *old;  /* the last build's index, or NULL */
	enum target_state target;
	int verify;                     /* render every job and check the skipped ones */
	int journal;                    /* descriptor of the journal (standby), or -1 */
	int history_failed;             /* the history was there but could not be read */
	pthread_mutex_t journal_lock;
};

static int job_cmp(const void *a, const void *b)
{
	return strcmp(((const struct job *)a)->key, ((const struct job *)b)->key);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cache_file *)a)->path, ((const struct cache_file *)b)->path);
}

/* The target's blob for path: NULL if it has no such file, a zero digest
 * if the file may be anything. */
static const struct digest *target_blob(const struct run *R, const char *path)
{
	if (R->target == TARGET_FRESH)
		return NULL;
	const struct cache_file *f = cache_standby(R->old, path);
	return f ? &f->blob : NULL;
}

/* A file a job made: remember it, and write it unless the target has it. */
static int emit(struct run *R, struct job *j, const char *path, const char *data, size_t len,
		char **err)
{
	struct cache_file *f;
	if (!j->render) {
		/* Rendered only to check that its deps said all (GONGKAI_CACHE=verify):
		 * the bytes must be those recorded. */
		struct digest id;
		blob_id(&id, data, len);
		for (size_t i = 0; i < j->nfiles; i++)
			if (strcmp(j->files[i].path, path) == 0 && digest_eq(&j->files[i].blob, &id))
				return 0;
		struct buf b = BUF_INIT;
		buf_printf(&b, "增量生成的检查：%s 变了，但它的依赖没有变：deps 漏掉了它用到的输入", path);
		*err = buf_detach(&b);
		return -1;
	}
	j->files = xrealloc(j->files, (j->nfiles + 1) * sizeof(*j->files));
	f = &j->files[j->nfiles++];
	f->path = xstrdup(path);
	blob_id(&f->blob, data, len);
	const struct digest *t = target_blob(R, path);
	if (t && digest_eq(t, &f->blob))
		return 0;
	if (R->journal >= 0 && strcmp(path, j->key) != 0) {
		/* a file beyond the job's own: on the journal first */
		struct buf line = BUF_INIT;
		buf_printf(&line, "%s\n", path);
		pthread_mutex_lock(&R->journal_lock);
		ssize_t w = write(R->journal, line.ptr, line.len);
		pthread_mutex_unlock(&R->journal_lock);
		buf_free(&line);
		if (w < 0) {
			*err = xstrdup("无法写入生成缓存的日志");
			return -1;
		}
	}
	return out_write(R->out, path, data, len, err);
}

/* The search index: its files are the job's (meta.json, its key, last). */
struct search_emit_ctx {
	struct run *R;
	struct job *j;
};

static int search_emit(void *u, const char *path, const char *data, size_t len, char **err)
{
	struct search_emit_ctx *c = u;
	return emit(c->R, c->j, path, data, len, err);
}

static int search_job(struct run *R, struct job *j, char **err)
{
	struct search_emit_ctx c = { R, j };
	struct search_out so = { search_emit, &c };
	struct search_text st = { R->ctx.plan_text, R->ctx.text_u };
	return search_write(R->ctx.site, R->ctx.strings, &st, &so, NULL, err);
}

static int render_job(struct run *R, struct job *j, struct buf *b, struct arena *a, struct diag *d,
		      char **err)
{
	const struct layouts *lay = R->lay;
	switch (j->kind) {
	case JOB_PAGE: {
		struct deps dp = { .c = &R->dc, .seq = j->seq, .dirty = j->dirty };
		if (html_render(b, &R->ctx, &R->pages[j->index], &dp, a, d) != 0) {
			diag_add(d, DIAG_ERROR, R->pages[j->index].path, 0, 0, NULL,
				 "这个页面没有生成（原因见模板的报错）");
			return -1;
		}
		break;
	}
	case JOB_ASSET:
		return emit(R, j, j->key, lay->assets[j->index].data, lay->assets[j->index].len, err);
	case JOB_CONTENT_FILE: /* the 党政机关网站标识, from content/ */
		return emit(R, j, j->key, R->ctx.site->identity.conac_data, R->ctx.site->identity.conac_len, err);
	case JOB_FILE: {
		struct site_file f = R->files.v[j->index]; /* a copy: the pages read the shared one */
		files_render(b, &R->fctx, &f, a);
		break;
	}
	case JOB_SEARCH:
		return search_job(R, j, err);
	}
	return emit(R, j, j->key, b->ptr, b->len, err);
}

/* Bring a job that is not rendered into the target: its files are those of
 * the site in place. */
static int carry_job(struct run *R, struct job *j, char **err)
{
	for (size_t i = 0; i < j->nfiles; i++) {
		const struct digest *t = target_blob(R, j->files[i].path);
		if (t && digest_eq(t, &j->files[i].blob))
			continue;
		if (out_link(R->out, j->files[i].path, err) != 0)
			return -1;
	}
	return 0;
}

/* ---- workers ---- */

struct work {
	struct run *R;
	size_t *todo;          /* jobs to render or carry */
	size_t n;
	atomic_size_t next;
	atomic_int failed;
};

struct worker {
	struct work *w;
	struct diag d;   /* this worker's reports, merged after */
	char *err;       /* first write error, or NULL */
	pthread_t thread;
};

static void *worker_run(void *arg)
{
	struct worker *wk = arg;
	struct work *w = wk->w;
	struct run *R = w->R;
	struct buf b = BUF_INIT;
	size_t i;
	while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
		if (atomic_load(&w->failed))
			break;
		struct job *j = &R->jobs[w->todo[i]];
		char *err = NULL;
		int r = 0;
		if (j->render || R->verify) {
			struct arena *a = arena_new();
			struct diag quiet = DIAG_INIT; /* a skipped job's were replayed */
			buf_clear(&b);
			r = render_job(R, j, &b, a, j->render ? &j->diags : &quiet, &err);
			arena_free(a);
			diag_free(&quiet);
		}
		if (r == 0 && !j->render)
			r = carry_job(R, j, &err);
		if (r != 0) {
			atomic_store(&w->failed, 1);
			if (err && !wk->err)
				wk->err = err;
			else
				free(err);
		}
	}
	buf_free(&b);
	return NULL;
}

static int cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static int run_work(struct work *w, int threads, struct diag *d)
{
	int nthreads = threads;
	if ((size_t)nthreads > w->n)
		nthreads = w->n ? (int)w->n : 1;
	struct worker *wk = xcalloc((size_t)nthreads, sizeof(*wk));
	for (int t = 0; t < nthreads; t++)
		wk[t].w = w;
	/* The calling thread is worker 0. */
	for (int t = 1; t < nthreads; t++)
		if (pthread_create(&wk[t].thread, NULL, worker_run, &wk[t]) != 0)
			oom();
	worker_run(&wk[0]);
	for (int t = 1; t < nthreads; t++)
		pthread_join(wk[t].thread, NULL);
	for (int t = 0; t < nthreads; t++) {
		diag_merge(d, &wk[t].d);
		if (wk[t].err) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", wk[t].err);
			free(wk[t].err);
		}
	}
	free(wk);
	return atomic_load(&w->failed) ? -1 : 0;
}

/* ---- the list of jobs ---- */

static void add_job(struct run *R, const char *key, enum job_kind kind, size_t index)
{
	struct job *j = &R->jobs[R->njobs++];
	memset(j, 0, sizeof(*j));
	j->key = key;
	j->kind = kind;
	j->index = index;
}

/* Report two outputs that would be the same file, or a file where
 * another output needs a folder (a layouts/assets/identity beside the
 * site's assets/identity/conac.png): the one a person named is blamed. */
static void report_clash(const struct run *R, const struct job *x, const struct job *y, struct diag *d)
{
	if (y->kind == JOB_ASSET) {
		const struct job *t = x;
		x = y;
		y = t;
	}
	char *at = NULL;
	if (x->kind == JOB_ASSET) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "layouts/assets/%s", R->lay->assets[x->index].name);
		at = buf_detach(&b);
	}
	diag_add(d, DIAG_ERROR, at, 0, 0, "给这个文件换一个名字",
		 "网站的文件 %s 和 %s 冲突：%s", x->key, y->key,
		 strcmp(x->key, y->key) == 0 ? "会写到同一个位置" : "一个要用作文件夹");
	free(at);
}

static int clashes(const struct run *R, struct diag *d)
{
	struct strmap m = STRMAP_INIT;
	size_t before = d->errors;
	for (size_t i = 0; i < R->njobs; i++) {
		const char *k = R->jobs[i].key;
		size_t j = strmap_add(&m, k, strlen(k), i);
		if (j != i)
			report_clash(R, &R->jobs[j], &R->jobs[i], d);
	}
	for (size_t i = 0; i < R->njobs; i++) {
		const char *k = R->jobs[i].key;
		for (const char *sl = strchr(k, '/'); sl; sl = strchr(sl + 1, '/')) {
			size_t j = strmap_get(&m, k, (size_t)(sl - k));
			if (j != STRMAP_NONE)
				report_clash(R, &R->jobs[j], &R->jobs[i], d);
		}
	}
	strmap_free(&m);
	return d->errors > before;
}

/* The data files (files.h) are rendered once before the jobs are listed,
 * on every thread: the data page and the plan pages show their sizes and
 * row counts, and each file's job is then keyed by its bytes (a file is
 * written again only when they change). */
struct prerender {
	struct run *R;
	struct digest *blobs;
	atomic_size_t next;
};

static void *prerender_run(void *arg)
{
	struct prerender *P = arg;
	struct buf b = BUF_INIT;
	size_t i;
	while ((i = atomic_fetch_add(&P->next, 1)) < P->R->files.n) {
		struct arena *a = arena_new();
		buf_clear(&b);
		files_render(&b, &P->R->fctx, &P->R->files.v[i], a);
		blob_id(&P->blobs[i], b.ptr, b.len);
		arena_free(a);
	}
	buf_free(&b);
	return NULL;
}

static struct digest *prerender_files(struct run *R)
{
	struct prerender P = { .R = R };
	P.blobs = xcalloc(R->files.n + 1, sizeof(*P.blobs));
	int nthreads = R->o->jobs > 0 ? R->o->jobs : cpu_count();
	if ((size_t)nthreads > R->files.n)
		nthreads = R->files.n ? (int)R->files.n : 1;
	pthread_t *t = xcalloc((size_t)nthreads, sizeof(*t));
	int *started = xcalloc((size_t)nthreads, sizeof(*started));
	for (int k = 1; k < nthreads; k++)
		started[k] = pthread_create(&t[k], NULL, prerender_run, &P) == 0;
	prerender_run(&P);
	for (int k = 1; k < nthreads; k++)
		if (started[k])
			pthread_join(t[k], NULL);
	free(started);
	free(t);
	return P.blobs;
}

/* Every output, with the digest of what it is made from. */
static void list_jobs(struct run *R, struct arena *a)
{
	const struct site *s = R->ctx.site;
	const struct layouts *lay = R->lay;
	R->npages = html_pages(&R->pages, s, a);
	files_list(&R->files, s, a);
	R->ctx.files = &R->files;
	R->smap = xcalloc(R->npages + 1, sizeof(*R->smap));
	size_t nsmap = 0;
	for (size_t i = 0; i < R->npages; i++)
		if (html_in_sitemap(&R->pages[i]))
			R->smap[nsmap++] = (struct sitemap_page){ R->pages[i].path, html_page_plan(s, &R->pages[i]) };
	/* A plan's own files show the newest commit that changed what they are
	 * made from: the plan's files and the site-wide ones (unit names), as
	 * the plan's page does. */
	R->prov = xcalloc(s->nplans + 1, sizeof(*R->prov));
	for (size_t i = 0; R->dc.h && i < s->nplans; i++) {
		size_t seq = R->dc.plans[i].seq, site = R->dc.site.seq;
		if (site != DEPS_NONE && (seq == DEPS_NONE || site > seq))
			seq = site;
		if (seq == DEPS_NONE || seq >= R->dc.h->ncommits)
			continue;
		const struct hist_commit *hc = &R->dc.h->commits[seq];
		R->prov[i] = (struct file_prov){ hc->id, hist_commit_day(hc), (long long)hc->time };
	}
	R->fctx = (struct files_ctx){ s, lay->strings, R->smap, nsmap, R->prov };
	struct digest *blobs = prerender_files(R);

	R->jobs = xcalloc(R->npages + lay->nassets + R->files.n + 3, sizeof(*R->jobs));
	for (size_t i = 0; i < R->npages; i++)
		add_job(R, R->pages[i].path, JOB_PAGE, i);
	for (size_t i = 0; i < lay->nassets; i++)
		add_job(R, arena_printf(a, "assets/%s", lay->assets[i].name), JOB_ASSET, i);
	for (size_t i = 0; i < R->files.n; i++)
		add_job(R, R->files.v[i].path, JOB_FILE, i);
	add_job(R, SEARCH_DIR "meta.json", JOB_SEARCH, 0);
	if (s->identity.conac_image)
		add_job(R, s->identity.conac_image, JOB_CONTENT_FILE, 0);

	for (size_t i = 0; i < R->njobs; i++) {
		struct job *j = &R->jobs[i];
		struct deps dp;
		deps_begin(&dp, &R->dc, j->key);
		switch (j->kind) {
		case JOB_PAGE:
			html_deps(&dp, &R->ctx, &R->pages[j->index]);
			break;
		case JOB_ASSET:
			deps_bytes(&dp, lay->assets[j->index].data, lay->assets[j->index].len);
			break;
		case JOB_CONTENT_FILE:
			deps_bytes(&dp, s->identity.conac_data, s->identity.conac_len);
			break;
		case JOB_FILE:
			/* its bytes, rendered above: what they are made from is
			 * all in them */
			deps_bytes(&dp, &blobs[j->index], sizeof(blobs[j->index]));
			break;
		case JOB_SEARCH:
			/* every plan (its files, its text), the site-wide files
			 * (units and their names, regions), the free pages, the
			 * UI strings (the kinds of document) */
			deps_all_plans(&dp);
			deps_site(&dp);
			deps_files(&dp, "content/pages/");
			deps_bytes(&dp, &lay->strings_id, sizeof(lay->strings_id));
			break;
		}
		deps_end(&dp, &j->digest);
		j->seq = dp.seq;
		j->dirty = dp.dirty;
	}
	free(blobs);
	if (R->njobs > 1)
		qsort(R->jobs, R->njobs, sizeof(*R->jobs), job_cmp);
}

/* Which jobs render: those the last build did not make, or made from
 * something else. The others take the files it recorded. */
static size_t decide(struct run *R, int site_ok)
{
	size_t n = 0;
	for (size_t i = 0; i < R->njobs; i++) {
		struct job *j = &R->jobs[i];
		j->old = R->old ? cache_job(R->old, j->key) : NULL;
		j->render = !site_ok || !j->old || !digest_eq(&j->old->deps, &j->digest);
		if (!j->render) {
			j->files = xcalloc(j->old->nfiles + 1, sizeof(*j->files));
			for (size_t k = 0; k < j->old->nfiles; k++) {
				j->files[k].path = xstrdup(j->old->files[k].path);
				j->files[k].blob = j->old->files[k].blob;
			}
			j->nfiles = j->old->nfiles;
			for (size_t k = 0; k < j->old->diags.len; k++) {
				const struct diag_item *it = &j->old->diags.items[k];
				diag_add(&j->diags, it->sev, it->file, it->line, it->col, it->hint, "%s", it->msg);
			}
		}
		n += j->render;
	}
	return n;
}

/* Every file of the site, sorted by path (paths borrowed from the jobs). */
static struct cache_file *all_files(const struct run *R, size_t *n)
{
	size_t total = 0;
	for (size_t i = 0; i < R->njobs; i++)
		total += R->jobs[i].nfiles;
	struct cache_file *v = xcalloc(total + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < R->njobs; i++)
		for (size_t k = 0; k < R->jobs[i].nfiles; k++)
			v[(*n)++] = R->jobs[i].files[k];
	if (*n > 1)
		qsort(v, *n, sizeof(*v), file_cmp);
	return v;
}

/* The manifest: every file with its git blob id, sorted by path. */
static void manifest(struct buf *m, const struct site *s, int dirty, const struct cache_file *v, size_t n)
{
	buf_puts(m, "# gongkai manifest: git blob id and path of every file of this site\n");
	if (s->has_history)
		buf_printf(m, "# built from commit %s%s\n", s->commit, dirty ? " with uncommitted changes" : "");
	for (size_t i = 0; i < n; i++) {
		char hex[41];
		digest_hex(&v[i].blob, hex);
		buf_printf(m, "%s %s\n", hex, v[i].path);
	}
}

/* ---- the builder ---- */

struct builder {
	struct build_opts o; /* what to build, and where */
};

struct builder *builder_new(const struct build_opts *o)
{
	struct builder *b = xcalloc(1, sizeof(*b));
	b->o = *o;
	return b;
}

void builder_free(struct builder *b)
{
	free(b);
}

/* What must match for a cache to be used: this gongkai (its version and
 * its executable), where it reads and writes, and the options. */
static char *identity(const struct build_opts *o)
{
	struct buf b = BUF_INIT;
	struct stat st;
	char *here = realpath(".", NULL);
	buf_printf(&b, "gongkai %s", GONGKAI_VERSION);
	if (stat("/proc/self/exe", &st) == 0)
		buf_printf(&b, " exe %llu %lld %lld.%09ld", (unsigned long long)st.st_ino, (long long)st.st_size,
			   (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	buf_printf(&b, "\nlayouts %s\nsource %s\nref %s\n", layouts_dir(), here ? here : ".",
		   o->ref ? o->ref : "");
	free(here);
	return buf_detach(&b);
}

static uint64_t dir_ino(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? (uint64_t)st.st_ino : 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Write the journal (cache.h): every file of the standby this build may
 * change — what it renders, what it links from the site in place, what it
 * removes, and the manifest — and keep it open for the files a job makes
 * beyond its own. */
static int start_journal(struct run *R, struct cache *c)
{
	char **paths = NULL, **keep = NULL;
	size_t np = 0, cap = 0, nkeep = 0;
#define PUSH(v, n, p) do { if (n == cap) v = xrealloc(v, (cap = cap ? cap * 2 : 256) * sizeof(*v)); \
		v[n++] = (char *)(p); } while (0)
	for (size_t i = 0; i < R->njobs; i++) {
		const struct job *j = &R->jobs[i];
		if (j->render)
			PUSH(paths, np, j->key);
		for (size_t k = 0; j->old && k < j->old->nfiles; k++) {
			const struct digest *t = target_blob(R, j->old->files[k].path);
			if (j->render || !t || !digest_eq(t, &j->old->files[k].blob))
				PUSH(paths, np, j->old->files[k].path);
		}
	}
	PUSH(paths, np, MANIFEST);
	size_t nchanged = np;
	/* What the standby has and no job makes: removed. */
	cap = 0;
	for (size_t i = 0; i < R->njobs; i++) {
		const struct job *j = &R->jobs[i];
		PUSH(keep, nkeep, j->key);
		for (size_t k = 0; !j->render && k < j->nfiles; k++)
			PUSH(keep, nkeep, j->files[k].path);
	}
	if (nkeep > 1)
		qsort(keep, nkeep, sizeof(*keep), str_cmp);
	cap = np;
	for (size_t i = 0; R->target == TARGET_KNOWN && i < R->old->nstandby; i++) {
		const char *p = R->old->standby[i].path;
		if (!bsearch(&p, keep, nkeep, sizeof(*keep), str_cmp))
			PUSH(paths, np, p);
	}
#undef PUSH
	(void)nchanged;
	int r = cache_journal(c, paths, np);
	free(paths);
	free(keep);
	if (r != 0)
		return -1;
	char *jpath = cache_path(c, "journal");
	R->journal = open(jpath, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	free(jpath);
	return R->journal < 0 ? -1 : 0;
}

/* The text of a plan, read again and rendered when its page is (page.h):
 * the loader keeps no plan's text. The file must be what was loaded. */
struct texts {
	struct source *src;
	const struct inputs *in;
	pthread_mutex_t lock;   /* for sources that are not a folder (a git tree) */
	int serial;
};

static int plan_text(void *u, const struct plan *p, struct buf *out, struct diag *d)
{
	struct texts *t = u;
	char *data = NULL, *err = NULL;
	size_t len;
	if (t->serial)
		pthread_mutex_lock(&t->lock);
	int r = t->src->ops->read(t->src, p->path, &data, &len, &err);
	if (t->serial)
		pthread_mutex_unlock(&t->lock);
	const struct input *e = inputs_find(t->in, p->path);
	struct digest id;
	if (r == 0)
		blob_id(&id, data, len);
	if (r != 0 || !e || e->kind != INPUT_FILE || !digest_eq(&id, &e->blob)) {
		diag_add(d, DIAG_ERROR, p->path, 0, 0, "等保存完成后再生成一次",
			 "这个文件在生成的过程中被改动了（或无法再读取%s%s）", err ? "：" : "", err ? err : "");
		free(err);
		free(data);
		return -1;
	}
	struct fm fm;
	if (fm_split(&fm, data, len) == FM_OK)
		md_render(out, fm.body, fm.blen, p->path, fm.body_line0, 1, d);
	free(data);
	return 0;
}

/* Reading the history, on its own thread. */
struct hist_job {
	const char *ref;
	char *path;           /* the cache's copy, or NULL */
	struct history *h;
	struct diag d;
	int r;                /* as history_read returns */
	pthread_t thread;
};

static void *read_history(void *arg)
{
	struct hist_job *j = arg;
	j->r = histcache_read(&j->h, j->ref, j->path, &j->d);
	return NULL;
}

static void replay(struct diag *d, const struct diag *from)
{
	for (size_t i = 0; i < from->len; i++) {
		const struct diag_item *it = &from->items[i];
		diag_add(d, it->sev, it->file, it->line, it->col, it->hint, "%s", it->msg);
	}
}

/* Render the jobs that need it and bring the rest into the target; then
 * remove what is gone and write the manifest. Returns 0, or -1 (reported). */
static int write_site(struct run *R, const struct site *s, struct diag *d, struct timer *tm)
{
	char *err = NULL;
	int threads = R->o->jobs > 0 ? R->o->jobs : cpu_count();
	struct work w = { .R = R };
	w.todo = xcalloc(R->njobs + 1, sizeof(*w.todo));
	/* Rendered jobs first, so that both threads render while links are
	 * few, the search index (the longest job) before them all; the order
	 * of writing does not reach the output. */
	for (size_t i = 0; i < R->njobs; i++)
		if (R->jobs[i].render && R->jobs[i].kind == JOB_SEARCH)
			w.todo[w.n++] = i;
	for (size_t i = 0; i < R->njobs; i++)
		if (R->jobs[i].render && R->jobs[i].kind != JOB_SEARCH)
			w.todo[w.n++] = i;
	for (size_t i = 0; i < R->njobs; i++)
		if (!R->jobs[i].render)
			w.todo[w.n++] = i;
	int r = run_work(&w, threads, d);
	free(w.todo);
	lap(tm, "render and write");
	for (size_t i = 0; i < R->njobs; i++)
		diag_merge(d, &R->jobs[i].diags);
	if (r != 0)
		return -1;

	size_t n;
	struct cache_file *v = all_files(R, &n);
	/* What the target holds that the site no longer has. */
	if (R->target == TARGET_KNOWN) {
		for (size_t i = 0; i < R->old->nstandby; i++) {
			const char *p = R->old->standby[i].path;
			struct cache_file key = { (char *)p, { { 0 } } };
			if (strcmp(p, MANIFEST) != 0 && !bsearch(&key, v, n, sizeof(*v), file_cmp))
				out_remove(R->out, p);
		}
	}
	struct buf m = BUF_INIT;
	manifest(&m, s, R->dc.dirty, v, n);
	struct digest mb;
	blob_id(&mb, m.ptr, m.len);
	const struct digest *t = target_blob(R, MANIFEST);
	if ((!t || !digest_eq(t, &mb)) && out_write(R->out, MANIFEST, m.ptr, m.len, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		r = -1;
	}
	buf_free(&m);
	free(v);
	lap(tm, "manifest");
	return r;
}

/* The index that describes the build just made. */
static void new_index(struct cache_index *ix, const struct run *R, const struct inputs *in,
		      const struct history *h, const struct diag *d, size_t npages, const struct digest *mb)
{
	memset(ix, 0, sizeof(*ix));
	ix->has_head = h != NULL ? 1 : R->history_failed ? 2 : 0;
	if (h)
		memcpy(ix->head, h->head, sizeof(ix->head));
	ix->in = *in;     /* borrowed for writing */
	ix->njobs = R->njobs + 1;
	ix->jobs = xcalloc(ix->njobs + 1, sizeof(*ix->jobs));
	for (size_t i = 0; i < R->njobs; i++) {
		const struct job *j = &R->jobs[i];
		ix->jobs[i].key = (char *)j->key;
		ix->jobs[i].deps = j->digest;
		ix->jobs[i].files = j->files;
		ix->jobs[i].nfiles = j->nfiles;
		ix->jobs[i].diags = j->diags;
	}
	/* The manifest is a job of its own, made from all the others. */
	static struct cache_file mf = { (char *)MANIFEST, { { 0 } } };
	mf.blob = *mb;
	ix->jobs[R->njobs].key = (char *)MANIFEST;
	ix->jobs[R->njobs].files = &mf;
	ix->jobs[R->njobs].nfiles = 1;
	ix->diags = *d;
	ix->npages = npages;
}

int builder_run(struct builder *b, struct diag *d, struct build_report *rep)
{
	const struct build_opts *o = &b->o;
	struct source *src = NULL;
	struct history *h = NULL;
	struct site *s = NULL;
	struct layouts lay = { 0 };
	struct out out = { 0 };
	struct cache c = { 0 };
	struct inputs in;
	struct run R = { 0 };
	struct arena *a = arena_new();
	char *err = NULL, *id = NULL, *standby = NULL;
	char commit[41] = "";
	int status = 0, have_cache = 0;
	struct timer tm;
	const char *mode = getenv("GONGKAI_CACHE");

	timer_start(&tm);
	memset(rep, 0, sizeof(*rep));
	inputs_init(&in);
	R.o = o;
	R.journal = -1;
	R.verify = mode && strcmp(mode, "verify") == 0;
	pthread_mutex_init(&R.journal_lock, NULL);
	md_init();
	history_git_init();

	/* Where the site goes: checked before anything is written. */
	const char *hint;
	if (!o->check_only && out_place(o->out, &err, &hint) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, hint, "%s", err);
		free(err);
		err = NULL;
		status = 2;
		goto cleanup;
	}
	/* The cache, and whether anything changed at all. */
	if (!o->check_only && !(mode && strcmp(mode, "off") == 0)) {
		id = identity(o);
		if (cache_open(&c, o->out, id, &err) == 0) {
			have_cache = 1;
			standby = cache_path(&c, "standby");
		} else {
			/* Build without one, and say why. */
			diag_add(d, DIAG_WARNING, NULL, 0, 0, NULL, "%s", err);
			free(err);
			err = NULL;
		}
	}
	uint64_t site_ino = dir_ino(o->out), standby_ino = standby ? dir_ino(standby) : 0;
	int site_ok = have_cache && c.loaded && site_ino && c.ix.site_ino == site_ino && cache_site_ok(&c, o->out);
	lap(&tm, "cache read");
	if (site_ok && !R.verify) {
		char head[41];
		int hr = histcache_head(o->ref, head);
		/* A history that could not be read (has_head 2) never matches:
		 * its warning named a HEAD that may be another now. */
		int same_head = c.ix.has_head == 1 ? hr == 0 && strcmp(head, c.ix.head) == 0
						  : c.ix.has_head == 0 && hr == 1;
		const char *what = NULL;
		if (same_head && !inputs_changed(&c.ix.in, &what)) {
			lap(&tm, "nothing changed");
			out_clean_leftovers(o->out);
			replay(d, &c.ix.diags);
			rep->loaded = 1;
			rep->npages = c.ix.npages;
			rep->no_history = c.ix.has_head != 1;
			/* a site has a sitemap exactly when it has a base_url (files.c) */
			rep->no_base_url = !cache_job(&c.ix, "sitemap.xml");
			goto cleanup;
		}
		if (tm.on)
			fprintf(stderr, "gongkai: changed: %s\n", same_head ? what : "the commit");
	}
	in.known = have_cache && c.loaded ? &c.ix.in : NULL;
	in.start = have_cache ? c.start : 0;

	if (o->ref) {
		if (gitsrc_open(&src, ".", o->ref, commit, d) != 0) {
			status = 2;
			goto cleanup;
		}
	} else {
		source_open_dir(&src, ".");
	}
	src->d = d;
	src->track = &in;
	/* The history is read on a thread of its own while content loads. */
	struct hist_job hj = { .ref = o->ref, .path = have_cache ? cache_path(&c, "history") : NULL };
	int hthread = pthread_create(&hj.thread, NULL, read_history, &hj) == 0;
	if (!hthread)
		read_history(&hj);
	int lr = site_load(&s, src, o->check_only ? SITE_TEXT_WARNINGS : 0, d);
	lap(&tm, "load");
	if (hthread)
		pthread_join(hj.thread, NULL);
	free(hj.path);
	h = hj.h;
	lap(&tm, "history (after load)");
	if (hj.r < 0) {
		R.history_failed = 1;
		/* A corrupt or oversized history: the site is still built from
		 * the files, without what only the history knows. */
		for (size_t i = 0; i < hj.d.len; i++)
			diag_add(d, DIAG_WARNING, hj.d.items[i].file, hj.d.items[i].line, hj.d.items[i].col,
				 hj.d.items[i].hint, "%s；网站照常生成，但不显示发布日期、更新记录和目标调整记录",
				 hj.d.items[i].msg);
		history_free(h);
		h = NULL;
	} else {
		diag_merge(d, &hj.d);
	}
	diag_free(&hj.d);
	if (hj.r == 1) {
		h = NULL;
		rep->no_history = 1;
	}
	if (lr != 0) {
		rep->no_content = 1;
		status = 2;
		goto cleanup;
	}
	rep->loaded = 1;
	rep->no_base_url = !s->base_url;
	if (tm.on && lr == 0)
		fprintf(stderr, "gongkai: model %.1f MB, %zu files hashed\n", arena_used(s->a) / 1e6, in.hashed);
	site_record(s, h, d);
	histcache_release(h); /* git's objects are no longer needed */
	if (h && h->shallow)
		diag_add(d, DIAG_WARNING, NULL, 0, 0, "用完整的克隆生成网站（git fetch --unshallow）",
			 "这是浅克隆（shallow clone），最早的发布日期可能不准确");
	layouts_load(&lay, src, s->language, d);
	lap(&tm, "record and layouts");
	if (d->errors || o->check_only) {
		status = d->errors ? 1 : 0;
		goto cleanup;
	}

	inputs_finish(&in);
	struct texts texts = { .src = src, .in = &in, .lock = PTHREAD_MUTEX_INITIALIZER, .serial = o->ref != NULL };
	R.lay = &lay;
	R.ctx = (struct html_ctx){ s, lay.set, lay.strings, plan_text, &texts, NULL }; /* files: list_jobs */
	deps_ctx_init(&R.dc, s, h, &in, &lay, o->ref == NULL);
	s->dirty = R.dc.dirty;
	list_jobs(&R, a);
	lap(&tm, "deps");
	if (clashes(&R, d)) {
		status = 1;
		goto cleanup;
	}

	/* Where to write. The standby when the cache knows the site in place
	 * (or the site is gone and the standby is known); else a fresh folder. */
	int standby_known = have_cache && c.loaded && standby_ino && c.ix.standby_ino == standby_ino;
	if (have_cache && standby_ino && !standby_known) {
		rm_tree(standby); /* something the cache does not know */
		standby_ino = 0;
	}
	int incremental = have_cache && c.loaded && (site_ok || (!site_ino && standby_known));
	R.old = have_cache && c.loaded ? &c.ix : NULL;
	R.target = incremental && standby_known ? TARGET_KNOWN : TARGET_FRESH;
	size_t nrender = decide(&R, site_ok);
	rep->npages = R.npages;
	if (tm.on)
		fprintf(stderr, "gongkai: %zu of %zu jobs to render (%s)\n", nrender, R.njobs,
			incremental ? "incremental" : "full");

	/* Nothing to render and the same manifest: the site in place is what
	 * this build would make. Only the index changes (new stamps). */
	size_t nf;
	struct cache_file *v = all_files(&R, &nf);
	struct buf m = BUF_INIT;
	manifest(&m, s, R.dc.dirty, v, nf);
	struct digest mb;
	blob_id(&mb, m.ptr, m.len);
	buf_free(&m);
	free(v);
	const struct cache_job *om = R.old ? cache_job(R.old, MANIFEST) : NULL;
	if (site_ok && nrender == 0 && !R.verify && om && om->nfiles == 1 && digest_eq(&om->files[0].blob, &mb)) {
		struct cache_index ix;
		new_index(&ix, &R, &in, h, d, rep->npages, &mb);
		ix.identity = id;
		ix.site_ino = site_ino;
		ix.standby_ino = standby_ino;
		ix.standby = c.ix.standby;
		ix.nstandby = standby_ino ? c.ix.nstandby : 0;
		if (cache_write(&c, &ix) == 0)
			cache_commit(&c);
		free(ix.jobs);
		out_clean_leftovers(o->out);
		lap(&tm, "unchanged");
		goto cleanup;
	}

	if (incremental) {
		if (out_begin_standby(&out, o->out, standby, &err) != 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
			free(err);
			status = 2;
			goto cleanup;
		}
		if (start_journal(&R, &c) != 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "无法写入生成缓存 %s：%s", c.dir, strerror(errno));
			status = 2;
			goto cleanup;
		}
	} else {
		if (out_begin(&out, o->out, &err) != 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
			free(err);
			status = 2;
			goto cleanup;
		}
	}
	R.out = &out;
	lap(&tm, "plan");

	if (write_site(&R, s, d, &tm) != 0 || d->errors) {
		status = 1;
		goto cleanup;
	}

	/* The index of what is about to be in place, then the swap. */
	if (have_cache) {
		struct cache_index ix;
		new_index(&ix, &R, &in, h, d, rep->npages, &mb);
		ix.identity = id;
		ix.site_ino = dir_ino(out.tmp);
		struct cache_file *stand = NULL;
		size_t nstand = 0;
		if (incremental && site_ino) {
			/* The site in place becomes the standby. */
			ix.standby_ino = site_ino;
			for (size_t i = 0; i < c.ix.njobs; i++)
				nstand += c.ix.jobs[i].nfiles;
			stand = xcalloc(nstand + 1, sizeof(*stand));
			nstand = 0;
			for (size_t i = 0; i < c.ix.njobs; i++)
				for (size_t k = 0; k < c.ix.jobs[i].nfiles; k++)
					stand[nstand++] = c.ix.jobs[i].files[k];
			if (nstand > 1)
				qsort(stand, nstand, sizeof(*stand), file_cmp);
		}
		ix.standby = stand;
		ix.nstandby = nstand;
		if (cache_write(&c, &ix) != 0)
			cache_drop(&c);
		free(stand);
		free(ix.jobs);
	}
	if (R.journal >= 0)
		close(R.journal);
	R.journal = -1;
	if (!incremental && have_cache && standby_ino) {
		rm_tree(standby); /* a full build: the old standby goes */
		standby_ino = 0;
	}
	if (out_commit(&out, NULL, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		status = 2;
		goto cleanup;
	}
	if (have_cache) {
		cache_commit(&c);
		cache_site_saved(&c, o->out);
	}
	lap(&tm, "swap");

cleanup:
	if (R.journal >= 0)
		close(R.journal);
	pthread_mutex_destroy(&R.journal_lock);
	if (status != 0)
		rep->npages = 0;
	out_close(&out);
	for (size_t i = 0; i < R.njobs; i++) {
		for (size_t k = 0; k < R.jobs[i].nfiles; k++)
			free(R.jobs[i].files[k].path);
		free(R.jobs[i].files);
		diag_free(&R.jobs[i].diags);
	}
	free(R.jobs);
	free(R.pages);
	free(R.smap);
	free(R.prov);
	deps_ctx_free(&R.dc);
	layouts_free(&lay);
	site_free(s);
	history_free(h);
	source_free(src);
	inputs_free(&in);
	if (have_cache)
		cache_close(&c);
	free(standby);
	free(id);
	arena_free(a);
	history_git_shutdown();
	lap(&tm, "done");
	return status;
}

static void summary(const struct build_opts *o, const struct diag *d, size_t pages)
{
	if (o->quiet)
		return;
	if (o->check_only)
		fprintf(stderr, "检查完毕：%zu 个错误，%zu 个警告\n", d->errors, d->warnings);
	else if (d->errors)
		fprintf(stderr, "生成失败：%zu 个错误，%zu 个警告；原有网站未改动\n", d->errors, d->warnings);
	else
		fprintf(stderr, "已生成 %zu 个页面，写入 %s/（%zu 个警告）\n", pages, o->out, d->warnings);
}

int build_run(const struct build_opts *o)
{
	struct diag d = DIAG_INIT;
	struct build_report rep;
	struct builder *b = builder_new(o);
	int status = builder_run(b, &d, &rep);

	diag_print(&d, stderr);
	if (rep.no_content) {
		fprintf(stderr, "gongkai: error: %s\n", BUILD_NO_CONTENT);
	} else if (rep.loaded) {
		if (rep.no_history && !o->quiet && !o->check_only)
			fprintf(stderr, "gongkai: 注意：%s\n", BUILD_NO_HISTORY);
		if (rep.no_base_url && !o->quiet && !o->check_only && status != 1)
			fprintf(stderr, "gongkai: 注意：%s\n", BUILD_NO_BASE_URL);
		summary(o, &d, rep.npages);
	}
	builder_free(b);
	diag_free(&d);
	return status;
}
