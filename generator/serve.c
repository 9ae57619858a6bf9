/* serve: a live preview while staff edit (see serve.h). */
#include "serve.h"
#include "build.h"
#include "buf.h"
#include "markup.h"
#include "diag.h"
#include "history.h"
#include "layouts.h"
#include "output.h"
#include "watch.h"

#include <git2.h>
#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Where the page listens for finished builds. Site paths never start with
 * "_" (ids start with a letter or digit), so this cannot hide a page. */
#define EVENTS_PATH "/_gongkai/events"

/* After a change, wait for this long without another before rebuilding
 * (an editor's save is often several events), but never longer than
 * DEBOUNCE_MAX_MS after the first. */
#define DEBOUNCE_MS 20
#define DEBOUNCE_MAX_MS 250
/* What a change touched. Content changes the pages' bodies: an open page
 * replaces its body in place. Layouts change styles and scripts: it
 * reloads whole. */
#define CHANGED_CONTENT 1u
#define CHANGED_LAYOUTS 2u
/* A comment line keeps an idle event stream (and proxies) awake. */
#define PING_SECONDS 15
/* Errors listed in the page's banner; the terminal has them all. */
#define BANNER_MAX 20

struct server {
	char *tmpdir;           /* the private folder of this preview (owned) */
	char *root;             /* tmpdir/site: what is served (owned) */
	struct builder *b;      /* one call per rebuild */
	pthread_mutex_t lock;   /* guards everything below */
	pthread_cond_t built;   /* signalled after each build, and on stopping */
	unsigned long gen;      /* builds finished so far, good or bad */
	unsigned long full_gen; /* the last build after a change of the layouts */
	int have_site;          /* some build succeeded: root holds a site */
	char *banner;           /* the last build's errors as HTML, or NULL when it succeeded */
	int stopping;           /* Ctrl-C: event streams end */
};

/* ---- building ------------------------------------------------------------ */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* The errors of d as the banner every preview page shows, or NULL.
 * have_site: an earlier build succeeded, and its site is what is shown. */
static char *make_banner(struct diag *d, int have_site)
{
	struct buf b = BUF_INIT, line = BUF_INIT;
	size_t shown = 0;
	if (!d->errors)
		return NULL;
	diag_sort(d);
	buf_puts(&b, "<div id=\"gongkai-preview-errors\" role=\"alert\" style=\"position:sticky;top:0;z-index:99999;max-height:40vh;overflow:auto;"
		     "margin:0;padding:12px 16px;background:#fdecea;color:#611a15;border-bottom:3px solid #b3261e;"
		     "font:14px/1.6 sans-serif\">\n");
	buf_printf(&b, "<p style=\"margin:0 0 6px;font-weight:bold\">内容有 %zu 个错误，%s"
		       "改好并保存后，这个页面会自动更新。</p>\n<ul style=\"margin:0;padding-left:20px\">\n",
		   d->errors, have_site ? "网站没有更新：下面是上一次成功生成的网站。" : "网站还没有生成。");
	for (size_t i = 0; i < d->len && shown < BANNER_MAX; i++) {
		if (d->items[i].sev != DIAG_ERROR)
			continue;
		buf_clear(&line);
		diag_format(&d->items[i], &line);
		buf_puts(&b, "<li><code style=\"white-space:pre-wrap;font:13px/1.5 monospace\">");
		markup_text(&b, line.ptr, line.len);
		buf_puts(&b, "</code></li>\n");
		shown++;
	}
	if (d->errors > shown)
		buf_printf(&b, "<li>还有 %zu 个错误，见终端窗口或运行 gongkai check。</li>\n", d->errors - shown);
	buf_puts(&b, "</ul>\n</div>\n");
	buf_free(&line);
	return buf_detach(&b);
}

/* Build once, print what happened, and tell the open pages; changed says
 * what changed since the last build. */
