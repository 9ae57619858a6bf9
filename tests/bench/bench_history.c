/* bench_history: time history_read on a repository.
 *
 *     bench_history REPO [REF [PREFIX]]     (default HEAD, content/)
 *
 * Prints the commits walked, the commits and files with history, and the
 * time of the first read (what a build pays: one read in a fresh process)
 * and the median of five, in milliseconds. Built and run by
 * tests/bench/history.sh. */
#include "diag.h"
#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *repo = argc > 1 ? argv[1] : ".";
	const char *ref = argc > 2 ? argv[2] : "HEAD";
	const char *prefix = argc > 3 ? argv[3] : "content/";
	double t5[5];
	size_t events = 0, major = 0;

	for (int run = 0; run < 5; run++) {
		struct diag d = DIAG_INIT;
		struct history *h = NULL;
		double t0 = now_ms();
		int r = history_read(&h, repo, ref, prefix, &d);
		double t = now_ms() - t0;
		if (r != 0) {
			diag_print(&d, stderr);
			fprintf(stderr, "bench_history: history_read returned %d\n", r);
			diag_free(&d);
			return 1;
		}
		if (run == 0) {
			for (size_t i = 0; i < h->nfiles; i++) {
				events += h->files[i].nevents;
				for (size_t k = 0; k < h->files[i].nevents; k++)
					major += h->files[i].events[k].note != NULL;
			}
			printf("commits %zu (%zu with changes under %s), files %zu, events %zu (%zu major)\n",
			       h->walked, h->ncommits, prefix, h->nfiles, events, major);
		}
		t5[run] = t;
		history_free(h);
		diag_free(&d);
	}
	double first = t5[0];
	for (int i = 1; i < 5; i++) /* sort: the median is the middle one */
		for (int k = i; k > 0 && t5[k - 1] > t5[k]; k--) {
			double x = t5[k];
			t5[k] = t5[k - 1];
			t5[k - 1] = x;
		}
	printf("history_read: first %.0f ms, median of 5 %.0f ms\n", first, t5[2]);
	return 0;
}
