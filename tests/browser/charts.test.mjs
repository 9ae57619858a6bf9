// Charts that explain themselves (issue 12): one set of status colours
// across the timeline's bars, the tally bars and the tags; every colour a
// chart or tally uses named in its legend; chart text at 4.5:1 and marks at
// 3:1 on white; no two labels of a chart overlapping (bounding boxes), nor
// a label crossing the pace or as-of line; every chart beside its table.
import { pageKinds, contrast, parseColor } from './lib.mjs';

export const name = 'charts';

const look = () => {
	const fill = (el) => getComputedStyle(el).fill;
	const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
		const texts = [...svg.querySelectorAll('text')].filter((e) => e.textContent.trim() && e.getBBox().width > 0)
			.map((e) => { const b = e.getBoundingClientRect(); return { t: e.textContent.trim(), cls: e.getAttribute('class') || '',
				box: [b.left, b.top, b.right, b.bottom], fill: fill(e) }; });
		// Lines as segments on screen (a pace line is diagonal: its box is not it).
		const lines = [...svg.querySelectorAll('.c-asof line, line.c-asof, line.c-expected')].filter((l) => !l.closest('.c-legend'))
			.map((e) => { const m = e.getScreenCTM(), p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
				const a = p(e.x1.baseVal.value, e.y1.baseVal.value), b = p(e.x2.baseVal.value, e.y2.baseVal.value);
				return [a.x, a.y, b.x, b.y]; });
		// A mark's look: its fill colour, or its pattern, or (white inside)
		// its outline and dashes; and the colour that must stand out on white.
		const paint = (r) => {
			const cs = getComputedStyle(r), f = cs.fill;
			if (f.startsWith('url(')) return { look: `pattern ${f.replace(/.*#[^-]*-?/, '').replace(/["')]/g, '')} ${cs.stroke}`, ink: cs.stroke };
			if (/255, 255, 255/.test(f)) return { look: `outline ${cs.stroke} ${cs.strokeDasharray}`, ink: cs.stroke };
			return { look: f, ink: f };
		};
		const marks = [...svg.querySelectorAll('rect.c-bar, rect.c-actual')].filter((r) => !r.closest('.c-legend'))
			.map((r) => ({ cls: [...r.classList].find((c) => c.startsWith('st-')) || '', fill: paint(r).ink, look: paint(r).look }));
		const keys = [...svg.querySelectorAll('.c-legend rect.c-key, .c-legend rect.c-bar')].map((r) => paint(r).look);
		// A legend kept as an HTML list before the chart (the timeline's):
		// its keys by status class, each with its background colour.
		const list = svg.previousElementSibling?.matches('ul.chart-legend') ? svg.previousElementSibling : null;
		const htmlKeys = list ? [...list.querySelectorAll('.key')].map((k) => ({ cls: [...k.classList].find((c) => c.startsWith('st-')),
			color: getComputedStyle(k).backgroundColor, w: k.getBoundingClientRect().width })) : [];
		const table = !!svg.closest('section, .tally, main')?.querySelector('table') || !!svg.closest('section')?.nextElementSibling?.querySelector?.('table');
		return { id: svg.getAttribute('aria-labelledby'), texts, lines, marks, keys, htmlKeys, table };
	});
	const bg = (el) => { const s = getComputedStyle(el); return s.backgroundImage !== 'none' ? s.backgroundImage : s.backgroundColor; };
	const stacks = [...document.querySelectorAll('.tally')].map((t) => ({
		segs: [...t.querySelectorAll('.stack span')].map((s) => ({ cls: s.className, bg: bg(s) })),
		keys: [...t.querySelectorAll('.legend .key')].map((k) => ({ cls: k.className.replace(/\bkey\b/, '').trim(), bg: bg(k) })),
		keyW: [...t.querySelectorAll('.legend .key')].map((k) => k.getBoundingClientRect().width),
		marker: [...t.querySelectorAll('.legend li')].map((li) => getComputedStyle(li).listStyleType),
	}));
	const tags = [...document.querySelectorAll('.tag')].map((s) => ({ cls: [...s.classList].find((c) => c.startsWith('st-')) || '', color: getComputedStyle(s).color }));
	const segColor = [...document.querySelectorAll('.stack span')].map((s) => ({ cls: s.className, color: getComputedStyle(s).backgroundColor }));
	return { charts, stacks, tags, segColor };
};

const overlap = (a, b) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
// Whether the segment [x1, y1, x2, y2] passes through the box (sampled
// every half pixel along it).
const crosses = (box, [x1, y1, x2, y2]) => {
	const n = Math.max(2, Math.ceil(Math.hypot(x2 - x1, y2 - y1) * 2));
	for (let i = 0; i <= n; i++) {
		const x = x1 + (x2 - x1) * i / n, y = y1 + (y2 - y1) * i / n;
		if (x > box[0] + 0.5 && x < box[2] - 0.5 && y > box[1] + 0.5 && y < box[3] - 0.5) return true;
	}
	return false;
};

