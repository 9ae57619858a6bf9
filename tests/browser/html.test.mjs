// Validity and links (issue 12): the Nu HTML Checker (vnu-jar, on Debian's
// Java) reports no error on any page of the site; every internal link and
// #anchor resolves (tests/cli/links.sh checks the same with grep; this one
// reads hrefs the way a browser does, from the parsed document); no page is
// an orphan: every page but 404.html is reached by links from the home page.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, dirname } from 'node:path';

export const name = 'html';
const require = createRequire(import.meta.url);

function htmlFiles(dir, out = []) {
	for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
		const p = join(dir, e.name);
		if (e.isDirectory()) htmlFiles(p, out); else if (e.name.endsWith('.html')) out.push(p);
	}
	return out;
}

export default async function (t) {
	const files = htmlFiles(t.site);
	t.ok(files.length >= 10, `only ${files.length} pages`);

	// Nu HTML Checker: all pages in one run; errors only, as JSON.
	const jar = join(dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
	let out = '';
	try {
		out = execFileSync('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', '--stdout', ...files],
			{ encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (e) { out = e.stdout || ''; if (!out) throw e; }
	const msgs = JSON.parse(out).messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
	const byPage = new Map();
	for (const m of msgs) {
		const p = relative(t.site, decodeURIComponent(new URL(m.url).pathname));
		if (!byPage.has(p)) byPage.set(p, []);
		byPage.get(p).push(`${m.lastLine}: ${m.message}`);
	}
	t.ok(byPage.size === 0, `the Nu HTML Checker found errors on ${byPage.size} pages: ` +
		[...byPage].slice(0, 5).map(([p, e]) => `${p}: ${e.slice(0, 2).join(' | ')}`).join('; '));

	// Links and anchors, and what the home page reaches, in the browser's
	// own parser (DOMParser over each file), following links in the site.
	const page = await t.context.newPage();
	await page.goto(t.url(''));
	const base = t.url('');
	const pages = new Map(); // site path of the page -> {links, ids}
	for (const f of files) {
		const rel = relative(t.site, f).split('\\').join('/');
		const url = base + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
		pages.set(url, { rel, html: readFileSync(f, 'utf8') });
	}
	const parsed = await page.evaluate(([list]) => list.map(([url, html]) => {
		const d = new DOMParser().parseFromString(html, 'text/html');
		const b = d.createElement('base'); b.href = url; d.head.prepend(b);
		return { url, ids: [...d.querySelectorAll('[id]')].map((e) => e.id),
			links: [...d.querySelectorAll('a[href], link[href], area[href]')].map((a) => (typeof a.href === "string" ? a.href : a.href.baseVal && new URL(a.href.baseVal, d.baseURI).href) || "")
				.concat([...d.querySelectorAll('[src]')].map((e) => e.src)) };
	}), [[...pages].map(([url, p]) => [url, p.html])]);
	const ids = new Map(parsed.map((p) => [p.url, new Set(p.ids)]));
	const broken = [], edges = new Map();
	for (const p of parsed) {
		const to = new Set();
		for (const href of p.links) {
			if (!href.startsWith(base)) continue;
			const u = new URL(href), path = u.origin + u.pathname;
			const target = ids.has(path) ? path : null;
			const file = decodeURIComponent(path.slice(base.length));
			if (!target && !(existsSync(join(t.site, file)) && statSync(join(t.site, file)).isFile())) { broken.push(`${pages.get(p.url).rel} -> ${href}`); continue; }
			if (target) to.add(target);
			const frag = decodeURIComponent(u.hash.slice(1));
			if (frag && target && !ids.get(target).has(frag) && frag !== 'dazi' && frag !== 'main') broken.push(`${pages.get(p.url).rel} -> ${href} (no #${frag})`);
			if (frag === 'main' && target && !ids.get(target).has('main')) broken.push(`${pages.get(p.url).rel} -> #main missing`);
		}
		edges.set(p.url, to);
	}
	t.ok(broken.length === 0, `${broken.length} broken links: ${broken.slice(0, 5).join('; ')}`);
	// A page that points readers to contact details gives them (a tel: or
	// mailto: link on the page itself).
	const promise = [...pages.values()].filter((p) => /联系方式|联系我们/.test(p.html.replace(/<[^>]*>/g, '')) && !/href="(tel|mailto):/.test(p.html));
	t.ok(promise.length === 0, `pages that mention contact details without giving any: ${promise.map((p) => p.rel).slice(0, 5)}`);

	const reached = new Set([base]), queue = [base];
	while (queue.length) for (const n of edges.get(queue.shift()) || []) if (!reached.has(n)) { reached.add(n); queue.push(n); }
	const orphans = [...pages.keys()].filter((u) => !reached.has(u) && !u.endsWith('/404.html')).map((u) => pages.get(u).rel);
	t.ok(orphans.length === 0, `${orphans.length} pages no link from the home page leads to: ${orphans.slice(0, 8).join(', ')}`);
	await page.close();
}
