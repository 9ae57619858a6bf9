#!/usr/bin/python3
"""The JSON Schemas of layouts/schemas/ against the files and against
`gongkai check`.

Files are read as an editor's YAML language server reads them (YAML 1.2
core: 12 is a number, 2023-08-30 and 2.00 text, ~ null, true a boolean;
gongkai reads numbers as text, so the schemas accept both) and validated
with Debian's python3-jsonschema, draft 7, the references between the
schema files resolved locally.

  schemas.py compare ROOT...   every content file of each ROOT (a folder
                               holding content/) is checked by its schema
                               and by `gongkai check`; every diagnostic a
                               schema can express must be flagged by the
                               schema at its file and line, and the schema
                               must flag nothing check does not. A file
                               whose first line names a schema
                               (# yaml-language-server: $schema=…) must
                               name the right one, and find it.
  schemas.py agree CHECKDIR    the same over the bad-input cases of
                               tests/check (each case laid over _base, as
                               tests/run does; its expected output is
                               check's); prints the agreement figures.
  schemas.py sync CONTENT      the schemas' fields are gongkai's: a field
                               gongkai does not know is added to every map
                               of a copy of CONTENT, and the fields check
                               lists as known ("可用的字段：…") must be the
                               schema's; then the patterns (ids, dates,
                               identity numbers, values) are tried on
                               values check accepts and refuses.

Environment: GONGKAI, the binary. Ends with "schemas: N passed, M failed"
and exits 1 on a failure."""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

import yaml

warnings.filterwarnings("ignore", category=DeprecationWarning)
import jsonschema  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "..", "layouts", "schemas")
GONGKAI = os.environ.get("GONGKAI", os.path.join(HERE, "..", "..", "generator", "gongkai"))
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)
    return cond


# ---- reading YAML as the language server does ----------------------------

INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                   r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
NULLS = {"", "~", "null", "Null", "NULL"}
TRUES = {"true", "True", "TRUE"}
FALSES = {"false", "False", "FALSE"}


class Doc:
    """A YAML document as data, with the line of every node and key."""

    def __init__(self, path, line0=0):
        self.path, self.line0 = path, line0
        self.lines = {}    # path tuple -> line of the node
        self.keys = {}     # path tuple of a map entry -> line of its key
        self.syntax = []   # (line, message): what the YAML parser reports
        self.data = None

    def scalar(self, node):
        v = node.value
        if node.style:  # quoted or a block (plain is None, or '' from the C loader)
            return v
        if v in NULLS:
            return None
        if v in TRUES or v in FALSES:
            return v in TRUES
        if INT.match(v):
            return int(v, 0) if v[:2] in ("0o", "0x") else int(v)
        if FLOAT.match(v):
            return float(v)
        return v

    def conv(self, node, path, depth=0):
        self.lines[path] = node.start_mark.line + 1 + self.line0
        if depth > 64:
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.conv(n, path + (i,), depth + 1) for i, n in enumerate(node.value)]
        out = {}
        for k, v in node.value:
            line = k.start_mark.line + 1 + self.line0
            if not isinstance(k, yaml.ScalarNode):
                self.syntax.append((line, "a key that is not text"))
                continue
            if k.value in out:
                self.syntax.append((line, "Map keys must be unique"))
                continue
            self.keys[path + (k.value,)] = line
            out[k.value] = self.conv(v, path + (k.value,), depth + 1)
        return out

    def load(self, text):
        try:
            node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            self.syntax.append(((mark.line + 1 if mark else 1) + self.line0, str(e).split("\n")[0]))
            return self
        self.data = self.conv(node, ()) if node is not None else None
        return self


FENCE = re.compile(r"^---[ \t]*\r?$")
CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$")


