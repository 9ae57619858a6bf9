#include "histcache.h"
#include "arena.h"
#include "bin.h"
#include "buf.h"
#include "history.h"
#include "source.h"

#include <git2.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAGIC "gongkai history 1\n"

int histcache_head(const char *ref, char head[41])
{
	git_repository *repo = NULL;
	git_object *obj = NULL, *peeled = NULL;
	char *base = NULL;
	int r;

	head[0] = '\0';
	history_git_init();
	r = history_repo_open(&repo, &base, ".");
	if (r != 0) {
		r = r == 1 ? 1 : -1;
		goto done;
	}
	if (!ref && git_repository_head_unborn(repo) == 1) {
		r = 1;
		goto done;
	}
	if (gitrepo_lookup(&obj, repo, ref) < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		r = -1;
		goto done;
	}
	git_oid_tostr(head, 41, git_object_id(peeled));
	r = 0;
done:
	git_object_free(peeled);
	git_object_free(obj);
	git_repository_free(repo);
	free(base);
	history_git_shutdown();
	return r;
}

static void save(const struct history *h, const char *path)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, MAGIC);
	bin_str(&b, h->head);
	bin_u64(&b, (uint64_t)h->head_time);
	bin_u32(&b, (uint32_t)h->head_tz);
	bin_u64(&b, h->walked);
	bin_u8(&b, (unsigned)h->shallow);
	bin_u32(&b, (uint32_t)h->ncommits);
	for (size_t i = 0; i < h->ncommits; i++) {
		const struct hist_commit *c = &h->commits[i];
		bin_bytes(&b, c->id, 40);
		bin_u64(&b, (uint64_t)c->time);
		bin_u32(&b, (uint32_t)c->tz);
		bin_str(&b, c->summary);
		bin_str(&b, c->note);
		bin_u8(&b, (unsigned)c->merge);
	}
	bin_u32(&b, (uint32_t)h->nfiles);
	for (size_t i = 0; i < h->nfiles; i++) {
		const struct hist_file *f = &h->files[i];
		bin_str(&b, f->path);
		bin_u32(&b, (uint32_t)f->nevents);
		for (size_t k = 0; k < f->nevents; k++) {
			const struct hist_event *e = &f->events[k];
			bin_u32(&b, (uint32_t)e->commit);
			bin_u8(&b, (unsigned)e->kind);
			bin_str(&b, e->blob);
			bin_str(&b, e->old_path);
			bin_str(&b, e->note);
		}
		bin_u64(&b, f->first);
		bin_u64(&b, f->last);
		bin_u64(&b, f->last_major);
	}
	/* Written whole under a new name, then renamed over the old. */
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.new", path);
	unlink(tmp.ptr); /* never written through a link left there */
	int fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !fp)
		close(fd);
	if (fp) {
		int ok = fwrite(b.ptr, 1, b.len, fp) == b.len;
		if (fclose(fp) == 0 && ok)
			rename(tmp.ptr, path);
		else
			unlink(tmp.ptr);
	}
	buf_free(&tmp);
	buf_free(&b);
}

static char *astr(struct arena *a, struct rbin *r)
{
	char *s = rbin_str(r);
	if (!s)
		return NULL;
	char *t = arena_strdup(a, s);
	free(s);
	return t;
}

/* The history saved at path for commit head, or NULL. */
static struct history *load(const char *path, const char *head)
{
	char *data = NULL, *err = NULL;
	size_t len;
	if (file_read(path, &data, &len, &err) != 0) {
		free(err);
		return NULL;
	}
	struct rbin r;
	rbin_init(&r, data, len);
	char magic[sizeof(MAGIC) - 1];
	rbin_bytes(&r, magic, sizeof(magic));
	char *id = rbin_str(&r);
	if (r.bad || memcmp(magic, MAGIC, sizeof(magic)) != 0 || !id || strcmp(id, head) != 0) {
		free(id);
		free(data);
		return NULL;
	}
	struct history *h = xcalloc(1, sizeof(*h));
	h->arena = arena_new();
	snprintf(h->head, sizeof(h->head), "%s", id);
	free(id);
	h->head_time = (int64_t)rbin_u64(&r);
	h->head_tz = (int)(int32_t)rbin_u32(&r);
	h->walked = rbin_u64(&r);
	h->shallow = rbin_u8(&r);
	h->ncommits = rbin_count(&r, 40);
	h->commits = xcalloc(h->ncommits + 1, sizeof(*h->commits));
	for (size_t i = 0; i < h->ncommits && !r.bad; i++) {
		struct hist_commit *c = &h->commits[i];
		rbin_bytes(&r, c->id, 40);
		c->id[40] = '\0';
		c->time = (int64_t)rbin_u64(&r);
		c->tz = (int)(int32_t)rbin_u32(&r);
		c->summary = astr(h->arena, &r);
		c->note = astr(h->arena, &r);
		c->merge = rbin_u8(&r);
	}
	uint32_t nf = rbin_count(&r, 4);
	h->files = xcalloc(nf + 1, sizeof(*h->files));
	for (size_t i = 0; i < nf && !r.bad; i++) {
		struct hist_file *f = &h->files[h->nfiles++];
		f->path = astr(h->arena, &r);
		f->nevents = rbin_count(&r, 4);
		f->events = xcalloc(f->nevents + 1, sizeof(*f->events));
		for (size_t k = 0; k < f->nevents && !r.bad; k++) {
			struct hist_event *e = &f->events[k];
			e->commit = rbin_u32(&r);
			e->kind = (enum hist_change)rbin_u8(&r);
			char *blob = rbin_str(&r);
			snprintf(e->blob, sizeof(e->blob), "%s", blob ? blob : "");
			free(blob);
			e->old_path = astr(h->arena, &r);
			e->note = astr(h->arena, &r);
			if (e->commit >= h->ncommits)
				r.bad = 1;
		}
		f->first = rbin_u64(&r);
		f->last = rbin_u64(&r);
		f->last_major = rbin_u64(&r);
		if (!f->path || (f->nevents && (f->first >= h->ncommits || f->last >= h->ncommits)))
			r.bad = 1;
	}
	free(data);
	if (r.bad) {
		history_git_init(); /* history_free shuts it down */
		history_free(h);
		return NULL;
	}
	return h;
}

int histcache_read(struct history **out, const char *ref, const char *path, struct diag *d)
{
	char head[41];
	int r = histcache_head(ref, head);
	*out = NULL;
	if (r == 1)
		return 1;
	if (r == 0 && path) {
		struct history *h = load(path, head);
		if (h) {
			char *base = NULL;
			history_git_init(); /* matched by history_free */
			if (history_repo_open(&h->repo, &base, ".") != 0) {
				history_free(h);
				free(base);
				return history_read(out, ".", ref ? ref : "HEAD", "content/", d);
			}
			free(base);
			*out = h;
			return 0;
		}
	}
	/* HEAD by name rather than NULL: the working tree's state is not
	 * asked of git (see deps.h). */
	r = history_read(out, ".", ref ? ref : "HEAD", "content/", d);
	if (r == 0 && path)
		save(*out, path);
	return r;
}

void histcache_release(struct history *h)
{
	if (h && h->repo) {
		git_repository_free(h->repo);
		h->repo = NULL;
	}
}
