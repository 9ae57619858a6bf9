/* The format checks of a government website's identity (identity.c):
 * 网站标识码, ICP备案编号, 公安机关备案号, 电子邮箱 — what they accept, and
 * the exact message for what they do not. */
#include "buf.h"
#include "identity.h"
#include "test.h"

static struct buf msg = BUF_INIT, hint = BUF_INIT;

static void reset(void)
{
	buf_clear(&msg);
	buf_clear(&hint);
}

static int site_code(const char *s)
{
	reset();
	return identity_check_site_code(s, &msg, &hint);
}

static int icp(const char *s)
{
	reset();
	return identity_check_icp(s, &msg, &hint);
}

static char code[15];

static int police(const char *s)
{
	reset();
	return identity_check_police(s, code, &msg, &hint);
}

static int email(const char *s)
{
	reset();
	return identity_check_email(s, &msg, &hint);
}

static void test_site_code(void)
{
	T_INT(site_code("3206820001"), 0);
	T_INT(site_code("bm01000001"), 0); /* 国务院部门 */
	T_INT(site_code("BM0100000A"), 0);
	T_STR(msg.ptr, "");
	T_INT(site_code("320682000"), -1);
	T_STR(msg.ptr, "网站标识码 \"320682000\" 有 9 位，应为 10 位");
	T_INT(site_code("32068200011"), -1);
	T_STR(msg.ptr, "网站标识码 \"32068200011\" 有 11 位，应为 10 位");
	T_INT(site_code("320682000１"), -1);
	T_STR(msg.ptr, "网站标识码 \"320682000１\" 中有全角字符 \"１\"");
	T_STR(hint.ptr, "改用半角数字和字母，例如 3206820001");
	T_INT(site_code("3206 820001"), -1);
	T_STR(msg.ptr, "网站标识码 \"3206 820001\" 中有空格");
	T_INT(site_code("3206-82000"), -1);
	T_STR(msg.ptr, "网站标识码 \"3206-82000\" 中有 \"-\"，只能是数字和字母");
	T_INT(site_code("标识码3206820001"), -1);
	T_STR(msg.ptr, "网站标识码 \"标识码3206820001\" 中有 \"标\"，只能是数字和字母");
}

