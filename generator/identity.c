/* identity: the footer facts of a government website, read from site.yaml
 * and checked against the forms the registries issue (see identity.h and
 * docs/format.md). Every text is kept as written; the checks only report. */
#include "identity.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fields.h"
#include "model.h"
#include "source.h"
#include "utf8.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The province-level divisions by the one-character abbreviation the ICP
 * and public-security registries put in front of their numbers, with the
 * first two digits of their administrative division codes (GB/T 2260).
 * Both abbreviations are in use for 四川, 贵州, 云南, 陕西 and 甘肃. */
static const struct province {
	const char *abbr;
	const char *name;
	const char *code;
} provinces[] = {
	{ "京", "北京市", "11" }, { "津", "天津市", "12" }, { "冀", "河北省", "13" },
	{ "晋", "山西省", "14" }, { "蒙", "内蒙古自治区", "15" }, { "辽", "辽宁省", "21" },
	{ "吉", "吉林省", "22" }, { "黑", "黑龙江省", "23" }, { "沪", "上海市", "31" },
	{ "苏", "江苏省", "32" }, { "浙", "浙江省", "33" }, { "皖", "安徽省", "34" },
	{ "闽", "福建省", "35" }, { "赣", "江西省", "36" }, { "鲁", "山东省", "37" },
	{ "豫", "河南省", "41" }, { "鄂", "湖北省", "42" }, { "湘", "湖南省", "43" },
	{ "粤", "广东省", "44" }, { "桂", "广西壮族自治区", "45" }, { "琼", "海南省", "46" },
	{ "渝", "重庆市", "50" }, { "川", "四川省", "51" }, { "蜀", "四川省", "51" },
	{ "贵", "贵州省", "52" }, { "黔", "贵州省", "52" }, { "云", "云南省", "53" },
	{ "滇", "云南省", "53" }, { "藏", "西藏自治区", "54" }, { "陕", "陕西省", "61" },
	{ "秦", "陕西省", "61" }, { "甘", "甘肃省", "62" }, { "陇", "甘肃省", "62" },
	{ "青", "青海省", "63" }, { "宁", "宁夏回族自治区", "64" }, { "新", "新疆维吾尔自治区", "65" },
};
#define NPROVINCES (sizeof(provinces) / sizeof(provinces[0]))

/* The province whose abbreviation s starts with, or NULL. */
static const struct province *province_at(const char *s)
{
	for (size_t i = 0; i < NPROVINCES; i++) {
		size_t n = strlen(provinces[i].abbr);
		if (strncmp(s, provinces[i].abbr, n) == 0)
			return &provinces[i];
	}
	return NULL;
}

static const struct province *province_by_code(const char *digits)
{
	for (size_t i = 0; i < NPROVINCES; i++)
		if (strncmp(digits, provinces[i].code, 2) == 0)
			return &provinces[i];
	return NULL;
}

/* The first full-width form of an ASCII character (Ｉ, ３, －) or
 * ideographic space in s: its bytes in *len, or NULL. Typed with a Chinese
 * input method, these look right and break the number. */
static const char *fullwidth_at(const char *s, size_t *len)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if ((cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000) {
			*len = k;
			return s + i;
		}
		i += k;
	}
	return NULL;
}

static int has_space(const char *s)
{
	for (; *s; s++)
		if (*s == ' ' || *s == '\t')
			return 1;
	return 0;
}

