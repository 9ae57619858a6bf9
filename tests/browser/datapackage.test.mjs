// data/datapackage.json checked by Frictionless's own JavaScript library
// (datapackage-js), against the Data Package and Tabular Data Package
// profiles it ships. (Reading the rows is tests/data/check_outputs.py's
// job: datapackage-js takes the UTF-8 byte-order mark that Excel needs for
// part of the first column's name, where Frictionless's Python library and
// most tools skip it.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import dp from 'datapackage';

export const name = 'datapackage';

export default async function (t) {
	const path = join(t.site, 'data/datapackage.json');
	const pkg = await dp.Package.load(path, { basePath: join(t.site, 'data') });
	t.ok(pkg.valid, `datapackage.json is not a valid tabular data package: ${pkg.errors.map((e) => e.message)}`);
	const descriptor = JSON.parse(await readFile(path, 'utf-8'));
	t.ok(pkg.resources.length === descriptor.resources.length && pkg.resources.length >= 9, `${pkg.resources.length} resources`);
	for (const r of pkg.resources) {
		t.ok(r.valid && r.tabular, `resource ${r.name}: ${r.errors.map((e) => e.message)}`);
		const schema = await r.schema;
		t.ok(schema && schema.valid && schema.primaryKey.length > 0, `resource ${r.name}: table schema not valid or without a primary key`);
	}
}
