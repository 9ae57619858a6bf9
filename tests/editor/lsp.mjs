// "Underlined in the editor": the real YAML language server (npm
// yaml-language-server, pinned in package-lock.json), the one VS Code's YAML
// extension runs, driven over LSP stdio as the extension drives it, on a
// content repository made by `gongkai init`: the workspace settings are the
// repository's .vscode/settings.json, the display language Chinese (zh-cn).
//
//   - every starter file opens without a diagnostic;
//   - a mistake typed into a starter file is underlined at the line where
//     `gongkai check` reports it, with the schema's Chinese message, through
//     the file's first line (# yaml-language-server: $schema=…) and the
//     schema files it refers to, all read from the repository, offline;
//   - a file typed without that line (a new units file, a progress.yaml) is
//     checked by the mapping in .vscode/settings.json;
//   - hovering a field shows its Chinese description; completion offers the
//     fields with theirs.
//
// Usage: node lsp.mjs (GONGKAI names the binary). Ends with "editor: N
// passed, M failed".
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const gongkai = process.env.GONGKAI || join(here, '..', '..', 'generator', 'gongkai');
let passed = 0, failed = 0;
function ok(cond, what) {
	if (cond) passed++;
	else { failed++; console.log(`FAIL ${what}`); }
	return cond;
}

const tmp = mkdtempSync(join(tmpdir(), 'gongkai-editor-'));
const repo = join(tmp, 'repo');
const env = { ...process.env, HOME: tmp, GIT_CEILING_DIRECTORIES: tmp };
execFileSync(gongkai, ['init', repo], { env, stdio: 'ignore' });
const uri = (rel) => pathToFileURL(join(repo, rel)).href;

// ---- a minimal LSP client --------------------------------------------------

