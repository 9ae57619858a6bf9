/* header: the header words of plan tables and what they mean.
 *
 * The words come from the seeds (部门, 重要活动安排, 工作要点, 具体内容,
 * 拟推进时间, 镇区) and from the task tables (任务分解表, 重点任务清单,
 * 责任分工表) that Chinese government offices commonly print. The list is
 * documented, word by word, in docs/format.md; keep the two the same. */
#include "header.h"
#include "buf.h"
#include "utf8.h"

#include <string.h>

static const struct header_word words[] = {
	/* 序号 */
	{ "序号", COL_NO }, { "编号", COL_NO }, { "序", COL_NO }, { "项次", COL_NO },
	{ "顺序号", COL_NO },
	/* 类别: rows are grouped under it */
	{ "类型", COL_CATEGORY }, { "类别", COL_CATEGORY }, { "领域", COL_CATEGORY },
	{ "分类", COL_CATEGORY }, { "板块", COL_CATEGORY }, { "专项", COL_CATEGORY },
	{ "工作类别", COL_CATEGORY }, { "工作类型", COL_CATEGORY }, { "任务类别", COL_CATEGORY },
	{ "任务类型", COL_CATEGORY }, { "项目类别", COL_CATEGORY }, { "项目类型", COL_CATEGORY },
	{ "事项类别", COL_CATEGORY }, { "重点领域", COL_CATEGORY }, { "工作领域", COL_CATEGORY },
	{ "协作领域", COL_CATEGORY }, { "协作类别", COL_CATEGORY }, { "工作板块", COL_CATEGORY },
	/* 活动: the item's short name */
	{ "重要活动安排", COL_ACTIVITY }, { "活动安排", COL_ACTIVITY }, { "重要活动", COL_ACTIVITY },
	{ "活动名称", COL_ACTIVITY }, { "活动", COL_ACTIVITY }, { "工作要点", COL_ACTIVITY },
	{ "重点工作", COL_ACTIVITY }, { "重点任务", COL_ACTIVITY }, { "主要任务", COL_ACTIVITY },
	{ "任务名称", COL_ACTIVITY }, { "项目名称", COL_ACTIVITY }, { "工作名称", COL_ACTIVITY },
	{ "事项", COL_ACTIVITY }, { "工作事项", COL_ACTIVITY }, { "任务事项", COL_ACTIVITY },
	{ "重点事项", COL_ACTIVITY }, { "工作项目", COL_ACTIVITY }, { "项目", COL_ACTIVITY },
	{ "名称", COL_ACTIVITY },
	/* 内容: the item's text */
	{ "具体内容", COL_DETAIL }, { "内容", COL_DETAIL }, { "主要内容", COL_DETAIL },
	{ "工作内容", COL_DETAIL }, { "工作任务", COL_DETAIL }, { "任务内容", COL_DETAIL },
	{ "工作计划主要内容", COL_DETAIL }, { "工作计划", COL_DETAIL }, { "具体任务", COL_DETAIL },
	{ "具体工作", COL_DETAIL }, { "工作措施", COL_DETAIL }, { "具体措施", COL_DETAIL },
	{ "主要措施", COL_DETAIL }, { "推进措施", COL_DETAIL }, { "措施", COL_DETAIL },
	{ "工作举措", COL_DETAIL }, { "具体举措", COL_DETAIL }, { "主要举措", COL_DETAIL },
	{ "任务措施", COL_DETAIL }, { "实施内容", COL_DETAIL }, { "建设内容", COL_DETAIL },
	{ "活动内容", COL_DETAIL }, { "具体事项", COL_DETAIL }, { "工作安排", COL_DETAIL },
	{ "任务要求", COL_DETAIL }, { "工作要求", COL_DETAIL }, { "具体要求", COL_DETAIL },
	{ "目标任务", COL_DETAIL }, { "任务", COL_DETAIL },
	/* 责任单位 */
	{ "责任单位", COL_UNIT }, { "责任部门", COL_UNIT }, { "部门", COL_UNIT }, { "单位", COL_UNIT },
	{ "责任单位（部门）", COL_UNIT }, { "责任主体", COL_UNIT }, { "实施单位", COL_UNIT },
	{ "实施主体", COL_UNIT }, { "承办单位", COL_UNIT }, { "负责单位", COL_UNIT },
	{ "落实单位", COL_UNIT }, { "承担单位", COL_UNIT }, { "执行单位", COL_UNIT },
	{ "具体责任单位", COL_UNIT }, { "镇区", COL_UNIT }, { "镇（区、街道）", COL_UNIT },
	{ "镇（街道）", COL_UNIT },
	/* 牵头单位 */
	{ "牵头单位", COL_LEAD }, { "牵头部门", COL_LEAD }, { "牵头", COL_LEAD },
	{ "牵头责任单位", COL_LEAD }, { "牵头负责单位", COL_LEAD }, { "主责单位", COL_LEAD },
	{ "主责部门", COL_LEAD }, { "主办单位", COL_LEAD },
	/* 配合单位 */
	{ "配合单位", COL_PARTNER }, { "配合部门", COL_PARTNER }, { "配合", COL_PARTNER },
	{ "协办单位", COL_PARTNER }, { "协同单位", COL_PARTNER }, { "协助单位", COL_PARTNER },
	{ "参与单位", COL_PARTNER }, { "参加单位", COL_PARTNER }, { "责任配合单位", COL_PARTNER },
	/* 时间 */
	{ "拟推进时间", COL_WHEN }, { "计划完成时间", COL_WHEN }, { "完成时间", COL_WHEN },
	{ "完成时限", COL_WHEN }, { "时限", COL_WHEN }, { "时间", COL_WHEN },
	{ "时间安排", COL_WHEN }, { "时间节点", COL_WHEN }, { "推进时间", COL_WHEN },
	{ "计划时间", COL_WHEN }, { "实施时间", COL_WHEN }, { "完成期限", COL_WHEN },
	{ "期限", COL_WHEN }, { "办结时限", COL_WHEN }, { "办结时间", COL_WHEN },
	{ "进度安排", COL_WHEN }, { "时序进度", COL_WHEN }, { "时间进度", COL_WHEN },
	{ "计划进度", COL_WHEN }, { "预计完成时间", COL_WHEN }, { "开展时间", COL_WHEN },
	{ "活动时间", COL_WHEN }, { "举办时间", COL_WHEN }, { "截止时间", COL_WHEN },
	{ "完成时间节点", COL_WHEN },
	/* 完成标志 */
	{ "完成标志", COL_OUTCOME }, { "成果形式", COL_OUTCOME }, { "预期成果", COL_OUTCOME },
	{ "完成标准", COL_OUTCOME }, { "验收标准", COL_OUTCOME }, { "成果体现", COL_OUTCOME },
	{ "标志性成果", COL_OUTCOME }, { "工作成效", COL_OUTCOME }, { "预期效果", COL_OUTCOME },
	{ "考核标准", COL_OUTCOME }, { "成果", COL_OUTCOME },
	/* 目标 */
	{ "目标", COL_GOAL }, { "工作目标", COL_GOAL }, { "预期目标", COL_GOAL },
	{ "目标要求", COL_GOAL }, { "任务目标", COL_GOAL }, { "年度目标", COL_GOAL },
	{ "量化指标", COL_GOAL }, { "指标", COL_GOAL }, { "目标值", COL_GOAL },
	/* 责任人 */
	{ "责任领导", COL_LEADER }, { "牵头领导", COL_LEADER }, { "分管领导", COL_LEADER },
	{ "责任人", COL_LEADER }, { "联系领导", COL_LEADER }, { "包抓领导", COL_LEADER },
	/* 备注 */
	{ "备注", COL_REMARK }, { "说明", COL_REMARK }, { "附注", COL_REMARK },
	/* 其他 (shown as text) */
	{ "完成情况", COL_OTHER }, { "进展情况", COL_OTHER }, { "推进情况", COL_OTHER },
};