static void rebuild(struct server *S, struct build_report *rep, unsigned changed)
{
	struct diag d = DIAG_INIT;
	double t0 = now_ms();
	int status = builder_run(S->b, &d, rep);
	double ms = now_ms() - t0;
	time_t now = time(NULL);
	struct tm tm;
	char clock[16];

	localtime_r(&now, &tm);
	strftime(clock, sizeof(clock), "%H:%M:%S", &tm);
	diag_print(&d, stderr);
	if (rep->no_content)
		fprintf(stderr, "gongkai: error: %s\n", BUILD_NO_CONTENT);
	else if (status == 0)
		fprintf(stderr, "[%s] 已生成 %zu 个页面（%zu 个警告，%.0f 毫秒）\n", clock, rep->npages, d.warnings, ms);
	else
		fprintf(stderr, "[%s] 生成失败：%zu 个错误，%zu 个警告；浏览器里仍是上一次成功生成的网站\n",
			clock, d.errors, d.warnings);
	if (status != 0 && !d.errors)
		diag_add(&d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", rep->no_content ? BUILD_NO_CONTENT : "生成失败");
	pthread_mutex_lock(&S->lock);
	int have_site = S->have_site;
	pthread_mutex_unlock(&S->lock);
	char *banner = status == 0 ? NULL : make_banner(&d, have_site);
	pthread_mutex_lock(&S->lock);
	free(S->banner);
	S->banner = banner;
	if (status == 0)
		S->have_site = 1;
	S->gen++;
	if (changed & CHANGED_LAYOUTS)
		S->full_gen = S->gen;
	pthread_cond_broadcast(&S->built);
	pthread_mutex_unlock(&S->lock);
	diag_free(&d);
}

/* ---- answering requests -------------------------------------------------- */

static const char *mime_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ "html", "text/html; charset=utf-8" }, { "css", "text/css; charset=utf-8" },
		{ "js", "text/javascript; charset=utf-8" }, { "mjs", "text/javascript; charset=utf-8" },
		{ "json", "application/json" }, { "xml", "application/xml; charset=utf-8" },
		{ "svg", "image/svg+xml" }, { "txt", "text/plain; charset=utf-8" },
		{ "csv", "text/csv; charset=utf-8" }, { "ics", "text/calendar; charset=utf-8" },
		{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
		{ "gif", "image/gif" }, { "webp", "image/webp" }, { "avif", "image/avif" },
		{ "ico", "image/x-icon" }, { "woff", "font/woff" }, { "woff2", "font/woff2" },
		{ "ttf", "font/ttf" }, { "otf", "font/otf" }, { "pdf", "application/pdf" },
		{ "wasm", "application/wasm" },
	};
	const char *dot = strrchr(name, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* The page with the preview's additions: the banner after <body ...>, the
 * reload script before </body>. Written only into this response. Taking a
 * new page in place replaces the body only, so scripts in the body or
 * loaded from files force a reload; an inline script in the head (the
 * 大字版 switch) has done its work on the root element and the document,
 * which stay. */
static void inject(struct buf *out, const char *html, size_t len, unsigned long gen, const char *banner)
{
	const char *body = NULL, *end = NULL;
	for (size_t i = 0; i + 5 <= len; i++) {
		if (!body && strncasecmp(html + i, "<body", 5) == 0 && (html[i + 5] == '>' || html[i + 5] == ' '))
			body = memchr(html + i, '>', len - i);
		if (i + 7 <= len && strncasecmp(html + i, "</body>", 7) == 0)
			end = html + i;
	}
	size_t at_banner = body ? (size_t)(body - html) + 1 : 0;
	size_t at_script = end && (size_t)(end - html) >= at_banner ? (size_t)(end - html) : len;
	buf_put(out, html, at_banner);
	if (banner)
		buf_puts(out, banner);
	buf_put(out, html + at_banner, at_script - at_banner);
	buf_printf(out, "<script data-gongkai>/* gongkai serve, preview only: after each build, take the new "
		   "page in place, or reload it whole when the layouts changed or its body has scripts of its own */\n"
		   "(function(){var g=%lu,s=new EventSource(\"" EVENTS_PATH "\");\n"
		   "function head(d){return d.head.innerHTML.replace(/<title>[^]*?<\\/title>/,\"\");}\n"
		   "function reload(){s.close();location.reload();}\n"
		   "s.onmessage=function(e){var m=e.data.split(\" \"),n=+m[0];if(n===g)return;\n"
		   "if(+m[1]>g||document.querySelector(\"body script:not([data-gongkai]),script[src]\")){reload();return;}g=n;\n"
		   "fetch(location.href,{cache:\"no-store\"}).then(function(r){return r.text();}).then(function(t){\n"
		   "var d=new DOMParser().parseFromString(t,\"text/html\"),x=scrollX,y=scrollY;\n"
		   "if(head(d)!==head(document)){reload();return;}\n"
		   "document.title=d.title;document.body.replaceWith(d.body);scrollTo(x,y);},reload);};})();</script>\n",
		   gen);
	buf_put(out, html + at_script, len - at_script);
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned code, struct MHD_Response *r,
			     const char *type)
{
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	enum MHD_Result ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_html(struct MHD_Connection *c, unsigned code, struct server *S,
				 const char *html, size_t len)
{
	struct buf out = BUF_INIT;
	pthread_mutex_lock(&S->lock);
	inject(&out, html, len, S->gen, S->banner);
	pthread_mutex_unlock(&S->lock);
	size_t n = out.len;
	char *data = buf_detach(&out);
	struct MHD_Response *r = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
	if (!r)
		free(data);
	return queue(c, code, r, "text/html; charset=utf-8");
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(text), (void *)text,
								 MHD_RESPMEM_PERSISTENT);
	return queue(c, code, r, "text/plain; charset=utf-8");
}

/* Open the file the URL path names under root, one component at a time,
 * never following a symbolic link and never leaving root. A folder means
 * its index.html. Returns an open descriptor of a regular file, or -1;
 * *redirect is set when the path names a folder without its final '/'. */
static int open_under(const char *root, const char *url, int *redirect)
{
	int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	const char *p = url;
	int fd = -1;

	*redirect = 0;
	if (dir < 0 || *p != '/')
		goto fail;
	for (;;) {
		while (*p == '/')
			p++;
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		char name[256];
		if (n == 0) {
			/* The path ends in '/': the folder's index. */
			fd = openat(dir, "index.html", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			break;
		}
		/* No "." or "..", no hidden files, nothing that is not a name. */
		if (n >= sizeof(name) || p[0] == '.' || memchr(p, '\\', n))
			goto fail;
		memcpy(name, p, n);
		name[n] = '\0';
		int next = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0)
			goto fail;
		struct stat st;
		if (fstat(next, &st) != 0) {
			close(next);
			goto fail;
		}
		close(dir);
		dir = -1;
		if (S_ISDIR(st.st_mode)) {
			dir = next;
			if (!slash) {
				*redirect = 1;
				goto fail;
			}
			p = slash;
			continue;
		}
		if (slash || !S_ISREG(st.st_mode)) {
			close(next);
			goto fail;
		}
		fd = next;
		break;
	}
	if (dir >= 0)
		close(dir);
	if (fd >= 0) {
		struct stat st;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return -1;
		}
	}
	return fd;
fail:
	if (dir >= 0)
		close(dir);
	return -1;
}

