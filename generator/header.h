/* header: what the column headers of a plan's table mean.
 *
 * A schedule or task table (重要活动安排, 任务分解表, 重点任务清单) is
 * typed with its headers as printed, in the document's order. gongkai knows
 * the common header words (拟推进时间, 计划完成时间, 完成时限 … all mean
 * "planned time") and maps each to a meaning; a header it does not know is
 * mapped by the staff in the file (`- 资金规模: 其他`). The meaning decides
 * where a row keeps the cell (its field in schedule.yaml) and what gongkai
 * does with it (read a planned time, resolve unit names, group rows). */
#ifndef GONGKAI_HEADER_H
#define GONGKAI_HEADER_H

#include <stddef.h>

enum col_meaning {
	COL_UNKNOWN = -1,
	COL_NO,        /* 序号: the row's number as printed */
	COL_CATEGORY,  /* 类型 / 类别 / 领域: the heading rows are grouped under */
	COL_ACTIVITY,  /* 重要活动安排 / 工作要点: the item's short name */
	COL_DETAIL,    /* 具体内容 / 工作任务 / 工作计划主要内容: its text */
	COL_UNIT,      /* 责任单位 / 部门: units responsible (names resolved) */
	COL_LEAD,      /* 牵头单位: lead units */
	COL_PARTNER,   /* 配合单位 / 协办单位: cooperating units */
	COL_WHEN,      /* 拟推进时间 / 计划完成时间 / 完成时限: a planned time */
	COL_OUTCOME,   /* 完成标志 / 成果形式: what shows it is done */
	COL_GOAL,      /* 目标 / 工作目标 / 预期目标: its goal, as text */
	COL_LEADER,    /* 责任领导 / 责任人: the person responsible, as text */
	COL_REMARK,    /* 备注 */
	COL_OTHER,     /* anything else, shown as text */
	COL_NMEANINGS
};

/* A known header word and its meaning. */
struct header_word {
	const char *word;
	enum col_meaning meaning;
};

/* Every known header word, in docs order; n set to the count. */
const struct header_word *header_words(size_t *n);

/* The meaning of a header as printed (spaces inside it ignored: 部  门 is
 * 部门), or COL_UNKNOWN. */
enum col_meaning header_meaning(const char *header);

/* A meaning as staff write it after a header: its name (内容), its field
 * (detail), or a known header word (具体内容). COL_UNKNOWN if none. */
enum col_meaning meaning_named(const char *s);

/* The field a row keeps the cell in ("detail"); NULL for COL_OTHER, whose
 * cells are kept under the header as printed. */
const char *meaning_field(enum col_meaning m);
/* The meaning's name for staff and readers (内容). */
const char *meaning_name(enum col_meaning m);
/* The header shown when a file does not list its headers (具体内容). */
const char *meaning_header(enum col_meaning m);
/* The meaning the words in an unknown header suggest (…时间 → COL_WHEN),
 * for a hint; COL_UNKNOWN if nothing does. */
enum col_meaning header_guess(const char *header);
/* Nonzero for meanings whose cells name units. */
int meaning_is_units(enum col_meaning m);

#endif
