/* load: content/ to the site model (model.h).
 *
 * Files are read in sorted order and every problem is reported, not just
 * the first: a file with a YAML error is skipped, but the others are still
 * loaded and checked. References between files (units, regions,
 * indicators, progress ids) are resolved after everything is loaded. */
#include "load_names.h"
#include "load_stray.h"
#include "load_table.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "frontmatter.h"
#include "idx.h"
#include "url.h"
#include "identity.h"
#include "markdown.h"
#include "source.h"
#include "target.h"
#include "unitsplit.h"
#include "utf8.h"
#include "value.h"
#include "yml.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <unistd.h>

static struct val *read_yaml(struct loader *L, const char *path, int required)
{
	return read_yaml_file(L, path, required, NULL);
}

/* ---- site.yaml ---------------------------------------------------------- */

static void load_site_yaml(struct loader *L)
{
	static const struct field fields[] = {
		{ "title", "网站名称" }, { "description", "一句话介绍" },
		{ "base_url", "https://…/（网站地址，以 / 结尾）" }, { "language", "zh-CN" },
		{ "repository", "内容仓库地址" }, { "footer", "页脚文字" },
		IDENTITY_FIELDS, { 0 },
	};
	struct site *s = L->s;
	struct val *v = read_yaml(L, "content/site.yaml", 1);
	s->title = "东西部协作工作计划";
	s->language = "zh-CN";
	if (!v || !f_is_map(&L->F, v, "site.yaml "))
		return;
	f_unknown(&L->F, v, fields);
	const char *t = f_str(&L->F, v, &fields[0], 1);
	if (t)
		s->title = t;
	s->description = f_str(&L->F, v, &fields[1], 0);
	s->base_url = f_url(&L->F, v, &fields[2], 0);
	if (s->base_url && !url_is_web(s->base_url, strlen(s->base_url))) {
		diag_at(L->d, DIAG_ERROR, val_get(v, "base_url"), "写网站的完整地址，如 https://xzb.example.gov.cn/",
			"base_url 要以 http:// 或 https:// 开头");
		s->base_url = NULL;
	}
	if (s->base_url && s->base_url[strlen(s->base_url) - 1] != '/')
		s->base_url = arena_printf(L->a, "%s/", s->base_url);
	const char *lang = f_str(&L->F, v, &fields[3], 0);
	if (lang)
		s->language = lang;
	s->repository = f_url(&L->F, v, &fields[4], 0);
	s->footer = f_str(&L->F, v, &fields[5], 0);
	identity_load(&s->identity, &L->F, L->src, v);
}

/* ---- regions.yaml --------------------------------------------------------- */

/* An id already used by a region or pairing, or NULL. */
static const struct val *region_id_taken(struct loader *L, const char *id)
{
	const struct region *r = idx_region(L->s, id);
	const struct pairing *p = r ? NULL : idx_pairing(L->s, id);
	return r ? r->node : p ? p->node : NULL;
}

/* Report an unknown region id, naming the closest one. */
static void unknown_region(struct loader *L, const struct val *at, const char *id)
{
	const struct region *best = NULL;
	size_t best_d = (size_t)-1;
	if (L->broken_regions)
		return; /* regions.yaml has its own error */
	for (size_t i = 0; i < L->s->nregions && L->suggest; i++, L->suggest--) {
		const struct region *r = &L->s->regions[i];
		size_t dist = utf8_distance_max(r->id, id, 3);
		if (dist < best_d) {
			best_d = dist;
			best = r;
		}
	}
	struct buf h = BUF_INIT;
	if (best && best_d <= 3)
		buf_printf(&h, "是不是 \"%s\"（%s）？", best->id, best->name);
	buf_puts(&h, "地区在 content/regions.yaml 中定义");
	diag_at(L->d, DIAG_ERROR, at, h.ptr, "未知地区 \"%s\"", id);
	buf_free(&h);
}

struct region *site_region(const struct site *s, const char *id)
{
	return idx_region(s, id);
}

struct pairing *site_pairing(const struct site *s, const char *id)
{
	return idx_pairing(s, id);
}

struct unit *site_unit(const struct site *s, const char *id)
{
	return idx_unit(s, id);
}

/* The region named by field f of map, reporting an unknown one. */
static struct region *region_field(struct loader *L, const struct val *map,
				   const struct field *f, int required)
{
	const char *id = f_str(&L->F, map, f, required);
	if (!id)
		return NULL;
	struct region *r = site_region(L->s, id);
	if (!r)
		unknown_region(L, val_get(map, f->key), id);
	return r;
}

static void load_regions(struct loader *L)
{
	static const struct field top[] = { { "regions", "列表" }, { "pairings", "列表" }, { 0 } };
	static const struct field rf[] = {
		{ "id", "拼音编号，如 rugao" }, { "name", "全称，如 如皋市" }, { "short", "简称" },
		{ "parent", "上级地区编号" }, { "province", "省份" }, { 0 },
	};
	static const struct field pf[] = {
		{ "id", "编号，如 rugao-yangxian" }, { "east", "东部地区编号" },
		{ "west", "西部地区编号" }, { "note", "说明" }, { "uncertain", "转录中不确定之处" }, { 0 },
	};
	struct site *s = L->s;
	struct val *v = read_yaml_file(L, "content/regions.yaml", 1, &L->broken_regions);
	if (!v || !f_is_map(&L->F, v, "regions.yaml "))
		return;
	f_unknown(&L->F, v, top);
	struct val *rs = val_get(v, "regions");
	struct val *ps = val_get(v, "pairings");
	if (!f_is_list(&L->F, rs, "regions") || !f_is_list(&L->F, ps, "pairings"))
		return;
	size_t nr = rs ? rs->len : 0, np = ps ? ps->len : 0;
	s->regions = arena_alloc(L->a, (nr + 1) * sizeof(*s->regions));
	s->pairings = arena_alloc(L->a, (np + 1) * sizeof(*s->pairings));

	for (size_t i = 0; i < nr; i++) {
		struct val *m = rs->items[i];
		if (!f_is_map(&L->F, m, "地区"))
			continue;
		f_unknown(&L->F, m, rf);
		struct region *r = &s->regions[s->nregions];
		r->node = m;
		r->id = f_id(&L->F, m, &rf[0], 1);
		r->name = f_str(&L->F, m, &rf[1], 1);
		r->short_name = f_str(&L->F, m, &rf[2], 0);
		r->province = f_str(&L->F, m, &rf[4], 0);
		if (!r->id)
			continue;
		if (!r->name)
			r->name = r->id;
		if (!r->short_name)
			r->short_name = r->name;
		const struct val *first = region_id_taken(L, r->id);
		if (first) {
			duplicate(L, val_get(m, "id"), r->id, first);
			continue;
		}
		idx_add_region(s, s->nregions++);
	}
	/* Parents may be defined after their children. */
	for (size_t i = 0; i < s->nregions; i++) {
		struct region *r = &s->regions[i];
		r->parent = region_field(L, r->node, &rf[3], 0);
		for (struct region *p = r->parent; p; p = p->parent) {
			if (p == r) {
				diag_at(L->d, DIAG_ERROR, val_get(r->node, "parent"),
					"检查 parent：一个地区不能是自己的上级",
					"地区 \"%s\" 的上级关系形成了循环", r->id);
				r->parent = NULL;
				break;
			}
		}
	}
	for (size_t i = 0; i < np; i++) {
		struct val *m = ps->items[i];
		if (!f_is_map(&L->F, m, "结对关系"))
			continue;
		f_unknown(&L->F, m, pf);
		struct pairing *p = &s->pairings[s->npairings];
		p->node = m;
		p->id = f_id(&L->F, m, &pf[0], 1);
		p->east = region_field(L, m, &pf[1], 1);
		p->west = region_field(L, m, &pf[2], 1);
		p->note = f_str(&L->F, m, &pf[3], 0);
		p->uncertain = f_str(&L->F, m, &pf[4], 0);
		if (!p->id || !p->east || !p->west)
			continue;
		if (p->east == p->west) {
			diag_at(L->d, DIAG_ERROR, val_get(m, "west"), "east 和 west 要写两个不同的地区",
				"结对关系 \"%s\" 的两方是同一个地区", p->id);
			continue;
		}
		const struct val *first = region_id_taken(L, p->id);
		if (first) {
			duplicate(L, val_get(m, "id"), p->id, first);
			continue;
		}
		idx_add_pairing(s, s->npairings++);
	}
}

