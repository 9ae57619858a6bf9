/* Targets as plans write them: every form the format documents, in the
 * indicator's unit, and what must not be read as a target. */
#include "buf.h"
#include "target.h"
#include "test.h"

#include <math.h>

#define TX TARGET_TEXT
#define EQ TARGET_EXACT
#define GE TARGET_AT_LEAST
#define LE TARGET_AT_MOST
#define RG TARGET_RANGE

static const struct {
	const char *text, *unit;
	enum target_kind kind;
	double lo, hi;
	int strict, each, number; /* number: TARGET_TEXT that looked like a number */
} cases[] = {
	/* plain numbers, as the format always allowed */
	{ "540", "人", EQ, 540, 540, 0, 0, 0 },
	{ "8.17", "亿元", EQ, 8.17, 8.17, 0, 0, 0 },
	{ "2.00", "亿元", EQ, 2, 2, 0, 0, 0 },
	{ "0", "个", EQ, 0, 0, 0, 0, 0 },
	{ "1,100", "万元", EQ, 1100, 1100, 0, 0, 0 },
	{ "12,500", "万元", EQ, 12500, 12500, 0, 0, 0 },
	{ "1,234,567", "元", EQ, 1234567, 1234567, 0, 0, 0 },
	{ "５４０", "人", EQ, 540, 540, 0, 0, 0 },
	/* with the unit or a measure word */
	{ "540人", "人", EQ, 540, 540, 0, 0, 0 },
	{ "6人次", "人次", EQ, 6, 6, 0, 0, 0 },
	{ "3名", "人", EQ, 3, 3, 0, 0, 0 },
	{ "100%", "%", EQ, 100, 100, 0, 0, 0 },
	{ "1000亩", "亩", EQ, 1000, 1000, 0, 0, 0 },
	{ "3 个", "个", EQ, 3, 3, 0, 0, 0 },
	/* lower bounds */
	{ "不少于540人", "人", GE, 540, 540, 0, 0, 0 },
	{ "不低于2亿元", "亿元", GE, 2, 2, 0, 0, 0 },
	{ "至少1次", "次", GE, 1, 1, 0, 0, 0 },
	{ "不小于3个", "个", GE, 3, 3, 0, 0, 0 },
	{ "15人以上", "人", GE, 15, 15, 0, 0, 0 },
	{ "3所以上", "所", GE, 3, 3, 0, 0, 0 },
	{ "10名及以上", "人", GE, 10, 10, 0, 0, 0 },
	{ "全年不少于1次", "次", GE, 1, 1, 0, 0, 0 },
	{ "超过100人", "人", GE, 100, 100, 1, 0, 0 },
	{ "50余人", "人", GE, 50, 50, 1, 0, 0 },
	{ "50多家", "家", GE, 50, 50, 1, 0, 0 },
	{ "两次以上", "次", GE, 2, 2, 0, 0, 0 },
	/* upper bounds: less is better */
	{ "不超过500元", "元", LE, 0, 500, 0, 0, 0 },
	{ "5%以内", "%", LE, 0, 5, 0, 0, 0 },
	{ "控制在3%以内", "%", LE, 0, 3, 0, 0, 0 },
	{ "不高于10天", "天", LE, 0, 10, 0, 0, 0 },
	{ "30天以下", "天", LE, 0, 30, 0, 0, 0 },
	{ "低于2%", "%", LE, 0, 2, 1, 0, 0 },
	{ "最多3次", "次", LE, 0, 3, 0, 0, 0 },
	/* ranges: the lower end is the target */
	{ "2～3名", "人", RG, 2, 3, 0, 0, 0 },
	{ "2-3", "个", RG, 2, 3, 0, 0, 0 },
	{ "2至3", "个", RG, 2, 3, 0, 0, 0 },
	{ "1～2场", "场", RG, 1, 2, 0, 0, 0 },
	{ "2名～3名", "人", RG, 2, 3, 0, 0, 0 },
	{ "两到三场", "场", RG, 2, 3, 0, 0, 0 },
	{ "3至5万元", "元", RG, 30000, 50000, 0, 0, 0 },
	{ "3至5万元", "万元", RG, 3, 5, 0, 0, 0 },
	{ "1—2万人次", "万人次", RG, 1, 2, 0, 0, 0 },
	{ "力争2～3个", "个", RG, 2, 3, 0, 0, 0 },
	{ "3～3个", "个", EQ, 3, 3, 0, 0, 0 },
	/* Chinese numerals */
	{ "一次", "次", EQ, 1, 1, 0, 0, 0 },
	{ "两场", "场", EQ, 2, 2, 0, 0, 0 },
	{ "十二个", "个", EQ, 12, 12, 0, 0, 0 },
	{ "一百零五个", "个", EQ, 105, 105, 0, 0, 0 },
	{ "二十", "个", EQ, 20, 20, 0, 0, 0 },
	{ "三万五千人", "人", EQ, 35000, 35000, 0, 0, 0 },
	{ "三万人", "万人", EQ, 3, 3, 0, 0, 0 },
	/* 万 and 亿 in the number, converted to the unit */
	{ "3万", "人", EQ, 30000, 30000, 0, 0, 0 },
	{ "1.2亿", "元", EQ, 120000000, 120000000, 0, 0, 0 },
	{ "1.2亿元", "万元", EQ, 12000, 12000, 0, 0, 0 },
	{ "1100万", "万元", EQ, 1100, 1100, 0, 0, 0 },
	{ "不低于1100万", "万元", GE, 1100, 1100, 0, 0, 0 },
	{ "51万元", "万元", EQ, 51, 51, 0, 0, 0 },
	{ "500元", "万元", EQ, 0.05, 0.05, 0, 0, 0 },
	{ "5万元", "元", EQ, 50000, 50000, 0, 0, 0 },
	{ "3千万元", "万元", EQ, 3000, 3000, 0, 0, 0 },
	{ "1.5万人次", "万人次", EQ, 1.5, 1.5, 0, 0, 0 },
	{ "500千瓦", "千瓦", EQ, 500, 500, 0, 0, 0 },
	/* each part */
	{ "各5名", "人", EQ, 5, 5, 0, 1, 0 },
	{ "至少各1次", "次", GE, 1, 1, 0, 1, 0 },
	{ "分别不少于6人次", "人次", GE, 6, 6, 0, 1, 0 },
	{ "各不少于5名", "人", GE, 5, 5, 0, 1, 0 },
	{ "均不低于3个", "个", GE, 3, 3, 0, 1, 0 },
	/* neutral words */
	{ "约5万元", "万元", EQ, 5, 5, 0, 0, 0 },
	{ "3个左右", "个", EQ, 3, 3, 0, 0, 0 },
	{ "确保完成3个", "个", EQ, 3, 3, 0, 0, 0 },
	/* text: shown, never counted, no warning */
	{ "", "人", TX, 0, 0, 0, 0, 0 },
	{ "根据省定标准拨付", "万元", TX, 0, 0, 0, 0, 0 },
	{ "不低于上年", "人次", TX, 0, 0, 0, 0, 0 },
	{ "已选派", "人", TX, 0, 0, 0, 0, 0 },
	{ "市财政局、各县（市）财政局根据省定标准拨付", "万元", TX, 0, 0, 0, 0, 0 },
	{ "结对双方组织部门商定安排", "人", TX, 0, 0, 0, 0, 0 },
	/* text that looks like a number: the caller warns */
	{ "3个产业项目", "个", TX, 0, 0, 0, 0, 1 },
	{ "540人。", "人", TX, 0, 0, 0, 0, 1 },
	{ "不少于5人以内", "人", TX, 0, 0, 0, 0, 1 },
	{ "3～2个", "个", TX, 0, 0, 0, 0, 1 },
	{ "2～", "个", TX, 0, 0, 0, 0, 1 },
	{ "不少于2～3名", "人", TX, 0, 0, 0, 0, 1 },
	{ "1,10", "人", TX, 0, 0, 0, 0, 1 },
	{ "一县一园区", "个", TX, 0, 0, 0, 0, 1 },
	{ "1234567890123456", "人", TX, 0, 0, 0, 0, 0 },
	{ "5万万万万万万万万万万万万万万万万", "人", TX, 0, 0, 0, 0, 1 },
	{ "一亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿人", "人", TX, 0, 0, 0, 0, 1 },
};

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-9 * (fabs(a) + fabs(b) + 1);
}

