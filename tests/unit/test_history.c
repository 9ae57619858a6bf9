/* The git layer: history (one pass, notes, renames, merges, shallow
 * clones), gitsrc (reading a tree at a ref) and publish (a site committed
 * to a branch). Fixture repositories are made here with libgit2 itself,
 * commit by commit with chosen times and messages, in a temporary folder:
 * no git binary is needed. */
#include "buf.h"
#include "diag.h"
#include "gitsrc.h"
#include "history.h"
#include "publish.h"
#include "source.h"
#include "test.h"

#include <git2.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define T0 1700000000 /* 2023-11-14 22:13:20 UTC */

static char sandbox[] = "/tmp/gongkai-history-XXXXXX";
static git_repository *R;   /* the fixture being made */
static git_index *IX;       /* its index: what the next commit holds */
static char wd[512];        /* its working tree */
static git_oid tip;         /* the tip of main */
static const char *ENC;     /* the encoding the next commits declare, or NULL */
static int has_tip;

/* ---- making fixtures ---- */

static char *sb(const char *name)
{
	static char p[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", sandbox, name);
	return p[k];
}

static void mkdirs(const char *path)
{
	char tmp[1024];
	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(tmp, 0755);
			*p = '/';
		}
	mkdir(tmp, 0755);
}

static void write_file(const char *path, const char *text)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = 0;
		mkdirs(dir);
	}
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static char *read_whole(const char *path)
{
	char *data = NULL, *err = NULL;
	size_t len;
	if (file_read(path, &data, &len, &err) != 0) {
		free(err);
		return xstrdup("");
	}
	return data;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void rmrf(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void check(int r, const char *what)
{
	if (r < 0) {
		printf("fixture: %s: %s\n", what, history_git_error());
		exit(2);
	}
}

static void repo_close(void)
{
	git_index_free(IX);
	git_repository_free(R);
	IX = NULL;
	R = NULL;
}

static void repo_new(const char *name)
{
	repo_close();
	snprintf(wd, sizeof(wd), "%s", sb(name));
	check(git_repository_init(&R, wd, 0), "init");
	check(git_repository_set_head(R, "refs/heads/main"), "HEAD");
	check(git_repository_index(&IX, R), "index");
	has_tip = 0;
}

static void put(const char *path, const char *text)
{
	char full[1024];
	snprintf(full, sizeof(full), "%s/%s", wd, path);
	write_file(full, text);
	check(git_index_add_bypath(IX, path), "add");
}

static void del(const char *path)
{
	char full[1024];
	snprintf(full, sizeof(full), "%s/%s", wd, path);
	unlink(full);
	check(git_index_remove_bypath(IX, path), "remove");
}

/* Make the index (not the working tree) hold commit id's files. */
static void index_at(const git_oid *id)
{
	git_commit *c;
	git_tree *t;
	check(git_commit_lookup(&c, R, id), "lookup");
	check(git_commit_tree(&t, c), "tree");
	check(git_index_read_tree(IX, t), "read-tree");
	git_tree_free(t);
	git_commit_free(c);
}

/* A commit of the index at time t (UTC+8) with parents p (n of them). */
static git_oid commit_with(const char *msg, int64_t t, const git_oid *p, size_t n)
{
	git_oid tree_id, id;
	git_tree *tree;
	git_signature *sig;
	const git_commit *parents[2] = { NULL, NULL };
	git_commit *pc[2] = { NULL, NULL };

	check(git_index_write_tree(&tree_id, IX), "write-tree");
	check(git_index_write(IX), "write index");
	check(git_tree_lookup(&tree, R, &tree_id), "tree");
	check(git_signature_new(&sig, "张三", "zhang@example.org", t, 480), "sig");
	for (size_t i = 0; i < n; i++) {
		check(git_commit_lookup(&pc[i], R, &p[i]), "parent");
		parents[i] = pc[i];
	}
	check(git_commit_create(&id, R, NULL, sig, sig, ENC, msg, tree, n, parents), "commit");
	git_commit_free(pc[0]);
	git_commit_free(pc[1]);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

static void set_ref(const char *name, const git_oid *id)
{
	git_reference *r;
	check(git_reference_create(&r, R, name, id, 1, NULL), "ref");
	git_reference_free(r);
}

/* A commit on main, after its tip. */
static git_oid commit(const char *msg, int64_t t)
{
	git_oid id = commit_with(msg, t, &tip, has_tip ? 1 : 0);
	tip = id;
	has_tip = 1;
	set_ref("refs/heads/main", &id);
	return id;
}

static const char *hex(const git_oid *id)
{
	static char s[4][41];
	static int k;
	k = (k + 1) % 4;
	git_oid_tostr(s[k], 41, id);
	return s[k];
}

/* ---- looking at results ---- */

static struct history *hist(const char *dir, const char *ref, const char *prefix, int want)
{
	struct diag d = DIAG_INIT;
	struct history *h = NULL;
	int r = history_read(&h, dir, ref, prefix, &d);
	T_INT(r, want);
	if (d.len) {
		printf("diagnostics:\n");
		diag_print(&d, stdout);
	}
	diag_free(&d);
	return h;
}

/* The kinds of a file's events, "A M D R", and the commits "0 1 2". */
static const char *kinds(const struct hist_file *f)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	if (!f)
		return "(no file)";
	for (size_t i = 0; i < f->nevents; i++)
		buf_printf(&b, "%s%c%zu", i ? " " : "", "AMDR"[f->events[i].kind],
			   f->events[i].commit);
	return b.ptr;
}

static const char *diags(struct diag *d)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	for (size_t i = 0; i < d->len; i++) {
		if (i)
			buf_putc(&b, '\n');
		diag_format(&d->items[i], &b);
	}
	return b.ptr;
}

static const char *blob_text(const struct history *h, const char *id)
{
	static char *last;
	size_t len;
	free(last);
	last = NULL;
	if (history_blob(h, id, &last, &len) != 0)
		return "(no blob)";
	return last;
}

/* ---- the tests ---- */

static void note_is(const char *msg, const char *want)
{
	char *got = history_note(msg);
	if (!want) {
		T_OK(got == NULL);
		if (got)
			printf("  note of %s\n  was %s\n", msg, got);
	} else {
		T_STR(got, want);
	}
	free(got);
}

static void test_notes(void)
{
	note_is("更新指标\n\nChange-Note: 调整了三项指标的目标值\n", "调整了三项指标的目标值");
	note_is("s\n\nchange-note: lower case\n", "lower case");
	note_is("s\n\nCHANGE-NOTE:   spaced out   \n", "spaced out");
	note_is("s\n\nChange-Note : before the colon\n", "before the colon");
	/* continuation lines: no space between Chinese characters */
	note_is("s\n\nChange-Note: 调整了指标\n  目标值，\n\t并补充说明\n", "调整了指标目标值，并补充说明");
	note_is("s\n\nChange-Note: fixed\n   the target\n", "fixed the target");
	note_is("s\n\nChange-Note: 更新 2024\n  targets\n", "更新 2024 targets");
	/* not a trailer by git's rules, but clearly meant: still a note */
	note_is("s\n\nChange-Note: in the middle\n\nMore prose after it.\n", "in the middle");
	note_is("Change-Note: the subject itself\n", "the subject itself");
	note_is("s\n\nSome prose here\nChange-Note: x\n", "x");
	note_is("更新三季度进展\nChange-Note: 没有空行\n", "没有空行");
	note_is("s\n\nChange-Note：全角冒号\n", "全角冒号");
	note_is("s\n\nchange-note ： 全角冒号前有空格\n  和续行\n", "全角冒号前有空格和续行");
	/* not a note */
	note_is("s\n\nChange Note: no dash\n", NULL);
	note_is("s\n\nChange-Notes: plural\n", NULL);
	note_is("s\n\nThe Change-Note: is inside a sentence\n", NULL);
	note_is("s\n\nReviewed-by: 李四\n", NULL);
	/* a block git would call trailers: a quarter, and one git writes */
	note_is("s\n\nA line of prose\nChange-Note: 有\nSigned-off-by: 李四 <li@example.org>\n", "有");
	note_is("s\n\nChange-Note: 一\nReviewed-by: x\nChange-Note: 二\n", "一\n二");
	note_is("s\n\nChange-Note:   \n", NULL);
	note_is("s\r\n\r\nChange-Note: 好\r\n", "好");
	note_is("s\n\nChange-Note: a\n---\n diff --git\n", "a");
	note_is("s\n\nChange-Note: a\n# a comment\n\n", "a");
	note_is("", NULL);
	/* the example of docs/history.md */
	note_is("调整2024年劳务协作目标\n\n根据两地联席会议纪要，转移就业目标由 3000 人调整为 3500 人。\n\n"
		"Change-Note: 调整了农村劳动力转移就业目标，\n  由 3000 人调整为 3500 人\n",
		"调整了农村劳动力转移就业目标，由 3000 人调整为 3500 人");
}

static void test_basic(void)
{
	struct diag d = DIAG_INIT;
	git_oid c0, c1, c2;

	repo_new("basic");
	put("content/a.md", "v1\n");
	put("content/b.md", "b1\n");
	put("README.md", "r\n");
	c0 = commit("导入计划\n\n第一版。\n", T0);
	put("content/a.md", "v2\n");
	c1 = commit("改错字\n", T0 + 100);
	put("content/b.md", "b2\n");
	c2 = commit("更新目标\n\nChange-Note: 调整了目标值\n", T0 + 200);
	put("README.md", "r2\n");
	commit("说明\n", T0 + 300);

	struct history *h = hist(wd, NULL, "content/", 0);
	if (!h)
		return;
	T_INT(h->walked, 4);
	T_INT(h->ncommits, 3);
	T_INT(h->nfiles, 2);
	T_STR(h->head, hex(&tip));
	T_INT(h->head_time, T0 + 300);
	T_INT(h->head_tz, 480);
	T_INT(h->dirty, 0);
	T_INT(h->shallow, 0);
	T_STR(h->commits[0].id, hex(&c0));
	T_STR(h->commits[0].summary, "导入计划");
	T_INT(h->commits[0].time, T0);
	T_INT(h->commits[0].tz, 480);
	T_OK(h->commits[0].note == NULL);
	T_INT(h->commits[0].merge, 0);
	T_STR(h->commits[1].id, hex(&c1));
	T_STR(h->commits[2].id, hex(&c2));
	T_STR(h->commits[2].note, "调整了目标值");
	const struct hist_file *a = history_file(h, "content/a.md");
	const struct hist_file *b = history_file(h, "content/b.md");
	T_STR(kinds(a), "A0 M1");
	T_INT(a ? a->first : 9, 0);
	T_INT(a ? a->last : 9, 1);
	T_OK(a && a->last_major == HIST_NONE);
	T_STR(kinds(b), "A0 M2");
	T_INT(b ? b->last : 9, 2);
	T_INT(b ? b->last_major : 9, 2);
	T_STR(b ? b->events[1].note : NULL, "调整了目标值");
	T_OK(b && b->events[0].note == NULL);
	T_OK(history_file(h, "README.md") == NULL);
	T_OK(history_file(h, "content/zz.md") == NULL);
	T_STR(blob_text(h, a ? a->events[0].blob : ""), "v1\n");
	T_STR(blob_text(h, a ? a->events[1].blob : ""), "v2\n");
	T_STR(blob_text(h, "0123"), "(no blob)");
	history_free(h);

	/* the whole folder: README.md too */
	h = hist(wd, NULL, "", 0);
	T_INT(h ? h->nfiles : 0, 3);
	T_INT(h ? h->ncommits : 0, 4);
	T_STR(h ? h->files[0].path : NULL, "README.md");
	history_free(h);

	/* an older ref */
	h = hist(wd, hex(&c1), "content", 0);
	T_INT(h ? h->ncommits : 0, 2);
	T_STR(h ? kinds(history_file(h, "content/b.md")) : NULL, "A0");
	T_STR(h ? h->head : NULL, hex(&c1));
	history_free(h);
	h = hist(wd, "main~1", "./content/", 0);
	T_STR(h ? h->head : NULL, hex(&c2));
	history_free(h);

	/* uncommitted changes under the prefix, and only there */
	char path[1024];
	snprintf(path, sizeof(path), "%s/content/a.md", wd);
	write_file(path, "edited\n");
	h = hist(wd, NULL, "content/", 0);
	T_INT(h ? h->dirty : 0, 1);
	history_free(h);
	h = hist(wd, "main", "content/", 0);
	T_INT(h ? h->dirty : 1, 0); /* a ref is not the working tree */
	history_free(h);
	write_file(path, "v2\n");
	snprintf(path, sizeof(path), "%s/site/index.html", wd);
	write_file(path, "<p>built</p>\n");
	snprintf(path, sizeof(path), "%s/README.md", wd);
	write_file(path, "changed outside the prefix\n");
	h = hist(wd, NULL, "content/", 0);
	T_INT(h ? h->dirty : 1, 0);
	history_free(h);
	snprintf(path, sizeof(path), "%s/content/new.md", wd);
	write_file(path, "new\n");
	h = hist(wd, NULL, "content/", 0);
	T_INT(h ? h->dirty : 0, 1);
	history_free(h);
	unlink(path);

	/* an unknown ref */
	h = NULL;
	T_INT(history_read(&h, wd, "nope", "content/", &d), -1);
	T_OK(h == NULL);
	T_STR(diags(&d), "gongkai: error: 未知的版本“nope”; 写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的");
	diag_free(&d);
	T_INT(history_read(&h, wd, "main:content", "content/", &d), -1);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "不是一个提交"));
	diag_free(&d);
}