/* ---- units/ (every .yaml file) ----------------------------------------------------------- */

static void load_units(struct loader *L)
{
	static const struct field top[] = { { "units", "列表" }, { 0 } };
	static const struct field uf[] = {
		{ "id", "编号，如 rugao-fgw" }, { "name", "全称" }, { "region", "所属地区编号" },
		{ "aliases", "[简称, …]" }, { "note", "说明" }, { 0 },
	};
	struct source_entry *e;
	size_t n;
	struct val **files;
	size_t total = 0;

	source_list(L->src, "content/units", &e, &n);
	files = xcalloc(n + 1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].name);
		if (e[i].is_dir || len < 6 || strcmp(e[i].name + len - 5, ".yaml") != 0)
			continue;
		const char *path = path_join(L, "content/units", e[i].name);
		int broken = 0;
		struct val *v = read_yaml_file(L, path, 1, &broken);
		L->broken_units |= broken;
		if (!v || !f_is_map(&L->F, v, "单位文件"))
			continue;
		f_unknown(&L->F, v, top);
		struct val *us = val_get(v, "units");
		if (!us) {
			diag_at(L->d, DIAG_ERROR, v, "文件以一行 \"units:\" 开头，下面逐项列出单位",
				"缺少必填字段 \"units\"");
			continue;
		}
		if (!f_is_list(&L->F, us, "units"))
			continue;
		files[i] = us;
		total += us->len;
	}
	L->s->units = arena_alloc(L->a, (total + 1) * sizeof(*L->s->units));
	for (size_t i = 0; i < n; i++) {
		struct val *us = files[i];
		for (size_t j = 0; us && j < us->len; j++) {
			struct val *m = us->items[j];
			if (!f_is_map(&L->F, m, "单位"))
				continue;
			f_unknown(&L->F, m, uf);
			struct unit *u = &L->s->units[L->s->nunits];
			u->node = m;
			u->id = f_id(&L->F, m, &uf[0], 1);
			u->name = f_str(&L->F, m, &uf[1], 1);
			u->region = region_field(L, m, &uf[2], 1);
			u->note = f_str(&L->F, m, &uf[4], 0);
			const struct val **al;
			u->naliases = f_strs(&L->F, m, &uf[3], 0, &al);
			u->aliases = arena_alloc(L->a, (u->naliases + 1) * sizeof(*u->aliases));
			for (size_t k = 0; k < u->naliases; k++)
				u->aliases[k] = al[k]->s;
			if (!u->id)
				continue;
			if (!u->name)
				u->name = u->id; /* reported; keep it so its aliases still resolve */
			struct unit *first = site_unit(L->s, u->id);
			if (first) {
				duplicate(L, val_get(m, "id"), u->id, first->node);
				continue;
			}
			idx_add_unit(L->s, L->s->nunits++);
		}
	}
	idx_units_done(L->s);
	/* A "name" that a hundred units go by is no name: say so once. */
	for (size_t i = 0; i < L->s->nunits; i++) {
		const struct unit *u = &L->s->units[i];
		for (size_t k = 0; k < u->naliases; k++) {
			const size_t *same;
			size_t n = idx_named(L->s, u->aliases[k], 0, &same);
			if (n > IDX_MAX_SAME_NAME && same[0] == i)
				diag_at(L->d, DIAG_ERROR, val_get(u->node, "aliases"), "简称要能区分单位；删掉这个简称",
					"简称 \"%s\" 被 %zu 个单位使用（上限 %d 个）", u->aliases[k], n,
					IDX_MAX_SAME_NAME);
		}
	}
	free(files);
	source_entries_free(e, n);
}

/* ---- plans ------------------------------------------------------------------ */


/* A bare file name, such as a source written as "000_503e823edeef0189.txt":
 * no spaces, no slashes, letters, digits, _ - . only, and a short
 * extension after the last dot. */
static int is_file_name(const char *s)
{
	const char *dot = strrchr(s, '.');
	if (!dot || dot == s || strlen(dot + 1) < 2 || strlen(dot + 1) > 5)
		return 0;
	for (const char *c = s; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '-' || *c == '.'))
			return 0;
	for (const char *c = dot + 1; *c; c++)
		if (!isalpha((unsigned char)*c))
			return 0;
	return 1;
}

