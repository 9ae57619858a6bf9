/* publish: commit a built site to a branch (see publish.h). */
#include "publish.h"
#include "buf.h"
#include "diag.h"
#include "history.h"
#include "output.h"
#include "source.h"

#include <git2.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Write the tree of folder path: every regular file as a blob (mode 100644,
 * whatever its permissions: a site has no programs), every folder that
 * holds a file as a tree. Symbolic links and the like are left out, and so
 * is a .git. The tree depends on nothing but the names and contents of the
 * files. *empty is set when the folder holds no file. */
static int write_tree(git_oid *out, int *empty, size_t *nfiles, git_repository *repo,
		      const char *path, struct diag *d)
{
	git_treebuilder *tb = NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *dh = opendir(path);
	struct dirent *de;
	struct buf full = BUF_INIT;
	int r = -1;

	*empty = 1;
	if (!dh) {
		diag_add(d, DIAG_ERROR, path, 0, 0, "先运行 gongkai build 生成网站",
			 "无法打开网站文件夹：%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(dh)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, ".git"))
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dh);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	if (git_treebuilder_new(&tb, repo, NULL) < 0)
		goto git_fail;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		git_oid id;
		buf_clear(&full);
		buf_printf(&full, "%s/%s", path, names[i]);
		if (lstat(full.ptr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub_empty;
			if (write_tree(&id, &sub_empty, nfiles, repo, full.ptr, d) < 0)
				goto cleanup;
			if (sub_empty)
				continue;
			if (git_treebuilder_insert(NULL, tb, names[i], &id, GIT_FILEMODE_TREE) < 0)
				goto git_fail;
		} else if (S_ISREG(st.st_mode)) {
			char *data = NULL, *err = NULL;
			size_t len;
			if (file_read(full.ptr, &data, &len, &err) != 0) {
				diag_add(d, DIAG_ERROR, full.ptr, 0, 0, NULL, "无法读取：%s",
					 err ? err : "文件不存在");
				free(err);
				goto cleanup;
			}
			int w = git_blob_create_from_buffer(&id, repo, data, len);
			free(data);
			if (w < 0 || git_treebuilder_insert(NULL, tb, names[i], &id, GIT_FILEMODE_BLOB) < 0)
				goto git_fail;
			(*nfiles)++;
		} else {
			continue;
		}
		*empty = 0;
	}
	if (git_treebuilder_write(out, tb) < 0)
		goto git_fail;
	r = 0;
	goto cleanup;
git_fail:
	diag_add(d, DIAG_ERROR, path, 0, 0, NULL, "写入 git 对象失败：%s", history_git_error());
cleanup:
	git_treebuilder_free(tb);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&full);
	return r;
}

