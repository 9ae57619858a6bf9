#include "output.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static char *errmsg(const char *what, const char *path)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s：%s", what, path, strerror(errno));
	return buf_detach(&b);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 0)
		return 0; /* the folder itself: after its marker */
	if (ftw->level == 1 && strcmp(path + ftw->base, OUT_MARKER) == 0)
		return 0;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int rm_tree(const char *path)
{
	struct buf m = BUF_INIT;
	int r = nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	buf_printf(&m, "%s/%s", path, OUT_MARKER);
	unlink(m.ptr);
	buf_free(&m);
	return r == 0 && rmdir(path) == 0 ? 0 : -1;
}

/* Does folder dir carry the marker with no live build holding it? */
static int stale(const char *dir)
{
	struct stat st;
	struct buf m = BUF_INIT;
	int r = 0;
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	buf_printf(&m, "%s/%s", dir, OUT_MARKER);
	if (lstat(m.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
		int fd = open(m.ptr, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
			r = 1; /* released by closing */
		if (fd >= 0)
			close(fd);
	}
	buf_free(&m);
	return r;
}

/* Is name "<base>.tmp-XXXXXX" or "<base>.old-XXXXXX"? 't' or 'o', or 0. */
static int leftover_kind(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strlen(name) != n + 11)
		return 0;
	const char *p = name + n;
	int kind = strncmp(p, ".tmp-", 5) == 0 ? 't' : strncmp(p, ".old-", 5) == 0 ? 'o' : 0;
	for (int i = 5; kind && i < 11; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			kind = 0;
	}
	return kind;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove what killed builds left beside target; if the target itself is
 * missing and an old site was left aside, put it back. */
void out_clean_leftovers(const char *path)
{
	size_t len = strlen(path);
	while (len > 1 && path[len - 1] == '/')
		len--;
	char *target = xstrndup(path, len);
	const char *slash = strrchr(target, '/');
	char *parent = slash ? xstrndup(target, slash == target ? 1 : (size_t)(slash - target)) : xstrdup(".");
	const char *base = slash ? slash + 1 : target;
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(parent);
	struct dirent *e;
	struct stat st;
	struct buf p = BUF_INIT;

	while (d && (e = readdir(d)) != NULL) {
		if (!leftover_kind(e->d_name, base))
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 8) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	int restore = lstat(target, &st) != 0 && errno == ENOENT;
	for (size_t i = 0; i < n; i++) {
		buf_clear(&p);
		buf_printf(&p, "%s/%s", parent, names[i]);
		if (!stale(p.ptr)) {
			/* A build killed between making its folder and its marker
			 * leaves it empty: removing an empty folder loses nothing. */
			if (leftover_kind(names[i], base) == 't')
				rmdir(p.ptr);
			free(names[i]);
			continue;
		}
		if (restore && leftover_kind(names[i], base) == 'o' && rename(p.ptr, target) == 0)
			restore = 0;
		else
			rm_tree(p.ptr);
		free(names[i]);
	}
	free(names);
	free(parent);
	free(target);
	buf_free(&p);
}

/* Is resolved path p inside (or equal to) resolved folder dir? */
static int within(const char *p, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return 1;
	return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

int out_place(const char *target, char **err, const char **hint)
{
	static const char *const inputs[] = { "content", "layouts" };
	struct buf b = BUF_INIT;
	size_t n = strlen(target);
	int r = 0;

	*err = NULL;
	*hint = "换一个在内容仓库和它的 content/、layouts/ 之外的输出位置（-o），默认是 site";
	while (n > 1 && target[n - 1] == '/')
		n--;
	char *t = xstrndup(target, n);
	const char *slash = strrchr(t, '/');
	const char *base = slash ? slash + 1 : t;
	/* Where it is: resolved as it stands, or (not there yet) its folder. */
	char *full = realpath(t, NULL);
	if (!full) {
		char *parent = slash ? xstrndup(t, slash == t ? 1 : (size_t)(slash - t)) : xstrdup(".");
		char *rp = realpath(parent, NULL);
		struct stat st;
		if (rp && (stat(rp, &st) != 0 || !S_ISDIR(st.st_mode))) {
			free(rp);
			rp = NULL;
		}
		if (rp) {
			buf_printf(&b, "%s%s%s", rp, strcmp(rp, "/") == 0 ? "" : "/", base);
			full = buf_detach(&b);
		} else {
			buf_printf(&b, "输出位置 %s 所在的 %s 不是一个存在的文件夹", t, parent);
			*hint = "先建立这个文件夹，或换一个输出位置（-o）";
			r = -1;
		}
		free(rp);
		free(parent);
	}
	char *repo = realpath(".", NULL);
	if (r == 0 && full && repo && within(repo, full)) {
		buf_printf(&b, "输出文件夹 %s 就是内容仓库，或者包含了它（%s），生成的网站会替换掉它", t, repo);
		r = -1;
	}
	for (size_t i = 0; r == 0 && full && i < sizeof(inputs) / sizeof(*inputs); i++) {
		char *in = realpath(inputs[i], NULL);
		if (!in && repo) {
			/* not there yet: a site written there would be read once it is */
			buf_printf(&b, "%s/%s", strcmp(repo, "/") == 0 ? "" : repo, inputs[i]);
			in = buf_detach(&b);
		}
		if (in && within(full, in)) {
			buf_printf(&b, "输出文件夹 %s 是 %s/ 或在它里面，生成的网站会被下一次生成当作输入读取", t, inputs[i]);
			r = -1;
		}
		free(in);
	}
	struct stat st;
	if (r == 0 && stat(t, &st) == 0 && !S_ISDIR(st.st_mode)) {
		buf_printf(&b, "输出位置 %s 已存在且不是文件夹", t);
		*hint = "换一个输出位置（-o），或者先移走这个文件";
		r = -1;
	}
	if (r == 0 && (n == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 || base[0] == '\0')) {
		buf_printf(&b, "输出位置 \"%s\" 的最后一段不是文件夹的名字", t);
		*hint = "写成以文件夹名字结尾的路径，例如 site 或 ../site";
		r = -1;
	}
	if (r != 0)
		*err = buf_detach(&b);
	buf_free(&b);
	free(repo);
	free(full);
	free(t);
	return r;
}

/* 1 if dir is empty (or missing), 0 if not, -1 on error. */
static int dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;
	if (!d)
		return errno == ENOENT ? 1 : -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* The target as o->target, checked: a folder gongkai wrote, an empty one,
 * or nothing yet. */
static int check_target(struct out *o, const char *target, char **err)
{
	struct stat st;
	struct buf b = BUF_INIT;

	memset(o, 0, sizeof(*o));
	*err = NULL;
	size_t n = strlen(target);
	while (n > 1 && target[n - 1] == '/')
		n--;
	o->target = xstrndup(target, n);
	out_clean_leftovers(o->target);
	if (stat(o->target, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			buf_printf(&b, "输出位置 %s 已存在且不是文件夹", o->target);
			*err = buf_detach(&b);
			return -1;
		}
		buf_printf(&b, "%s/%s", o->target, OUT_MARKER);
		int ours = access(b.ptr, F_OK) == 0;
		buf_clear(&b);
		if (!ours && dir_empty(o->target) != 1) {
			buf_printf(&b, "输出文件夹 %s 不是 gongkai 生成的网站（没有 %s 文件），为免误删不会覆盖它；请换一个输出位置（-o）",
				   o->target, OUT_MARKER);
			*err = buf_detach(&b);
			return -1;
		}
	}
	buf_free(&b);
	return 0;
}

int out_begin(struct out *o, const char *target, char **err)
{
	struct buf b = BUF_INIT;
	if (check_target(o, target, err) != 0)
		return -1;
	buf_printf(&b, "%s.tmp-XXXXXX", o->target);
	o->tmp = buf_detach(&b);
	if (!mkdtemp(o->tmp)) {
		*err = errmsg("无法建立临时文件夹", o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	chmod(o->tmp, 0755);
	/* The marker first, locked: a leftover if this build dies. */
	buf_printf(&b, "%s/%s", o->tmp, OUT_MARKER);
	o->lock = open(b.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	o->locked = o->lock >= 0;
	if (o->lock < 0 || flock(o->lock, LOCK_EX) != 0 || write(o->lock, "gongkai\n", 8) != 8) {
		*err = errmsg("无法写入", b.ptr);
		buf_free(&b);
		return -1;
	}
	buf_free(&b);
	return 0;
}

int out_begin_standby(struct out *o, const char *target, const char *standby, char **err)
{
	if (check_target(o, target, err) != 0)
		return -1;
	if (mkdir(standby, 0755) != 0 && errno != EEXIST) {
		*err = errmsg("无法建立文件夹", standby);
		return -1;
	}
	o->tmp = xstrdup(standby);
	o->standby = 1;
	return 0;
}

int out_mkdirs(struct out *o, const char *rel, char **err)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, o->tmp);
	size_t base = b.len;
	buf_putc(&b, '/');
	buf_puts(&b, rel);
	for (size_t i = base + 1; i < b.len; i++) {
		if (b.ptr[i] != '/')
			continue;
		b.ptr[i] = '\0';
		if (mkdir(b.ptr, 0755) != 0 && errno != EEXIST) {
			*err = errmsg("无法建立文件夹", b.ptr);
			buf_free(&b);
			return -1;
		}
		b.ptr[i] = '/';
	}
	buf_free(&b);
	return 0;
}

/* tmp/rel (or target/rel) into p: a stack buffer when it fits. */
struct opath {
	char small[512];
	char *p;
};

static const char *opath(struct opath *op, const char *dir, const char *rel)
{
	size_t n = strlen(dir), m = strlen(rel);
	op->p = n + m + 2 <= sizeof(op->small) ? op->small : xmalloc(n + m + 2);
	memcpy(op->p, dir, n);
	op->p[n] = '/';
	memcpy(op->p + n + 1, rel, m + 1);
	return op->p;
}

static void opath_free(struct opath *op)
{
	if (op->p != op->small)
		free(op->p);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Count len more bytes of the site; an error once it passes the limit. */
static int count(struct out *o, unsigned long long len, char **err)
{
	if (atomic_fetch_add(&o->written, len) + len <= OUT_MAX_TOTAL)
		return 0;
	struct buf b = BUF_INIT;
	buf_printf(&b, "网站的总大小超过上限 %llu MB，没有生成；检查内容或模板是否重复生成了大量文字",
		   OUT_MAX_TOTAL >> 20);
	*err = buf_detach(&b);
	return -1;
}

int out_write(struct out *o, const char *rel, const char *data, size_t len, char **err)
{
	if (count(o, len, err) != 0)
		return -1;
	struct opath op;
	const char *path = opath(&op, o->tmp, rel);
	int r = 0;
	if (o->standby)
		unlink(path); /* it may be the site in place's file too */
	/* Folders are made by whoever first writes into them. */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		if (out_mkdirs(o, rel, err) != 0) {
			opath_free(&op);
			return -1;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0 || write_all(fd, data, len) != 0) {
		*err = errmsg("无法写入", path);
		r = -1;
	}
	if (fd >= 0 && close(fd) != 0 && r == 0) {
		*err = errmsg("无法写入", path);
		r = -1;
	}
	opath_free(&op);
	return r;
}

/* Copy from to to (where a link cannot be made). */
static int copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	char chunk[65536];
	ssize_t n;
	int r = out < 0 ? -1 : 0;
	while (r == 0 && (n = read(in, chunk, sizeof(chunk))) != 0)
		if (n < 0 || write_all(out, chunk, (size_t)n) != 0)
			r = -1;
	close(in);
	if (out >= 0 && close(out) != 0)
		r = -1;
	return r;
}

int out_link(struct out *o, const char *rel, char **err)
{
	struct opath from, to;
	const char *src = opath(&from, o->target, rel), *dst = opath(&to, o->tmp, rel);
	int r = 0;
	unlink(dst);
	int k = link(src, dst);
	if (k != 0 && errno == ENOENT && access(src, F_OK) == 0) {
		if (out_mkdirs(o, rel, err) != 0)
			r = -1;
		else
			k = link(src, dst);
	}
	if (r == 0 && k != 0 && (errno == EXDEV || errno == EPERM || errno == EMLINK || errno == EOPNOTSUPP))
		k = copy_file(src, dst);
	if (r == 0 && k != 0) {
		*err = errmsg("无法写入", dst);
		r = -1;
	}
	/* A file kept from the site in place counts towards its size too. */
	struct stat st;
	if (r == 0 && stat(dst, &st) == 0 && count(o, (unsigned long long)st.st_size, err) != 0)
		r = -1;
	opath_free(&from);
	opath_free(&to);
	return r;
}

void out_remove(struct out *o, const char *rel)
{
	struct opath op;
	char *path = (char *)opath(&op, o->tmp, rel);
	size_t base = strlen(o->tmp);
	if (unlink(path) == 0 || errno == ENOENT) {
		for (char *slash = strrchr(path, '/'); slash && (size_t)(slash - path) > base;
		     slash = strrchr(path, '/')) {
			*slash = '\0';
			if (rmdir(path) != 0)
				break;
		}
	}
	opath_free(&op);
}

/* The old site, now at o->tmp after an exchange: removed, or kept. */
static void put_aside(struct out *o, const char *keep)
{
	if (o->standby) {
		/* It stays where the standby was: it is the next standby. */
	} else if (!keep || rename(o->tmp, keep) != 0) {
		rm_tree(o->tmp);
	}
	free(o->tmp);
	o->tmp = NULL;
}

int out_commit(struct out *o, const char *keep, char **err)
{
	struct stat st;
	struct buf marker = BUF_INIT;
	int r = 0;
	buf_printf(&marker, "%s/%s", o->tmp, OUT_MARKER);
	int have = access(marker.ptr, F_OK) == 0;
	buf_free(&marker);
	if (!have && out_write(o, OUT_MARKER, "gongkai\n", 8, err) != 0)
		return -1;
	if (stat(o->target, &st) != 0) {
		if (rename(o->tmp, o->target) != 0) {
			*err = errmsg("无法把网站移到", o->target);
			return -1;
		}
		free(o->tmp);
		o->tmp = NULL;
		return 0;
	}
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
		put_aside(o, keep); /* o->tmp now names the old site */
		return 0;
	}
#endif
	/* No atomic exchange here: move the old site aside, then the new one in. */
	struct buf old = BUF_INIT;
	buf_printf(&old, "%s.old-XXXXXX", o->target);
	if (!mkdtemp(old.ptr) || rmdir(old.ptr) != 0 || rename(o->target, old.ptr) != 0) {
		*err = errmsg("无法替换", o->target);
		buf_free(&old);
		return -1;
	}
	if (rename(o->tmp, o->target) != 0) {
		*err = errmsg("无法把网站移到", o->target);
		rename(old.ptr, o->target);
		r = -1;
	} else if (o->standby && rename(old.ptr, o->tmp) == 0) {
		free(o->tmp);
		o->tmp = NULL;
	} else {
		o->standby = 0;
		free(o->tmp);
		o->tmp = buf_detach(&old);
		put_aside(o, keep);
	}
	buf_free(&old);
	return r;
}

void out_close(struct out *o)
{
	if (o->locked)
		close(o->lock);
	o->locked = 0;
	/* A fresh folder goes; the standby stays (the cache's journal says
	 * which of its files may have changed). */
	if (o->tmp && !o->standby)
		rm_tree(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	free(o->target);
	o->target = NULL;
}
