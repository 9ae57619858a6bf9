/* search: character and pair postings, sharded, and the document store. */
#include "search.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "escape.h"
#include "htmltext.h"
#include "model.h"
#include "utf8.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

#define SHARD_TARGET (16 * 1024)  /* bytes of postings per shard, on average */
#define SHARD_MAX 4096
#define BLOCK_TARGET (8 * 1024)   /* bytes of documents per block */
#define PACK_MAX (4 * 1024 * 1024) /* bytes per file: shards and blocks are packed */
#define TITLE_CHARS 40            /* a title made from a text is cut here */

enum kind { K_PLAN, K_TASK, K_ROW, K_INDICATOR, K_UNIT, K_REGION, K_PAGE, K_COUNT };
static const char *const kind_keys[K_COUNT] = {
	"kind_plan", "kind_task", "kind_row", "kind_indicator", "kind_unit", "kind_region", "kind_page",
};

uint32_t search_hash(uint32_t a, uint32_t b)
{
	uint32_t h = a * 0x9E3779B1u ^ (b + 1) * 0x85EBCA77u;
	h ^= h >> 16;
	h *= 0x7FEB352Du;
	h ^= h >> 15;
	return h;
}

/* ---- the postings --------------------------------------------------------- */

struct entry {
	uint32_t a, b;        /* the key: one character (b 0) or a pair */
	uint32_t ndocs;
	uint32_t last;        /* the last document added, plus one (0: none) */
	unsigned char *p;     /* the postings: varints ((gap << 1) | in_title) */
	size_t len, cap;
};

struct index {
	struct entry *e;
	size_t n, cap;
	uint32_t *slots;      /* open addressing: entry index + 1, 0 empty */
	size_t nslots;
	size_t bytes;         /* postings in all entries */
};

static size_t slot_of(const struct index *ix, uint32_t a, uint32_t b)
{
	return search_hash(a, b) & (ix->nslots - 1);
}

static void grow_slots(struct index *ix)
{
	size_t n = ix->nslots ? ix->nslots * 2 : 1 << 14;
	free(ix->slots);
	ix->slots = xcalloc(n, sizeof(*ix->slots));
	ix->nslots = n;
	for (size_t i = 0; i < ix->n; i++) {
		size_t k = slot_of(ix, ix->e[i].a, ix->e[i].b);
		while (ix->slots[k])
			k = (k + 1) & (n - 1);
		ix->slots[k] = (uint32_t)(i + 1);
	}
}

static inline struct entry *entry_get(struct index *ix, uint32_t a, uint32_t b)
{
	if ((ix->n + 1) * 2 > ix->nslots)
		grow_slots(ix);
	size_t k = slot_of(ix, a, b);
	while (ix->slots[k]) {
		struct entry *e = &ix->e[ix->slots[k] - 1];
		if (e->a == a && e->b == b)
			return e;
		k = (k + 1) & (ix->nslots - 1);
	}
	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 4096;
		ix->e = xrealloc(ix->e, ix->cap * sizeof(*ix->e));
	}
	struct entry *e = &ix->e[ix->n];
	memset(e, 0, sizeof(*e));
	e->a = a;
	e->b = b;
	ix->slots[k] = (uint32_t)(++ix->n);
	return e;
}

static inline void put_varint(unsigned char **p, size_t *len, size_t *cap, uint64_t v)
{
	if (v < 0x80 && *len < *cap) { /* most gaps between documents */
		(*p)[(*len)++] = (unsigned char)v;
		return;
	}
	if (*len + 10 > *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*p = xrealloc(*p, *cap);
	}
	do {
		unsigned char byte = v & 0x7F;
		v >>= 7;
		(*p)[(*len)++] = byte | (v ? 0x80 : 0);
	} while (v);
}

static inline void add_key(struct index *ix, uint32_t a, uint32_t b, uint32_t doc, int title)
{
	struct entry *e = entry_get(ix, a, b);
	if (e->last == doc + 1)
		return; /* already listed for this document (titles go first) */
	size_t before = e->len;
	put_varint(&e->p, &e->len, &e->cap, ((uint64_t)(doc + 1 - e->last) << 1) | (title ? 1 : 0));
	ix->bytes += e->len - before;
	e->last = doc + 1;
	e->ndocs++;
}

