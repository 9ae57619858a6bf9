// Reading aids and the footer a government website must carry (issue 13):
// every kind of page stays whole at 320 CSS px and at 640 (1280 px at 200 %
// zoom), in the standard style and in 大字版; 大字版 works without script by
// the link to #dazi and is remembered where script runs; the footer gives the
// site's identity in the conventional order, on screen and in print.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const name = 'reading';

// One page of every kind the site has, found in the built folder.
function pageKinds(site) {
	const dirs = (p) => (existsSync(join(site, p)) ? readdirSync(join(site, p), { withFileTypes: true })
		.filter((d) => d.isDirectory()).map((d) => d.name).sort() : []);
	const pages = ['', 'units/', 'regions/', 'changes/', 'method/', 'no-such-page/'];
	const plans = dirs('plans');
	const withSchedule = plans.find((p) => existsSync(join(site, 'plans', p, 'schedule'))) || plans[0];
	const withIndicators = plans.find((p) => dirs(join('plans', p, 'indicators')).length);
	if (plans.length) pages.push(`plans/${withSchedule}/`);
	if (withSchedule && existsSync(join(site, 'plans', withSchedule, 'schedule'))) pages.push(`plans/${withSchedule}/schedule/`);
	if (withIndicators) pages.push(`plans/${withIndicators}/indicators/${dirs(join('plans', withIndicators, 'indicators'))[0]}/`);
	for (const d of ['units', 'regions', 'years']) if (dirs(d).length) pages.push(`${d}/${dirs(d)[0]}/`);
	const free = dirs('').filter((d) => existsSync(join(site, d, 'index.html')) &&
		!['plans', 'units', 'regions', 'years', 'changes', 'method', 'assets', 'data', 'search'].includes(d));
	if (free.length) pages.push(`${free[0]}/`);
	return pages;
}

// Whether anything but a scrolling table, chart or the skip link reaches
// past the viewport.
const overflow = () => {
	const vw = document.documentElement.clientWidth, out = [];
	if (document.documentElement.scrollWidth > vw) out.push(`scrollWidth ${document.documentElement.scrollWidth}`);
	for (const el of document.querySelectorAll('body *')) {
		if (el.closest('.table-wrap, .chart-wrap, svg, .skip')) continue;
		const b = el.getBoundingClientRect();
		if (b.width && (b.right > vw + 1 || b.left < -1)) out.push(`${el.tagName.toLowerCase()}.${el.className} to ${Math.round(b.right)}`);
	}
	return out.slice(0, 3);
};
const rootPx = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

export default async function (t) {
	const kinds = pageKinds(t.site);

	// Reflow, without script: what every reader gets.
	const plain = await t.browser.newContext({ javaScriptEnabled: false });
	const pg = await plain.newPage();
	for (const width of [320, 640]) {
		await pg.setViewportSize({ width, height: 800 });
		for (const path of kinds) for (const frag of ['', '#dazi']) {
			await pg.goto(t.url(path) + frag);
			const bad = await pg.evaluate(overflow);
			t.ok(bad.length === 0, `${path}${frag} at ${width} px runs past the viewport: ${bad.join('; ')}`);
		}
	}

	// 大字版 without script: the link targets the root element.
	const plan = kinds.find((p) => /^plans\/[^/]+\/$/.test(p)) || '';
	await pg.setViewportSize({ width: 1280, height: 800 });
	await pg.goto(t.url(plan));
	const before = await rootPx(pg);
	t.ok(before === 16, `standard root font size is ${before} px, not 16`);
	t.ok(await pg.isVisible('a.dazi-on') && !(await pg.isVisible('a.dazi-off')), 'the standard page offers 大字版 only');
	await pg.click('a.dazi-on');
	t.ok(pg.url().endsWith('#dazi'), `大字版 went to ${pg.url()}`);
	const large = await pg.evaluate(() => {
		const b = getComputedStyle(document.body);
		return { root: parseFloat(getComputedStyle(document.documentElement).fontSize),
			size: parseFloat(b.fontSize), line: parseFloat(b.lineHeight), color: b.color };
	});
	t.ok(large.root === 22, `大字版 root font size is ${large.root} px, not 22`);
	t.ok(large.line >= 2 * large.size - 0.5, `大字版 line height ${large.line} for ${large.size} px text`);
	t.ok(large.color === 'rgb(0, 0, 0)', `大字版 text colour is ${large.color}`);
	t.ok(!(await pg.isVisible('a.dazi-on')) && await pg.isVisible('a.dazi-off'), '大字版 offers 标准版 only');
	await pg.click('a.dazi-off');
	t.ok(await rootPx(pg) === 16, '标准版 brings the standard size back');
	await plain.close();

	// With script the choice is remembered: across an in-page anchor and a link.
	const page = await t.page(plan);
	await page.click('a.dazi-on');
	const anchor = await page.$('.toc a[href^="#"]');
	if (anchor) {
		await anchor.click();
		t.ok(await rootPx(page) === 22, '大字版 survives an in-page anchor where script runs');
	}
	await page.click('.site-nav a[href$="units/"]');
	await page.waitForLoadState();
	t.ok(await rootPx(page) === 22, '大字版 is remembered on the next page');
	t.ok(await page.evaluate(() => document.documentElement.classList.contains('dazi') &&
		localStorage.getItem('gongkai-dazi') === '1'), 'the choice is kept in localStorage and set on load');
	await page.click('a.dazi-off');
	await page.goto(t.url(''));
	t.ok(await rootPx(page) === 16, 'after 标准版 the next page is standard');

	// The footer: the identity in the conventional order, on every kind of page,
	// and in print.
	for (const path of kinds) {
		await page.goto(t.url(path));
		const text = await page.evaluate(() => document.querySelector('footer .identity')?.innerText || '');
		const at = ['主办单位', '联系电话', '网站标识码', 'ICP备', '公网安备'].map((w) => text.indexOf(w));
		t.ok(at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])), `${path || 'home'}: footer identity out of order or missing: ${text}`);
	}
	await page.goto(t.url(plan));
	await page.emulateMedia({ media: 'print' });
	t.ok(await page.isVisible('footer .identity') && await page.isVisible('.site-title'), 'print shows the site title and identity');
	t.ok(!(await page.isVisible('.reading-aid')), 'print leaves out the 大字版 link');
	const icp = await page.getAttribute('footer .identity a[href^="https://beian.miit.gov.cn/"]', 'href');
	t.ok(icp === 'https://beian.miit.gov.cn/', 'the ICP number links to its registry');
	const mps = await page.getAttribute('footer .identity a[href^="https://beian.mps.gov.cn/"]', 'href');
	t.ok(/^https:\/\/beian\.mps\.gov\.cn\/#\/query\/webSearch\?code=\d{14}$/.test(mps || ''), `the 公安 number links to its record: ${mps}`);
	await page.close();
}
