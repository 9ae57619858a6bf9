/* model: the whole site, loaded once from content/, checked, and then
 * only read.
 *
 * Loading is load → check → derive: files become value trees (yml.c), the
 * trees become these structs (load.c), cross references are resolved and
 * checked (units, indicators, regions), and derived facts are filled in
 * (status, completion). Renderers (html.c and friends) read the model and
 * never change it, so pages can be rendered in parallel.
 *
 * Everything lives in the site's arena. Strings are borrowed from the value
 * trees, which live in the same arena. Dates are date.h day numbers, 0 when
 * not given.
 *
 * For outputs that read a plan (pages, downloads, calendars):
 * - A plan's table is plan.tcols (headers as printed, each with a meaning,
 *   header.h) and plan.rows; row.cells[i] is the cell under tcols[i], its
 *   text as written ("" when blank; merged: the cell above's text). The
 *   row's no, category, activity, detail, when_text/when are shortcuts.
 * - Units: task.units and row.units list every unit named (unit_ref: the
 *   name as written, what it resolved to or NULL, its role 责任/牵头/配合);
 *   the cells as written are task.unit_cells and row.cells[i].units.
 * - Targets: indicator.target.text is as written ("不少于540人"), .reading
 *   what it means (target.h: kind EXACT/AT_LEAST/AT_MOST/RANGE/TEXT, lo,
 *   hi in indicator.unit, each); indicator.goal is what completion is
 *   judged against (各 counted over the parts). A child of a 各 target may
 *   have target.text NULL: its target is the parent's, per part.
 * - Deadlines: plan.due_text/due and indicator.due_text/due (WHEN_BLANK if
 *   not given); indicator.pace_from/pace_to is the span its pace runs. */
#ifndef GONGKAI_MODEL_H
#define GONGKAI_MODEL_H

#include <stddef.h>

#include "header.h"
#include "target.h"
#include "unitsplit.h"
#include "when.h"

struct arena;
struct diag;
struct source;
struct val;

struct region {
	const char *id;            /* pinyin id, used in URLs */
	const char *name;          /* full name: 如皋市 */
	const char *short_name;    /* for table headers: 如皋 (defaults to name) */
	const char *province;      /* 江苏省, or NULL */
	struct region *parent;     /* the region this one belongs to, or NULL */
	const struct val *node;    /* where it was defined */
};

struct pairing {
	const char *id;            /* shares the id space of regions */
	struct region *east;       /* the helping side */
	struct region *west;       /* the helped side */
	const char *note;          /* the pairing's public description (苏陕协作), or NULL */
	const char *uncertain;     /* what the transcription could not be sure of, or NULL:
				    * shown, labelled, on the regions' own pages only */
	const struct val *node;
};

struct plan;
struct task;
struct row;

/* One thing a unit is named in: a task or a table row of a plan. */
struct unit_use {
	struct plan *plan;
	struct task *task;         /* or NULL */
	struct row *row;           /* or NULL */
	enum unit_role role;       /* how it is named there: 责任单位, 牵头单位 or 配合单位
	                              (the first way, if it is named twice) */
};

struct unit {
	const char *id;            /* ASCII id, used in URLs */
	const char *name;          /* full name */
	struct region *region;     /* the locality it belongs to */
	const char **aliases;      /* how plans write it */
	size_t naliases;
	const char *note;          /* or NULL */
	struct unit_use *uses;     /* what it is responsible for, by plan order */
	size_t nuses;
	const struct val *node;
};

/* One unit as a plan names it: one name out of a cell or list item. */
struct unit_ref {
	const char *text;          /* the name as written: 区人社局 (no separator, no role word) */
	struct unit *unit;         /* what it resolved to, or NULL (unknown) */
	enum unit_role role;       /* 责任单位, 牵头单位 or 配合单位: from the column or
	                              field, or from the text (（牵头）, 牵头单位：) */
	const struct val *node;    /* the cell or list item it is written in */
	size_t off;                /* where the name starts in unit_cell.text, in bytes */
};

