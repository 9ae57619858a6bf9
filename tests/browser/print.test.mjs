// Print and weight (issue 12). Plan, schedule and indicator pages printed
// to PDF by Chromium: as many A4 pages as the content needs (no blank
// pages), each with the site's name, the page's address and the page's
// commit (as its footer names it) in its margin (base.mustache's @page rules); rows may split;
// legends print in colour. Weight: the largest page under 30 KB gzipped,
// no web fonts; prints the figures.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageKinds } from './lib.mjs';

export const name = 'print';
const MM = 96 / 25.4;

function files(dir, out = []) {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory()) files(p, out); else out.push(p);
	}
	return out;
}

export default async function (t) {
	const kinds = pageKinds(t.site);
	const page = await t.context.newPage();
	// The A4 content box of style.css's @page: 210 − 2×13 mm by 297 − 14 − 16 mm.
	const cw = Math.floor((210 - 26) * MM), ch = (297 - 30) * MM;
	for (const kind of ['plan', 'schedule', 'indicator']) {
		const k = kinds.find((x) => x.kind === kind);
		if (!t.ok(k, `no ${kind} page to print`)) continue;
		await page.setViewportSize({ width: cw, height: 1000 });
		await page.goto(t.url(k.path));
		await page.emulateMedia({ media: 'print' });
		const m = await page.evaluate(() => ({
			h: document.documentElement.scrollHeight,
			style: document.querySelector('head style[media="print"]')?.textContent || '',
			title: document.querySelector('.site-title').textContent,
			commit: document.querySelector('.site-footer code.commit')?.textContent || '',
			rows: [...document.querySelectorAll('tr')].every((r) => getComputedStyle(r).breakInside === 'auto'),
			keys: [...document.querySelectorAll('.legend .key')].map((e) => getComputedStyle(e).printColorAdjust),
			hidden: ['.site-nav', '.toc', '.reading-aid'].filter((s) => document.querySelector(s) && document.querySelector(s).offsetParent !== null),
		}));
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
		const want = Math.ceil(m.h / ch);
		console.log(`print: ${kind} ${k.path}: ${pages} A4 pages for ${m.h} px of print layout (${want} by height), ${pdf.length} bytes of PDF`);
		t.ok(pages >= want - 1 && pages <= Math.ceil(want * 1.1) + 1, `${kind}: ${pages} printed pages for content ${want} pages tall`);
		const addr = new URL(t.url(k.path)).pathname;
		t.ok(m.style.includes(`"${m.title} `) && m.style.includes(addr.replace(/\/$/, '/')) && /counter\(pages\)/.test(m.style),
			`${kind}: the print margin does not carry the site name and address: ${m.style.slice(0, 200)}`);
		if (m.commit) t.ok(m.style.includes(m.commit), `${kind}: the print margin lacks the commit ${m.commit}`);
		t.ok(m.rows, `${kind}: some table rows may not split across pages`);
		t.ok(m.keys.every((v) => v === 'exact'), `${kind}: legend keys would print without their colour: ${m.keys}`);
		t.ok(m.hidden.length === 0, `${kind}: printed with ${m.hidden}`);
		await page.emulateMedia({ media: 'screen' });
	}
	await page.close();

	// Weight as a reader feels it.
	const all = files(t.site);
	const html = all.filter((f) => f.endsWith('.html')).map((f) => ({ f, gz: gzipSync(readFileSync(f), { level: 9 }).length }))
		.sort((a, b) => b.gz - a.gz);
	const assets = all.filter((f) => /\.(css|js)$/.test(f)).map((f) => ({ f, bytes: readFileSync(f).length, gz: gzipSync(readFileSync(f), { level: 9 }).length }));
	const top = html[0];
	console.log(`weight: largest page ${top.f.slice(t.site.length + 1)} ${top.gz} bytes gzipped; CSS and JavaScript ` +
		`${assets.reduce((s, a) => s + a.bytes, 0)} bytes (${assets.reduce((s, a) => s + a.gz, 0)} gzipped) in ${assets.length} files`);
	t.ok(top.gz < 30 * 1024, `the largest page, ${top.f}, is ${top.gz} bytes gzipped (limit 30 KB)`);
	const css = readFileSync(join(t.site, 'assets', 'style.css'), 'utf8');
	t.ok(!/@font-face|@import/.test(css), 'the stylesheet loads fonts or other sheets');
	t.ok(!all.some((f) => /\.(woff2?|ttf|otf)$/.test(f)), 'the site ships web fonts');
}
