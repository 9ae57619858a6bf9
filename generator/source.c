/* source: a folder on disk, files in memory, and what every backend shares
 * (see source.h). */
#include "source.h"
#include "buf.h"
#include "diag.h"
#include "inputs.h"
#include "text.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct source_entry *)a)->name,
		      ((const struct source_entry *)b)->name);
}

void source_problem(struct source *s, const char *path, char **err, const char *hint,
		    const char *fmt, ...)
{
	struct buf m = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	if (s && s->d) {
		diag_add(s->d, DIAG_ERROR, path, 0, 0, hint, "%s", m.ptr);
		if (err)
			*err = NULL;
	} else if (err) {
		*err = buf_detach(&m);
	}
	buf_free(&m);
}

/* A name as it may be shown: bytes that are not printable UTF-8 as \xNN. */
static void put_name(struct buf *b, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(name + i, n - i, &cp);
		if ((cp == 0xFFFD && k == 1) || text_bad_char(cp)) {
			for (size_t j = 0; j < k; j++)
				buf_printf(b, "\\x%02X", (unsigned char)name[i + j]);
		} else {
			buf_put(b, name + i, k);
		}
		i += k;
	}
}

int source_name_ok(struct source *s, const char *dir, const char *name)
{
	size_t n = strlen(name);
	unsigned cp;
	if (utf8_valid(name, n) && text_find_bad(name, n, &cp) == n && !strchr(name, '\\'))
		return 1;
	struct buf p = BUF_INIT;
	if (dir[0]) {
		buf_puts(&p, dir);
		buf_putc(&p, '/');
	}
	put_name(&p, name);
	source_problem(s, p.ptr, NULL, "改用只含文字、数字、- 和 _ 的文件名",
		       "文件名含有控制字符、反斜杠或不是 UTF-8 编码，不会被读取");
	buf_free(&p);
	return 0;
}

static const char *kind_name(mode_t m)
{
	if (S_ISFIFO(m))
		return "命名管道（FIFO）";
	if (S_ISSOCK(m))
		return "套接字";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "设备文件";
	return "特殊文件";
}

/* Read an open regular file of st.st_size bytes, at most SOURCE_MAX_FILE. */
static int read_fd(int fd, const struct stat *st, char **out, size_t *len, char **why)
{
	size_t cap = (size_t)st->st_size < SOURCE_MAX_FILE ? (size_t)st->st_size : SOURCE_MAX_FILE;
	char *data = xmalloc(cap + 2);
	size_t n = 0;
	for (;;) {
		if (n == cap + 1)
			break;
		ssize_t r = read(fd, data + n, cap + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = xstrdup(strerror(errno));
			free(data);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap + 1 && cap < SOURCE_MAX_FILE) {
			/* it grew while we read: go on up to the limit */
			cap = SOURCE_MAX_FILE;
			data = xrealloc(data, cap + 2);
		}
	}
	if (n > SOURCE_MAX_FILE) {
		free(data);
		return -2;
	}
	data[n] = '\0';
	*out = data;
	*len = n;
	return 0;
}

static const char *too_big_hint = "把内容拆成几个文件，或删掉不需要的部分";

int file_read(const char *path, char **out, size_t *len, char **err)
{
	struct stat st;
	char *why = NULL;
	int fd, r;

	*out = NULL;
	*len = 0;
	if (err)
		*err = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 1;
		if (err)
			*err = xstrdup(strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (err)
			*err = xstrdup(S_ISDIR(st.st_mode) ? "是文件夹，不是文件" : kind_name(st.st_mode));
		close(fd);
		return -1;
	}
	r = read_fd(fd, &st, out, len, &why);
	close(fd);
	if (r == -2) {
		if (err) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "文件太大（超过上限 %zu MB）", SOURCE_MAX_FILE >> 20);
			*err = buf_detach(&b);
		}
		return -1;
	}
	if (r < 0) {
		if (err)
			*err = why;
		else
			free(why);
		return -1;
	}
	return 0;
}

/* ---- a folder on disk ---- */

