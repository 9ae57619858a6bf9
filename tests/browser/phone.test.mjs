// Phone first (issue 12): at 375 px no page scrolls sideways, body text is
// at least 16 px and no text anywhere (chart text included, at its drawn
// size) is under 13 px; schedule, indicator and region rows are cards with
// the status first; the timeline fits the width with its as-of line in
// view. Prints the plan and schedule pages' heights at both widths.
import { pageKinds } from './lib.mjs';

export const name = 'phone';

// Every text run on the page with its drawn size: HTML text by its
// computed font size, SVG text by its font size times the chart's scale.
const sizes = () => {
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (!n.textContent.trim()) continue;
		const el = n.parentElement;
		if (el.closest('title, desc, script, style, .skip, thead') || !el.getClientRects().length) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility === 'hidden' || cs.display === 'none') continue;
		let px = parseFloat(cs.fontSize);
		if (el instanceof SVGElement) px *= el.getScreenCTM().a;
		out.push({ px, text: n.textContent.trim().slice(0, 16), tag: el.tagName.toLowerCase(), cls: String(el.className.baseVal ?? el.className) });
	}
	return out;
};

export default async function (t) {
	const kinds = pageKinds(t.site);
	const page = await t.context.newPage();
	await page.setViewportSize({ width: 375, height: 800 });
	for (const { kind, path } of kinds) {
		await page.goto(t.url(path));
		const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
			body: parseFloat(getComputedStyle(document.body).fontSize) }));
		t.ok(m.sw <= m.cw, `${kind} at 375 px scrolls sideways: scrollWidth ${m.sw} > ${m.cw}`);
		t.ok(m.body >= 16, `${kind} at 375 px: body text ${m.body} px`);
		const small = (await page.evaluate(sizes)).filter((s) => s.px < 12.95);
		t.ok(small.length === 0, `${kind} at 375 px: ${small.length} text runs under 13 px: ` +
			small.slice(0, 4).map((s) => `${s.tag}.${s.cls} "${s.text}" ${s.px.toFixed(1)} px`).join('; '));
		const doc = await page.evaluate(() => [...document.querySelectorAll('.doc p, .doc li, p.task-text, .disclosure dd')]
			.map((e) => parseFloat(getComputedStyle(e).fontSize)));
		t.ok(doc.every((px) => px >= 16), `${kind} at 375 px: running text under 16 px: ${[...new Set(doc.filter((px) => px < 16))]}`);

		// Rows as cards: the status is the first thing in every card, and a
		// card is one column (every cell starts at the card's left edge).
		const cards = await page.evaluate(() => [...document.querySelectorAll('table.cards tbody tr:not(.group)')].map((tr) => {
			const cells = [...tr.children].filter((c) => c.getClientRects().length);
			const st = tr.querySelector('td.status');
			const top = Math.min(...cells.map((c) => c.getBoundingClientRect().top));
			return { display: getComputedStyle(tr).display, statusFirst: !st || Math.abs(st.getBoundingClientRect().top - top) < 1,
				oneColumn: cells.every((c) => Math.abs(c.getBoundingClientRect().left - cells[0].getBoundingClientRect().left) < 1),
				labelled: [...tr.querySelectorAll('td')].every((td) => td.classList.contains('status') || td.dataset.label !== undefined) };
		}));
		// (the plan and schedule pages sampled are those of a plan with a schedule)
		if (['plan', 'schedule'].includes(kind)) t.ok(cards.length > 0, `${kind}: no rows shown as cards`);
		const bad = cards.filter((c) => c.display !== 'flex' || !c.statusFirst || !c.oneColumn || !c.labelled);
		t.ok(bad.length === 0, `${kind} at 375 px: ${bad.length} of ${cards.length} rows are not cards with the status first: ${JSON.stringify(bad[0])}`);

		// The timeline fits, and its as-of line is in view.
		const tl = await page.evaluate(() => {
			const svg = document.querySelector('svg.chart-timeline');
			if (!svg) return null;
			const b = svg.getBoundingClientRect(), a = svg.querySelector('.c-asof')?.getBoundingClientRect();
			return { left: b.left, right: b.right, vw: document.documentElement.clientWidth, asof: a ? [a.left, a.right] : null };
		});
		if (tl) {
			t.ok(tl.left >= 0 && tl.right <= tl.vw, `${kind}: the timeline (${tl.left}–${tl.right}) does not fit ${tl.vw} px`);
			if (tl.asof) t.ok(tl.asof[0] >= 0 && tl.asof[1] <= tl.vw, `${kind}: the as-of line at ${tl.asof} is out of view`);
		}
	}

	// Heights, for the report (and a bound: a phone page of cards is no more
	// than three times the desktop page).
	for (const kind of ['plan', 'schedule']) {
		const k = kinds.find((x) => x.kind === kind);
		if (!k) continue;
		const h = {};
		for (const w of [375, 1280]) {
			await page.setViewportSize({ width: w, height: 800 });
			await page.goto(t.url(k.path));
			h[w] = await page.evaluate(() => document.documentElement.scrollHeight);
		}
		console.log(`phone: ${kind} ${k.path} is ${h[375]} px tall at 375 px, ${h[1280]} px at 1280 px`);
		t.ok(h[375] < 3 * h[1280], `${kind}: ${h[375]} px at 375 against ${h[1280]} px at 1280`);
	}
	await page.close();
}