static int read_fd(int fd, struct buf *out)
{
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(out, chunk, (size_t)n);
	return n < 0 ? -1 : 0;
}

static const char no_site_page[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>预览</title></head>\n"
	"<body>\n<main style=\"font:16px/1.6 sans-serif;margin:2em\"><h1>还没有生成成功的网站</h1>"
	"<p>改好页面顶部列出的错误并保存，预览就会出现。</p></main>\n</body>\n</html>\n";

static const char not_found_page[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"><title>找不到页面</title></head>\n"
	"<body>\n<main style=\"font:16px/1.6 sans-serif;margin:2em\"><h1>找不到页面</h1>"
	"<p><a href=\"/\">回到首页</a></p></main>\n</body>\n</html>\n";

static enum MHD_Result not_found(struct MHD_Connection *c, struct server *S)
{
	int redirect;
	int fd = open_under(S->root, "/404.html", &redirect);
	struct buf page = BUF_INIT;
	enum MHD_Result r;
	if (fd >= 0 && read_fd(fd, &page) == 0)
		r = send_html(c, MHD_HTTP_NOT_FOUND, S, page.ptr, page.len);
	else
		r = send_html(c, MHD_HTTP_NOT_FOUND, S, not_found_page, sizeof(not_found_page) - 1);
	if (fd >= 0)
		close(fd);
	buf_free(&page);
	return r;
}

/* One event stream: the build generation whenever it changes. */
struct stream {
	struct server *S;
	unsigned long sent; /* the generation last sent */
	int started;        /* the first event (the current generation) was sent */
};

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *st = cls;
	struct server *S = st->S;
	int n;
	(void)pos;
	pthread_mutex_lock(&S->lock);
	if (st->started && !S->stopping && S->gen == st->sent) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += PING_SECONDS;
		while (!S->stopping && S->gen == st->sent)
			if (pthread_cond_timedwait(&S->built, &S->lock, &until) == ETIMEDOUT)
				break;
	}
	if (S->stopping) {
		pthread_mutex_unlock(&S->lock);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (st->started && S->gen == st->sent) {
		n = snprintf(out, max, ": ping\n\n");
	} else {
		n = snprintf(out, max, "%sdata: %lu %lu\n\n", st->started ? "" : "retry: 1000\n", S->gen,
			     S->full_gen);
		st->sent = S->gen;
		st->started = 1;
	}
	pthread_mutex_unlock(&S->lock);
	return n > 0 && (size_t)n < max ? n : MHD_CONTENT_READER_END_WITH_ERROR;
}

static enum MHD_Result events(struct MHD_Connection *c, struct server *S)
{
	struct stream *st = xcalloc(1, sizeof(*st));
	st->S = S;
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, stream_read, st, free);
	if (!r) {
		free(st);
		return MHD_NO;
	}
	return queue(c, MHD_HTTP_OK, r, "text/event-stream; charset=utf-8");
}