static void test_cases(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct target t;
		int r = target_parse(&t, cases[i].text, strlen(cases[i].text), cases[i].unit);
		int ok = (r == 0) == (cases[i].kind != TX) && t.kind == cases[i].kind &&
			 near(t.lo, cases[i].lo) && near(t.hi, cases[i].hi) && t.strict == cases[i].strict &&
			 t.each == cases[i].each && t.number == cases[i].number;
		if (!ok)
			printf("FAIL target \"%s\" in %s: got kind %d lo %g hi %g strict %d each %d number %d\n",
			       cases[i].text, cases[i].unit, t.kind, t.lo, t.hi, t.strict, t.each, t.number);
		T_OK(ok);
	}
}

static void test_error_offset(void)
{
	struct target t;
	const char *s = "3个产业项目";
	target_parse(&t, s, strlen(s), "个");
	T_INT(t.err_off, strlen("3个"));
	s = "540人。";
	target_parse(&t, s, strlen(s), "人");
	T_INT(t.err_off, strlen("540人"));
	T_INT(t.backwards, 0);
	s = "3～2个";
	target_parse(&t, s, strlen(s), "个");
	T_INT(t.backwards, 1);
	T_INT(t.err_off, strlen("3～"));
	s = "不少于5人以内";
	target_parse(&t, s, strlen(s), "人");
	T_INT(t.err_off, strlen(s)); /* the whole text read, and it does not hold */
}

