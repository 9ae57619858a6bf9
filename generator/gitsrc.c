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

static char *joined(char **parts, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '/');
		buf_puts(&b, parts[i]);
	}
	return buf_detach(&b);
}

/* Push the components of path onto the stack, so that the first pops first. */
static void push_parts(char ***stack, size_t *n, size_t *cap, const char *path)
{
	const char *end = path + strlen(path);
	while (end > path) {
		const char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		if (*n == *cap)
			*stack = xrealloc(*stack, (*cap = *cap ? *cap * 2 : 16) * sizeof(**stack));
		(*stack)[(*n)++] = xstrndup(start, (size_t)(end - start));
		end = start > path ? start - 1 : path;
	}
}

/* Resolve path through the symbolic links of the tree, staying inside it
 * (source.h). On success *out is the entry (borrowed from the cache) and
 * *norm the path without links (malloc'd); the root itself has no entry.
 * Returns 0, 1 if nothing is there, -1 after reporting. Caller locks. */
static int resolve(struct source *s, const char *path, const git_tree_entry **out, char **norm,
		   char **err)
{
	struct gitsrc *g = s->impl;
	char **stack = NULL, **done = NULL;
	size_t ns = 0, caps = 0, nd = 0, capd = 0;
	int links = 0, r = 1;
	const git_tree_entry *e = NULL;
	char *via = NULL; /* the last link's target, for the message */

	*out = NULL;
	*norm = NULL;
	push_parts(&stack, &ns, &caps, path);
	while (ns) {
		char *c = stack[--ns];
		if (!c[0] || strcmp(c, ".") == 0) {
			free(c);
			continue;
		}
		if (strcmp(c, "..") == 0) {
			free(c);
			if (!nd) {
				source_problem(s, path, err, "把文件本身放进仓库，或删掉这个链接",
					       "这是指向仓库之外的符号链接（%s），不会被读取", via ? via : "..");
				r = -1;
				goto done;
			}
			free(done[--nd]);
			e = NULL;
			continue;
		}
		char *dir = joined(done, nd);
		git_tree *t = tree_at(g, dir);
		free(dir);
		e = t ? git_tree_entry_byname(t, c) : NULL;
		if (!e) {
			free(c);
			goto done; /* missing */
		}
		if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
			git_blob *b = NULL;
			free(c);
			if (++links > SOURCE_MAX_LINKS) {
				source_problem(s, path, err, "删掉或改正这个符号链接",
					       "符号链接绕成了循环（或层数超过 %d），不会被读取", SOURCE_MAX_LINKS);
				r = -1;
				goto done;
			}
			if (git_blob_lookup(&b, g->repo, git_tree_entry_id(e)) < 0) {
				source_problem(s, path, err, "用 git fsck 检查这个仓库", "无法读取符号链接：%s",
					       history_git_error());
				r = -1;
				goto done;
			}
			size_t n = (size_t)git_blob_rawsize(b);
			char *target = xstrndup(git_blob_rawcontent(b), n > 4096 ? 4096 : n);
			git_blob_free(b);
			if (target[0] == '/' || strlen(target) != n || n > 4096) {
				source_problem(s, path, err, "把文件本身放进仓库，或删掉这个链接",
					       "这是指向仓库之外的符号链接（%s），不会被读取", target);
				free(target);
				r = -1;
				goto done;
			}
			push_parts(&stack, &ns, &caps, target);
			free(via);
			via = target;
			e = NULL;
			continue;
		}
		if (ns && git_tree_entry_filemode(e) != GIT_FILEMODE_TREE) {
			free(c);
			goto done; /* a file where a folder should be: nothing there */
		}
		if (nd == capd)
			done = xrealloc(done, (capd = capd ? capd * 2 : 16) * sizeof(*done));
		done[nd++] = c;
	}
	*out = e;
	*norm = joined(done, nd);
	r = 0;
done:
	free(via);
	for (size_t i = 0; i < ns; i++)
		free(stack[i]);
	for (size_t i = 0; i < nd; i++)
		free(done[i]);
	free(stack);
	free(done);
	return r;
}

static void submodule(struct source *s, const char *path, char **err)
{
	source_problem(s, path, err, "把其中的文件直接放进这个仓库",
		       "这是子模块（git submodule），它的文件不在这个版本里，不会被读取");
}

