// Screenshots of every kind of page at 375 and 1280 px (issue 12), kept as
// artifacts of the test run in $SHOTS (default tests/browser/out/, which
// git ignores): the top 2,400 px of each page, PNG.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageKinds } from './lib.mjs';

export const name = 'shots';

export default async function (t) {
	const dir = process.env.SHOTS || join(dirname(fileURLToPath(import.meta.url)), 'out');
	mkdirSync(dir, { recursive: true });
	const page = await t.context.newPage();
	let n = 0;
	for (const width of [375, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		for (const { kind, path } of pageKinds(t.site)) {
			await page.goto(t.url(path));
			const h = await page.evaluate(() => document.documentElement.scrollHeight);
			const file = join(dir, `${kind}-${width}.png`);
			await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(h, 2400) } });
			t.ok(statSync(file).size > 5000, `${file} is nearly empty`);
			n++;
		}
	}
	console.log(`shots: ${n} screenshots in ${dir}`);
	await page.close();
}