def front_matter(text):
    """The YAML between the --- lines at the top of a Markdown file, and
    the number of lines before it; None if there is none."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        return None, 0
    for i in range(1, len(lines)):
        if CLOSE.match(lines[i]):
            return "\n".join(lines[1:i]) + "\n", 1
    return None, 0


# ---- the schemas -----------------------------------------------------------

def schema_uri(name):
    return "file://" + os.path.realpath(os.path.join(SCHEMAS, name))


STORE = {}
for f in sorted(os.listdir(SCHEMAS)):
    if f.endswith(".schema.json"):
        with open(os.path.join(SCHEMAS, f), encoding="utf-8") as fp:
            STORE[schema_uri(f)] = json.load(fp)


def validator(name):
    schema = STORE[schema_uri(name)]
    resolver = jsonschema.RefResolver(base_uri=schema_uri(name), referrer=schema, store=STORE)
    return jsonschema.Draft7Validator(schema, resolver=resolver)


VALIDATORS = {}


def schema_for(rel):
    """The schema of a file, by its path under the repository."""
    p = rel.split("/")
    if p[0] != "content":
        return None
    if rel in ("content/site.yaml", "content/regions.yaml"):
        return p[1].replace(".yaml", ".schema.json")
    if len(p) == 3 and p[1] == "units" and p[2].endswith(".yaml"):
        return "units.schema.json"
    if len(p) == 3 and p[1] == "pages" and p[2].endswith(".md"):
        return "page.schema.json"
    if len(p) == 4 and p[1] == "plans":
        if p[3] == "plan.md":
            return "plan.schema.json"
        if p[3] in ("tasks.yaml", "schedule.yaml", "indicators.yaml", "progress.yaml"):
            return p[3].replace(".yaml", ".schema.json")
    return None


def content_files(root):
    out = []
    for d, dirs, files in os.walk(os.path.join(root, "content")):
        dirs.sort()
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(d, f), root)
            if schema_for(rel):
                out.append(rel)
    return out


MODELINE = re.compile(r"^#\s+yaml-language-server\s*:.*\$schema(?:=|:[^\S\r\n]*)(\S+)")


def check_file(root, rel):
    """What the schema (and the YAML parser) flag in one file: a list of
    (line, kind, detail)."""
    name = schema_for(rel)
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fp:
        text = fp.read()
    line0 = 0
    if rel.endswith(".md"):
        text, line0 = front_matter(text)
        if text is None:
            return [({1}, "syntax", "no front matter")]
    else:
        m = MODELINE.match(text)
        if m:
            target = os.path.normpath(os.path.join(root, os.path.dirname(rel), m.group(1)))
            ok(os.path.basename(target) == name, f"{rel}: names the schema {m.group(1)}, not {name}")
            ok(os.path.isfile(target), f"{rel}: the schema it names, {m.group(1)}, is not there")
    doc = Doc(rel, line0).load(text)
    out = [({line}, "syntax", msg) for line, msg in doc.syntax]
    if doc.syntax:
        return out

    def at(path):
        # A node and, for a map entry, its key: check reports a map's
        # problems at its key (contact:), a schema at the map below it.
        return {doc.lines.get(path, 1), doc.keys.get(path, doc.lines.get(path, 1))}

    if name not in VALIDATORS:
        VALIDATORS[name] = validator(name)
    for e in VALIDATORS[name].iter_errors(doc.data):
        path = tuple(e.absolute_path)
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            known = set(e.schema.get("properties", {}))
            pats = [re.compile(p) for p in e.schema.get("patternProperties", {})]
            for k in e.instance:
                if k not in known and not any(p.search(k) for p in pats):
                    out.append(({doc.keys.get(path + (k,), doc.lines.get(path, 1))}, "unknown", k))
        elif e.validator == "required":
            for k in e.validator_value:
                if isinstance(e.instance, dict) and k not in e.instance:
                    out.append((at(path), "required", k))
        else:
            out.append((at(path), e.validator, "/".join(map(str, path))))
    return out


# ---- what gongkai check says ------------------------------------------------

DIAG = re.compile(r"^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning): (.*)$")

# Diagnostics a schema can express (type, enum, pattern, required, unknown
# key) or that the editor's YAML parser reports itself.
EXPRESSIBLE = [
    ("unknown key", r"未知字段"),
    ("required", r"缺少必填字段|不能为空|至少要写一项|政府网站的页脚必须有|政府网站的联系方式至少要有"),
    ("type", r"应该是映射|应该写成“键: 值”的形式|应该是列表|应该是一段文字|应该是一个表头|只能是 true 或 false"
             r"|要分项写出|by_region 应该是映射|的值是空的"),
    ("pattern", r"^编号 .* 不合规|不是有效的日期|不是有效的整数|不是数值|是负数|网站标识码|ICP备案编号|ICP 经营许可证"
                r"|公安机关备案号|联系电话|电子邮箱|不是网址|不是支持的格式|必须是 content/ 里面的相对路径"),
    ("enum", r"进展状态 .* 无效|指标性质 .* 无效|的含义 .* 无效|不认识的表头"),
    ("YAML syntax", r"（YAML:|Tab 键|重复出现|映射的键不能是|嵌套层数"),
]
# What a schema cannot see, by the reason.
NOT_EXPRESSIBLE = [
    ("cross-reference", r"未知地区|未知结对关系|未知的(?:责任|牵头|配合)单位|对应多个单位|没有编号为|重复（第一次|不在 regions 中"
                        r"|上级关系|分解列|没有 key 为|的分解目标|写了两次|出现了两次|都表示|columns 中没有|这一格写在"),
    ("planned time or target", r"计划时间|完成时限|读不懂|不完整|范围前大后小"),
    ("sums and history", r"不相符|大于上一级|discrepancy|减少到|晚于 as_of|不在计划年度"),
    ("text and markup", r"模板文字|被当成了注释|HTML 标签"),
    ("files", r"找不到图片|不是 PNG|不是 JPEG|不是 GIF|超过了|缺少文件|UTF-8|文件夹名|文件名|无法读取|front matter"),
    ("registry", r"不在 conac\.cn 上"),
]


def classify(msg):
    for name, pat in EXPRESSIBLE:
        if re.search(pat, msg):
            return True, name
    for name, pat in NOT_EXPRESSIBLE:
        if re.search(pat, msg):
            return False, name
    return False, "other"


def parse_check(text):
    out = []
    for line in text.splitlines():
        m = DIAG.match(line)
        if m and m.group(1).startswith("content/"):
            out.append((m.group(1), int(m.group(2) or 0), m.group(4), m.group(5)))
    return out


def run_check(root):
    r = subprocess.run([GONGKAI, "check", "-C", root], capture_output=True, text=True)
    return r.stdout + r.stderr


def matches(d, flags):
    """Does the schema flag diagnostic d (file, line, sev, msg)? flags:
    (line, kind, detail) of that file."""
    _, line, _, msg = d
    if any(line in fl for fl, _, _ in flags):
        return True
    # A missing field: check says it at the map (or at government: true).
    names = re.findall(r'"([a-z_]+)"', msg)
    return any(kind == "required" and detail in names for _, kind, detail in flags)


def compare(root, diags, label):
    """Agreement of one tree: returns (expressible, flagged, missed, extra,
    by-reason counts of the rest)."""
    flags = {rel: check_file(root, rel) for rel in content_files(root)}
    expr, missed, rest = [], [], {}
    for d in diags:
        e, why = classify(d[3])
        if not e:
            rest[why] = rest.get(why, 0) + 1
            continue
        expr.append(d)
        if not matches(d, flags.get(d[0], [])):
            missed.append(d)
    extra = []
    for rel, fl in flags.items():
        ds = [d for d in diags if d[0] == rel]
        for f in fl:
            if not any(d[1] in f[0] for d in ds) and not any(
                    f[1] == "required" and f[2] in re.findall(r'"([a-z_]+)"', d[3]) for d in ds):
                extra.append((rel, min(f[0])) + f[1:])
    return expr, missed, extra, rest


def cmd_compare(roots):
    for root in roots:
        root = root.rstrip("/")
        out = run_check(root)
        diags = parse_check(out)
        expr, missed, extra, _ = compare(root, diags, root)
        n = len(content_files(root))
        ok(n > 0, f"{root}: no content files")
        for d in missed:
            ok(False, f"{root}: the schema does not flag {d[0]}:{d[1]}: {d[2]}: {d[3]}")
        for x in extra:
            ok(False, f"{root}: the schema flags {x[0]}:{x[1]} ({x[2]} {x[3]}), check does not")
        if not missed and not extra:
            ok(True, root)
        print(f"{os.path.relpath(root)}: {n} files, {len(diags)} diagnostics from check, "
              f"{len(expr)} a schema can express, all flagged; no other flag" if not missed and not extra else
              f"{root}: {len(missed)} missed, {len(extra)} extra")


# ---- the bad-input cases ------------------------------------------------------

# Cases where schema and check differ for a reason a schema cannot help:
# case name -> why. A case listed here that agrees is reported, so the
# list never goes stale.
KNOWN = {}


def cmd_agree(checkdir):
    base = os.path.join(checkdir, "_base")
    cases = sorted(c for c in os.listdir(checkdir) if c != "_base" and os.path.isfile(os.path.join(checkdir, c, "expected")))
    tot = {"cases": 0, "content": 0, "diags": 0, "expr": 0, "flagged": 0, "extra": 0, "agree": 0, "skipped": 0}
    reasons, disagree = {}, []
    for c in cases:
        cdir = os.path.join(checkdir, c)
        tot["cases"] += 1
        if os.path.exists(os.path.join(cdir, "args")):
            tot["skipped"] += 1
            continue
        with tempfile.TemporaryDirectory() as t:
            shutil.copytree(base, t, dirs_exist_ok=True, symlinks=True)
            shutil.copytree(cdir, t, dirs_exist_ok=True, symlinks=True)
            for f in ("expected", "setup", "args"):
                if os.path.exists(os.path.join(t, f)):
                    os.remove(os.path.join(t, f))
            if os.path.exists(os.path.join(cdir, "setup")):
                subprocess.run(["bash", os.path.join(cdir, "setup")], cwd=t, capture_output=True)
            with open(os.path.join(cdir, "expected"), encoding="utf-8") as fp:
                diags = parse_check(fp.read())
            try:
                expr, missed, extra, rest = compare(t, diags, c)
            except (OSError, UnicodeError) as e:
                tot["skipped"] += 1
                print(f"  {c}: not read ({e})")
                continue
        if diags:
            tot["content"] += 1
        tot["diags"] += len(diags)
        tot["expr"] += len(expr)
        tot["flagged"] += len(expr) - len(missed)
        tot["extra"] += len(extra)
        for k, v in rest.items():
            reasons[k] = reasons.get(k, 0) + v
        agree = not missed and not extra
        tot["agree"] += agree
        if not agree:
            lines = [f"missed {d[0]}:{d[1]}: {d[3][:80]}" for d in missed]
            lines += [f"extra  {x[0]}:{x[1]}: {x[2]} {x[3]}" for x in extra]
            disagree.append((c, lines))
    print(f"schemas and check on tests/check: {tot['cases']} cases ({tot['skipped']} not about content files), "
          f"{tot['agree']} agree fully")
    print(f"  {tot['diags']} diagnostics: {tot['expr']} of a kind a schema expresses (type, enum, pattern, required, "
          f"unknown key) or the YAML parser reports, {tot['flagged']} of them flagged by the schema at the same "
          f"file and line; {tot['extra']} schema flags where check says nothing")
    print("  the rest, which a schema cannot see: " +
          ", ".join(f"{v} {k}" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])))
    for c, lines in disagree:
        why = KNOWN.get(c)
        print(f"  {c}: {'(known: ' + why + ') ' if why else ''}" + "; ".join(lines))
        ok(why is not None, f"check/{c}: schema and check disagree")
    for c in KNOWN:
        if c not in dict(disagree):
            print(f"  {c}: listed as a known disagreement but agrees now: take it off the list")
            ok(False, f"check/{c}: stale known disagreement")
    ok(tot["expr"] > 0, "no expressible diagnostics found: the cases were not read")


# ---- the schemas' fields are gongkai's ----------------------------------------

PROBE = "zzprobe"


def walk_maps(data, path=()):
    if isinstance(data, dict):
        yield path, data
        for k, v in data.items():
            yield from walk_maps(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk_maps(v, path + (i,))


def resolve(schema, base):
    """Follow $ref (in the same file or common.schema.json)."""
    while isinstance(schema, dict) and "$ref" in schema:
        target, _, frag = schema["$ref"].partition("#")
        if target:
            base = target
        doc = STORE[schema_uri(base)]
        for part in frag.strip("/").split("/") if frag.strip("/") else []:
            doc = doc[part]
        schema = doc
    return schema, base


def branches(schema, base):
    """The schema and every subschema that applies to the same node."""
    schema, base = resolve(schema, base)
    yield schema, base
    if not isinstance(schema, dict):
        return
    for key in ("allOf", "anyOf", "oneOf"):
        for s in schema.get(key, []):
            yield from branches(s, base)
    for key in ("then", "else"):
        if key in schema:
            yield from branches(schema[key], base)


def sub_at(schema, base, path):
    """The schemas that apply at path (a list of (schema, base))."""
    cur = [(schema, base)]
    for seg in path:
        nxt = []
        for s, b in cur:
            for br, bb in branches(s, b):
                if not isinstance(br, dict):
                    continue
                if isinstance(seg, int):
                    if "items" in br:
                        nxt.append((br["items"], bb))
                elif seg in br.get("properties", {}):
                    nxt.append((br["properties"][seg], bb))
                else:
                    for p, ps in br.get("patternProperties", {}).items():
                        if re.search(p, seg):
                            nxt.append((ps, bb))
                    if isinstance(br.get("additionalProperties"), dict):
                        nxt.append((br["additionalProperties"], bb))
        cur = nxt
    return cur


def fields_at(name, path):
    keys, closed = set(), False
    for s, b in sub_at(STORE[schema_uri(name)], name, path):
        for br, _ in branches(s, b):
            if isinstance(br, dict):
                keys |= set(br.get("properties", {}))
                closed |= br.get("additionalProperties") is False
    return keys, closed


# Maps whose keys are data, not fields: by_region (column keys) and a
# schedule header with its meaning.
def data_map(name, path):
    return (path and path[-1] == "by_region") or (name == "schedule.schema.json" and path[:1] == ("columns",))


def dump(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def probe(root, kinds):
    """Add an unknown field to every map of a copy of root's content and
    compare the fields check then lists with the schema's."""
    n = 0
    with tempfile.TemporaryDirectory() as t:
        shutil.copytree(os.path.join(root, "content"), os.path.join(t, "content"))
        probes = {}  # (rel, line) -> (schema, path)
        for rel in content_files(t):
            name = schema_for(rel)
            full = os.path.join(t, rel)
            with open(full, encoding="utf-8") as fp:
                text = fp.read()
            body = ""
            if rel.endswith(".md"):
                fm, _ = front_matter(text)
                body = text.split("\n---", 2)[-1] if fm else text
                text = fm
            data = Doc(rel).load(text).data
            for path, m in walk_maps(data):
                if not data_map(name, path):
                    m[PROBE] = "x"
            out = dump(data)
            doc = Doc(rel, 1 if rel.endswith(".md") else 0).load(out)
            for path, _ in walk_maps(doc.data):
                if not data_map(name, path):
                    probes[(rel, doc.keys[path + (PROBE,)])] = (name, path)
            with open(full, "w", encoding="utf-8") as fp:
                fp.write("---\n" + out + "---" + body if rel.endswith(".md") else out)
        said = {}
        for f, line, sev, msg in parse_check(run_check(t)):
            m = re.match(r'未知字段 "' + PROBE + r'"; 可用的字段：(.*?)。', msg)
            if m:
                said[(f, line)] = set(m.group(1).split(", "))
        for where, (name, path) in sorted(probes.items()):
            n += 1
            shape = (name,) + tuple("[]" if isinstance(p, int) else p for p in path)
            keys, closed = fields_at(name, path)
            if where not in said:
                ok(False, f"{root}: {where[0]}:{where[1]}: gongkai check says nothing of an unknown field at "
                          f"{'/'.join(shape)} (it ignores it silently)")
                continue
            got = said[where]
            row = name == "schedule.schema.json" and path[:1] == ("rows",)
            good = closed and (got <= keys if row else got == keys)
            if shape not in kinds:
                kinds[shape] = good
                ok(good, f"{'/'.join(shape)}: check knows {sorted(got)}, the schema "
                         f"{sorted(keys)}{'' if closed else ' and allows any other'}")
    return n


