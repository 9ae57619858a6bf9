#!/usr/bin/python3
"""Read back every file of a built site with a real parser and fail on
anything executable: tests/cli/hostile_check.py [--layouts DIR] SITE [STRING...]

Every output format is listed in CHECKS with the parser that reads it; a
file that no entry matches is an error, so a new format must be added here
(one line: its pattern and its checker). Each STRING (a hostile text the
content holds) must come back, as text, from at least one file: content is
shown as written, never dropped."""
import csv, fnmatch, html, html.parser, io, json, os, re, subprocess, sys, xml.etree.ElementTree as ET

ALLOWED = ("http", "https", "mailto")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
problems, texts = [], []
layout_text = ""  # every *.mustache of --layouts, joined
layout_scripts = set()  # the bytes of every script shipped in --layouts/assets

def bad(path, what):
    problems.append(f"{path}: {what}")

def scheme(url):
    """The scheme a browser sees: leading/trailing C0 and spaces cut, tabs
    and line breaks removed, entities already decoded by the parser."""
    u = url.strip("".join(chr(c) for c in range(0x21)))
    u = re.sub(r"[\t\n\r]", "", u)
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", u)
    return m.group(1).lower() if m else None

def check_url(path, url, where):
    s = scheme(url)
    if s == "tel" and re.fullmatch(r"tel:\+?[0-9-]+", url):
        return  # made by the generator from the digits of a phone number
    if s == "webcal" and re.fullmatch(r"webcal://[^\s]+\.ics", url):
        return  # a calendar's subscription link: base_url's https:// as webcal://
    if s is not None and s not in ALLOWED:
        bad(path, f"{where}: executable or foreign URL {url!r}")
    if re.match(r"^\s*[/\\][/\\]", url):
        bad(path, f"{where}: URL to another site {url!r}")

class Page(html.parser.HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=False)
        self.path, self.script, self.script_src = path, None, False
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            src = [v for k, v in attrs if k == "src"]
            self.script_src = bool(src)
            if src and not re.fullmatch(r"(\.\./)*assets/[a-z0-9_-]+\.js", src[0] or ""):
                bad(self.path, f"<script src> not a shipped asset: {src[0]!r}")
            self.script = ""
        if tag in ("iframe", "object", "embed", "base", "frame"):
            bad(self.path, f"<{tag}> element")
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            bad(self.path, "meta refresh")
        for k, v in attrs:
            if k.startswith("on"):
                bad(self.path, f"event handler attribute {k}")
            if k in URL_ATTRS and v is not None:
                check_url(self.path, v, f"<{tag} {k}>")
            if k == "style" and v and re.search(r"url\s*\(|expression\s*\(", v, re.I):
                bad(self.path, f"style with url() or expression(): {v!r}")
    def handle_data(self, data):
        if self.script is not None:
            self.script += data
            return
        texts.append(html.unescape(data))
    def handle_entityref(self, name):
        self.handle_data(html.unescape(f"&{name};"))
    def handle_charref(self, name):
        self.handle_data(html.unescape(f"&#{name};"))
    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            if self.script_src and not self.script.strip():
                pass  # a shipped script (its bytes are checked as *.js)
            elif not self.script.strip() or self.script not in layout_text:
                bad(self.path, f"<script> not written by a layout: {self.script[:80]!r}")
            self.script = None

def check_html(path, data):
    text = data.decode("utf-8")  # must be UTF-8
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", text):
        bad(path, "control character or noncharacter in HTML")
    p = Page(path)
    p.feed(text)
    p.close()
    # inline SVG must be XML on its own
    for i, m in enumerate(re.finditer(r"<svg\b.*?</svg>", text, re.S)):
        frag = m.group(0)
        if "xmlns=" not in frag[:200]:
            frag = frag.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        check_xml(f"{path} (svg {i + 1})", frag.encode(), kind="svg")

def xmllint(path, data):
    r = subprocess.run(["xmllint", "--noout", "--nonet", "-"], input=data, capture_output=True)
    if r.returncode != 0:
        bad(path, "xmllint: " + r.stderr.decode("utf-8", "replace").strip()[:300])
        return False
    return True

def check_xml(path, data, kind="xml"):
    if not xmllint(path, data):
        return
    root = ET.fromstring(data)
    for el in root.iter():
        tag = el.tag.split("}")[-1]
        if tag in ("script", "foreignObject"):
            bad(path, f"<{tag}> in {kind}")
        for k, v in el.attrib.items():
            name = k.split("}")[-1]
            if name.startswith("on"):
                bad(path, f"event handler attribute {name}")
            if name in ("href", "src"):
                check_url(path, v, f"<{tag} {name}>")
        if tag in ("loc", "id", "uri", "icon", "logo") and el.text and el.text.strip():
            if tag != "id" or el.text.strip().startswith(("http", "javascript", "data")):
                check_url(path, el.text.strip(), f"<{tag}>")
        for t in (el.text, el.tail):
            if t:
                texts.append(t)