static size_t digits_at(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* The character at s, for quoting in a message. */
static void put_char(struct buf *b, const char *s)
{
	unsigned cp;
	buf_put(b, s, utf8_decode(s, strlen(s), &cp));
}

/* ---- the format checks ---------------------------------------------------- */

int identity_check_site_code(const char *s, struct buf *msg, struct buf *hint)
{
	static const char example[] = "例如 3206820001";
	size_t fw;
	const char *at = fullwidth_at(s, &fw);
	if (at) {
		buf_printf(msg, "网站标识码 \"%s\" 中有全角字符 \"%.*s\"", s, (int)fw, at);
		buf_printf(hint, "改用半角数字和字母，%s", example);
		return -1;
	}
	if (has_space(s)) {
		buf_printf(msg, "网站标识码 \"%s\" 中有空格", s);
		buf_printf(hint, "删掉空格：网站标识码是连写的 10 位数字或字母，%s", example);
		return -1;
	}
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
			buf_printf(msg, "网站标识码 \"%s\" 中有 \"", s);
			put_char(msg, p);
			buf_puts(msg, "\"，只能是数字和字母");
			buf_printf(hint, "照发放的网站标识码填写 10 位数字或字母，%s", example);
			return -1;
		}
	}
	size_t n = strlen(s);
	if (n != 10) {
		buf_printf(msg, "网站标识码 \"%s\" 有 %zu 位，应为 10 位", s, n);
		buf_printf(hint, "照发放的网站标识码填写（10 位数字或字母，%s），它在本单位现有网站的页脚上，也可向本级政府办公室查询", example);
		return -1;
	}
	return 0;
}

/* Checks shared by both record numbers: no full-width characters, no
 * spaces (except one after `allow_space_after`), a province first. */
static const struct province *record_start(const char *s, const char *what, const char *example,
					   const char *allow_space_after, struct buf *msg, struct buf *hint)
{
	size_t fw;
	const char *at = fullwidth_at(s, &fw);
	if (at) {
		buf_printf(msg, "%s \"%s\" 中有全角字符 \"%.*s\"", what, s, (int)fw, at);
		buf_printf(hint, "字母、数字和 - 都用半角，例如 %s", example);
		return NULL;
	}
	const char *sp = strchr(s, ' ');
	const char *allowed = allow_space_after ? strstr(s, allow_space_after) : NULL;
	if (allowed)
		allowed += strlen(allow_space_after);
	if ((sp && sp != allowed) || strchr(s, '\t') || (sp && strchr(sp + 1, ' '))) {
		buf_printf(msg, "%s \"%s\" 中有多余的空格", what, s);
		buf_printf(hint, "删掉空格，例如 %s", example);
		return NULL;
	}
	const struct province *pv = province_at(s);
	if (!pv) {
		buf_printf(msg, "%s \"%s\" 应以省级行政区的简称开头（如 苏、京、粤），这里是 \"", what, s);
		put_char(msg, s);
		buf_puts(msg, "\"");
		buf_printf(hint, "照备案时发放的编号填写，例如 %s", example);
	}
	return pv;
}

int identity_check_icp(const char *s, struct buf *msg, struct buf *hint)
{
	static const char what[] = "ICP备案编号", example[] = "苏ICP备12345678号";
	static const char where[] = "本网站的 ICP 备案编号可在 beian.miit.gov.cn 查到";
	const struct province *pv = record_start(s, what, example, NULL, msg, hint);
	if (!pv)
		return -1;
	const char *p = s + strlen(pv->abbr);
	if (strncmp(p, "ICP证", strlen("ICP证")) == 0) {
		buf_printf(msg, "\"%s\" 是 ICP 经营许可证编号，不是 ICP 备案编号", s);
		buf_printf(hint, "页脚写备案编号，形如 %s；%s", example, where);
		return -1;
	}
	if (strncmp(p, "ICP备", strlen("ICP备")) != 0) {
		if (strncasecmp(p, "icp", 3) == 0 && strncmp(p, "ICP", 3) != 0)
			buf_printf(msg, "%s \"%s\" 中的 \"ICP\" 要大写", what, s);
		else
			buf_printf(msg, "%s \"%s\" 的格式不对：省份简称后面应是 \"ICP备\"", what, s);
		buf_printf(hint, "写成 %s 的形式；%s", example, where);
		return -1;
	}
	p += strlen("ICP备");
	size_t nd = digits_at(p);
	if (nd == 0 || nd > 12) {
		buf_printf(msg, nd ? "%s \"%s\" 的备案号数字太长" : "%s \"%s\" 的 \"ICP备\" 后面应是备案号数字", what, s);
		buf_printf(hint, "写成 %s 的形式；%s", example, where);
		return -1;
	}
	p += nd;
	if (strncmp(p, "号", strlen("号")) != 0) {
		buf_printf(msg, "%s \"%s\" 缺少数字后面的 \"号\"", what, s);
		buf_printf(hint, "写成 %.*s号%s", (int)(p - s), s, *p == '-' ? p : "");
		return -1;
	}
	p += strlen("号");
	size_t ns = *p == '-' ? digits_at(p + 1) : 0;
	if (*p && !(ns > 0 && ns <= 3 && p[1 + ns] == '\0')) {
		buf_printf(msg, "%s \"%s\" 的 \"号\" 后面只能是网站序号，如 -1", what, s);
		buf_printf(hint, "写成 %s 或 %s-1 的形式", example, example);
		return -1;
	}
	return 0;
}

