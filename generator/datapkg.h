/* datapkg: a Frictionless Data Package (datapackage.json) describing the
 * CSV files of the data downloads: each table a tabular data resource with
 * its fields, types, constraints, primary key and foreign keys, written
 * from the same definitions as the files (table.h), so that open-data
 * tools load the tables without reading any documentation. */
#ifndef GONGKAI_DATAPKG_H
#define GONGKAI_DATAPKG_H

struct buf;
struct plan;
struct tbl_ctx;

/* The package of the site's files (p NULL: the CSV files in data/) or of one plan's
 * (the CSV files in plans/<slug>/data/, without the site-wide units and regions: keys
 * into them are left out). */
void datapkg_write(struct buf *out, const struct tbl_ctx *c, const struct plan *p);

#endif