static void test_renames(void)
{
	const char *text = "第一行\n第二行\n第三行\n第四行\n第五行\n第六行\n第七行\n第八行\n";
	char edited[256];
	git_oid c[6];

	snprintf(edited, sizeof(edited), "%s第九行\n", text);
	repo_new("renames");
	put("content/x.md", text);
	put("content/w.md", "www\n");
	put("content/keep.md", "kept\n");
	put("content/d1/e1.md", "");
	put("content/d1/e2.md", "");
	put("content/d1/f.md", "f\n");
	c[0] = commit("导入\n", T0);
	/* exact rename, and an unrelated deletion */
	del("content/x.md");
	put("content/y.md", text);
	del("content/w.md");
	c[1] = commit("改名\n", T0 + 10);
	/* rename with an edit, to a Chinese name with a space */
	del("content/y.md");
	put("content/页面 一.md", edited);
	c[2] = commit("改名并修改\n\nChange-Note: 改了名字\n", T0 + 20);
	/* a rename onto the path deleted before */
	del("content/keep.md");
	put("content/w.md", "kept\n");
	c[3] = commit("移回\n", T0 + 30);
	/* a folder renamed: two files with the same (empty) contents */
	del("content/d1/e1.md");
	del("content/d1/e2.md");
	del("content/d1/f.md");
	put("content/d2/e1.md", "");
	put("content/d2/e2.md", "");
	put("content/d2/f.md", "f\n");
	c[4] = commit("换文件夹\n", T0 + 40);
	(void)c;

	struct history *h = hist(wd, NULL, "content/", 0);
	if (!h)
		return;
	const struct hist_file *f = history_file(h, "content/页面 一.md");
	T_STR(kinds(f), "A0 R1 R2");
	T_STR(f ? f->events[1].old_path : NULL, "content/x.md");
	T_STR(f ? f->events[2].old_path : NULL, "content/y.md");
	T_OK(f && f->events[0].old_path == NULL);
	T_INT(f ? f->first : 9, 0);
	T_INT(f ? f->last_major : 9, 2);
	T_STR(blob_text(h, f ? f->events[2].blob : ""), edited);
	T_OK(history_file(h, "content/x.md") == NULL);
	T_OK(history_file(h, "content/y.md") == NULL);
	T_OK(history_file(h, "content/keep.md") == NULL);
	/* w.md: its own history and kept.md's, in order of commits */
	T_STR(kinds(history_file(h, "content/w.md")), "A0 A0 D1 R3");
	T_STR(kinds(history_file(h, "content/d2/e1.md")), "A0 R4");
	f = history_file(h, "content/d2/e1.md");
	T_STR(f ? f->events[1].old_path : NULL, "content/d1/e1.md");
	f = history_file(h, "content/d2/e2.md");
	T_STR(f ? f->events[1].old_path : NULL, "content/d1/e2.md");
	f = history_file(h, "content/d2/f.md");
	T_STR(f ? f->events[1].old_path : NULL, "content/d1/f.md");
	T_INT(h->nfiles, 5);
	history_free(h);
}

