/* history: the record from git, read in one pass (see history.h and
 * docs/history.md).
 *
 * The walk goes down the first-parent line from the ref, then back up it
 * oldest first, comparing each commit's tree under the prefix with its
 * parent's. Trees are compared here, on their raw bytes, skipping identical
 * subtrees and identical entries; libgit2's diff is used only where it adds
 * something: finding renames by similarity. */
#include "history.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

#include <git2.h>

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256          /* folders nested deeper than this are a corrupt tree */
#define RENAME_THRESHOLD 50    /* percent similar for a rename, as git's default */
#define RENAME_LIMIT 1000      /* candidates libgit2 weighs per file, as git's default */

/* ---- libgit2, shared by the git modules ---- */

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

/* ---- a hash map from byte strings to indexes ---- */

struct slot {
	const char *key; /* borrowed: lives as long as the map's user keeps it */
	size_t len;      /* bytes of key */
	uint64_t hash;   /* of key */
	size_t val;      /* HIST_NONE: present but cleared */
};

struct map {
	struct slot *s; /* open addressing, linear probing; cap a power of two */
	size_t cap;     /* slots */
	size_t n;       /* slots in use */
};

static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static struct slot *map_slot(const struct map *m, const void *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	for (;;) {
		struct slot *s = &m->s[i];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

/* The value of key, or HIST_NONE. */
static size_t map_get(const struct map *m, const void *key, size_t len)
{
	if (!m->cap)
		return HIST_NONE;
	struct slot *s = map_slot(m, key, len, hash_bytes(key, len));
	return s->key ? s->val : HIST_NONE;
}

/* Set key (kept, not copied) to val. */
static void map_set(struct map *m, const char *key, size_t len, size_t val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct map g = { xcalloc(m->cap ? m->cap * 2 : 64, sizeof(struct slot)),
				 m->cap ? m->cap * 2 : 64, m->n };
		for (size_t i = 0; i < m->cap; i++)
			if (m->s[i].key)
				*map_slot(&g, m->s[i].key, m->s[i].len, m->s[i].hash) = m->s[i];
		free(m->s);
		*m = g;
	}
	uint64_t h = hash_bytes(key, len);
	struct slot *s = map_slot(m, key, len, h);
	if (!s->key) {
		s->key = key;
		s->len = len;
		s->hash = h;
		m->n++;
	}
	s->val = val;
}

static void map_free(struct map *m)
{
	free(m->s);
	memset(m, 0, sizeof(*m));
}

/* ---- commit messages ---- */

/* Append line (n bytes, already trimmed) to b as one more piece of one
 * line: a space between the pieces, except between two Chinese characters,
 * where a line break is not a space. */
static void join_piece(struct buf *b, const char *line, size_t n)
{
	if (!n)
		return;
	if (b->len) {
		unsigned first;
		utf8_decode(line, n, &first);
		if (!(utf8_is_cjk(utf8_last(b->ptr, b->len)) && utf8_is_cjk(first)))
			buf_putc(b, ' ');
	}
	buf_put(b, line, n);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

struct line {
	const char *s; /* start */
	size_t n;      /* bytes, without the newline and a trailing CR */
};

/* Split text into lines; the message ends before a "---" line, as git's
 * trailer rules say (what follows is a patch). */
static size_t split_lines(struct line **out, const char *text)
{
	struct line *v = NULL;
	size_t n = 0, cap = 0;
	const char *p = text;

	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len >= 3 && memcmp(p, "---", 3) == 0 && (len == 3 || is_space(p[3])))
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n].s = p;
		v[n].n = len && p[len - 1] == '\r' ? len - 1 : len;
		n++;
		p = e ? e + 1 : p + len;
	}
	*out = v;
	return n;
}

static int blank(const struct line *l)
{
	const char *s = l->s;
	size_t n = l->n;
	trim(&s, &n);
	return n == 0;
}

/* The length of the key if l is "Key: value" (git: letters, digits and
 * '-', then maybe blanks, then the separator), else 0. */
static size_t trailer_key(const struct line *l, size_t *colon)
{
	size_t i = 0, key = 0;
	while (i < l->n && (l->s[i] == '-' || (l->s[i] >= '0' && l->s[i] <= '9') ||
			    ((l->s[i] | 0x20) >= 'a' && (l->s[i] | 0x20) <= 'z')))
		i++;
	key = i;
	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t'))
		i++;
	if (key == 0 || i >= l->n || l->s[i] != ':')
		return 0;
	*colon = i;
	return key;
}

/* Compare n bytes without regard to ASCII case, whatever the locale. */
static int ascii_caseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
		char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
		if (x != y)
			return 0;
	}
	return 1;
}

static int recognized(const struct line *l)
{
	static const char *const pre[] = { "Signed-off-by: ", "(cherry picked from commit " };
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t k = strlen(pre[i]);
		if (l->n >= k && memcmp(l->s, pre[i], k) == 0)
			return 1;
	}
	return 0;
}

/* One note: the value v (vn bytes) of line *i and the indented lines that
 * continue it (unfolded, see join_piece), appended to note after a line
 * break if note already holds one. *i moves to the last line used. */
static void take_note(struct buf *note, struct buf *one, const struct line *L, size_t n,
		      size_t *i, const char *v, size_t vn)
{
	trim(&v, &vn);
	buf_clear(one);
	join_piece(one, v, vn);
	while (*i + 1 < n && L[*i + 1].n && (L[*i + 1].s[0] == ' ' || L[*i + 1].s[0] == '\t')) {
		(*i)++;
		v = L[*i].s;
		vn = L[*i].n;
		trim(&v, &vn);
		join_piece(one, v, vn);
	}
	if (!one->len)
		return;
	if (note->len)
		buf_putc(note, '\n');
	buf_put(note, one->ptr, one->len);
}