/* The folded form of a character: ASCII letters in lower case, full-width
 * ASCII as ASCII, every kind of space as ' '. search.js and the tests fold
 * the same way. */
static uint32_t fold(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 || cp == 0x3000)
		cp = ' ';
	return cp;
}

/* Every character and every pair of neighbours (no spaces) of text. */
static void add_text(struct index *ix, const char *s, size_t n, uint32_t doc, int title)
{
	uint32_t prev = ' ';
	size_t i = 0;
	while (i < n) {
		unsigned cp = (unsigned char)s[i];
		if (cp < 0x80)
			i++;
		else
			i += utf8_decode(s + i, n - i, &cp);
		uint32_t c = fold(cp);
		if (c != ' ') {
			add_key(ix, c, 0, doc, title);
			if (prev != ' ')
				add_key(ix, prev, c, doc, title);
		}
		prev = c;
	}
}

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* ---- documents -------------------------------------------------------------- */

/* Pieces (shards, blocks) packed into files of at most PACK_MAX bytes
 * (a piece larger than that gets a file of its own). */
struct packer {
	const char *name;     /* "index", "text": search/<name>-<n>.bin */
	struct buf pack;      /* the file being filled */
	size_t npacks;
	size_t *sizes;        /* each piece's bytes */
	size_t npieces, cap;
	size_t *per_pack;     /* pieces in each file */
	size_t pcap;
	size_t bytes;         /* all files */
};

struct builder {
	const struct site *s;
	const struct val *strings;
	const struct search_text *text_src;
	const struct search_out *o;
	struct search_stats *st;
	struct index ix;
	struct buf text;      /* the document being built: what the page shows */
	struct buf keys;      /* and its keywords: ids, every name of its units */
	struct buf tfield;    /* the fields that count as its title, for ranking */
	struct buf alias;     /* other names that rank as its title (a unit's aliases) */
	struct buf scratch;
	struct buf block;     /* documents not yet packed: one JSON array a line */
	size_t block_first;   /* the first document of block */
	size_t *blocks;       /* the first document of each block */
	size_t nblocks, capblocks;
	struct packer textp, indexp;
	uint32_t ndocs;
	char **err;
	int failed;
};

/* Append s to b with whitespace collapsed to single spaces, after sep when
 * b already has text. */
static void put_field(struct buf *b, const char *s, const char *sep)
{
	if (!s)
		return;
	size_t n = strlen(s), i = 0;
	int space = 0, started = 0;
	while (i < n) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (fold(cp) == ' ') {
			space = started;
		} else {
			if (!started && b->len && sep)
				buf_puts(b, sep);
			else if (space)
				buf_putc(b, ' ');
			started = 1;
			space = 0;
			buf_put(b, s + i, k);
		}
		i += k;
	}
}

static void put_html(struct builder *B, const char *html, size_t len)
{
	if (!html)
		return;
	buf_clear(&B->scratch);
	html_text(&B->scratch, html, len);
	put_field(&B->text, B->scratch.ptr, " ");
}

/* A plan's text, rendered again. A text that cannot be read again is left
 * out here: its page reports it, and the build fails there. */
static void put_plan_text(struct builder *B, const struct plan *p)
{
	if (!B->text_src || !B->text_src->plan_text)
		return;
	struct buf html = BUF_INIT;
	struct diag quiet = DIAG_INIT; /* its warnings are its page's */
	if (B->text_src->plan_text(B->text_src->u, p, &html, &quiet) == 0 && html.len)
		put_html(B, html.ptr, html.len);
	diag_free(&quiet);
	buf_free(&html);
}

static void begin(struct builder *B)
{
	buf_clear(&B->text);
	buf_clear(&B->keys);
	buf_clear(&B->tfield);
	buf_clear(&B->alias);
}

static int emit_pack(struct builder *B, struct packer *k)
{
	if (B->failed)
		return -1;
	struct buf path = BUF_INIT;
	buf_printf(&path, SEARCH_DIR "%s-%zu.bin", k->name, k->npacks);
	int r = B->o->emit(B->o->ctx, path.ptr, k->pack.ptr, k->pack.len, B->err);
	buf_free(&path);
	if (r != 0) {
		B->failed = 1;
		return -1;
	}
	k->bytes += k->pack.len;
	k->npacks++;
	buf_clear(&k->pack);
	return 0;
}

