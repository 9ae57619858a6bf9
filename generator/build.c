#include "build.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "files.h"
#include "gitsrc.h"
#include "history.h"
#include "html.h"
#include "layouts.h"
#include "markdown.h"
#include "model.h"
#include "output.h"
#include "search.h"
#include "sitemap.h"
#include "source.h"

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The id git gives a file with these bytes: anyone can check a copy of
 * the site against its manifest with `git hash-object`. */
static void blob_id(char out[41], const char *data, size_t len)
{
	git_oid oid;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) != 0)
		memset(&oid, 0, sizeof(oid));
	git_oid_tostr(out, 41, &oid);
}

/* A file of the site, for the manifest. */
struct written {
	const char *path;    /* relative to the site root */
	char blob[41];
};

static int written_cmp(const void *a, const void *b)
{
	return strcmp(((const struct written *)a)->path, ((const struct written *)b)->path);
}

/* One build's output: what every job needs. */
struct job_env {
	const struct html_ctx *ctx;
	const struct html_page *pages;
	size_t npages;
	struct site_files *files;
	const struct files_ctx *fctx;
	struct out *out;
	struct written *search;     /* the search index's files (the search job only) */
	size_t nsearch, capsearch;
	struct search_stats stats;
	char (*file_blobs)[41];     /* per file of files */
	char (*page_blobs)[41];     /* per page */
};

/* A phase of the build: n jobs, any order, on every worker. job(i) writes
 * its output and its blob id; it returns 0, or -1 after reporting. */
struct work {
	struct job_env *env;
	int (*job)(struct job_env *env, size_t i, struct buf *b, struct arena *a, struct diag *d, char **err);
	size_t n;
	atomic_size_t next;   /* next job to take */
	atomic_int failed;    /* set by any worker on error */
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
	struct buf b = BUF_INIT;
	size_t i;
	while ((i = atomic_fetch_add(&w->next, 1)) < w->n) {
		if (atomic_load(&w->failed))
			break;
		struct arena *a = arena_new();
		buf_clear(&b);
		if (w->job(w->env, i, &b, a, &wk->d, wk->err ? NULL : &wk->err) != 0)
			atomic_store(&w->failed, 1);
		arena_free(a);
	}
	buf_free(&b);
	return NULL;
}