/* Staff are not git experts: when the message has no Change-Note trailer
 * by git's rules, a line anywhere that starts with "Change-Note" and a
 * colon (half- or full-width) still counts, with its indented continuation
 * lines — so a note in the subject, in the middle of the message, without
 * the blank line before it, or typed with "：" is not silently lost. */
static char *loose_note(const char *message)
{
	struct line *L = NULL;
	size_t n = split_lines(&L, message);
	struct buf note = BUF_INIT, one = BUF_INIT;
	char *out = NULL;

	for (size_t i = 0; i < n; i++) {
		const char *v = L[i].s;
		size_t vn = L[i].n;
		trim(&v, &vn);
		if (vn < 11 || !ascii_caseeq(v, "change-note", 11))
			continue;
		v += 11;
		vn -= 11;
		while (vn && (*v == ' ' || *v == '\t'))
			v++, vn--;
		if (vn && *v == ':')
			v++, vn--;
		else if (vn >= 3 && memcmp(v, "\xEF\xBC\x9A", 3) == 0) /* ： */
			v += 3, vn -= 3;
		else
			continue;
		take_note(&note, &one, L, n, &i, v, vn);
	}
	if (note.len)
		out = buf_detach(&note);
	buf_free(&note);
	buf_free(&one);
	free(L);
	return out;
}

/* Git's trailer rules, which libgit2 1.5's git_message_trailers follows
 * except that it drops continuation lines indented with a tab: the
 * trailers are the last paragraph, if it is not the first one, and if all
 * its lines are trailers (or their continuations, indented), or at least a
 * quarter are and one is of a kind git writes itself (Signed-off-by). */
char *history_note(const char *message)
{
	struct line *L = NULL;
	size_t n = split_lines(&L, message), start, i;
	size_t trailers = 0, others = 0;
	int known = 0, in_trailer = 0;
	struct buf note = BUF_INIT, one = BUF_INIT;
	char *out = NULL;

	while (n && (blank(&L[n - 1]) || L[n - 1].s[0] == '#'))
		n--;
	for (start = n; start > 0 && !blank(&L[start - 1]); start--)
		;
	if (start == 0)
		goto cleanup; /* one paragraph: the subject, never trailers */
	for (i = start; i < n; i++) {
		size_t colon;
		if (L[i].s[0] == '#')
			continue;
		known |= recognized(&L[i]);
		if (L[i].s[0] == ' ' || L[i].s[0] == '\t') {
			if (!in_trailer)
				others++;
		} else if (trailer_key(&L[i], &colon)) {
			trailers++;
			in_trailer = 1;
		} else {
			others++;
			in_trailer = 0;
		}
	}
	if (!trailers || (others && !(known && trailers * 3 >= others)))
		goto cleanup;

	for (i = start; i < n; i++) {
		size_t colon, key = trailer_key(&L[i], &colon);
		if (L[i].s[0] == '#' || L[i].s[0] == ' ' || L[i].s[0] == '\t' || !key)
			continue;
		if (key != 11 || !ascii_caseeq(L[i].s, "change-note", 11))
			continue;
		take_note(&note, &one, L, n, &i, L[i].s + colon + 1, L[i].n - colon - 1);
	}
	if (note.len)
		out = buf_detach(&note);

cleanup:
	buf_free(&note);
	buf_free(&one);
	free(L);
	return out ? out : loose_note(message);
}

/* The subject: the first paragraph, on one line. */
static char *summary(struct arena *a, const char *message)
{
	struct line *L = NULL;
	size_t n = split_lines(&L, message), i = 0;
	struct buf b = BUF_INIT;
	char *out;

	while (i < n && blank(&L[i]))
		i++;
	for (; i < n && !blank(&L[i]); i++) {
		const char *s = L[i].s;
		size_t k = L[i].n;
		trim(&s, &k);
		join_piece(&b, s, k);
	}
	out = arena_strndup(a, b.ptr, b.len);
	buf_free(&b);
	free(L);
	return out;
}

/* The message as UTF-8: converted from the encoding the commit declares
 * (git's i18n.commitEncoding, such as GBK), invalid bytes replaced by
 * U+FFFD so that no page carries broken text. malloc'd. */
static char *message_utf8(const git_commit *c)
{
	const char *msg = git_commit_message(c);
	const char *enc = git_commit_message_encoding(c);
	struct buf b = BUF_INIT;
	size_t n = strlen(msg);

	if (enc && !(strlen(enc) == 5 && ascii_caseeq(enc, "utf-8", 5)) &&
	    !(strlen(enc) == 4 && ascii_caseeq(enc, "utf8", 4))) {
		iconv_t cd = iconv_open("UTF-8", enc);
		if (cd != (iconv_t)-1) {
			char *in = (char *)msg;
			size_t left = n;
			while (left) {
				char chunk[1024], *o = chunk;
				size_t room = sizeof(chunk);
				size_t r = iconv(cd, &in, &left, &o, &room);
				buf_put(&b, chunk, (size_t)(o - chunk));
				if (r == (size_t)-1 && errno != E2BIG) {
					buf_put(&b, "\xef\xbf\xbd", 3);
					in++;
					left--;
				}
			}
			iconv_close(cd);
			return buf_detach(&b);
		}
	}
	if (utf8_valid(msg, n))
		return xstrdup(msg);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(msg + i, n - i, &cp);
		if (cp == 0xFFFD && k == 1)
			buf_put(&b, "\xef\xbf\xbd", 3);
		else
			buf_put(&b, msg + i, k);
		i += k;
	}
	return buf_detach(&b);
}

/* ---- comparing trees ---- */

