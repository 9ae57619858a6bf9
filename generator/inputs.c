#include "inputs.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void inputs_init(struct inputs *in)
{
	memset(in, 0, sizeof(*in));
	pthread_mutex_init(&in->lock, NULL);
}

void inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->n && !in->borrowed; i++)
		free(in->v[i].path);
	free(in->v);
	pthread_mutex_destroy(&in->lock);
	memset(in, 0, sizeof(*in));
}

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

int stamp_of(const char *path, struct stamp *st)
{
	struct stat s;
	if (lstat(path, &s) != 0) {
		memset(st, 0, sizeof(*st));
		return -1;
	}
	st->mtime = ns(&s.st_mtim);
	st->ctime = ns(&s.st_ctim);
	st->size = S_ISDIR(s.st_mode) ? 0 : (uint64_t)s.st_size;
	st->ino = (uint64_t)s.st_ino;
	return 0;
}

int stamp_eq(const struct stamp *a, const struct stamp *b)
{
	return a->mtime == b->mtime && a->ctime == b->ctime && a->size == b->size && a->ino == b->ino;
}

static void push(struct inputs *in, struct input *e)
{
	pthread_mutex_lock(&in->lock);
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		in->v = xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	in->v[in->n++] = *e;
	pthread_mutex_unlock(&in->lock);
}

void inputs_add(struct inputs *in, const struct input *e)
{
	struct input c = *e;
	if (!in->borrowed)
		c.path = xstrdup(e->path);
	push(in, &c);
}

void inputs_file(struct inputs *in, const char *path, int stat, const void *data, size_t len)
{
	struct input e = { 0 };
	e.path = xstrdup(path);
	if (stat)
		stamp_of(path, &e.st);
	else
		e.tree = 1;
	const struct input *k = in->known && stat ? inputs_find(in->known, path) : NULL;
	if (k && k->kind == INPUT_FILE && !k->racy && k->st.mtime && stamp_eq(&k->st, &e.st) && k->st.size == len) {
		e.blob = k->blob;
	} else {
		blob_id(&e.blob, data, len);
		__atomic_add_fetch(&in->hashed, 1, __ATOMIC_RELAXED);
	}
	push(in, &e);
}

void inputs_dir(struct inputs *in, const char *path, int stat, const struct digest *listing)
{
	struct input e = { 0 };
	e.path = xstrdup(path);
	e.kind = INPUT_DIR;
	e.blob = *listing;
	if (stat)
		stamp_of(path, &e.st);
	else
		e.tree = 1;
	push(in, &e);
}

void inputs_absent(struct inputs *in, const char *path, int stat)
{
	struct input e = { 0 };
	e.path = xstrdup(path);
	e.kind = INPUT_ABSENT;
	e.tree = !stat;
	push(in, &e);
	const char *slash = strrchr(path, '/');
	if (stat && slash && slash > path) {
		/* Its folder's stamp says whether anything was added there. */
		struct input w = { 0 };
		w.path = xstrndup(path, (size_t)(slash - path));
		w.kind = INPUT_WATCH;
		if (stamp_of(w.path, &w.st) == 0)
			push(in, &w);
		else
			free(w.path);
	}
}

void inputs_listing(struct digest *out, const char *const *names, const int *is_dir, size_t n)
{
	struct dg g;
	dg_init(&g);
	for (size_t i = 0; i < n; i++) {
		dg_str(&g, names[i]);
		dg_u64(&g, (uint64_t)is_dir[i]);
	}
	dg_final(&g, out);
}

static int input_cmp(const void *a, const void *b)
{
	const struct input *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (int)x->kind - (int)y->kind;
}

void inputs_finish(struct inputs *in)
{
	if (in->n > 1)
		qsort(in->v, in->n, sizeof(*in->v), input_cmp);
	size_t k = 0;
	for (size_t i = 0; i < in->n; i++) {
		struct input *e = &in->v[i];
		if (k && strcmp(in->v[k - 1].path, e->path) == 0 &&
		    (in->v[k - 1].kind == e->kind || (e->kind == INPUT_WATCH && in->v[k - 1].kind == INPUT_DIR))) {
			/* read twice: the first reading stands; a folder listed
			 * needs no watching */
			if (!in->borrowed)
				free(e->path);
			continue;
		}
		if (in->start && (e->st.mtime >= in->start || e->st.ctime >= in->start))
			e->racy = 1;
		in->v[k++] = *e;
	}
	in->n = k;
}

