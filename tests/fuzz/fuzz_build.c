/* The whole build of a content folder, from an archive.
 *
 * The archive is text. A line beginning "@@ " starts an entry:
 *
 *     @@ path               a file: the lines up to the next "@@ " line
 *     @@ path -> target     a symbolic link to target (anything at all)
 *     @@ path |             a named pipe
 *     @@ path %SIZE         a file of SIZE bytes, all holes (at most 64 MiB)
 *
 * Paths are relative, made of parts of [A-Za-z0-9._-] that are not "." or
 * "..", at most 8 deep and 200 bytes; other entries are skipped. The folder
 * is built (`gongkai build`, one thread) beside a file CANARY that no
 * build may publish; the output must hold no trace of it and no
 * javascript: in an href or src. */
#include "fuzz.h"

#include "build.h"
#include "markdown.h"
#include "output.h"
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define CANARY "gongkai-canary-5e1f0c9a"

static char work[4096], home[4096];

static void done(void)
{
	if (chdir(home) == 0)
		rm_tree(work);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *tmp = getenv("TMPDIR");
	snprintf(work, sizeof(work), "%s/gongkai-fuzz-build-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(work) || !getcwd(home, sizeof(home)))
		abort();
	char p[4200];
	snprintf(p, sizeof(p), "%s/CANARY", work);
	FILE *f = fopen(p, "w");
	if (!f)
		abort();
	fputs(CANARY "\n", f);
	fclose(f);
	setenv("GIT_CEILING_DIRECTORIES", work, 1);
	atexit(done);
	md_init();
	tpl_max_steps = 200000;
	return 0;
}

static int path_ok(const char *p, size_t n)
{
	int depth = 1;
	size_t part = 0;
	if (!n || n > 200 || p[0] == '/')
		return 0;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? p[i] : '/';
		if (c == '/') {
			if (!part || (part == 1 && p[i - 1] == '.') ||
			    (part == 2 && p[i - 1] == '.' && p[i - 2] == '.'))
				return 0;
			part = 0;
			if (i < n && ++depth > 8)
				return 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
		part++;
	}
	return 1;
}

/* Create the folders above path (relative to the current folder). */
static void parents(char *path)
{
	for (char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(path, 0755);
		*s = '/';
	}
}

static void entry(const char *head, size_t hn, const char *body, size_t bn)
{
	char path[256], *arrow;
	char line[512];
	if (hn >= sizeof(line))
		return;
	memcpy(line, head, hn);
	line[hn] = 0;
	size_t n = strcspn(line, " ");
	if (!path_ok(line, n) || n >= sizeof(path))
		return;
	memcpy(path, line, n);
	path[n] = 0;
	parents(path);
	const char *rest = line + n;
	while (*rest == ' ')
		rest++;
	if ((arrow = strstr(line + n, "-> ")) != NULL) {
		(void)!symlink(arrow + 3, path);
	} else if (rest[0] == '|') {
		mkfifo(path, 0644);
	} else if (rest[0] == '%') {
		long long size = atoll(rest + 1);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			(void)!ftruncate(fd, size < 0 ? 0 : size > (64LL << 20) ? (64LL << 20) : size);
			close(fd);
		}
	} else {
		FILE *f = fopen(path, "wb");
		if (f) {
			fwrite(body, 1, bn, f);
			fclose(f);
		}
	}
}

static void unpack(const char *a, size_t n)
{
	const char *head = NULL, *body = NULL;
	size_t hn = 0;
	for (size_t i = 0; i <= n;) {
		int at = i + 3 <= n && (i == 0 || a[i - 1] == '\n') && memcmp(a + i, "@@ ", 3) == 0;
		if (at || i == n) {
			if (head)
				entry(head, hn, body, (size_t)(a + i - body));
			if (i == n)
				break;
			head = a + i + 3;
			const char *nl = memchr(head, '\n', n - (size_t)(head - a));
			hn = nl ? (size_t)(nl - head) : n - (size_t)(head - a);
			body = nl ? nl + 1 : a + n;
			i = (size_t)(body - a);
			continue;
		}
		i++;
	}
}

static int ieq_prefix(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if ((*s | 0x20) != *prefix)
			return 0;
	return 1;
}

/* Nothing of the canary, and no javascript: link, anywhere in dir. */
static void inspect(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char p[8192];
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) != 0)
			continue;
		FUZZ_ASSERT(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
		if (S_ISDIR(st.st_mode)) {
			inspect(p);
			continue;
		}
		FILE *f = fopen(p, "rb");
		char *buf = malloc((size_t)st.st_size + 1);
		size_t got = f ? fread(buf, 1, (size_t)st.st_size, f) : 0;
		buf[got] = 0;
		if (f)
			fclose(f);
		FUZZ_ASSERT(!memmem(buf, got, CANARY, strlen(CANARY)));
		for (char *q = buf; (q = memchr(q, '=', got - (size_t)(q - buf))) != NULL; q++) {
			if (q + 2 > buf + got || q[1] != '"')
				continue;
			if ((q - buf >= 4 && ieq_prefix(q - 4, "href")) || (q - buf >= 3 && ieq_prefix(q - 3, "src")))
				FUZZ_ASSERT(!ieq_prefix(q + 2, "javascript:"));
		}
		free(buf);
	}
	if (d)
		closedir(d);
}

static void clean(const char *name)
{
	char p[4200];
	snprintf(p, sizeof(p), "%s/%s", work, name);
	struct stat st;
	if (lstat(p, &st) == 0)
		rm_tree(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char site[4200];
	clean("site");
	clean("out");
	clean(".gongkai-cache"); /* each input built afresh, alone */
	snprintf(site, sizeof(site), "%s/site", work);
	FUZZ_ASSERT(mkdir(site, 0755) == 0 && chdir(site) == 0);
	unpack((const char *)data, size);

	struct build_opts o = { .out = "../out", .jobs = 1, .quiet = 1 };
	int saved = dup(2), null = open("/dev/null", O_WRONLY);
	fflush(stderr);
	dup2(null, 2);
	int status = build_run(&o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(null);
	FUZZ_ASSERT(status >= 0 && status <= 2);
	char out[4200];
	snprintf(out, sizeof(out), "%s/out", work);
	inspect(out);
	FUZZ_ASSERT(chdir(home) == 0);
	return 0;
}
