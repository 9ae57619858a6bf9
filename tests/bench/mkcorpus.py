#!/usr/bin/env python3
"""The shared bench/mkcorpus.py corpus, in gongkai's content format.

Usage: mkcorpus.py SEEDS_DIR OUT_DIR N [COMMITS]

Same random text, units, tables and history as ../../../shared/bench/mkcorpus.py
(same seed, same draws in the same order), laid out as gongkai content: each
page becomes content/plans/pNNNNN/plan.md (front matter + the same Markdown
body) with its five key tasks and their responsible units in tasks.yaml, the
units in content/units/bench.yaml, one region. Each later commit appends a
line to five plans, as the shared script does; every tenth carries a
Change-Note."""
import os, random, re, subprocess, sys
seeds, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
commits = int(sys.argv[4]) if len(sys.argv) > 4 else 0
rnd = random.Random(42)
text = "".join(open(os.path.join(seeds, f), encoding="utf-8").read() for f in sorted(os.listdir(seeds)))
sents = [re.sub(r"\s+", "", s) for s in re.split(r"(?<=[。；])", text)]
sents = [s for s in sents if 20 < len(s) < 300]
units = sorted(set(re.findall(r"[\u4e00-\u9fff]{2,6}(?:局|委|办|部|会)", text)))[:80]
c = os.path.join(out, "content")
os.makedirs(os.path.join(c, "plans"), exist_ok=True)
os.makedirs(os.path.join(c, "units"), exist_ok=True)
with open(os.path.join(c, "site.yaml"), "w", encoding="utf-8") as f:
    f.write("title: 对口协作公开\nbase_url: https://example.org/\n")
with open(os.path.join(c, "regions.yaml"), "w", encoding="utf-8") as f:
    f.write("regions:\n  - id: bench\n    name: 基准市\n")
with open(os.path.join(c, "units", "bench.yaml"), "w", encoding="utf-8") as f:
    f.write("units:\n")
    for i, u in enumerate(units):
        f.write(f"  - id: u{i:02d}\n    name: {u}\n    region: bench\n")

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def page(i):
    t = rnd.choice(sents)[:30]
    us = rnd.sample(units, 3)
    body = [f"## 一、总体要求\n\n" + "".join(rnd.sample(sents, 4)) + "\n"]
    tasks = []
    for k in range(1, 6):
        para = "".join(rnd.sample(sents, 3))
        tu = rnd.sample(units, 2)
        body.append(f"### （{k}）重点工作{k}\n\n" + para + f"（责任单位：{'、'.join(tu)}）\n")
        tasks.append((k, para, tu))
    body.append("\n| 部门 | 工作要点 | 具体内容 | 拟推进时间 |\n|---|---|---|---|\n" + "".join(
        f"| {rnd.choice(units)} | 交流学习 | {rnd.choice(sents)[:60]} | {rnd.choice(['全年','下半年','7月、10月','4-8月','一季度','12月底前'])} |\n" for _ in range(8)))
    date = f"2023-{rnd.randint(1,12):02d}-{rnd.randint(1,28):02d}"
    year = rnd.choice([2021, 2022, 2023, 2024])
    fm = (f"---\ntitle: {q(f'{i:05d} {t}')}\nyear: {year}\nregion: bench\nregions: [bench]\n"
          f"written: {date}\nissuer: {q(us[0])}\n---\n\n")
    ty = "tasks:\n" + "".join(
        f"  - id: \"{k}\"\n    section: （{k}）重点工作{k}\n    text: {q(p)}\n    units: [{', '.join(q(u) for u in tu)}]\n"
        for k, p, tu in tasks)
    return fm + "\n".join(body), ty

for i in range(n):
    d = os.path.join(c, "plans", f"p{i:05d}")
    os.makedirs(d, exist_ok=True)
    md, ty = page(i)
    with open(os.path.join(d, "plan.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(d, "tasks.yaml"), "w", encoding="utf-8") as f:
        f.write(ty)
if commits:
    g = lambda *a: subprocess.run(["git", "-C", out, *a], check=True, capture_output=True)
    g("init", "-q"); g("config", "user.email", "staff@example.org"); g("config", "user.name", "staff")
    g("add", "-A"); g("commit", "-qm", "initial import")
    for k in range(commits - 1):
        for j in rnd.sample(range(n), min(5, n)):
            with open(os.path.join(c, "plans", f"p{j:05d}", "plan.md"), "a", encoding="utf-8") as f:
                f.write(f"\n更新{k}：{rnd.choice(sents)}\n")
        msg = f"update {k}" + (f"\n\nChange-Note: 第{k}次更新" if k % 10 == 0 else "")
        g("commit", "-qam", msg)