static const struct {
	const char *field;  /* the row field, NULL for COL_OTHER */
	const char *name;   /* the meaning's name */
	const char *header; /* the default header */
} meanings[COL_NMEANINGS] = {
	[COL_NO] = { "no", "序号", "序号" },
	[COL_CATEGORY] = { "category", "类别", "类别" },
	[COL_ACTIVITY] = { "activity", "活动", "活动" },
	[COL_DETAIL] = { "detail", "内容", "具体内容" },
	[COL_UNIT] = { "unit", "责任单位", "部门" },
	[COL_LEAD] = { "lead", "牵头单位", "牵头单位" },
	[COL_PARTNER] = { "partners", "配合单位", "配合单位" },
	[COL_WHEN] = { "when", "时间", "计划时间" },
	[COL_OUTCOME] = { "outcome", "完成标志", "完成标志" },
	[COL_GOAL] = { "goal", "目标", "目标" },
	[COL_LEADER] = { "leader", "责任人", "责任人" },
	[COL_REMARK] = { "remark", "备注", "备注" },
	[COL_OTHER] = { NULL, "其他", "" },
};

const struct header_word *header_words(size_t *n)
{
	*n = sizeof(words) / sizeof(words[0]);
	return words;
}

static int is_space(unsigned c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == U'\u00A0' || c == U'\u3000';
}

