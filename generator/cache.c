#include "cache.h"
#include "bin.h"
#include "buf.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "gongkai cache 1\n"

char *cache_path(const struct cache *c, const char *name)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", c->dir, name);
	return buf_detach(&b);
}

void cache_index_free(struct cache_index *ix)
{
	inputs_free(&ix->in);
	for (size_t i = 0; i < ix->njobs; i++) {
		free(ix->jobs[i].files);
		diag_free(&ix->jobs[i].diags);
	}
	free(ix->jobs);
	free(ix->standby);
	diag_free(&ix->diags);
	free(ix->data);
	memset(ix, 0, sizeof(*ix));
}

/* ---- reading and writing the index ---- */

static void put_diags(struct buf *b, const struct diag *d)
{
	bin_u32(b, (uint32_t)d->len);
	for (size_t i = 0; i < d->len; i++) {
		const struct diag_item *it = &d->items[i];
		bin_u8(b, it->sev);
		bin_str(b, it->file);
		bin_u32(b, it->line);
		bin_u32(b, it->col);
		bin_str(b, it->msg);
		bin_str(b, it->hint);
	}
}

static void get_diags(struct rbin *r, struct diag *d)
{
	uint32_t n = rbin_count(r, 17);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		unsigned sev = rbin_u8(r);
		char *file = rbin_str(r);
		unsigned line = rbin_u32(r), col = rbin_u32(r);
		char *msg = rbin_str(r), *hint = rbin_str(r);
		if (!msg || sev > DIAG_ERROR)
			r->bad = 1;
		else
			diag_add(d, (enum diag_sev)sev, file, line, col, hint, "%s", msg);
		free(file);
		free(msg);
		free(hint);
	}
}

static void put_files(struct buf *b, const struct cache_file *f, size_t n)
{
	bin_u32(b, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		bin_str(b, f[i].path);
		bin_bytes(b, f[i].blob.b, DIGEST_LEN);
	}
}

/* sorted: each path after the one before (the standby's list) */
static struct cache_file *get_files(struct rbin *r, size_t *n, int sorted)
{
	*n = rbin_count(r, 5 + DIGEST_LEN);
	struct cache_file *f = xcalloc(*n + 1, sizeof(*f));
	for (size_t i = 0; i < *n && !r->bad; i++) {
		f[i].path = (char *)rbin_cstr(r);
		rbin_bytes(r, f[i].blob.b, DIGEST_LEN);
		if (!f[i].path || (sorted && i && strcmp(f[i - 1].path, f[i].path) >= 0))
			r->bad = 1;
	}
	return f;
}

static void put_index(struct buf *b, const struct cache_index *ix)
{
	buf_puts(b, MAGIC);
	bin_str(b, ix->identity);
	bin_u8(b, (unsigned)ix->has_head);
	bin_bytes(b, ix->has_head == 1 ? ix->head : "0000000000000000000000000000000000000000", 40);
	bin_u64(b, ix->site_ino);
	bin_u64(b, ix->standby_ino);
	bin_u64(b, ix->npages);
	bin_u32(b, (uint32_t)ix->in.n);
	for (size_t i = 0; i < ix->in.n; i++) {
		const struct input *e = &ix->in.v[i];
		bin_str(b, e->path);
		bin_u8(b, e->kind);
		bin_u8(b, (unsigned)(e->racy | e->tree << 1));
		bin_u64(b, (uint64_t)e->st.mtime);
		bin_u64(b, (uint64_t)e->st.ctime);
		bin_u64(b, e->st.size);
		bin_u64(b, e->st.ino);
		bin_bytes(b, e->blob.b, DIGEST_LEN);
	}
	bin_u32(b, (uint32_t)ix->njobs);
	for (size_t i = 0; i < ix->njobs; i++) {
		const struct cache_job *j = &ix->jobs[i];
		bin_str(b, j->key);
		bin_bytes(b, j->deps.b, DIGEST_LEN);
		put_files(b, j->files, j->nfiles);
		put_diags(b, &j->diags);
	}
	put_files(b, ix->standby, ix->nstandby);
	put_diags(b, &ix->diags);
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cache_file *)a)->path, ((const struct cache_file *)b)->path);
}

