/* load_names: unit names as plans write them.
 *
 * A cell or list item may name several units (unitsplit.h); each name is
 * resolved through the units' names and aliases, first among the plan's
 * own region, then its other regions, then by full name anywhere
 * (docs/format.md, "units"), and each unit learns every task and row that
 * names it. */
#include "load_names.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "unitsplit.h"
#include "utf8.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* Does unit u go by the name text? */
static int unit_named(const struct unit *u, const char *text)
{
	if (strcmp(u->name, text) == 0)
		return 1;
	for (size_t i = 0; i < u->naliases; i++)
		if (strcmp(u->aliases[i], text) == 0)
			return 1;
	return 0;
}

int in_regions(const struct plan *p, const struct region *r)
{
	for (size_t i = 0; i < p->nregions; i++)
		if (p->regions[i] == r)
			return 1;
	return 0;
}

/* The unit a plan means by text (docs/format.md, "units"): the first step
 * that finds one wins. NULL if none; *other is set when a step finds two. */
static struct unit *find_unit(const struct site *s, const struct plan *p, const char *text,
			      struct unit **other)
{
	*other = NULL;
	for (int step = 1; step <= 3; step++) {
		struct unit *found = NULL;
		for (size_t i = 0; i < s->nunits; i++) {
			struct unit *u = &s->units[i];
			int match;
			if (step == 1)
				match = u->region && u->region == p->region && unit_named(u, text);
			else if (step == 2)
				match = u->region && in_regions(p, u->region) && unit_named(u, text);
			else
				match = strcmp(u->name, text) == 0 || strcmp(u->id, text) == 0;
			if (!match)
				continue;
			if (found && found != u) {
				*other = u;
				return found;
			}
			found = u;
		}
		if (found)
			return found;
	}
	return NULL;
}

/* Report about one name of a cell, at the name itself when the cell is a
 * plain text on one line (so the column points at 妇联, not at the cell). */
static void diag_ref(struct loader *L, enum diag_sev sev, const struct unit_ref *r, const char *hint,
		     const char *msg)
{
	const struct val *v = r->node;
	unsigned col = v->col;
	if (v->plain && v->s && !strchr(v->s, '\n') && r->off <= v->n)
		col += (unsigned)utf8_count(v->s, r->off);
	diag_add(L->d, sev, v->file, v->line, col, hint, "%s", msg);
}

/* The registered unit closest to text: among the plan's regions first,
 * then anywhere. NULL if none is close; *exact when its name or alias is
 * text itself (a unit of a region the plan does not name). */
static const struct unit *closest_unit(const struct site *s, const struct plan *p, const char *text,
				       const char **name, int *exact)
{
	size_t len = utf8_count(text, strlen(text));
	for (int anywhere = 0; anywhere < 2; anywhere++) {
		const struct unit *best = NULL;
		size_t best_d = (size_t)-1;
		for (size_t i = 0; i < s->nunits; i++) {
			const struct unit *u = &s->units[i];
			if (!anywhere && (!u->region || !in_regions(p, u->region)))
				continue;
			for (size_t k = 0; k <= u->naliases; k++) {
				const char *nm = k < u->naliases ? u->aliases[k] : u->name;
				size_t dist = utf8_distance(nm, text);
				if (dist < best_d) {
					best_d = dist;
					best = u;
					*name = nm;
				}
			}
		}
		if (best && best_d <= (len + 1) / 2) {
			*exact = best_d == 0;
			return best;
		}
	}
	return NULL;
}

/* Resolve one name of a cell; warn if it names no unit. */
static void resolve_ref(struct loader *L, const struct plan *p, const struct unit_cell *c,
			struct unit_ref *ref)
{
	struct unit *other;
	struct buf h = BUF_INIT, m = BUF_INIT;
	ref->unit = find_unit(L->s, p, ref->text, &other);
	if (other) {
		buf_printf(&h, "在 content/units/ 中只让一个单位使用这个简称（现在 %s 和 %s 都用）",
			   ref->unit->id, other->id);
		buf_printf(&m, "%s \"%s\" 对应多个单位", unit_role_name(ref->role), ref->text);
		diag_ref(L, DIAG_ERROR, ref, h.ptr, m.ptr);
		ref->unit = NULL;
	} else if (!ref->unit) {
		const char *name = NULL;
		int exact = 0;
		const struct unit *best = closest_unit(L->s, p, ref->text, &name, &exact);
		if (best && exact)
			buf_printf(&h, "这是%s（%s）的写法，而本计划的 region、regions 中没有%s：检查 plan.md 的 region 和 regions；"
				       "如果指的是本地的另一个单位，请在 content/units/ 中登记",
				   best->name, best->region ? best->region->name : best->id,
				   best->region ? best->region->name : "它所属的地区");
		else if (best && strcmp(name, best->name) == 0)
			buf_printf(&h, "最接近的已登记单位是 \"%s\"", name);
		else if (best)
			buf_printf(&h, "最接近的已登记单位是 \"%s\"（%s）", name, best->name);
		if (best && !exact)
			buf_puts(&h, "：如果就是它，请改正写法；如果是另一个单位，请在 content/units/ 中登记");
		else if (!best)
			buf_puts(&h, "请在 content/units/ 中登记这个单位（id、name、region、aliases）");
		buf_printf(&m, "未知的%s \"%s\"", unit_role_name(ref->role), ref->text);
		if (c->nrefs > 1)
			buf_printf(&m, "（“%s”中的一个）", c->text);
		diag_ref(L, DIAG_WARNING, ref, h.ptr, m.ptr);
	}
	buf_free(&h);
	buf_free(&m);
}

