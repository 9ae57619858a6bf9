/* Planned times: every phrase in the seed documents, every form the reader
 * knows with its edge cases, and text it must refuse. One table row per
 * phrase; each row is parsed from an exactly-sized copy with no NUL after
 * it, so that a read past n shows under ASan. See docs/planned-times.md. */
#include "buf.h"
#include "date.h"
#include "when.h"
#include "test.h"

#include <stdlib.h>

struct row {
	const char *text;
	int year;             /* the plan's year */
	enum when_kind kind;
	const char *spans;    /* "start..end" in ISO dates, joined by ", " */
	int ret;              /* when_parse's return value */
	size_t err_off;       /* with ret -1 */
	int other_year;
};

/* Most rows are in a 2023 plan, as in seed 000. */
#define Y 2023
#define OK(text, kind, spans)              { text, Y, kind, spans, 0, 0, 0 }
#define OKY(text, year, kind, spans, other) { text, year, kind, spans, 0, 0, other }
#define NONE(text)                         { text, Y, WHEN_UNSCHEDULED, "", 0, 0, 0 }
#define BAD(text, off)                     { text, Y, WHEN_UNSCHEDULED, "", -1, off, 0 }
#define BADY(text, year, off)              { text, year, WHEN_UNSCHEDULED, "", -1, off, 0 }

#define TWELVE "1月、2月、3月、4月、5月、6月、7月、8月、9月、10月、11月、12月"
#define TWELVE_BARE "1、2、3、4、5、6、7、8、9、10、11、12"