int identity_check_police(const char *s, char code[15], struct buf *msg, struct buf *hint)
{
	static const char what[] = "公安机关备案号", example[] = "苏公网安备32068202000123号";
	static const char where[] = "本网站的备案号可在 beian.mps.gov.cn 查到";
	code[0] = '\0';
	const struct province *pv = record_start(s, what, example, "公网安备", msg, hint);
	if (!pv)
		return -1;
	const char *p = s + strlen(pv->abbr);
	if (strncmp(p, "公网安备", strlen("公网安备")) != 0) {
		buf_printf(msg, "%s \"%s\" 的格式不对：省份简称后面应是 \"公网安备\"", what, s);
		buf_printf(hint, "写成 %s 的形式；%s", example, where);
		return -1;
	}
	p += strlen("公网安备");
	if (*p == ' ')
		p++;
	size_t nd = digits_at(p);
	if (nd != 14) {
		buf_printf(msg, "%s \"%s\" 有 %zu 位数字，应为 14 位", what, s, nd);
		buf_printf(hint, "照备案编号逐位填写，例如 %s；%s", example, where);
		return -1;
	}
	const char *digits = p;
	p += nd;
	if (strncmp(p, "号", strlen("号")) != 0) {
		buf_printf(msg, "%s \"%s\" 缺少数字后面的 \"号\"", what, s);
		buf_printf(hint, "写成 %.*s号", (int)(p - s), s);
		return -1;
	}
	p += strlen("号");
	if (*p) {
		buf_printf(msg, "%s \"%s\" 的 \"号\" 后面不应再有文字", what, s);
		buf_printf(hint, "写成 %s 的形式", example);
		return -1;
	}
	memcpy(code, digits, 14);
	code[14] = '\0';
	if (strncmp(digits, pv->code, 2) != 0) {
		const struct province *by = province_by_code(digits);
		buf_printf(msg, "%s \"%s\" 的简称 \"%s\" 是%s，编号开头的 \"%.2s\" 却%s%s", what, s, pv->abbr,
			   pv->name, digits, by ? "是" : "不是任何省级行政区的代码", by ? by->name : "");
		buf_printf(hint, "核对备案号：编号的前 6 位是备案地的行政区划代码（%s 以 %s 开头）", pv->name, pv->code);
		return 1;
	}
	return 0;
}

static int email_char(char c, int domain)
{
	if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.')
		return 1;
	return !domain && (c == '_' || c == '+' || c == '%');
}

int identity_check_email(const char *s, struct buf *msg, struct buf *hint)
{
	const char *at = strchr(s, '@');
	int ok = at && at > s && at[1] && !strchr(at + 1, '@');
	for (const char *p = s; ok && *p; p++)
		ok = p == at || email_char(*p, p > at);
	if (ok) {
		const char *dot = strrchr(at, '.');
		ok = dot && dot > at + 1 && dot[1] && at[1] != '.' && !strstr(at, "..") && s[strlen(s) - 1] != '.';
	}
	if (!ok) {
		buf_printf(msg, "电子邮箱 \"%s\" 的格式不对", s);
		size_t fw;
		if (fullwidth_at(s, &fw) || strstr(s, "＠"))
			buf_puts(hint, "改用半角字符（@ 和 . 都是半角），");
		buf_puts(hint, "写成 name@example.gov.cn 的形式");
		return -1;
	}
	return 0;
}

/* ---- reading site.yaml ---------------------------------------------------- */

struct reader {
	struct fields *F;
	struct identity *id;
	const struct val *gov; /* the key `government`, where missing fields are reported */
};

