// Search, in Chromium, against a ground truth that Python computes from the
// rendered pages without the index (tests/data/search_truth.py): every
// document that contains the query, and no other. Then ranking, marking,
// the query in the address, what a query downloads, and the page without
// JavaScript.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './lib.mjs';

export const name = 'search';

const here = dirname(fileURLToPath(import.meta.url));
const QUERIES = [
	'就业', '洋县', '发改委', '劳务协作', '产业园区',  // the issue's
	'洋', '皋', '业园', '协作办',                       // one character; inside words (Pagefind's misses)
	'就业 洋县', '发改委 下半年', '洋县  劳务协作 就业', // several words
	'如皋市发展和改革委员会', '人社局', '人力资源和社会保障局', '黄南藏族自治州', // full names, aliases, regions
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

	// A query downloads only what it needs: one range of the index (the
	// shard of its one pair) and ranges of the text (the blocks of the
	// results shown), never a whole pack.
	const index_meta = JSON.parse(readFileSync(join(t.site, 'search/meta.json'), 'utf-8'));
	const fresh = await t.browser.newContext();
	const p2 = await fresh.newPage();
	const from = t.requests.length;
	await p2.goto(t.url('search/?q=' + encodeURIComponent('就业')));
	await p2.waitForSelector('#search-form[data-state=done]');
	const reqs = t.requests.slice(from).filter((r) => r.path.includes('/search/') && r.path.endsWith('.bin'));
	const index = reqs.filter((r) => /\/index-\d+\.bin$/.test(r.path)), text = reqs.filter((r) => /\/text-\d+\.bin$/.test(r.path));
	t.ok(index.length === 1 && index[0].status === 206 && index_meta.index.bytes.includes(index[0].bytes),
		`就业 fetched ${index.length} index ranges: ${JSON.stringify(index)}`);
	t.ok(text.length >= 1 && text.length <= 10 && text.every((r) => r.status === 206 && index_meta.text.bytes.includes(r.bytes)),
		`就业 fetched whole blocks by range: ${JSON.stringify(text)}`);
	const last = await p2.evaluate(() => window.gongkaiSearch.last);
	t.ok(last.exact && last.count === truth.results['就业'].length, `就业: ${JSON.stringify(last)}`);
	const metaReq = t.requests.slice(from).filter((r) => r.path.endsWith('/search/meta.json'));
	t.ok(metaReq.length === 1 && last.bytes === metaReq[0].bytes + reqs.reduce((n, r) => n + r.bytes, 0),
		`就业 counted ${last.bytes} bytes (meta.json and the ranges): ${JSON.stringify(reqs)}`);
	await fresh.close();

	// A server that ignores ranges sends whole packs: the same results.
	const plain = await serve(t.site, { ranges: false });
	const p4 = await t.context.newPage();
	for (const q of ['劳务协作', '就业 洋县', '产业园区']) {
		const at = plain.requests.length;
		await p4.goto(plain.base + 'search/?q=' + encodeURIComponent(q));
		await p4.waitForSelector('#search-form[data-state=done]');
		await p4.evaluate(() => window.gongkaiSearch.showAll());
		await p4.waitForSelector('#search-form[data-state=done]');
		const hrefs = (await p4.$$eval('#search-results li a', (as) => as.map((a) => a.getAttribute('href'))))
			.map((h) => new URL(h, plain.base + 'search/').href.slice(plain.base.length)).sort();
		t.ok(JSON.stringify(hrefs) === JSON.stringify(truth.results[q]), `${q} without ranges: ${hrefs.length} results, truth ${truth.results[q].length}`);
		const packs = plain.requests.slice(at).filter((r) => r.path.endsWith('.bin')).map((r) => r.path);
		t.ok(new Set(packs).size === packs.length, `${q} without ranges: each pack fetched once: ${packs}`);
	}
	t.ok(plain.requests.filter((r) => r.path.endsWith('.bin')).every((r) => r.status === 200), 'without ranges: whole files');
	await p4.close();
	await plain.close();

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