static void parse_plan_md(struct loader *L, struct plan *p, const char *text, size_t len)
{
	static const struct field ff[] = {
		{ "title", "计划标题" }, { "year", "计划年度，如 2023" },
		{ "region", "发文一方的地区编号，如 rugao" }, { "regions", "[rugao, yangxian]" },
		{ "pairings", "[rugao-yangxian]" }, { "kind", "工作计划" },
		{ "issuer", "发文机关" }, { "doc_no", "发文字号" }, { "written", "成文日期 YYYY-MM-DD" },
		{ "published", "发布日期 YYYY-MM-DD" }, { "index_no", "索引号" }, { "topic", "主题分类" },
		{ "notice", "印发通知的标题" }, { "source", "来源" }, { "note", "编者说明" },
		{ "keywords", "主题词，如 [东西部协作, 工作计划]" },
		{ "due", "完成时限，照原文，如 于2024年11月30日前完成" }, { 0 },
	};
	struct fm fm;
	struct val *v;
	int r = fm_split(&fm, text, len);
	p->broken_meta = 1; /* until the metadata is read: see below */
	if (r == FM_NONE) {
		diag_add(L->d, DIAG_ERROR, p->path, 1, 1,
			 "在文件第一行写 ---，接着写 title:、year: 等，再用一行 --- 结束",
			 "plan.md 缺少开头的元数据（front matter）");
		return;
	}
	if (r == FM_UNCLOSED) {
		diag_add(L->d, DIAG_ERROR, p->path, 1, 1, "在元数据之后加一行 ---",
			 "元数据（front matter）没有结束的 --- 行");
		return;
	}
	if (yml_parse(&v, L->a, L->d, p->path, fm.yaml, fm.ylen, fm.yaml_line0) != 0)
		return;
	if (v->kind == VAL_NULL) {
		v->line = 1;
		v->col = 1;
	}
	if (!f_is_map(&L->F, v, "元数据"))
		return;
	f_unknown(&L->F, v, ff);
	p->title = f_str(&L->F, v, &ff[0], 1);
	long year;
	if (f_int(&L->F, v, &ff[1], 1, 1949, 2999, &year))
		p->year = (int)year;
	p->region = region_field(L, v, &ff[2], 1);
	const struct val **items;
	size_t n = f_strs(&L->F, v, &ff[3], 1, &items);
	p->regions = arena_alloc(L->a, (n + 1) * sizeof(*p->regions));
	for (size_t i = 0; i < n; i++) {
		struct region *rg = site_region(L->s, items[i]->s);
		if (!rg)
			unknown_region(L, items[i], items[i]->s);
		else
			p->regions[p->nregions++] = rg;
	}
	if (p->region && !in_regions(p, p->region) && n > 0)
		diag_at(L->d, DIAG_ERROR, val_get(v, "region"), "把它也写进 regions 列表",
			"发文一方 \"%s\" 不在 regions 中", p->region->id);
	n = f_strs(&L->F, v, &ff[4], 0, &items);
	p->pairings = arena_alloc(L->a, (n + 1) * sizeof(*p->pairings));
	for (size_t i = 0; i < n; i++) {
		struct pairing *pr = site_pairing(L->s, items[i]->s);
		if (!pr && !L->broken_regions)
			diag_at(L->d, DIAG_ERROR, items[i], "结对关系在 content/regions.yaml 的 pairings 中定义",
				"未知结对关系 \"%s\"", items[i]->s);
		else
			p->pairings[p->npairings++] = pr;
	}
	p->kind = f_str(&L->F, v, &ff[5], 0);
	p->issuer = f_str(&L->F, v, &ff[6], 0);
	p->doc_no = f_str(&L->F, v, &ff[7], 0);
	p->written = f_date(&L->F, v, &ff[8], 0);
	p->published = f_date(&L->F, v, &ff[9], 0);
	p->index_no = f_str(&L->F, v, &ff[10], 0);
	p->topic = f_str(&L->F, v, &ff[11], 0);
	p->notice = f_str(&L->F, v, &ff[12], 0);
	p->source = f_str(&L->F, v, &ff[13], 0);
	if (p->source && is_file_name(p->source))
		diag_at(L->d, DIAG_WARNING, val_get(v, "source"),
			"请写读者能查到原文的出处，如发布网站的网址，或“如皋市人民政府网站 政府信息公开”",
			"source 写的是文件名 \"%s\"，读者从中看不出原文在哪里", p->source);
	p->note = f_str(&L->F, v, &ff[14], 0);
	n = f_strs(&L->F, v, &ff[15], 0, &items);
	p->keywords = arena_alloc(L->a, (n + 1) * sizeof(*p->keywords));
	for (size_t i = 0; i < n; i++)
		p->keywords[p->nkeywords++] = items[i]->s;
	/* Without a year or the issuing region, the checks that need them
	 * (planned times, dates, units) would only repeat this file's error. */
	p->broken_meta = !p->year || !p->region;
	read_due(L, p, val_get(v, "due"), &p->due_text, &p->due);

	if (L->flags & SITE_TEXT_WARNINGS) {
		struct buf html = BUF_INIT;
		md_render(&html, fm.body, fm.blen, p->path, fm.body_line0, 1, L->d);
		buf_free(&html);
	}
}

static void load_plan_md(struct loader *L, struct plan *p)
{
	size_t len;
	char *text = read_text(L, p->path, &len, 1);
	if (text)
		parse_plan_md(L, p, text, len);
	else
		p->broken_meta = 1; /* reported: no year or region to check by */
	free(text);
}

/* Find a task or row id among those loaded so far; the node of the first. */
static const struct val *task_id_taken(const struct plan *p, size_t upto, const char *id)
{
	size_t i = idx_plan_get(p, IDX_TASK, id);
	return i < upto ? val_get(p->tasks[i].node, "id") : NULL;
}

/* The items of a units field (a list, or one text) as cells. */
static void load_unit_field(struct loader *L, const struct val *map, const struct field *f,
			    enum unit_role role, struct task *t)
{
	const struct val **items;
	size_t n = f_strs(&L->F, map, f, 0, &items);
	for (size_t i = 0; i < n; i++)
		load_unit_cell(L, &t->unit_cells[t->nunit_cells++], items[i], role);
}

static size_t list_len(const struct val *v)
{
	return !v ? 0 : v->kind == VAL_LIST ? v->len : 1;
}

static void load_tasks(struct loader *L, struct plan *p)
{
	static const struct field top[] = { { "tasks", "列表" }, { 0 } };
	static const struct field tf[] = {
		{ "id", "编号，如 2-1" }, { "section", "所在标题" }, { "no", "原文序号" },
		{ "title", "标题" }, { "text", "原文" }, { "units", "[发改委, 人社局]" },
		{ "when", "计划时间" }, { "indicators", "[指标编号]" }, { "lead", "[牵头单位]" },
		{ "partners", "[配合单位]" }, { 0 },
	};
	const char *path = path_join(L, p->dir, "tasks.yaml");
	struct val *v = read_yaml_file(L, path, 0, &p->broken_tasks);
	if (!v || !f_is_map(&L->F, v, "tasks.yaml "))
		return;
	f_unknown(&L->F, v, top);
	struct val *ts = val_get(v, "tasks");
	if (!ts) {
		diag_at(L->d, DIAG_ERROR, v, "文件以一行 \"tasks:\" 开头，下面逐项列出任务",
			"缺少必填字段 \"tasks\"");
		return;
	}
	if (!f_is_list(&L->F, ts, "tasks"))
		return;
	p->tasks = arena_alloc(L->a, (ts->len + 1) * sizeof(*p->tasks));
	for (size_t i = 0; i < ts->len; i++) {
		struct val *m = ts->items[i];
		if (!f_is_map(&L->F, m, "任务"))
			continue;
		f_unknown(&L->F, m, tf);
		struct task *t = &p->tasks[p->ntasks];
		memset(t, 0, sizeof(*t)); /* a slot left by a task skipped above */
		t->node = m;
		t->id = f_id(&L->F, m, &tf[0], 1);
		t->section = f_str(&L->F, m, &tf[1], 0);
		t->no = f_str(&L->F, m, &tf[2], 0);
		t->title = f_str(&L->F, m, &tf[3], 0);
		t->text = f_str(&L->F, m, &tf[4], 1);
		size_t cap = list_len(val_get(m, "lead")) + list_len(val_get(m, "units")) +
			     list_len(val_get(m, "partners"));
		t->unit_cells = arena_alloc(L->a, (cap + 1) * sizeof(*t->unit_cells));
		load_unit_field(L, m, &tf[8], ROLE_LEAD, t);
		load_unit_field(L, m, &tf[5], ROLE_RESPONSIBLE, t);
		load_unit_field(L, m, &tf[9], ROLE_PARTNER, t);
		read_when(L, p, val_get(m, "when"), "计划时间", &t->when_text, &t->when);
		if (!t->id)
			continue;
		const struct val *first = task_id_taken(p, p->ntasks, t->id);
		if (first) {
			duplicate(L, val_get(m, "id"), t->id, first);
			continue;
		}
		idx_plan_add(p, IDX_TASK, t->id, p->ntasks++);
	}
}