static int git_list(struct source *s, const char *dir, struct source_entry **out, size_t *n)
{
	struct gitsrc *g = s->impl;
	struct source_entry *v = NULL;
	size_t len = 0, cnt;
	const git_tree_entry *de;
	char *norm = NULL;
	git_tree *t;
	int r = 1;

	*out = NULL;
	*n = 0;
	pthread_mutex_lock(&g->lock);
	if (resolve(s, dir, &de, &norm, NULL) != 0)
		goto cleanup;
	if (de && git_tree_entry_filemode(de) != GIT_FILEMODE_TREE)
		goto cleanup;
	t = tree_at(g, norm);
	if (!t)
		goto cleanup;
	cnt = git_tree_entrycount(t);
	v = xcalloc(cnt ? cnt : 1, sizeof(*v));
	for (size_t i = 0; i < cnt; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		const char *name = git_tree_entry_name(e);
		git_filemode_t m = git_tree_entry_filemode(e);
		if (name[0] == '.')
			continue; /* hidden files, as on disk */
		if (!source_name_ok(s, dir, name))
			continue;
		struct buf rel = BUF_INIT;
		if (dir[0])
			buf_printf(&rel, "%s/", dir);
		buf_puts(&rel, name);
		if (m == GIT_FILEMODE_LINK) {
			const git_tree_entry *te;
			char *tn = NULL;
			/* resolving may evict t from the cache: keep the name first */
			char *keep = xstrdup(name);
			int rr = resolve(s, rel.ptr, &te, &tn, NULL);
			m = rr == 0 && te ? git_tree_entry_filemode(te) : rr == 0 ? GIT_FILEMODE_TREE : 0;
			free(tn);
			t = tree_at(g, norm);
			if (!rr && !te)
				m = GIT_FILEMODE_TREE; /* a link to the root */
			if (rr == 1)
				source_problem(s, rel.ptr, NULL, "删掉这个符号链接，或让它指向仓库里存在的文件",
					       "符号链接指向不存在的文件");
			name = keep;
			if (!(m == GIT_FILEMODE_TREE || is_file(m))) {
				if (m == GIT_FILEMODE_COMMIT)
					submodule(s, rel.ptr, NULL);
				free(keep);
				buf_free(&rel);
				continue;
			}
			v[len].name = keep;
		} else if (m == GIT_FILEMODE_TREE || is_file(m)) {
			v[len].name = xstrdup(name);
		} else {
			if (m == GIT_FILEMODE_COMMIT)
				submodule(s, rel.ptr, NULL);
			buf_free(&rel);
			continue;
		}
		buf_free(&rel);
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
	free(norm);
	pthread_mutex_unlock(&g->lock);
	return r;
}

static int git_read(struct source *s, const char *path, char **out, size_t *len, char **err)
{
	struct gitsrc *g = s->impl;
	const git_tree_entry *e;
	git_blob *b = NULL;
	git_odb *odb = NULL;
	git_object_t type;
	char *norm = NULL;
	size_t n;
	int r;

	*out = NULL;
	*len = 0;
	pthread_mutex_lock(&g->lock);
	r = resolve(s, path, &e, &norm, err);
	if (r != 0)
		goto cleanup;
	r = -1;
	if (!e || git_tree_entry_filemode(e) == GIT_FILEMODE_TREE) {
		source_problem(s, path, err, "这里应该是一个文件", "这是文件夹，不是文件");
		goto cleanup;
	}
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_COMMIT) {
		submodule(s, path, err);
		goto cleanup;
	}
	if (git_repository_odb(&odb, g->repo) < 0 ||
	    git_odb_read_header(&n, &type, odb, git_tree_entry_id(e)) < 0) {
		source_problem(s, path, err, "用 git fsck 检查这个仓库", "无法读取：%s", history_git_error());
		goto cleanup;
	}
	if (n > SOURCE_MAX_FILE) {
		source_problem(s, path, err, "把内容拆成几个文件，或删掉不需要的部分",
			       "文件太大（超过上限 %zu MB）", SOURCE_MAX_FILE >> 20);
		goto cleanup;
	}
	if (git_blob_lookup(&b, g->repo, git_tree_entry_id(e)) < 0) {
		source_problem(s, path, err, "用 git fsck 检查这个仓库", "无法读取：%s", history_git_error());
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
	git_odb_free(odb);
	git_blob_free(b);
	free(norm);
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
	if (r == GIT_ENOTFOUND && git_repository_head_unborn(g->repo) == 1) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "先提交（git add、git commit），或者不写 --ref，从文件夹里的文件生成",
			 "版本“%s”不存在：这个仓库（或当前分支）还没有任何提交", ref);
		goto fail;
	}
	if (r == GIT_ENOTFOUND || r == GIT_EAMBIGUOUS || r == GIT_EINVALIDSPEC) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0,
			 "写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的",
			 "未知的版本“%s”", ref);
		goto fail;
	}
	if (r == 0 && git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0) {
		/* Say what it is rather than libgit2's words (a tag may point at
		 * a tree or a file). */
		git_object *t = NULL;
		git_object_t type = GIT_OBJECT_TREE;
		if (git_object_peel(&t, obj, GIT_OBJECT_TREE) != 0)
			type = git_object_peel(&t, obj, GIT_OBJECT_BLOB) == 0 ? GIT_OBJECT_BLOB : GIT_OBJECT_ANY;
		git_object_free(t);
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "写一个分支名、标签名或提交号",
			 "版本“%s”指向的是%s，不是一个提交", ref,
			 type == GIT_OBJECT_TREE ? "一个文件夹（tree）" : type == GIT_OBJECT_BLOB ? "一个文件（blob）" : "别的对象");
		goto fail;
	}
	if (r < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "写一个分支名、标签名或提交号",
			 "版本“%s”无法读取：%s", ref, history_git_error());
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