/* Add a piece to the pack being filled; a full pack is written first. */
static void pack_piece(struct builder *B, struct packer *k, const char *data, size_t len)
{
	if (k->pack.len && k->pack.len + len > PACK_MAX)
		emit_pack(B, k);
	if (k->npacks + 1 > k->pcap) {
		k->pcap = k->pcap ? k->pcap * 2 : 16;
		k->per_pack = xrealloc(k->per_pack, k->pcap * sizeof(*k->per_pack));
	}
	if (!k->pack.len)
		k->per_pack[k->npacks] = 0;
	k->per_pack[k->npacks]++;
	if (k->npieces == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->sizes = xrealloc(k->sizes, k->cap * sizeof(*k->sizes));
	}
	k->sizes[k->npieces++] = len;
	buf_put(&k->pack, data, len);
}

/* The pieces' sizes and how many each file holds, as meta.json lists them. */
static void pack_meta(struct buf *m, const struct packer *k)
{
	buf_puts(m, "\"packs\":[");
	for (size_t i = 0; i < k->npacks; i++)
		buf_printf(m, "%s%zu", i ? "," : "", k->per_pack[i]);
	buf_puts(m, "],\n\"bytes\":[");
	for (size_t i = 0; i < k->npieces; i++)
		buf_printf(m, "%s%zu", i ? "," : "", k->sizes[i]);
	buf_putc(m, ']');
}

static void packer_free(struct packer *k)
{
	buf_free(&k->pack);
	free(k->sizes);
	free(k->per_pack);
}

static void flush_block(struct builder *B)
{
	if (!B->block.len || B->failed)
		return;
	if (B->nblocks == B->capblocks) {
		B->capblocks = B->capblocks ? B->capblocks * 2 : 64;
		B->blocks = xrealloc(B->blocks, B->capblocks * sizeof(*B->blocks));
	}
	B->blocks[B->nblocks++] = B->block_first;
	pack_piece(B, &B->textp, B->block.ptr, B->block.len);
	buf_clear(&B->block);
}

/* Index the document built in B->text/keys/tfield and store its record. */
static void finish(struct builder *B, enum kind kind, const char *title, const char *url, const struct plan *p)
{
	uint32_t doc = B->ndocs++;
	if (B->tfield.len == 0)
		put_field(&B->tfield, title, " ");
	add_text(&B->ix, B->tfield.ptr, B->tfield.len, doc, 1);
	add_text(&B->ix, B->text.ptr, B->text.len, doc, 0);
	add_text(&B->ix, B->keys.ptr, B->keys.len, doc, 0);

	if (!B->block.len)
		B->block_first = doc;
	buf_printf(&B->block, "[%d,", (int)kind);
	buf_clear(&B->scratch);
	put_field(&B->scratch, title, " ");
	esc_json(&B->block, B->scratch.ptr, B->scratch.len);
	buf_putc(&B->block, ',');
	esc_jsons(&B->block, url);
	buf_putc(&B->block, ',');
	esc_jsons(&B->block, p && kind != K_PLAN ? p->title : NULL);
	if (p)
		buf_printf(&B->block, ",%d,", p->year);
	else
		buf_puts(&B->block, ",null,");
	esc_json(&B->block, B->text.ptr, B->text.len);
	buf_putc(&B->block, ',');
	esc_json(&B->block, B->keys.ptr, B->keys.len);
	if (B->alias.len) {
		buf_putc(&B->block, ',');
		esc_json(&B->block, B->alias.ptr, B->alias.len);
	}
	buf_puts(&B->block, "]\n");
	if (B->block.len >= BLOCK_TARGET)
		flush_block(B);
}

static const char *T(const struct builder *B, const char *key)
{
	const char *s = val_text(val_get(B->strings, key));
	return s ? s : key;
}

/* How a progress report reads on the page: "2023年9月15日 note（reason）". */
static void put_report(struct builder *B, const struct progress *pr)
{
	buf_clear(&B->scratch);
	if (pr->date) {
		date_put_zh(&B->scratch, pr->date);
		buf_putc(&B->scratch, ' ');
	}
	if (pr->note)
		buf_puts(&B->scratch, pr->note);
	if (pr->reason)
		buf_printf(&B->scratch, "（%s）", pr->reason);
	put_field(&B->text, B->scratch.ptr, " ");
}

