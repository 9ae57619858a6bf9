#include "build.h"
#include "arena.h"
#include "buf.h"
#include "atom.h"
#include "diag.h"
#include "gitsrc.h"
#include "history.h"
#include "html.h"
#include "layouts.h"
#include "markdown.h"
#include "model.h"
#include "output.h"
#include "source.h"

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Shared by the render workers; each page is taken by exactly one. */
struct work {
	const struct html_ctx *ctx;
	const struct html_page *pages;
	char (*blobs)[41];    /* per page: its git blob id, for the manifest */
	size_t npages;
	struct out *out;
	atomic_size_t next;   /* next page to take */
	atomic_int failed;    /* set by any worker on error */
};

struct worker {
	struct work *w;
	struct diag d;   /* this worker's reports, merged after */
	char *err;       /* first write error, or NULL */
	pthread_t thread;
};

/* The id git gives a file with these bytes: anyone can check a copy of
 * the site against its manifest with `git hash-object`. */
static void blob_id(char out[41], const char *data, size_t len)
{
	git_oid oid;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) != 0)
		memset(&oid, 0, sizeof(oid));
	git_oid_tostr(out, 41, &oid);
}

/* A file of the site other than the HTML pages. */
struct extra {
	char *path;    /* relative to the site root (owned) */
	char blob[41];
};

static int extra_cmp(const void *a, const void *b)
{
	return strcmp(((const struct extra *)a)->path, ((const struct extra *)b)->path);
}

static void *render_pages(void *arg)
{
	struct worker *wk = arg;
	struct work *w = wk->w;
	struct buf page = BUF_INIT;
	size_t i;
	while ((i = atomic_fetch_add(&w->next, 1)) < w->npages) {
		if (atomic_load(&w->failed))
			break;
		struct arena *a = arena_new();
		buf_clear(&page);
		if (html_render(&page, w->ctx, &w->pages[i], a, &wk->d) != 0) {
			diag_add(&wk->d, DIAG_ERROR, w->pages[i].path, 0, 0, NULL,
				 "这个页面没有生成（原因见模板的报错）");
			atomic_store(&w->failed, 1);
		} else if (out_write(w->out, w->pages[i].path, page.ptr, page.len, &wk->err) != 0) {
			atomic_store(&w->failed, 1);
		} else {
			blob_id(w->blobs[i], page.ptr, page.len);
		}
		arena_free(a);
	}
	buf_free(&page);
	return NULL;
}

static int cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* Write one file that is not an HTML page, and remember it for the manifest. */
static int write_extra(struct out *out, const char *rel, const char *data, size_t len,
		       struct extra *list, size_t *n, char **err)
{
	if (out_mkdirs(out, rel, err) != 0 || out_write(out, rel, data, len, err) != 0)
		return -1;
	list[*n].path = xstrdup(rel);
	blob_id(list[*n].blob, data, len);
	(*n)++;
	return 0;
}

/* Render and write every page, asset and feed, then the manifest of them
 * all. Returns 0, or -1 (reported). */
static int write_site(const struct build_opts *o, const struct site *s, const struct layouts *lay,
		      struct out *out, size_t *npages, struct diag *d)
{
	struct arena *a = arena_new();
	struct html_page *pages;
	size_t n = html_pages(&pages, s, a);
	struct html_ctx ctx = { s, lay->set, lay->strings };
	struct extra *extras = xcalloc(lay->nassets + 8, sizeof(*extras));
	size_t nextras = 0;
	char *err = NULL;
	int r = 0;

	*npages = n;
	/* Folders first, on one thread: workers then only write files. */
	for (size_t i = 0; i < n && r == 0; i++)
		r = out_mkdirs(out, pages[i].path, &err);
	for (size_t i = 0; i < lay->nassets && r == 0; i++)
		r = write_extra(out, arena_printf(a, "assets/%s", lay->assets[i].name),
				lay->assets[i].data, lay->assets[i].len, extras, &nextras, &err);
	if (r == 0 && s->identity.conac_image) /* the 党政机关网站标识, from content/ */
		r = write_extra(out, s->identity.conac_image, s->identity.conac_data, s->identity.conac_len,
				extras, &nextras, &err);
	if (r == 0) {
		struct buf feed = BUF_INIT;
		atom_feed(&feed, s, lay->strings);
		r = write_extra(out, "changes.xml", feed.ptr, feed.len, extras, &nextras, &err);
		buf_free(&feed);
	}
	if (r != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		goto done;
	}

	struct work w = { .ctx = &ctx, .pages = pages, .npages = n, .out = out };
	w.blobs = xcalloc(n + 1, sizeof(*w.blobs));
	int nthreads = o->jobs > 0 ? o->jobs : cpu_count();
	if ((size_t)nthreads > n)
		nthreads = n ? (int)n : 1;
	struct worker *wk = xcalloc((size_t)nthreads, sizeof(*wk));
	for (int t = 0; t < nthreads; t++)
		wk[t].w = &w;
	/* The calling thread is worker 0. */
	for (int t = 1; t < nthreads; t++)
		if (pthread_create(&wk[t].thread, NULL, render_pages, &wk[t]) != 0)
			oom();
	render_pages(&wk[0]);
	for (int t = 1; t < nthreads; t++)
		pthread_join(wk[t].thread, NULL);
	for (int t = 0; t < nthreads; t++) {
		diag_merge(d, &wk[t].d);
		if (wk[t].err) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", wk[t].err);
			free(wk[t].err);
		}
	}
	r = atomic_load(&w.failed) ? -1 : 0;
	free(wk);

	/* The manifest: every file with its git blob id, sorted by path. */
	if (r == 0) {
		struct extra *all = xcalloc(n + nextras + 1, sizeof(*all));
		for (size_t i = 0; i < n; i++) {
			all[i].path = (char *)pages[i].path;
			memcpy(all[i].blob, w.blobs[i], 41);
		}
		memcpy(all + n, extras, nextras * sizeof(*extras));
		if (n + nextras > 1)
			qsort(all, n + nextras, sizeof(*all), extra_cmp);
		struct buf m = BUF_INIT;
		buf_puts(&m, "# gongkai manifest: git blob id and path of every file of this site\n");
		if (s->has_history)
			buf_printf(&m, "# built from commit %s%s\n", s->commit, s->dirty ? " with uncommitted changes" : "");
		for (size_t i = 0; i < n + nextras; i++)
			buf_printf(&m, "%s %s\n", all[i].blob, all[i].path);
		if (out_write(out, "manifest.txt", m.ptr, m.len, &err) != 0) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
			free(err);
			r = -1;
		}
		buf_free(&m);
		free(all);
	}
	free(w.blobs);
done:
	for (size_t i = 0; i < nextras; i++)
		free(extras[i].path);
	free(extras);
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
	src->d = d;
	struct diag hd = DIAG_INIT;
	int hr = history_read(&h, ".", o->ref, "content/", &hd);
	if (hr < 0) {
		/* A corrupt or oversized history: the site is still built from
		 * the files, without what only the history knows. */
		for (size_t i = 0; i < hd.len; i++)
			diag_add(d, DIAG_WARNING, hd.items[i].file, hd.items[i].line, hd.items[i].col,
				 hd.items[i].hint, "%s；网站照常生成，但不显示发布日期、更新记录和目标调整记录",
				 hd.items[i].msg);
		h = NULL;
		hr = 2;
	} else {
		diag_merge(d, &hd);
	}
	diag_free(&hd);
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
		summary(o, &d, rep.npages);
	}
	builder_free(b);
	diag_free(&d);
	return status;
}