static void test_icp(void)
{
	T_INT(icp("苏ICP备12345678号"), 0);
	T_INT(icp("苏ICP备12345678号-1"), 0);
	T_INT(icp("京ICP备05070218号-12"), 0);
	T_INT(icp("粤ICP备2022123456号"), 0);
	T_INT(icp("蜀ICP备00000001号"), 0);
	T_INT(icp("黔ICP备00000001号"), 0);
	T_INT(icp("滇ICP备00000001号"), 0);
	T_INT(icp("陇ICP备00000001号"), 0);
	T_INT(icp("ICP备12345678号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"ICP备12345678号\" 应以省级行政区的简称开头（如 苏、京、粤），这里是 \"I\"");
	T_INT(icp("港ICP备12345678号"), -1);
	T_INT(icp("苏icp备12345678号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏icp备12345678号\" 中的 \"ICP\" 要大写");
	T_INT(icp("苏ICP证B2-20080001号"), -1);
	T_STR(msg.ptr, "\"苏ICP证B2-20080001号\" 是 ICP 经营许可证编号，不是 ICP 备案编号");
	T_INT(icp("苏ＩＣＰ备12345678号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ＩＣＰ备12345678号\" 中有全角字符 \"Ｉ\"");
	T_INT(icp("苏ICP备 12345678号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ICP备 12345678号\" 中有多余的空格");
	T_INT(icp("苏ICP备号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ICP备号\" 的 \"ICP备\" 后面应是备案号数字");
	T_INT(icp("苏ICP备12345678"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ICP备12345678\" 缺少数字后面的 \"号\"");
	T_STR(hint.ptr, "写成 苏ICP备12345678号");
	T_INT(icp("苏ICP备12345678-1"), -1);
	T_STR(hint.ptr, "写成 苏ICP备12345678号-1");
	T_INT(icp("苏ICP备12345678号-"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ICP备12345678号-\" 的 \"号\" 后面只能是网站序号，如 -1");
	T_INT(icp("苏ICP备12345678号-1234"), -1);
	T_INT(icp("苏ICP备12345678号1"), -1);
	T_INT(icp("苏ICP备1234567890123号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏ICP备1234567890123号\" 的备案号数字太长");
	T_INT(icp("苏公网安备32068202000123号"), -1);
	T_STR(msg.ptr, "ICP备案编号 \"苏公网安备32068202000123号\" 的格式不对：省份简称后面应是 \"ICP备\"");
}

static void test_police(void)
{
	/* Every province-level division, under each abbreviation in use, with
	 * the first two digits of its division code. */
	static const struct {
		const char *abbr, *code;
	} all[] = {
		{ "京", "11" }, { "津", "12" }, { "冀", "13" }, { "晋", "14" }, { "蒙", "15" },
		{ "辽", "21" }, { "吉", "22" }, { "黑", "23" }, { "沪", "31" }, { "苏", "32" },
		{ "浙", "33" }, { "皖", "34" }, { "闽", "35" }, { "赣", "36" }, { "鲁", "37" },
		{ "豫", "41" }, { "鄂", "42" }, { "湘", "43" }, { "粤", "44" }, { "桂", "45" },
		{ "琼", "46" }, { "渝", "50" }, { "川", "51" }, { "蜀", "51" }, { "贵", "52" },
		{ "黔", "52" }, { "云", "53" }, { "滇", "53" }, { "藏", "54" }, { "陕", "61" },
		{ "秦", "61" }, { "甘", "62" }, { "陇", "62" }, { "青", "63" }, { "宁", "64" },
		{ "新", "65" },
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		char s[64], want[15];
		snprintf(s, sizeof(s), "%s公网安备%s000000000001号", all[i].abbr, all[i].code);
		snprintf(want, sizeof(want), "%s000000000001", all[i].code);
		T_INT(police(s), 0);
		T_STR(code, want);
		snprintf(s, sizeof(s), "%sICP备00000001号", all[i].abbr);
		T_INT(icp(s), 0);
	}
	T_INT(police("苏公网安备 32068202000123号"), 0); /* as the registry's own snippet writes it */
	T_STR(code, "32068202000123");
	T_INT(police("苏公网安备  32068202000123号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备  32068202000123号\" 中有多余的空格");
	T_INT(police("苏 公网安备32068202000123号"), -1);
	T_INT(police("京公网安备32068202000123号"), 1);
	T_STR(msg.ptr, "公安机关备案号 \"京公网安备32068202000123号\" 的简称 \"京\" 是北京市，编号开头的 \"32\" 却是江苏省");
	T_STR(hint.ptr, "核对备案号：编号的前 6 位是备案地的行政区划代码（北京市 以 11 开头）");
	T_STR(code, "32068202000123");
	T_INT(police("苏公网安备00000000000000号"), 1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备00000000000000号\" 的简称 \"苏\" 是江苏省，编号开头的 \"00\" 却不是任何省级行政区的代码");
	T_INT(police("苏公网安备3206820200012号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备3206820200012号\" 有 13 位数字，应为 14 位");
	T_STR(code, "");
	T_INT(police("苏公网安备320682020001234号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备320682020001234号\" 有 15 位数字，应为 14 位");
	T_INT(police("苏公网安备32068202000123"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备32068202000123\" 缺少数字后面的 \"号\"");
	T_STR(hint.ptr, "写成 苏公网安备32068202000123号");
	T_INT(police("苏公网安备32068202000123号-1"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备32068202000123号-1\" 的 \"号\" 后面不应再有文字");
	T_INT(police("苏公安备32068202000123号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公安备32068202000123号\" 的格式不对：省份简称后面应是 \"公网安备\"");
	T_INT(police("公网安备32068202000123号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"公网安备32068202000123号\" 应以省级行政区的简称开头（如 苏、京、粤），这里是 \"公\"");
	T_INT(police("苏公网安备３２068202000123号"), -1);
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备３２068202000123号\" 中有全角字符 \"３\"");
	T_INT(police("苏公网安备　32068202000123号"), -1); /* ideographic space */
	T_STR(msg.ptr, "公安机关备案号 \"苏公网安备　32068202000123号\" 中有全角字符 \"　\"");
}

static void test_email(void)
{
	T_INT(email("xzb@rugao.gov.cn"), 0);
	T_INT(email("a.b_c+d@example.org"), 0);
	T_INT(email("xzb@example"), -1);
	T_STR(msg.ptr, "电子邮箱 \"xzb@example\" 的格式不对");
	T_STR(hint.ptr, "写成 name@example.gov.cn 的形式");
	T_INT(email("xzb＠example.gov.cn"), -1);
	T_STR(hint.ptr, "改用半角字符（@ 和 . 都是半角），写成 name@example.gov.cn 的形式");
	T_INT(email("@example.gov.cn"), -1);
	T_INT(email("a@@example.gov.cn"), -1);
	T_INT(email("a@b@example.gov.cn"), -1);
	T_INT(email("a@.example.cn"), -1);
	T_INT(email("a@example..cn"), -1);
	T_INT(email("a@example.cn."), -1);
	T_INT(email("a b@example.cn"), -1);
	T_INT(email("a\"><script>@example.cn"), -1);
	T_INT(email("a@exa_mple.cn"), -1);
}

int main(void)
{
	test_site_code();
	test_icp();
	test_police();
	test_email();
	buf_free(&msg);
	buf_free(&hint);
	return t_done("identity");
}