struct delta {
	int kind;        /* enum hist_change, or -1: dropped (paired into a rename) */
	char *path;      /* relative to dir (malloc'd) */
	char *old_path;  /* HIST_RENAMED: the path before (malloc'd) */
	git_oid id;      /* the blob after the change; before it, for HIST_DELETED */
	size_t rec;      /* HIST_RENAMED: the record being moved */
};

struct dlist {
	struct delta *v;
	size_t n, cap;
};

static void dl_add(struct dlist *l, int kind, const char *path, const git_oid *id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	struct delta *d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->path = xstrdup(path);
	d->id = *id;
}

static void dl_clear(struct dlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].old_path);
	}
	l->n = 0;
}

static void dl_free(struct dlist *l)
{
	dl_clear(l);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct tent {
	const char *name; /* not NUL-terminated */
	size_t len;       /* bytes of name */
	unsigned mode;    /* 040000 a folder, 0100644 a file, 0160000 a submodule… */
	git_oid id;
};

/* The bytes of the raw tree entry at p: "mode name\0" and 20 bytes of id. */
static size_t tent_size(const char *p, const char *end)
{
	const char *z = memchr(p, 0, (size_t)(end - p));
	if (!z || end - z < 21)
		return 0;
	return (size_t)(z - p) + 21;
}

static int tent_parse(struct tent *e, const char *p, size_t size)
{
	const char *sp;
	e->mode = 0;
	for (sp = p; *sp >= '0' && *sp <= '7'; sp++)
		e->mode = e->mode * 8 + (unsigned)(*sp - '0');
	if (*sp != ' ' || sp == p)
		return -1;
	e->name = sp + 1;
	e->len = size - 21 - (size_t)(e->name - p);
	git_oid_fromraw(&e->id, (const unsigned char *)p + size - 20);
	return 0;
}

#define IS_TREE(m) (((m) & 0170000) == 0040000)
#define IS_LINK(m) (((m) & 0170000) == 0160000) /* a submodule: not a file */

/* git's order of tree entries: by name, a folder's name read as "name/". */
static int tent_cmp(const struct tent *a, const struct tent *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	if (c)
		return c;
	unsigned ca = a->len > n ? (unsigned char)a->name[n] : IS_TREE(a->mode) ? '/' : 0;
	unsigned cb = b->len > n ? (unsigned char)b->name[n] : IS_TREE(b->mode) ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

/* The trees read on the new side of one commit's diff, kept for the old
 * side of the next one: the big folder of a flat layout is then read once
 * per commit, not twice. */
struct tcache {
	git_odb *odb;
	struct map ids[2];       /* id → index in objs: [0] this commit's, [1] the previous one's */
	git_odb_object **objs[2];
	size_t n[2], cap[2];
};

static void tcache_turn(struct tcache *t)
{
	for (size_t i = 0; i < t->n[1]; i++)
		git_odb_object_free(t->objs[1][i]);
	map_free(&t->ids[1]);
	free(t->objs[1]);
	t->ids[1] = t->ids[0];
	t->objs[1] = t->objs[0];
	t->n[1] = t->n[0];
	t->cap[1] = t->cap[0];
	memset(&t->ids[0], 0, sizeof(t->ids[0]));
	t->objs[0] = NULL;
	t->n[0] = t->cap[0] = 0;
}

static void tcache_free(struct tcache *t)
{
	tcache_turn(t);
	tcache_turn(t);
}

/* Read tree id (NULL: none) for side 0 (old) or 1 (new) of a diff. */
static int read_tree(git_odb_object **out, struct tcache *t, const git_oid *id, int side)
{
	*out = NULL;
	if (!id)
		return 0;
	if (side == 0) {
		size_t k = map_get(&t->ids[1], (const char *)id->id, GIT_OID_RAWSZ);
		if (k != HIST_NONE)
			return git_odb_object_dup(out, t->objs[1][k]);
	}
	if (git_odb_read(out, t->odb, id) < 0)
		return -1;
	if (git_odb_object_type(*out) != GIT_OBJECT_TREE) {
		git_odb_object_free(*out);
		*out = NULL;
		git_error_set_str(GIT_ERROR_INVALID, "a tree entry that is not a tree");
		return -1;
	}
	if (side == 1) {
		if (t->n[0] == t->cap[0]) {
			t->cap[0] = t->cap[0] ? t->cap[0] * 2 : 16;
			t->objs[0] = xrealloc(t->objs[0], t->cap[0] * sizeof(*t->objs[0]));
		}
		git_odb_object_dup(&t->objs[0][t->n[0]], *out);
		map_set(&t->ids[0], (const char *)git_odb_object_id(*out)->id, GIT_OID_RAWSZ, t->n[0]);
		t->n[0]++;
	}
	return 0;
}

static int diff_trees(struct dlist *out, struct tcache *tc, const git_oid *a, const git_oid *b,
		      struct buf *path, int depth);

/* One side of a pair of entries, or an entry on one side only. */
static int diff_entry(struct dlist *out, struct tcache *tc, const struct tent *a, const struct tent *b,
		      struct buf *path, int depth)
{
	size_t len = path->len;
	int r = 0;

	if (len)
		buf_putc(path, '/');
	buf_put(path, a ? a->name : b->name, a ? a->len : b->len);
	if ((a && IS_TREE(a->mode)) || (b && IS_TREE(b->mode))) {
		r = diff_trees(out, tc, a ? &a->id : NULL, b ? &b->id : NULL, path, depth + 1);
	} else {
		int ha = a && !IS_LINK(a->mode), hb = b && !IS_LINK(b->mode);
		if (ha && hb) {
			if (!git_oid_equal(&a->id, &b->id) || a->mode != b->mode)
				dl_add(out, HIST_MODIFIED, path->ptr, &b->id);
		} else if (ha) {
			dl_add(out, HIST_DELETED, path->ptr, &a->id);
		} else if (hb) {
			dl_add(out, HIST_ADDED, path->ptr, &b->id);
		}
	}
	buf_truncate(path, len);
	return r;
}

/* Append to out the files that differ between trees a and b (either may be
 * NULL: empty), under path. A merge of the two sorted entry lists; an entry
 * whose bytes are the same on both sides (same name, mode and id) is
 * skipped without being parsed, and so is a subtree whose id is the same. */
static int diff_trees(struct dlist *out, struct tcache *tc, const git_oid *a, const git_oid *b,
		      struct buf *path, int depth)
{
	git_odb_object *oa = NULL, *ob = NULL;
	const char *pa = NULL, *ea = NULL, *pb = NULL, *eb = NULL;
	int r = -1;

	if (a && b && git_oid_equal(a, b))
		return 0;
	if (depth > MAX_DEPTH) {
		git_error_set_str(GIT_ERROR_INVALID, "folders nested too deep");
		return -1;
	}
	if (read_tree(&oa, tc, a, 0) < 0 || read_tree(&ob, tc, b, 1) < 0)
		goto cleanup;
	if (oa) {
		pa = git_odb_object_data(oa);
		ea = pa + git_odb_object_size(oa);
	}
	if (ob) {
		pb = git_odb_object_data(ob);
		eb = pb + git_odb_object_size(ob);
	}
	while (pa < ea || pb < eb) {
		size_t sa = pa < ea ? tent_size(pa, ea) : 0, sb = pb < eb ? tent_size(pb, eb) : 0;
		struct tent ta, tb;
		if ((pa < ea && !sa) || (pb < eb && !sb))
			goto corrupt;
		if (sa && sa == sb && memcmp(pa, pb, sa) == 0) {
			pa += sa;
			pb += sb;
			continue;
		}
		if ((sa && tent_parse(&ta, pa, sa) < 0) || (sb && tent_parse(&tb, pb, sb) < 0))
			goto corrupt;
		int c = !sa ? 1 : !sb ? -1 : tent_cmp(&ta, &tb);
		if (diff_entry(out, tc, c <= 0 ? &ta : NULL, c >= 0 ? &tb : NULL, path, depth) < 0)
			goto cleanup;
		if (c <= 0)
			pa += sa;
		if (c >= 0)
			pb += sb;
	}
	r = 0;
	goto cleanup;
corrupt:
	git_error_set_str(GIT_ERROR_INVALID, "corrupt tree");
cleanup:
	git_odb_object_free(oa);
	git_odb_object_free(ob);
	return r;
}

/* ---- the walk ---- */

struct rec {
	char *path;             /* current name (arena) */
	struct hist_event *ev;  /* oldest first (malloc'd) */
	size_t n, cap;
	int merged;             /* its events were moved into another record */
};

struct side {
	git_oid id;
	int64_t time;
	char *note;             /* malloc'd, or NULL */
	char **paths;           /* sorted, malloc'd: the files it touched under the prefix */
	size_t npaths;
};

struct walk {
	git_repository *repo;
	struct tcache tc;       /* trees of the last diff on the first-parent line */
	struct tcache side_tc;  /* the same, for diffs of merged commits */
	struct history *h;
	struct arena *a;
	struct diag *d;
	const char *rel;        /* the prefix relative to dir: "content", or "" */
	const char *full;       /* the prefix relative to the repository: "sub/content", or "" */
	size_t baselen;         /* bytes of dir's own path in full paths ("sub/") */
	struct map paths;       /* path → record */
	struct rec *recs;
	size_t nrecs, caprecs;
	struct map seen;        /* commits already attributed: the first-parent line, merged ones */
	struct dlist dl;        /* the changes of the current commit */
	struct side *sides;     /* the commits a merge brought in */
	size_t nsides, capsides;
	size_t capcommits;      /* allocated in h->commits */
};

/* The tree at the prefix in commit c: 0, or 1 if there is none. */
static int prefix_tree(git_oid *out, struct walk *w, const git_commit *c)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	int r;

	if (!w->full[0]) {
		*out = *git_commit_tree_id(c);
		return 0;
	}
	if ((r = git_commit_tree(&root, c)) < 0)
		goto cleanup;
	r = git_tree_entry_bypath(&e, root, w->full);
	if (r == GIT_ENOTFOUND) {
		r = 1;
	} else if (r == 0) {
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			*out = *git_tree_entry_id(e);
		else
			r = 1;
	}
cleanup:
	git_tree_entry_free(e);
	git_tree_free(root);
	return r;
}

/* The changes under the prefix between commits a (NULL: none) and b. */
static int diff_commits(struct dlist *out, struct walk *w, struct tcache *tc, const git_commit *a,
			const git_commit *b)
{
	git_oid ta, tb;
	int ra = 1, rb, r;
	struct buf path = BUF_INIT;

	if (a && (ra = prefix_tree(&ta, w, a)) < 0)
		return -1;
	if ((rb = prefix_tree(&tb, w, b)) < 0)
		return -1;
	buf_puts(&path, w->rel);
	r = diff_trees(out, tc, ra == 0 ? &ta : NULL, rb == 0 ? &tb : NULL, &path, 0);
	buf_free(&path);
	return r;
}

static int delta_path_cmp(const void *x, const void *y)
{
	const struct delta *a = *(const struct delta *const *)x, *b = *(const struct delta *const *)y;
	return strcmp(a->path, b->path);
}

/* Pair the deleted and added files of a commit into renames: those with
 * the same contents first (by path order when several have the same
 * contents), then libgit2's rename detection by similarity on the rest,
 * on a diff limited to exactly those paths. */
static int find_renames(struct walk *w, const git_commit *parent, const git_commit *c)
{
	struct dlist *l = &w->dl;
	struct delta **dels = NULL, **adds = NULL;
	size_t nd = 0, na = 0, i;
	struct map byid = { 0 };
	git_tree *ta = NULL, *tb = NULL;
	git_diff *diff = NULL;
	char **specs = NULL;
	size_t nspecs = 0;
	int r = -1;

	for (i = 0; i < l->n; i++) {
		nd += l->v[i].kind == HIST_DELETED;
		na += l->v[i].kind == HIST_ADDED;
	}
	if (!nd || !na)
		return 0;
	dels = xmalloc(nd * sizeof(*dels));
	adds = xmalloc(na * sizeof(*adds));
	nd = na = 0;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].kind == HIST_DELETED)
			dels[nd++] = &l->v[i];
		else if (l->v[i].kind == HIST_ADDED)
			adds[na++] = &l->v[i];
	}
	qsort(dels, nd, sizeof(*dels), delta_path_cmp);
	qsort(adds, na, sizeof(*adds), delta_path_cmp);

	/* Same contents: each id maps to its first unpaired deleted file. */
	for (i = nd; i-- > 0;)
		map_set(&byid, (const char *)dels[i]->id.id, GIT_OID_RAWSZ, i);
	for (i = 0; i < na; i++) {
		size_t k = map_get(&byid, adds[i]->id.id, GIT_OID_RAWSZ);
		if (k == HIST_NONE)
			continue;
		struct delta *del = dels[k];
		adds[i]->kind = HIST_RENAMED;
		adds[i]->old_path = del->path;
		del->path = NULL;
		del->kind = -1;
		/* the next deleted file with the same contents, if any */
		size_t next = HIST_NONE;
		for (size_t j = k + 1; j < nd; j++)
			if (dels[j]->kind == HIST_DELETED && git_oid_equal(&dels[j]->id, &del->id)) {
				next = j;
				break;
			}
		map_set(&byid, (const char *)del->id.id, GIT_OID_RAWSZ, next);
	}

	/* Similar contents: ask libgit2 about what is left. */
	specs = xmalloc((nd + na) * sizeof(*specs));
	size_t ld = 0, la = 0;
	for (i = 0; i < nd; i++)
		if (dels[i]->kind == HIST_DELETED)
			ld++;
	for (i = 0; i < na; i++)
		if (adds[i]->kind == HIST_ADDED)
			la++;
	if (!ld || !la || !parent) {
		r = 0;
		goto cleanup;
	}
	for (i = 0; i < nd; i++)
		if (dels[i]->kind == HIST_DELETED)
			specs[nspecs++] = arena_printf(w->a, "%.*s%s", (int)w->baselen, w->full, dels[i]->path);
	for (i = 0; i < na; i++)
		if (adds[i]->kind == HIST_ADDED)
			specs[nspecs++] = arena_printf(w->a, "%.*s%s", (int)w->baselen, w->full, adds[i]->path);

	git_diff_options o;
	git_diff_find_options f;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&f, GIT_DIFF_FIND_OPTIONS_VERSION);
	o.flags = GIT_DIFF_SKIP_BINARY_CHECK | GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	o.pathspec.strings = specs;
	o.pathspec.count = nspecs;
	/* explicit, so that no one's diff.renames setting changes the result */
	f.flags = GIT_DIFF_FIND_RENAMES;
	f.rename_threshold = RENAME_THRESHOLD;
	f.rename_limit = RENAME_LIMIT;
	if (git_commit_tree(&ta, parent) < 0 || git_commit_tree(&tb, c) < 0 ||
	    git_diff_tree_to_tree(&diff, w->repo, ta, tb, &o) < 0 ||
	    git_diff_find_similar(diff, &f) < 0)
		goto cleanup;
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *gd = git_diff_get_delta(diff, i);
		if (gd->status != GIT_DELTA_RENAMED)
			continue;
		const char *from = gd->old_file.path + w->baselen, *to = gd->new_file.path + w->baselen;
		struct delta *del = NULL, *add = NULL;
		for (size_t j = 0; j < nd && !del; j++)
			if (dels[j]->kind == HIST_DELETED && strcmp(dels[j]->path, from) == 0)
				del = dels[j];
		for (size_t j = 0; j < na && !add; j++)
			if (adds[j]->kind == HIST_ADDED && strcmp(adds[j]->path, to) == 0)
				add = adds[j];
		if (!del || !add)
			continue;
		add->kind = HIST_RENAMED;
		add->old_path = del->path;
		del->path = NULL;
		del->kind = -1;
	}
	r = 0;