const struct input *inputs_find(const struct inputs *in, const char *path)
{
	size_t lo = 0, hi = in->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(in->v[mid].path, path);
		if (c == 0) {
			/* a file before a folder of the same name */
			while (mid > 0 && strcmp(in->v[mid - 1].path, path) == 0)
				mid--;
			return &in->v[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t inputs_under(const struct inputs *in, const char *prefix, size_t *first)
{
	size_t n = strlen(prefix), lo = 0, hi = in->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(in->v[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t k = lo;
	while (k < in->n && strncmp(in->v[k].path, prefix, n) == 0)
		k++;
	return k - lo;
}

/* Read a whole file and give its blob id; -1 if it cannot be read. */
static int hash_file(const char *path, struct digest *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		buf_free(&b);
		return -1;
	}
	blob_id(out, b.ptr, b.len);
	buf_free(&b);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List a folder as a folder source does (source.c: names not starting
 * with '.', regular files and folders, sorted) and digest the listing. */
static int list_digest(const char *path, struct digest *out)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	int *dirs = NULL;
	size_t n = 0, cap = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		struct buf p = BUF_INIT;
		struct stat st;
		buf_printf(&p, "%s/%s", path, de->d_name);
		int ok = stat(p.ptr, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
		buf_free(&p);
		if (!ok)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		/* the flag rides behind the name's NUL until sorted */
		size_t len = strlen(de->d_name);
		names[n] = xmalloc(len + 2);
		memcpy(names[n], de->d_name, len + 1);
		names[n][len + 1] = S_ISDIR(st.st_mode) ? 1 : 0;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	dirs = xcalloc(n + 1, sizeof(*dirs));
	for (size_t i = 0; i < n; i++)
		dirs[i] = names[i][strlen(names[i]) + 1];
	inputs_listing(out, (const char *const *)names, dirs, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dirs);
	return 0;
}

/* Is one input (not an absent one) as it was? */
static int same(const struct input *e)
{
	struct stamp st;
	struct digest d;
	if (e->tree)
		return 1; /* the commit built from says (the caller compares it) */
	if (!e->st.mtime || stamp_of(e->path, &st) != 0)
		return 0;
	if (!e->racy && stamp_eq(&st, &e->st))
		return 1;
	switch (e->kind) {
	case INPUT_FILE:
		return st.size == e->st.size && hash_file(e->path, &d) == 0 && digest_eq(&d, &e->blob);
	case INPUT_DIR:
		return list_digest(e->path, &d) == 0 && digest_eq(&d, &e->blob);
	default:
		return 0; /* a watched folder changed: its absent files are looked for */
	}
}

struct check {
	const struct inputs *in;
	unsigned char *ok;     /* per input: checked and as it was */
	size_t from, to;
	atomic_int *changed;   /* index + 1 of an input that changed, or 0 */
};

static void *check_range(void *arg)
{
	struct check *c = arg;
	for (size_t i = c->from; i < c->to && !atomic_load(c->changed); i++) {
		const struct input *e = &c->in->v[i];
		if (e->kind == INPUT_ABSENT)
			continue;
		c->ok[i] = same(e);
		if (!c->ok[i] && e->kind != INPUT_WATCH) {
			int none = 0;
			atomic_compare_exchange_strong(c->changed, &none, (int)(i + 1));
		}
	}
	return NULL;
}

int inputs_changed(const struct inputs *in, const char **what)
{
	unsigned char *ok = xcalloc(in->n + 1, 1);
	atomic_int changed = 0;
	/* Files and folders on two threads (stat is most of the time); then
	 * absent files, unless their folder's stamp held. */
	struct check a = { in, ok, 0, in->n / 2, &changed }, b = { in, ok, in->n / 2, in->n, &changed };
	pthread_t t;
	int threaded = in->n > 256 && pthread_create(&t, NULL, check_range, &a) == 0;
	if (!threaded)
		check_range(&a);
	check_range(&b);
	if (threaded)
		pthread_join(t, NULL);
	size_t bad = (size_t)atomic_load(&changed);
	for (size_t i = 0; i < in->n && !bad; i++) {
		const struct input *e = &in->v[i];
		if (e->kind != INPUT_ABSENT || e->tree)
			continue;
		const char *slash = strrchr(e->path, '/');
		if (slash && slash > e->path) {
			char *dir = xstrndup(e->path, (size_t)(slash - e->path));
			const struct input *w = inputs_find(in, dir);
			free(dir);
			if (w && (w->kind == INPUT_DIR || w->kind == INPUT_WATCH) && ok[w - in->v])
				continue;
		}
		struct stamp st;
		if (!(stamp_of(e->path, &st) != 0 && errno == ENOENT))
			bad = i + 1;
	}
	free(ok);
	if (bad && what)
		*what = in->v[bad - 1].path;
	return bad != 0;
}