/* The units a cell or item names, as keywords: each unit's full name and
 * the other names it goes by, so that a search for any of them finds the
 * item whichever way the plan wrote it. */
static void put_unit_names(struct builder *B, const struct unit_ref *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct unit *un = u[i].unit;
		if (!un)
			continue;
		put_field(&B->keys, un->name, " ");
		for (size_t k = 0; k < un->naliases; k++)
			put_field(&B->keys, un->aliases[k], " ");
	}
}

/* A title for a document that has none: the start of its text. */
static const char *cut(const char *s, struct buf *out)
{
	buf_clear(out);
	if (!s)
		return "";
	size_t n = strlen(s), i = 0, c = 0;
	while (i < n && c < TITLE_CHARS) {
		unsigned cp;
		i += utf8_decode(s + i, n - i, &cp);
		c++;
	}
	buf_put(out, s, i);
	if (i < n)
		buf_puts(out, "……");
	return out->ptr;
}

static void plan_docs(struct builder *B, const struct plan *p)
{
	struct buf url = BUF_INIT, title = BUF_INIT;

	begin(B);
	put_field(&B->text, p->title, " ");
	put_field(&B->text, p->note, " ");
	put_plan_text(B, p);
	put_field(&B->text, p->indicator_notes, " ");
	put_field(&B->text, p->uncertain, " ");
	put_field(&B->keys, p->slug, " ");
	buf_printf(&url, "plans/%s/", p->slug);
	finish(B, K_PLAN, p->title, url.ptr, p);

	for (size_t i = 0; i < p->nall_indicators && !B->failed; i++) {
		const struct indicator *ind = p->all_indicators[i];
		begin(B);
		put_field(&B->text, ind->name, " ");
		put_field(&B->text, ind->group, " ");
		buf_clear(&B->scratch);
		if (ind->target.text)
			buf_puts(&B->scratch, ind->target.text);
		if (ind->unit)
			buf_printf(&B->scratch, " %s", ind->unit);
		put_field(&B->text, B->scratch.ptr, " ");
		put_field(&B->text, ind->nature, " ");
		put_field(&B->text, ind->note, " ");
		put_field(&B->text, ind->discrepancy, " ");
		put_field(&B->keys, ind->id, " ");
		buf_clear(&url);
		buf_printf(&url, "plans/%s/indicators/%s/", p->slug, ind->id);
		finish(B, K_INDICATOR, ind->name, url.ptr, p);
	}

	for (size_t i = 0; i < p->ntasks && !B->failed; i++) {
		const struct task *t = &p->tasks[i];
		begin(B);
		buf_clear(&B->scratch);
		if (t->no)
			buf_puts(&B->scratch, t->no);
		if (t->title)
			buf_printf(&B->scratch, "%s。", t->title);
		if (t->text)
			buf_puts(&B->scratch, t->text);
		put_field(&B->text, B->scratch.ptr, " ");
		/* Its units as the page shows them: lead, responsible and
		 * partner units, each a line of its items joined with 、. */
		static const enum unit_role order[] = { ROLE_LEAD, ROLE_RESPONSIBLE, ROLE_PARTNER };
		for (size_t o = 0; o < 3; o++) {
			buf_clear(&B->scratch);
			for (size_t k = 0; k < t->nunit_cells; k++) {
				if (t->unit_cells[k].field != order[o])
					continue;
				buf_printf(&B->scratch, "%s%s", B->scratch.len ? "、" : "", t->unit_cells[k].text);
				put_unit_names(B, t->unit_cells[k].refs, t->unit_cells[k].nrefs);
			}
			put_field(&B->text, B->scratch.ptr, " ");
		}
		put_field(&B->text, t->when_text, " ");
		buf_clear(&B->scratch);
		for (size_t k = 0; k < t->nindicators; k++)
			buf_printf(&B->scratch, "%s%s", k ? "、" : "", t->indicators[k]->name);
		put_field(&B->text, B->scratch.ptr, " ");
		put_report(B, &t->progress);
		put_field(&B->keys, t->id, " ");
		buf_clear(&url);
		buf_printf(&url, "plans/%s/#task-%s", p->slug, t->id);
		finish(B, K_TASK, t->title ? t->title : cut(t->text, &title), url.ptr, p);
	}

	for (size_t i = 0; i < p->nrows && !B->failed; i++) {
		const struct row *r = &p->rows[i];
		begin(B);
		/* Every cell as printed (a merged cell for every row it spans),
		 * and the units named in them by every name they go by. */
		for (size_t c = 0; c < p->ntcols; c++) {
			put_field(&B->text, r->cells[c].text, " ");
			put_unit_names(B, r->cells[c].units.refs, r->cells[c].units.nrefs);
		}
		put_report(B, &r->progress);
		put_field(&B->keys, r->id, " ");
		buf_clear(&url);
		buf_printf(&url, "plans/%s/#row-%s", p->slug, r->id);
		finish(B, K_ROW, r->activity ? r->activity : r->detail ? cut(r->detail, &title) : r->id, url.ptr, p);
	}
	buf_free(&url);
	buf_free(&title);
}

