/* identity: what a Chinese government website must show at the foot of
 * every page — 主办单位, 承办单位, 联系方式, 网站标识码, ICP备案编号,
 * 公安机关备案号 and the 党政机关网站标识 — read from site.yaml into
 * struct identity (model.h) and checked against the forms the registries
 * issue.
 *
 * The format checks are exported for the unit tests: each returns 0 when
 * the text is well-formed, or -1 and appends to msg what is wrong and to
 * hint what to write instead (both in Chinese, as `check` prints them). */
#ifndef GONGKAI_IDENTITY_H
#define GONGKAI_IDENTITY_H

#include <stddef.h>

struct buf;
struct fields;
struct identity;
struct source;
struct val;

/* The keys of site.yaml this module reads, for the list of known fields. */
#define IDENTITY_FIELDS                                                          \
	{ "government", "true（本站是政府网站）" }, { "sponsor", "主办单位全称" }, \
	{ "operator", "承办单位全称" }, { "contact", "联系方式（phone、email、address）" }, \
	{ "site_code", "网站标识码" }, { "icp_no", "ICP备案编号" },                \
	{ "police_no", "公安机关备案号" }, { "conac", "党政机关网站标识（link、image）" }

/* Read the identity fields of site.yaml (map; the loader has checked it is
 * one). Problems go to F's diagnostics; on a government site each field the
 * rules require and the file lacks is reported at the line of
 * `government: true`. The 党政机关网站标识 image is read from src. */
void identity_load(struct identity *out, struct fields *F, struct source *src, const struct val *map);

/* 网站标识码: ten ASCII digits or letters. */
int identity_check_site_code(const char *s, struct buf *msg, struct buf *hint);
/* ICP备案编号: 苏ICP备12345678号, optionally -1 (the site's number). */
int identity_check_icp(const char *s, struct buf *msg, struct buf *hint);
/* 公安机关备案号: 苏公网安备32068202000123号 (a space after 备 is kept).
 * code (15 bytes) receives the 14 digits. Returns 0, -1 (error), or 1:
 * well-formed but the province abbreviation and the digits' region code
 * disagree (a warning, described in msg and hint). */
int identity_check_police(const char *s, char code[15], struct buf *msg, struct buf *hint);
/* 电子邮箱: name@example.gov.cn, ASCII. */
int identity_check_email(const char *s, struct buf *msg, struct buf *hint);

#endif
