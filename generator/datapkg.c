/* datapkg: datapackage.json, from the table definitions. */
#include "datapkg.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "model.h"
#include "table.h"

#include <string.h>

/* "a,b" as a JSON array of strings. */
static void name_list(struct buf *out, const char *csv)
{
	buf_putc(out, '[');
	for (const char *p = csv; *p;) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (p != csv)
			buf_putc(out, ',');
		esc_json(out, p, n);
		p += n + (e != NULL);
	}
	buf_putc(out, ']');
}

static void field(struct buf *out, const struct tbl_field *f)
{
	static const char *const types[] = { "string", "integer", "number", "boolean", "date" };
	buf_printf(out, "{\"name\":\"%s\",\"type\":\"%s\",\"title\":", f->name, types[f->type]);
	esc_jsons(out, f->title);
	buf_puts(out, ",\"description\":");
	esc_jsons(out, f->desc);
	if (f->required || f->values) {
		buf_puts(out, ",\"constraints\":{");
		if (f->required)
			buf_puts(out, "\"required\":true");
		if (f->values) {
			buf_puts(out, f->required ? ",\"enum\":[" : "\"enum\":[");
			for (size_t i = 0; f->values[i]; i++) {
				buf_puts(out, i ? "," : "");
				esc_jsons(out, f->values[i]);
			}
			buf_putc(out, ']');
		}
		buf_putc(out, '}');
	}
	buf_putc(out, '}');
}

static int fk_kept(const struct tbl_fk *k, const struct plan *p)
{
	if (!p || !k->table[0])
		return 1;
	const struct tbl_def *t = tbl_find(k->table);
	return t && !t->site_only;
}

static void resource(struct buf *out, const struct tbl_ctx *c, const struct tbl_def *t, const struct plan *p)
{
	struct tbl_rec *rows;
	size_t n = t->rows(c, p, &rows);
	buf_printf(out, "{\"profile\":\"tabular-data-resource\",\"name\":\"%s\",\"path\":\"%s.csv\",\"title\":",
		   t->name, t->name);
	esc_jsons(out, t->title);
	buf_puts(out, ",\"description\":");
	esc_jsons(out, t->desc);
	buf_printf(out, ",\"format\":\"csv\",\"mediatype\":\"text/csv\",\"encoding\":\"utf-8\",\n"
		   "\"dialect\":{\"delimiter\":\",\",\"lineTerminator\":\"\\r\\n\",\"quoteChar\":\"\\\"\","
		   "\"doubleQuote\":true,\"header\":true,\"skipInitialSpace\":false},\n"
		   "\"x-rows\":%zu,\n\"schema\":{\"fields\":[", n);
	for (size_t f = 0; f < t->nfields; f++) {
		buf_puts(out, f ? ",\n" : "\n");
		field(out, &t->fields[f]);
	}
	buf_puts(out, "],\n\"missingValues\":[\"\"],\"primaryKey\":");
	name_list(out, t->key);
	buf_puts(out, ",\"foreignKeys\":[");
	int first = 1;
	for (size_t k = 0; k < t->nfks; k++) {
		const struct tbl_fk *fk = &t->fks[k];
		if (!fk_kept(fk, p))
			continue;
		buf_puts(out, first ? "{\"fields\":" : ",{\"fields\":");
		first = 0;
		name_list(out, fk->fields);
		buf_puts(out, ",\"reference\":{\"resource\":");
		esc_jsons(out, fk->table);
		buf_puts(out, ",\"fields\":");
		name_list(out, fk->ref);
		buf_puts(out, "}}");
	}
	buf_puts(out, "]}}");
}

void datapkg_write(struct buf *out, const struct tbl_ctx *c, const struct plan *p)
{
	const struct site *s = c->site;
	buf_puts(out, "{\"profile\":\"tabular-data-package\",\n\"name\":");
	if (p) {
		struct buf name = BUF_INIT;
		buf_puts(&name, "gongkai-plan-");
		for (const char *q = p->slug; *q; q++)
			buf_putc(&name, (*q >= 'A' && *q <= 'Z') ? (char)(*q - 'A' + 'a') : *q);
		esc_jsons(out, name.ptr);
		buf_free(&name);
	} else {
		esc_jsons(out, "gongkai-site");
	}
	buf_puts(out, ",\n\"title\":");
	esc_jsons(out, p ? p->title : s->title);
	buf_puts(out, ",\n\"description\":");
	esc_jsons(out, p ? "本计划的全部数据表。各列的含义见每个字段的 title 和 description；全站的数据（含责任单位和地区）在网站的 data/ 文件夹。"
			 : "本站全部工作计划的数据表：计划、重点工作、重要活动安排、责任分工、任务指标及分解、完成值、责任单位、地区。");
	if (s->base_url) {
		buf_puts(out, ",\n\"homepage\":");
		esc_jsons(out, s->base_url);
	}
	if (s->built) {
		buf_puts(out, ",\n\"created\":\"");
		date_put_iso(out, s->built);
		buf_puts(out, "T00:00:00Z\"");
	}
	if (s->has_history)
		buf_printf(out, ",\n\"version\":\"%.12s\"", s->commit);
	buf_puts(out, ",\n\"resources\":[");
	int first = 1;
	for (size_t t = 0; t < tbl_ndefs; t++) {
		if (p && tbl_defs[t].site_only)
			continue;
		buf_puts(out, first ? "\n" : ",\n");
		first = 0;
		resource(out, c, &tbl_defs[t], p);
	}
	buf_puts(out, "\n]}\n");
}