/* A single byte range "bytes=a-b", "bytes=a-" or "bytes=-n" of a file of
 * size bytes: 1 with [*from, *to] when it can be served, 0 when the
 * request asks for no range or for several (the whole file is sent), -1
 * when it is out of the file (416). */
static int byte_range(const char *h, uint64_t size, uint64_t *from, uint64_t *to)
{
	if (!h || strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
		return 0;
	const char *p = h + 6;
	char *end;
	if (*p == '-') {
		if (p[1] < '0' || p[1] > '9')
			return 0;
		unsigned long long n = strtoull(p + 1, &end, 10);
		if (*end)
			return 0;
		if (n == 0 || size == 0)
			return -1;
		*from = n >= size ? 0 : size - n;
		*to = size - 1;
		return 1;
	}
	if (*p < '0' || *p > '9')
		return 0;
	unsigned long long a = strtoull(p, &end, 10), b = size ? size - 1 : 0;
	if (*end != '-')
		return 0;
	if (end[1]) {
		if (end[1] < '0' || end[1] > '9')
			return 0;
		b = strtoull(end + 1, &end, 10);
		if (*end)
			return 0;
		if (b < a)
			return 0;
		if (b >= size)
			b = size ? size - 1 : 0;
	}
	if (a >= size)
		return -1;
	*from = a;
	*to = b;
	return 1;
}

/* A file, or the byte range of it the request asks for (the search index
 * is read by ranges, as from any static web server). Takes fd. */
static enum MHD_Result send_file(struct MHD_Connection *c, int fd, uint64_t size, const char *type)
{
	uint64_t from = 0, to = 0;
	int ranged = byte_range(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE), size,
				&from, &to);
	struct MHD_Response *r;
	char cr[96];
	if (ranged < 0) {
		close(fd);
		r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		snprintf(cr, sizeof(cr), "bytes */%llu", (unsigned long long)size);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
		return queue(c, MHD_HTTP_RANGE_NOT_SATISFIABLE, r, type);
	}
	/* The response owns fd from here. */
	r = ranged ? MHD_create_response_from_fd_at_offset64(to - from + 1, fd, from)
		   : MHD_create_response_from_fd(size, fd);
	if (!r) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
	if (ranged) {
		snprintf(cr, sizeof(cr), "bytes %llu-%llu/%llu", (unsigned long long)from, (unsigned long long)to,
			 (unsigned long long)size);
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
	}
	return queue(c, ranged ? MHD_HTTP_PARTIAL_CONTENT : MHD_HTTP_OK, r, type);
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			      const char *version, const char *upload, size_t *upload_size, void **state)
{
	struct server *S = cls;
	(void)version;
	(void)upload;
	(void)upload_size;

	/* The first call only announces the request's headers. */
	if (!*state) {
		*state = (void *)1;
		return MHD_YES;
	}
	if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "只能用 GET 或 HEAD 读取预览。\n");
	if (*upload_size)
		return send_text(c, MHD_HTTP_BAD_REQUEST, "请求不能带正文。\n");
	if (strcmp(url, EVENTS_PATH) == 0)
		return events(c, S);

	pthread_mutex_lock(&S->lock);
	int have_site = S->have_site;
	pthread_mutex_unlock(&S->lock);
	if (!have_site)
		return send_html(c, MHD_HTTP_SERVICE_UNAVAILABLE, S, no_site_page, sizeof(no_site_page) - 1);

	int redirect;
	int fd = open_under(S->root, url, &redirect);
	if (redirect) {
		struct buf loc = BUF_INIT;
		buf_printf(&loc, "%s/", url);
		struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, loc.ptr);
		buf_free(&loc);
		return queue(c, MHD_HTTP_MOVED_PERMANENTLY, r, "text/plain; charset=utf-8");
	}
	if (fd < 0)
		return not_found(c, S);

	const char *name = url[strlen(url) - 1] == '/' ? "index.html" : url;
	const char *type = mime_type(name);
	if (strncmp(type, "text/html", 9) == 0) {
		struct buf page = BUF_INIT;
		int bad = read_fd(fd, &page);
		close(fd);
		enum MHD_Result r = bad ? send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "无法读取文件。\n")
					: send_html(c, MHD_HTTP_OK, S, page.ptr, page.len);
		buf_free(&page);
		return r;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "无法读取文件。\n");
	}
	return send_file(c, fd, (uint64_t)st.st_size, type);
}