/* An actual value: a plain number (progress.yaml). */
static void figure_from(struct figure *f, const struct val *v)
{
	memset(f, 0, sizeof(*f));
	f->node = v;
	f->text = v && v->kind == VAL_STR ? v->s : NULL;
	f->is_num = f->text && number_parse(f->text, &f->num) == 0;
	if (f->is_num) {
		f->reading.kind = TARGET_EXACT;
		f->reading.lo = f->reading.hi = f->num;
	}
}

/* A target as written (不少于540人, 2～3名, 各5名 …), read in the unit.
 * Text that starts like a target but cannot be read is said to be text. */
static void target_from(struct loader *L, struct figure *f, const struct val *v, const char *unit,
			const char *what)
{
	memset(f, 0, sizeof(*f));
	f->node = v;
	f->text = v && v->kind == VAL_STR ? v->s : NULL;
	if (!f->text)
		return;
	/* A number written in a form no reader should guess at (1e400, .nan,
	 * 0x1F, +5, seven decimals), or below zero: shown as text, said why. */
	double num;
	const char *why = number_problem(f->text);
	if (why || (number_parse(f->text, &num) == 0 && num < 0)) {
		diag_at(L->d, DIAG_WARNING, v, why ? "只写阿拉伯数字（可带小数点），例如 1100 或 0.35"
						 : "检查是否多写了负号；负数不计算完成率",
			"%s \"%s\"%s%s；将按文字显示，不计算完成率，也不参与核对", what, v->s,
			why ? "：" : " 是负数", why ? why : "");
		f->reading.kind = TARGET_TEXT;
		return;
	}
	f->is_num = target_parse(&f->reading, v->s, v->n, unit) == 0;
	f->num = f->reading.kind == TARGET_AT_MOST ? f->reading.hi : f->reading.lo;
	if (f->is_num || !f->reading.number)
		return;
	unsigned col = v->col;
	if (v->plain && !strchr(v->s, '\n'))
		col += (unsigned)utf8_count(v->s, f->reading.err_off);
	struct buf m = BUF_INIT;
	if (f->reading.backwards)
		buf_printf(&m, "%s \"%s\" 的范围前大后小", what, v->s);
	else if (f->reading.err_off >= v->n)
		buf_printf(&m, "%s \"%s\" 不完整，或前后说法矛盾（如“不少于”和“以内”）", what, v->s);
	else
		buf_printf(&m, "%s \"%s\" 从 \"%s\" 起读不懂", what, v->s, v->s + f->reading.err_off);
	diag_add(L->d, DIAG_WARNING, v->file, v->line, col,
		 "能读懂的写法如 540、不少于540人、15人以上、不超过500元、2～3名、各5名、两场、1100万"
		 "（数字后只写计量单位，详见 docs/format.md）；原文就是这样的，可以不改",
		 "%s，将按文字显示，不计算完成率，也不参与核对", m.ptr);
	buf_free(&m);
}

static struct column *find_column(struct plan *p, const char *key)
{
	size_t i = idx_plan_get(p, IDX_COLUMN, key);
	return i < p->nicols ? &p->icols[i] : NULL;
}

static void load_columns(struct loader *L, struct plan *p, const struct val *cs)
{
	static const struct field cf[] = {
		{ "key", "地区或结对关系编号" }, { "label", "表头文字" }, { "group", "上一级表头" },
		{ "of", "所属列的 key" }, { 0 },
	};
	if (!cs || !f_is_list(&L->F, cs, "columns"))
		return;
	p->icols = arena_alloc(L->a, (cs->len + 1) * sizeof(*p->icols));
	for (size_t i = 0; i < cs->len; i++) {
		struct val *m = cs->items[i];
		if (!f_is_map(&L->F, m, "列"))
			continue;
		f_unknown(&L->F, m, cf);
		struct column *c = &p->icols[p->nicols];
		memset(c, 0, sizeof(*c));
		c->node = m;
		c->key = f_id(&L->F, m, &cf[0], 1);
		c->label = f_str(&L->F, m, &cf[1], 0);
		c->group = f_str(&L->F, m, &cf[2], 0);
		if (!c->key)
			continue;
		c->region = site_region(L->s, c->key);
		c->pairing = site_pairing(L->s, c->key);
		if (!c->region && !c->pairing) {
			unknown_region(L, val_get(m, "key"), c->key);
			continue;
		}
		if (c->pairing)
			c->region = c->pairing->east;
		if (!c->label)
			c->label = c->pairing ? c->pairing->west->short_name : c->region->short_name;
		if (find_column(p, c->key)) {
			duplicate(L, val_get(m, "key"), c->key, val_get(find_column(p, c->key)->node, "key"));
			continue;
		}
		idx_plan_add(p, IDX_COLUMN, c->key, p->nicols++);
	}
	for (size_t i = 0; i < p->nicols; i++) {
		struct column *c = &p->icols[i];
		const char *of = f_str(&L->F, c->node, &cf[3], 0);
		if (!of)
			continue;
		c->of = find_column(p, of);
		if (!c->of || c->of == c)
			diag_at(L->d, DIAG_ERROR, val_get(c->node, "of"), "of 要写本表另一列的 key",
				"没有 key 为 \"%s\" 的列", of);
	}
}

/* The column (or, without columns, the region or pairing) named by key;
 * reports an unknown key. Returns 0 if known. */
static int breakdown_key(struct loader *L, struct plan *p, const struct val *at, const char *key,
			 struct column **col)
{
	*col = NULL;
	if (p->nicols) {
		*col = find_column(p, key);
		if (*col)
			return 0;
		diag_at(L->d, DIAG_ERROR, at, "先在 columns 中列出这一列",
			"分解列 \"%s\" 不在 columns 中", key);
		return -1;
	}
	if (site_region(L->s, key) || site_pairing(L->s, key))
		return 0;
	unknown_region(L, at, key);
	return -1;
}

static const struct cell *indicator_cell(const struct indicator *ind, const char *key)
{
	if (ind->ncells > VAL_INDEX_MIN && !val_get(val_get(ind->node, "by_region"), key))
		return NULL; /* big breakdowns: the map's index says no at once */
	for (size_t i = 0; i < ind->ncells; i++)
		if (strcmp(ind->cells[i].key, key) == 0)
			return &ind->cells[i];
	return NULL;
}