EVERY_MAP = {("site.schema.json",), ("site.schema.json", "contact"), ("site.schema.json", "conac"),
             ("regions.schema.json",), ("regions.schema.json", "regions", "[]"),
             ("regions.schema.json", "pairings", "[]"), ("units.schema.json",),
             ("units.schema.json", "units", "[]"), ("plan.schema.json",), ("page.schema.json",),
             ("tasks.schema.json",), ("tasks.schema.json", "tasks", "[]"), ("schedule.schema.json",),
             ("schedule.schema.json", "rows", "[]"), ("indicators.schema.json",),
             ("indicators.schema.json", "columns", "[]"), ("indicators.schema.json", "indicators", "[]"),
             ("indicators.schema.json", "indicators", "[]", "children", "[]"),
             ("progress.schema.json",), ("progress.schema.json", "tasks", "[]"),
             ("progress.schema.json", "schedule", "[]"), ("progress.schema.json", "indicators", "[]"),
             ("progress.schema.json", "indicators", "[]", "values", "[]")}


def cmd_sync(roots):
    kinds, n = {}, 0
    for root in roots:
        n += probe(root.rstrip("/"), kinds)
    print(f"fields: {len(kinds)} kinds of map, {n} maps probed; "
          + ("the schemas know exactly check's fields" if all(kinds.values()) else "differences above"))
    ok(EVERY_MAP <= set(kinds), "maps not probed: " + ", ".join("/".join(k) for k in sorted(EVERY_MAP - set(kinds))))
    samples(roots[0])