/* ---- starting and stopping ------------------------------------------------ */

/* A listening socket on addr:port. port -1 tries 8080 to 8099. Returns the
 * socket, or -1 after saying why; *bound is the port it got. */
static int listen_on(const char *addr, int port, int *bound)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	int family;

	memset(&ss, 0, sizeof(ss));
	if (!addr || strcmp(addr, "localhost") == 0)
		addr = "127.0.0.1";
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, addr, &v4->sin_addr) == 1) {
		family = v4->sin_family = AF_INET;
		sslen = sizeof(*v4);
	} else if (inet_pton(AF_INET6, addr, &v6->sin6_addr) == 1) {
		family = v6->sin6_family = AF_INET6;
		sslen = sizeof(*v6);
	} else {
		fprintf(stderr, "gongkai: error: \"%s\" 不是 IP 地址; --bind 写 IP 地址，如 127.0.0.1（只有本机）或 0.0.0.0（所有网卡）\n", addr);
		return -1;
	}
	int first = port < 0 ? 8080 : port, last = port < 0 ? 8099 : port;
	for (int p = first; p <= last; p++) {
		int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		int one = 1;
		if (fd < 0)
			break;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (family == AF_INET)
			v4->sin_port = htons((uint16_t)p);
		else
			v6->sin6_port = htons((uint16_t)p);
		if (bind(fd, (struct sockaddr *)&ss, sslen) == 0 && listen(fd, 64) == 0) {
			struct sockaddr_storage got;
			socklen_t glen = sizeof(got);
			getsockname(fd, (struct sockaddr *)&got, &glen);
			*bound = ntohs(family == AF_INET ? ((struct sockaddr_in *)&got)->sin_port
							 : ((struct sockaddr_in6 *)&got)->sin6_port);
			return fd;
		}
		int e = errno;
		close(fd);
		if (e != EADDRINUSE || p == last) {
			if (e == EADDRINUSE)
				fprintf(stderr, "gongkai: error: 端口 %d 已被占用; 用 -p 换一个端口，或用 -p 0 自动选择\n", p);
			else
				fprintf(stderr, "gongkai: error: 无法在 %s 端口 %d 上提供预览：%s\n", addr, p, strerror(e));
			return -1;
		}
	}
	return -1;
}