static int job_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cache_job *)a)->key, ((const struct cache_job *)b)->key);
}

/* Read a whole file in one read of its size. Returns 0, or -1. */
static int slurp(const char *path, char **out, size_t *len)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	*out = NULL;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	size_t n = (size_t)st.st_size, off = 0;
	char *data = xmalloc(n + 1);
	while (off < n) {
		ssize_t k = read(fd, data + off, n - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	close(fd);
	if (off != n) {
		free(data);
		return -1;
	}
	data[n] = '\0';
	*out = data;
	*len = n;
	return 0;
}

/* Read the index at path into ix. Returns 0, or -1 (ix is then empty). */
static int read_index(const char *path, struct cache_index *ix)
{
	size_t len;
	memset(ix, 0, sizeof(*ix));
	inputs_init(&ix->in);
	ix->in.borrowed = 1;
	if (slurp(path, &ix->data, &len) != 0)
		return -1;
	struct rbin r;
	rbin_init(&r, ix->data, len);
	char magic[sizeof(MAGIC) - 1];
	rbin_bytes(&r, magic, sizeof(magic));
	if (memcmp(magic, MAGIC, sizeof(magic)) != 0)
		r.bad = 1;
	ix->identity = (char *)rbin_cstr(&r);
	ix->has_head = rbin_u8(&r);
	rbin_bytes(&r, ix->head, 40);
	ix->head[40] = '\0';
	ix->site_ino = rbin_u64(&r);
	ix->standby_ino = rbin_u64(&r);
	ix->npages = rbin_u64(&r);
	/* Everything was written sorted: checked here, not sorted again. */
	uint32_t n = rbin_count(&r, 5 + 2 + 32 + DIGEST_LEN);
	ix->in.v = xcalloc(n + 1, sizeof(*ix->in.v));
	ix->in.cap = n + 1;
	for (uint32_t i = 0; i < n && !r.bad; i++) {
		struct input *e = &ix->in.v[ix->in.n++];
		e->path = (char *)rbin_cstr(&r);
		e->kind = rbin_u8(&r);
		unsigned flags = rbin_u8(&r);
		e->racy = flags & 1;
		e->tree = (flags >> 1) & 1;
		e->st.mtime = (int64_t)rbin_u64(&r);
		e->st.ctime = (int64_t)rbin_u64(&r);
		e->st.size = rbin_u64(&r);
		e->st.ino = rbin_u64(&r);
		rbin_bytes(&r, e->blob.b, DIGEST_LEN);
		if (!e->path || e->kind > INPUT_WATCH)
			r.bad = 1;
		else if (i) {
			int c = strcmp(e[-1].path, e->path);
			if (c > 0 || (c == 0 && e[-1].kind >= e->kind))
				r.bad = 1;
		}
	}
	ix->njobs = rbin_count(&r, 5 + DIGEST_LEN + 8);
	ix->jobs = xcalloc(ix->njobs + 1, sizeof(*ix->jobs));
	for (size_t i = 0; i < ix->njobs && !r.bad; i++) {
		struct cache_job *j = &ix->jobs[i];
		j->key = (char *)rbin_cstr(&r);
		rbin_bytes(&r, j->deps.b, DIGEST_LEN);
		j->files = get_files(&r, &j->nfiles, 0);
		get_diags(&r, &j->diags);
		if (!j->key || (i && strcmp(j[-1].key, j->key) >= 0))
			r.bad = 1;
	}
	ix->standby = get_files(&r, &ix->nstandby, 1);
	get_diags(&r, &ix->diags);
	if (r.p != r.end)
		r.bad = 1;
	if (r.bad) {
		cache_index_free(ix);
		return -1;
	}
	return 0;
}

static int write_whole(const char *path, const char *data, size_t len)
{
	/* A new file, never through a link left in the cache's folder. */
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	return close(fd);
}

int cache_write(struct cache *c, struct cache_index *ix)
{
	struct buf b = BUF_INIT;
	if (ix->njobs > 1)
		qsort(ix->jobs, ix->njobs, sizeof(*ix->jobs), job_cmp);
	put_index(&b, ix);
	char *p = cache_path(c, "index.new");
	int r = write_whole(p, b.ptr, b.len);
	if (r != 0)
		unlink(p);
	free(p);
	buf_free(&b);
	return r;
}

void cache_commit(struct cache *c)
{
	char *from = cache_path(c, "index.new"), *to = cache_path(c, "index");
	rename(from, to);
	free(from);
	free(to);
	cache_journal_done(c);
}

void cache_drop(struct cache *c)
{
	char *p = cache_path(c, "index");
	unlink(p);
	free(p);
	if (c->loaded)
		cache_index_free(&c->ix);
	c->loaded = 0;
}

/* ---- the journal ---- */

int cache_journal(struct cache *c, char *const *paths, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		buf_puts(&b, paths[i]);
		buf_putc(&b, '\n');
	}
	char *p = cache_path(c, "journal");
	int r = write_whole(p, b.ptr, b.len);
	free(p);
	buf_free(&b);
	return r;
}