static struct indicator *find_indicator(const struct plan *p, const char *id)
{
	size_t i = idx_plan_get(p, IDX_INDICATOR, id);
	return i < p->nall_indicators ? p->all_indicators[i] : NULL;
}

static struct indicator *load_indicator(struct loader *L, struct plan *p, const struct val *m,
					struct indicator *parent, size_t cap)
{
	static const struct field inf[] = {
		{ "id", "编号" }, { "group", "所在标题" }, { "no", "原文序号" }, { "name", "指标名称" },
		{ "unit", "计量单位，如 人、万元" }, { "nature", "约束性 或 预期性" },
		{ "target", "目标值" }, { "by_region", "按地区分解" }, { "note", "说明" },
		{ "children", "其中项" }, { "discrepancy", "原表数字不相符的说明" },
		{ "due", "完成时限，如 11月底前 或 2024-11-30" }, { 0 },
	};
	if (!f_is_map(&L->F, m, "指标"))
		return NULL;
	f_unknown(&L->F, m, inf);
	struct indicator *ind = arena_alloc(L->a, sizeof(*ind));
	ind->node = m;
	ind->parent = parent;
	ind->id = f_id(&L->F, m, &inf[0], 1);
	ind->group = f_str(&L->F, m, &inf[1], 0);
	ind->no = f_str(&L->F, m, &inf[2], 0);
	ind->name = f_str(&L->F, m, &inf[3], 1);
	ind->unit = f_str(&L->F, m, &inf[4], 1);
	ind->nature = f_str(&L->F, m, &inf[5], 0);
	ind->note = f_str(&L->F, m, &inf[8], 0);
	ind->discrepancy = f_str(&L->F, m, &inf[10], 0);
	if (ind->nature && strcmp(ind->nature, "约束性") != 0 && strcmp(ind->nature, "预期性") != 0) {
		diag_at(L->d, DIAG_ERROR, val_get(m, "nature"),
			"写 约束性 或 预期性；原文没有写明就删掉这一行",
			"指标性质 \"%s\" 无效", ind->nature);
		ind->nature = NULL;
	}
	const struct val *tv = val_get(m, "target");
	if (!tv && parent && parent->target.is_num && parent->target.reading.each) {
		/* 分别不少于6人次 above: each part, this one, has the same target */
		ind->target.reading = parent->target.reading;
		ind->target.reading.each = 0;
		ind->target.is_num = 1;
		ind->target.num = parent->target.num;
	} else {
		if (!f_str(&L->F, m, &inf[6], 1))
			tv = NULL;
		target_from(L, &ind->target, tv, ind->unit, "目标值");
	}
	read_due(L, p, val_get(m, "due"), &ind->due_text, &ind->due);

	const struct val *br = val_get(m, "by_region");
	if (br && br->kind != VAL_NULL) {
		if (br->kind != VAL_MAP) {
			diag_at(L->d, DIAG_ERROR, br, "每行写 \"地区编号: 数值\"",
				"by_region 应该是映射（地区: 数值）");
		} else {
			ind->cells = arena_alloc(L->a, (br->len + 1) * sizeof(*ind->cells));
			for (size_t i = 0; i < br->len; i++) {
				const struct val *k = br->pairs[i].key, *cv = br->pairs[i].v;
				struct cell *c = &ind->cells[ind->ncells];
				if (breakdown_key(L, p, k, k->s, &c->col) != 0)
					continue;
				c->key = k->s;
				if (cv->kind == VAL_NULL && ind->target.is_num && ind->target.reading.each) {
					/* 各5名: the part has the target for each part */
					c->value.node = k;
					c->value.reading = ind->target.reading;
					c->value.reading.each = 0;
					c->value.is_num = 1;
					c->value.num = ind->target.num;
					ind->ncells++;
					continue;
				}
				if (cv->kind != VAL_STR || cv->n == 0) {
					diag_at(L->d, DIAG_ERROR, cv->kind == VAL_NULL ? k : cv,
						ind->target.reading.each ? "写上数值或原文文字；原表空白就删掉这一行"
									 : "写上数值或原文文字；原表空白就删掉这一行（只有目标写作“各……”时，分解列可以不写值）",
						"地区 \"%s\" 的值是空的", k->s);
					continue;
				}
				target_from(L, &c->value, cv, ind->unit, "分解数");
				ind->ncells++;
			}
		}
	}
	if (!ind->id || !ind->name)
		return NULL;
	struct indicator *first = find_indicator(p, ind->id);
	if (first) {
		duplicate(L, val_get(m, "id"), ind->id, val_get(first->node, "id"));
		return NULL;
	}
	if (p->nall_indicators < cap) {
		idx_plan_add(p, IDX_INDICATOR, ind->id, p->nall_indicators);
		p->all_indicators[p->nall_indicators++] = ind;
	}

	const struct val *ch = val_get(m, "children");
	if (ch && f_is_list(&L->F, ch, "children") && ch->kind == VAL_LIST) {
		ind->children = arena_alloc(L->a, (ch->len + 1) * sizeof(*ind->children));
		for (size_t i = 0; i < ch->len; i++) {
			struct indicator *c = load_indicator(L, p, ch->items[i], ind, cap);
			if (c)
				ind->children[ind->nchildren++] = c;
		}
	}
	/* What completion is judged against: 各 counted over the parts. */
	ind->goal = ind->target.reading;
	if (ind->target.is_num && ind->goal.each) {
		size_t parts = 0;
		for (size_t i = 0; i < ind->ncells; i++)
			parts += !p->total_col || ind->cells[i].col != p->total_col;
		if (!parts)
			parts = ind->nchildren;
		if (!parts)
			parts = 1;
		ind->goal.lo *= (double)parts;
		ind->goal.hi *= (double)parts;
		ind->goal.each = 0;
	}
	return ind;
}

/* How many indicator maps a list holds, children included (for sizing). */
static size_t count_indicators(const struct val *list)
{
	size_t n = 0;
	if (!list || list->kind != VAL_LIST)
		return 0;
	for (size_t i = 0; i < list->len; i++)
		n += 1 + count_indicators(val_get(list->items[i], "children"));
	return n;
}

static void load_indicators(struct loader *L, struct plan *p)
{
	static const struct field top[] = {
		{ "title", "表格标题" }, { "columns", "分解列" }, { "indicators", "列表" },
		{ "notes", "备注" }, { "uncertain", "转录中不确定之处" },
		{ "total", "目标值所在列的 key" }, { 0 },
	};
	const char *path = path_join(L, p->dir, "indicators.yaml");
	struct val *v = read_yaml_file(L, path, 0, &p->broken_indicators);
	if (!v || !f_is_map(&L->F, v, "indicators.yaml "))
		return;
	f_unknown(&L->F, v, top);
	p->indicators_title = f_str(&L->F, v, &top[0], 0);
	p->indicator_notes = f_str(&L->F, v, &top[3], 0);
	p->uncertain = f_str(&L->F, v, &top[4], 0);
	load_columns(L, p, val_get(v, "columns"));
	const char *total = f_str(&L->F, v, &top[5], 0);
	if (total) {
		p->total_col = find_column(p, total);
		if (!p->total_col)
			diag_at(L->d, DIAG_ERROR, val_get(v, "total"), "total 要写 columns 中某一列的 key",
				"没有 key 为 \"%s\" 的列", total);
	}
	struct val *is = val_get(v, "indicators");
	if (!is) {
		diag_at(L->d, DIAG_ERROR, v, "在 \"indicators:\" 下逐项列出指标",
			"缺少必填字段 \"indicators\"");
		return;
	}
	if (!f_is_list(&L->F, is, "indicators"))
		return;
	size_t cap = count_indicators(is);
	p->all_indicators = arena_alloc(L->a, (cap + 1) * sizeof(*p->all_indicators));
	p->indicators = arena_alloc(L->a, (is->len + 1) * sizeof(*p->indicators));
	for (size_t i = 0; i < is->len; i++) {
		struct indicator *ind = load_indicator(L, p, is->items[i], NULL, cap);
		if (ind)
			p->indicators[p->nindicators++] = ind;
	}
}

