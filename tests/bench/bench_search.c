/* bench_search: build a content folder's search index in memory and time
 * it, without writing files.
 *
 *     bench_search DIR      (DIR holds content/)
 *
 * Prints the documents, keys, shards and blocks, the bytes of postings and
 * of stored documents, and the time of search_write (best of three), in
 * milliseconds. Built and run by tests/bench/search.sh. */
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "layouts.h"
#include "markdown.h"
#include "model.h"
#include "search.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int discard(void *ctx, const char *path, const char *data, size_t len, char **err)
{
	(void)ctx, (void)path, (void)data, (void)len, (void)err;
	return 0;
}

/* A plan's text, read again and rendered, as the build does (build.c). */
static int plan_text(void *u, const struct plan *p, struct buf *out, struct diag *d)
{
	struct source *src = u;
	char *data = NULL, *err = NULL;
	size_t len;
	if (src->ops->read(src, p->path, &data, &len, &err) != 0) {
		free(err);
		return -1;
	}
	struct fm fm;
	if (fm_split(&fm, data, len) == FM_OK)
		md_render(out, fm.body, fm.blen, p->path, fm.body_line0, 1, d);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || chdir(argv[1]) != 0) {
		fprintf(stderr, "usage: bench_search DIR\n");
		return 2;
	}
	struct diag d = DIAG_INIT;
	struct source *src = NULL;
	struct site *s = NULL;
	struct layouts lay = { 0 };
	md_init();
	source_open_dir(&src, ".");
	if (site_load(&s, src, 0, &d) != 0) {
		fprintf(stderr, "bench_search: no content/ in %s\n", argv[1]);
		return 1;
	}
	layouts_load(&lay, src, s->language, &d);
	struct search_out o = { discard, NULL };
	struct search_text text = { plan_text, src };
	struct search_stats st;
	double best = 0;
	for (int run = 0; run < 3; run++) {
		char *err = NULL;
		double t0 = now_ms();
		search_write(s, lay.strings, &text, &o, &st, &err);
		double t = now_ms() - t0;
		if (run == 0 || t < best)
			best = t;
	}
	printf("docs %zu, keys %zu, shards %zu, blocks %zu, files %zu, postings %zu bytes, documents %zu bytes\n",
	       st.docs, st.keys, st.shards, st.blocks, st.files, st.index_bytes, st.store_bytes);
	printf("search_write: best of 3 %.0f ms\n", best);
	layouts_free(&lay);
	site_free(s);
	source_free(src);
	diag_free(&d);
	return 0;
}
