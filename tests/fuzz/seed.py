#!/usr/bin/env python3
"""Seed the fuzz corpora from the example content and the test cases.

    tests/fuzz/seed.py         (from the repository root)

Writes tests/fuzz/<target>/corpus/seed-*; libFuzzer grows the corpora from
there (make fuzz), and `tests/fuzz/run build/fuzz merge ...` minimises them."""
import hashlib, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.chdir(root)

def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = f"tests/fuzz/{target}/corpus"
    os.makedirs(d, exist_ok=True)
    os.makedirs(f"tests/fuzz/{target}/crashes", exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def files(top):
    for dp, dn, fn in os.walk(top):
        dn.sort()
        for f in sorted(fn):
            yield os.path.join(dp, f)

def read(p):
    with open(p, "rb") as f:
        return f.read()

trees = ["content", "tests/check", "tests/golden"]
yamls = [p for t in trees for p in files(t) if p.endswith(".yaml")]
mds = [p for t in trees for p in files(t) if p.endswith(".md")]

hostile_yaml = [
    "a: &a [x, *a]\n",
    "a: &a {b: *a}\n",
    "k: \"\\0\\x01\\u202E\\u2028\\uFFFF\"\n",
    "\ufeffa: 1\r\nb: 2\rc: 3\n",
    "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
    "[" * 70 + "]" * 70 + "\n",
    "a: 1\na: 2\n" + "".join(f"k{i}: {i}\n" for i in range(40)) + "k3: dup\n",
    "x: !!binary aGVsbG8=\ny: 1e400\nz: .nan\nw: -.inf\nv: 0x1F\nu: +5\n",
    "? [a, b]\n: c\n",
    "--- a\n--- b\n",
]

for p in yamls:
    put("yaml", read(p))
for h in hostile_yaml:
    put("yaml", h)

for p in mds:
    data = read(p)
    put("frontmatter", data)
    body = data.split(b"\n---\n", 1)[-1]
    put("markdown", b"\x01" + body)
put("frontmatter", "\ufeff---\r\ntitle: x\r\n---\r\nbody\r\n")
put("frontmatter", "---\n---\n")
put("frontmatter", "---\ntitle: x\n...\nbody")
for m in ["[a](javascript:alert(1)) [b](JaVaScRiPt:x) ![c](data:image/png;base64,AA)\n",
          "<javascript:alert(1)> <script>alert(1)</script>\n\n<div onclick=x>hi</div>\n",
          "[r]: vbscript:x\n[y][r] [z](&#106;avascript:x) [w](//evil.example) [v](java\tscript:x)\n",
          "| a | b |\n|---|---|\n| [x](http://ok.example/) | <b>y</b> |\n",
          "> " * 50 + "deep\n", "- " * 60 + "list\n", "*" * 200 + "x" + "*" * 200 + "\n",
          "中文\n换行 www.example.com https://gov.cn/a?b=1&c=2 a@b.cn\n"]:
    put("markdown", b"\x00" + m.encode())

whens = set()
for p in yamls:
    for line in read(p).decode("utf-8", "replace").splitlines():
        m = re.match(r"\s*-?\s*when:\s*(.+)$", line)
        if m:
            whens.add(m.group(1).strip().strip('"'))
for w in sorted(whens) + ["99999年1月", "0月", "2月30日", "13月底前", "2023年2月29日前", "1-12月、3月、7-9月上旬", ""]:
    put("when", b"\xe7\x07" + w.encode())

# model: the first byte picks the file fuzz_model.c replaces
slots = ["site.yaml", "regions.yaml", "units/", "plan.md", "tasks.yaml", "schedule.yaml",
         "indicators.yaml", "progress.yaml", "pages/"]
for p in yamls + mds:
    for i, s in enumerate(slots):
        if (s.endswith("/") and f"/{s}" in p) or p.endswith("/" + s):
            put("model", bytes([i]) + read(p))

# mustache: flags, data, main, then partials a, b, ...
layouts = sorted(f for f in os.listdir("layouts") if f.endswith(".mustache"))
data = b"site: {title: T}\nitems: [{name: a}, {name: b}]\nt: {home: H}\nroot: ../\n"
for f in layouts:
    put("mustache", b"\x01" + data + b"\x00" + read("layouts/" + f))
for t in ["{{#items}}{{>a}}{{/items}}\0{{name}}{{>a}}", "{{>a}}{{>a}}\0{{>b}}{{>b}}\0{{>a}}{{>a}}",
          "{{=<% %>=}}<%x%>\0", "{{<a}}{{$b}}x{{/b}}{{/a}}\0{{$b}}d{{/b}}", "{{#a}}{{#a}}{{#a}}{{.}}{{/a}}{{/a}}{{/a}}",
          "{{>*dyn}}\0a"]:
    put("mustache", b"\x00" + data + b"\x00" + t.encode())

# build: archives of whole content folders
def archive(dirs, extra=""):
    out = []
    for d, prefix in dirs:
        for p in files(d):
            rel = prefix + os.path.relpath(p, d)
            out.append(f"@@ {rel}\n".encode() + read(p))
            if not out[-1].endswith(b"\n"):
                out[-1] += b"\n"
    return b"".join(out) + extra.encode()

base = [("tests/check/_base", "")]
put("build", archive(base))
for c in sorted(os.listdir("tests/check")):
    if c != "_base" and os.path.isdir(f"tests/check/{c}/content"):
        put("build", archive(base + [(f"tests/check/{c}", "")]))
put("build", archive(base, "@@ content/pages/passwd.md -> /etc/passwd\n@@ content/pages/canary.md -> ../../../CANARY\n"
                          "@@ content/plans/evil -> ../../..\n@@ content/pages/fifo.md |\n@@ content/pages/big.md %20000000\n"
                          "@@ layouts/assets/leak.txt -> ../../../CANARY\n@@ content/pages/loop.md -> loop.md\n"))
put("build", archive(base, "@@ layouts/base.mustache\n{{>base}}\n@@ layouts/p.mustache\n{{>p}}{{>p}}\n"))
put("build", archive(base, "@@ content/pages/x.md\n---\ntitle: x\n---\n[a](javascript:alert(1))\n"
                          "@@ content/site.yaml\ntitle: t\nrepository: javascript:alert(1)\nbase_url: //evil\n"))
print("seeded:", {t: len(os.listdir(f"tests/fuzz/{t}/corpus")) for t in sorted(os.listdir("tests/fuzz")) if os.path.isdir(f"tests/fuzz/{t}")})