static void test_readd(void)
{
	repo_new("readd");
	put("content/d.md", "1\n");
	put("content/e.md", "e\n");
	commit("加\n", T0);
	del("content/d.md");
	commit("删\n", T0 + 10);
	put("content/e.md", "e2\n");
	commit("改 e\n", T0 + 15);
	put("content/d.md", "2\n");
	commit("加回\n\nChange-Note: 恢复了 d\n", T0 + 20);

	struct history *h = hist(wd, NULL, "content/", 0);
	if (!h)
		return;
	const struct hist_file *f = history_file(h, "content/d.md");
	T_STR(kinds(f), "A0 D1 A3");
	T_INT(f ? f->first : 9, 0);
	T_INT(f ? f->last : 9, 3);
	T_INT(f ? f->last_major : 9, 3);
	T_STR(f ? f->events[1].blob : NULL, "");
	T_STR(blob_text(h, f ? f->events[2].blob : ""), "2\n");
	T_INT(h->nfiles, 2);
	history_free(h);
}

static void test_merges(void)
{
	git_oid c0, c1, s[3], m1;

	repo_new("merges");
	put("content/m.md", "m0\n");
	put("content/o.md", "o0\n");
	put("content/p.md", "p0\n");
	c0 = commit("开始\n", T0);
	/* a topic branch: one change with a note, one without */
	put("content/m.md", "m1\n");
	s[0] = commit_with("分支修改\n\nChange-Note: 分支里的更新\n", T0 + 10, &c0, 1);
	put("content/n.md", "n\n");
	s[1] = commit_with("加文件\n", T0 + 20, &s[0], 1);
	put("content/p.md", "p1\n");
	put("README.md", "outside\n");
	s[2] = commit_with("再改\n\nChange-Note: 分支里的第二条\n", T0 + 25, &s[1], 1);
	set_ref("refs/heads/topic", &s[2]);
	/* meanwhile on main */
	index_at(&c0);
	put("content/o.md", "o1\n");
	c1 = commit("主线修改\n", T0 + 15);
	/* the merge: both sides' changes */
	put("content/m.md", "m1\n");
	put("content/n.md", "n\n");
	put("content/p.md", "p1\n");
	put("README.md", "outside\n");
	git_oid parents[2] = { c1, s[2] };
	m1 = commit_with("Merge branch 'topic'\n", T0 + 30, parents, 2);
	tip = m1;
	set_ref("refs/heads/main", &m1);
	/* a merge with a note of its own, of a branch whose commit has none */
	put("content/o.md", "o2\n");
	git_oid s3 = commit_with("改 o\n", T0 + 40, &m1, 1);
	git_oid parents2[2] = { m1, s3 };
	git_oid m2 = commit_with("合并\n\nChange-Note: 合并说明\n", T0 + 50, parents2, 2);
	/* the topic branch goes on and is merged again: only its new commit
	 * is brought in */
	index_at(&s[2]);
	put("content/p.md", "p2\n");
	git_oid s4 = commit_with("第三次\n\nChange-Note: 分支里的第三条\n", T0 + 60, &s[2], 1);
	index_at(&m2);
	put("content/p.md", "p2\n");
	git_oid parents3[2] = { m2, s4 };
	git_oid m3 = commit_with("Merge branch 'topic' again\n", T0 + 70, parents3, 2);
	tip = m3;
	set_ref("refs/heads/main", &m3);

	struct history *h = hist(wd, "main", "content/", 0);
	if (!h)
		return;
	T_INT(h->walked, 5);
	T_INT(h->ncommits, 5);
	T_STR(h->commits[2].id, hex(&m1));
	T_INT(h->commits[2].merge, 1);
	T_STR(h->commits[2].summary, "Merge branch 'topic'");
	T_STR(h->commits[2].note, "分支里的更新\n分支里的第二条");
	T_INT(h->commits[2].time, T0 + 30);
	const struct hist_file *f = history_file(h, "content/m.md");
	T_STR(kinds(f), "A0 M2");
	T_STR(f ? f->events[1].note : NULL, "分支里的更新");
	T_INT(f ? f->last_major : 9, 2);
	f = history_file(h, "content/n.md");
	T_STR(kinds(f), "A2");
	T_OK(f && f->events[0].note == NULL && f->last_major == HIST_NONE);
	f = history_file(h, "content/p.md");
	T_STR(kinds(f), "A0 M2 M4");
	T_STR(f ? f->events[1].note : NULL, "分支里的第二条");
	T_STR(f ? f->events[2].note : NULL, "分支里的第三条");
	T_STR(h->commits[4].note, "分支里的第三条");
	f = history_file(h, "content/o.md");
	T_STR(kinds(f), "A0 M1 M3");
	T_STR(f ? f->events[2].note : NULL, "合并说明");
	T_STR(h->commits[3].note, "合并说明");
	/* no event twice: 2 + 1 + 3 + 3 */
	size_t n = 0;
	for (size_t i = 0; i < h->nfiles; i++)
		n += h->files[i].nevents;
	T_INT(n, 9);
	history_free(h);
}

