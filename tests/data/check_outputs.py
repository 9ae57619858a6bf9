#!/usr/bin/python3
"""Read every machine output of a built gongkai site with a real parser.

Usage: check_outputs.py SITE [--base-url URL] [--expect-commit-time SECONDS]

  JSON        parsed, validated against the site's own JSON Schema
              (data/gongkai.schema.json, draft 2020-12, python3-jsonschema)
  CSV         BOM, RFC 4180 (CRLF records, quoting), read back with the csv
              module; every text cell safe from formula injection; the same
              cells as the JSON
  datapackage the descriptor checked against the Frictionless Data Package
              and Table Schema rules, every CSV cell cast to its field's type,
              constraints, primary keys unique, foreign keys resolved
  iCalendar   a strict line grammar (CRLF, 75-octet folding between whole
              UTF-8 characters, property syntax, TEXT escaping, nesting,
              required properties) and python3-icalendar
  XML         Atom feed and sitemap: xmllint against RELAX NG schemas
              written from RFC 4287 and the sitemaps.org protocol
  data page   lists every data file with its true size and row count

Prints one line per failed check and ends with "data: N passed, M failed".
"""
import csv, datetime, glob, html.parser, io, json, os, re, subprocess, sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
# Each file (or part of the site) is one check; it fails if any of its
# assertions fails.
groups, bad, current = [], set(), None


def section(name):
    global current
    current = name
    if name not in groups:
        groups.append(name)


def ok(cond, what):
    if not cond:
        bad.add(current)
        print("FAIL", what)
    return cond


args = sys.argv[1:]
site = args[0]
base_url = None
commit_time = None
if "--base-url" in args:
    base_url = args[args.index("--base-url") + 1]
if "--expect-commit-time" in args:
    commit_time = int(args[args.index("--expect-commit-time") + 1])


def rel(p):
    return os.path.relpath(p, site)


def files(pattern):
    return sorted(glob.glob(os.path.join(site, pattern), recursive=True))


# ---- JSON ---------------------------------------------------------------------------