void cache_journal_done(struct cache *c)
{
	char *p = cache_path(c, "journal");
	unlink(p);
	free(p);
}

/* The files a build that died was changing in the standby may be anything
 * now: say so in the index read. */
static void apply_journal(struct cache *c)
{
	char *p = cache_path(c, "journal"), *data = NULL, *err = NULL;
	size_t len;
	int r = file_read(p, &data, &len, &err);
	free(p);
	free(err);
	if (r != 0)
		return;
	struct cache_index *ix = &c->ix;
	c->journal_data = data; /* the paths below point into it */
	size_t add = 0;
	for (size_t i = 0; i < len; i++)
		add += data[i] == '\n';
	ix->standby = xrealloc(ix->standby, (ix->nstandby + add + 1) * sizeof(*ix->standby));
	size_t n = ix->nstandby;
	for (char *line = data, *nl; (nl = memchr(line, '\n', len - (size_t)(line - data))) != NULL; line = nl + 1) {
		*nl = '\0';
		struct cache_file *f = (struct cache_file *)cache_standby(ix, line);
		if (f) {
			memset(&f->blob, 0, sizeof(f->blob));
		} else if (*line) {
			ix->standby[n].path = line;
			memset(&ix->standby[n].blob, 0, sizeof(ix->standby[n].blob));
			n++;
		}
	}
	ix->nstandby = n;
	if (n > 1)
		qsort(ix->standby, n, sizeof(*ix->standby), file_cmp);
}

/* ---- opening ---- */

static uint64_t ino_of(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? (uint64_t)st.st_ino : 0;
}

/* Make folder b->ptr, or find it there: a folder of its own, never a
 * symbolic link (a repository could bring one, pointing anywhere, and the
 * cache writes and removes files in it). */