struct dirsrc {
	char *real; /* the root, resolved */
	size_t rn;  /* its length */
};

static char *join(const char *root, const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, root);
	if (path[0]) {
		buf_putc(&b, '/');
		buf_puts(&b, path);
	}
	return buf_detach(&b);
}

/* Is resolved path p inside the root? */
static int inside(const struct dirsrc *ds, const char *p)
{
	return strncmp(p, ds->real, ds->rn) == 0 &&
	       (p[ds->rn] == '\0' || p[ds->rn] == '/' || (ds->rn == 1 && ds->real[0] == '/'));
}

/* Resolve rel (relative to the root) and check that it stays inside.
 * Returns the resolved path (malloc'd), or NULL: *missing is set when
 * nothing is there at all, else the problem has been reported. */
static char *resolve(struct source *s, const char *rel, int *missing, char **err)
{
	struct dirsrc *ds = s->impl;
	char *full = join(s->root, rel);
	char *real = realpath(full, NULL);
	struct stat st;

	*missing = 0;
	if (!real) {
		int e = errno;
		if (e == ELOOP) {
			source_problem(s, rel, err, "删掉或改正这个符号链接",
				       "符号链接绕成了循环（或层数超过 %d），不会被读取", SOURCE_MAX_LINKS);
		} else if ((e == ENOENT || e == ENOTDIR) && lstat(full, &st) == 0 && S_ISLNK(st.st_mode)) {
			char target[4096];
			ssize_t n = readlink(full, target, sizeof(target) - 1);
			target[n > 0 ? n : 0] = '\0';
			source_problem(s, rel, err, "删掉这个符号链接，或让它指向仓库里存在的文件",
				       "符号链接指向不存在的文件（%s）", target);
		} else if (e == ENOENT || e == ENOTDIR) {
			*missing = 1;
		} else {
			source_problem(s, rel, err, NULL, "无法读取：%s", strerror(e));
		}
		free(full);
		return NULL;
	}
	if (!inside(ds, real)) {
		/* Name the target as the link gives it: that is what to fix. */
		char target[4096];
		ssize_t n = lstat(full, &st) == 0 && S_ISLNK(st.st_mode)
				    ? readlink(full, target, sizeof(target) - 1) : -1;
		target[n > 0 ? n : 0] = '\0';
		source_problem(s, rel, err, "把文件本身放进仓库，或删掉这个链接",
			       "这是指向仓库之外的符号链接（%s），不会被读取", n > 0 ? target : real);
		free(real);
		real = NULL;
	}
	free(full);
	return real;
}

static int dir_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	struct source_entry *v = NULL;
	size_t len = 0, cap = 0;
	struct dirent *de;
	int missing;
	char *real = resolve(s, dir, &missing, NULL);
	DIR *d;

	*out = NULL;
	*n = 0;
	if (!real)
		return 1;
	d = opendir(real);
	if (!d) {
		if (errno != ENOENT && errno != ENOTDIR)
			source_problem(s, dir, NULL, NULL, "无法读取文件夹：%s", strerror(errno));
		free(real);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue; /* ., .., and hidden files such as editors' swap files */
		if (!source_name_ok(s, dir, de->d_name))
			continue;
		char *rel = dir[0] ? join(dir, de->d_name) : xstrdup(de->d_name);
		char *p = join(real, de->d_name);
		struct stat st;
		int ok = lstat(p, &st) == 0;
		if (ok && S_ISLNK(st.st_mode)) {
			char *target = resolve(s, rel, &missing, NULL);
			ok = target && stat(target, &st) == 0;
			free(target);
			if (!ok) {
				free(p);
				free(rel);
				continue; /* reported */
			}
		}
		free(p);
		if (!ok || !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			if (ok)
				source_problem(s, rel, NULL, "删掉它：网站只读取普通文件和文件夹",
					       "这是%s，不是普通文件，不会被读取", kind_name(st.st_mode));
			free(rel);
			continue;
		}
		free(rel);
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[len].name = xstrdup(de->d_name);
		v[len].is_dir = S_ISDIR(st.st_mode);
		len++;
	}
	closedir(d);
	free(real);
	if (len > 1)
		qsort(v, len, sizeof(*v), entry_cmp);
	*out = v;
	*n = len;
	return 0;
}