/* A cell or list item that names units, exactly as written:
 * "区人社局、总工会、团区委、妇联。". Pages show text as it is, with each
 * name in it linked to its unit. */
struct unit_cell {
	const char *text;          /* as written, separators and all */
	enum unit_role field;      /* the column or field it is in (unit, lead, partners) */
	struct unit_ref *refs;     /* the names in it, in order; refs[i].off is into text */
	size_t nrefs;
};

enum status {
	ST_NONE,        /* no progress recorded */
	ST_NOT_STARTED, /* 未开始 */
	ST_ACTIVE,      /* 推进中 */
	ST_DONE,        /* 已完成 */
	ST_CANCELLED,   /* 已取消 */
};

/* How a task or schedule row stands as of the plan's as_of (status.c). */
enum timing {
	TM_NONE,        /* no progress data, or done/cancelled: timing does not matter */
	TM_UPCOMING,    /* starts after as_of */
	TM_OPEN,        /* as_of is within its span(s), more than 30 days to its end */
	TM_DUE_SOON,    /* its end is 0–30 days after as_of */
	TM_OVERDUE,     /* its end is before as_of and it is not done */
	TM_UNSCHEDULED, /* no dates to judge by */
};

struct standing {
	int known;          /* 0: the plan has no progress data (no as_of) */
	enum status status; /* as reported (ST_NONE: not reported) */
	enum timing timing;
	int due;            /* last day planned, or 0 */
	int days;           /* TM_DUE_SOON: days left; TM_OVERDUE: days over */
	int late;           /* ST_DONE after its last planned day */
};

#define DUE_SOON_DAYS 30

/* A progress report for a task or schedule row. */
struct progress {
	enum status status;        /* as reported */
	int date;                  /* when it was reached, or 0 */
	const char *note;          /* or NULL */
	const char *reason;        /* with ST_CANCELLED */
	const struct val *node;
};

struct indicator;

struct task {
	const char *id;
	const char *section;       /* heading it stands under, or NULL */
	const char *no;            /* number as printed, or NULL */
	const char *title;         /* lead phrase, or NULL */
	const char *text;          /* text as issued */
	const char *when_text;     /* planned time as written, or NULL */
	struct when when;          /* its reading (WHEN_BLANK if none) */
	struct unit_cell *unit_cells; /* the items of lead:, units: and partners:, as written,
	                              in that order (unit_cell.field tells which) */
	size_t nunit_cells;
	struct unit_ref *units;    /* every unit named in them, in that order, with its role */
	size_t nunits;
	struct indicator **indicators; /* linked indicators */
	size_t nindicators;
	struct progress progress;  /* from progress.yaml */
	struct standing st;        /* derived */
	const struct val *node;
};

/* A column of a plan's table (schedule.yaml): its header as printed and
 * what it means. */
struct table_column {
	const char *header;        /* as printed: 工作计划主要内容, 拟推进时间 */
	enum col_meaning meaning;  /* what it holds (header.h): COL_DETAIL, COL_WHEN … */
	const char *field;         /* the row field that holds its cells: "detail";
	                              for COL_OTHER the header itself */
	int merged;                /* some row leaves this cell out: the document
	                              merges cells in this column */
	const struct val *node;
};

/* One cell of a table row. A cell the row leaves out is merged with the
 * cell above (the document prints one cell over both rows); it carries
 * that cell's text and names, with merged set. */
struct row_cell {
	const char *text;          /* as written; "" for a blank cell */
	int merged;                /* 1: merged with the cell above */
	struct unit_cell units;    /* unit columns: the names in text */
	const struct val *node;    /* where the text was written, or NULL */
};