static void report(struct reader *r, int rc, const struct val *at, struct buf *msg, struct buf *hint)
{
	diag_at(r->F->d, rc > 0 ? DIAG_WARNING : DIAG_ERROR, at, hint->ptr, "%s", msg->ptr);
	buf_clear(msg);
	buf_clear(hint);
}

/* A text field; on a government site a required one that is not there is
 * reported at `government: true` (an empty one at its own line). */
static const char *text(struct reader *r, const struct val *map, const struct field *f, const char *need,
			const char *example, const char *note)
{
	const struct val *v = val_get(map, f->key);
	const char *s = f_str(r->F, map, f, need && r->gov && v);
	if (!v && need && r->gov) {
		struct buf h = BUF_INIT;
		buf_printf(&h, "加上一行 \"%s: %s\"%s%s", f->key, example, note ? "，" : "", note ? note : "");
		diag_at(r->F->d, DIAG_ERROR, r->gov, h.ptr, "政府网站的页脚必须有%s，但没有 \"%s\"", need, f->key);
		buf_free(&h);
	}
	return s;
}

/* Characters a phone number shown as one tel: link may have. */
static const char *tel_of(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	const char *p;
	for (p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			buf_putc(&b, *p);
		else if (*p == '+' && p == s)
			buf_putc(&b, '+');
		else if (!strchr("- ()", *p))
			break;
	}
	const char *tel = !*p && b.len >= 3 ? arena_strndup(a, b.ptr, b.len) : NULL;
	buf_free(&b);
	return tel;
}

static void read_contact(struct reader *r, const struct val *map)
{
	static const struct field cf[] = {
		{ "phone", "联系电话，如 0513-87654321" }, { "email", "电子邮箱，如 name@example.gov.cn" },
		{ "address", "通信地址" }, { 0 },
	};
	struct identity *id = r->id;
	const struct val *c = val_get(map, "contact");
	if (!c || c->kind == VAL_NULL) {
		if (r->gov)
			diag_at(r->F->d, DIAG_ERROR, r->gov,
				"加上 \"contact:\"，下面缩进两格写 \"phone: 电话\" 和 \"email: 电子邮箱\"，还可以写 \"address: 地址\"",
				"政府网站的页脚必须有联系方式，但没有 \"contact\"");
		return;
	}
	if (c->kind == VAL_STR) {
		diag_at(r->F->d, DIAG_ERROR, c,
			"在 contact: 下面分行写，每行缩进两格：\"phone: 0513-87654321\"、\"email: name@example.gov.cn\"、\"address: 地址\"",
			"联系方式要分项写出电话、电子邮箱、地址");
		return;
	}
	if (!f_is_map(r->F, c, "contact "))
		return;
	f_unknown(r->F, c, cf);
	struct buf msg = BUF_INIT, hint = BUF_INIT;
	id->phone = f_str(r->F, c, &cf[0], 0);
	if (id->phone) {
		size_t fw;
		const char *at = fullwidth_at(id->phone, &fw);
		if (at) {
			buf_printf(&msg, "联系电话 \"%s\" 中有全角字符 \"%.*s\"", id->phone, (int)fw, at);
			buf_puts(&hint, "改用半角数字和 -，例如 0513-87654321");
			report(r, -1, val_get(c, "phone"), &msg, &hint);
		} else if (!strpbrk(id->phone, "0123456789")) {
			buf_printf(&msg, "联系电话 \"%s\" 中没有号码", id->phone);
			buf_puts(&hint, "写电话号码，例如 0513-87654321");
			report(r, -1, val_get(c, "phone"), &msg, &hint);
		}
		id->tel = tel_of(r->F->a, id->phone);
	}
	id->email = f_str(r->F, c, &cf[1], 0);
	if (id->email && identity_check_email(id->email, &msg, &hint) != 0) {
		report(r, -1, val_get(c, "email"), &msg, &hint);
		id->email = NULL;
	}
	id->address = f_str(r->F, c, &cf[2], 0);
	if (r->gov && !val_get(c, "phone") && !val_get(c, "email"))
		diag_at(r->F->d, DIAG_ERROR, val_get_key(map, "contact"),
			"在 contact: 下面缩进两格加一行 \"phone: 0513-87654321\" 或 \"email: name@example.gov.cn\"",
			"政府网站的联系方式至少要有电话或电子邮箱");
	buf_free(&msg);
	buf_free(&hint);
}

