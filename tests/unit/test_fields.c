/* Small parsers and helpers: numbers, ids, UTF-8. */
#include "buf.h"
#include "fields.h"
#include "utf8.h"
#include "test.h"

static const char *num(double v)
{
	static struct buf b = BUF_INIT;
	buf_clear(&b);
	number_put(&b, v);
	return b.ptr;
}

static void test_numbers(void)
{
	double v;
	T_INT(number_parse("540", &v), 0);
	T_OK(v == 540);
	T_INT(number_parse("8.17", &v), 0);
	T_OK(v == 8.17); /* the double nearest 8.17, exactly as the C library reads it */
	T_INT(number_parse("2.00", &v), 0);
	T_OK(v == 2);
	T_INT(number_parse("-5", &v), 0);
	T_OK(v == -5);
	T_INT(number_parse("0.01", &v), 0);
	T_OK(v == 0.01);
	T_INT(number_parse("", &v), -1);
	T_INT(number_parse("1.", &v), -1);
	T_INT(number_parse(".5", &v), -1);
	T_INT(number_parse("1,100", &v), -1);
	T_INT(number_parse("５４０", &v), -1); /* full-width digits are text */
	T_INT(number_parse("540人", &v), -1);
	T_INT(number_parse("1e3", &v), -1);
	T_INT(number_parse("1234567890123456", &v), -1); /* beyond exact doubles */
	T_STR(num(540), "540");
	T_STR(num(8.17), "8.17");
	T_STR(num(0.01 + 2 + 0.31), "2.32");
	T_STR(num(12650), "12650");
	T_STR(num(-0.0), "0");
	T_STR(num(1.0 / 3), "0.333333");
}

static void test_ids(void)
{
	T_INT(id_valid("2-1"), 1);
	T_INT(id_valid("rugao-fgw"), 1);
	T_INT(id_valid("employment.poor_2"), 1);
	T_INT(id_valid("12"), 1);
	T_INT(id_valid(""), 0);
	T_INT(id_valid("-x"), 0);
	T_INT(id_valid("Rugao"), 0);
	T_INT(id_valid("2 1"), 0);
	T_INT(id_valid("发改委"), 0);
	T_INT(id_valid("a/b"), 0);
	T_INT(id_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 1);
	T_INT(id_valid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
}

static void test_utf8(void)
{
	unsigned cp;
	T_INT(utf8_decode("中", 3, &cp), 3);
	T_INT(cp, 0x4E2D);
	T_INT(utf8_decode("\xE4\xB8", 2, &cp), 1); /* truncated */
	T_INT(cp, 0xFFFD);
	T_INT(utf8_decode("\xC0\xAF", 2, &cp), 1); /* overlong */
	T_INT(cp, 0xFFFD);
	T_INT(utf8_decode("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
	T_INT(utf8_valid("如皋ab", strlen("如皋ab")), 1);
	T_INT(utf8_valid("\xFF", 1), 0);
	T_INT(utf8_count("如皋市ab", strlen("如皋市ab")), 5);
	T_INT(utf8_last("如皋市", strlen("如皋市")), 0x5E02);
	T_INT(utf8_last("", 0), 0);
	T_INT(utf8_is_cjk(0x4E2D), 1);
	T_INT(utf8_is_cjk(0xFF0C), 1); /* ， */
	T_INT(utf8_is_cjk(0x3001), 1); /* 、 */
	T_INT(utf8_is_cjk(0x201C), 1); /* “ */
	T_INT(utf8_is_cjk('a'), 0);
	T_INT(utf8_distance("发改委", "发该委"), 1);
	T_INT(utf8_distance("发改委", "发改委"), 0);
	T_INT(utf8_distance("人社局", "人力资源和社会保障局"), 7);
	T_INT(utf8_distance("", "abc"), 3);
}

int main(void)
{
	test_numbers();
	test_ids();
	test_utf8();
	return t_done("fields");
}