static int is_loopback(const char *addr)
{
	return !addr || strcmp(addr, "localhost") == 0 || strncmp(addr, "127.", 4) == 0 ||
	       strcmp(addr, "::1") == 0;
}

/* What to watch: content/ and layouts/ (and their appearing), the
 * shipped layouts when they are not this repository's own, and the refs,
 * so that a commit updates the commit shown on every page. */
static struct watch *start_watching(void)
{
	static const char *const top[] = { "content", "layouts", NULL };
	static const unsigned top_tags[] = { CHANGED_CONTENT, CHANGED_LAYOUTS };
	static const char *const refs[] = { "HEAD", "packed-refs", NULL };
	struct watch *w = watch_new();
	git_repository *repo = NULL;
	char *base = NULL;
	char *ours = realpath("layouts", NULL), *shipped = realpath(layouts_dir(), NULL);

	if (!w) {
		fprintf(stderr, "gongkai: error: 无法监视文件的改动：%s\n", strerror(errno));
		goto done;
	}
	int r = watch_names(w, ".", top, 1, CHANGED_CONTENT, top_tags) |
		watch_tree(w, "content", CHANGED_CONTENT) | watch_tree(w, "layouts", CHANGED_LAYOUTS);
	if (shipped && (!ours || strcmp(ours, shipped) != 0))
		r |= watch_tree(w, shipped, CHANGED_LAYOUTS);
	if (history_repo_open(&repo, &base, ".") == 0) {
		struct buf heads = BUF_INIT;
		const char *gitdir = git_repository_path(repo);
		buf_printf(&heads, "%srefs/heads", gitdir);
		r |= watch_names(w, gitdir, refs, 0, CHANGED_CONTENT, NULL) |
		     watch_tree(w, heads.ptr, CHANGED_CONTENT);
		buf_free(&heads);
	}
	if (r != 0)
		fprintf(stderr, "gongkai: warning: 有的文件夹无法监视（%s）; 文件很多时，"
			"可以调大 /proc/sys/fs/inotify/max_user_watches\n", strerror(errno));
done:
	git_repository_free(repo);
	free(base);
	free(ours);
	free(shipped);
	return w;
}

/* Where the preview is written: $TMPDIR if set; else memory (the user's
 * runtime folder, or /dev/shm), because writing a whole site to a disk on
 * every save costs more than building it; else /tmp. */
static const char *preview_parent(void)
{
	static const char *const tries[] = { "XDG_RUNTIME_DIR", NULL };
	const char *t = getenv("TMPDIR");
	struct stat st;
	if (t && *t)
		return t;
	for (const char *const *e = tries; *e; e++)
		if ((t = getenv(*e)) && *t && access(t, W_OK) == 0)
			return t;
	if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
		return "/dev/shm";
	return "/tmp";
}