/* ---- the 党政机关网站标识 --------------------------------------------------- */

/* An http(s) address without characters that could break out of an
 * attribute or hide another scheme. */
static int web_address(const char *s)
{
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '\'' || *p == '<' || *p == '>' || *p == '\\')
			return 0;
	return 1;
}

/* The host of an http(s) address ends in conac.cn. */
static int conac_host(const char *s)
{
	const char *h = strstr(s, "://") + 3;
	size_t n = strcspn(h, "/?#:");
	static const char dom[] = "conac.cn";
	size_t d = sizeof(dom) - 1;
	return n >= d && strncasecmp(h + n - d, dom, d) == 0 && (n == d || h[n - d - 1] == '.');
}

static const struct imgtype {
	const char *ext, *name, *magic;
	size_t nmagic;
} imgtypes[] = {
	{ ".png", "PNG", "\x89PNG\r\n\x1a\n", 8 },
	{ ".jpg", "JPEG", "\xff\xd8\xff", 3 },
	{ ".jpeg", "JPEG", "\xff\xd8\xff", 3 },
	{ ".gif", "GIF", "GIF8", 4 },
};

#define CONAC_MAX_BYTES (1024 * 1024)

/* A path inside content/: relative, '/'-separated, no empty, "." or ".."
 * part and no hidden file or folder. */
static int contained_path(const char *s)
{
	if (!*s || *s == '/' || strchr(s, '\\'))
		return 0;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 0 || p[0] == '.')
			return 0;
		p += n;
		if (*p == '/')
			p++;
		if (*p == '\0' && p[-1] == '/')
			return 0;
	}
	return 1;
}

static void read_conac_image(struct reader *r, const struct val *v, struct source *src)
{
	struct identity *id = r->id;
	const char *path = v->s;
	const struct imgtype *t = NULL;
	if (!contained_path(path)) {
		diag_at(r->F->d, DIAG_ERROR, v,
			"把图片放在 content/ 下的文件夹里，如 content/images/conac.png，这里写 images/conac.png",
			"图片路径 \"%s\" 必须是 content/ 里面的相对路径（不能以 / 开头，不能含 ..）", path);
		return;
	}
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(imgtypes) / sizeof(imgtypes[0]); i++)
		if (strcasecmp(dot, imgtypes[i].ext) == 0)
			t = &imgtypes[i];
	if (!t) {
		diag_at(r->F->d, DIAG_ERROR, v, "用 PNG、JPEG 或 GIF 图片（.png、.jpg、.gif）",
			"党政机关网站标识的图片 \"%s\" 不是支持的格式", path);
		return;
	}
	const char *full = arena_printf(r->F->a, "content/%s", path);
	char *data = NULL, *err = NULL;
	size_t len = 0;
	int rc = source_read(src, full, &data, &len, &err);
	if (rc == 1)
		diag_at(r->F->d, DIAG_ERROR, v, "把标识图片放到这个位置，或改正路径（相对于 content/）",
			"找不到图片文件 %s", full);
	else if (rc < 0)
		diag_at(r->F->d, DIAG_ERROR, v, NULL, "无法读取图片文件 %s：%s", full, err ? err : "?");
	else if (len > CONAC_MAX_BYTES)
		diag_at(r->F->d, DIAG_ERROR, v, "标识图片通常只有几 KB；请用发放的原图",
			"图片文件 %s 有 %zu KB，超过了 1024 KB", full, (len + 1023) / 1024);
	else if (len < t->nmagic || memcmp(data, t->magic, t->nmagic) != 0)
		diag_at(r->F->d, DIAG_ERROR, v, "用图片软件另存为正确的格式，或改正扩展名",
			"文件 %s 不是 %s 图片", full, t->name);
	else {
		id->conac_image = arena_printf(r->F->a, "assets/identity/conac%s", strcmp(t->ext, ".jpeg") == 0 ? ".jpg" : t->ext);
		id->conac_data = arena_strndup(r->F->a, data, len);
		id->conac_len = len;
	}
	free(data);
	free(err);
}