struct row {
	const char *id;
	struct row_cell *cells;    /* one per column of the plan (plan.tcols), in order */
	/* What the cells say, for code that does not walk the columns: NULL
	 * when the table has no such column or the cell is blank. */
	const char *no;            /* 序号 as printed */
	const char *category;      /* 类型 / 类别 */
	const char *activity;      /* the item's short name */
	const char *detail;        /* its text (具体内容, 工作任务 …) */
	const char *when_text;     /* planned time as written, or NULL */
	struct when when;          /* its reading (WHEN_BLANK if none) */
	struct unit_ref *units;    /* every unit named in the row's unit columns
	                              (责任, 牵头, 配合; merged cells included), in
	                              column order, with its role */
	size_t nunits;
	struct indicator **indicators; /* indicators the row carries (indicators:) */
	size_t nindicators;
	struct progress progress;
	struct standing st;        /* derived */
	const struct val *node;
};

/* A number, a bound or a text, as written. */
struct figure {
	const char *text;          /* as written: "2.00", "不少于540人", "已选派"; NULL when
	                              not written (a part that a 各 target covers) */
	double num;                /* the number it stands for: reading.lo, or reading.hi
	                              for an upper bound (sums, charts) */
	int is_num;                /* 1 if it reads as a number or bound */
	struct target reading;     /* what it means (target.h): kind, lo, hi, each */
	const struct val *node;
};

struct column {
	const char *key;           /* region or pairing id */
	const char *label;         /* header as printed */
	const char *group;         /* spanning header, or NULL */
	struct column *of;         /* the column this one is part of, or NULL */
	struct region *region;     /* the region it names (a pairing's east side), or NULL */
	struct pairing *pairing;   /* the pairing it names, or NULL */
	const struct val *node;
};

struct cell {
	struct column *col;        /* or NULL without a columns list */
	const char *key;           /* as written */
	struct figure value;       /* for a part of a 各 target written without a value:
	                              text NULL, reading the target for each part */
};

/* An actual value of an indicator at a date. */
struct actual {
	int date;
	struct figure value;
	const char *region;        /* column key, or NULL for the total */
	struct column *col;
	const char *note;
	const struct val *node;
};

/* Where an indicator (or one region of it) stands as of as_of. */
struct attainment {
	int has_actual;            /* a value at or before as_of exists */
	const struct actual *actual; /* the latest such value */
	enum target_kind kind;     /* of the target judged against (TARGET_TEXT: none) */
	int judged;                /* has_actual and a target to judge against */
	int has_share;             /* the number to reach (or the ceiling) is positive */
	double share;              /* actual / lo; for an upper bound actual / hi */
	double expected;           /* share of the time to the deadline elapsed at as_of */
	int on_track;              /* lower bounds: met, or share >= expected;
	                              upper bounds: not over the ceiling */
	int met;                   /* lower bounds: actual >= lo (> if strict) */
	int stretch;               /* ranges: actual >= hi as well */
	int over;                  /* upper bounds: actual > hi (>= if strict) */
};

/* A change of an indicator's target (or one of its breakdown values)
 * across the history of the content repository (record.c). */
struct revision {
	int date;                  /* committer's date of the commit */
	const char *column;        /* breakdown column label, or NULL for the target */
	const char *old_text;      /* value before, as written */
	const char *new_text;      /* value after */
	const char *note;          /* the commit's Change-Note, or NULL */
	const char *summary;       /* the commit's subject */
	const char *commit;        /* full commit id */
};

/* A major change of a plan's files: one commit with a Change-Note. */
struct change {
	size_t seq;                /* the commit's place in history: higher is newer */
	int date;
	const char *note;
	const char *commit;        /* full commit id */
	const struct plan *plan;   /* the plan it changed, or NULL (site files) */
};