static int dir_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	struct stat st;
	char *why = NULL;
	int missing, fd, r;
	char *real = resolve(s, path, &missing, err);

	*out = NULL;
	*len = 0;
	if (!real)
		return missing ? 1 : -1;
	/* Not blocking on a named pipe; not following a link swapped in since. */
	fd = open(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	free(real);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		source_problem(s, path, err, NULL, "无法读取：%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			source_problem(s, path, err, "这里应该是一个文件", "这是文件夹，不是文件");
		else
			source_problem(s, path, err, "删掉它：网站只读取普通文件和文件夹",
				       "这是%s，不是普通文件，不会被读取", kind_name(st.st_mode));
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > SOURCE_MAX_FILE) {
		close(fd);
		r = -2;
	} else {
		r = read_fd(fd, &st, out, len, &why);
		close(fd);
	}
	if (r == -2) {
		source_problem(s, path, err, too_big_hint, "文件太大（超过上限 %zu MB）",
			       SOURCE_MAX_FILE >> 20);
		return -1;
	}
	if (r < 0) {
		source_problem(s, path, err, NULL, "无法读取：%s", why);
		free(why);
		return -1;
	}
	return 0;
}

static void dir_free(struct source *s)
{
	struct dirsrc *ds = s->impl;
	if (ds)
		free(ds->real);
	free(ds);
	s->impl = NULL;
}

static const struct source_ops dir_ops = { dir_list, dir_read, dir_free };

int source_open_dir(struct source **out, const char *root)
{
	struct source *s = xcalloc(1, sizeof(*s));
	struct dirsrc *ds = xcalloc(1, sizeof(*ds));
	s->ops = &dir_ops;
	s->root = xstrdup(root);
	s->impl = ds;
	ds->real = realpath(root, NULL);
	if (!ds->real)
		ds->real = xstrdup("/nonexistent/"); /* lists nothing, reads nothing */
	ds->rn = strlen(ds->real);
	*out = s;
	return 0;
}

/* ---- files in memory ---- */

struct memfile {
	char *path;
	char *data;
	size_t len;
	size_t seq; /* order given: a later file of the same path wins */
};

struct memsrc {
	struct memfile *f; /* sorted by path */
	size_t n;
};

static int memfile_cmp(const void *a, const void *b)
{
	const struct memfile *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c || !x->data || !y->data)
		return c; /* a search key has no data */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int mem_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	struct memsrc *m = s->impl;
	size_t dn = strlen(dir), len = 0;
	struct source_entry *v = xcalloc(m->n + 1, sizeof(*v));
	int found = 0;

	for (size_t i = 0; i < m->n; i++) {
		const char *p = m->f[i].path;
		if (dn) {
			if (strncmp(p, dir, dn) != 0 || p[dn] != '/')
				continue;
			p += dn + 1;
		}
		found = 1;
		const char *slash = strchr(p, '/');
		size_t k = slash ? (size_t)(slash - p) : strlen(p);
		if (!k || p[0] == '.')
			continue;
		if (len && strlen(v[len - 1].name) == k && strncmp(v[len - 1].name, p, k) == 0)
			continue; /* sorted paths: a folder's files are one run */
		v[len].name = xstrndup(p, k);
		if (!source_name_ok(s, dir, v[len].name)) {
			free(v[len].name);
			continue;
		}
		v[len].is_dir = slash != NULL;
		len++;
	}
	if (len > 1)
		qsort(v, len, sizeof(*v), entry_cmp);
	*out = v;
	*n = len;
	if (!found) {
		source_entries_free(v, len);
		*out = NULL;
		*n = 0;
	}
	return found ? 0 : 1;
}