static void test_chinese(void)
{
	static const struct {
		const char *s;
		double v;
		size_t taken;
	} c[] = {
		{ "十", 10, 3 }, { "十二", 12, 6 }, { "二十", 20, 6 }, { "一百零五", 105, 12 },
		{ "两千", 2000, 6 }, { "三万五千", 35000, 12 }, { "一亿二千万", 120000000, 15 },
		{ "一万亿", 1e12, 9 }, { "一次", 1, 3 }, { "一二", 1, 3 }, { "万", 0, 0 }, { "百", 0, 0 },
		{ "〇", 0, 3 },
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		double v = 0;
		size_t got = chinese_number(c[i].s, strlen(c[i].s), &v);
		T_INT(got, c[i].taken);
		if (c[i].taken)
			T_OK(near(v, c[i].v));
	}
}

static void test_magnitude(void)
{
	T_OK(unit_magnitude("万元") == 1e4);
	T_OK(unit_magnitude("亿元") == 1e8);
	T_OK(unit_magnitude("十万元") == 1e5);
	T_OK(unit_magnitude("人") == 1);
	T_OK(unit_magnitude("万") == 1);
	T_OK(unit_magnitude(NULL) == 1);
}

static void describe(const char *text, const char *unit, const char *want)
{
	struct target t;
	struct buf b = BUF_INIT;
	target_parse(&t, text, strlen(text), unit);
	target_describe(&b, &t, unit);
	T_STR(b.ptr ? b.ptr : "", want);
	buf_free(&b);
}

static void test_describe(void)
{
	describe("不少于540人", "人", "≥540人");
	describe("超过100人", "人", "＞100人");
	describe("不超过500元", "元", "≤500元");
	describe("2～3名", "人", "2～3人（达到2即完成目标，3为争取目标）");
	describe("分别不少于6人次", "人次", "每项≥6人次");
	describe("1.2亿元", "万元", "12000万元");
	describe("根据省定标准拨付", "万元", "");
}

int main(void)
{
	test_cases();
	test_error_offset();
	test_chinese();
	test_magnitude();
	test_describe();
	return t_done("target");
}
