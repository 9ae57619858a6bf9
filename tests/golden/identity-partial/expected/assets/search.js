/* gongkai search: answers a query from the index the generator wrote under
 * search/ (generator/search.c; the formats are in docs/data.md). No
 * framework, no server: a query fetches meta.json once, then the pieces it
 * needs of the packed index and text files, by HTTP range requests.
 *
 * A query is cut into words at spaces; a result contains every word. A
 * word of one or two characters is answered exactly by one posting list;
 * a longer word by the lists of all its pairs of neighbouring characters,
 * whose common documents are then checked against their stored text. */
(function () {
	'use strict';
	var form = document.getElementById('search-form');
	if (!form || !window.fetch || !window.URL) return;
	var input = form.querySelector('input[name=q]');
	var status = document.getElementById('search-status');
	var list = document.getElementById('search-results');
	var more = document.getElementById('search-more');
	var base = new URL(form.getAttribute('data-index') || './', document.baseURI);
	var root = new URL(form.getAttribute('data-root') || '../', document.baseURI);
	var PAGE = 10;          /* results shown at a time */
	var EXACT_BLOCKS = 8;   /* check every candidate when that takes at most this many more files */
	var MAX_WORDS = 8, MAX_KEYS = 8; /* looked up per query; more words and pairs are checked in the text */
	var meta = null, shards = new Map(), blocks = new Map();
	var counter = { bytes: 0, files: 0 };
	var current = null;     /* the query being shown */
	var api = window.gongkaiSearch = { last: null };

	function msg(key, n, k) {
		return (form.getAttribute('data-msg-' + key) || '').replace('{n}', n).replace('{k}', k);
	}

	/* Bytes len at off of a pack file, by an HTTP range request. A server
	 * that ignores ranges sends the whole file (200): then every file is
	 * fetched whole, once, and pieces are cut from it. The first request
	 * tells which; the others wait for it. */
	var whole = new Map(), ranged = null;
	function fetchBytes(file, off, len) {
		var opts = len ? { headers: { Range: 'bytes=' + off + '-' + (off + len - 1) } } : {};
		return fetch(new URL(file, base), opts).then(function (r) {
			if (r.status !== 206 && r.status !== 200) throw new Error(file + ': ' + r.status);
			return r.arrayBuffer().then(function (buf) {
				counter.bytes += buf.byteLength;
				counter.files++;
				var u8 = new Uint8Array(buf);
				if (!len) return { ranged: false, data: u8 }; /* asked for the whole file */
				if (r.status === 200) {
					whole.set(file, Promise.resolve(u8));
					return { ranged: false, data: u8.subarray(off, off + len) };
				}
				if (u8.length !== len) throw new Error(file + ': ' + u8.length + ' bytes, not ' + len);
				return { ranged: true, data: u8 };
			});
		});
	}
	function piece(file, off, len) {
		if (!len) return Promise.resolve(new Uint8Array(0));
		if (whole.has(file)) return whole.get(file).then(function (u8) { return u8.subarray(off, off + len); });
		if (!ranged) {
			var first = fetchBytes(file, off, len);
			ranged = first.then(function (r) { return r.ranged; }, function () { return true; });
			return first.then(function (r) { return r.data; });
		}
		return ranged.then(function (ok) {
			if (ok) return fetchBytes(file, off, len).then(function (r) { return r.data; });
			if (!whole.has(file)) whole.set(file, fetchBytes(file, 0, 0).then(function (r) { return r.data; }));
			return whole.get(file).then(function (u8) { return u8.subarray(off, off + len); });
		});
	}

	function getJSON(path) {
		return fetch(new URL(path, base)).then(function (r) {
			if (!r.ok) throw new Error(path + ': ' + r.status);
			return r.arrayBuffer();
		}).then(function (buf) {
			counter.bytes += buf.byteLength;
			counter.files++;
			return JSON.parse(new TextDecoder('utf-8').decode(buf));
		});
	}

	/* Where each piece (shard, block) of a packed store lies: its file,
	 * offset and length. */
	function layout(name, part) {
		var where = [], k = 0;
		part.packs.forEach(function (count, n) {
			var off = 0;
			for (var i = 0; i < count; i++, k++) {
				where.push({ file: name + '-' + n + '.bin', off: off, len: part.bytes[k] });
				off += part.bytes[k];
			}
		});
		return where;
	}

	/* The folding of generator/search.c: full-width ASCII as ASCII, ASCII
	 * letters in lower case, every kind of space as ' '. One UTF-16 unit
	 * stays one unit, so positions in the folded text are positions in the
	 * text. */
	function fold(s) {
		var out = '';
		for (var i = 0; i < s.length; i++) {
			var c = s.charCodeAt(i);
			if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;
			if (c >= 65 && c <= 90) c += 32;
			if (c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xA0 || c === 0x3000) c = 32;
			out += String.fromCharCode(c);
		}
		return out;
	}

	function hash(a, b) {
		var h = (Math.imul(a, 0x9E3779B1) ^ Math.imul(b + 1, 0x85EBCA77)) >>> 0;
		h = (h ^ (h >>> 16)) >>> 0;
		h = Math.imul(h, 0x7FEB352D) >>> 0;
		return (h ^ (h >>> 15)) >>> 0;
	}

	/* The words of a query, each with the keys to look up. Every word is
	 * checked against the text when its keys alone do not settle it, so
	 * capping the keys of a long query (to bound what it fetches) never
	 * changes its results, only how many candidates are checked. */
	function words(q) {
		var seen = {}, out = [];
		fold(q).split(' ').forEach(function (w) {
			if (!w || seen[w]) return;
			seen[w] = 1;
			var codes = Array.from(w).map(function (c) { return c.codePointAt(0); });
			var keys = [];
			if (codes.length === 1) keys.push([codes[0], 0]);
			for (var i = 0; i + 1 < codes.length; i++) keys.push([codes[i], codes[i + 1]]);
			if (keys.length > MAX_KEYS) { /* spread over the word */
				var step = (keys.length - 1) / (MAX_KEYS - 1), few = [];
				for (var k = 0; k < MAX_KEYS; k++) few.push(keys[Math.round(k * step)]);
				keys = few;
			}
			out.push({ text: w, keys: out.length < MAX_WORDS ? keys : [], check: codes.length > 2 || out.length >= MAX_WORDS });
		});
		return out;
	}

	function loadMeta() {
		if (!meta) meta = getJSON('meta.json').then(function (m) {
			var at = 0; /* the blocks' first documents, written as differences */
			m.blocks = m.text.first.map(function (d) { return (at += d); });
			m.shards = m.index.shards;
			m.shardAt = layout('index', m.index);
			m.blockAt = layout('text', m.text);
			return m;
		});
		return meta;
	}

	function shardOf(key, m) { return hash(key[0], key[1]) & (m.shards - 1); }

	function parseShard(u8) {
		var pos = 0;
		function vi() {
			var v = 0, mul = 1, b;
			do { b = u8[pos++]; v += (b & 0x7F) * mul; mul *= 128; } while (b & 0x80);
			return v;
		}
		var n = vi(), heads = [];
		for (var i = 0; i < n; i++) heads.push([vi(), vi(), vi(), vi()]);
		var keys = new Map();
		heads.forEach(function (h) { keys.set(h[0] + ':' + h[1], { off: pos, len: h[3], n: h[2] }); pos += h[3]; });
		return { u8: u8, keys: keys };
	}

	function loadShard(n) {
		if (!shards.has(n)) shards.set(n, meta.then(function (m) {
			var at = m.shardAt[n];
			return piece(at.file, at.off, at.len);
		}).then(parseShard));
		return shards.get(n);
	}

	/* A posting list: ascending document ids, and whether the key is in
	 * the document's title. */
	function postings(shard, key) {
		var e = shard.keys.get(key[0] + ':' + key[1]);
		if (!e) return { ids: [], title: [] };
		var u8 = shard.u8, pos = e.off, end = e.off + e.len, cur = 0, ids = new Array(e.n), title = new Array(e.n), k = 0;
		while (pos < end) {
			var v = 0, mul = 1, b;
			do { b = u8[pos++]; v += (b & 0x7F) * mul; mul *= 128; } while (b & 0x80);
			cur += Math.floor(v / 2);
			ids[k] = cur - 1;
			title[k++] = v & 1;
		}
		return { ids: ids, title: title };
	}

	function intersect(x, y) {
		var ids = [], title = [], i = 0, j = 0;
		while (i < x.ids.length && j < y.ids.length) {
			if (x.ids[i] < y.ids[j]) i++;
			else if (x.ids[i] > y.ids[j]) j++;
			else { ids.push(x.ids[i]); title.push(x.title[i] & y.title[j]); i++; j++; }
		}
		return { ids: ids, title: title };
	}

	function blockOf(m, id) {
		var lo = 0, hi = m.blocks.length - 1;
		while (lo < hi) {
			var mid = (lo + hi + 1) >> 1;
			if (m.blocks[mid] <= id) lo = mid; else hi = mid - 1;
		}
		return lo;
	}

	/* A block: its documents, one JSON array a line. */
	function loadBlock(n) {
		if (!blocks.has(n)) blocks.set(n, meta.then(function (m) {
			var at = m.blockAt[n];
			return piece(at.file, at.off, at.len);
		}).then(function (u8) {
			return new TextDecoder('utf-8').decode(u8).split('\n').filter(Boolean).map(JSON.parse);
		}));
		return blocks.get(n);
	}

	function record(m, id) {
		var b = blockOf(m, id);
		return loadBlock(b).then(function (recs) { return recs[id - m.blocks[b]]; });
	}

	/* Does the record contain every word? Then how it ranks: 0 if it is
	 * named exactly so (its title, or one of a unit's other names), 1 if
	 * every word is in its title or other names, 2 otherwise; -1 if not. */
	function check(rec, ws) {
		var text = fold(rec[5]), keys = fold(rec[6] || ''), names = fold(rec[7] || '');
		var title = fold(rec[1]), inTitle = true;
		for (var i = 0; i < ws.length; i++) {
			var w = ws[i].text;
			if (text.indexOf(w) < 0 && keys.indexOf(w) < 0) return -1;
			if (title.indexOf(w) < 0 && names.indexOf(w) < 0) inTitle = false;
		}
		if (ws.length === 1 && (title === ws[0].text || (' ' + names + ' ').indexOf(' ' + ws[0].text + ' ') >= 0)) return 0;
		return inTitle ? 1 : 2;
	}

	/* Check candidates until `want` results are known (or all, if that is
	 * cheap), in rank order: title candidates first, then by id. */
	function fill(st, want) {
		if (st.pos >= st.order.length || st.results.length >= want) return Promise.resolve();
		var m = st.meta, batch = [];
		var need = Math.max(1, Math.min(want - st.results.length, 256));
		while (st.pos < st.order.length && batch.length < need) batch.push(st.order[st.pos++]);
		return Promise.all(batch.map(function (id) { return record(m, id); })).then(function (recs) {
			recs.forEach(function (rec, i) {
				var tier = check(rec, st.words);
				if (tier >= 0) st.results.push({ id: batch[i], tier: tier, rec: rec });
			});
			st.results.sort(function (a, b) { return a.tier - b.tier || a.id - b.id; });
			return fill(st, want);
		});
	}

	function remainingBlocks(st) {
		var seen = {}, n = 0;
		for (var i = st.pos; i < st.order.length && n <= EXACT_BLOCKS; i++) {
			var b = blockOf(st.meta, st.order[i]);
			if (!(b in seen) && !blocks.has(b)) { seen[b] = 1; n++; }
		}
		return n;
	}

	/* Text with every occurrence of the words marked. */
	function marked(el, text, ws) {
		var f = fold(text), pos = 0;
		while (pos < text.length) {
			var best = -1, len = 0;
			ws.forEach(function (w) {
				var k = f.indexOf(w.text, pos);
				if (k >= 0 && (best < 0 || k < best || (k === best && w.text.length > len))) { best = k; len = w.text.length; }
			});
			if (best < 0) break;
			if (best > pos) el.appendChild(document.createTextNode(text.slice(pos, best)));
			var mk = document.createElement('mark');
			mk.textContent = text.slice(best, best + len);
			el.appendChild(mk);
			pos = best + len;
		}
		if (pos < text.length) el.appendChild(document.createTextNode(text.slice(pos)));
	}

	function snippet(rec, ws) {
		var text = rec[5], f = fold(text), first = -1;
		ws.forEach(function (w) {
			var k = f.indexOf(w.text);
			if (k >= 0 && (first < 0 || k < first)) first = k;
		});
		if (first < 0) { text = rec[6] || ''; first = 0; }
		var start = Math.max(0, first - 30), end = Math.min(text.length, first + 90);
		if (start > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
		if (end < text.length && /[\uDC00-\uDFFF]/.test(text.charAt(end))) end++;
		return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
	}

	function show(st) {
		var m = st.meta;
		list.textContent = '';
		st.results.slice(0, st.shown).forEach(function (r) {
			var rec = r.rec, li = document.createElement('li'), a = document.createElement('a');
			li.className = 'result';
			a.href = new URL(rec[2], root).href;
			marked(a, rec[1], st.words);
			var h = document.createElement('p');
			h.className = 'result-title';
			h.appendChild(a);
			var kind = document.createElement('span');
			kind.className = 'kind kind-' + rec[0];
			kind.textContent = m.kinds[rec[0]] || '';
			h.appendChild(document.createTextNode(' '));
			h.appendChild(kind);
			li.appendChild(h);
			if (rec[3] || rec[4]) {
				var meta = document.createElement('p');
				meta.className = 'result-meta';
				meta.textContent = (rec[3] ? rec[3] + ' · ' : '') + (rec[4] ? rec[4] + msg('year') : '');
				li.appendChild(meta);
			}
			var sn = document.createElement('p');
			sn.className = 'snippet';
			marked(sn, snippet(rec, st.words), st.words);
			li.appendChild(sn);
			list.appendChild(li);
		});
		/* Words of one or two characters are answered exactly by the index:
		 * every candidate is a result. Longer ones are exact once checked. */
		var exact = st.pos >= st.order.length || !st.check;
		var total = st.check ? st.results.length : st.order.length;
		if (!total && exact) status.textContent = msg('none');
		else if (exact) status.textContent = msg('found', total);
		else status.textContent = msg('about', st.order.length - st.pos + st.results.length, st.pos);
		var left = st.results.length > st.shown || st.pos < st.order.length;
		more.hidden = !left;
		more.textContent = msg('more');
	}

	function finish(st, t0) {
		api.last = {
			query: st.query, ms: performance.now() - t0, bytes: counter.bytes - st.bytes0,
			files: counter.files - st.files0, count: st.check ? st.results.length : st.order.length,
			exact: st.pos >= st.order.length || !st.check,
		};
		form.setAttribute('data-state', 'done');
	}

	function run(q) {
		var t0 = performance.now();
		var ws = words(q);
		form.setAttribute('data-state', 'busy');
		list.textContent = '';
		more.hidden = true;
		if (!ws.length) { status.textContent = ''; current = null; form.setAttribute('data-state', 'done'); return Promise.resolve(); }
		status.textContent = msg('loading');
		var st = { query: q, words: ws, results: [], pos: 0, shown: PAGE, bytes0: counter.bytes, files0: counter.files,
			check: ws.some(function (w) { return w.check; }) };
		current = st;
		return loadMeta().then(function (m) {
			st.meta = m;
			var need = new Set();
			ws.forEach(function (w) { w.keys.forEach(function (k) { need.add(shardOf(k, m)); }); });
			return Promise.all(Array.from(need).map(loadShard));
		}).then(function () {
			var cand = null;
			return Promise.all(ws.filter(function (w) { return w.keys.length; }).map(function (w) {
				return Promise.all(w.keys.map(function (k) {
					return loadShard(shardOf(k, st.meta)).then(function (sh) { return postings(sh, k); });
				})).then(function (lists) {
					return lists.reduce(function (acc, p) { return acc ? intersect(acc, p) : p; }, null);
				});
			})).then(function (perWord) {
				cand = perWord.reduce(function (acc, p) { return acc ? intersect(acc, p) : p; }, null);
				var first = [], rest = [];
				cand.ids.forEach(function (id, i) { (cand.title[i] ? first : rest).push(id); });
				st.order = first.concat(rest);
				return fill(st, PAGE);
			});
		}).then(function () {
			if (st.check && remainingBlocks(st) <= EXACT_BLOCKS) return fill(st, Infinity);
		}).then(function () {
			if (current !== st) return;
			show(st);
			finish(st, t0);
		}).catch(function (e) {
			status.textContent = msg('failed');
			form.setAttribute('data-state', 'failed');
			if (window.console) console.error(e);
		});
	}

	/* Show `more` results of the current query (Infinity: all of them). */
	function showMore(more) {
		var st = current;
		if (!st) return Promise.resolve();
		var t0 = performance.now();
		st.shown += more;
		form.setAttribute('data-state', 'busy');
		return fill(st, st.shown).then(function () {
			if (st.check && remainingBlocks(st) <= EXACT_BLOCKS) return fill(st, Infinity);
		}).then(function () { show(st); finish(st, t0); });
	}
	more.addEventListener('click', function () { showMore(PAGE); });

	form.addEventListener('submit', function (ev) {
		ev.preventDefault();
		var q = input.value;
		history.pushState(null, '', '?q=' + encodeURIComponent(q));
		run(q);
	});

	function fromUrl() {
		var q = new URLSearchParams(location.search).get('q') || '';
		input.value = q;
		run(q);
	}
	window.addEventListener('popstate', fromUrl);
	api.ready = loadMeta().catch(function () {}); /* while the reader types */
	api.run = run;
	api.showAll = function () { return showMore(Infinity); };
	fromUrl();
})();