const server = spawn(process.execPath,
	[join(here, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
	{ cwd: tmp, stdio: ['pipe', 'pipe', 'inherit'] });
let nextId = 1, inbuf = Buffer.alloc(0);
const pending = new Map(), diagnostics = new Map(), waiters = [];

function send(msg) {
	const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
	server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
	server.stdin.write(body);
}
function request(method, params) {
	const id = nextId++;
	send({ id, method, params });
	return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
const notify = (method, params) => send({ method, params });

// The workspace settings as VS Code passes them: .vscode/settings.json,
// "yaml.x.y" keys as the section yaml's x.y.
const vscode = JSON.parse(readFileSync(join(repo, '.vscode', 'settings.json'), 'utf8'));
function section(name) {
	const out = {};
	for (const [k, v] of Object.entries(vscode)) {
		if (k === name) return v;
		if (!k.startsWith(name + '.')) continue;
		const path = k.slice(name.length + 1).split('.');
		let o = out;
		for (const p of path.slice(0, -1)) o = o[p] ??= {};
		o[path[path.length - 1]] = v;
	}
	return out;
}

function onMessage(msg) {
	if (msg.id !== undefined && msg.method === undefined) {
		const p = pending.get(msg.id);
		pending.delete(msg.id);
		if (p) msg.error ? p.reject(new Error(msg.error.message)) : p.resolve(msg.result);
	} else if (msg.id !== undefined) {
		// a request from the server
		let result = null;
		if (msg.method === 'workspace/configuration')
			result = msg.params.items.map((it) => section(it.section));
		send({ id: msg.id, result });
	} else if (msg.method === 'textDocument/publishDiagnostics') {
		diagnostics.set(msg.params.uri, msg.params);
		for (const w of waiters.splice(0)) w();
	}
}
server.stdout.on('data', (chunk) => {
	inbuf = Buffer.concat([inbuf, chunk]);
	for (;;) {
		const end = inbuf.indexOf('\r\n\r\n');
		if (end < 0) return;
		const len = Number(/Content-Length: (\d+)/i.exec(inbuf.subarray(0, end).toString())[1]);
		if (inbuf.length < end + 4 + len) return;
		onMessage(JSON.parse(inbuf.subarray(end + 4, end + 4 + len).toString('utf8')));
		inbuf = inbuf.subarray(end + 4 + len);
	}
});

// The diagnostics of a document once the server has validated this
// version of it (it publishes them on open and on every change).
async function diagnosticsOf(rel, version) {
	const deadline = Date.now() + 20000;
	for (;;) {
		const d = diagnostics.get(uri(rel));
		if (d && (d.version === undefined || d.version === version)) return d.diagnostics;
		if (Date.now() > deadline) throw new Error(`no diagnostics for ${rel}`);
		await new Promise((resolve) => { waiters.push(resolve); setTimeout(resolve, 200); });
	}
}

const versions = new Map();
async function open(rel, text) {
	diagnostics.delete(uri(rel));
	if (versions.has(rel)) {
		const v = versions.get(rel) + 1;
		versions.set(rel, v);
		notify('textDocument/didChange', { textDocument: { uri: uri(rel), version: v }, contentChanges: [{ text }] });
		return diagnosticsOf(rel, v);
	}
	versions.set(rel, 1);
	notify('textDocument/didOpen', { textDocument: { uri: uri(rel), languageId: 'yaml', version: 1, text } });
	return diagnosticsOf(rel, 1);
}

// What `gongkai check` says about the repository with rel changed to text.
function check(rel, text) {
	const before = readFileSync(join(repo, rel), 'utf8');
	writeFileSync(join(repo, rel), text);
	const r = spawnSync(gongkai, ['check', '-C', repo], { encoding: 'utf8' });
	writeFileSync(join(repo, rel), before);
	return (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith(rel + ':'));
}

const show = (ds) => ds.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ') || 'none';

// A mistake: the editor underlines it where check reports it (check's
// line, 1-based; the server's, 0-based), with the message expected.
async function mistake(what, rel, edit, message, { checkLine = true } = {}) {
	const text = edit(readFileSync(join(repo, rel), 'utf8'));
	const ds = await open(rel, text);
	const said = check(rel, text);
	const line = said.length ? Number(said[0].split(':')[1]) : -1;
	ok(said.length > 0, `${what}: gongkai check says nothing`);
	const at = ds.filter((d) => d.range.start.line + 1 === line);
	if (checkLine)
		ok(at.length > 0, `${what}: check says line ${line} (${said[0]}), the editor underlines ${show(ds)}`);
	ok(ds.some((d) => d.message.includes(message)),
		`${what}: no diagnostic says “${message}”; the editor says ${show(ds)}`);
	console.log(`${what}: ${rel}:${line}: check: ${said[0]?.split(': ').slice(2).join(': ').slice(0, 60)}…`);
	console.log(`  editor: ${show(at.length ? at : ds)}`);
}

try {
	await request('initialize', {
		processId: process.pid,
		locale: 'zh-cn',
		rootUri: pathToFileURL(repo).href,
		workspaceFolders: [{ uri: pathToFileURL(repo).href, name: 'repo' }],
		capabilities: {
			workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
			textDocument: {
				publishDiagnostics: { versionSupport: true },
				hover: { contentFormat: ['markdown', 'plaintext'] },
				completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
				synchronization: { dynamicRegistration: true },
			},
		},
	});
	notify('initialized', {});
	notify('workspace/didChangeConfiguration', { settings: null });

	// Every starter file opens clean.
	const starters = ['content/site.yaml', 'content/regions.yaml',
		...readdirSync(join(repo, 'content', 'units')).map((f) => `content/units/${f}`),
		...['tasks', 'schedule', 'indicators', 'progress'].map((f) => `content/plans/example/${f}.yaml`)];
	for (const rel of starters) {
		const ds = await open(rel, readFileSync(join(repo, rel), 'utf8'));
		ok(ds.length === 0, `${rel} as init wrote it: the editor underlines ${show(ds)}`);
	}
	console.log(`${starters.length} starter files: no diagnostic`);

	// Mistakes, through each file's first line.
	await mistake('a status that is none of the four', 'content/plans/example/progress.yaml',
		(t) => t.replace('status: 推进中', 'status: 完成'), '写 未开始、推进中、已完成 或 已取消 之一');
	await mistake('a date that does not exist (a pattern of common.schema.json)', 'content/plans/example/progress.yaml',
		(t) => t.replace(/^as_of: (\d{4})-06-30$/m, 'as_of: $1-02-30'), '日期写成 YYYY-MM-DD');
	await mistake('a misspelt field', 'content/plans/example/tasks.yaml',
		(t) => t.replace('    section:', '    sectoin:'), '可用的字段：id（必填）、section');
	await mistake('a required field left out', 'content/plans/example/tasks.yaml',
		(t) => t.replace(/    text: \|-\n.*\n/, ''), '缺少必填字段 "text"');
	await mistake('an ICP number in lower case', 'content/site.yaml',
		(t) => t.replace('# icp_no: ""', 'icp_no: "苏icp备12345678号"'), 'ICP备案编号写成 苏ICP备12345678号');
	await mistake('a header gongkai does not know', 'content/plans/example/schedule.yaml',
		(t) => t.replace('columns: [部门, 重要活动安排, 具体内容, 拟推进时间]', 'columns: [部门, 重要活动安排, 具体内容, 资金规模]'),
		'不认识的表头');
	await mistake('a nature that is neither', 'content/plans/example/indicators.yaml',
		(t) => t.replace('nature: 约束性', 'nature: 约束'), '写 约束性 或 预期性');

	// Files typed without the first line: .vscode/settings.json maps them.
	const bingshi = 'content/units/bingshi.yaml';
	writeFileSync(join(repo, bingshi), 'units:\n  - id: jiashi-cz\n    name: 甲市财政局\n    region: jiashi\n');
	await mistake('a units file typed by hand, an id in Chinese', bingshi,
		(t) => t.replace('id: jiashi-cz', 'id: 财政局'), '编号只能用小写英文字母、数字和 - _ .');
	const progress = 'content/plans/example/progress.yaml';
	await mistake('progress.yaml without its first line', progress,
		(t) => t.replace(/^# yaml-language-server:.*\n/, '').replace('value: 150', 'value: 150人'), '用阿拉伯数字');

	// Hover and completion, in Chinese.
	const tasks = 'content/plans/example/tasks.yaml';
	const text = readFileSync(join(repo, tasks), 'utf8');
	await open(tasks, text);
	const lines = text.split('\n');
	const sec = lines.findIndex((l) => l.startsWith('    section:'));
	const hover = await request('textDocument/hover', { textDocument: { uri: uri(tasks) }, position: { line: sec, character: 6 } });
	const hv = JSON.stringify(hover?.contents ?? '');
	ok(hv.includes('所在的小标题'), `hover on section: ${hv}`);
	console.log(`hover on "section": ${hv.slice(0, 80)}`);
	const edited = lines.slice(0, sec).concat(['    '], lines.slice(sec)).join('\n');
	await open(tasks, edited);
	const comp = await request('textDocument/completion', { textDocument: { uri: uri(tasks) }, position: { line: sec, character: 4 } });
	const items = (comp?.items ?? comp ?? []);
	const when = items.find((i) => i.label === 'when');
	const doc = JSON.stringify(when?.documentation ?? '');
	ok(when && doc.includes('计划时间'), `completion in a task offers when, described: ${items.map((i) => i.label).join(', ')} ${doc}`);
	console.log(`completion in a task: ${items.map((i) => i.label).join(', ')}`);
	const prog = readFileSync(join(repo, progress), 'utf8').split('\n');
	const st = prog.findIndex((l) => l.includes('status: 推进中'));
	prog[st] = prog[st].replace('推进中', '');
	await open(progress, prog.join('\n'));
	const vals = await request('textDocument/completion', { textDocument: { uri: uri(progress) }, position: { line: st, character: prog[st].length } });
	const labels = (vals?.items ?? vals ?? []).map((i) => i.label).sort();
	ok(JSON.stringify(labels) === JSON.stringify(['已取消', '已完成', '推进中', '未开始']), `completion of a status: ${labels}`);
	console.log(`completion of a status: ${labels.join(', ')}`);
} catch (e) {
	ok(false, `the language server: ${e.message}`);
} finally {
	server.kill();
	rmSync(tmp, { recursive: true, force: true });
}
console.log(`editor: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
