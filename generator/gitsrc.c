/* gitsrc: a source over a tree in a git object store (see gitsrc.h). */
#include "gitsrc.h"
#include "buf.h"
#include "diag.h"
#include "history.h"
#include "source.h"

#include <git2.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Folders recently looked up, so that reading the files of a folder one
 * after the other does not parse the trees above it again (libgit2 keeps
 * only small trees in its cache, and a folder of 10,000 plans is not). */
#define NCACHE 16

struct dtree {
	char *path;           /* "content/plans" (malloc'd), NULL if the slot is free */
	git_tree *tree;       /* owned */
	unsigned long used;   /* when last used, for eviction */
};

struct gitsrc {
	git_repository *repo;
	git_tree *root;              /* the tree of dir at the commit */
	struct dtree cache[NCACHE];
	unsigned long clock;         /* counts lookups */
	pthread_mutex_t lock;        /* a source may be read from several threads */
};

/* The tree of folder dir ("" the root), borrowed from the cache; NULL if
 * there is no such folder. */
static git_tree *tree_at(struct gitsrc *g, const char *dir)
{
	const char *slash;
	char *parent;
	git_tree *pt, *t = NULL;
	const git_tree_entry *e;
	size_t i, victim = 0;

	if (!dir[0])
		return g->root;
	g->clock++;
	for (i = 0; i < NCACHE; i++)
		if (g->cache[i].path && strcmp(g->cache[i].path, dir) == 0) {
			g->cache[i].used = g->clock;
			return g->cache[i].tree;
		}
	slash = strrchr(dir, '/');
	parent = xstrndup(dir, slash ? (size_t)(slash - dir) : 0);
	pt = tree_at(g, parent);
	free(parent);
	if (!pt)
		return NULL;
	e = git_tree_entry_byname(pt, slash ? slash + 1 : dir);
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&t, g->repo, git_tree_entry_id(e)) < 0)
		return NULL;
	for (i = 0; i < NCACHE; i++) {
		if (!g->cache[i].path) {
			victim = i;
			break;
		}
		if (g->cache[i].used < g->cache[victim].used)
			victim = i;
	}
	free(g->cache[victim].path);
	git_tree_free(g->cache[victim].tree);
	g->cache[victim].path = xstrdup(dir);
	g->cache[victim].tree = t;
	g->cache[victim].used = g->clock;
	return t;
}

static int is_file(git_filemode_t m)
{
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int git_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	struct gitsrc *g = s->impl;
	struct source_entry *v = NULL;
	size_t len = 0, cnt;
	git_tree *t;
	int r = 1;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&g->lock);
	t = tree_at(g, dir);
	if (!t)
		goto cleanup;
	cnt = git_tree_entrycount(t);
	v = xcalloc(cnt ? cnt : 1, sizeof(*v));
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(e);
		git_filemode_t m = git_tree_entry_filemode(e);
		if (name[0] == '.' || !(m == GIT_FILEMODE_TREE || is_file(m)))
			continue; /* hidden files, as on disk; submodules and symbolic links */
		v[len].name = xstrdup(name);
		v[len].is_dir = m == GIT_FILEMODE_TREE;
		len++;
	}
	/* git sorts a folder as if its name ended in '/': sort by name alone */
	if (len > 1)
		qsort(v, len, sizeof(*v), entry_cmp);
	*out = v;
	*n = len;
	r = 0;
cleanup:
	pthread_mutex_unlock(&g->lock);
	return r;
}

