#!/usr/bin/python3
"""What a search of a built gongkai site must find, computed without the
index: from the rendered HTML pages, with Python's own HTML parser.

Usage: search_truth.py SITE QUERY...   prints {query: [address, ...]} as JSON

A search document is an item a reader finds on the site, and its text is
what the site shows of that item (docs/data.md, "Search"):
  plan       plans/S/              its title, editor's note, text as issued,
                                   indicator notes
  task       plans/S/#task-ID      the item as printed, its units, planned
                                   time, linked indicators, progress report
  activity   plans/S/#row-ID       its row of the plan's table, every column
                                   (merged cells count for every row they
                                   span)
  indicator  plans/S/indicators/I/ name, group, target and unit, nature,
                                   note, discrepancy
  unit       units/U/              name, region, the ways plans write it, note
  region     regions/R/            name, province
  page       P/                    title and text
and each has its id (the last part of its address) as a keyword; a task or
row also every unit it links to by all the unit's names (its full name and
the ways plans write it, as its unit page lists them). Labels of
the page ("责任单位：", "计划时间：") and status tags are not part of it.
A document matches when every word of the query (split at spaces) is a
substring of its text or its keywords, after folding: ASCII letters to
lower case, full-width ASCII to ASCII, every kind of space to one space.
"""
import glob, html.parser, json, os, re, sys

BLOCK = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
         "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
         "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def find_all(self, pred):
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    out.append(c)
                out.extend(c.find_all(pred))
        return out

    def find(self, pred):
        r = self.find_all(pred)
        return r[0] if r else None

    def elements(self):
        return [c for c in self.children if isinstance(c, Node)]