static int real_dir(struct buf *b, char **err)
{
	struct stat st;
	if (mkdir(b->ptr, 0755) != 0 && errno != EEXIST)
		return -1;
	if (lstat(b->ptr, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		struct buf e = BUF_INIT;
		buf_printf(&e, "生成缓存的位置 %s 是%s，为免写到别处没有使用它，这次完整生成; 删掉它，gongkai 会自己建立这个文件夹",
			   b->ptr, S_ISLNK(st.st_mode) ? "符号链接" : "文件，不是文件夹");
		*err = buf_detach(&e);
		return -1;
	}
	return 0;
}

int cache_open(struct cache *c, const char *out, const char *identity, char **err)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(out);
	memset(c, 0, sizeof(*c));
	c->lock = -1;
	*err = NULL;
	while (n > 1 && out[n - 1] == '/')
		n--;
	const char *slash = memrchr(out, '/', n);
	if (slash)
		buf_put(&b, out, (size_t)(slash - out) + 1);
	buf_puts(&b, ".gongkai-cache");
	if (real_dir(&b, err) != 0)
		goto fail;
	buf_putc(&b, '/');
	buf_put(&b, slash ? slash + 1 : out, slash ? n - (size_t)(slash - out) - 1 : n);
	if (real_dir(&b, err) != 0)
		goto fail;
	c->dir = buf_detach(&b);

	char *p = cache_path(c, "lock");
	c->lock = open(p, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
	free(p);
	struct stat st;
	if (c->lock < 0 || flock(c->lock, LOCK_EX) != 0 || futimens(c->lock, NULL) != 0 ||
	    fstat(c->lock, &st) != 0)
		goto fail;
	c->start = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;

	/* A build that died after putting its site in place left the index
	 * describing it as index.new. */
	char *outpath = xstrndup(out, n);
	uint64_t site = ino_of(outpath);
	free(outpath);
	struct cache_index nx;
	p = cache_path(c, "index.new");
	if (read_index(p, &nx) == 0 && site && nx.site_ino == site && nx.identity &&
	    strcmp(nx.identity, identity) == 0) {
		cache_index_free(&nx);
		cache_commit(c);
	} else {
		cache_index_free(&nx);
		unlink(p);
	}
	free(p);

	p = cache_path(c, "index");
	if (read_index(p, &c->ix) == 0 && c->ix.identity && strcmp(c->ix.identity, identity) == 0) {
		c->loaded = 1;
		apply_journal(c);
	} else {
		cache_index_free(&c->ix);
	}
	free(p);
	return 0;

fail:
	if (!*err) {
		struct buf e = BUF_INIT;
		buf_printf(&e, "无法使用生成缓存 %s：%s", c->dir ? c->dir : b.ptr, strerror(errno));
		*err = buf_detach(&e);
	}
	buf_free(&b);
	cache_close(c);
	return -1;
}

void cache_close(struct cache *c)
{
	if (c->loaded)
		cache_index_free(&c->ix);
	free(c->journal_data);
	c->journal_data = NULL;
	c->loaded = 0;
	if (c->lock >= 0)
		close(c->lock);
	c->lock = -1;
	free(c->dir);
	c->dir = NULL;
}

const struct cache_job *cache_job(const struct cache_index *ix, const char *key)
{
	size_t lo = 0, hi = ix->njobs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(ix->jobs[mid].key, key);
		if (!r)
			return &ix->jobs[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct cache_file *cache_standby(const struct cache_index *ix, const char *path)
{
	size_t lo = 0, hi = ix->nstandby;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int r = strcmp(ix->standby[mid].path, path);
		if (!r)
			return &ix->standby[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void site_stamp_text(struct buf *b, const char *out)
{
	struct stamp st;
	if (stamp_of(out, &st) == 0)
		buf_printf(b, "%lld %lld %llu\n", (long long)st.mtime, (long long)st.ctime,
			   (unsigned long long)st.ino);
}

int cache_site_ok(const struct cache *c, const char *out)
{
	struct buf now = BUF_INIT;
	char *p = cache_path(c, "site"), *data = NULL;
	size_t len;
	site_stamp_text(&now, out);
	int ok = now.len && slurp(p, &data, &len) == 0 && len == now.len && memcmp(data, now.ptr, len) == 0;
	free(data);
	free(p);
	buf_free(&now);
	return ok;
}

void cache_site_saved(const struct cache *c, const char *out)
{
	struct buf now = BUF_INIT;
	char *p = cache_path(c, "site");
	site_stamp_text(&now, out);
	if (!now.len || write_whole(p, now.ptr, now.len) != 0)
		unlink(p);
	free(p);
	buf_free(&now);
}