static void test_shallow(void)
{
	git_oid c0, c1;
	char path[1024];
	struct diag d = DIAG_INIT;
	struct history *h = NULL;

	repo_new("shallow");
	put("content/a.md", "1\n");
	c0 = commit("一\n", T0);
	put("content/a.md", "2\n");
	put("content/b.md", "b\n");
	c1 = commit("二\n", T0 + 10);
	put("content/b.md", "b2\n");
	commit("三\n", T0 + 20);
	/* a clone of depth 2: c1's parent is not there */
	const char *id = hex(&c0);
	snprintf(path, sizeof(path), "%s/.git/objects/%.2s/%s", wd, id, id + 2);
	T_INT(unlink(path), 0);
	snprintf(path, sizeof(path), "%s/.git/shallow", wd);
	char line[64];
	snprintf(line, sizeof(line), "%s\n", hex(&c1));
	write_file(path, line);

	h = hist(wd, NULL, "content/", 0);
	if (h) {
		T_INT(h->shallow, 1);
		T_INT(h->walked, 2);
		T_STR(h->commits[0].id, hex(&c1));
		T_STR(kinds(history_file(h, "content/a.md")), "A0");
		T_STR(kinds(history_file(h, "content/b.md")), "A0 M1");
	}
	history_free(h);
	/* not shallow, yet a commit missing: a broken repository */
	unlink(path);
	h = NULL;
	T_INT(history_read(&h, wd, NULL, "content/", &d), -1);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "读取 git 历史失败"));
	diag_free(&d);
}

