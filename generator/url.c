#include "url.h"
#include "buf.h"
#include "text.h"
#include "utf8.h"

#include <string.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int alpha(int c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

/* Length of the scheme before ':' (0 if there is none), as the URL standard
 * reads it: a letter, then letters, digits, '+', '-', '.'. */
static size_t scheme_len(const char *s, size_t n)
{
	size_t i = 0;
	if (!n || !alpha((unsigned char)s[0]))
		return 0;
	while (i < n && (alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') ||
			 s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return i < n && s[i] == ':' ? i : 0;
}

static int is_scheme(const char *s, size_t k, const char *name)
{
	if (strlen(name) != k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lower((unsigned char)s[i]) != name[i])
			return 0;
	return 1;
}

/* A character reference: "&#", or "&name;". */
static int char_ref(const char *s, size_t n, size_t i)
{
	if (i + 1 < n && s[i + 1] == '#')
		return 1;
	size_t j = i + 1;
	while (j < n && alpha((unsigned char)s[j]))
		j++;
	return j > i + 1 && j < n && s[j] == ';';
}

const char *url_problem(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp;
		if (c <= 0x20 || c == 0x7F)
			return "地址里有空格、换行或看不见的控制字符（空格要写成 %20）";
		if (c == '\\')
			return "地址里有反斜杠“\\”（浏览器会把它当成“/”）";
		if (c == '&' && char_ref(s, n, i))
			return "地址里有 HTML 字符实体（如 &#106; 或 &colon;），会被还原成别的字符";
		size_t k = utf8_decode(s + i, n - i, &cp);
		if ((cp == 0xFFFD && k == 1 && c >= 0x80) || (c >= 0x80 && text_bad_char(cp)))
			return "地址里有看不见的控制字符，或不是 UTF-8 编码的字节";
		i += k;
	}
	size_t k = scheme_len(s, n);
	if (!k) {
		if (n >= 2 && s[0] == '/' && s[1] == '/')
			return "以“//”开头的地址指向别的网站";
		return NULL; /* relative */
	}
	if (is_scheme(s, k, "mailto"))
		return k + 1 < n ? NULL : "mailto: 后面缺少邮箱地址";
	if (!is_scheme(s, k, "http") && !is_scheme(s, k, "https"))
		return "不允许这种地址（只允许 http、https、mailto 和站内相对地址）";
	const char *p = s + k + 1, *end = s + n;
	if (end - p < 3 || p[0] != '/' || p[1] != '/' || p[2] == '/')
		return "http 和 https 地址要写成 https://网站/… 的完整形式";
	p += 2;
	const char *host_end = p;
	while (host_end < end && *host_end != '/' && *host_end != '?' && *host_end != '#')
		host_end++;
	if (memchr(p, '@', (size_t)(host_end - p)))
		return "地址在网站名前带有“@”（用户名），常被用来伪装成别的网站";
	if (host_end == p || *p == ':' || *p == '.')
		return "地址里缺少网站名";
	return NULL;
}

int url_is_web(const char *s, size_t n)
{
	size_t k = scheme_len(s, n);
	return k && (is_scheme(s, k, "http") || is_scheme(s, k, "https")) && !url_problem(s, n);
}

void url_show(struct buf *b, const char *s, size_t n)
{
	size_t shown = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (++shown > 60) {
			buf_puts(b, "…");
			return;
		}
		if ((cp == 0xFFFD && k == 1 && (unsigned char)s[i] >= 0x80) || cp < 0x20 || cp == 0x7F ||
		    text_bad_char(cp))
			for (size_t j = 0; j < k; j++)
				buf_printf(b, "\\x%02X", (unsigned char)s[i + j]);
		else
			buf_put(b, s + i, k);
		i += k;
	}
}