static void read_conac(struct reader *r, const struct val *map, struct source *src)
{
	static const struct field kf[] = {
		{ "link", "https://bszs.conac.cn/sitename?method=show&id=…（核验地址）" },
		{ "image", "images/conac.png（标识图片，相对于 content/）" }, { 0 },
	};
	const struct val *c = val_get(map, "conac");
	if (c && c->kind == VAL_STR) {
		diag_at(r->F->d, DIAG_ERROR, c,
			"在 conac: 下面分行写，每行缩进两格：\"link: 核验地址\" 和 \"image: images/conac.png\"",
			"党政机关网站标识要分项写出核验地址 link 和图片 image");
		return;
	}
	if (!c || c->kind == VAL_NULL || !f_is_map(r->F, c, "conac "))
		return;
	f_unknown(r->F, c, kf);
	if (val_is_empty(val_get(c, "link")) && val_is_empty(val_get(c, "image")))
		return; /* written but not filled in ({link: "", image: ""}): not given */
	const char *link = f_str(r->F, c, &kf[0], 1);
	if (link && !web_address(link)) {
		diag_at(r->F->d, DIAG_ERROR, val_get(c, "link"),
			"写开通标识时发放的核验地址，以 https:// 或 http:// 开头，中间不能有空格",
			"党政机关网站标识的链接 \"%s\" 不是网址", link);
		link = NULL;
	} else if (link && !conac_host(link)) {
		diag_at(r->F->d, DIAG_WARNING, val_get(c, "link"),
			"标识的核验页面在 bszs.conac.cn（党政机关网站标识管理系统）上，请核对地址",
			"党政机关网站标识的链接不在 conac.cn 上");
	}
	r->id->conac_link = link;
	f_str(r->F, c, &kf[1], 0);
	const struct val *img = val_get(c, "image");
	if (img && img->kind == VAL_STR && img->n)
		read_conac_image(r, img, src);
	if (!link) /* the mark is shown only as a link to its verification */
		r->id->conac_image = NULL;
}

void identity_load(struct identity *out, struct fields *F, struct source *src, const struct val *map)
{
	static const struct field f[] = { IDENTITY_FIELDS, { 0 } };
	struct reader r = { F, out, NULL };
	struct buf msg = BUF_INIT, hint = BUF_INIT;
	memset(out, 0, sizeof(*out));

	const struct val *g = val_get(map, "government");
	if (g && g->kind == VAL_BOOL)
		out->government = g->b;
	else if (g && g->kind != VAL_NULL)
		diag_at(F->d, DIAG_ERROR, g, "政府网站写 government: true，其他网站删掉这一行",
			"government 只能是 true 或 false");
	if (out->government)
		r.gov = val_get_key(map, "government");

	out->sponsor = text(&r, map, &f[1], "主办单位", "主办单位全称", NULL);
	out->site_operator = text(&r, map, &f[2], NULL, NULL, NULL);
	read_contact(&r, map);
	out->site_code = text(&r, map, &f[4], "网站标识码", "网站标识码", "照发放的 10 位数字或字母填写");
	if (out->site_code && identity_check_site_code(out->site_code, &msg, &hint) != 0)
		report(&r, -1, val_get(map, "site_code"), &msg, &hint);
	out->icp_no = text(&r, map, &f[5], "ICP备案编号", "苏ICP备12345678号",
			   "换成本网站的备案编号（可在 beian.miit.gov.cn 查到）");
	if (out->icp_no && identity_check_icp(out->icp_no, &msg, &hint) != 0)
		report(&r, -1, val_get(map, "icp_no"), &msg, &hint);
	out->police_no = text(&r, map, &f[6], "公安机关备案号", "苏公网安备32068202000123号",
			      "换成本网站的备案号（可在 beian.mps.gov.cn 查到）");
	if (out->police_no) {
		char code[15];
		int rc = identity_check_police(out->police_no, code, &msg, &hint);
		if (rc != 0)
			report(&r, rc, val_get(map, "police_no"), &msg, &hint);
		if (rc >= 0)
			out->police_code = arena_strdup(F->a, code);
	}
	read_conac(&r, map, src);
	buf_free(&msg);
	buf_free(&hint);
}