static void site_docs(struct builder *B)
{
	const struct site *s = B->s;
	struct buf url = BUF_INIT;
	for (size_t i = 0; i < s->nplans && !B->failed; i++)
		plan_docs(B, &s->plans[i]);
	for (size_t i = 0; i < s->nunits && !B->failed; i++) {
		const struct unit *u = &s->units[i];
		begin(B);
		put_field(&B->text, u->name, " ");
		put_field(&B->text, u->region ? u->region->name : NULL, " ");
		buf_clear(&B->scratch);
		for (size_t k = 0; k < u->naliases; k++)
			buf_printf(&B->scratch, "%s%s", k ? "、" : "", u->aliases[k]);
		put_field(&B->text, B->scratch.ptr, " ");
		put_field(&B->text, u->note, " ");
		put_field(&B->keys, u->id, " ");
		put_field(&B->tfield, u->name, " ");
		put_field(&B->tfield, B->scratch.ptr, " ");
		for (size_t k = 0; k < u->naliases; k++)
			put_field(&B->alias, u->aliases[k], " ");
		buf_clear(&url);
		buf_printf(&url, "units/%s/", u->id);
		finish(B, K_UNIT, u->name, url.ptr, NULL);
	}
	for (size_t i = 0; i < s->nregions && !B->failed; i++) {
		const struct region *r = &s->regions[i];
		begin(B);
		put_field(&B->text, r->name, " ");
		put_field(&B->text, r->province, " ");
		put_field(&B->keys, r->id, " ");
		buf_clear(&url);
		buf_printf(&url, "regions/%s/", r->id);
		finish(B, K_REGION, r->name, url.ptr, NULL);
	}
	for (size_t i = 0; i < s->npages && !B->failed; i++) {
		const struct page *pg = &s->pages[i];
		begin(B);
		put_field(&B->text, pg->title, " ");
		put_html(B, pg->html, pg->html ? strlen(pg->html) : 0);
		put_field(&B->keys, pg->slug, " ");
		buf_clear(&url);
		buf_printf(&url, "%s/", pg->slug);
		finish(B, K_PAGE, pg->title, url.ptr, NULL);
	}
	flush_block(B);
	buf_free(&url);
}

/* ---- writing the shards and the meta file ------------------------------------ */