class Tree(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(path):
    t = Tree()
    t.feed(open(path, encoding="utf-8").read())
    return t.root


def text(node, skip=lambda n: False):
    """The text of node as laid out: block elements separate, inline join."""
    out = []

    def walk(n):
        for c in n.children:
            if isinstance(c, str):
                out.append(c)
            elif not skip(c):
                if c.tag in BLOCK:
                    out.append(" ")
                walk(c)
                if c.tag in BLOCK:
                    out.append(" ")
    if not skip(node):
        walk(node)
    return "".join(out)


def fold(s):
    out = []
    for ch in s:
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            c -= 0xFEE0
        if 65 <= c <= 90:
            c += 32
        if c in (9, 10, 11, 12, 13, 0xA0, 0x3000):
            c = 32
        out.append(chr(c))
    return re.sub(" +", " ", "".join(out)).strip()


def is_(tag=None, cls=None, id_prefix=None, ident=None):
    def pred(n):
        return ((tag is None or n.tag == tag) and (cls is None or cls in n.cls())
                and (id_prefix is None or (n.attrs.get("id") or "").startswith(id_prefix))
                and (ident is None or n.attrs.get("id") == ident))
    return pred


# Pages the generator writes itself (the free pages come from content/pages/).
GENERATED = {"method", "changes", "data", "search", "units", "regions", "years"}
LABELS = lambda n: "label" in n.cls() or "tag" in n.cls() or "missing" in n.cls()


def unit_names(site):
    """Every unit's names by its page's address: the full name (its h1) and
    the ways plans write it (文件中的写法, joined with 、)."""
    names = {}
    for page in sorted(glob.glob(os.path.join(site, "units/*/index.html"))):
        uid = os.path.basename(os.path.dirname(page))
        main = parse(page).find(is_("main"))
        got = [text(main.find(is_("h1")))]
        for div in main.find(is_("dl", "disclosure")).elements():
            if text(div.find(is_("dt"))).strip() == "文件中的写法":
                got += text(div.find(is_("dd"))).split("、")
        names[uid] = got
    return names


def docs(site):
    out = []  # (address, text, keywords)
    names = unit_names(site)

    def unit_keys(node):
        """The names of the units linked in node: each unit by all its names."""
        keys = []
        for a in node.find_all(is_("a", "unit")):
            m = re.search(r"units/([^/]+)/$", a.attrs.get("href", ""))
            keys += names.get(m.group(1), []) if m else [a.attrs.get("title", "")]
        return keys

    def add(addr, parts, keys):
        out.append((addr, fold(" ".join(p for p in parts if p)), fold(" ".join(keys))))

    for page in sorted(glob.glob(os.path.join(site, "plans/*/index.html"))):
        slug = os.path.basename(os.path.dirname(page))
        root = parse(page)
        art = root.find(is_("article", "plan"))
        parts = [text(art.find(is_("h1")))]
        parts += [text(a) for a in art.elements() if a.tag == "aside" and "editor-note" in a.cls()
                  for a in a.find_all(is_("p"))]
        parts.append(text(art.find(is_("section", ident="text")).find(is_("div", "doc"))))
        ind = art.find(is_("section", ident="indicators"))
        if ind:
            parts += [text(p) for d in ind.find_all(is_("div", "notes")) for p in d.find_all(is_("p"))]
            parts += [text(p) for d in ind.find_all(is_("aside", "editor-note")) for p in d.find_all(is_("p"))]
        add(f"plans/{slug}/", parts, [slug])
        for li in art.find_all(is_("li", id_prefix="task-")):
            tid = li.attrs["id"][5:]
            parts = []
            for p in li.elements():
                if p.tag != "p" or "status" in p.cls():
                    continue
                t = text(p, LABELS)
                if "report" in p.cls():
                    t = t.replace("（取消原因：", "（")
                parts.append(t)
            keys = [tid] + unit_keys(li)
            add(f"plans/{slug}/#task-{tid}", parts, keys)
        sched = art.find(is_("section", ident="schedule"))
        if sched:
            spans = []  # cells carried down by rowspan: [cell, rows left]
            for tr in sched.find(is_("tbody")).find_all(is_("tr", id_prefix="row-")):
                rid = tr.attrs["id"][4:]
                own = [c for c in tr.elements() if c.tag in ("th", "td")]
                cells, carried = [], [s for s in spans if s[1] > 0]
                # the carried cells come first (the unit and activity columns)
                for s in carried:
                    cells.append(s[0])
                    s[1] -= 1
                spans = [s for s in spans if s[1] > 0]
                for c in own:
                    cells.append(c)
                    n = int(c.attrs.get("rowspan", "1"))
                    if n > 1:
                        spans.append([c, n - 1])
                parts = [text(c, LABELS) for c in cells]
                keys = [rid] + [k for c in cells for k in unit_keys(c)]
                add(f"plans/{slug}/#row-{rid}", parts, keys)
    for page in sorted(glob.glob(os.path.join(site, "plans/*/indicators/*/index.html"))):
        iid = os.path.basename(os.path.dirname(page))
        slug = os.path.basename(os.path.dirname(os.path.dirname(os.path.dirname(page))))
        main = parse(page).find(is_("main"))
        parts = [text(main.find(is_("h1")))]
        kids = main.elements()
        dl = main.find(is_("dl", "disclosure"))
        for div in dl.elements():
            dt, dd = div.find(is_("dt")), div.find(is_("dd"))
            if text(dt).strip() in ("任务指标", "目标值", "指标性质") and "missing" not in dd.cls():
                parts.append(text(dd))
        after = kids[kids.index(dl) + 1:]
        for n in after:
            if n.tag == "p" and "hint" in n.cls():
                parts.append(text(n))
            elif n.tag == "aside" and "editor-note" in n.cls():
                parts += [text(p) for p in n.find_all(is_("p"))]
            else:
                break
        add(f"plans/{slug}/indicators/{iid}/", parts, [iid])
    for page in sorted(glob.glob(os.path.join(site, "units/*/index.html"))):
        uid = os.path.basename(os.path.dirname(page))
        main = parse(page).find(is_("main"))
        kids = main.elements()
        dl = main.find(is_("dl", "disclosure"))
        parts = [text(main.find(is_("h1")))] + [text(dd) for dd in dl.find_all(is_("dd"))]
        nxt = kids[kids.index(dl) + 1]
        if nxt.tag == "p" and "hint" in nxt.cls():
            parts.append(text(nxt))
        add(f"units/{uid}/", parts, [uid])
    for page in sorted(glob.glob(os.path.join(site, "regions/*/index.html"))):
        rid = os.path.basename(os.path.dirname(page))
        main = parse(page).find(is_("main"))
        kids = main.elements()
        h1 = main.find(is_("h1"))
        parts = [text(h1)]
        nxt = kids[kids.index(h1) + 1] if kids.index(h1) + 1 < len(kids) else None
        if nxt is not None and nxt.tag == "p" and "meta" in nxt.cls():
            parts.append(text(nxt))
        add(f"regions/{rid}/", parts, [rid])
    for page in sorted(glob.glob(os.path.join(site, "*/index.html"))):
        slug = os.path.basename(os.path.dirname(page))
        art = parse(page).find(is_("article", "page"))
        if art is None or slug in GENERATED:
            continue
        add(f"{slug}/", [text(art.find(is_("h1"))), text(art.find(is_("div", "doc")))], [slug])
    return out


def main():
    site, queries = sys.argv[1], sys.argv[2:]
    all_docs = docs(site)
    result = {}
    for q in queries:
        words = [w for w in fold(q).split(" ") if w]
        result[q] = sorted(a for a, t, k in all_docs if words and all(w in t or w in k for w in words))
    json.dump({"docs": len(all_docs), "results": result}, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
