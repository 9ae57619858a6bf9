// Accessibility (issue 12): axe-core's WCAG 2.1 A and AA rules on one page
// of every kind at 375 and 1280 px, with zero violations and every
// "incomplete" result one of the explained kinds below; a visible focus
// style of at least 3:1 against what is around it; charts that hold nothing
// focusable; scrolling boxes reachable by keyboard; the skip link first.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pageKinds, contrast, parseColor } from './lib.mjs';

export const name = 'a11y';
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WIDTHS = [375, 1280];

// What axe may leave undecided, and why that is not a defect. Each entry
// names the rule, the check's message key and where it may occur; anything
// else undecided fails the test.
const EXPLAINED = [
	// Text drawn in a chart: the chart is role="img" with its own title and
	// the same numbers in the table beside it; the colours of chart text are
	// checked by charts.test.mjs against the chart's background.
	{ rule: 'color-contrast', key: 'imgNode', where: (n) => /^<(text|tspan)\b/.test(n.html) },
	{ rule: 'color-contrast', key: 'bgOverlap', where: (n) => /^<(text|tspan)\b/.test(n.html) },
	// Text of a table that scrolls sideways in its own box (tabindex=0, so
	// reachable by keyboard): axe cannot judge what is scrolled out of view.
	{ rule: 'color-contrast', key: 'elmPartiallyObscured', where: (n) => n.inScroller },
	// One or two characters (a count, a 0): axe does not judge text this
	// short; the same colour pair is judged on longer text of the page.
	{ rule: 'color-contrast', key: 'shortTextContent', where: () => true },
	// A group heading row (one <th> across the table) heads the rows below
	// it; axe cannot tie a spanning header to cells.
	{ rule: 'th-has-data-cells', key: null, where: (n) => /<tr class="group">/.test(n.html) || n.groupRows },
];

const explained = (rule, node) => {
	const keys = [...node.any, ...node.all, ...node.none].map((c) => (c.data && c.data.messageKey) || null);
	return EXPLAINED.some((e) => e.rule === rule && (e.key === null || keys.includes(e.key)) && e.where(node));
};

// The focus indicator of the focused element: its colours that differ from
// the background around it (outline, box-shadow, background), and the
// background it sits on.
const focusLook = () => {
	const el = document.activeElement, s = getComputedStyle(el);
	let bg = null;
	for (let p = el.parentElement; p && !bg; p = p.parentElement) {
		const c = getComputedStyle(p).backgroundColor;
		if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') bg = c;
	}
	const marks = [];
	if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) marks.push(s.outlineColor);
	for (const m of (s.boxShadow || '').matchAll(/rgba?\([^)]*\)[^,]*?(-?\d+)px (-?\d+)px/g)) marks.push(m[0].match(/rgba?\([^)]*\)/)[0]);
	if (s.backgroundColor !== 'rgba(0, 0, 0, 0)') marks.push(s.backgroundColor);
	return { tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim().slice(0, 20), marks, bg: bg || 'rgb(255, 255, 255)',
		color: s.color, own: s.backgroundColor };
};