cleanup:
	git_diff_free(diff);
	git_tree_free(ta);
	git_tree_free(tb);
	map_free(&byid);
	free(specs);
	free(dels);
	free(adds);
	return r;
}

static size_t rec_new(struct walk *w, const char *path)
{
	if (w->nrecs == w->caprecs) {
		w->caprecs = w->caprecs ? w->caprecs * 2 : 256;
		w->recs = xrealloc(w->recs, w->caprecs * sizeof(*w->recs));
	}
	struct rec *r = &w->recs[w->nrecs];
	memset(r, 0, sizeof(*r));
	r->path = arena_strdup(w->a, path);
	map_set(&w->paths, r->path, strlen(r->path), w->nrecs);
	return w->nrecs++;
}

static struct hist_event *rec_push(struct rec *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4;
		r->ev = xrealloc(r->ev, r->cap * sizeof(*r->ev));
	}
	struct hist_event *e = &r->ev[r->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* Move the events of record from into record to, keeping them in order of
 * commits: a file renamed onto a path that had a history before. */
static void rec_merge(struct rec *to, struct rec *from)
{
	struct hist_event *v = xmalloc((to->n + from->n) * sizeof(*v));
	size_t i = 0, j = 0, k = 0;
	while (i < from->n || j < to->n) {
		if (j == to->n || (i < from->n && from->ev[i].commit <= to->ev[j].commit))
			v[k++] = from->ev[i++];
		else
			v[k++] = to->ev[j++];
	}
	free(to->ev);
	free(from->ev);
	to->ev = v;
	to->n = to->cap = k;
	from->ev = NULL;
	from->n = from->cap = 0;
	from->merged = 1;
}

static int path_in(const struct side *s, const char *path)
{
	size_t lo = 0, hi = s->npaths;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->paths[mid], path);
		if (!c)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The notes of the merged commits that touched path (or old_path, if
 * not NULL), each once, oldest first; NULL if none. */
static char *side_notes(struct walk *w, const char *path, const char *old_path)
{
	struct buf b = BUF_INIT;
	char *out = NULL;

	for (size_t i = 0; i < w->nsides; i++) {
		const struct side *s = &w->sides[i];
		if (!s->note || !s->npaths)
			continue; /* no note, or nothing under the prefix */
		if (path && !path_in(s, path) && !(old_path && path_in(s, old_path)))
			continue;
		int dup = 0;
		for (size_t j = 0; j < i && !dup; j++) {
			const struct side *t = &w->sides[j];
			dup = t->note && strcmp(t->note, s->note) == 0 &&
			      (!path || path_in(t, path) || (old_path && path_in(t, old_path)));
		}
		if (dup)
			continue;
		if (b.len)
			buf_putc(&b, '\n');
		buf_puts(&b, s->note);
	}
	if (b.len)
		out = arena_strndup(w->a, b.ptr, b.len);
	buf_free(&b);
	return out;
}

static int side_cmp(const void *x, const void *y)
{
	const struct side *a = x, *b = y;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return git_oid_cmp(&a->id, &b->id);
}

static void sides_clear(struct walk *w)
{
	for (size_t i = 0; i < w->nsides; i++) {
		free(w->sides[i].note);
		for (size_t j = 0; j < w->sides[i].npaths; j++)
			free(w->sides[i].paths[j]);
		free(w->sides[i].paths);
	}
	w->nsides = 0;
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void mark_seen(struct walk *w, const git_oid *id)
{
	char *key = arena_alloc(w->a, GIT_OID_RAWSZ);
	memcpy(key, id->id, GIT_OID_RAWSZ);
	map_set(&w->seen, key, GIT_OID_RAWSZ, 0);
}

/* The commits merge m brought in: reachable from its other parents and
 * not from its first. Walking merges oldest first, these are the commits
 * reachable from the other parents that no earlier step has seen, so
 * every commit is visited once in the whole walk. For those with a note,
 * the files they touched. In a shallow clone, missing commits are skipped. */
static int merged_commits(struct walk *w, const git_commit *m)
{
	git_oid *queue = NULL;
	size_t nq = 0, capq = 0, i;
	git_commit *c = NULL, *p = NULL;
	struct dlist tmp = { 0 };
	int r = -1;

	sides_clear(w);
	for (unsigned k = 1; k < git_commit_parentcount(m); k++) {
		const git_oid *id = git_commit_parent_id(m, k);
		if (map_get(&w->seen, id->id, GIT_OID_RAWSZ) != HIST_NONE)
			continue;
		mark_seen(w, id);
		if (nq == capq)
			queue = xrealloc(queue, (capq = capq ? capq * 2 : 16) * sizeof(*queue));
		queue[nq++] = *id;
	}
	for (i = 0; i < nq; i++) {
		if (git_commit_lookup(&c, w->repo, &queue[i]) < 0) {
			if (!w->h->shallow)
				goto cleanup;
			continue;
		}
		if (w->nsides == w->capsides) {
			w->capsides = w->capsides ? w->capsides * 2 : 16;
			w->sides = xrealloc(w->sides, w->capsides * sizeof(*w->sides));
		}
		struct side *s = &w->sides[w->nsides++];
		memset(s, 0, sizeof(*s));
		s->id = queue[i];
		s->time = git_commit_time(c);
		char *msg = message_utf8(c);
		s->note = history_note(msg);
		free(msg);
		for (unsigned k = 0; k < git_commit_parentcount(c); k++) {
			const git_oid *id = git_commit_parent_id(c, k);
			if (map_get(&w->seen, id->id, GIT_OID_RAWSZ) != HIST_NONE)
				continue;
			mark_seen(w, id);
			if (nq == capq)
				queue = xrealloc(queue, (capq = capq ? capq * 2 : 16) * sizeof(*queue));
			queue[nq++] = *id;
		}
		if (s->note) {
			/* against its first parent, if present (not in a shallow clone's edge) */
			if (git_commit_parentcount(c) == 0 || git_commit_parent(&p, c, 0) == 0) {
				if (diff_commits(&tmp, w, &w->side_tc, p, c) < 0)
					goto cleanup;
				tcache_turn(&w->side_tc);
				s->paths = xmalloc((2 * tmp.n + 1) * sizeof(char *));
				for (size_t j = 0; j < tmp.n; j++) {
					s->paths[s->npaths++] = tmp.v[j].path;
					tmp.v[j].path = NULL;
				}
				qsort(s->paths, s->npaths, sizeof(char *), str_cmp);
				dl_clear(&tmp);
			} else if (!w->h->shallow) {
				goto cleanup;
			}
			git_commit_free(p);
			p = NULL;
		}
		git_commit_free(c);
		c = NULL;
	}
	if (w->nsides > 1)
		qsort(w->sides, w->nsides, sizeof(*w->sides), side_cmp);
	r = 0;

cleanup:
	git_commit_free(c);
	git_commit_free(p);
	dl_free(&tmp);
	free(queue);
	return r;
}

/* Record commit c and apply its changes (w->dl) to the files' records. */
static void apply(struct walk *w, const git_commit *c)
{
	struct history *h = w->h;
	size_t ci = h->ncommits++, i;
	struct hist_commit *hc;
	char *msg = message_utf8(c), *note = history_note(msg);
	int own = note != NULL;

	if (h->ncommits > w->capcommits) {
		w->capcommits = w->capcommits ? w->capcommits * 2 : 64;
		h->commits = xrealloc(h->commits, w->capcommits * sizeof(*h->commits));
	}
	hc = &h->commits[ci];
	memset(hc, 0, sizeof(*hc));
	git_oid_tostr(hc->id, sizeof(hc->id), git_commit_id(c));
	hc->time = git_commit_time(c);
	hc->tz = git_commit_time_offset(c);
	hc->summary = summary(w->a, msg);
	hc->merge = git_commit_parentcount(c) > 1;
	if (note)
		hc->note = arena_strdup(w->a, note);
	else if (hc->merge)
		hc->note = side_notes(w, NULL, NULL);
	free(note);
	free(msg);

	/* First take every renamed file away from its old name, so that two
	 * files that swap names in one commit keep their own histories. */
	for (i = 0; i < w->dl.n; i++) {
		struct delta *d = &w->dl.v[i];
		if (d->kind != HIST_RENAMED)
			continue;
		d->rec = map_get(&w->paths, d->old_path, strlen(d->old_path));
		if (d->rec != HIST_NONE)
			map_set(&w->paths, w->recs[d->rec].path, strlen(w->recs[d->rec].path), HIST_NONE);
	}
	for (i = 0; i < w->dl.n; i++) {
		struct delta *d = &w->dl.v[i];
		size_t ri;
		if (d->kind < 0)
			continue;
		ri = map_get(&w->paths, d->path, strlen(d->path));
		if (d->kind == HIST_RENAMED && d->rec != HIST_NONE) {
			if (ri != HIST_NONE)
				rec_merge(&w->recs[d->rec], &w->recs[ri]);
			ri = d->rec;
			w->recs[ri].path = arena_strdup(w->a, d->path);
			map_set(&w->paths, w->recs[ri].path, strlen(w->recs[ri].path), ri);
		} else if (ri == HIST_NONE) {
			ri = rec_new(w, d->path);
		}
		struct hist_event *e = rec_push(&w->recs[ri]);
		e->commit = ci;
		e->kind = (enum hist_change)d->kind;
		if (d->kind != HIST_DELETED)
			git_oid_tostr(e->blob, sizeof(e->blob), &d->id);
		if (d->kind == HIST_RENAMED)
			e->old_path = arena_strdup(w->a, d->old_path);
		if (own || !hc->merge)
			e->note = hc->note;
		else
			e->note = side_notes(w, d->path, d->old_path);
	}
}

/* Uncommitted changes under the prefix: the index or the working tree
 * differs from HEAD, or a file is new. Untracked files of the build's own
 * output (site/, build/) do not count. */
static int work_dirty(int *out, struct walk *w, const char *base)
{
	git_status_options o;
	git_status_list *st = NULL;
	char *spec = (char *)w->full;
	char *site = arena_printf(w->a, "%ssite/", base), *build = arena_printf(w->a, "%sbuild/", base);
	int r = -1;

	*out = 0;
	if (git_repository_is_bare(w->repo))
		return 0;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (spec[0]) {
		o.flags |= GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
		o.pathspec.strings = &spec;
		o.pathspec.count = 1;
	}
	if (git_status_list_new(&st, w->repo, &o) < 0)
		goto cleanup;
	for (size_t i = 0; i < git_status_list_entrycount(st) && !*out; i++) {
		const git_status_entry *e = git_status_byindex(st, i);
		if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
			continue;
		if (e->status == GIT_STATUS_WT_NEW) {
			const char *p = e->index_to_workdir->new_file.path;
			if (strncmp(p, site, strlen(site)) == 0 || strncmp(p, build, strlen(build)) == 0)
				continue;
		}
		*out = 1;
	}
	r = 0;
cleanup:
	git_status_list_free(st);
	return r;
}

static int file_cmp(const void *x, const void *y)
{
	return strcmp(((const struct hist_file *)x)->path, ((const struct hist_file *)y)->path);
}

/* "./content/" → "content"; "" for the whole folder. */
static char *clean_prefix(struct arena *a, const char *p)
{
	size_t n;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	while (p[0] == '/')
		p++;
	if (p[0] == '.' && !p[1])
		p++;
	n = strlen(p);
	while (n && p[n - 1] == '/')
		n--;
	return arena_strndup(a, p, n);
}

int history_read(struct history **out, const char *dir, const char *ref, const char *prefix,
		 struct diag *d)
{
	struct history *h = xcalloc(1, sizeof(*h));
	struct walk w = { 0 };
	git_object *obj = NULL;
	git_commit *c = NULL, *head = NULL;
	git_oid *chain = NULL;
	size_t n = 0, cap = 0, i;
	char *base = NULL;
	git_commit *prev = NULL;
	const git_oid *id;
	git_oid prev_id;
	int r, status = -1;

	*out = NULL;
	history_git_init();
	h->arena = arena_new();
	r = history_repo_open(&h->repo, &base, dir);
	if (r == 1) {
		status = 1;
		goto cleanup;
	}
	if (r < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 git status 检查这个仓库",
			 "无法打开 %s 所在的 git 仓库：%s", dir, history_git_error());
		goto cleanup;
	}
	w.repo = h->repo;
	w.h = h;
	w.a = h->arena;
	w.d = d;
	w.rel = clean_prefix(h->arena, prefix ? prefix : "");
	w.full = arena_printf(h->arena, "%s%s", base, w.rel);
	if (!w.rel[0] && w.full[0]) /* the whole of dir: "sub/" → "sub" */
		w.full = arena_strndup(h->arena, w.full, strlen(w.full) - 1);
	w.baselen = strlen(base);
	h->shallow = git_repository_is_shallow(h->repo) == 1;

	r = git_revparse_single(&obj, h->repo, ref ? ref : "HEAD");
	if (r < 0 && !ref && (r == GIT_ENOTFOUND || r == GIT_EUNBORNBRANCH)) {
		status = 1; /* a repository with no commit yet */
		goto cleanup;
	}
	if (r == GIT_ENOTFOUND || r == GIT_EAMBIGUOUS || r == GIT_EINVALIDSPEC) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0,
			 "写一个分支名、标签名或提交号；git branch -a、git tag 列出已有的",
			 "未知的版本“%s”", ref ? ref : "HEAD");
		goto cleanup;
	}
	if (r < 0 || git_object_peel((git_object **)&head, obj, GIT_OBJECT_COMMIT) < 0) {
		diag_add(d, DIAG_ERROR, NULL, 0, 0, "写一个分支名、标签名或提交号",
			 "版本“%s”不是一个提交：%s", ref ? ref : "HEAD", history_git_error());
		goto cleanup;
	}
	git_oid_tostr(h->head, sizeof(h->head), git_commit_id(head));
	h->head_time = git_commit_time(head);
	h->head_tz = git_commit_time_offset(head);
	if (git_repository_odb(&w.tc.odb, h->repo) < 0)
		goto fail;
	w.side_tc.odb = w.tc.odb;

	/* Down the first-parent line, newest first. */
	id = git_commit_id(head);
	for (;;) {
		if (git_commit_lookup(&c, h->repo, id) < 0) {
			if (h->shallow && n > 0)
				break; /* the edge of a shallow clone */
			goto fail;
		}
		if (n == cap)
			chain = xrealloc(chain, (cap = cap ? cap * 2 : 256) * sizeof(*chain));
		chain[n++] = *git_commit_id(c);
		mark_seen(&w, git_commit_id(c));
		if (git_commit_parentcount(c) == 0)
			break;
		prev_id = *git_commit_parent_id(c, 0);
		id = &prev_id;
		git_commit_free(c);
		c = NULL;
	}
	git_commit_free(c);
	c = NULL;
	h->walked = n;

	/* Back up it, oldest first: one diff per commit against the one before. */
	for (i = n; i-- > 0;) {
		if (git_commit_lookup(&c, h->repo, &chain[i]) < 0 ||
		    diff_commits(&w.dl, &w, &w.tc, prev, c) < 0)
			goto fail;
		if (git_commit_parentcount(c) > 1 && merged_commits(&w, c) < 0)
			goto fail;
		if (w.dl.n) {
			if (prev && find_renames(&w, prev, c) < 0)
				goto fail;
			apply(&w, c);
		}
		dl_clear(&w.dl);
		tcache_turn(&w.tc);
		git_commit_free(prev);
		prev = c;
		c = NULL;
	}

	if (!ref && work_dirty(&h->dirty, &w, base) < 0)
		goto fail;

	h->files = xcalloc(w.nrecs ? w.nrecs : 1, sizeof(*h->files));
	for (i = 0; i < w.nrecs; i++) {
		struct rec *rc = &w.recs[i];
		if (rc->merged || !rc->n)
			continue;
		struct hist_file *f = &h->files[h->nfiles++];
		f->path = rc->path;
		f->events = rc->ev;
		f->nevents = rc->n;
		rc->ev = NULL;
		f->first = f->events[0].commit;
		f->last = f->events[f->nevents - 1].commit;
		f->last_major = HIST_NONE;
		for (size_t k = f->nevents; k-- > 0;)
			if (f->events[k].note) {
				f->last_major = f->events[k].commit;
				break;
			}
	}
	qsort(h->files, h->nfiles, sizeof(*h->files), file_cmp);
	status = 0;
	goto cleanup;

