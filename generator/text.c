#include "text.h"
#include "buf.h"
#include "diag.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

const char *text_bad_char(unsigned cp)
{
	if (cp == 0)
		return "空字符 NUL";
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return NULL; /* a CR can only come from an escape: files' line ends are LF by now */
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return "看不见的控制字符";
	if (cp == 0x2028 || cp == 0x2029)
		return "Unicode 行分隔符";
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return "改变文字显示方向的控制字符";
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return "Unicode 非字符";
	return NULL;
}

const char *text_bad_hint(unsigned cp)
{
	if (cp == 0)
		return "删掉它；如果文件里到处都是，文件可能不是文本，或不是 UTF-8 编码";
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return "删掉它：它让网页上显示的文字顺序与实际内容不同";
	if (cp == 0x2028 || cp == 0x2029)
		return "删掉它；需要换行就直接换行";
	return "删掉它（常见于从其他软件复制来的文字）";
}

size_t text_find_bad(const char *s, size_t n, unsigned *cp)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		unsigned u;
		size_t k = 1;
		if (c < 0x80) {
			u = c;
		} else {
			k = utf8_decode(s + i, n - i, &u);
		}
		if ((c < 0x20 || c >= 0x7F) && text_bad_char(u)) {
			*cp = u;
			return i;
		}
		i += k;
	}
	return n;
}

/* Why the bytes at s (n > 0 left, s[0] >= 0x80) are not UTF-8, and how many
 * bytes the bad sequence takes. */
static const char *why_invalid(const unsigned char *s, size_t n, size_t *take)
{
	unsigned c = s[0];
	size_t len;
	*take = 1;
	if (c < 0xC0)
		return "多余的续字节";
	if (c < 0xC2) {
		if (n > 1 && (s[1] & 0xC0) == 0x80)
			*take = 2;
		return "过长编码";
	}
	len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
	if (!len)
		return "不存在的字节";
	for (size_t i = 1; i < len; i++) {
		if (i >= n || (s[i] & 0xC0) != 0x80) {
			*take = i;
			return "不完整的多字节字符";
		}
	}
	*take = len;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xF0 && s[1] < 0x90))
		return "过长编码";
	if (c == 0xED && s[1] >= 0xA0)
		return "UTF-16 代理项";
	return "超出 Unicode 范围";
}

struct reporter {
	const char *path;
	struct diag *d;
	size_t count;
};

static int counted(struct reporter *r)
{
	return ++r->count <= TEXT_MAX_REPORTS;
}

int text_prepare(char *data, size_t *len, const char *path, struct diag *d)
{
	struct reporter r = { path, d, 0 };
	const unsigned char *s = (const unsigned char *)data;
	size_t n = *len, i = 0, o = 0;
	unsigned line = 1, col = 1;

	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		diag_add(d, DIAG_ERROR, path, 0, 0,
			 "用 UTF-8 编码另存这个文件（记事本：另存为，编码选 UTF-8）",
			 "文件是 UTF-16 编码，不是 UTF-8");
		return -1;
	}
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n) {
		unsigned c = s[i];
		if (c == '\r') {
			data[o++] = '\n';
			i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
			line++;
			col = 1;
			continue;
		}
		if (c == '\n') {
			data[o++] = '\n';
			i++;
			line++;
			col = 1;
			continue;
		}
		if (c >= 0x20 && c < 0x7F) {
			data[o++] = (char)c;
			i++;
			col++;
			continue;
		}
		size_t k = 1;
		unsigned cp = c;
		if (c >= 0x80) {
			k = utf8_decode(data + i, n - i, &cp);
			if (cp == 0xFFFD && k == 1) {
				size_t take;
				const char *why = why_invalid(s + i, n - i, &take);
				char bytes[40] = "";
				for (size_t j = 0; j < take && j < 4; j++)
					snprintf(bytes + strlen(bytes), sizeof(bytes) - strlen(bytes),
						 "%s0x%02X", j ? " " : "", s[i + j]);
				if (counted(&r))
					diag_add(d, DIAG_ERROR, path, line, col,
						 "用 UTF-8 编码另存这个文件（记事本：另存为，编码选 UTF-8）",
						 "这里的字节不是 UTF-8 编码（%s：%s）", why, bytes);
				k = take;
			}
		}
		if (cp != 0xFFFD || k != 1 || c < 0x80) {
			const char *bad = text_bad_char(cp);
			if (bad && counted(&r))
				diag_add(d, DIAG_ERROR, path, line, col, text_bad_hint(cp),
					 "这里有%s%s（U+%04X）", (unsigned char)bad[0] < 0x80 ? " " : "", bad, cp);
		}
		if (o != i)
			memmove(data + o, data + i, k);
		o += k;
		i += k;
		col++;
	}
	data[o] = '\0';
	*len = o;
	if (r.count > TEXT_MAX_REPORTS)
		diag_add(d, DIAG_ERROR, path, 0, 0, "改正上面列出的几处后再检查一遍",
			 "还有 %zu 处同样的问题没有列出", r.count - TEXT_MAX_REPORTS);
	return r.count ? -1 : 0;
}