export default async function (t) {
	const kinds = pageKinds(t.site).filter((k) => ['home', 'plan', 'schedule', 'indicator', 'region', 'year'].includes(k.kind));
	const page = await t.context.newPage();
	const colour = new Map(); // status class -> the one colour it has
	const same = (cls, c, where) => {
		if (!cls || cls === 'st-none') return;
		const k = cls.replace('st-ontrack', 'st-done');
		if (!colour.has(k)) colour.set(k, { c, where });
		else t.ok(colour.get(k).c === c, `${k} is ${colour.get(k).c} in ${colour.get(k).where} but ${c} in ${where}`);
	};
	let nCharts = 0;
	for (const width of [375, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		for (const { kind, path } of kinds) {
			await page.goto(t.url(path));
			const r = await page.evaluate(look);
			for (const c of r.charts) {
				nCharts++;
				const where = `${kind} ${c.id} at ${width} px`;
				const clash = [];
				for (let i = 0; i < c.texts.length; i++) {
					for (let j = i + 1; j < c.texts.length; j++) if (overlap(c.texts[i].box, c.texts[j].box)) clash.push(`"${c.texts[i].t}" / "${c.texts[j].t}"`);
					for (const l of c.lines) if (crosses(c.texts[i].box, l) && !/c-asof-label/.test(c.texts[i].cls)) clash.push(`"${c.texts[i].t}" / a line`);
				}
				t.ok(clash.length === 0, `${where}: labels overlap: ${clash.slice(0, 4).join('; ')}`);
				const dim = c.texts.filter((x) => contrast(parseColor(x.fill), [255, 255, 255, 1]) < 4.5);
				t.ok(dim.length === 0, `${where}: chart text under 4.5:1: ${dim.slice(0, 3).map((x) => `"${x.t}" ${x.fill}`).join('; ')}`);
				const faint = c.marks.filter((m) => contrast(parseColor(m.fill), [255, 255, 255, 1]) < 3);
				t.ok(faint.length === 0, `${where}: marks under 3:1 on white: ${faint.slice(0, 3).map((m) => `${m.cls} ${m.fill}`).join('; ')}`);
				// Every look the marks have is named: by a key of the same look
				// in the chart, or by a key of the same status in its HTML
				// legend, whose colour is the mark's when the mark is filled.
				const unnamed = [...new Set(c.marks.filter((m) => !c.keys.includes(m.look)).map((m) => {
					const k = c.htmlKeys.find((h) => h.cls === (m.cls || 'st-plain'));
					if (!k || k.w < 8) return m.look + ' ' + m.cls;
					if (/^rgb/.test(m.look) && k.color !== m.look) return `${m.cls} ${m.look} keyed as ${k.color}`;
					return null;
				}).filter(Boolean))];
				t.ok(unnamed.length === 0, `${where}: colours without a legend entry: ${unnamed.join(', ')} (legend: ${c.keys.join(', ')} ${c.htmlKeys.map((h) => h.cls)})`);
				t.ok(c.table, `${where}: no table beside the chart`);
				for (const m of c.marks) same(m.cls, m.look, `${where} chart`);
				const looks = new Map();
				for (const m of c.marks.filter((x) => x.cls)) {
					if (looks.has(m.look) && looks.get(m.look) !== m.cls) t.ok(false, `${where}: ${m.cls} and ${looks.get(m.look)} look the same (${m.look})`);
					looks.set(m.look, m.cls);
				}
			}
			for (const s of r.stacks) {
				t.ok(s.keyW.every((w) => w >= 8) && s.marker.every((m) => m === 'none'),
					`${kind}: tally legend keys ${s.keyW.map(Math.round)} px wide, list markers ${[...new Set(s.marker)]}`);
				const keys = new Map(s.keys.map((k) => [k.cls, k.bg]));
				const bad = s.segs.filter((g) => keys.get(g.cls) !== g.bg);
				t.ok(bad.length === 0, `${kind}: tally segments whose legend key differs: ${bad.map((g) => `${g.cls} ${g.bg} vs ${keys.get(g.cls)}`).join('; ')}`);
				const looks = new Map();
				for (const g of s.segs) { if (looks.has(g.bg) && looks.get(g.bg) !== g.cls) t.ok(false, `${kind}: ${g.cls} and ${looks.get(g.bg)} look the same`); looks.set(g.bg, g.cls); }
			}
			for (const g of r.segColor) if (!/unreported|unscheduled|cancelled|upcoming/.test(g.cls)) same(g.cls, g.color, `${kind} tally`);
			for (const g of r.tags) if (!/st-(notstarted|unreported|unscheduled|cancelled|upcoming|late|sample)/.test(g.cls)) same(g.cls, g.color, `${kind} tag`);
		}
	}
	t.ok(nCharts >= 4, `only ${nCharts} charts seen`);
	t.ok(colour.size >= 3, `status colours compared for only ${[...colour.keys()]}`);
	await page.close();
}