static int git_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	struct gitsrc *g = s->impl;
	const char *slash = strrchr(path, '/');
	char *dir = xstrndup(path, slash ? (size_t)(slash - path) : 0);
	const char *name = slash ? slash + 1 : path;
	const git_tree_entry *e;
	git_blob *b = NULL;
	git_tree *t;
	size_t n;
	int r = 1;

	*out = NULL;
	*len = 0;
	pthread_mutex_lock(&g->lock);
	t = tree_at(g, dir);
	if (!t || !name[0] || !(e = git_tree_entry_byname(t, name)))
		goto cleanup;
	r = -1;
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_TREE) {
		if (err)
			*err = xstrdup(strerror(EISDIR));
		goto cleanup;
	}
	if (!is_file(git_tree_entry_filemode(e))) {
		if (err)
			*err = xstrdup("不是普通文件（符号链接或子模块）");
		goto cleanup;
	}
	if (git_blob_lookup(&b, g->repo, git_tree_entry_id(e)) < 0) {
		if (err)
			*err = xstrdup(history_git_error());
		goto cleanup;
	}
	n = (size_t)git_blob_rawsize(b);
	*out = xmalloc(n + 1);
	memcpy(*out, git_blob_rawcontent(b), n);
	(*out)[n] = 0;
	*len = n;
	r = 0;
cleanup:
	pthread_mutex_unlock(&g->lock);
	git_blob_free(b);
	free(dir);
	return r;
}

static void git_free_impl(struct source *s)
{
	struct gitsrc *g = s->impl;
	if (!g)
		return;
	for (size_t i = 0; i < NCACHE; i++) {
		free(g->cache[i].path);
		git_tree_free(g->cache[i].tree);
	}
	git_tree_free(g->root);
	git_repository_free(g->repo);
	pthread_mutex_destroy(&g->lock);
	free(g);
	s->impl = NULL;
	history_git_shutdown();
}

static const struct source_ops git_ops = { git_list, git_read, git_free_impl };

int gitsrc_open(struct source **out, const char *dir, const char *ref, char commit_out[41],
		struct diag *d)
{
	struct gitsrc *g = xcalloc(1, sizeof(*g));
	struct source *s = NULL;
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *top = NULL;
	git_tree_entry *e = NULL;
	char *base = NULL;
	int r;

	*out = NULL;
	commit_out[0] = 0;
	history_git_init();
	pthread_mutex_init(&g->lock, NULL);
	s = xcalloc(1, sizeof(*s));
	s->ops = &git_ops;
	s->root = xstrdup(dir);
	s->impl = g;

	r = history_repo_open(&g->repo, &base, dir);
	if (r == 1) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "去掉 --ref，生成工作区里的文件；或在 git 仓库里运行",
			 "%s 不在 git 仓库里，不能用 --ref", dir);
		goto fail;
	}
	if (r < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 git status 检查这个仓库",
			 "无法打开 %s 所在的 git 仓库：%s", dir, history_git_error());
		goto fail;
	}
	r = git_revparse_single(&obj, g->repo, ref);
	if (r == GIT_ENOTFOUND || r == GIT_EAMBIGUOUS || r == GIT_EINVALIDSPEC) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0,
			 "写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的",
			 "未知的版本“%s”", ref);
		goto fail;
	}
	if (r < 0 || git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "写一个分支名、标签名或提交号",
			 "版本“%s”不是一个提交：%s", ref, history_git_error());
		goto fail;
	}
	if (git_commit_tree(&top, c) < 0)
		goto corrupt;
	if (!base[0]) {
		g->root = top;
		top = NULL;
	} else {
		base[strlen(base) - 1] = 0; /* "sub/" → "sub" */
		r = git_tree_entry_bypath(&e, top, base);
		if (r == GIT_ENOTFOUND || (r == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
			diag_add(d, DIAG_ERROR, NULL, 0, 0, "换一个版本，或在仓库的根目录运行",
				 "版本“%s”里没有文件夹 %s", ref, base);
			goto fail;
		}
		if (r < 0 || git_tree_lookup(&g->root, g->repo, git_tree_entry_id(e)) < 0)
			goto corrupt;
	}
	git_oid_tostr(commit_out, 41, git_commit_id(c));
	*out = s;
	s = NULL;
	goto cleanup;

corrupt:
	diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 git fsck 检查这个仓库",
		 "读取版本“%s”失败：%s", ref, history_git_error());
fail:
	source_free(s);
cleanup:
	git_tree_entry_free(e);
	git_tree_free(top);
	git_commit_free(c);
	git_object_free(obj);
	free(base);
	return *out ? 0 : -1;
}
