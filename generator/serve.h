/* serve: `gongkai serve` — a live preview while staff edit.
 *
 * Builds the site into a private temporary folder (never site/), serves
 * that folder over HTTP with libmicrohttpd, watches content/ and layouts/
 * (and the repository's refs) with inotify, and after each save rebuilds
 * with one call into the builder (build.h). An open page learns of each
 * finished build through server-sent events and reloads itself: a few
 * lines of script that only the preview's responses carry. When a build
 * fails, the terminal shows the diagnostics and every page shows them in a
 * banner at its top, while the last good site stays served.
 *
 * Only regular files under the output folder are served: no "..", no
 * hidden files, no symbolic links followed, each path opened component by
 * component with O_NOFOLLOW. It listens on 127.0.0.1 unless told
 * otherwise, and stops cleanly on Ctrl-C (SIGINT) or SIGTERM. */
#ifndef GONGKAI_SERVE_H
#define GONGKAI_SERVE_H

struct serve_opts {
	int port;         /* -1: 8080, or the next free one up to 8099; 0: any free port */
	const char *bind; /* address to listen on; NULL: 127.0.0.1 */
	int jobs;         /* render threads, as build's -j; 0: one per processor */
};

/* Serve the content repository in the current folder until a signal.
 * Returns the exit status: 0 after Ctrl-C, 2 if it cannot start. */
int serve_run(const struct serve_opts *o);

#endif