static int mem_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	struct memsrc *m = s->impl;
	struct memfile key = { (char *)path, NULL, 0, 0 };
	struct memfile *f = bsearch(&key, m->f, m->n, sizeof(*m->f), memfile_cmp);
	*out = NULL;
	*len = 0;
	if (!f) {
		size_t n = strlen(path);
		for (size_t i = 0; i < m->n; i++)
			if (strncmp(m->f[i].path, path, n) == 0 && m->f[i].path[n] == '/') {
				source_problem(s, path, err, "这里应该是一个文件", "这是文件夹，不是文件");
				return -1;
			}
		return 1;
	}
	if (f->len > SOURCE_MAX_FILE) {
		source_problem(s, path, err, too_big_hint, "文件太大（超过上限 %zu MB）",
			       SOURCE_MAX_FILE >> 20);
		return -1;
	}
	*out = xstrndup(f->data, f->len);
	*len = f->len;
	return 0;
}

static void mem_free(struct source *s)
{
	struct memsrc *m = s->impl;
	for (size_t i = 0; m && i < m->n; i++) {
		free(m->f[i].path);
		free(m->f[i].data);
	}
	if (m)
		free(m->f);
	free(m);
	s->impl = NULL;
}

static const struct source_ops mem_ops = { mem_list, mem_read, mem_free };

int source_open_mem(struct source **out, const char *const *paths, const char *const *data,
		    const size_t *lens, size_t n)
{
	struct source *s = xcalloc(1, sizeof(*s));
	struct memsrc *m = xcalloc(1, sizeof(*m));
	s->ops = &mem_ops;
	s->root = xstrdup("");
	s->impl = m;
	m->f = xcalloc(n + 1, sizeof(*m->f));
	for (size_t i = 0; i < n; i++) {
		m->f[m->n].path = xstrdup(paths[i]);
		m->f[m->n].data = xstrndup(data[i], lens[i]);
		m->f[m->n].len = lens[i];
		m->f[m->n].seq = i;
		m->n++;
	}
	if (m->n > 1)
		qsort(m->f, m->n, sizeof(*m->f), memfile_cmp);
	/* a later file of the same path wins */
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (k && strcmp(m->f[k - 1].path, m->f[i].path) == 0) {
			free(m->f[k - 1].path);
			free(m->f[k - 1].data);
			k--;
		}
		m->f[k++] = m->f[i];
	}
	m->n = k;
	*out = s;
	return 0;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	if (s->ops && s->ops->free)
		s->ops->free(s);
	free(s->root);
	free(s);
}

/* Where the record of a read names path: as opened from the current
 * folder for a folder on disk ("content/x" under "."), else as given. */
static char *track_path(const struct source *s, const char *path)
{
	if (s->ops != &dir_ops || strcmp(s->root, ".") == 0)
		return xstrdup(path);
	return join(s->root, path);
}

int source_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	int r = s->ops->list(s, dir, out, n);
	if (s->track && r >= 0) {
		char *p = track_path(s, dir);
		if (r == 0) {
			const char **names = xcalloc(*n + 1, sizeof(*names));
			int *dirs = xcalloc(*n + 1, sizeof(*dirs));
			for (size_t i = 0; i < *n; i++) {
				names[i] = (*out)[i].name;
				dirs[i] = (*out)[i].is_dir;
			}
			struct digest listing;
			inputs_listing(&listing, names, dirs, *n);
			inputs_dir(s->track, p, s->ops == &dir_ops, &listing);
			free(names);
			free(dirs);
		}
		else
			inputs_absent(s->track, p, s->ops == &dir_ops);
		free(p);
	}
	return r;
}

void source_entries_free(struct source_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].name);
	free(e);
}

int source_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	if (err)
		*err = NULL;
	int r = s->ops->read(s, path, out, len, err);
	if (s->track && r >= 0) {
		char *p = track_path(s, path);
		if (r == 0)
			inputs_file(s->track, p, s->ops == &dir_ops, *out, *len);
		else
			inputs_absent(s->track, p, s->ops == &dir_ops);
		free(p);
	}
	return r;
}