/* s without any spaces (部  门 → 部门) and with full-width brackets, into b. */
static void squeeze(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		unsigned c;
		size_t len = utf8_decode(s + i, n - i, &c);
		if (c == '(')
			buf_puts(b, "（");
		else if (c == ')')
			buf_puts(b, "）");
		else if (!is_space(c))
			buf_put(b, s + i, len);
		i += len;
	}
}

enum col_meaning header_meaning(const char *header)
{
	struct buf b = BUF_INIT;
	enum col_meaning m = COL_UNKNOWN;
	if (!header)
		return m;
	squeeze(&b, header);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(words[i].word, b.ptr) == 0) {
			m = words[i].meaning;
			break;
		}
	}
	buf_free(&b);
	return m;
}

enum col_meaning meaning_named(const char *s)
{
	if (!s)
		return COL_UNKNOWN;
	for (int m = 0; m < COL_NMEANINGS; m++) {
		if (strcmp(meanings[m].name, s) == 0 ||
		    (meanings[m].field && strcmp(meanings[m].field, s) == 0))
			return (enum col_meaning)m;
	}
	if (strcmp(s, "other") == 0)
		return COL_OTHER;
	return header_meaning(s);
}

const char *meaning_field(enum col_meaning m)
{
	return m >= 0 && m < COL_NMEANINGS ? meanings[m].field : NULL;
}

const char *meaning_name(enum col_meaning m)
{
	return m >= 0 && m < COL_NMEANINGS ? meanings[m].name : "";
}

const char *meaning_header(enum col_meaning m)
{
	return m >= 0 && m < COL_NMEANINGS ? meanings[m].header : "";
}

int meaning_is_units(enum col_meaning m)
{
	return m == COL_UNIT || m == COL_LEAD || m == COL_PARTNER;
}

enum col_meaning header_guess(const char *header)
{
	/* The telling word, and what it suggests; earlier ones win. */
	static const struct header_word hints[] = {
		{ "牵头", COL_LEAD }, { "配合", COL_PARTNER }, { "协办", COL_PARTNER },
		{ "领导", COL_LEADER }, { "责任人", COL_LEADER }, { "时间", COL_WHEN },
		{ "时限", COL_WHEN }, { "期限", COL_WHEN }, { "进度", COL_WHEN }, { "单位", COL_UNIT },
		{ "部门", COL_UNIT }, { "主体", COL_UNIT }, { "标志", COL_OUTCOME }, { "成果", COL_OUTCOME },
		{ "目标", COL_GOAL }, { "序号", COL_NO }, { "类", COL_CATEGORY }, { "领域", COL_CATEGORY },
		{ "内容", COL_DETAIL }, { "措施", COL_DETAIL }, { "任务", COL_DETAIL }, { "举措", COL_DETAIL },
		{ "事项", COL_ACTIVITY }, { "活动", COL_ACTIVITY }, { "备注", COL_REMARK },
	};
	for (size_t i = 0; header && i < sizeof(hints) / sizeof(hints[0]); i++)
		if (strstr(header, hints[i].word))
			return hints[i].meaning;
	return COL_UNKNOWN;
}
