#!/usr/bin/env python3
"""Seed the fuzz corpora from the example content and the test cases.

    tests/fuzz/seed.py         (from the repository root; make fuzz runs it)

Writes tests/fuzz/<target>/corpus/seed-*; libFuzzer grows the corpora from
there (make fuzz), and `tests/fuzz/run build/fuzz merge ...` minimises them.
The corpora are generated and git-ignored; the hand-made inputs worth
keeping are in tests/fuzz/<target>/seeds/ (committed, replayed by make test
with the crashes)."""
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

for p in yamls:
    put("yaml", read(p))

for p in mds:
    data = read(p)
    put("frontmatter", data)
    body = data.split(b"\n---\n", 1)[-1]
    put("markdown", b"\x01" + body)

whens = set()
for p in yamls:
    for line in read(p).decode("utf-8", "replace").splitlines():
        m = re.match(r"\s*-?\s*when:\s*(.+)$", line)
        if m:
            whens.add(m.group(1).strip().strip('"'))
for w in sorted(whens):
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
print("seeded:", {t: len(os.listdir(f"tests/fuzz/{t}/corpus")) for t in sorted(os.listdir("tests/fuzz")) if os.path.isdir(f"tests/fuzz/{t}")})
