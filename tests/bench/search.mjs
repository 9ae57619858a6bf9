// make bench, search: the index of a built site in headless Chromium.
//
//   node tests/bench/search.mjs SITE [RUNS]
//
// Serves SITE on 127.0.0.1 and, for a few queries of two characters (and
// longer ones for comparison), opens the search page in a fresh browser
// context (nothing cached), runs the query RUNS times and reports the
// median query time (from the query to the results on the page, as
// search.js measures it; "warm": the same query again, its files already
// fetched, i.e. the script's own work), the bytes the query downloaded (shards and
// document blocks, as decoded and as sent: range requests are not
// compressed) and how many requests; meta.json is loaded with the page and
// counted apart. Also the
// index's size per page of the site.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch } from '../browser/lib.mjs';

const [site, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const QUERIES = ['协作', '就业', '洋县', '产业', '帮扶', '劳务协作', '产业园区', '的'];

async function walk(dir) {
	let files = 0, bytes = 0, html = 0;
	for (const e of await readdir(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) { const r = await walk(p); files += r.files; bytes += r.bytes; html += r.html; }
		else { files++; bytes += (await stat(p)).size; if (e.name.endsWith('.html')) html++; }
	}
	return { files, bytes, html };
}

const idx = await walk(join(site, 'search'));
const all = await walk(site);
const meta = JSON.parse(await (await import('node:fs/promises')).readFile(join(site, 'search/meta.json'), 'utf-8'));
const pages = all.html;
const metaBytes = (await stat(join(site, 'search/meta.json'))).size;
console.log(`index: ${meta.docs} documents on ${pages} pages; ${idx.files} files, ${(idx.bytes / 1048576).toFixed(1)} MB` +
	` = ${Math.round(idx.bytes / pages)} bytes per page (postings and stored text; ${meta.index.shards} shards, ${meta.text.first.length} blocks);` +
	` meta.json ${metaBytes} bytes, loaded with the search page`);

const server = await serve(site, { gzip: true });
const browser = await launch();
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
console.log(`${'query'.padEnd(10)} ${'results'.padStart(8)} ${'median ms'.padStart(10)} ${'warm ms'.padStart(8)} ${'bytes'.padStart(9)} ${'gzip'.padStart(9)} ${'files'.padStart(6)}`);
const sentNow = () => [...server.sent].filter(([k]) => k.includes('/search/') && !k.endsWith('/search/')).reduce((n, [, v]) => n + v, 0);
for (const q of QUERIES) {
	const times = [], warm = [];
	let first = null, gz = 0;
	for (let r = 0; r < runs; r++) {
		const ctx = await browser.newContext();
		const page = await ctx.newPage();
		await page.goto(server.base + 'search/');
		await page.evaluate(() => window.gongkaiSearch.ready); // meta.json comes with the page
		const before = sentNow();
		await page.evaluate((q) => window.gongkaiSearch.run(q), q);
		await page.waitForSelector('#search-form[data-state=done]');
		const last = await page.evaluate(() => window.gongkaiSearch.last);
		times.push(last.ms);
		if (!first) { first = last; gz = sentNow() - before; }
		// again, with its files already fetched: the script's own time
		await page.evaluate((q) => window.gongkaiSearch.run(q), q);
		await page.waitForSelector('#search-form[data-state=done]');
		warm.push(await page.evaluate(() => window.gongkaiSearch.last.ms));
		await ctx.close();
	}
	console.log(`${q.padEnd(10 - q.length)} ${String(first.count + (first.exact ? '' : '+')).padStart(8)} ${median(times).toFixed(1).padStart(10)}` +
		` ${median(warm).toFixed(1).padStart(8)} ${String(first.bytes).padStart(9)} ${String(gz).padStart(9)} ${String(first.files).padStart(6)}`);
}
await browser.close();
await server.close();