/* A progress date must lie in the plan's year and not after as_of. */
static void check_date(struct loader *L, const struct plan *p, const struct val *at, int day)
{
	int y, m, d;
	if (!day)
		return;
	date_to_ymd(day, &y, &m, &d);
	if (p->broken_meta)
		return; /* no year to check against */
	if (p->as_of && day > p->as_of) {
		struct buf b = BUF_INIT;
		date_put_iso(&b, p->as_of);
		diag_at(L->d, DIAG_WARNING, at, "进展日期不能晚于进展截至日期；检查日期或 as_of",
			"日期 %s 晚于 as_of（%s）", val_text(at), b.ptr);
		buf_free(&b);
	} else if (y != p->year) {
		diag_at(L->d, DIAG_WARNING, at, "检查年份是否写错",
			"日期 %s 不在计划年度 %d 年内", val_text(at), p->year);
	}
}

static const char *const status_words[] = { "", "未开始", "推进中", "已完成", "已取消" };

static void load_progress_item(struct loader *L, struct plan *p, const struct val *m,
			       struct progress *pr)
{
	static const struct field sf[] = {
		{ "id", "编号" }, { "status", "未开始、推进中、已完成 或 已取消" },
		{ "date", "日期 YYYY-MM-DD" }, { "note", "说明" }, { "reason", "取消原因" }, { 0 },
	};
	f_unknown(&L->F, m, sf);
	pr->node = m;
	const char *st = f_str(&L->F, m, &sf[1], 1);
	for (int k = ST_NOT_STARTED; st && k <= ST_CANCELLED; k++)
		if (strcmp(st, status_words[k]) == 0)
			pr->status = (enum status)k;
	if (st && pr->status == ST_NONE)
		diag_at(L->d, DIAG_ERROR, val_get(m, "status"),
			"写 未开始、推进中、已完成 或 已取消 之一", "进展状态 \"%s\" 无效", st);
	pr->date = f_date(&L->F, m, &sf[2], pr->status == ST_DONE || pr->status == ST_CANCELLED);
	pr->note = f_str(&L->F, m, &sf[3], 0);
	pr->reason = f_str(&L->F, m, &sf[4], pr->status == ST_CANCELLED);
	check_date(L, p, val_get(m, "date"), pr->date);
}

static void load_progress(struct loader *L, struct plan *p)
{
	static const struct field top[] = {
		{ "as_of", "进展截至日期 YYYY-MM-DD" }, { "sample", "true（示例数据）" },
		{ "tasks", "列表" }, { "schedule", "列表" }, { "indicators", "列表" }, { 0 },
	};
	static const struct field vf[] = {
		{ "id", "指标编号" }, { "values", "列表" }, { 0 },
	};
	static const struct field af[] = {
		{ "date", "日期 YYYY-MM-DD" }, { "value", "数值" }, { "region", "分解列" },
		{ "note", "说明" }, { 0 },
	};
	static const struct field idf = { "id", "编号" };
	const char *path = path_join(L, p->dir, "progress.yaml");
	struct val *v = read_yaml(L, path, 0);
	if (!v || !f_is_map(&L->F, v, "progress.yaml "))
		return;
	f_unknown(&L->F, v, top);
	p->as_of = f_date(&L->F, v, &top[0], 1);
	const struct val *sv = val_get(v, "sample");
	p->sample = sv && sv->kind == VAL_BOOL && sv->b;
	if (sv && sv->kind != VAL_BOOL && sv->kind != VAL_NULL)
		diag_at(L->d, DIAG_ERROR, sv, "写 sample: true（示例数据）或删掉这一行",
			"sample 只能是 true 或 false");

	/* tasks and schedule rows */
	for (int which = 0; which < 2; which++) {
		const struct val *list = val_get(v, which ? "schedule" : "tasks");
		if (!list || !f_is_list(&L->F, list, which ? "schedule" : "tasks") || list->kind != VAL_LIST)
			continue;
		for (size_t i = 0; i < list->len; i++) {
			const struct val *m = list->items[i];
			if (!f_is_map(&L->F, m, "进展"))
				continue;
			const char *id = f_str(&L->F, m, &idf, 1);
			if (!id)
				continue;
			struct progress *pr = NULL;
			size_t k = idx_plan_get(p, which ? IDX_ROW : IDX_TASK, id);
			if (k != (size_t)-1)
				pr = which ? &p->rows[k].progress : &p->tasks[k].progress;
			if (!pr && (which ? p->broken_schedule : p->broken_tasks))
				continue; /* that file has errors already reported */
			if (!pr) {
				diag_at(L->d, DIAG_ERROR, val_get(m, "id"),
					which ? "检查编号是否与 schedule.yaml 中的 id 一致"
					      : "检查编号是否与 tasks.yaml 中的 id 一致",
					"没有编号为 \"%s\" 的%s", id, which ? "活动" : "任务");
				continue;
			}
			if (pr->node) {
				diag_at(L->d, DIAG_ERROR, val_get(m, "id"),
					"每一项只写一条进展：修改已有的那一条，删掉这一条",
					"编号 \"%s\" 的进展写了两次（第一次在第 %u 行）", id, pr->node->line);
				continue;
			}
			load_progress_item(L, p, m, pr);
		}
	}

	/* indicator values */
	const struct val *list = val_get(v, "indicators");
	if (!list || !f_is_list(&L->F, list, "indicators") || list->kind != VAL_LIST)
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct val *m = list->items[i];
		if (!f_is_map(&L->F, m, "指标进展"))
			continue;
		f_unknown(&L->F, m, vf);
		const char *id = f_str(&L->F, m, &vf[0], 1);
		if (!id)
			continue;
		struct indicator *ind = find_indicator(p, id);
		if (!ind && p->broken_indicators)
			continue;
		if (!ind) {
			diag_at(L->d, DIAG_ERROR, val_get(m, "id"),
				"检查编号是否与 indicators.yaml 中的 id 一致", "没有编号为 \"%s\" 的指标", id);
			continue;
		}
		if (ind->actuals) {
			diag_at(L->d, DIAG_ERROR, val_get(m, "id"), "把同一指标的数值写在一个 values 列表里",
				"指标 \"%s\" 的进展出现了两次", id);
			continue;
		}
		const struct val *vals = val_get(m, "values");
		if (!vals || !f_is_list(&L->F, vals, "values") || vals->kind != VAL_LIST) {
			if (!vals)
				diag_at(L->d, DIAG_ERROR, m, "在 values: 下逐项写 date 和 value",
					"缺少必填字段 \"values\"");
			continue;
		}
		ind->actuals = arena_alloc(L->a, (vals->len + 1) * sizeof(*ind->actuals));
		for (size_t k = 0; k < vals->len; k++) {
			const struct val *e = vals->items[k];
			if (!f_is_map(&L->F, e, "数值"))
				continue;
			f_unknown(&L->F, e, af);
			struct actual *ac = &ind->actuals[ind->nactuals];
			ac->node = e;
			ac->date = f_date(&L->F, e, &af[0], 1);
			const struct val *num = val_get(e, "value");
			if (!f_str(&L->F, e, &af[1], 1))
				continue;
			figure_from(&ac->value, num);
			if (!ac->value.is_num) {
				const char *why = number_problem(ac->value.text);
				diag_at(L->d, DIAG_ERROR, num, "用阿拉伯数字，可带小数点，如 210 或 0.35",
					"\"%s\" 不是数值%s%s", ac->value.text, why ? "：" : "", why ? why : "");
				continue;
			}
			if (ac->value.num < 0) {
				diag_at(L->d, DIAG_ERROR, num, "完成值是累计数，不能为负；检查是否多写了负号",
					"完成值 %s 是负数", ac->value.text);
				continue;
			}
			ac->note = f_str(&L->F, e, &af[3], 0);
			ac->region = f_str(&L->F, e, &af[2], 0);
			if (ac->region && breakdown_key(L, p, val_get(e, "region"), ac->region, &ac->col) != 0)
				continue;
			if (ac->region && !indicator_cell(ind, ac->region)) {
				diag_at(L->d, DIAG_ERROR, val_get(e, "region"),
					ind->ncells ? "region 要写这个指标 by_region 中已有的地区；合计不写 region"
						    : "这个指标没有按地区分解：删掉 region，按合计填写",
					"指标 \"%s\" 没有 \"%s\" 的分解目标", ind->name, ac->region);
				continue;
			}
			if (!ac->date)
				continue;
			check_date(L, p, val_get(e, "date"), ac->date);
			ind->nactuals++;
		}
	}
}

