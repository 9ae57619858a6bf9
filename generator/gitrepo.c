/* gitrepo: libgit2 set-up, and the guarded object database (gitrepo.h). */
#include "gitrepo.h"
#include "arena.h"
#include "buf.h"
#include "strmap.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

void history_git_init(void)
{
	git_libgit2_init();
	/* Like git itself, do not re-hash every object read: git fsck
	 * verifies a repository. Re-hashing a 10,000-entry tree per commit
	 * is otherwise four fifths of a walk. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

void history_git_shutdown(void)
{
	git_libgit2_shutdown();
}

const char *history_git_error(void)
{
	const git_error *e = git_error_last();
	return e && e->message ? e->message : "未知错误";
}

/* ---- checking a loose object ---- */

enum { OBJ_OK, OBJ_ABSENT, OBJ_BAD };

/* Check the loose object file for id under objdir. OBJ_ABSENT if there is
 * none (the object is packed, or missing: libgit2 says which); OBJ_BAD
 * after setting libgit2's error. */
/* Parse a loose object's header "<type> <size>" (hn bytes, no NUL) into
 * *size; 0, or -1 if it is not one. */
static int parse_head(const char *h, size_t hn, size_t *size)
{
	static const char *const types[] = { "commit ", "tree ", "blob ", "tag " };
	size_t i = 0, k;
	for (k = 0; k < 4; k++) {
		size_t tl = strlen(types[k]);
		if (hn > tl && memcmp(h, types[k], tl) == 0) {
			i = tl;
			break;
		}
	}
	if (k == 4 || (h[i] == '0' && hn > i + 1))
		return -1;
	*size = 0;
	for (; i < hn; i++) {
		if (h[i] < '0' || h[i] > '9' || *size > GITREPO_MAX_OBJECT)
			return -1;
		*size = *size * 10 + (size_t)(h[i] - '0');
	}
	return 0;
}

/* Check the loose object file for id under objdir. OBJ_ABSENT if there is
 * none (the object is packed, or missing: libgit2 says which); OBJ_BAD
 * after setting libgit2's error. */
static int loose_check(const char *objdir, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1], path[4096], head[32];
	unsigned char in[16384], out[16384];
	z_stream z;
	struct stat st;
	const char *why = NULL;
	size_t total = 0, hn = 0, declared = 0;
	int fd, zr = Z_OK, eof = 0, have_head = 0;

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%s/%.2s/%s", objdir, hex, hex + 2);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return OBJ_ABSENT;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		git_error_set(GIT_ERROR_ODB, "git 对象 %s 不是普通文件", hex);
		return OBJ_BAD;
	}
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		close(fd);
		git_error_set_oom();
		return OBJ_BAD;
	}
	while (zr != Z_STREAM_END && !why) {
		if (z.avail_in == 0) {
			ssize_t n = eof ? 0 : read(fd, in, sizeof(in));
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				why = "无法读取";
				break;
			}
			if (n == 0) {
				/* all input given, and inflate wants more */
				why = "文件被截断";
				break;
			}
			z.next_in = in;
			z.avail_in = (uInt)n;
		}
		z.next_out = out;
		z.avail_out = sizeof(out);
		zr = inflate(&z, Z_NO_FLUSH);
		size_t got = sizeof(out) - z.avail_out;
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			why = "压缩数据损坏";
			break;
		}
		if (zr == Z_BUF_ERROR && got == 0 && z.avail_in) {
			why = "压缩数据损坏"; /* no progress with input and room: never */
			break;
		}
		for (size_t i = 0; i < got && !have_head && !why; i++) {
			if (out[i] == 0) {
				have_head = 1;
				if (parse_head(head, hn, &declared) != 0)
					why = "对象头损坏";
				else if (declared > GITREPO_MAX_OBJECT)
					why = "对象太大";
			} else if (hn < sizeof(head)) {
				head[hn++] = (char)out[i];
			} else {
				why = "对象头损坏";
			}
		}
		total += got;
		if (have_head && total > hn + 1 + declared)
			why = "数据比对象头声明的长";
	}
	inflateEnd(&z);
	close(fd);
	if (!why && (!have_head || total != hn + 1 + declared))
		why = !have_head ? "对象头损坏" : "文件被截断";
	if (why) {
		git_error_set(GIT_ERROR_ODB, "git 对象 %s 已损坏（%s）", hex, why);
		return OBJ_BAD;
	}
	return OBJ_OK;
}