export default async function (t) {
	const kinds = pageKinds(t.site);
	const found = kinds.map((k) => k.kind);
	const always = ['home', 'plan', 'units-index', 'regions-index', 'changes', 'method', 'data', 'search', '404'];
	t.ok(always.every((k) => found.includes(k)), `expected every kind of page, found ${found.join(' ')}`);
	const page = await t.context.newPage();
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: 900 });
		for (const { kind, path } of kinds) {
			await page.goto(t.url(path));
			await page.addScriptTag({ content: AXE });
			const r = await page.evaluate(async () => {
				const res = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
				const slim = (v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ html: n.html.slice(0, 200), target: String(n.target),
					any: n.any, all: n.all, none: n.none,
					groupRows: !!document.querySelector(String(n.target))?.querySelector('tr.group'),
					inScroller: (() => { const w = document.querySelector(String(n.target))?.closest('.table-wrap');
						return !!w && w.tabIndex === 0 && w.scrollWidth > w.clientWidth; })() })) });
				return { violations: res.violations.map(slim), incomplete: res.incomplete.map(slim) };
			});
			const v = r.violations.map((x) => `${x.id} ×${x.nodes.length} (${x.nodes[0].target})`);
			t.ok(v.length === 0, `${kind} ${path} at ${width} px: axe violations: ${v.join('; ')}`);
			const open = [];
			for (const x of r.incomplete) for (const n of x.nodes) if (!explained(x.id, n)) open.push(`${x.id} ${n.target} ${n.html.slice(0, 80)}`);
			t.ok(open.length === 0, `${kind} ${path} at ${width} px: ${open.length} unexplained incomplete: ${open.slice(0, 3).join('; ')}`);

			// Nothing focusable inside a chart; every scrolling box focusable.
			const inside = await page.evaluate(() => [...document.querySelectorAll('svg a, svg [tabindex], svg [role="img"] [href]')].length);
			t.ok(inside === 0, `${kind} at ${width} px: ${inside} focusable things inside a chart`);
			const stuck = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => {
				const s = getComputedStyle(el);
				return /auto|scroll/.test(s.overflowX + s.overflowY) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) &&
					el.tabIndex < 0 && !el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]');
			}).map((el) => el.className));
			t.ok(stuck.length === 0, `${kind} at ${width} px: scrolling boxes not reachable by keyboard: ${stuck.join(', ')}`);
		}
	}

	// Keyboard: the skip link comes first and leads to the main content;
	// every focused thing shows an indicator of at least 3:1 against the
	// background around it (GOV.UK's yellow with a black bar).
	await page.setViewportSize({ width: 1280, height: 900 });
	const plan = kinds.find((k) => k.kind === 'plan');
	for (const { kind, path } of [plan, kinds.find((k) => k.kind === 'schedule'), kinds.find((k) => k.kind === 'search')].filter(Boolean)) {
		await page.goto(t.url(path));
		await page.keyboard.press('Tab');
		const first = await page.evaluate(() => document.activeElement.className);
		if (kind === 'plan') t.ok(first === 'skip', `the first Tab stop is .${first}, not the skip link`);
		if (kind === 'plan') {
			const look = await page.evaluate(() => { const b = document.activeElement.getBoundingClientRect(); return { top: b.top, left: b.left, w: b.width }; });
			t.ok(look.left >= 0 && look.top >= 0 && look.w > 20, `the focused skip link is on screen: ${JSON.stringify(look)}`);
		}
		const seen = new Set();
		for (let i = 0; i < 40; i++) {
			const f = await page.evaluate(focusLook);
			if (f.tag === 'body') { await page.keyboard.press('Tab'); continue; }
			const key = `${f.tag}:${f.bg}`;
			if (!seen.has(key)) {
				seen.add(key);
				const best = Math.max(0, ...f.marks.map((m) => contrast(parseColor(m), parseColor(f.bg))));
				t.ok(best >= 3, `${kind}: focused ${f.tag} "${f.text}" on ${f.bg}: focus indicator ${f.marks.join(' / ') || 'none'} is ${best.toFixed(2)}:1, under 3:1`);
				if (f.own !== 'rgba(0, 0, 0, 0)') {
					const c = contrast(parseColor(f.color), parseColor(f.own));
					t.ok(c >= 4.5, `${kind}: focused ${f.tag} "${f.text}": text ${f.color} on ${f.own} is ${c.toFixed(2)}:1`);
				}
			}
			await page.keyboard.press('Tab');
		}
		if (kind === 'plan') {
			await page.goto(t.url(path));
			await page.keyboard.press('Tab');
			await page.keyboard.press('Enter');
			await page.keyboard.press('Tab');
			const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
			t.ok(inMain, 'after the skip link, the next Tab stop is inside main');
		}
	}
	await page.close();
}