/* The indicators a task or row names (indicators: [ids]). */
static size_t link_indicators(struct loader *L, const struct plan *p, const struct val *node,
			      struct indicator ***out)
{
	static const struct field f = { "indicators", "[指标编号]" };
	const struct val **ids;
	size_t n = f_strs(&L->F, node, &f, 0, &ids), k = 0;
	*out = arena_alloc(L->a, (n + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		struct indicator *ind = find_indicator(p, ids[i]->s);
		if (!ind && p->broken_indicators)
			continue;
		if (!ind) {
			diag_at(L->d, DIAG_ERROR, ids[i], "检查编号是否与 indicators.yaml 中的 id 一致",
				"没有编号为 \"%s\" 的指标", ids[i]->s);
			continue;
		}
		(*out)[k++] = ind;
	}
	return k;
}

/* Resolve what plans refer to: units, linked indicators. */
static void resolve_plan(struct loader *L, struct plan *p)
{
	for (size_t i = 0; i < p->ntasks; i++) {
		struct task *t = &p->tasks[i];
		struct unit_cell **cells = arena_alloc(L->a, (t->nunit_cells + 1) * sizeof(*cells));
		for (size_t k = 0; k < t->nunit_cells; k++) {
			resolve_cell(L, p, &t->unit_cells[k]);
			cells[k] = &t->unit_cells[k];
		}
		t->nunits = unit_refs_of(L, cells, t->nunit_cells, &t->units);
		t->nindicators = link_indicators(L, p, t->node, &t->indicators);
	}
	for (size_t i = 0; i < p->nrows; i++)
		p->rows[i].nindicators = link_indicators(L, p, p->rows[i].node, &p->rows[i].indicators);
	/* Tasks and rows that carry an indicator, for the indicator's page:
	 * counted, then filled, in one pass over the tasks and rows each. */
	for (int fill = 0; fill < 2; fill++) {
		for (size_t i = 0; i < p->nall_indicators; i++) {
			struct indicator *ind = p->all_indicators[i];
			if (fill) {
				ind->tasks = arena_alloc(L->a, (ind->ntasks + 1) * sizeof(*ind->tasks));
				ind->rows = arena_alloc(L->a, (ind->nrows + 1) * sizeof(*ind->rows));
			}
			ind->ntasks = ind->nrows = 0;
		}
		for (size_t k = 0; k < p->ntasks; k++)
			for (size_t j = 0; j < p->tasks[k].nindicators; j++) {
				struct indicator *ind = p->tasks[k].indicators[j];
				if (fill)
					ind->tasks[ind->ntasks] = &p->tasks[k];
				ind->ntasks++;
			}
		for (size_t k = 0; k < p->nrows; k++)
			for (size_t j = 0; j < p->rows[k].nindicators; j++) {
				struct indicator *ind = p->rows[k].indicators[j];
				if (fill)
					ind->rows[ind->nrows] = &p->rows[k];
				ind->nrows++;
			}
	}
	/* A merged cell shares the names of the cell above: resolved once. */
	struct unit_cell **cells = arena_alloc(L->a, (p->ntcols + 1) * sizeof(*cells));
	for (size_t i = 0; i < p->nrows; i++) {
		struct row *r = &p->rows[i];
		size_t n = 0;
		for (size_t c = 0; c < p->ntcols; c++) {
			if (!meaning_is_units(p->tcols[c].meaning))
				continue;
			if (!r->cells[c].merged)
				resolve_cell(L, p, &r->cells[c].units);
			else if (i > 0)
				r->cells[c].units = p->rows[i - 1].cells[c].units;
			cells[n++] = &r->cells[c].units;
		}
		r->nunits = unit_refs_of(L, cells, n, &r->units);
	}
}

static int plan_cmp(const void *a, const void *b)
{
	const struct plan *x = a, *y = b;
	if (x->year != y->year)
		return x->year > y->year ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

/* Load one plan (its folder is p->dir) into p. */
static void load_plan(struct loader *L, struct plan *p)
{
	load_stray_plan(L, p->dir);
	load_plan_md(L, p);
	/* Go on without a title or year, so that the plan's other files
	 * are checked in the same run; the errors keep it off any site. */
	if (!p->year)
		p->year = 2000;
	if (!p->title)
		p->title = p->slug;
	load_tasks(L, p);
	load_schedule(L, p);
	load_indicators(L, p);
	load_progress(L, p);
	resolve_plan(L, p);
	idx_plan_done(p);
}

/* Plans load on several threads: each reads only its own files and the
 * site-wide ones loaded before (units, regions), into an arena and a
 * diagnostics list of its own thread, merged afterwards. */
struct plan_work {
	struct plan *plans;
	size_t n;
	size_t suggest; /* each plan's share of the "did you mean" budget */
	atomic_size_t next;
};

struct plan_worker {
	struct plan_work *w;
	struct loader L;
	struct diag d;
	pthread_t thread;
};

static void *plan_worker(void *arg)
{
	struct plan_worker *pw = arg;
	size_t i;
	while ((i = atomic_fetch_add(&pw->w->next, 1)) < pw->w->n) {
		/* A share of its own, so that which plans get suggestions does
		 * not depend on the order threads take them in. */
		pw->L.suggest = pw->w->suggest;
		load_plan(&pw->L, &pw->w->plans[i]);
	}
	return NULL;
}

static void load_plans(struct loader *L)
{
	struct source_entry *e;
	size_t n;
	struct site *s = L->s;

	source_list(L->src, "content/plans", &e, &n);
	s->plans = arena_alloc(L->a, (n + 1) * sizeof(*s->plans));
	for (size_t i = 0; i < n; i++) {
		if (!e[i].is_dir)
			continue;
		const char *dir = path_join(L, "content/plans", e[i].name);
		if (!id_valid(e[i].name)) {
			diag_add(L->d, DIAG_ERROR, dir, 0, 0,
				 "文件夹名会成为网址，只能用小写英文字母、数字和 -，如 2023-rugao-yangxian",
				 "计划文件夹名 \"%s\" 不合规", e[i].name);
			continue;
		}
		struct plan *p = &s->plans[s->nplans++];
		p->slug = arena_strdup(L->a, e[i].name);
		p->dir = dir;
		p->path = path_join(L, dir, "plan.md");
	}
	source_entries_free(e, n);

	struct plan_work w = { .plans = s->plans, .n = s->nplans };
	w.suggest = L->suggest / (s->nplans ? s->nplans : 1);
	if (w.suggest < SUGGEST_PLAN_MIN)
		w.suggest = SUGGEST_PLAN_MIN;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = cpus < 1 ? 1 : cpus > 8 ? 8 : (size_t)cpus;
	if (nthreads > s->nplans / 16 + 1)
		nthreads = s->nplans / 16 + 1; /* a few plans: not worth a thread */
	struct plan_worker *pw = xcalloc(nthreads, sizeof(*pw));
	for (size_t t = 0; t < nthreads; t++) {
		pw[t].w = &w;
		pw[t].L = *L;
		pw[t].L.a = arena_new();
		pw[t].L.d = &pw[t].d;
		pw[t].L.F.a = pw[t].L.a;
		pw[t].L.F.d = &pw[t].d;
	}
	for (size_t t = 1; t < nthreads; t++)
		if (pthread_create(&pw[t].thread, NULL, plan_worker, &pw[t]) != 0)
			oom();
	plan_worker(&pw[0]);
	for (size_t t = 1; t < nthreads; t++)
		pthread_join(pw[t].thread, NULL);
	for (size_t t = 0; t < nthreads; t++) {
		arena_adopt(L->a, pw[t].L.a);
		diag_merge(L->d, &pw[t].d);
	}
	free(pw);
	if (s->nplans > 1)
		qsort(s->plans, s->nplans, sizeof(*s->plans), plan_cmp);
}

/* ---- pages ------------------------------------------------------------------ */

/* First path segments the generator uses itself. */
static const char *const reserved[] = {
	"plans", "units", "regions", "indicators", "years", "assets", "changes", "data",
	"search", "method", "schedule", "feed", "404", NULL,
};

static int page_cmp(const void *a, const void *b)
{
	const struct page *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

static void load_pages(struct loader *L)
{
	static const struct field ff[] = { { "title", "页面标题" }, { "order", "菜单顺序（整数）" }, { 0 } };
	struct source_entry *e;
	size_t n;
	struct site *s = L->s;

	source_list(L->src, "content/pages", &e, &n);
	s->pages = arena_alloc(L->a, (n + 1) * sizeof(*s->pages));
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(e[i].name);
		if (e[i].is_dir || len < 4 || strcmp(e[i].name + len - 3, ".md") != 0)
			continue;
		const char *path = path_join(L, "content/pages", e[i].name);
		char *slug = arena_strndup(L->a, e[i].name, len - 3);
		int bad = !id_valid(slug);
		for (const char *const *r = reserved; !bad && *r; r++)
			bad = strcmp(*r, slug) == 0;
		if (bad) {
			diag_add(L->d, DIAG_ERROR, path, 0, 0,
				 "文件名会成为网址：只用小写英文字母、数字和 -，且不要用 plans、units 等网站保留的名字",
				 "页面文件名 \"%s\" 不可用", e[i].name);
			continue;
		}
		size_t tlen;
		char *text = read_text(L, path, &tlen, 1);
		struct fm fm;
		struct val *v;
		if (!text)
			continue;
		if (fm_split(&fm, text, tlen) != FM_OK) {
			diag_add(L->d, DIAG_ERROR, path, 1, 1,
				 "第一行写 ---，接着写 title: 页面标题，再用一行 --- 结束",
				 "页面缺少开头的元数据（front matter）");
			free(text);
			continue;
		}
		if (yml_parse(&v, L->a, L->d, path, fm.yaml, fm.ylen, fm.yaml_line0) != 0 ||
		    !f_is_map(&L->F, v, "元数据")) {
			free(text);
			continue;
		}
		f_unknown(&L->F, v, ff);
		struct page *pg = &s->pages[s->npages];
		pg->slug = slug;
		pg->path = path;
		pg->title = f_str(&L->F, v, &ff[0], 1);
		long order = 100;
		f_int(&L->F, v, &ff[1], 0, -1000, 1000, &order);
		pg->order = (int)order;
		struct buf html = BUF_INIT;
		md_render(&html, fm.body, fm.blen, path, fm.body_line0, 0, L->d);
		pg->html = arena_strndup(L->a, html.ptr, html.len);
		buf_free(&html);
		free(text);
		if (pg->title)
			s->npages++;
	}
	source_entries_free(e, n);
	if (s->npages > 1)
		qsort(s->pages, s->npages, sizeof(*s->pages), page_cmp);
}

int site_load(struct site **out, struct source *src, unsigned flags, struct diag *d)
{
	struct source_entry *e;
	size_t n;
	if (source_list(src, "content", &e, &n) != 0) {
		*out = NULL;
		return -1;
	}
	source_entries_free(e, n);

	struct site *s = xcalloc(1, sizeof(*s));
	struct loader L = { .flags = flags, .s = s, .d = d, .src = src, .suggest = SUGGEST_BUDGET };
	s->a = L.a = arena_new();
	L.F.a = L.a;
	L.F.d = d;
	load_site_yaml(&L);
	load_regions(&L);
	load_units(&L);
	load_plans(&L);
	index_units(&L);
	load_pages(&L);
	load_stray_site(&L);
	site_derive(s);
	site_check(s, d);
	*out = s;
	return 0;
}

void site_free(struct site *s)
{
	if (!s)
		return;
	idx_site_free(s);
	arena_free(s->a);
	free(s);
}