struct indicator {
	const char *id;
	const char *group;         /* heading, or NULL */
	const char *no;            /* number as printed, or NULL */
	const char *name;
	const char *unit;          /* 人, 万元 … */
	const char *nature;        /* 约束性, 预期性, or NULL (not stated) */
	struct figure target;      /* as written (text NULL: one part of the parent's 各) */
	struct target goal;        /* what completion is judged against: the target's
	                              reading, with 各 counted over the parts (by_region
	                              cells, else children, else 1) */
	const char *due_text;      /* its own deadline (due:) as written, or NULL */
	struct when due;           /* its reading; WHEN_BLANK if none */
	int pace_from, pace_to;    /* derived: the days the pace runs over (its due,
	                              else the plan's, else the plan's year) */
	struct cell *cells;        /* by_region, in the order written */
	size_t ncells;
	const char *note;
	const char *discrepancy;   /* the document's own figures do not add up: why (or NULL) */
	struct indicator *parent;  /* for 其中 children */
	struct indicator **children;
	size_t nchildren;
	struct actual *actuals;    /* from progress.yaml, sorted by date */
	size_t nactuals;
	struct attainment att;     /* the total, derived */
	struct attainment *cell_att; /* per cell of by_region, derived */
	struct task **tasks;       /* tasks that link to it */
	size_t ntasks;
	struct row **rows;         /* table rows that link to it */
	size_t nrows;
	struct revision *revisions; /* oldest first (record.c) */
	size_t nrevisions;
	const struct val *node;
};

struct plan {
	const char *slug;          /* folder name and URL */
	const char *dir;           /* content/plans/<slug> */
	const char *path;          /* content/plans/<slug>/plan.md */
	/* front matter */
	const char *title;
	int year;
	struct region *region;     /* issuing side */
	struct region **regions;
	size_t nregions;
	struct pairing **pairings;
	size_t npairings;
	const char **keywords;     /* 主题词, each as written */
	size_t nkeywords;
	const char *kind, *issuer, *doc_no, *index_no, *topic, *notice, *source, *note;
	const char *due_text;      /* the plan's own deadline (due:): 于2024年11月30日前完成 */
	struct when due;           /* its reading; WHEN_BLANK if none. Tasks without a
	                              time and indicators without a due are paced to it */
	int written;               /* 成文日期, or 0 */
	int published;             /* 发布日期, or 0 */
	/* The text (the Markdown after the front matter) is not kept: it is
	 * rendered when a page shows it (html_ctx.plan_text), so that a site's
	 * worth of HTML is never held at once. */
	/* tasks.yaml */
	struct task *tasks;
	size_t ntasks;
	/* schedule.yaml: the plan's table (重要活动安排, 任务分解表 …) */
	const char *schedule_title;
	const char *schedule_kind; /* what the document calls the table, or NULL */
	struct table_column *tcols; /* its columns, as printed, in the document's order */
	size_t ntcols;
	int group_col;             /* the column rows are grouped by (the leftmost 类别,
	                              责任单位 or 牵头单位 column with merged cells), or -1 */
	struct row *rows;
	size_t nrows;
	/* indicators.yaml */
	const char *indicators_title;
	struct column *icols;
	size_t nicols;
	struct column *total_col;  /* the column whose value is the target, or NULL */
	struct indicator **indicators; /* top level, in order */
	size_t nindicators;
	struct indicator **all_indicators; /* every indicator, children after parents */
	size_t nall_indicators;
	const char *indicator_notes;
	const char *uncertain;
	/* progress.yaml */
	int broken_meta;           /* plan.md's metadata has errors: no year or region to check by */
	int broken_tasks;          /* tasks.yaml exists but has errors (loading only) */
	int broken_schedule;       /* schedule.yaml likewise */
	int broken_indicators;     /* indicators.yaml likewise */
	int as_of;                 /* or 0 without progress */
	int sample;                /* 1: the progress is sample data */
	double elapsed;            /* share of the time to the plan's due (or its year's
	                              end) elapsed at as_of (0–1) */
	struct tally {
		size_t total;      /* tasks and rows */
		size_t done, cancelled, overdue, due_soon, active, not_started,
		       unreported, unscheduled;
	} tasks_tally, rows_tally; /* derived */
	size_t ind_reported;       /* indicators with a value at as_of */
	size_t ind_total;          /* indicators judged: a target to count and a value */
	size_t ind_behind;         /* of those, not on track (behind the pace, or over
	                              a ceiling) */
	/* from git (record.c); 0 / NULL without history */
	int first_published;       /* when its files first appeared */
	int last_updated;          /* the last major change, or 0 if none */
	int last_changed;          /* the last commit that changed any of its files, major or minor */
	struct change *changes;    /* major changes, newest first */
	size_t nchanges;
	struct plan_idx *idx;      /* while loading: id lookups (idx.h) */
};