/* A loose backend that checks each object before the real one reads it. */
struct guard {
	git_odb_backend parent;
	git_odb_backend *inner;
	char *objdir;
	pthread_mutex_t lock;
	struct strmap ok;   /* raw ids already checked */
	struct arena *keys; /* their bytes */
};

static int checked(struct guard *g, const git_oid *id)
{
	int r;
	pthread_mutex_lock(&g->lock);
	if (strmap_get(&g->ok, id->id, GIT_OID_RAWSZ) != STRMAP_NONE) {
		pthread_mutex_unlock(&g->lock);
		return 0;
	}
	r = loose_check(g->objdir, id);
	if (r != OBJ_BAD) {
		char *k = arena_alloc(g->keys, GIT_OID_RAWSZ);
		memcpy(k, id->id, GIT_OID_RAWSZ);
		strmap_set(&g->ok, k, GIT_OID_RAWSZ, 1);
	}
	pthread_mutex_unlock(&g->lock);
	return r == OBJ_BAD ? GIT_ERROR : 0;
}

#define INNER(b) (((struct guard *)(b))->inner)

static int g_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b,
		  const git_oid *id)
{
	if (checked((struct guard *)b, id) < 0)
		return GIT_ERROR;
	return INNER(b)->read(data, len, type, INNER(b), id);
}

static int g_read_prefix(git_oid *full, void **data, size_t *len, git_object_t *type,
			 git_odb_backend *b, const git_oid *id, size_t n)
{
	git_oid found;
	int r = INNER(b)->exists_prefix(&found, INNER(b), id, n);
	if (r < 0)
		return r;
	if (checked((struct guard *)b, &found) < 0)
		return GIT_ERROR;
	return INNER(b)->read_prefix(full, data, len, type, INNER(b), id, n);
}

static int g_read_header(size_t *len, git_object_t *type, git_odb_backend *b, const git_oid *id)
{
	if (checked((struct guard *)b, id) < 0)
		return GIT_ERROR;
	return INNER(b)->read_header(len, type, INNER(b), id);
}

static int g_readstream(git_odb_stream **s, size_t *len, git_object_t *type, git_odb_backend *b,
			const git_oid *id)
{
	if (checked((struct guard *)b, id) < 0)
		return GIT_ERROR;
	return INNER(b)->readstream(s, len, type, INNER(b), id);
}

static int g_write(git_odb_backend *b, const git_oid *id, const void *data, size_t len,
		   git_object_t type)
{
	return INNER(b)->write(INNER(b), id, data, len, type);
}

static int g_writestream(git_odb_stream **s, git_odb_backend *b, git_object_size_t len,
			 git_object_t type)
{
	return INNER(b)->writestream(s, INNER(b), len, type);
}

static int g_exists(git_odb_backend *b, const git_oid *id)
{
	return INNER(b)->exists(INNER(b), id);
}

static int g_exists_prefix(git_oid *out, git_odb_backend *b, const git_oid *id, size_t n)
{
	return INNER(b)->exists_prefix(out, INNER(b), id, n);
}

static int g_foreach(git_odb_backend *b, git_odb_foreach_cb cb, void *payload)
{
	return INNER(b)->foreach(INNER(b), cb, payload);
}

static int g_freshen(git_odb_backend *b, const git_oid *id)
{
	return INNER(b)->freshen(INNER(b), id);
}

static void g_free(git_odb_backend *b)
{
	struct guard *g = (struct guard *)b;
	g->inner->free(g->inner);
	strmap_free(&g->ok);
	arena_free(g->keys);
	pthread_mutex_destroy(&g->lock);
	free(g->objdir);
	free(g);
}