/* A message in GBK (git's i18n.commitEncoding), and one with broken bytes. */
static void test_encoding(void)
{
	repo_new("encoding");
	put("content/a.md", "1\n");
	ENC = "GBK";
	commit("\xb8\xfc\xd0\xc2\n\nChange-Note: \xb8\xfc\xd0\xc2\xc4\xbf\xb1\xea\n", T0); /* 更新, 更新目标 */
	ENC = NULL;
	put("content/a.md", "2\n");
	commit("bad \xff byte\n", T0 + 10);
	struct history *h = hist(wd, NULL, "content/", 0);
	if (h && h->ncommits == 2) {
		T_STR(h->commits[0].summary, "更新");
		T_STR(h->commits[0].note, "更新目标");
		T_STR(h->commits[1].summary, "bad \xef\xbf\xbd byte");
	}
	history_free(h);
}

static void test_not_a_repository(void)
{
	struct diag d = DIAG_INIT;
	struct history *h = NULL;
	struct source *s = NULL;
	char id[41];
	const char *plain = sb("plain");

	mkdirs(plain);
	T_INT(history_read(&h, plain, NULL, "content/", &d), 1);
	T_OK(h == NULL);
	T_INT(d.len, 0);
	T_INT(gitsrc_open(&s, plain, "main", id, &d), -1);
	T_OK(s == NULL);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "不在 git 仓库里，不能用 --ref"));
	diag_free(&d);

	/* a repository without a commit: no history yet */
	repo_new("unborn");
	T_INT(history_read(&h, wd, NULL, "content/", &d), 1);
	T_INT(d.len, 0);
	T_INT(history_read(&h, wd, "main", "content/", &d), -1);
	T_STR(diags(&d), "gongkai: error: 未知的版本“main”; 写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的");
	diag_free(&d);
}

