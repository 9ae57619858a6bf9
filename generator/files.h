/* files: the files of the site that are not HTML pages — the Atom feed,
 * the data downloads (CSV, JSON, its schema, the data package), each
 * plan's calendar, sitemap.xml and robots.txt.
 *
 * files_list names them all in a fixed order; files_render writes one of
 * them and records its size and how many rows (records, events, URLs) it
 * holds, which the data page (page_data.c) then lists. Files do not depend
 * on each other, so the builder renders them on any number of threads,
 * before the HTML pages. */
#ifndef GONGKAI_FILES_H
#define GONGKAI_FILES_H

#include <stddef.h>

struct arena;
struct buf;
struct plan;
struct site;
struct sitemap_page;
struct tbl_def;
struct val;

enum file_fmt {
	FF_CSV,
	FF_JSON,
	FF_SCHEMA,     /* the JSON Schema of FF_JSON */
	FF_DATAPKG,    /* datapackage.json */
	FF_ICS,
	FF_FEED,       /* changes.xml */
	FF_SITEMAP,
	FF_ROBOTS,
};

struct site_file {
	enum file_fmt fmt;
	const struct tbl_def *table;   /* FF_CSV: which table */
	const struct plan *plan;       /* a plan's own file, or NULL: the site's */
	const char *path;              /* relative to the site's root */
	size_t bytes;                  /* set by files_render */
	size_t rows;                   /* data rows, records, events or URLs: set by files_render */
	size_t skipped;                /* FF_ICS: schedule rows left out (no dates) */
};

struct site_files {
	struct site_file *v;           /* in the arena given to files_list */
	size_t n;
	size_t *plan_first;            /* per plan (site order): its first file in v */
	size_t *plan_count;            /* and how many it has */
};

/* The newest commit that changed a plan's files (deps.h), for its own
 * data files; commit NULL when none did (no history, a new plan). */
struct file_prov {
	const char *commit;
	int day;
	long long time;
};

/* What rendering a file needs besides the model. */
struct files_ctx {
	const struct site *site;
	const struct val *strings;                 /* UI strings */
	const struct sitemap_page *pages;          /* the HTML pages, for the sitemap */
	size_t npages;
	const struct file_prov *plans;             /* per plan (site order), or NULL */
};

#define FILES_DATA_DIR "data/"
#define FILES_JSON "data/gongkai.json"
#define FILES_SCHEMA "data/gongkai.schema.json"
#define FILES_DATAPKG "data/datapackage.json"

void files_list(struct site_files *out, const struct site *s, struct arena *a);
/* Render f into out (and set its bytes and rows). a is scratch for the
 * call. */
void files_render(struct buf *out, const struct files_ctx *c, struct site_file *f, struct arena *a);
/* The file of plan p with this format (and table, for FF_CSV), or NULL. */
const struct site_file *files_of_plan(const struct site_files *f, const struct site *s, const struct plan *p,
				      enum file_fmt fmt, const char *table);

#endif