section("json schema")
schema = json.load(open(os.path.join(site, "data/gongkai.schema.json"), encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
docs = {}
for path in files("data/*.json") + files("plans/*/*.json"):
    if path.endswith("schema.json") or path.endswith("datapackage.json"):
        continue
    section(rel(path))
    raw = open(path, "rb").read()
    doc = json.loads(raw.decode("utf-8"))
    errors = list(validator.iter_errors(doc))
    ok(not errors, f"{rel(path)}: not valid against the schema: {errors[:1]}")
    for ch in ("\u2028", "\u2029"):
        ok(ch.encode() not in raw, f"{rel(path)}: raw U+{ord(ch):04X} (must be escaped)")
    ok(b"</" not in raw, f"{rel(path)}: '</' unescaped")
    docs[rel(path)] = doc
ok("data/gongkai.json" in docs, "data/gongkai.json missing")
site_doc = docs.get("data/gongkai.json", {"tables": {}})
if base_url:
    for t, rows in site_doc["tables"].items():
        for r in rows:
            if "url" in r:
                ok(r["url"].startswith(base_url), f"gongkai.json {t}: url not absolute: {r['url']}")

# ---- CSV ------------------------------------------------------------------------------

RISKY = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
pkg = json.load(open(os.path.join(site, "data/datapackage.json"), encoding="utf-8"))
resources = {r["name"]: r for r in pkg["resources"]}


def rfc4180_records(text):
    """Split text into records by RFC 4180, checking that every record ends
    with CRLF and that a bare CR or LF only occurs inside quotes."""
    records, fields, cell, i, quoted, n = [], [], [], 0, False, len(text)
    problems = []
    while i < n:
        c = text[i]
        if quoted:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    cell.append('"'); i += 2; continue
                quoted = False; i += 1; continue
            cell.append(c); i += 1; continue
        if c == '"':
            if cell:
                problems.append(f"quote inside an unquoted cell at {i}")
            quoted = True; i += 1; continue
        if c == ",":
            fields.append("".join(cell)); cell = []; i += 1; continue
        if c == "\r":
            if text[i + 1:i + 2] != "\n":
                problems.append(f"bare CR at {i}")
            fields.append("".join(cell)); cell = []; records.append(fields); fields = []
            i += 2; continue
        if c == "\n":
            problems.append(f"bare LF at {i}")
            i += 1; continue
        cell.append(c); i += 1
    if quoted:
        problems.append("unterminated quote")
    if cell or fields:
        problems.append("last record not ended with CRLF")
    return records, problems


csv_tables = {}
for path in files("data/*.csv") + files("plans/*/*.csv"):
    section(rel(path))
    raw = open(path, "rb").read()
    ok(raw.startswith(b"\xef\xbb\xbf"), f"{rel(path)}: no UTF-8 byte-order mark")
    text = raw.decode("utf-8")[1:]
    records, problems = rfc4180_records(text)
    ok(not problems, f"{rel(path)}: not RFC 4180: {problems[:3]}")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    ok(rows == records, f"{rel(path)}: the csv module reads it differently")
    name = os.path.basename(path)[:-4]
    if not rel(path).startswith("data/"):  # plans/S/S-<table>.csv
        slug = os.path.basename(os.path.dirname(path))
        ok(name.startswith(slug + "-"), f"{rel(path)}: not named after its plan")
        name = name[len(slug) + 1:]
    res = resources.get(name)
    if not ok(res is not None, f"{rel(path)}: no resource {name} in datapackage.json"):
        continue
    fields = res["schema"]["fields"]
    ok(rows and rows[0] == [f["name"] for f in fields], f"{rel(path)}: header differs from the package's fields")
    for r in rows[1:]:
        ok(len(r) == len(fields), f"{rel(path)}: a row with {len(r)} cells, not {len(fields)}")
        for f, cell in zip(fields, r):
            if f["type"] == "string":
                ok(not cell.startswith(RISKY), f"{rel(path)}: {f['name']} cell can run as a formula: {cell[:30]!r}")
            elif cell.startswith(RISKY):
                ok(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", cell) is not None,
                   f"{rel(path)}: {f['name']} cell starts like a formula: {cell[:30]!r}")
    csv_tables[rel(path)] = rows

# The CSV and the JSON hold the same cells.


def as_cell(v):
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    return str(v) if not isinstance(v, float) else repr(v)


def disarmed(s):
    """The cell CSV writes for a text: control characters (other than tab
    and line breaks) dropped, a formula-like start disarmed."""
    s = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", s)
    return "'" + s if s.startswith(RISKY) else s


for jpath, doc in docs.items():
    section(jpath + " = csv")
    folder = os.path.dirname(jpath)
    prefix = "" if folder == "data" else os.path.basename(folder) + "-"
    for tname, jrows in doc["tables"].items():
        cpath = os.path.join(folder, prefix + tname + ".csv")
        if cpath not in csv_tables:
            continue
        crows = csv_tables[cpath]
        ok(len(crows) - 1 == len(jrows), f"{cpath}: {len(crows) - 1} rows, {jpath} has {len(jrows)}")
        header = crows[0]
        types = {f["name"]: f["type"] for f in resources[tname]["schema"]["fields"]}
        ndiff = 0
        for c, j in zip(crows[1:], jrows):
            for k, cell in zip(header, c):
                v = j[k]
                want = disarmed(v) if types[k] == "string" and isinstance(v, str) else as_cell(v)
                if types[k] == "number" and v is not None:
                    ok(float(cell) == float(v), f"{cpath}: {k} {cell} != {v}")
                    continue
                if cell != want:
                    ndiff += 1
                    if ndiff < 3:
                        print(f"  {cpath}: {k}: csv {cell[:40]!r} json {want[:40]!r}")
        ok(ndiff == 0, f"{cpath}: {ndiff} cells differ from {jpath}")

# ---- the data package -------------------------------------------------------------------

NAME = re.compile(r"^[a-z0-9._-]+$")
TYPES = {"string", "number", "integer", "boolean", "date", "time", "datetime", "year", "yearmonth",
         "object", "array", "duration", "geopoint", "geojson", "any"}
section("datapackage.json")
ok(pkg.get("profile") == "tabular-data-package", "datapackage: profile is not tabular-data-package")
ok(NAME.match(pkg.get("name", "")) is not None, "datapackage: name does not match [a-z0-9._-]+")
ok(isinstance(pkg.get("resources"), list) and pkg["resources"], "datapackage: no resources")
ok(len(resources) == len(pkg["resources"]), "datapackage: resource names repeat")


def cast(ftype, s):
    if ftype == "string":
        return s
    if ftype == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", s):
            raise ValueError
        return int(s)
    if ftype == "number":
        if not re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", s):
            raise ValueError
        return float(s)
    if ftype == "boolean":
        if s in ("true", "True", "TRUE", "1"):
            return True
        if s in ("false", "False", "FALSE", "0"):
            return False
        raise ValueError
    if ftype == "date":
        return datetime.date.fromisoformat(s)
    raise ValueError


data = {}
for r in pkg["resources"]:
    n = r.get("name", "")
    section("datapackage " + n)
    ok(NAME.match(n) is not None, f"datapackage: resource name {n!r}")
    ok(r.get("profile") == "tabular-data-resource", f"datapackage {n}: profile")
    path = os.path.join(site, "data", r.get("path", ""))
    if not ok(os.path.isfile(path) and r["path"].endswith(".csv") and "/" not in r["path"] and ".." not in r["path"],
              f"datapackage {n}: path {r.get('path')!r} is not a CSV file beside it"):
        continue
    sch = r.get("schema", {})
    fields = sch.get("fields", [])
    names = [f.get("name") for f in fields]
    ok(len(set(names)) == len(names), f"datapackage {n}: field names repeat")
    for f in fields:
        ok(f.get("type") in TYPES, f"datapackage {n}.{f.get('name')}: type {f.get('type')!r}")
        ok(set(f) <= {"name", "type", "format", "title", "description", "constraints", "rdfType", "example"},
           f"datapackage {n}.{f.get('name')}: unknown keys {set(f)}")
    pk = sch.get("primaryKey", [])
    ok(pk and all(k in names for k in pk), f"datapackage {n}: primaryKey {pk} not among the fields")
    for fk in sch.get("foreignKeys", []):
        ref = fk["reference"]
        target = resources.get(ref["resource"]) if ref["resource"] else r
        ok(target is not None, f"datapackage {n}: foreign key to unknown resource {ref['resource']}")
        if target:
            tnames = [f["name"] for f in target["schema"]["fields"]]
            ok(all(k in names for k in fk["fields"]) and all(k in tnames for k in ref["fields"])
               and len(fk["fields"]) == len(ref["fields"]), f"datapackage {n}: foreign key fields {fk}")
    d = r.get("dialect", {})
    ok(d.get("delimiter") == "," and d.get("lineTerminator") == "\r\n" and d.get("header") is True,
       f"datapackage {n}: dialect {d}")
    # The data, cast by the schema.
    rows = csv_tables.get(os.path.join("data", r["path"]), [[]])[1:]
    missing = sch.get("missingValues", [""])
    typed = []
    for row in rows:
        rec = {}
        for f, cell in zip(fields, row):
            c = f.get("constraints", {})
            if cell in missing:
                ok(not c.get("required"), f"datapackage {n}: required {f['name']} missing")
                rec[f["name"]] = None
                continue
            try:
                v = cast(f["type"], cell)
            except ValueError:
                ok(False, f"datapackage {n}: {f['name']} {cell[:30]!r} is not a {f['type']}")
                v = None
            if "enum" in c:
                ok(cell in c["enum"], f"datapackage {n}: {f['name']} {cell!r} not in {c['enum']}")
            rec[f["name"]] = v
        typed.append(rec)
    keys = [tuple(rec[k] for k in pk) for rec in typed]
    ok(len(set(keys)) == len(keys), f"datapackage {n}: primary key {pk} not unique")
    ok(all(None not in k for k in keys), f"datapackage {n}: primary key {pk} has an empty cell")
    data[n] = typed
    ok(r.get("x-rows") == len(rows), f"datapackage {n}: x-rows {r.get('x-rows')} but the file has {len(rows)}")
for r in pkg["resources"]:
    for fk in r["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        target = data.get(ref["resource"] or r["name"], [])
        have = {tuple(t[k] for k in ref["fields"]) for t in target}
        dangling = [tuple(rec[k] for k in fk["fields"]) for rec in data.get(r["name"], [])]
        dangling = [k for k in dangling if None not in k and k not in have]
        ok(not dangling, f"datapackage {r['name']}: foreign key {fk['fields']} unresolved: {dangling[:3]}")

# ---- iCalendar ------------------------------------------------------------------------------

PROPS = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE", "NAME",
         "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION",
         "URL", "STATUS", "TRANSP"}
TEXT_PROPS = {"X-WR-CALNAME", "X-WR-TIMEZONE", "NAME", "SUMMARY", "DESCRIPTION"}
CONTENTLINE = re.compile(r"^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=[^;:,\"]*)*):(.*)$", re.S)


def check_ics(path):
    section(rel(path))
    raw = open(path, "rb").read()
    name = rel(path)
    ok(raw.endswith(b"\r\n"), f"{name}: does not end with CRLF")
    physical = raw.split(b"\r\n")[:-1]
    ok(b"\n" not in raw.replace(b"\r\n", b""), f"{name}: bare LF")
    ok(b"\r" not in raw.replace(b"\r\n", b""), f"{name}: bare CR")
    for ln in physical:
        ok(len(ln) <= 75, f"{name}: line of {len(ln)} octets: {ln[:40]!r}")
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            ok(False, f"{name}: a folded line splits a UTF-8 character: {ln[:40]!r}")
    logical = []
    for ln in physical:
        if ln.startswith(b" ") or ln.startswith(b"\t"):
            ok(bool(logical), f"{name}: continuation line first")
            logical[-1] += ln[1:]
        else:
            logical.append(ln)
    stack, events, props = [], [], {}
    for ln in logical:
        text = ln.decode("utf-8")
        m = CONTENTLINE.match(text)
        if not ok(m is not None, f"{name}: not a content line: {text[:60]!r}"):
            continue
        prop, params, value = m.groups()
        ok(prop in PROPS, f"{name}: unexpected property {prop}")
        ok(not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value), f"{name}: control character in {prop}")
        if prop in TEXT_PROPS:
            ok(re.fullmatch(r"(?:[^\\;,]|\\[\\;,nN])*", value) is not None, f"{name}: {prop} is not escaped TEXT: {value[:60]!r}")
        if prop == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                props = {}
        elif prop == "END":
            ok(stack and stack[-1] == value, f"{name}: END:{value} does not close {stack[-1:]}")
            stack.pop()
            if value == "VEVENT":
                events.append(props)
        elif stack and stack[-1] == "VEVENT":
            ok(prop not in props, f"{name}: {prop} twice in an event")
            props[prop] = (params, value)
    ok(not stack, f"{name}: unclosed {stack}")
    uids = set()
    for e in events:
        for req in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            ok(req in e, f"{name}: event without {req}")
        if not all(k in e for k in ("UID", "DTSTART", "DTEND", "DTSTAMP")):
            continue
        ok(e["UID"][1] not in uids, f"{name}: UID {e['UID'][1]} twice")
        uids.add(e["UID"][1])
        ok(e["DTSTART"][0] == ";VALUE=DATE" and e["DTEND"][0] == ";VALUE=DATE", f"{name}: not all-day")
        s = datetime.datetime.strptime(e["DTSTART"][1], "%Y%m%d").date()
        t = datetime.datetime.strptime(e["DTEND"][1], "%Y%m%d").date()
        ok(t > s, f"{name}: DTEND {t} not after DTSTART {s}")
        ok(re.fullmatch(r"[0-9]{8}T[0-9]{6}Z", e["DTSTAMP"][1]) is not None, f"{name}: DTSTAMP {e['DTSTAMP'][1]}")
        if commit_time is not None:
            want = datetime.datetime.fromtimestamp(commit_time, datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            ok(e["DTSTAMP"][1] == want, f"{name}: DTSTAMP {e['DTSTAMP'][1]}, not the commit's {want}")
    # And a real parser.
    try:
        import icalendar
        cal = icalendar.Calendar.from_ical(raw)
        parsed = [c for c in cal.walk("VEVENT")]
        ok(len(parsed) == len(events), f"{name}: python3-icalendar reads {len(parsed)} events, not {len(events)}")
    except ImportError:
        ok(False, "python3-icalendar is not installed (make deps installs it)")
    return events


ics = {rel(p): check_ics(p) for p in files("plans/*/schedule.ics")}

# ---- XML: the feed and the sitemap -----------------------------------------------------------


def xmllint(path, schema):
    section(rel(path))
    r = subprocess.run(["xmllint", "--noout", "--relaxng", os.path.join(HERE, schema), path],
                       capture_output=True, text=True)
    return ok(r.returncode == 0, f"{rel(path)}: not valid against {schema}: {r.stderr.strip()[:300]}")


xmllint(os.path.join(site, "changes.xml"), "atom.rng")
feed = open(os.path.join(site, "changes.xml"), encoding="utf-8").read()
if base_url:
    hrefs = re.findall(r'href="([^"]*)"', feed)
    ok(hrefs and all(h.startswith(base_url) for h in hrefs), "changes.xml: links not absolute with base_url")
section("sitemap.xml and robots.txt")
sitemap = os.path.join(site, "sitemap.xml")
robots = open(os.path.join(site, "robots.txt"), encoding="utf-8").read()
ok(all(re.fullmatch(r"(#.*|[A-Za-z-]+: ?\S*|)", ln) for ln in robots.split("\n")), "robots.txt: a line is not a directive")
if base_url:
    if ok(os.path.isfile(sitemap), "sitemap.xml missing although base_url is set"):
        xmllint(sitemap, "sitemap.rng")
        locs = re.findall(r"<loc>([^<]*)</loc>", open(sitemap, encoding="utf-8").read())
        pages = [p for p in files("**/index.html") if not rel(p).startswith("search/")]
        ok(len(locs) == len(pages), f"sitemap.xml: {len(locs)} URLs for {len(pages)} pages")
        ok(all(l.startswith(base_url) for l in locs), "sitemap.xml: URL not absolute")
        ok(f"Sitemap: {base_url}sitemap.xml" in robots, "robots.txt does not name the sitemap")
else:
    ok(not os.path.exists(sitemap), "sitemap.xml written without base_url (it needs absolute URLs)")

# ---- the data page ---------------------------------------------------------------------------


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.row, self.cell = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row = {"href": None, "text": []}
        elif tag == "li":
            self.row = {"href": None, "text": []}
        elif tag == "a" and self.row is not None and self.row["href"] is None:
            self.row["href"] = a.get("href")

    def handle_endtag(self, tag):
        if tag in ("tr", "li") and self.row is not None:
            if self.row["href"]:
                self.rows.append((self.row["href"], "".join(self.row["text"])))
            self.row = None

    def handle_data(self, d):
        if self.row is not None:
            self.row["text"].append(d)


def listed(page):
    p = Links()
    p.feed(open(os.path.join(site, page), encoding="utf-8").read())
    base = os.path.dirname(page)
    out = {}
    for href, text in p.rows:
        if href.startswith(("http:", "https:", "#")):
            continue
        out[os.path.normpath(os.path.join(base, href.split("#")[0]))] = text
    return out


section("data page")
page = listed("data/index.html")
datafiles = [rel(p) for p in files("data/*.csv") + files("data/*.json") + files("plans/*/*.csv")
             + files("plans/*/*.json") + files("plans/*/schedule.ics")]
for f in datafiles:
    if not ok(f in page, f"data page does not list {f}"):
        continue
    text = page[f]
    size = os.path.getsize(os.path.join(site, f))
    shown = re.search(r"([0-9.]+) (B|KB|MB)", text)
    if ok(shown is not None, f"data page: no size for {f}"):
        mult = {"B": 1, "KB": 1024, "MB": 1024 * 1024}[shown.group(2)]
        ok(abs(float(shown.group(1)) * mult - size) <= 0.05 * mult + 1, f"data page: {f} is {size} bytes, shown {shown.group(0)}")
    count = re.search(r"([0-9]+) (行|条记录|个日历事件)", text)
    if f.endswith(".csv"):
        ok(count and int(count.group(1)) == len(csv_tables[f]) - 1, f"data page: {f} rows {count and count.group(1)}")
    elif f.endswith(".ics"):
        ok(count and int(count.group(1)) == len(ics[f]), f"data page: {f} events {count and count.group(1)}")
section("plan pages link their files")
for plan in files("plans/*/index.html"):
    slug = os.path.basename(os.path.dirname(plan))
    links = listed(rel(plan))
    mine = [f for f in datafiles if f.startswith(f"plans/{slug}/")]
    ok(all(f in links for f in mine), f"plans/{slug}/: does not link all of its files")

print(f"data: {len(groups) - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