/* A content folder below the repository's root: paths are the folder's. */
static void test_subfolder(void)
{
	char sub[600];
	repo_new("mono");
	put("site-a/content/a.md", "第一行\n第二行\n第三行\n第四行\n");
	put("other/x.md", "x\n");
	commit("一\n", T0);
	del("site-a/content/a.md");
	put("site-a/content/b.md", "第一行\n第二行\n第三行\n第四行\n第五行\n");
	put("other/y.md", "y\n");
	commit("二\n", T0 + 10);
	snprintf(sub, sizeof(sub), "%s/site-a", wd);

	struct history *h = hist(sub, NULL, "content/", 0);
	if (h) {
		T_INT(h->nfiles, 1);
		const struct hist_file *f = history_file(h, "content/b.md");
		T_STR(kinds(f), "A0 R1");
		T_STR(f ? f->events[1].old_path : NULL, "content/a.md");
	}
	history_free(h);

	struct source *s = NULL;
	struct diag d = DIAG_INIT;
	char id[41];
	T_INT(gitsrc_open(&s, sub, "main", id, &d), 0);
	if (s) {
		struct source_entry *e;
		size_t n;
		T_INT(source_list(s, "", &e, &n), 0);
		T_INT(n, 1);
		T_STR(n ? e[0].name : NULL, "content");
		source_entries_free(e, n);
		char *data = NULL, *err = NULL;
		size_t len;
		T_INT(source_read(s, "content/b.md", &data, &len, &err), 0);
		T_INT(len, 5 * strlen("第一行\n"));
		free(data);
	}
	source_free(s);
	diag_free(&d);
}