struct page {
	const char *slug;
	const char *title;
	int order;
	char *html;
	const char *path;
};

/* What a Chinese government website shows at the foot of every page
 * (site.yaml; read and checked by identity.c). Texts are as written, or
 * NULL when not given. */
struct identity {
	int government;            /* government: true — check requires what the rules require */
	const char *sponsor;       /* 主办单位 */
	const char *site_operator; /* 承办单位 */
	const char *phone;         /* 联系电话 */
	const char *tel;           /* the phone as a tel: number, or NULL if it is not one number */
	const char *email;         /* 电子邮箱 */
	const char *address;       /* 地址 */
	const char *site_code;     /* 网站标识码 */
	const char *icp_no;        /* ICP备案编号 */
	const char *police_no;     /* 公安机关备案号 */
	const char *police_code;   /* its 14 digits, for the registry's record query */
	const char *conac_link;    /* 党政机关网站标识: its verification page, or NULL */
	const char *conac_image;   /* where the site publishes the mark's image, or NULL */
	const char *conac_data;    /* the image's bytes */
	size_t conac_len;
};

struct site {
	struct arena *a;           /* everything below lives here */
	const char *title;
	const char *description;
	const char *base_url;
	const char *language;
	const char *repository;
	const char *footer;
	struct identity identity;  /* 主办单位, 备案 numbers … for the footer */
	struct region *regions;
	size_t nregions;
	struct pairing *pairings;
	size_t npairings;
	struct unit *units;
	size_t nunits;
	struct plan *plans;        /* newest year first, then by slug */
	size_t nplans;
	struct page *pages;        /* by order, then slug */
	size_t npages;
	/* the build's provenance (record.c) */
	int has_history;           /* the content is in a git repository */
	char commit[41];           /* the commit built from ("" without history) */
	int dirty;                 /* built from a working tree with uncommitted changes */
	int shallow;               /* a shallow clone: early dates may be wrong */
	int built;                 /* the date of the commit built from, or 0 */
	long long built_time;      /* its committer time, seconds since the epoch (UTC), or 0 */
	int last_changed;          /* the last commit that changed anything under content/, or 0 */
	struct change *log;        /* every major change, newest first */
	size_t nlog;
	struct site_idx *idx;      /* id lookups (idx.h) */
};

/* Derive standings, attainment and tallies as of each plan's as_of
 * (status.c). Needs no clock. */
void site_derive(struct site *s);
/* Consistency checks across the model: breakdowns that do not add up,
 * 其中 larger than its parent, cumulative values that go down (check.c). */
void site_check(const struct site *s, struct diag *d);

struct history;
/* Attach what git knows to the model: publication and update dates,
 * change lists, target revisions, the commit built from (record.c). h may
 * be NULL (no repository). */
void site_record(struct site *s, const struct history *h, struct diag *d);

/* Load and check everything under content/ of src. Problems go to d; the
 * site is returned even when there are errors (so that check can report
 * them all), and the caller decides. Returns 0, or -1 if content/ is
 * missing altogether. With SITE_TEXT_WARNINGS, the plans' texts are
 * rendered (and thrown away) for their warnings: check shows them, a build
 * reports them when it renders the pages. */
#define SITE_TEXT_WARNINGS 1
int site_load(struct site **out, struct source *src, unsigned flags, struct diag *d);
void site_free(struct site *s);

struct region *site_region(const struct site *s, const char *id);
struct pairing *site_pairing(const struct site *s, const char *id);
struct unit *site_unit(const struct site *s, const char *id);
/* The first column of the plan's table with meaning m, or -1. */
int plan_column(const struct plan *p, enum col_meaning m);

#endif