# Values tried on check and on the schema: (file, field, sample, a note
# when the two are known to differ).
DATES = ["2023-08-30", "2023-8-30", "2023-08-3", "2024-02-29", "2023-02-29", "2023-02-30", "2100-02-29",
         "2000-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00", "0000-01-01", "2023/08/30",
         "2023-08-30T00:00", "23-08-30", "2023-08-300", "2023年8月30日", "20230830", " 2023-08-30"]
IDS = ["rugao", "2-1", "a.b_c-d", "12", "x" * 64, "x" * 65, "Rugao", "-a", "_a", ".a", "a b", "如皋", "a/b",
       "a:b", "007", "1.5"]
VALUES = ["210", "8.17", "0", "2.00", "-5", "1,200", "1200人", "二百", "1.", ".5", "1e3", "0x10",
          "123456789012345", "1234567890123456"]
IDENTITY = {
    "site_code": ["3206820001", "bm00000001", "320682000", "32068200011", "3206-82000", "320682000１",
                  "32068 2000", "ABCDEFGHIJ"],
    "icp_no": ["苏ICP备12345678号", "苏ICP备12345678号-1", "苏ICP备12345678号-1234", "苏icp备12345678号",
               "苏ICP证000001号", "苏ICP备12345678", "江ICP备12345678号", "苏ICP备号", "苏ICP备1234567890123号",
               "苏ICP备12345678号－1", " 苏ICP备12345678号", "蜀ICP备1号"],
    "police_no": ["苏公网安备32068202000123号", "苏公网安备 32068202000123号", "苏公网安备3206820200012号",
                  "苏公网安备32068202000123", "京公网安备32068202000123号", "苏公网安备  32068202000123号",
                  "粤公网安备44010602000123号", "苏公安备32068202000123号", "黔公网安备52010202000123号"],
    "phone": ["0513-87654321", "+86 513 8765 4321", "(0513)87654321", "待定", "０５１３-87654321", "12345"],
    "email": ["xzb@rugao.gov.cn", "a.b+c@x-y.cn", "xzb@example", "xzb＠rugao.gov.cn", "@rugao.gov.cn",
              "a@b@c.cn", "a@.cn", "a@b..cn", "a@b.cn.", "中文@b.cn"],
    "link": ["https://bszs.conac.cn/sitename?method=show&id=1", "http://bszs.conac.cn/x", "javascript:alert(1)",
             "https://bszs.conac.cn/a b", "ftp://conac.cn/x", "https://bszs.conac.cn/\"x"],
    "image": ["images/conac.png", "images/conac.JPG", "images/c.gif", "images/conac.jpeg", "/images/conac.png",
              "../conac.png", "images/.hidden/conac.png", "images/conac.svg", "images//conac.png",
              "images\\conac.png", ".conac.png"],
}
# Values the editor reads as numbers (YAML 1.2) where check reads the text
# as written: a schema sees 1.0 and 0.5, not "1." and ".5".
SAMPLE_KNOWN = {
    ("value", "1."): "a plain 1. is the number 1 to the editor",
    ("value", ".5"): "a plain .5 is the number 0.5 to the editor",
    ("value", "1e3"): "a plain 1e3 is the number 1000 to the editor",
    ("value", "0x10"): "a plain 0x10 is the number 16 to the editor",
}