static int write_shards(struct builder *B, size_t nshards)
{
	struct index *ix = &B->ix;
	/* Entries sorted by shard, then key. */
	uint32_t *shard = xcalloc(ix->n + 1, sizeof(*shard));
	size_t *count = xcalloc(nshards + 1, sizeof(*count));
	qsort(ix->e, ix->n, sizeof(*ix->e), entry_cmp);
	for (size_t i = 0; i < ix->n; i++) {
		shard[i] = search_hash(ix->e[i].a, ix->e[i].b) & (uint32_t)(nshards - 1);
		count[shard[i] + 1]++;
	}
	for (size_t k = 0; k < nshards; k++)
		count[k + 1] += count[k];
	size_t *order = xcalloc(ix->n + 1, sizeof(*order));
	size_t *fill = xcalloc(nshards + 1, sizeof(*fill));
	memcpy(fill, count, (nshards + 1) * sizeof(*fill));
	for (size_t i = 0; i < ix->n; i++) /* stable: keys stay sorted within a shard */
		order[fill[shard[i]]++] = i;

	unsigned char *head = NULL;
	size_t hlen = 0, hcap = 0;
	struct buf data = BUF_INIT;
	for (size_t k = 0; k < nshards && !B->failed; k++) {
		hlen = 0;
		put_varint(&head, &hlen, &hcap, count[k + 1] - count[k]);
		for (size_t j = count[k]; j < count[k + 1]; j++) {
			const struct entry *e = &ix->e[order[j]];
			put_varint(&head, &hlen, &hcap, e->a);
			put_varint(&head, &hlen, &hcap, e->b);
			put_varint(&head, &hlen, &hcap, e->ndocs);
			put_varint(&head, &hlen, &hcap, e->len);
		}
		buf_clear(&data);
		buf_put(&data, (const char *)head, hlen);
		for (size_t j = count[k]; j < count[k + 1]; j++)
			buf_put(&data, (const char *)ix->e[order[j]].p, ix->e[order[j]].len);
		pack_piece(B, &B->indexp, data.ptr, data.len);
	}
	if (B->indexp.pack.len)
		emit_pack(B, &B->indexp);
	B->st->index_bytes = B->indexp.bytes;
	buf_free(&data);
	free(head);
	free(order);
	free(fill);
	free(count);
	free(shard);
	return B->failed ? -1 : 0;
}

static int write_meta(struct builder *B, size_t nshards)
{
	struct buf m = BUF_INIT;
	buf_printf(&m, "{\"format\":\"gongkai-search/2\",\"docs\":%u,\"kinds\":[", B->ndocs);
	for (int k = 0; k < K_COUNT; k++) {
		if (k)
			buf_putc(&m, ',');
		esc_jsons(&m, T(B, kind_keys[k]));
	}
	buf_printf(&m, "],\n\"index\":{\"shards\":%zu,", nshards);
	pack_meta(&m, &B->indexp);
	buf_puts(&m, "},\n\"text\":{\"first\":["); /* each block's first document, as differences */
	for (size_t i = 0; i < B->nblocks; i++)
		buf_printf(&m, "%s%zu", i ? "," : "", B->blocks[i] - (i ? B->blocks[i - 1] : 0));
	buf_puts(&m, "],\n");
	pack_meta(&m, &B->textp);
	buf_puts(&m, "}}\n");
	int r = B->o->emit(B->o->ctx, SEARCH_DIR "meta.json", m.ptr, m.len, B->err);
	buf_free(&m);
	return r;
}

int search_write(const struct site *s, const struct val *strings, const struct search_text *text,
		 const struct search_out *o, struct search_stats *st, char **err)
{
	struct search_stats dummy;
	struct builder B = { .s = s, .strings = strings, .text_src = text, .o = o, .st = st ? st : &dummy,
			     .err = err };
	memset(B.st, 0, sizeof(*B.st));
	B.text = B.keys = B.tfield = B.alias = B.scratch = B.block = (struct buf)BUF_INIT;
	B.textp = (struct packer){ .name = "text", .pack = BUF_INIT };
	B.indexp = (struct packer){ .name = "index", .pack = BUF_INIT };
	site_docs(&B);
	if (B.textp.pack.len)
		emit_pack(&B, &B.textp);
	B.st->store_bytes = B.textp.bytes;
	int r = B.failed ? -1 : 0;
	size_t nshards = 1;
	while (nshards < SHARD_MAX && B.ix.bytes / nshards > SHARD_TARGET)
		nshards *= 2;
	if (r == 0)
		r = write_shards(&B, nshards);
	if (r == 0)
		r = write_meta(&B, nshards);
	B.st->docs = B.ndocs;
	B.st->keys = B.ix.n;
	B.st->shards = nshards;
	B.st->blocks = B.nblocks;
	B.st->files = B.indexp.npacks + B.textp.npacks + 1;
	for (size_t i = 0; i < B.ix.n; i++)
		free(B.ix.e[i].p);
	free(B.ix.e);
	free(B.ix.slots);
	free(B.blocks);
	packer_free(&B.textp);
	packer_free(&B.indexp);
	buf_free(&B.text);
	buf_free(&B.keys);
	buf_free(&B.tfield);
	buf_free(&B.alias);
	buf_free(&B.scratch);
	buf_free(&B.block);
	return r;
}