static void test_gitsrc(void)
{
	struct diag d = DIAG_INIT;
	struct source *s = NULL;
	struct source_entry *e = NULL;
	size_t n, len;
	char id[41], *data = NULL, *err = NULL;
	git_oid c0;

	repo_new("src");
	put("content/site.yaml", "title: 一\n");
	put("content/Zeta.md", "z\n");
	put("content/.hidden", "h\n");
	for (int i = 20; i-- > 0;) {
		char p[64], t[64];
		snprintf(p, sizeof(p), "content/plans/p%02d/plan.md", i);
		snprintf(t, sizeof(t), "计划 %d\n", i);
		put(p, t);
	}
	c0 = commit("一\n", T0);
	put("content/site.yaml", "title: 二\n");
	commit("二\n", T0 + 10);
	git_object *target;
	git_oid tag;
	git_signature *sig;
	check(git_object_lookup(&target, R, &c0, GIT_OBJECT_COMMIT), "lookup");
	check(git_signature_new(&sig, "张三", "zhang@example.org", T0, 480), "sig");
	check(git_tag_create(&tag, R, "v1", target, sig, "第一版\n", 0), "tag");
	git_signature_free(sig);
	git_object_free(target);

	T_INT(gitsrc_open(&s, wd, hex(&c0), id, &d), 0);
	T_STR(id, hex(&c0));
	if (s) {
		T_INT(source_list(s, "content", &e, &n), 0);
		T_INT(n, 3);
		if (n == 3) {
			T_STR(e[0].name, "Zeta.md");
			T_INT(e[0].is_dir, 0);
			T_STR(e[1].name, "plans");
			T_INT(e[1].is_dir, 1);
			T_STR(e[2].name, "site.yaml");
		}
		source_entries_free(e, n);
		T_INT(source_list(s, "content/plans", &e, &n), 0);
		T_INT(n, 20);
		T_STR(n ? e[0].name : NULL, "p00");
		T_STR(n ? e[19].name : NULL, "p19");
		source_entries_free(e, n);
		T_INT(source_read(s, "content/site.yaml", &data, &len, &err), 0);
		T_STR(data, "title: 一\n");
		free(data);
		/* more folders than the cache holds, twice */
		int ok = 1;
		for (int round = 0; round < 2; round++)
			for (int i = 0; i < 20; i++) {
				char p[64], t[64];
				snprintf(p, sizeof(p), "content/plans/p%02d/plan.md", i);
				snprintf(t, sizeof(t), "计划 %d\n", i);
				if (source_read(s, p, &data, &len, &err) != 0 || strcmp(data, t) != 0)
					ok = 0;
				free(data);
			}
		T_OK(ok);
		T_INT(source_read(s, "content/none.md", &data, &len, &err), 1);
		T_OK(data == NULL);
		T_INT(source_read(s, "content/plans/p99/plan.md", &data, &len, &err), 1);
		T_INT(source_read(s, "content/plans", &data, &len, &err), -1);
		T_OK(err != NULL);
		free(err);
		T_INT(source_list(s, "nope", &e, &n), 1);
		T_INT(n, 0);
		source_entries_free(e, n);
		T_INT(source_list(s, "content/site.yaml", &e, &n), 1);
		source_entries_free(e, n);
	}
	source_free(s);

	/* a branch, and an annotated tag */
	T_INT(gitsrc_open(&s, wd, "main", id, &d), 0);
	T_STR(id, hex(&tip));
	if (s && source_read(s, "content/site.yaml", &data, &len, &err) == 0) {
		T_STR(data, "title: 二\n");
		free(data);
	}
	source_free(s);
	T_INT(gitsrc_open(&s, wd, "v1", id, &d), 0);
	T_STR(id, hex(&c0));
	source_free(s);

	T_INT(gitsrc_open(&s, wd, "v9", id, &d), -1);
	T_OK(s == NULL);
	T_STR(diags(&d), "gongkai: error: 未知的版本“v9”; 写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的");
	diag_free(&d);
}

/* Run publish_site with its output caught; returns its result. */
static int publish(const char *dir, const char *site, const char *branch, const char *src,
		   struct diag *d, char **said)
{
	const char *log = sb("publish.log");
	fflush(stdout);
	int saved = dup(1), fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	dup2(fd, 1);
	close(fd);
	int r = publish_site(dir, site, branch, src, d);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	*said = read_whole(log);
	return r;
}

static int branch_tip(git_oid *out, git_repository *repo, const char *name)
{
	return git_reference_name_to_id(out, repo, name);
}