static const struct row rows[] = {
	/* Seed 000 (如皋市-洋县 2023), the 拟推进时间 column: each distinct cell. */
	NONE("根据两地对口协作计划确定"),
	OK("下半年", WHEN_RANGE, "2023-07-01..2023-12-31"),
	OK("8月", WHEN_RANGE, "2023-08-01..2023-08-31"),
	{ "", Y, WHEN_BLANK, "", 0, 0, 0 },
	OK("全年", WHEN_RANGE, "2023-01-01..2023-12-31"),
	NONE("根据上级要求开展"),
	OK("10月", WHEN_RANGE, "2023-10-01..2023-10-31"),
	OK("7月、10月", WHEN_POINTS, "2023-07-01..2023-07-31, 2023-10-01..2023-10-31"),
	OK("6月", WHEN_RANGE, "2023-06-01..2023-06-30"),
	OK("11月前", WHEN_DEADLINE, "2023-01-01..2023-10-31"),
	OK("一季度", WHEN_RANGE, "2023-01-01..2023-03-31"),
	OK("二季度", WHEN_RANGE, "2023-04-01..2023-06-30"),
	OK("三季度", WHEN_RANGE, "2023-07-01..2023-09-30"),
	OK("四季度", WHEN_RANGE, "2023-10-01..2023-12-31"),
	OK("7月", WHEN_RANGE, "2023-07-01..2023-07-31"),
	OK("9月", WHEN_RANGE, "2023-09-01..2023-09-30"),
	OK("12月", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("4-8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("5-10月", WHEN_RANGE, "2023-05-01..2023-10-31"),
	OK("6-7月", WHEN_RANGE, "2023-06-01..2023-07-31"),
	OK("11月", WHEN_RANGE, "2023-11-01..2023-11-30"),
	OK("4月、5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("3月、7月", WHEN_POINTS, "2023-03-01..2023-03-31, 2023-07-01..2023-07-31"),
	OK("6-11月", WHEN_RANGE, "2023-06-01..2023-11-30"),
	OK("12月底前", WHEN_DEADLINE, "2023-01-01..2023-12-31"),
	OK("11月底前", WHEN_DEADLINE, "2023-01-01..2023-11-30"),
	OK("年底", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("8月底", WHEN_RANGE, "2023-08-21..2023-08-31"),
	OK("9月初", WHEN_RANGE, "2023-09-01..2023-09-10"),
	/* Seed 002 (南通市 2024): "上述年度工作任务于2024年11月30日前完成". */
	OKY("2024年11月30日前", 2024, WHEN_DEADLINE, "2024-01-01..2024-11-30", 0),
	OKY("2024年11月30日前完成", 2024, WHEN_DEADLINE, "2024-01-01..2024-11-30", 0),

	/* Blank. */
	{ "   ", Y, WHEN_BLANK, "", 0, 0, 0 },
	{ "\t\n", Y, WHEN_BLANK, "", 0, 0, 0 },
	{ "　", Y, WHEN_BLANK, "", 0, 0, 0 },

	/* Parts of the year. */
	OK("上半年", WHEN_RANGE, "2023-01-01..2023-06-30"),
	OK("年初", WHEN_RANGE, "2023-01-01..2023-01-31"),
	OK("年中", WHEN_RANGE, "2023-06-01..2023-07-31"),
	OK("年末", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("年内", WHEN_DEADLINE, "2023-01-01..2023-12-31"),
	OK("年底前", WHEN_DEADLINE, "2023-01-01..2023-12-31"),
	OK("年末前", WHEN_DEADLINE, "2023-01-01..2023-12-31"),
	BAD("下半年前", 9),
	BAD("年初前", 6),
	BAD("年中前", 6),
	BAD("年", 3),
	BAD("年度", 3),

	/* Quarters. */
	OK("第一季度", WHEN_RANGE, "2023-01-01..2023-03-31"),
	OK("第二季度", WHEN_RANGE, "2023-04-01..2023-06-30"),
	OK("第三季度", WHEN_RANGE, "2023-07-01..2023-09-30"),
	OK("第四季度", WHEN_RANGE, "2023-10-01..2023-12-31"),
	OK("1季度", WHEN_RANGE, "2023-01-01..2023-03-31"),
	OK("第1季度", WHEN_RANGE, "2023-01-01..2023-03-31"),
	OK("４季度", WHEN_RANGE, "2023-10-01..2023-12-31"),
	OK("第４季度", WHEN_RANGE, "2023-10-01..2023-12-31"),
	OK("一至三季度", WHEN_RANGE, "2023-01-01..2023-09-30"),
	OK("第二至第三季度", WHEN_RANGE, "2023-04-01..2023-09-30"),
	OK("一、三季度", WHEN_POINTS, "2023-01-01..2023-03-31, 2023-07-01..2023-09-30"),
	OK("一季度、四季度", WHEN_POINTS, "2023-01-01..2023-03-31, 2023-10-01..2023-12-31"),
	BAD("5季度", 0),
	BAD("0季度", 0),
	BAD("第五季度", 3),
	BAD("三至一季度", 6),
	BAD("一季度前", 9),
	BAD("一季度前完成", 9),
	BAD("季度", 0),

	/* Whole months: ASCII, full-width and Chinese numerals; leap years. */
	OK("1月", WHEN_RANGE, "2023-01-01..2023-01-31"),
	OK("2月", WHEN_RANGE, "2023-02-01..2023-02-28"),
	OKY("2月", 2024, WHEN_RANGE, "2024-02-01..2024-02-29", 0),
	OKY("2月", 2000, WHEN_RANGE, "2000-02-01..2000-02-29", 0),
	OKY("2月", 2100, WHEN_RANGE, "2100-02-01..2100-02-28", 0),
	OK("１２月", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("９月", WHEN_RANGE, "2023-09-01..2023-09-30"),
	OK("1２月", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("一月", WHEN_RANGE, "2023-01-01..2023-01-31"),
	OK("九月", WHEN_RANGE, "2023-09-01..2023-09-30"),
	OK("十月", WHEN_RANGE, "2023-10-01..2023-10-31"),
	OK("十一月", WHEN_RANGE, "2023-11-01..2023-11-30"),
	OK("十二月", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("8月份", WHEN_RANGE, "2023-08-01..2023-08-31"),
	BAD("0月", 0),
	BAD("00月", 0),
	BAD("13月", 0),
	BAD("１３月", 0),
	BAD("十三月", 0),
	BAD("十十月", 0),
	BAD("一二月", 0),
	BAD("〇月", 0),
	BAD("99999999999999999999月", 0),
	BAD("第3月", 4),
	BAD("月", 0),
	BAD("8", 1),
	BAD("8 ", 2),

	/* Month ranges, with every dash. */
	OK("4–8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4—8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4——8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4―8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4－8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4～8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4~8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4〜8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4至8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4到8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4月-8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4月—8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4月至8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("4月到8月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("四至八月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("四月至八月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("４－８月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("1-2月", WHEN_RANGE, "2023-01-01..2023-02-28"),
	OKY("1-2月", 2024, WHEN_RANGE, "2024-01-01..2024-02-29", 0),
	OK("7-7月", WHEN_RANGE, "2023-07-01..2023-07-31"),
	OK("4-8月底", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("9月中旬至10月", WHEN_RANGE, "2023-09-11..2023-10-31"),
	OK("7月1日-15日", WHEN_RANGE, "2023-07-01..2023-07-15"),
	OK("7月1日至8月15日", WHEN_RANGE, "2023-07-01..2023-08-15"),
	BAD("8-4月", 2),
	BAD("8月-4月", 5),
	BAD("12月-1月", 6),
	BAD("4-13月", 2),
	BAD("0-3月", 0),
	BAD("4-8", 3),
	BAD("4-", 2),
	BAD("-8月", 0),
	BAD("3-年底", 2),
	BAD("4-8月前", 6),
	BAD("7月15日-1日", 10),

	/* Lists: each separator, ranges in lists, numbers sharing one 月. */
	OK("4月，5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("4月,5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("4月和5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("4月及5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("4月与5月", WHEN_POINTS, "2023-04-01..2023-04-30, 2023-05-01..2023-05-31"),
	OK("3-4月、7月", WHEN_POINTS, "2023-03-01..2023-04-30, 2023-07-01..2023-07-31"),
	OK("10月、7月", WHEN_POINTS, "2023-10-01..2023-10-31, 2023-07-01..2023-07-31"),
	OK("7、10月", WHEN_POINTS, "2023-07-01..2023-07-31, 2023-10-01..2023-10-31"),
	OK("3、5、7月", WHEN_POINTS, "2023-03-01..2023-03-31, 2023-05-01..2023-05-31, 2023-07-01..2023-07-31"),
	OK("上半年、11月", WHEN_POINTS, "2023-01-01..2023-06-30, 2023-11-01..2023-11-30"),
	OK("7月1日、15日", WHEN_POINTS, "2023-07-01..2023-07-01, 2023-07-15..2023-07-15"),
	OK(TWELVE, WHEN_POINTS,
	   "2023-01-01..2023-01-31, 2023-02-01..2023-02-28, 2023-03-01..2023-03-31, "
	   "2023-04-01..2023-04-30, 2023-05-01..2023-05-31, 2023-06-01..2023-06-30, "
	   "2023-07-01..2023-07-31, 2023-08-01..2023-08-31, 2023-09-01..2023-09-30, "
	   "2023-10-01..2023-10-31, 2023-11-01..2023-11-30, 2023-12-01..2023-12-31"),
	BAD(TWELVE "、1月", sizeof(TWELVE "、") - 1),
	BAD(TWELVE_BARE "、1月", sizeof(TWELVE_BARE "、") - 1),
	BAD("7、10月底", 4),
	BAD("13、1月", 0),
	BAD("第3、4月", 0),
	BAD("7月、", 7),
	BAD("、7月", 0),
	BAD("7月10月", 6),
	BAD("7月、11月前", 12),
	BAD("7、11月前", 9),
	BAD("7月前、10月", 7),
	BAD("年内、7月", 6),
	BAD("7月、年内", 7),
	BAD("7月；10月", 4),

	/* Deadlines. */
	OKY("1月前", 2023, WHEN_DEADLINE, "2022-01-01..2022-12-31", 1),
	OK("3月前", WHEN_DEADLINE, "2023-01-01..2023-02-28"),
	OKY("3月前", 2024, WHEN_DEADLINE, "2024-01-01..2024-02-29", 0),
	OK("12月前", WHEN_DEADLINE, "2023-01-01..2023-11-30"),
	OK("十月前", WHEN_DEADLINE, "2023-01-01..2023-09-30"),
	OKY("2月底前", 2024, WHEN_DEADLINE, "2024-01-01..2024-02-29", 0),
	OK("2月底前", WHEN_DEADLINE, "2023-01-01..2023-02-28"),
	OK("6月末前", WHEN_DEADLINE, "2023-01-01..2023-06-30"),
	OK("6月15日前", WHEN_DEADLINE, "2023-01-01..2023-06-15"),
	OK("6月15号前", WHEN_DEADLINE, "2023-01-01..2023-06-15"),
	OK("9月中旬前", WHEN_DEADLINE, "2023-01-01..2023-09-20"),
	OK("9月上旬前", WHEN_DEADLINE, "2023-01-01..2023-09-10"),
	OK("9月下旬前", WHEN_DEADLINE, "2023-01-01..2023-09-30"),
	BAD("9月初前", 7),
	BAD("9月中前", 7),
	BAD("前", 0),
	BAD("11月前前", 8),
	BAD("11月前后", 8),

	/* Parts of a month, and days. */
	OK("9月上旬", WHEN_RANGE, "2023-09-01..2023-09-10"),
	OK("9月中", WHEN_RANGE, "2023-09-11..2023-09-20"),
	OK("9月中旬", WHEN_RANGE, "2023-09-11..2023-09-20"),
	OK("8月末", WHEN_RANGE, "2023-08-21..2023-08-31"),
	OK("8月下旬", WHEN_RANGE, "2023-08-21..2023-08-31"),
	OK("2月下旬", WHEN_RANGE, "2023-02-21..2023-02-28"),
	OKY("2月底", 2024, WHEN_RANGE, "2024-02-21..2024-02-29", 0),
	OK("2月末", WHEN_RANGE, "2023-02-21..2023-02-28"),
	OK("4月底", WHEN_RANGE, "2023-04-21..2023-04-30"),
	OK("7月3日", WHEN_RANGE, "2023-07-03..2023-07-03"),
	OK("7月3号", WHEN_RANGE, "2023-07-03..2023-07-03"),
	OK("十二月三十一日", WHEN_RANGE, "2023-12-31..2023-12-31"),
	OK("１２月３１日", WHEN_RANGE, "2023-12-31..2023-12-31"),
	OKY("2月29日", 2024, WHEN_RANGE, "2024-02-29..2024-02-29", 0),
	BAD("2月29日", 4),
	BADY("2月30日", 2024, 4),
	BAD("4月31日", 4),
	BAD("7月0日", 4),
	BAD("7月3", 5),
	BAD("7月3天", 5),
	BAD("15日", 2),
	BAD("9月中下旬", 7),
	BAD("9月底旬", 7),

	/* An explicit year. */
	OKY("2024年11月30日前", 2023, WHEN_DEADLINE, "2023-01-01..2024-11-30", 1),
	OKY("2024年3月", 2024, WHEN_RANGE, "2024-03-01..2024-03-31", 0),
	OKY("2024年3月", 2023, WHEN_RANGE, "2024-03-01..2024-03-31", 1),
	OKY("2024年2月底", 2024, WHEN_RANGE, "2024-02-21..2024-02-29", 0),
	OKY("2024年底前", 2024, WHEN_DEADLINE, "2024-01-01..2024-12-31", 0),
	OKY("2024年底前", 2023, WHEN_DEADLINE, "2023-01-01..2024-12-31", 1),
	OKY("2024年末前", 2024, WHEN_DEADLINE, "2024-01-01..2024-12-31", 0),
	OKY("2024年内", 2024, WHEN_DEADLINE, "2024-01-01..2024-12-31", 0),
	OKY("2024年底", 2024, WHEN_RANGE, "2024-12-01..2024-12-31", 0),
	OKY("2024年3月底前", 2024, WHEN_DEADLINE, "2024-01-01..2024-03-31", 0),
	OKY("2024年1月前", 2024, WHEN_DEADLINE, "2023-01-01..2023-12-31", 1),
	OKY("2022年12月底前", 2023, WHEN_DEADLINE, "2022-01-01..2022-12-31", 1),
	OKY("2024年", 2024, WHEN_RANGE, "2024-01-01..2024-12-31", 0),
	OKY("2024年全年", 2024, WHEN_RANGE, "2024-01-01..2024-12-31", 0),
	OKY("2024年上半年", 2024, WHEN_RANGE, "2024-01-01..2024-06-30", 0),
	OKY("2024年下半年", 2023, WHEN_RANGE, "2024-07-01..2024-12-31", 1),
	OKY("2024年第三季度", 2024, WHEN_RANGE, "2024-07-01..2024-09-30", 0),
	OKY("2024年一季度", 2023, WHEN_RANGE, "2024-01-01..2024-03-31", 1),
	OKY("二〇二四年三月", 2024, WHEN_RANGE, "2024-03-01..2024-03-31", 0),
	OKY("２０２４年３月", 2024, WHEN_RANGE, "2024-03-01..2024-03-31", 0),
	OKY("2024年3、4月", 2023, WHEN_POINTS, "2024-03-01..2024-03-31, 2024-04-01..2024-04-30", 1),
	OKY("2023年12月-2024年2月", 2023, WHEN_RANGE, "2023-12-01..2024-02-29", 1),
	OKY("2023年11月30日前", 2023, WHEN_DEADLINE, "2023-01-01..2023-11-30", 0),
	BADY("2024年2月30日", 2024, 11),
	BADY("2023年2月29日前", 2023, 11),
	BAD("123年3月", 0),
	BAD("23年3月", 0),
	BAD("2024年前", 7),
	BAD("2024年第3月", 11),
	BAD("2024年第", 10),
	BAD("2024年3", 8),

	/* A trailing verb. */
	OK("11月底前完成", WHEN_DEADLINE, "2023-01-01..2023-11-30"),
	OK("年底前完成", WHEN_DEADLINE, "2023-01-01..2023-12-31"),
	OK("下半年开展", WHEN_RANGE, "2023-07-01..2023-12-31"),
	OK("全年实施", WHEN_RANGE, "2023-01-01..2023-12-31"),
	OK("10月举办", WHEN_RANGE, "2023-10-01..2023-10-31"),
	OK("三季度推进", WHEN_RANGE, "2023-07-01..2023-09-30"),
	OK("7月、10月进行", WHEN_POINTS, "2023-07-01..2023-07-31, 2023-10-01..2023-10-31"),
	OK("6月15日前完成", WHEN_DEADLINE, "2023-01-01..2023-06-15"),
	OK("9月初完成", WHEN_RANGE, "2023-09-01..2023-09-10"),
	BAD("完成", 0),
	BAD("8月完成完成", 10),
	/* A leading 于, as in 上述年度工作任务于2024年11月30日前完成. */
	OK("于11月30日前完成", WHEN_DEADLINE, "2023-01-01..2023-11-30"),
	OK("于 8月底前", WHEN_DEADLINE, "2023-01-01..2023-08-31"),
	BAD("于", 3),
	BAD("于于8月", 3),
	BAD("8月完", 4),
	BAD("8月开会", 4),

	/* Timing decided elsewhere: no date, and nothing to warn about. */
	NONE("根据工作需要"),
	NONE("  根据上级要求开展"),
	NONE("待定"),
	NONE("时间待定"),
	NONE("8月（待定）"),
	NONE("另行通知"),
	NONE("适时开展"),
	NONE("视情安排"),
	NONE("待 定"),

	/* Spaces anywhere. */
	OK(" 8月 ", WHEN_RANGE, "2023-08-01..2023-08-31"),
	OK("7 月 、 10 月", WHEN_POINTS, "2023-07-01..2023-07-31, 2023-10-01..2023-10-31"),
	OK("　下半年　", WHEN_RANGE, "2023-07-01..2023-12-31"),
	OK("下 半 年", WHEN_RANGE, "2023-07-01..2023-12-31"),
	OK("4 - 8 月", WHEN_RANGE, "2023-04-01..2023-08-31"),
	OK("1 2月", WHEN_RANGE, "2023-12-01..2023-12-31"),
	OK("11月　底　前", WHEN_DEADLINE, "2023-01-01..2023-11-30"),
	OK("\u00a09月初", WHEN_RANGE, "2023-09-01..2023-09-10"),
	BAD(" 尽快", 1),

	/* Text that is not a planned time. */
	BAD("尽快", 0),
	BAD("Q3", 0),
	BAD("3Q", 1),
	BAD("8月。", 4),
	BAD("八月份左右", 9),
	BAD("长期", 0),
	BAD("每月", 0),
	BAD("上旬", 0),
	BAD("\xff" "8月", 0),
	BAD("8\xe6\x9c", 1),
	BAD("8月\x80", 4),
	BAD("\xc0\xaf", 0),
	BAD("\xed\xa0\x80", 0),
	BAD("8月\xe3\x80", 4),
};

static const char *kind_name(enum when_kind k)
{
	switch (k) {
	case WHEN_BLANK: return "BLANK";
	case WHEN_RANGE: return "RANGE";
	case WHEN_POINTS: return "POINTS";
	case WHEN_DEADLINE: return "DEADLINE";
	case WHEN_UNSCHEDULED: return "UNSCHEDULED";
	}
	return "?";
}

/* One line with everything a row checks, so that a failure shows it all. */
static void show(struct buf *b, const struct row *r, enum when_kind kind,
		 const char *spans, int ret, size_t err_off, int other)
{
	buf_printf(b, "\"%s\" %d → %s [%s] ret=%d", r->text, r->year,
		   kind_name(kind), spans, ret);
	if (ret)
		buf_printf(b, " err@%zu", err_off);
	if (other)
		buf_puts(b, " other_year");
}

static int spans_ok(const struct when *w)
{
	for (int k = 0; k < w->nspans; k++)
		if (w->spans[k].start > w->spans[k].end)
			return 0;
	return 1;
}

static void test_table(void)
{
	struct buf got = BUF_INIT, want = BUF_INIT, spans = BUF_INIT;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		size_t n = strlen(r->text);
		char *copy = xmalloc(n ? n : 1); /* no NUL: a read past n is caught */
		struct when w;

		memcpy(copy, r->text, n);
		int ret = when_parse(&w, copy, n, r->year);
		free(copy);

		buf_clear(&spans);
		for (int k = 0; k < w.nspans; k++) {
			if (k)
				buf_puts(&spans, ", ");
			date_put_iso(&spans, w.spans[k].start);
			buf_puts(&spans, "..");
			date_put_iso(&spans, w.spans[k].end);
		}
		buf_clear(&got);
		buf_clear(&want);
		show(&got, r, w.kind, spans.ptr, ret, w.err_off, w.other_year);
		show(&want, r, r->kind, r->spans, r->ret, r->err_off, r->other_year);
		T_STR(got.ptr, want.ptr);
		T_INT(w.unreadable, r->ret != 0);
		T_OK(spans_ok(&w));
	}
	buf_free(&got);
	buf_free(&want);
	buf_free(&spans);
}

static int check(const struct when *w, int ret, size_t n)
{
	int want_spans = w->kind == WHEN_RANGE || w->kind == WHEN_DEADLINE ? 1 : 0;

	if (ret != 0 && ret != -1)
		return 0;
	if (ret == -1 && (!w->unreadable || w->kind != WHEN_UNSCHEDULED || w->err_off > n))
		return 0;
	if (ret == 0 && w->unreadable)
		return 0;
	if (w->kind == WHEN_POINTS)
		return w->nspans >= 2 && w->nspans <= WHEN_MAX_SPANS && spans_ok(w);
	return w->nspans == want_spans && spans_ok(w);
}

/* Every prefix of every row, cut at any byte (so often inside a character):
 * the reader must stay within n and keep its promises. */
static void test_prefixes(void)
{
	int bad = 0;

	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		size_t n = strlen(rows[i].text);
		for (size_t k = 0; k <= n; k++) {
			char *copy = xmalloc(k ? k : 1);
			struct when w;
			memcpy(copy, rows[i].text, k);
			int ret = when_parse(&w, copy, k, rows[i].year);
			if (!check(&w, ret, k)) {
				printf("prefix %zu of \"%s\": broken result\n", k, rows[i].text);
				bad++;
			}
			free(copy);
		}
	}
	T_INT(bad, 0);
}

/* Random text from the pieces planned times are made of, and random bytes. */
static void test_random(void)
{
	static const char *const pieces[] = {
		"1", "2", "9", "10", "12", "13", "0", "２", "一", "十", "二", "〇",
		"月", "日", "号", "年", "季度", "第", "前", "底", "末", "初", "中",
		"旬", "上", "下", "半", "全", "内", "-", "—", "至", "、", "，", "和",
		" ", "　", "完成", "根据", "待定", "2024", "\xe6", "\x80", "\xff", "Q",
	};
	unsigned long seed = 12345;
	int bad = 0;

	for (int iter = 0; iter < 200000; iter++) {
		char text[64];
		size_t n = 0;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		int count = (int)(seed >> 59) % 8;
		for (int p = 0; p < count; p++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			const char *s = pieces[(seed >> 33) % (sizeof pieces / sizeof pieces[0])];
			size_t len = strlen(s);
			if (n + len > sizeof text)
				break;
			memcpy(text + n, s, len);
			n += len;
		}
		char *copy = xmalloc(n ? n : 1);
		memcpy(copy, text, n);
		struct when w;
		int ret = when_parse(&w, copy, n, 2023 + (int)(seed >> 62));
		if (!check(&w, ret, n)) {
			printf("random text \"%.*s\": broken result\n", (int)n, text);
			bad++;
		}
		free(copy);
	}
	T_INT(bad, 0);
}

static const char *describe(const char *text, int year)
{
	static struct buf b = BUF_INIT;
	struct when w;

	buf_clear(&b);
	when_parse(&w, text, strlen(text), year);
	when_describe(&b, &w);
	return b.ptr;
}

static void test_describe(void)
{
	T_STR(describe("", 2023), "未注明");
	T_STR(describe("根据两地对口协作计划确定", 2023), "未排期");
	T_STR(describe("尽快", 2023), "未排期");
	T_STR(describe("下半年", 2023), "7月1日—12月31日");
	T_STR(describe("9月初", 2023), "9月1日—9月10日");
	T_STR(describe("2月底", 2024), "2月21日—2月29日");
	T_STR(describe("7月3日", 2023), "7月3日");
	T_STR(describe("7月、10月", 2023), "7月1日—7月31日；10月1日—10月31日");
	T_STR(describe("7月1日、15日", 2023), "7月1日；7月15日");
	T_STR(describe("11月前", 2023), "10月31日前");
	T_STR(describe("12月底前", 2023), "12月31日前");
	T_STR(describe("2024年11月30日前", 2024), "11月30日前");
	T_STR(describe("2024年11月30日前", 2023), "2024年11月30日前");
	T_STR(describe("1月前", 2023), "2022年12月31日前");
	T_STR(describe("2024年3月", 2023), "2024年3月1日—2024年3月31日");
	T_STR(describe("2023年12月-2024年2月", 2023), "2023年12月1日—2024年2月29日");

	/* Appends, does not replace. */
	struct buf b = BUF_INIT;
	struct when w;
	buf_puts(&b, "计划：");
	when_parse(&w, "8月", strlen("8月"), 2023);
	when_describe(&b, &w);
	T_STR(b.ptr, "计划：8月1日—8月31日");
	buf_free(&b);
}

static void test_first_last(void)
{
	struct when w;

	when_parse(&w, "10月、7月", strlen("10月、7月"), 2023);
	T_INT(when_first(&w), date_from_ymd(2023, 7, 1));
	T_INT(when_last(&w), date_from_ymd(2023, 10, 31));
	when_parse(&w, "下半年", strlen("下半年"), 2023);
	T_INT(when_first(&w), date_from_ymd(2023, 7, 1));
	T_INT(when_last(&w), date_from_ymd(2023, 12, 31));
	when_parse(&w, "11月前", strlen("11月前"), 2023);
	T_INT(when_first(&w), date_from_ymd(2023, 1, 1));
	T_INT(when_last(&w), date_from_ymd(2023, 10, 31));
	when_parse(&w, "", 0, 2023);
	T_INT(when_first(&w), 0);
	T_INT(when_last(&w), 0);
	when_parse(&w, "根据上级要求开展", strlen("根据上级要求开展"), 2023);
	T_INT(when_first(&w), 0);
	T_INT(when_last(&w), 0);
}

static void test_bounds(void)
{
	struct when w;

	/* Only n bytes are read, whatever follows them. */
	T_INT(when_parse(&w, "12月", 1, 2023), -1);
	T_INT(w.err_off, 1);
	T_INT(when_parse(&w, "8月", 2, 2023), -1);
	T_INT(w.err_off, 1);
	T_INT(when_parse(&w, "8月前", strlen("8月"), 2023), 0);
	T_INT(w.kind, WHEN_RANGE);
	T_INT(when_parse(&w, NULL, 0, 2023), 0);
	T_INT(w.kind, WHEN_BLANK);

	/* A failure leaves nothing of an earlier reading behind. */
	when_parse(&w, "2024年3月、4月", strlen("2024年3月、4月"), 2023);
	T_INT(w.nspans, 2);
	T_INT(w.other_year, 1);
	T_INT(when_parse(&w, "2024年3月、尽快", strlen("2024年3月、尽快"), 2023), -1);
	T_INT(w.nspans, 0);
	T_INT(w.other_year, 0);
	T_INT(w.err_off, strlen("2024年3月、"));
}

int main(void)
{
	test_table();
	test_prefixes();
	test_random();
	test_describe();
	test_first_last();
	test_bounds();
	return t_done("when");
}
