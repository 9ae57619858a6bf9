/* json: the tables as one JSON document, and its schema. */
#include "json.h"
#include "buf.h"
#include "date.h"
#include "escape.h"
#include "model.h"
#include "table.h"

#include <string.h>

static void value(struct buf *out, const struct tbl_field *f, const char *s)
{
	if (!s)
		buf_puts(out, "null");
	else if (tbl_is_text(f->type))
		esc_jsons(out, s);
	else
		buf_puts(out, s); /* numbers and booleans are written by table.c in JSON's grammar */
}

size_t json_tables(struct buf *out, const struct tbl_ctx *c, const struct plan *p, const char *schema)
{
	const struct site *s = c->site;
	size_t total = 0;
	buf_puts(out, "{\"format\":\"" JSON_FORMAT "\",\n\"schema\":");
	esc_jsons(out, schema);
	buf_puts(out, ",\n\"site\":");
	esc_jsons(out, s->title);
	buf_puts(out, ",\n\"commit\":");
	esc_jsons(out, c->commit);
	buf_puts(out, ",\n\"commit_date\":");
	if (c->commit && c->commit_day) {
		buf_putc(out, '"');
		date_put_iso(out, c->commit_day);
		buf_putc(out, '"');
	} else {
		buf_puts(out, "null");
	}
	buf_puts(out, ",\n\"plan\":");
	esc_jsons(out, p ? p->slug : NULL);
	buf_puts(out, ",\n\"tables\":{");
	int first_table = 1;
	for (size_t t = 0; t < tbl_ndefs; t++) {
		const struct tbl_def *d = &tbl_defs[t];
		if (p && d->site_only)
			continue;
		struct tbl_rec *rows;
		size_t n = d->rows(c, p, &rows);
		buf_printf(out, "%s\n\"%s\":[", first_table ? "" : ",", d->name);
		first_table = 0;
		for (size_t i = 0; i < n; i++) {
			buf_puts(out, i ? ",\n{" : "\n{");
			for (size_t f = 0; f < d->nfields; f++) {
				buf_printf(out, "%s\"%s\":", f ? "," : "", d->fields[f].name);
				value(out, &d->fields[f], d->fields[f].get(c, &rows[i]));
			}
			buf_putc(out, '}');
		}
		buf_puts(out, n ? "\n]" : "]");
		total += n;
	}
	buf_puts(out, "\n}}\n");
	return total;
}

static void field_schema(struct buf *out, const struct tbl_field *f)
{
	static const char *const types[] = { "string", "integer", "number", "boolean", "string" };
	buf_printf(out, "\"%s\":{\"title\":", f->name);
	esc_jsons(out, f->title);
	buf_puts(out, ",\"description\":");
	esc_jsons(out, f->desc);
	if (f->values) {
		buf_puts(out, ",\"enum\":[");
		for (size_t i = 0; f->values[i]; i++) {
			buf_puts(out, i ? "," : "");
			esc_jsons(out, f->values[i]);
		}
		buf_puts(out, f->required ? "]" : ",null]");
	} else if (f->required) {
		buf_printf(out, ",\"type\":\"%s\"", types[f->type]);
	} else {
		buf_printf(out, ",\"type\":[\"%s\",\"null\"]", types[f->type]);
	}
	if (f->type == TT_DATE)
		buf_puts(out, ",\"format\":\"date\",\"pattern\":\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"");
	buf_putc(out, '}');
}

void json_schema(struct buf *out)
{
	buf_puts(out, "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\n"
		      "\"title\":\"gongkai 数据下载（JSON）\",\n"
		      "\"description\":\"全站（data/gongkai.json）或一个计划（plans/<计划编号>/<计划编号>.json）的全部数据表。各表的字段与同名 CSV 文件相同。\",\n"
		      "\"type\":\"object\",\n"
		      "\"required\":[\"format\",\"schema\",\"site\",\"commit\",\"commit_date\",\"plan\",\"tables\"],\n"
		      "\"additionalProperties\":false,\n"
		      "\"properties\":{\n"
		      "\"format\":{\"const\":\"" JSON_FORMAT "\"},\n"
		      "\"schema\":{\"type\":\"string\"},\n"
		      "\"site\":{\"type\":[\"string\",\"null\"]},\n"
		      "\"commit\":{\"type\":[\"string\",\"null\"],\"pattern\":\"^[0-9a-f]{40}$\"},\n"
		      "\"commit_date\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},\n"
		      "\"plan\":{\"type\":[\"string\",\"null\"],\"description\":\"一个计划的文件：计划编号；全站的文件：null\"},\n"
		      "\"tables\":{\"type\":\"object\",\"additionalProperties\":false,\"required\":[");
	int first = 1;
	for (size_t t = 0; t < tbl_ndefs; t++)
		if (!tbl_defs[t].site_only) {
			buf_printf(out, "%s\"%s\"", first ? "" : ",", tbl_defs[t].name);
			first = 0;
		}
	buf_puts(out, "],\"properties\":{");
	for (size_t t = 0; t < tbl_ndefs; t++)
		buf_printf(out, "%s\n\"%s\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/%s\"}}", t ? "," : "",
			   tbl_defs[t].name, tbl_defs[t].name);
	buf_puts(out, "}}},\n\"$defs\":{");
	for (size_t t = 0; t < tbl_ndefs; t++) {
		const struct tbl_def *d = &tbl_defs[t];
		buf_printf(out, "%s\n\"%s\":{\"title\":", t ? "," : "", d->name);
		esc_jsons(out, d->title);
		buf_puts(out, ",\"description\":");
		esc_jsons(out, d->desc);
		buf_puts(out, ",\"type\":\"object\",\"additionalProperties\":false,\"required\":[");
		for (size_t f = 0; f < d->nfields; f++)
			buf_printf(out, "%s\"%s\"", f ? "," : "", d->fields[f].name);
		buf_puts(out, "],\"properties\":{");
		for (size_t f = 0; f < d->nfields; f++) {
			buf_puts(out, f ? ",\n" : "\n");
			field_schema(out, &d->fields[f]);
		}
		buf_puts(out, "}}");
	}
	buf_puts(out, "\n}}\n");
}