/* Resolve the names of a cell. A cell that is one registered name as a
 * whole (a name with a separator in it) is that one unit. */
void resolve_cell(struct loader *L, const struct plan *p, struct unit_cell *c)
{
	struct unit *whole, *other;
	if (c->nrefs > 1 && (whole = find_unit(L->s, p, c->text, &other)) != NULL && !other) {
		c->refs[0].text = c->text;
		c->refs[0].off = 0;
		c->refs[0].unit = whole;
		c->refs[0].role = c->field;
		c->nrefs = 1;
		return;
	}
	for (size_t i = 0; i < c->nrefs; i++)
		resolve_ref(L, p, c, &c->refs[i]);
}

void load_unit_cell(struct loader *L, struct unit_cell *c, const struct val *node, enum unit_role field)
{
	memset(c, 0, sizeof(*c));
	c->field = field;
	if (!node || node->kind != VAL_STR)
		return;
	c->text = node->s;
	size_t n = unit_split(node->s, node->n, field, NULL, 0);
	struct unit_part *parts = xcalloc(n + 1, sizeof(*parts));
	unit_split(node->s, node->n, field, parts, n);
	c->refs = arena_alloc(L->a, (n + 1) * sizeof(*c->refs));
	for (size_t i = 0; i < n; i++) {
		struct unit_ref *r = &c->refs[i];
		r->text = arena_strndup(L->a, node->s + parts[i].off, parts[i].len);
		r->role = parts[i].role;
		r->node = node;
		r->off = parts[i].off;
	}
	c->nrefs = n;
	free(parts);
}

/* Every name of some cells, in order, once the cells are resolved. */
size_t unit_refs_of(struct loader *L, struct unit_cell *const *cells, size_t n, struct unit_ref **out)
{
	size_t total = 0, k = 0;
	for (size_t i = 0; i < n; i++)
		total += cells[i]->nrefs;
	*out = arena_alloc(L->a, (total + 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < cells[i]->nrefs; j++)
			(*out)[k++] = cells[i]->refs[j];
	return k;
}

static void add_use(struct unit *u, struct plan *p, struct task *t, struct row *r, enum unit_role role,
		    int fill)
{
	if (fill) {
		struct unit_use *use = &u->uses[u->nuses];
		use->plan = p;
		use->task = t;
		use->row = r;
		use->role = role;
	}
	u->nuses++;
}

/* Each unit of refs once, with the role it is first named in. */
static void add_uses(const struct unit_ref *refs, size_t n, struct plan *p, struct task *t, struct row *r,
		     int fill)
{
	for (size_t j = 0; j < n; j++) {
		struct unit *u = refs[j].unit;
		int seen = 0;
		for (size_t q = 0; q < j; q++)
			seen |= refs[q].unit == u;
		if (u && !seen)
			add_use(u, p, t, r, refs[j].role, fill);
	}
}

/* For each unit, what it is named in: counted, then filled. A unit named
 * twice in one task or row counts once. */
void index_units(struct loader *L)
{
	struct site *s = L->s;
	for (int fill = 0; fill < 2; fill++) {
		for (size_t i = 0; fill && i < s->nunits; i++) {
			s->units[i].uses = arena_alloc(L->a, (s->units[i].nuses + 1) * sizeof(struct unit_use));
			s->units[i].nuses = 0;
		}
		for (size_t i = 0; i < s->nplans; i++) {
			struct plan *p = &s->plans[i];
			for (size_t k = 0; k < p->ntasks; k++)
				add_uses(p->tasks[k].units, p->tasks[k].nunits, p, &p->tasks[k], NULL, fill);
			for (size_t k = 0; k < p->nrows; k++)
				add_uses(p->rows[k].units, p->rows[k].nunits, p, NULL, &p->rows[k], fill);
		}
	}
}
