// The 404 page works from any base path: served (as a static host does) at
// a missing address deep under a site that lives in /gongkai/, without
// base_url, its links and its stylesheet end up pointing into /gongkai/.
import { serve } from './lib.mjs';

export const name = '404';

export default async function (t) {
	const sub = await serve(t.site, { prefix: '/gongkai/' });
	try {
		const page = await t.context.newPage();
		const res = await page.goto(sub.base + 'plans/no-such-plan/deeper/');
		t.ok(res.status() === 404, `a missing page answers 404 (${res.status()})`);
		await page.waitForFunction(() => document.querySelector('a[href$="search/"]').getAttribute('href').startsWith('/gongkai/'));
		const hrefs = (await page.$$eval('main a, header a', (as) => as.map((a) => a.getAttribute('href')))).filter((h) => !h.startsWith('#'));
		t.ok(hrefs.length > 3 && hrefs.every((h) => h.startsWith('/gongkai/')), `404 links: ${hrefs}`);
		const css = await page.$eval('link[rel=stylesheet]', (l) => l.href);
		t.ok(css.endsWith('/gongkai/assets/style.css'), `404 stylesheet: ${css}`);
		const home = await page.$eval('main a', (a) => a.href);
		const r = await page.goto(home);
		t.ok(r.status() === 200 && (await page.title()).length > 0, `the 404 page's home link works: ${home}`);
	} finally {
		await sub.close();
	}
}