def quote(s):
    return json.dumps(s, ensure_ascii=False)


def plain(s):
    """s as a plain scalar where YAML reads it back as written, else quoted."""
    return s if re.match(r"^[0-9A-Za-z.+-][0-9A-Za-z.+_-]*$", s) else quote(s)


def samples(root):
    counts = {"agree": 0, "total": 0, "known": 0}

    def verdict(tree, rel, line, sample, field, cache=None):
        if cache is None or tree not in cache:
            found = (parse_check(run_check(tree)), check_file(tree, rel))
            if cache is None:
                cache = {}
            cache[tree] = found
        diags, flags = cache[tree]
        check = [d for d in diags if d[0] == rel and d[1] == line and classify(d[3])[0]]
        schema = [f for f in flags if line in f[0]]
        same = bool(check) == bool(schema)
        counts["total"] += 1
        counts["agree"] += same
        said = (f"check {'flags it: ' + check[0][3][:50] if check else 'accepts it'}, "
                f"the schema {'flags it (' + schema[0][1] + ')' if schema else 'accepts it'}")
        why = SAMPLE_KNOWN.get((field, sample))
        if why:
            counts["known"] += 1
            print(f"  {field}: {sample}: {said} ({why})")
            ok(not same, f"{field}: {quote(sample)}: listed as read differently, but {said}")
        else:
            ok(same, f"{field}: {quote(sample)}: {said}")

    with tempfile.TemporaryDirectory() as t:
        shutil.copytree(os.path.join(root, "content"), os.path.join(t, "content"))
        plan = "content/plans/2023-rugao-yangxian"
        # dates and values: entries of one indicator's progress
        rel = plan + "/progress.yaml"
        lines, where = ["as_of: 2023-12-31", "indicators:", "  - id: employment", "    values:"], []
        for d in DATES:
            lines += [f"      - date: {quote(d)}", "        value: 1"]
            where.append((len(lines) - 1, d, "date"))
        for v in VALUES:
            lines += ["      - date: 2023-12-31", f"        value: {plain(v)}"]
            where.append((len(lines), v, "value"))
        with open(os.path.join(t, rel), "w", encoding="utf-8") as fp:
            fp.write("\n".join(lines) + "\n")
        cache = {}
        for line, v, field in where:
            verdict(t, rel, line, v, field, cache)
        os.remove(os.path.join(t, rel))
        # ids: the units of one file
        rel = "content/units/probe.yaml"
        lines, where = ["units:"], []
        for v in IDS:
            lines += [f"  - id: {quote(v)}", f"    name: 探测单位{len(where)}", "    region: rugao"]
            where.append((len(lines) - 2, v))
        with open(os.path.join(t, rel), "w", encoding="utf-8") as fp:
            fp.write("\n".join(lines) + "\n")
        cache = {}
        for line, v in where:
            verdict(t, rel, line, v, "id", cache)
    # identity numbers: one of each field in a site.yaml, in a tree that
    # has nothing else
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(os.path.join(t, "content", "images"))
        for name, magic in (("conac.png", b"\x89PNG\r\n\x1a\n"), ("conac.JPG", b"\xff\xd8\xff\xe0"),
                            ("conac.jpeg", b"\xff\xd8\xff\xe0"), ("c.gif", b"GIF89a")):
            with open(os.path.join(t, "content", "images", name), "wb") as fp:
                fp.write(magic)
        rel = "content/site.yaml"
        lines = {"site_code": 2, "icp_no": 3, "police_no": 4, "phone": 6, "email": 7, "link": 9, "image": 10}
        for i in range(max(len(v) for v in IDENTITY.values())):
            val = {f: quote(v[i]) if i < len(v) else '""' for f, v in IDENTITY.items()}
            text = (f"title: 探测\nsite_code: {val['site_code']}\nicp_no: {val['icp_no']}\n"
                    f"police_no: {val['police_no']}\ncontact:\n  phone: {val['phone']}\n  email: {val['email']}\n"
                    f"conac:\n  link: {val['link']}\n  image: {val['image']}\n")
            with open(os.path.join(t, rel), "w", encoding="utf-8") as fp:
                fp.write(text)
            cache = {}
            for field, values in IDENTITY.items():
                if i < len(values):
                    verdict(t, rel, lines[field], values[i], field, cache)
    headers(root)
    print(f"patterns: {counts['agree']} of {counts['total']} values read the same by check and the schemas"
          + (f" ({counts['known']} known to differ, above)" if counts["known"] else ""))


