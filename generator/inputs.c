#include "inputs.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
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
	for (size_t i = 0; i < in->n; i++)
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

void inputs_dir(struct inputs *in, const char *path, int stat)
{
	struct input e = { 0 };
	e.path = xstrdup(path);
	e.kind = INPUT_DIR;
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
		if (k && strcmp(in->v[k - 1].path, e->path) == 0 && in->v[k - 1].kind == e->kind) {
			free(e->path); /* read twice: the first reading stands */
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

int inputs_changed(const struct inputs *in, const char **what)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct input *e = &in->v[i];
		struct stamp st;
		int same;
		if (e->tree) {
			same = 1; /* the commit built from says (the caller compares it) */
		} else if (e->kind == INPUT_ABSENT) {
			same = stamp_of(e->path, &st) != 0 && errno == ENOENT;
		} else if (!e->st.mtime) {
			same = 0; /* never stamped: cannot tell */
		} else if (stamp_of(e->path, &st) != 0) {
			same = 0;
		} else if (!e->racy) {
			same = stamp_eq(&st, &e->st);
		} else if (e->kind == INPUT_DIR) {
			same = 0;
		} else {
			struct digest d;
			same = st.size == e->st.size && hash_file(e->path, &d) == 0 && digest_eq(&d, &e->blob);
		}
		if (!same) {
			if (what)
				*what = e->path;
			return 1;
		}
	}
	return 0;
}