static int cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Run a phase on up to `threads` threads (the caller is one). */
static int run_phase(struct work *w, int threads, struct diag *d)
{
	int nthreads = threads;
	if ((size_t)nthreads > w->n)
		nthreads = w->n ? (int)w->n : 1;
	struct worker *wk = xcalloc((size_t)nthreads, sizeof(*wk));
	for (int t = 0; t < nthreads; t++)
		wk[t].w = w;
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

static int put_file(struct out *out, const char *path, const char *data, size_t len, char blob[41], char **err)
{
	char *e = NULL;
	if (out_write(out, path, data, len, &e) != 0) {
		if (err)
			*err = e;
		else
			free(e);
		return -1;
	}
	blob_id(blob, data, len);
	return 0;
}

/* Phase 1: the machine-readable files. */
static int file_job(struct job_env *env, size_t i, struct buf *b, struct arena *a, struct diag *d, char **err)
{
	(void)d;
	struct site_file *f = &env->files->v[i];
	files_render(b, env->fctx, f, a);
	return put_file(env->out, f->path, b->ptr, b->len, env->file_blobs[i], err);
}

/* Phase 2: the search index (job 0, so that it starts first), then the pages. */
static int search_emit(void *ctx, const char *path, const char *data, size_t len, char **err)
{
	struct job_env *env = ctx;
	if (env->nsearch == env->capsearch) {
		env->capsearch = env->capsearch ? env->capsearch * 2 : 256;
		env->search = xrealloc(env->search, env->capsearch * sizeof(*env->search));
	}
	struct written *w = &env->search[env->nsearch];
	w->path = xstrdup(path);
	env->nsearch++;
	if (out_mkdirs(env->out, path, err) != 0)
		return -1;
	return put_file(env->out, path, data, len, w->blob, err);
}

static int page_job(struct job_env *env, size_t i, struct buf *b, struct arena *a, struct diag *d, char **err)
{
	if (i == 0) {
		struct search_out so = { search_emit, env };
		char *e = NULL;
		if (search_write(env->ctx->site, env->ctx->strings, &so, &env->stats, &e) != 0) {
			if (err)
				*err = e;
			else
				free(e);
			return -1;
		}
		return 0;
	}
	const struct html_page *pg = &env->pages[i - 1];
	if (html_render(b, env->ctx, pg, a, d) != 0)
		return -1;
	return put_file(env->out, pg->path, b->ptr, b->len, env->page_blobs[i - 1], err);
}

/* Render and write every file, asset, page and the search index, then the
 * manifest of them all. Returns 0, or -1 (reported). */
static int write_site(const struct build_opts *o, const struct site *s, const struct layouts *lay,
		      struct out *out, size_t *npages, struct diag *d)
{
	struct arena *a = arena_new();
	struct html_page *pages;
	size_t n = html_pages(&pages, s, a);
	struct site_files files;
	files_list(&files, s, a);
	struct html_ctx ctx = { s, lay->set, lay->strings, &files };
	struct sitemap_page *smap = xcalloc(n + 1, sizeof(*smap));
	size_t nsmap = 0;
	for (size_t i = 0; i < n; i++)
		if (html_in_sitemap(&pages[i]))
			smap[nsmap++] = (struct sitemap_page){ pages[i].path, html_page_plan(s, &pages[i]) };
	struct files_ctx fctx = { s, lay->strings, smap, nsmap };
	struct job_env env = { .ctx = &ctx, .pages = pages, .npages = n, .files = &files, .fctx = &fctx, .out = out };
	struct written *assets = xcalloc(lay->nassets + 2, sizeof(*assets)); /* and the 党政机关网站标识 */
	size_t nassets = lay->nassets;
	int threads = o->jobs > 0 ? o->jobs : cpu_count();
	char *err = NULL;
	int r = 0;

	*npages = n;
	env.file_blobs = xcalloc(files.n + 1, sizeof(*env.file_blobs));
	env.page_blobs = xcalloc(n + 1, sizeof(*env.page_blobs));
	/* Folders first, on one thread: workers then only write files. */
	for (size_t i = 0; i < n && r == 0; i++)
		r = out_mkdirs(out, pages[i].path, &err);
	for (size_t i = 0; i < files.n && r == 0; i++)
		r = out_mkdirs(out, files.v[i].path, &err);
	for (size_t i = 0; i < lay->nassets && r == 0; i++) {
		assets[i].path = arena_printf(a, "assets/%s", lay->assets[i].name);
		r = out_mkdirs(out, assets[i].path, &err);
		if (r == 0)
			r = put_file(out, assets[i].path, lay->assets[i].data, lay->assets[i].len, assets[i].blob, &err);
	}
	if (r == 0 && s->identity.conac_image) { /* the 党政机关网站标识, from content/ */
		assets[nassets].path = s->identity.conac_image;
		r = out_mkdirs(out, assets[nassets].path, &err);
		if (r == 0)
			r = put_file(out, assets[nassets].path, s->identity.conac_data, s->identity.conac_len,
				     assets[nassets].blob, &err);
		nassets++;
	}
	if (r != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		goto done;
	}

	struct work w1 = { .env = &env, .job = file_job, .n = files.n };
	r = run_phase(&w1, threads, d);
	if (r == 0) {
		struct work w2 = { .env = &env, .job = page_job, .n = n + 1 };
		r = run_phase(&w2, threads, d);
	}

	/* The manifest: every file with its git blob id, sorted by path. */
	if (r == 0) {
		size_t total = n + files.n + nassets + env.nsearch, k = 0;
		struct written *all = xcalloc(total + 1, sizeof(*all));
		for (size_t i = 0; i < n; i++) {
			all[k].path = pages[i].path;
			memcpy(all[k++].blob, env.page_blobs[i], 41);
		}
		for (size_t i = 0; i < files.n; i++) {
			all[k].path = files.v[i].path;
			memcpy(all[k++].blob, env.file_blobs[i], 41);
		}
		memcpy(all + k, assets, nassets * sizeof(*assets));
		k += nassets;
		memcpy(all + k, env.search, env.nsearch * sizeof(*env.search));
		k += env.nsearch;
		if (k > 1)
			qsort(all, k, sizeof(*all), written_cmp);
		struct buf m = BUF_INIT;
		buf_puts(&m, "# gongkai manifest: git blob id and path of every file of this site\n");
		if (s->has_history)
			buf_printf(&m, "# built from commit %s%s\n", s->commit, s->dirty ? " with uncommitted changes" : "");
		for (size_t i = 0; i < k; i++)
			buf_printf(&m, "%s %s\n", all[i].blob, all[i].path);
		if (out_write(out, "manifest.txt", m.ptr, m.len, &err) != 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
			free(err);
			r = -1;
		}
		buf_free(&m);
		free(all);
	}
done:
	for (size_t i = 0; i < env.nsearch; i++)
		free((char *)env.search[i].path);
	free(env.search);
	free(assets);
	free(smap);
	free(env.file_blobs);
	free(env.page_blobs);
	free(pages);
	arena_free(a);
	return r;
}

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

int builder_run(struct builder *b, struct diag *d, struct build_report *rep)
{
	const struct build_opts *o = &b->o;
	struct source *src = NULL;
	struct history *h = NULL;
	struct site *s = NULL;
	struct layouts lay = { 0 };
	struct out out = { 0 };
	char *err = NULL;
	char commit[41] = "";
	int status = 0;

	memset(rep, 0, sizeof(*rep));
	md_init();
	history_git_init();
	if (o->ref) {
		if (gitsrc_open(&src, ".", o->ref, commit, d) != 0) {
			status = 2;
			goto cleanup;
		}
	} else {
		source_open_dir(&src, ".");
	}
	int hr = history_read(&h, ".", o->ref, "content/", d);
	if (hr < 0) {
		status = 2;
		goto cleanup;
	}
	if (hr == 1) {
		h = NULL;
		rep->no_history = 1;
	}
	if (site_load(&s, src, d) != 0) {
		rep->no_content = 1;
		status = 2;
		goto cleanup;
	}
	rep->loaded = 1;
	site_record(s, h, d);
	if (h && h->shallow)
		diag_add(d, DIAG_WARNING, NULL, 0, 0, "用完整的克隆生成网站（git fetch --unshallow）",
			 "这是浅克隆（shallow clone），最早的发布日期可能不准确");
	rep->no_base_url = !s->base_url;
	layouts_load(&lay, src, s->language, d);
	if (d->errors || o->check_only) {
		status = d->errors ? 1 : 0;
		goto cleanup;
	}
	if (out_begin(&out, o->out, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		status = 2;
		goto cleanup;
	}
	if (write_site(o, s, &lay, &out, &rep->npages, d) != 0 || d->errors) {
		rep->npages = 0;
		status = 1;
		goto cleanup;
	}
	if (out_commit(&out, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		rep->npages = 0;
		status = 2;
		goto cleanup;
	}

cleanup:
	out_close(&out);
	layouts_free(&lay);
	site_free(s);
	history_free(h);
	source_free(src);
	history_git_shutdown();
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
