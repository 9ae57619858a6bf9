/* The trust layer: URL check, text checks, escapers, hash maps and
 * indexes, containment of the folder source, leftovers of killed builds,
 * commit dates. */
#include "test.h"

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "markup.h"
#include "output.h"
#include "source.h"
#include "strmap.h"
#include "text.h"
#include "url.h"
#include "utf8.h"
#include "value.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int allowed(const char *u)
{
	return url_problem(u, strlen(u)) == NULL;
}

static void test_url(void)
{
	static const char *const good[] = {
		"https://gov.cn/", "http://x.example/a?b=1&c=2#d", "HTTPS://GOV.CN", "mailto:a@b.cn",
		"../about/", "#part", "file.pdf", "?q=1", "/abs/path", "./x:y", "中文/页面", "",
		"https://gov.cn/%20a", NULL,
	};
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
		"java\nscript:x", "\x01javascript:x", "&#106;avascript:x", "&#x6A;avascript:x",
		"javascript&colon;x", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
		"//evil.example", "/\\evil.example", "\\\\evil", "https://gov.cn@evil.example/",
		"https:evil", "http:/evil", "https:///x", "mailto:", "tel:110", "ftp://x",
		"https://", "jav\xe2\x80\xaescript:x", "a b", NULL,
	};
	for (const char *const *u = good; *u; u++)
		if (!allowed(*u)) {
			printf("FAIL refused %s\n", *u);
			T_OK(0);
		}
	for (const char *const *u = bad; *u; u++)
		if (allowed(*u)) {
			printf("FAIL allowed %s\n", *u);
			T_OK(0);
		}
	T_OK(url_is_web("https://a.example/", 18));
	T_OK(!url_is_web("/xiezuo/", 8));
	struct buf b = BUF_INIT;
	url_show(&b, "java\tscript:", 12);
	T_STR(b.ptr, "java\\x09script:");
	buf_free(&b);
}

static int prepared(const char *in, size_t n, const char *want, size_t *errors)
{
	char *s = xstrndup(in, n);
	struct diag d = DIAG_INIT;
	size_t len = n;
	int r = text_prepare(s, &len, "f", &d);
	*errors = d.errors;
	int same = want ? strlen(want) == len && memcmp(s, want, len) == 0 : 1;
	diag_free(&d);
	free(s);
	return r == 0 && same;
}

static void test_text(void)
{
	size_t e;
	T_OK(prepared("\xEF\xBB\xBF" "a: 1\r\nb: 2\rc\n", 16, "a: 1\nb: 2\nc\n", &e));
	T_OK(!prepared("a\0b", 3, NULL, &e) && e == 1);
	T_OK(!prepared("a\xC0\xAF", 3, NULL, &e) && e == 1);
	T_OK(!prepared("\xED\xA0\x80", 3, NULL, &e) && e == 1);
	T_OK(!prepared("\xE2\x80\xAE", 3, NULL, &e) && e == 1);  /* U+202E */
	T_OK(!prepared("\xE2\x80\xA8", 3, NULL, &e) && e == 1);  /* U+2028 */
	T_OK(!prepared("\xEF\xBF\xBF", 3, NULL, &e) && e == 1);  /* U+FFFF */
	T_OK(!prepared("\xC2\x85", 2, NULL, &e) && e == 1);      /* NEL */
	T_OK(!prepared("\xFF\xFEx\0", 4, NULL, &e) && e == 1);   /* UTF-16 */
	T_OK(prepared("中文\t制表\n", 14, "中文\t制表\n", &e));
	/* at most TEXT_MAX_REPORTS, then a count */
	char many[40];
	memset(many, 7, sizeof(many));
	T_OK(!prepared(many, sizeof(many), NULL, &e) && e == TEXT_MAX_REPORTS + 1);
	/* positions count characters */
	char *s = xstrdup("标题\n  中文\x07x\n");
	size_t len = strlen(s);
	struct diag d = DIAG_INIT;
	T_INT(text_prepare(s, &len, "f", &d), -1);
	T_INT(d.len, 1);
	T_INT(d.items[0].line, 2);
	T_INT(d.items[0].col, 5);
	diag_free(&d);
	free(s);
}

static void test_markup(void)
{
	struct buf b = BUF_INIT;
	markup_texts(&b, "<a href=\"x\">'&</a>\x01\x7f\xc2\x85\xef\xbf\xbe\xff中");
	T_STR(b.ptr, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&lt;/a&gt;\xEF\xBF\xBD\xEF\xBF\xBD"
		     "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD中");
	buf_free(&b);
	T_OK(!markup_allowed(0xFFFE) && !markup_allowed(0x1B) && markup_allowed('\t') && markup_allowed(0x4E2D));
}

