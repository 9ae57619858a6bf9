// Search, in Chromium, against a ground truth that Python computes from the
// rendered pages without the index (tests/data/search_truth.py): every
// document that contains the query, and no other. Then ranking, marking,
// the query in the address, what a query downloads, and the page without
// JavaScript.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'search';

const here = dirname(fileURLToPath(import.meta.url));
const QUERIES = [
	'就业', '洋县', '发改委', '劳务协作', '产业园区',  // the issue's
	'洋', '皋', '业园', '协作办',                       // one character; inside words (Pagefind's misses)
	'就业 洋县', '发改委 下半年', '洋县  劳务协作 就业', // several words
	'如皋市发展和改革委员会', '人社局', '黄南藏族自治州', // full names, aliases, regions
	'employment', 'EMPLOYMENT', 'ｅｍｐｌｏｙｍｅｎｔ', '2-1', // ids, case and width folded
	'下半年', '7月、10月', '12月底前', '根据上级要求开展', // planned times
	'没有这个词语组合', '的',
	'持续扩大洋县脱贫劳动力来如就业成果',               // long: more pairs than are looked up
	'洋 县 就 业 劳 务 协 作 发',                       // more words than are looked up
];

// Search by the address (or, on the search page already, by the script),
// then show every result (by the button, or at once).
async function search(page, t, q, click = false, goto = true) {
	if (goto) {
		await page.goto(t.url('search/?q=' + encodeURIComponent(q)));
	} else {
		await page.evaluate((q) => { window.gongkaiSearch.run(q); }, q);
	}
	await page.waitForSelector('#search-form[data-state=done]');
	if (click) {
		for (let i = 0; i < 100 && await page.isVisible('#search-more'); i++) {
			await page.click('#search-more');
			await page.waitForSelector('#search-form[data-state=done]');
		}
	} else {
		await page.evaluate(() => window.gongkaiSearch.showAll());
		await page.waitForSelector('#search-form[data-state=done]');
	}
	return page.evaluate(() => Array.from(document.querySelectorAll('#search-results li')).map((li) => ({
		href: li.querySelector('a').getAttribute('href'),
		kind: li.querySelector('.kind').textContent,
		marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
	})));
}

const fold = (s) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).toLowerCase();

export default async function (t) {
	const truth = JSON.parse(execFileSync('/usr/bin/python3', [join(here, '../data/search_truth.py'), t.site, ...QUERIES],
		{ encoding: 'utf-8' }));
	t.ok(truth.docs > 300, `the ground truth sees ${truth.docs} documents`);
	const page = await t.context.newPage();
	const root = t.url('');
	for (const q of QUERIES) {
		const got = await search(page, t, q, false, q === QUERIES[0]);
		const hrefs = got.map((r) => new URL(r.href, root).href.slice(root.length)).sort();
		const want = truth.results[q];
		const missing = want.filter((u) => !hrefs.includes(u)), extra = hrefs.filter((u) => !want.includes(u));
		t.ok(!missing.length && !extra.length && hrefs.length === want.length,
			`${q}: ${hrefs.length} results, truth ${want.length}; missing ${missing.slice(0, 5)}; extra ${extra.slice(0, 5)}`);
		const words = fold(q).split(/\s+/).filter(Boolean);
		const unmarked = got.filter((r) => !r.marks.some((m) => words.includes(fold(m))));
		t.ok(!unmarked.length, `${q}: results without the hit marked: ${unmarked.slice(0, 3).map((r) => r.href)}`);
		const status = await page.textContent('#search-status');
		t.ok(want.length ? status.includes(`找到 ${want.length} 个结果`) : status.includes('没有找到'), `${q}: status "${status}"`);
	}
	t.ok(truth.results['劳务协作'].length >= 10 && truth.results['洋县'].length >= 50, 'the example queries find a lot');

	// Ranking: the item named so first.
	let got = await search(page, t, '洋县', true);
	t.ok(got.length === truth.results['洋县'].length, `洋县 by the button: ${got.length} results`);
	t.ok(got[0].href.endsWith('regions/yangxian/') && got[0].kind === '地区', `洋县: first result ${got[0].href} ${got[0].kind}`);
	got = await search(page, t, '发改委');
	t.ok(got[0].kind === '责任单位', `发改委: first result is a ${got[0].kind}`);
	const kinds = new Set(got.map((r) => r.kind));
	t.ok(['责任单位', '重点工作', '活动', '计划'].every((k) => kinds.has(k)), `发改委: kinds ${[...kinds]}`);
	const meta = await page.textContent('#search-results li:nth-child(5) .result-meta');
	t.ok(/\d{4}年$/.test(meta), `a result names its plan and year: "${meta}"`);

	// The query sits in the address; back goes to the previous query.
	await page.goto(t.url('search/'));
	await page.fill('#q', '劳务协作');
	await page.press('#q', 'Enter');
	await page.waitForSelector('#search-form[data-state=done]');
	t.ok(new URL(page.url()).searchParams.get('q') === '劳务协作', `address after a search: ${page.url()}`);
	await page.fill('#q', '洋县');
	await page.press('#q', 'Enter');
	await page.waitForSelector('#search-form[data-state=done]');
	await page.goBack();
	await page.waitForFunction(() => document.querySelector('#q').value === '劳务协作');
	await page.waitForSelector('#search-form[data-state=done]');
	t.ok((await page.textContent('#search-status')).includes(`找到 ${truth.results['劳务协作'].length} 个结果`), 'back shows the previous query');

	// A query downloads only the shards of its own characters.
	const fresh = await t.browser.newContext();
	const p2 = await fresh.newPage();
	const before = new Map(t.served);
	await p2.goto(t.url('search/?q=' + encodeURIComponent('就业')));
	await p2.waitForSelector('#search-form[data-state=done]');
	const fetched = [...t.served.keys()].filter((k) => k.includes('/search/') && t.served.get(k) !== before.get(k));
	const shards = fetched.filter((k) => k.includes('/search/i/'));
	t.ok(shards.length === 1, `就业 fetched ${shards.length} shards: ${shards}`);
	const last = await p2.evaluate(() => window.gongkaiSearch.last);
	t.ok(last.exact && last.count === truth.results['就业'].length, `就业: ${JSON.stringify(last)}`);
	await fresh.close();

	// Without JavaScript: the page says so and links the indexes.
	const nojs = await t.browser.newContext({ javaScriptEnabled: false });
	const p3 = await nojs.newPage();
	await p3.goto(t.url('search/?q=' + encodeURIComponent('洋县')));
	const note = await p3.textContent('.nojs');
	t.ok(await p3.isVisible('.nojs') && note.includes('JavaScript'), 'no-JS: the page says search needs JavaScript');
	const links = await p3.$$eval('.nojs a', (as) => as.map((a) => a.getAttribute('href')));
	t.ok(links.includes('../units/') && links.includes('../regions/') && links.some((h) => /^\.\.\/years\/\d{4}\/$/.test(h)),
		`no-JS: links to the indexes by unit, region and year: ${links}`);
	await nojs.close();
}