def headers(root):
    """Every header word and meaning the schedule schema accepts is one
    check knows (tests/unit/test_schema.c checks the other way)."""
    col = STORE[schema_uri("schedule.schema.json")]["properties"]["columns"]["items"]["anyOf"]
    words = col[0]["enum"]
    meaning = col[2]["additionalProperties"]["anyOf"]
    forms = meaning[0]["enum"] + meaning[1]["pattern"][4:-2].split("|")
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(os.path.join(t, "content"))
        for f in ("site.yaml", "regions.yaml"):
            shutil.copy(os.path.join(root, "content", f), os.path.join(t, "content", f))
        cases = [(w, f"columns: [{quote(w)}]") for w in words] + \
                [(m, f"columns:\n  - 表头: {quote(m)}") for m in forms]
        for i, (_, cols) in enumerate(cases):
            d = os.path.join(t, "content", "plans", f"p{i}")
            os.makedirs(d)
            with open(os.path.join(d, "plan.md"), "w", encoding="utf-8") as fp:
                fp.write("---\ntitle: 探测\nyear: 2023\nregion: rugao\nregions: [rugao]\n---\n")
            with open(os.path.join(d, "schedule.yaml"), "w", encoding="utf-8") as fp:
                fp.write(cols + "\nrows: []\n")
        bad = {d[0] for d in parse_check(run_check(t)) if d[2] == "error"}
        for i, (w, _) in enumerate(cases):
            ok(f"content/plans/p{i}/schedule.yaml" not in bad, f"the schedule schema accepts {quote(w)}, check does not")
        print(f"headers: the {len(words)} header words and {len(forms)} ways to write a meaning the schema accepts "
              f"are check's")


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "compare":
        cmd_compare(sys.argv[2:])
    elif cmd == "agree":
        cmd_agree(sys.argv[2])
    elif cmd == "sync":
        cmd_sync(sys.argv[2:])
    else:
        sys.exit(__doc__)
    print(f"schemas: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
