// The browser test harness: a static server for a built site on 127.0.0.1
// and Debian's Chromium driven by playwright-core. Shared by the test runner
// (run.mjs) and the search benchmark (tests/bench/search.mjs); later checks
// (accessibility, HTML validity) plug into the same runner.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES = {
	'.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json', '.bin': 'application/octet-stream', '.csv': 'text/csv; charset=utf-8',
	'.ics': 'text/calendar; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
};

// Serve dir at http://127.0.0.1:<port><prefix>, as a plain static host would:
// folders by their index.html, a missing file by 404.html with status 404,
// a single byte range (Range: bytes=a-b) with 206 as every common static
// server does (ranges: false serves the whole file instead, as a server
// that ignores ranges would). Every response body is counted in served
// (path -> bytes) and listed in requests ({path, range, status, bytes}),
// so a test can tell what a page downloaded; with gzip, whole responses
// are compressed as a web server configured for it would, and sent counts
// the bytes sent.
export async function serve(dir, { prefix = '/', gzip = false, ranges = true } = {}) {
	const served = new Map(), sent = new Map(), cache = new Map(), requests = [];
	const server = createServer(async (req, res) => {
		const url = new URL(req.url, 'http://x');
		let path = decodeURIComponent(url.pathname);
		let status = 200, body;
		if (!path.startsWith(prefix)) { status = 404; }
		let file = normalize(join(dir, path.slice(prefix.length)));
		if (!file.startsWith(normalize(dir))) status = 404;
		try {
			if (status === 200 && (await stat(file)).isDirectory()) file = join(file, 'index.html');
			if (status === 200) body = await readFile(file);
		} catch { status = 404; }
		if (status === 404) { file = join(dir, '404.html'); body = await readFile(file).catch(() => Buffer.from('not found')); }
		const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' };
		const range = req.headers.range;
		const m = ranges && status === 200 && /^bytes=(\d+)-(\d+)$/.exec(range || '');
		if (m) {
			const a = Number(m[1]), b = Math.min(Number(m[2]), body.length - 1);
			if (a > b) {
				status = 416;
				headers['content-range'] = `bytes */${body.length}`;
				body = Buffer.alloc(0);
			} else {
				status = 206;
				headers['content-range'] = `bytes ${a}-${b}/${body.length}`;
				body = body.subarray(a, b + 1);
			}
		} else if (ranges && status === 200) {
			headers['accept-ranges'] = 'bytes';
		}
		served.set(path, (served.get(path) || 0) + body.length);
		requests.push({ path, range: range || null, status, bytes: body.length });
		if (status === 200 && gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '') && body.length > 256) {
			if (!cache.has(file)) cache.set(file, gzipSync(body));
			body = cache.get(file);
			headers['content-encoding'] = 'gzip';
		}
		headers['content-length'] = body.length;
		sent.set(path, (sent.get(path) || 0) + body.length);
		res.writeHead(status, headers);
		res.end(req.method === 'HEAD' ? undefined : body);
	});
	await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
	const base = `http://127.0.0.1:${server.address().port}${prefix}`;
	return { base, served, sent, requests, close: () => new Promise((ok) => server.close(ok)) };
}

// One Chromium for the whole run (Debian's; playwright keeps a fresh profile).
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// One page of every kind the site has, found in the built folder: the
// fixed pages, the first plan with a schedule (its plan and schedule page),
// the indicator page of the plan with most indicators, and the first of
// each list (unit, region, year, free page). Each as {kind, path}.
export function pageKinds(site) {
	const dirs = (p) => (existsSync(join(site, p)) ? readdirSync(join(site, p), { withFileTypes: true })
		.filter((d) => d.isDirectory() && existsSync(join(site, p, d.name, 'index.html'))).map((d) => d.name).sort() : []);
	const out = [];
	const add = (kind, path) => { if (path === '404.html' || existsSync(join(site, path, 'index.html'))) out.push({ kind, path }); };
	add('home', '');
	const plans = dirs('plans');
	const withSchedule = plans.find((p) => existsSync(join(site, 'plans', p, 'schedule', 'index.html'))) || plans[0];
	if (withSchedule) add('plan', `plans/${withSchedule}/`);
	if (withSchedule) add('schedule', `plans/${withSchedule}/schedule/`);
	const most = plans.map((p) => [p, dirs(join('plans', p, 'indicators'))]).sort((a, b) => b[1].length - a[1].length)[0];
	if (most && most[1].length) add('indicator', `plans/${most[0]}/indicators/${most[1][0]}/`);
	for (const [kind, d] of [['unit', 'units'], ['region', 'regions'], ['year', 'years']]) {
		add(`${d}-index`, `${d}/`);
		if (dirs(d).length) add(kind, `${d}/${dirs(d)[0]}/`);
	}
	for (const p of ['changes', 'method', 'data', 'search']) add(p, `${p}/`);
	const free = dirs('').filter((d) => !['plans', 'units', 'regions', 'years', 'changes', 'method', 'assets', 'data', 'search'].includes(d));
	if (free.length) add('page', `${free[0]}/`);
	if (existsSync(join(site, '404.html'))) add('404', '404.html');
	return out;
}

// "rgb(r, g, b)" / "rgba(r, g, b, a)" / "#rrggbb" -> [r, g, b, a].
export function parseColor(s) {
	const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(s);
	if (h) return [parseInt(h[1], 16), parseInt(h[2], 16), parseInt(h[3], 16), 1];
	const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?/.exec(s);
	if (!m) throw new Error(`not a colour: ${s}`);
	return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

// WCAG 2.1 contrast ratio of two colours (the first laid over the second
// when it is translucent).
export function contrast(a, b) {
	const over = a[3] < 1 ? a.slice(0, 3).map((c, i) => c * a[3] + b[i] * (1 - a[3])) : a;
	const lum = (c) => {
		const [r, g, bl] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
		return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
	};
	const [x, y] = [lum(over), lum(b)].sort((p, q) => q - p);
	return (x + 0.05) / (y + 0.05);
}