static void test_maps(void)
{
	struct strmap m = STRMAP_INIT;
	char keys[2000][16];
	for (int i = 0; i < 2000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		strmap_set(&m, keys[i], strlen(keys[i]), (size_t)i);
	}
	T_INT(strmap_get(&m, "k1234", 5), 1234);
	T_OK(strmap_get(&m, "k2000", 5) == STRMAP_NONE);
	T_INT(strmap_add(&m, "k7", 2, 99), 7);
	strmap_free(&m);

	/* a big map gets an index; lookups find the first of equal keys */
	struct arena *a = arena_new();
	struct val *map = val_map(a);
	for (int i = 0; i < 100; i++)
		val_set(a, map, keys[i % 60], val_printf(a, "%d", i));
	T_OK(map->idx != NULL);
	T_STR(val_text(val_get(map, "k5")), "5");
	T_STR(val_text(val_get(map, "k59")), "59");
	T_OK(val_get(map, "k60") == NULL);
	arena_free(a);

	T_INT(utf8_distance_max("rugao", "rugoa", 3), 2);
	T_INT(utf8_distance_max("rugao", "yangxian", 3), 4);
	T_INT(utf8_distance_max("发改委", "发展改革委", 3), 2);
	char long1[400];
	memset(long1, 'a', sizeof(long1) - 1);
	long1[sizeof(long1) - 1] = 0;
	T_OK(utf8_distance(long1, "a") == (size_t)-1);
}

static void test_dates(void)
{
	int day;
	T_OK(date_from_unix(&day, 0) == 0 && day == date_from_ymd(1970, 1, 1));
	T_OK(date_from_unix(&day, -86400) == 0 && day == date_from_ymd(1969, 12, 31));
	T_INT(date_from_unix(&day, 99999999999LL), -1);
	T_INT(date_from_unix(&day, -4000000000LL), -1);
	T_OK(date_from_ymd(1970, 1, 1) != 0);
	T_INT(date_parse_iso(&day, "1899-12-31", 10), DATE_BAD_YEAR);
	T_INT(date_parse_iso(&day, "3000-01-01", 10), DATE_BAD_YEAR);
	T_INT(date_parse_iso(&day, "0000-01-01", 10), DATE_BAD_YEAR);
	T_INT(date_parse_iso(&day, "10000-01-01", 11), DATE_BAD_FORM);
	T_INT(date_parse_iso(&day, "2024-02-30", 10), DATE_NO_DAY);
}

static void test_containment(const char *tmp)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/root", tmp);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/outside.txt", tmp);
	FILE *f = fopen(p, "w");
	fputs("secret\n", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/root/in.txt", tmp);
	f = fopen(p, "w");
	fputs("ok\n", f);
	fclose(f);
	char cwd[4096];
	T_OK(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(p, sizeof(p), "%s/root", tmp);
	T_INT(chdir(p), 0);
	T_INT(symlink("../outside.txt", "out.txt"), 0);
	T_INT(symlink("in.txt", "link.txt"), 0);
	T_INT(mkfifo("pipe.txt", 0644), 0);

	struct source *s;
	struct diag d = DIAG_INIT;
	source_open_dir(&s, ".");
	s->d = &d;
	char *data;
	size_t len;
	T_INT(source_read(s, "link.txt", &data, &len, NULL), 0);
	T_STR(data, "ok\n");
	free(data);
	T_INT(source_read(s, "out.txt", &data, &len, NULL), -1);
	T_INT(source_read(s, "pipe.txt", &data, &len, NULL), -1); /* and does not block */
	T_INT(source_read(s, "none.txt", &data, &len, NULL), 1);
	T_INT(d.errors, 2);
	struct source_entry *e;
	size_t n;
	T_INT(source_list(s, "", &e, &n), 0);
	T_INT(n, 2); /* in.txt and link.txt; out.txt and pipe.txt are reported */
	source_entries_free(e, n);
	source_free(s);
	diag_free(&d);
	T_INT(chdir(cwd), 0);
}

static void test_leftovers(const char *tmp)
{
	char target[4096], p[4200];
	snprintf(target, sizeof(target), "%s/site", tmp);
	/* a killed build's folder (marker, no lock), and a look-alike */
	snprintf(p, sizeof(p), "%s/site.tmp-AAAAAA", tmp);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/site.tmp-AAAAAA/.gongkai-site", tmp);
	FILE *f = fopen(p, "w");
	fputs("gongkai\n", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/site.tmp-BBBBBB", tmp);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/site.tmp-BBBBBB/mine", tmp);
	f = fopen(p, "w");
	fclose(f);
	/* a build killed before its marker: an empty folder */
	snprintf(p, sizeof(p), "%s/site.tmp-CCCCCC", tmp);
	mkdir(p, 0755);
	struct out o;
	char *err = NULL;
	T_INT(out_begin(&o, target, &err), 0);
	snprintf(p, sizeof(p), "%s/site.tmp-AAAAAA", tmp);
	T_OK(access(p, F_OK) != 0);
	snprintf(p, sizeof(p), "%s/site.tmp-BBBBBB", tmp);
	T_OK(access(p, F_OK) == 0);
	snprintf(p, sizeof(p), "%s/site.tmp-CCCCCC", tmp);
	T_OK(access(p, F_OK) != 0);
	T_INT(out_commit(&o, NULL, &err), 0);
	out_close(&o);
	snprintf(p, sizeof(p), "%s/site/.gongkai-site", tmp);
	T_OK(access(p, F_OK) == 0);
	free(err);
}

int main(void)
{
	char tmp[] = "/tmp/gongkai-test-trust-XXXXXX";
	if (!mkdtemp(tmp))
		return 2;
	test_url();
	test_text();
	test_markup();
	test_maps();
	test_dates();
	test_containment(tmp);
	test_leftovers(tmp);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		return 2;
	return t_done("trust");
}