int serve_run(const struct serve_opts *o)
{
	struct server S = { .lock = PTHREAD_MUTEX_INITIALIZER, .built = PTHREAD_COND_INITIALIZER };
	struct build_report rep;
	struct MHD_Daemon *mhd = NULL;
	struct watch *w = NULL;
	struct build_opts bo = { .jobs = o->jobs, .quiet = 1 };
	int sock = -1, sig = -1, port = 0, status = 2;
	sigset_t mask;
	const char *tmp = preview_parent();
	struct buf path = BUF_INIT;

	history_git_init();
	/* Signals arrive through a descriptor in the main loop; every thread
	 * started from here on inherits the blocked mask. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
	sig = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

	buf_printf(&path, "%s/gongkai-serve-XXXXXX", tmp);
	if (!mkdtemp(path.ptr)) {
		fprintf(stderr, "gongkai: error: 无法建立预览用的临时文件夹 %s：%s\n", path.ptr, strerror(errno));
		goto cleanup;
	}
	S.tmpdir = buf_detach(&path);
	buf_printf(&path, "%s/site", S.tmpdir);
	S.root = buf_detach(&path);
	bo.out = S.root;
	S.b = builder_new(&bo);

	/* Watch before the first build, so that nothing saved during it is missed. */
	w = start_watching();
	if (!w)
		goto cleanup;
	sock = listen_on(o->bind, o->port, &port);
	if (sock < 0)
		goto cleanup;
	rebuild(&S, &rep, 0);
	if (rep.no_content) {
		close(sock);
		goto cleanup;
	}
	mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
				       (strchr(o->bind ? o->bind : "", ':') ? MHD_USE_IPv6 : 0),
			       0, NULL, NULL, answer, &S,
			       MHD_OPTION_LISTEN_SOCKET, sock,
			       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
			       MHD_OPTION_END);
	if (!mhd) {
		fprintf(stderr, "gongkai: error: 无法启动预览服务\n");
		close(sock);
		goto cleanup;
	}
	{
		const char *host = o->bind && strcmp(o->bind, "0.0.0.0") != 0 && strcmp(o->bind, "::") != 0
					   ? o->bind : "127.0.0.1";
		int v6 = strchr(host, ':') != NULL;
		printf("预览：http://%s%s%s:%d/   （保存文件后页面会自动刷新；按 Ctrl-C 停止）\n",
		       v6 ? "[" : "", host, v6 ? "]" : "", port);
		if (!is_loopback(o->bind))
			printf("注意：预览在 %s 上开放，同一网络中的其他电脑也能打开它。\n", o->bind);
		fflush(stdout);
	}

	double first = 0, deadline = 0;
	int pending = 0;
	unsigned changed = 0;
	for (;;) {
		struct pollfd pf[2] = { { sig, POLLIN, 0 }, { watch_fd(w), POLLIN, 0 } };
		int timeout = -1;
		if (pending) {
			double left = deadline - now_ms();
			timeout = left > 0 ? (int)left + 1 : 0;
		}
		int n = poll(pf, 2, timeout);
		if (n < 0 && errno != EINTR)
			break;
		if (pf[0].revents & POLLIN)
			break;
		if (pf[1].revents & POLLIN) {
			unsigned tags;
			int changes = watch_read(w, &tags);
			if (changes < 0)
				break;
			changed |= tags;
			if (changes > 0) {
				double t = now_ms();
				if (!pending)
					first = t;
				pending = 1;
				deadline = t + DEBOUNCE_MS < first + DEBOUNCE_MAX_MS ? t + DEBOUNCE_MS : first + DEBOUNCE_MAX_MS;
			}
		}
		if (pending && now_ms() >= deadline) {
			pending = 0;
			rebuild(&S, &rep, changed);
			changed = 0;
		}
	}
	status = 0;
	fprintf(stderr, "\n已停止预览。\n");

cleanup:
	pthread_mutex_lock(&S.lock);
	S.stopping = 1;
	pthread_cond_broadcast(&S.built);
	pthread_mutex_unlock(&S.lock);
	if (mhd)
		MHD_stop_daemon(mhd);
	watch_free(w);
	builder_free(S.b);
	if (S.tmpdir)
		rm_tree(S.tmpdir);
	free(S.tmpdir);
	free(S.root);
	free(S.banner);
	buf_free(&path);
	if (sig >= 0)
		close(sig);
	history_git_shutdown();
	return status;
}