static void test_publish(void)
{
	struct diag d = DIAG_INIT;
	char site[600], path[700], *said = NULL;
	git_oid c0, t1, t2, t3;

	repo_new("pub");
	git_config *cfg;
	check(git_repository_config(&cfg, R), "config");
	check(git_config_set_string(cfg, "user.name", "发布员"), "config");
	check(git_config_set_string(cfg, "user.email", "pub@example.org"), "config");
	git_config_free(cfg);
	put("content/a.md", "a\n");
	c0 = commit("内容\n", T0);

	snprintf(site, sizeof(site), "%s", sb("pub-site"));
	snprintf(path, sizeof(path), "%s/index.html", site);
	write_file(path, "<h1>首页</h1>\n");
	snprintf(path, sizeof(path), "%s/css/site.css", site);
	write_file(path, "body{}\n");
	snprintf(path, sizeof(path), "%s/计划/一.html", site);
	write_file(path, "<p>一</p>\n");
	snprintf(path, sizeof(path), "%s/.nojekyll", site);
	write_file(path, "");
	snprintf(path, sizeof(path), "%s/empty", site);
	mkdirs(path);

	T_INT(publish(wd, site, NULL, hex(&c0), &d, &said), 0);
	T_OK(strstr(said, "已发布到分支 site") != NULL);
	free(said);
	T_INT(branch_tip(&t1, R, "refs/heads/site"), 0);
	git_commit *c = NULL;
	git_tree *tree = NULL;
	if (git_commit_lookup(&c, R, &t1) == 0) {
		T_OK(strstr(git_commit_message(c), hex(&c0)) != NULL);
		T_STR(git_commit_author(c)->name, "发布员");
		T_INT(git_commit_parentcount(c), 0);
		git_commit_tree(&tree, c);
		T_INT(git_tree_entrycount(tree), 4); /* .nojekyll css index.html 计划; no empty/ */
		T_OK(git_tree_entry_byname(tree, "empty") == NULL);
		T_OK(git_tree_entry_byname(tree, "计划") != NULL);
	}
	git_oid tree1 = *git_tree_id(tree);
	git_tree_free(tree);
	git_commit_free(c);

	/* the same site again: nothing to do */
	T_INT(publish(wd, site, NULL, hex(&c0), &d, &said), 0);
	T_OK(strstr(said, "没有变化") != NULL);
	free(said);
	T_INT(branch_tip(&t2, R, "refs/heads/site"), 0);
	T_OK(git_oid_equal(&t1, &t2));

	/* a change: one commit more, on top of the last */
	snprintf(path, sizeof(path), "%s/index.html", site);
	write_file(path, "<h1>首页</h1>\n<p>新</p>\n");
	T_INT(publish(wd, site, "site", NULL, &d, &said), 0);
	free(said);
	T_INT(branch_tip(&t3, R, "refs/heads/site"), 0);
	T_OK(!git_oid_equal(&t1, &t3));
	if (git_commit_lookup(&c, R, &t3) == 0) {
		T_INT(git_commit_parentcount(c), 1);
		T_OK(git_oid_equal(git_commit_parent_id(c, 0), &t1));
		git_commit_free(c);
	}
	/* main is untouched */
	git_oid m;
	T_INT(branch_tip(&m, R, "refs/heads/main"), 0);
	T_OK(git_oid_equal(&m, &c0));

	/* the checked-out branch, a bad name, no site */
	T_INT(publish(wd, site, "main", NULL, &d, &said), -1);
	free(said);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "当前检出的分支"));
	diag_free(&d);
	T_INT(publish(wd, site, "bad..name", NULL, &d, &said), -1);
	free(said);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "不合 git 的规则"));
	diag_free(&d);
	T_INT(publish(wd, sb("no-site"), "site", NULL, &d, &said), -1);
	free(said);
	T_OK(d.len == 1 && strstr(d.items[0].msg, "无法打开网站文件夹"));
	diag_free(&d);

	/* the same files in another repository, without an identity: the
	 * same tree */
	snprintf(path, sizeof(path), "%s/index.html", site);
	write_file(path, "<h1>首页</h1>\n");
	repo_new("pub2");
	put("content/a.md", "a\n");
	commit("内容\n", T0);
	T_INT(publish(wd, site, "gh-pages", NULL, &d, &said), 0);
	free(said);
	T_INT(branch_tip(&t1, R, "refs/heads/gh-pages"), 0);
	if (git_commit_lookup(&c, R, &t1) == 0) {
		T_OK(git_oid_equal(git_commit_tree_id(c), &tree1));
		T_STR(git_commit_author(c)->name, "gongkai");
		T_STR(git_commit_author(c)->email, "gongkai@localhost");
		git_commit_free(c);
	}
	T_INT(d.len, 0);
	diag_free(&d);
}

int main(void)
{
	if (!mkdtemp(sandbox)) {
		perror("mkdtemp");
		return 2;
	}
	/* Nothing outside the sandbox: no repository above it, no one's
	 * ~/.gitconfig (identity, diff.renames). */
	setenv("GIT_CEILING_DIRECTORIES", sandbox, 1);
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, sandbox);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, sandbox);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, sandbox);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, sandbox);

	test_notes();
	test_basic();
	test_renames();
	test_readd();
	test_merges();
	test_shallow();
	test_encoding();
	test_not_a_repository();
	test_subfolder();
	test_gitsrc();
	test_publish();

	repo_close();
	blob_text(NULL, "");
	git_libgit2_shutdown();
	rmrf(sandbox);
	return t_done("history");
}
