// Run the browser tests (tests/browser/*.test.mjs) against a built site:
//
//   node tests/browser/run.mjs SITE [NAME...]
//
// One static server and one Chromium for all of them. A test module exports
// `name` and a default async function (t) that makes checks with
// t.ok(condition, message); t.page() opens a page, t.url(path) is the
// address of a file of the site, t.site its folder. Ends with
// "browser: N passed, M failed" (one per check) and exits non-zero on failure.
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [site, ...only] = process.argv.slice(2);
if (!site) { console.error('usage: run.mjs SITE [NAME...]'); process.exit(2); }
const server = await serve(resolve(site));
const browser = await launch();
let passed = 0, failed = 0;
try {
	const files = (await readdir(here)).filter((f) => f.endsWith('.test.mjs')).sort();
	for (const f of files) {
		const mod = await import(join(here, f));
		if (only.length && !only.includes(mod.name)) continue;
		const context = await browser.newContext();
		const t = {
			site: resolve(site), browser, context, served: server.served, requests: server.requests,
			url: (p = '') => server.base + p,
			page: async (p = '') => { const pg = await context.newPage(); await pg.goto(server.base + p); return pg; },
			ok(cond, msg) { if (cond) passed++; else { failed++; console.log(`FAIL ${mod.name}: ${msg}`); } return cond; },
		};
		try { await mod.default(t); } catch (e) { failed++; console.log(`FAIL ${mod.name}: ${e.stack || e}`); }
		await context.close();
	}
} finally {
	await browser.close();
	await server.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
