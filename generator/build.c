#include "build.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "html.h"
#include "layouts.h"
#include "markdown.h"
#include "model.h"
#include "output.h"
#include "source.h"

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
			atomic_store(&w->failed, 1);
		} else if (out_write(w->out, w->pages[i].path, page.ptr, page.len, &wk->err) != 0) {
			atomic_store(&w->failed, 1);
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

/* Render and write every page and asset. Returns 0, or -1 (reported). */
static int write_site(const struct build_opts *o, const struct site *s, const struct layouts *lay,
		      struct out *out, size_t *npages, struct diag *d)
{
	struct arena *a = arena_new();
	struct html_page *pages;
	size_t n = html_pages(&pages, s, a);
	*npages = n;
	struct html_ctx ctx = { s, lay->set, lay->strings };
	char *err = NULL;
	int r = 0;

	/* Folders first, on one thread: workers then only write files. */
	for (size_t i = 0; i < n && r == 0; i++)
		r = out_mkdirs(out, pages[i].path, &err);
	for (size_t i = 0; i < lay->nassets && r == 0; i++) {
		char *rel = xstrdup("assets/");
		rel = xrealloc(rel, strlen(rel) + strlen(lay->assets[i].name) + 1);
		strcat(rel, lay->assets[i].name);
		r = out_mkdirs(out, rel, &err);
		if (r == 0)
			r = out_write(out, rel, lay->assets[i].data, lay->assets[i].len, &err);
		free(rel);
	}
	if (r != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		free(pages);
		arena_free(a);
		return -1;
	}

	struct work w = { .ctx = &ctx, .pages = pages, .npages = n, .out = out };
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
	free(pages);
	arena_free(a);
	return r;
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
	struct source *src = NULL;
	struct site *s = NULL;
	struct layouts lay = { 0 };
	struct out out = { 0 };
	char *err = NULL;
	int status = 0;
	size_t npages = 0;

	md_init();
	source_open_dir(&src, ".");
	if (site_load(&s, src, &d) != 0) {
		fprintf(stderr, "gongkai: error: 这里没有 content/ 文件夹; 在内容仓库的根目录运行，或用 -C 指定它\n");
		status = 2;
		goto cleanup;
	}
	layouts_load(&lay, src, s->language, &d);
	if (d.errors || o->check_only) {
		status = d.errors ? 1 : 0;
		goto report;
	}
	if (out_begin(&out, o->out, &err) != 0) {
		diag_add(&d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		status = 2;
		goto report;
	}
	if (write_site(o, s, &lay, &out, &npages, &d) != 0 || d.errors) {
		status = 1;
		goto report;
	}
	if (out_commit(&out, &err) != 0) {
		diag_add(&d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		status = 2;
		goto report;
	}

report:
	diag_print(&d, stderr);
	summary(o, &d, npages);
cleanup:
	out_close(&out);
	layouts_free(&lay);
	site_free(s);
	source_free(src);
	diag_free(&d);
	return status;
}