def walk_json(path, v, key=""):
    if isinstance(v, dict):
        for k, x in v.items():
            walk_json(path, x, k)
    elif isinstance(v, list):
        for x in v:
            walk_json(path, x, key)
    elif isinstance(v, str):
        texts.append(v)
        if re.search(r"(url|href|link|src)$", key, re.I) and v:
            check_url(path, v, f'"{key}"')

def check_json(path, data):
    text = data.decode("utf-8")
    if "</script" in text.lower() or "\u2028" in text or "\u2029" in text:
        bad(path, "</script or a raw line separator in JSON")
    walk_json(path, json.loads(text))

def check_csv(path, data):
    text = data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            texts.append(cell)
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-?\d+(\.\d+)?", cell):
                bad(path, f"cell a spreadsheet would run as a formula: {cell[:60]!r}")

def check_ics(path, data):
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    if lines[-1] != "" or any("\n" in l or "\r" in l for l in lines):
        bad(path, "iCalendar lines must end in CRLF")
    if not text.startswith("BEGIN:VCALENDAR\r\n") or "END:VCALENDAR\r\n" not in text:
        bad(path, "not an iCalendar object")
    for l in lines:
        if len(l.encode()) > 75:
            bad(path, "iCalendar line longer than 75 octets")
        if l.startswith("URL") and ":" in l:
            check_url(path, l.split(":", 1)[1], "URL")
        texts.append(l)

def check_text(path, data):
    data.decode("utf-8")

def check_js(path, data):
    if data not in layout_scripts:
        bad(path, "a script that is not one of the layouts' own")

def check_robots(path, data):
    for l in data.decode("utf-8").splitlines():
        field, _, value = l.partition(":")
        if l and not l.startswith("#") and field not in ("User-agent", "Allow", "Disallow", "Sitemap"):
            bad(path, f"robots.txt line {l!r}")
        if field == "Sitemap":
            check_url(path, value.strip(), "Sitemap")

def check_search_text(path, data):
    # gongkai-search/2 (docs/data.md): lines of JSON, one document a line.
    for l in data.decode("utf-8").split("\n"):
        if l:
            doc = json.loads(l)
            if not isinstance(doc, list) or len(doc) < 6:
                bad(path, f"not a search document: {l[:80]!r}")
            elif doc[2] is not None:
                check_url(path, doc[2], "search address")

def check_search_index(path, data):
    # LEB128 varints end to end: the last byte of the file ends one.
    if data and data[-1] & 0x80:
        bad(path, "a varint cut short")

# One line per output format: the files it covers, and how to read them.
CHECKS = [
    ("*.html", check_html),
    ("*.xml", check_xml),
    ("*.svg", check_xml),
    ("*.json", check_json),
    ("*.csv", check_csv),
    ("*.ics", check_ics),
    ("manifest.txt", check_text),
    ("*.css", check_text),
    (".gongkai-site", check_text),
    ("robots.txt", check_robots),
    ("*.js", check_js),
    ("text-*.bin", check_search_text),
    ("index-*.bin", check_search_index),
]

def main():
    global layout_text
    args = sys.argv[1:]
    if args[:1] == ["--layouts"]:
        d = args[1]
        args = args[2:]
        for f in sorted(os.listdir(d)):
            if f.endswith(".mustache"):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    layout_text += fh.read() + "\n"
        adir = os.path.join(d, "assets")
        for f in sorted(os.listdir(adir)) if os.path.isdir(adir) else []:
            if f.endswith(".js"):
                with open(os.path.join(adir, f), "rb") as fh:
                    layout_scripts.add(fh.read())
    site, wanted = args[0], args[1:]
    n = 0
    for dp, dn, fn in os.walk(site):
        for f in sorted(fn):
            p = os.path.join(dp, f)
            rel = os.path.relpath(p, site)
            with open(p, "rb") as fh:
                data = fh.read()
            for pat, fun in CHECKS:
                if fnmatch.fnmatch(f, pat):
                    try:
                        fun(rel, data)
                    except Exception as e:  # unreadable is a failure too
                        bad(rel, f"{type(e).__name__}: {e}")
                    n += 1
                    break
            else:
                bad(rel, "no parser for this kind of output: add it to CHECKS")
    joined = "\n".join(texts)
    for w in wanted:
        if w not in joined:
            problems.append(f"the text {w!r} is not on the site")
    for p in problems:
        print("FAIL", p)
    print(f"{n} files read back, {len(problems)} problems")
    sys.exit(1 if problems else 0)

main()