fail:
	diag_add(d, DIAG_ERROR, NULL, 0, 0, "用 git fsck 检查这个仓库",
		 "读取 git 历史失败：%s", history_git_error());
cleanup:
	for (i = 0; i < w.nrecs; i++)
		free(w.recs[i].ev);
	free(w.recs);
	map_free(&w.paths);
	map_free(&w.seen);
	dl_free(&w.dl);
	sides_clear(&w);
	free(w.sides);
	free(chain);
	free(base);
	git_commit_free(c);
	git_commit_free(prev);
	git_commit_free(head);
	git_object_free(obj);
	tcache_free(&w.tc);
	tcache_free(&w.side_tc);
	git_odb_free(w.tc.odb);
	if (status == 0)
		*out = h;
	else
		history_free(h);
	return status;
}

void history_free(struct history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nfiles; i++)
		free(h->files[i].events);
	free(h->files);
	free(h->commits);
	arena_free(h->arena);
	git_repository_free(h->repo);
	free(h);
	history_git_shutdown();
}

const struct hist_file *history_file(const struct history *h, const char *path)
{
	size_t lo = 0, hi = h ? h->nfiles : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(h->files[mid].path, path);
		if (!c)
			return &h->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int history_blob(const struct history *h, const char *blob_id, char **out, size_t *len)
{
	git_oid id;
	git_blob *b = NULL;
	size_t n;

	*out = NULL;
	*len = 0;
	if (!h || !h->repo || git_oid_fromstr(&id, blob_id) < 0 ||
	    git_blob_lookup(&b, h->repo, &id) < 0)
		return -1;
	n = (size_t)git_blob_rawsize(b);
	*out = xmalloc(n + 1);
	memcpy(*out, git_blob_rawcontent(b), n);
	(*out)[n] = 0;
	*len = n;
	git_blob_free(b);
	return 0;
}

int hist_commit_day(const struct hist_commit *c)
{
	long long t = c->time + (long long)c->tz * 60;
	long long day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return (int)day;
}