static int add_guarded(git_odb *odb, const char *objdir, int alternate)
{
	git_odb_backend *loose = NULL, *pack = NULL;
	struct guard *g;

	if (git_odb_backend_pack(&pack, objdir) < 0)
		return -1;
	if ((alternate ? git_odb_add_alternate(odb, pack, 2) : git_odb_add_backend(odb, pack, 2)) < 0) {
		pack->free(pack);
		return -1;
	}
	if (git_odb_backend_loose(&loose, objdir, -1, 0, 0, 0) < 0)
		return -1;
	g = xcalloc(1, sizeof(*g));
	git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION);
	g->inner = loose;
	g->objdir = xstrdup(objdir);
	g->keys = arena_new();
	pthread_mutex_init(&g->lock, NULL);
	g->parent.read = loose->read ? g_read : NULL;
	g->parent.read_prefix = loose->read_prefix && loose->exists_prefix ? g_read_prefix : NULL;
	g->parent.read_header = loose->read_header ? g_read_header : NULL;
	g->parent.readstream = loose->readstream ? g_readstream : NULL;
	g->parent.write = loose->write ? g_write : NULL;
	g->parent.writestream = loose->writestream ? g_writestream : NULL;
	g->parent.exists = loose->exists ? g_exists : NULL;
	g->parent.exists_prefix = loose->exists_prefix ? g_exists_prefix : NULL;
	g->parent.foreach = loose->foreach ? g_foreach : NULL;
	g->parent.freshen = loose->freshen ? g_freshen : NULL;
	g->parent.free = g_free;
	if ((alternate ? git_odb_add_alternate(odb, &g->parent, 1)
		       : git_odb_add_backend(odb, &g->parent, 1)) < 0) {
		g_free(&g->parent);
		return -1;
	}
	/* Streams the real backend opens name it, and libgit2 reaches the
	 * database through it (git_odb_stream_finalize_write). */
	loose->odb = odb;
	return 0;
}

/* The alternates of objdir (objects/info/alternates), one level deep. */
static int add_alternates(git_odb *odb, const char *objdir)
{
	struct buf path = BUF_INIT, line = BUF_INIT;
	char chunk[4096];
	FILE *f;
	int r = 0;

	buf_printf(&path, "%s/info/alternates", objdir);
	f = fopen(path.ptr, "r");
	buf_free(&path);
	if (!f)
		return 0;
	while (r == 0 && fgets(chunk, sizeof(chunk), f)) {
		size_t n = strcspn(chunk, "\r\n");
		chunk[n] = 0;
		if (!n || chunk[0] == '#')
			continue;
		buf_clear(&line);
		if (chunk[0] != '/')
			buf_printf(&line, "%s/", objdir);
		buf_puts(&line, chunk);
		r = add_guarded(odb, line.ptr, 1);
	}
	fclose(f);
	buf_free(&line);
	return r;
}

/* Give repo an object database whose loose objects are checked. */
static int guard_repo(git_repository *repo)
{
	git_buf dir = { 0 };
	git_odb *odb = NULL;
	int r = -1;

	if (git_repository_item_path(&dir, repo, GIT_REPOSITORY_ITEM_OBJECTS) < 0)
		return -1;
	size_t n = strlen(dir.ptr);
	while (n > 1 && dir.ptr[n - 1] == '/')
		dir.ptr[--n] = 0;
	if (git_odb_new(&odb) == 0 && add_guarded(odb, dir.ptr, 0) == 0 &&
	    add_alternates(odb, dir.ptr) == 0 && git_repository_set_odb(repo, odb) == 0)
		r = 0;
	git_odb_free(odb);
	git_buf_dispose(&dir);
	return r;
}

int history_repo_open(git_repository **out, char **base_out, const char *dir)
{
	git_repository *repo = NULL;
	char *rd = NULL, *rw = NULL;
	const char *wd;
	int r;

	*out = NULL;
	*base_out = NULL;
	r = git_repository_open_ext(&repo, dir, 0, getenv("GIT_CEILING_DIRECTORIES"));
	if (r == GIT_ENOTFOUND)
		return 1;
	if (r < 0)
		return -1;
	if (guard_repo(repo) < 0) {
		git_repository_free(repo);
		return -1;
	}
	wd = git_repository_workdir(repo);
	if (wd && (rd = realpath(dir, NULL)) != NULL && (rw = realpath(wd, NULL)) != NULL) {
		size_t n = strlen(rw);
		if (strncmp(rd, rw, n) == 0 && rd[n] == '/' && rd[n + 1]) {
			struct buf b = BUF_INIT;
			buf_puts(&b, rd + n + 1);
			buf_putc(&b, '/');
			*base_out = buf_detach(&b);
		}
	}
	if (!*base_out)
		*base_out = xstrdup("");
	free(rd);
	free(rw);
	*out = repo;
	return 0;
}

int gitrepo_lookup(git_object **out, git_repository *repo, const char *ref)
{
	git_oid id;
	*out = NULL;
	if (ref && strcmp(ref, "HEAD") != 0)
		return git_revparse_single(out, repo, ref);
	if (git_repository_head_unborn(repo) == 1)
		return GIT_EUNBORNBRANCH;
	int r = git_reference_name_to_id(&id, repo, "HEAD");
	if (r == GIT_ENOTFOUND)
		return GIT_EUNBORNBRANCH;
	return r < 0 ? r : git_object_lookup(out, repo, &id, GIT_OBJECT_ANY);
}
