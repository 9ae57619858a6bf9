/* Header words and their meanings; unit names found in cells. */
#include "header.h"
#include "test.h"
#include "unitsplit.h"

static void test_words(void)
{
	static const struct {
		const char *header;
		enum col_meaning m;
	} cases[] = {
		/* the seeds */
		{ "部门", COL_UNIT }, { "部  门", COL_UNIT }, { "镇  区", COL_UNIT },
		{ "重要活动安排", COL_ACTIVITY }, { "工作要点", COL_ACTIVITY }, { "具体内容", COL_DETAIL },
		{ "拟推进时间", COL_WHEN },
		/* the issue's county and the common task tables */
		{ "序号", COL_NO }, { "类型", COL_CATEGORY }, { "类别", COL_CATEGORY }, { "领域", COL_CATEGORY },
		{ "工作计划主要内容", COL_DETAIL }, { "工作任务", COL_DETAIL }, { "内容", COL_DETAIL },
		{ "责任单位", COL_UNIT }, { "牵头单位", COL_LEAD }, { "配合单位", COL_PARTNER },
		{ "协办单位", COL_PARTNER }, { "计划完成时间", COL_WHEN }, { "完成时限", COL_WHEN },
		{ "时限", COL_WHEN }, { "完成标志", COL_OUTCOME }, { "备注", COL_REMARK },
		{ "责任单位(部门)", COL_UNIT }, { "责任单位（部门）", COL_UNIT }, { "\u3000时限\u3000", COL_WHEN },
		{ "责任领导", COL_LEADER }, { "工作目标", COL_GOAL }, { "完成情况", COL_OTHER },
		/* not known */
		{ "资金规模（万元）", COL_UNKNOWN }, { "", COL_UNKNOWN }, { "部门名称", COL_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum col_meaning m = header_meaning(cases[i].header);
		if (m != cases[i].m)
			printf("FAIL header \"%s\": got %d, want %d\n", cases[i].header, m, cases[i].m);
		T_OK(m == cases[i].m);
	}
	T_INT(header_meaning(NULL), COL_UNKNOWN);
}

static void test_table(void)
{
	size_t n;
	const struct header_word *w = header_words(&n);
	T_OK(n > 100);
	/* every word once, and every meaning but COL_UNKNOWN has a name */
	int dup = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (strcmp(w[i].word, w[k].word) == 0) {
				printf("FAIL header word twice: %s\n", w[i].word);
				dup = 1;
			}
	T_OK(!dup);
	for (int m = 0; m < COL_NMEANINGS; m++) {
		T_OK(*meaning_name((enum col_meaning)m));
		T_INT(meaning_named(meaning_name((enum col_meaning)m)), m);
		if (meaning_field((enum col_meaning)m))
			T_INT(meaning_named(meaning_field((enum col_meaning)m)), m);
	}
	T_INT(meaning_named("其他"), COL_OTHER);
	T_INT(meaning_named("other"), COL_OTHER);
	T_INT(meaning_named("计划完成时间"), COL_WHEN); /* a known header as a meaning */
	T_INT(meaning_named("时候"), COL_UNKNOWN);
	T_STR(meaning_field(COL_PARTNER), "partners");
	T_OK(meaning_field(COL_OTHER) == NULL);
	T_OK(meaning_is_units(COL_LEAD) && meaning_is_units(COL_UNIT) && !meaning_is_units(COL_WHEN));
}

static void test_guess(void)
{
	T_INT(header_guess("完成时间节点（月）"), COL_WHEN);
	T_INT(header_guess("牵头领导"), COL_LEAD);
	T_INT(header_guess("主要推进措施"), COL_DETAIL);
	T_INT(header_guess("资金规模（万元）"), COL_UNKNOWN);
}

/* Split and compare: names joined by '|', roles as L (lead), P (partner),
 * R (responsible) in the same order. */
static void split(const char *text, enum unit_role role, const char *want, const char *roles)
{
	struct unit_part p[16];
	size_t n = unit_split(text, strlen(text), role, p, 16);
	char got[512] = "", gr[32] = "";
	for (size_t i = 0; i < n && i < 16; i++) {
		strncat(got, "|", sizeof(got) - strlen(got) - 1);
		strncat(got, text + p[i].off, p[i].len < sizeof(got) - strlen(got) - 1 ? p[i].len : 0);
		gr[i] = "RLP"[p[i].role];
	}
	T_STR(got[0] ? got + 1 : "", want);
	T_STR(gr, roles);
}

static void test_split(void)
{
	split("区人社局、总工会、团区委、妇联", ROLE_RESPONSIBLE, "区人社局|总工会|团区委|妇联", "RRRR");
	split("区人社局、总工会、团区委、妇联。", ROLE_RESPONSIBLE, "区人社局|总工会|团区委|妇联", "RRRR");
	split("区委办（区府办），区乡村振兴局", ROLE_RESPONSIBLE, "区委办（区府办）|区乡村振兴局", "RR");
	split("各结对镇（区、街道）", ROLE_RESPONSIBLE, "各结对镇（区、街道）", "R");
	split("发改委、商务局、投资服务中心，洋县前方联络组", ROLE_RESPONSIBLE,
	      "发改委|商务局|投资服务中心|洋县前方联络组", "RRRR");
	split("县发改局 县财政局", ROLE_LEAD, "县发改局|县财政局", "LL");
	split("县发改局;县财政局,县人社局；县农业农村局", ROLE_PARTNER, "县发改局|县财政局|县人社局|县农业农村局", "PPPP");
	split("区发改局（牵头）、区财政局", ROLE_RESPONSIBLE, "区发改局|区财政局", "LR");
	split("区财政局、区发改局(牵头)", ROLE_RESPONSIBLE, "区财政局|区发改局", "RL");
	split("区发改局牵头，区财政局、各镇配合", ROLE_RESPONSIBLE, "区发改局|区财政局|各镇", "LPP");
	split("牵头单位：县发改局；配合单位：县财政局、各镇", ROLE_RESPONSIBLE, "县发改局|县财政局|各镇", "LPP");
	split("（责任单位：区教育局、区卫生健康局）", ROLE_RESPONSIBLE, "区教育局|区卫生健康局", "RR");
	split("区教育局等", ROLE_RESPONSIBLE, "区教育局", "R");
	split("县直各相关部门等单位", ROLE_RESPONSIBLE, "县直各相关部门", "R");
	split("、、 ", ROLE_RESPONSIBLE, "", "");
	split("", ROLE_RESPONSIBLE, "", "");
	split("妇联", ROLE_PARTNER, "妇联", "P");
	split("—", ROLE_PARTNER, "", "");
	split("无", ROLE_PARTNER, "", "");
	split("/", ROLE_PARTNER, "", "");
	split("县财政局、——", ROLE_PARTNER, "县财政局", "P");
	split("无锡市", ROLE_PARTNER, "无锡市", "P");
	split("甲配合、乙配合、丙、丁牵头", ROLE_RESPONSIBLE, "甲|乙|丙|丁", "PPLL");
	/* a long cell of marked names is read in one pass */
	{
		static char big[300000];
		size_t n = 0;
		while (n + 20 < sizeof big) {
			memcpy(big + n, "单位配合、", strlen("单位配合、"));
			n += strlen("单位配合、");
		}
		big[n] = '\0';
		static struct unit_part parts[30000];
		size_t want = n / strlen("单位配合、");
		T_INT(unit_split(big, n, ROLE_RESPONSIBLE, parts, 30000), want);
		T_INT(parts[want - 1].role, ROLE_PARTNER);
	}
	/* more names than room: all counted */
	struct unit_part p[2];
	T_INT(unit_split("甲、乙、丙", strlen("甲、乙、丙"), ROLE_RESPONSIBLE, p, 2), 3);
}

/* docs/format.md lists every header word gongkai knows (the report and
 * the staff read it there), and the guide for staff too. */
static void test_documented(const char *doc)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/../docs/%s", GONGKAI_LAYOUTS, doc);
	FILE *f = fopen(path, "rb");
	T_OK(f != NULL);
	if (!f)
		return;
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	size_t nw;
	const struct header_word *w = header_words(&nw);
	for (size_t i = 0; i < nw; i++) {
		/* as an item of the list: between 、 or a cell's edges */
		char a[128], b[128], c[128];
		snprintf(a, sizeof a, "| %s、", w[i].word);
		snprintf(b, sizeof b, "、%s、", w[i].word);
		snprintf(c, sizeof c, "、%s |", w[i].word);
		int found = strstr(text, a) || strstr(text, b) || strstr(text, c);
		if (!found)
			printf("FAIL %s does not list the header word %s\n", doc, w[i].word);
		T_OK(found);
	}
}

int main(void)
{
	test_documented("format.md");
	test_documented("guide.zh.md");
	test_words();
	test_table();
	test_guess();
	test_split();
	return t_done("header");
}