int publish_site(const char *dir, const char *site_dir, const char *branch,
		 const char *source_commit, struct diag *d)
{
	git_repository *repo = NULL;
	git_reference *ref = NULL, *head = NULL;
	git_commit *tip = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	char *base = NULL, *refname = NULL;
	struct buf msg = BUF_INIT;
	git_oid tree_id, id;
	size_t nfiles = 0;
	int empty, valid = 0, r, status = -1, from_remote = 0;
	char hex[GIT_OID_HEXSZ + 1];

	history_git_init();
	if (!branch || !branch[0])
		branch = "site";
	r = history_repo_open(&repo, &base, dir);
	if (r == 1) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "在内容仓库里运行，或用 -C 指定它",
			 "%s 不在 git 仓库里，无处发布", dir);
		goto cleanup;
	}
	if (r < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 git status 检查这个仓库",
			 "无法打开 %s 所在的 git 仓库：%s", dir, history_git_error());
		goto cleanup;
	}
	refname = xmalloc(strlen(branch) + 12);
	sprintf(refname, "refs/heads/%s", branch);
	if (git_reference_name_is_valid(&valid, refname) < 0 || !valid) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "用字母、数字、- 和 / 起名，如 site 或 gh-pages",
			 "分支名“%s”不合 git 的规则", branch);
		goto cleanup;
	}
	/* Committing the site onto the branch checked out would make every
	 * content file look deleted in the working tree. */
	if (!git_repository_is_bare(repo) && git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    strcmp(git_reference_symbolic_target(head), refname) == 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 --branch 换一个分支，或先切换到内容所在的分支",
			 "分支 %s 是当前检出的分支，不能把网站提交到它上面", branch);
		goto cleanup;
	}

	if (write_tree(&tree_id, &empty, &nfiles, repo, site_dir, d) < 0)
		goto cleanup;
	if (empty) {
		diag_add(d, DIAG_ERROR, site_dir, 0, 0, "先运行 gongkai build 生成网站",
			 "网站文件夹里没有文件");
		goto cleanup;
	}

	r = git_reference_lookup(&ref, repo, refname);
	if (r == GIT_ENOTFOUND) {
		/* A fresh clone (a CI job) has the published record only as
		 * origin's branch: continue it rather than start a new history
		 * that the server would refuse. */
		struct buf remote = BUF_INIT;
		buf_printf(&remote, "refs/remotes/origin/%s", branch);
		r = git_reference_lookup(&ref, repo, remote.ptr);
		from_remote = r == 0;
		buf_free(&remote);
	}
	if (r == 0 && git_reference_peel((git_object **)&tip, ref, GIT_OBJECT_COMMIT) < 0)
		goto git_fail;
	if (r < 0 && r != GIT_ENOTFOUND)
		goto git_fail;
	if (tip && git_oid_equal(git_commit_tree_id(tip), &tree_id)) {
		git_oid_tostr(hex, sizeof(hex), git_commit_id(tip));
		/* The branch may so far be origin's only: make it local. */
		git_reference *local = NULL;
		if (from_remote &&
		    git_reference_create(&local, repo, refname, git_commit_id(tip), 0, "publish") < 0)
			goto git_fail;
		git_reference_free(local);
		printf("没有变化：分支 %s 上已是这个网站（提交 %.7s）\n", branch, hex);
		status = 0;
		goto cleanup;
	}

	if (git_signature_default(&sig, repo) < 0 &&
	    git_signature_now(&sig, "gongkai", "gongkai@localhost") < 0)
		goto git_fail;
	if (source_commit && source_commit[0])
		buf_printf(&msg, "发布网站：由提交 %.12s 生成\n\nSource-Commit: %s\n",
			   source_commit, source_commit);
	else
		buf_puts(&msg, "发布网站\n");
	if (git_tree_lookup(&tree, repo, &tree_id) < 0)
		goto git_fail;
	const git_commit *parents[1] = { tip };
	if (git_commit_create(&id, repo, refname, sig, sig, NULL, msg.ptr, tree,
			      tip ? 1 : 0, parents) < 0)
		goto git_fail;
	git_oid_tostr(hex, sizeof(hex), &id);
	printf("已发布到分支 %s：提交 %.7s，%zu 个文件\n", branch, hex, nfiles);
	status = 0;
	goto cleanup;

git_fail:
	diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "发布到分支 %s 失败：%s", branch,
		 history_git_error());
cleanup:
	git_tree_free(tree);
	git_signature_free(sig);
	git_commit_free(tip);
	git_reference_free(ref);
	git_reference_free(head);
	git_repository_free(repo);
	buf_free(&msg);
	free(refname);
	free(base);
	history_git_shutdown();
	return status;
}

/* Copy every regular file under dir (relative path rel) into out. */
static int copy_tree(struct out *out, const char *dir, const char *rel, struct diag *d)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	struct buf full = BUF_INIT, sub = BUF_INIT;
	char *err = NULL;
	int r = 0;

	if (!dh) {
		diag_add(d, DIAG_ERROR, dir, 0, 0, "先运行 gongkai build 生成网站",
			 "无法打开网站文件夹：%s", strerror(errno));
		return -1;
	}
	while (r == 0 && (de = readdir(dh)) != NULL) {
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !strcmp(de->d_name, ".git"))
			continue;
		buf_clear(&full);
		buf_clear(&sub);
		buf_printf(&full, "%s/%s", dir, de->d_name);
		buf_printf(&sub, "%s%s", rel, de->d_name);
		if (lstat(full.ptr, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			buf_putc(&sub, '/');
			r = copy_tree(out, full.ptr, sub.ptr, d);
		} else if (S_ISREG(st.st_mode)) {
			char *data = NULL;
			size_t len;
			if (file_read(full.ptr, &data, &len, &err) != 0) {
				diag_add(d, DIAG_ERROR, full.ptr, 0, 0, NULL, "无法读取：%s", err ? err : "文件不存在");
				r = -1;
			} else if (out_mkdirs(out, sub.ptr, &err) != 0 ||
				   out_write(out, sub.ptr, data, len, &err) != 0) {
				diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
				r = -1;
			}
			free(data);
			free(err);
			err = NULL;
		}
	}
	closedir(dh);
	buf_free(&full);
	buf_free(&sub);
	return r;
}

int publish_deploy(const char *site_dir, const char *to, struct diag *d)
{
	struct out out;
	char *err = NULL;
	int r = -1;

	if (!to[0]) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "写网站根目录，如 --to /srv/gongkai/www", "--to 后面的目录是空的");
		return -1;
	}
	if (out_begin(&out, to, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		return -1;
	}
	if (copy_tree(&out, site_dir, "", d) != 0)
		goto done;
	if (out_commit(&out, NULL, &err) != 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, NULL, "%s", err);
		free(err);
		goto done;
	}
	printf("已部署到 %s\n", to);
	r = 0;
done:
	out_close(&out);
	return r;
}
