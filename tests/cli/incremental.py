#!/usr/bin/python3
"""Incremental builds make exactly what a full build makes.

A content repository (the example site, a layouts/ folder of its own, git
history) goes through a random sequence of the edits staff make: plan text,
tasks, progress, targets, units, the site's settings, free pages, layouts,
UI strings, a style sheet, plans added and removed, commits with and
without a Change-Note, files touched but not changed, an edit undone. After
each step the site built incrementally (one output folder, its cache kept)
is compared byte for byte with a full build of the same content made
without a cache; every few steps a build with GONGKAI_CACHE=verify renders
every output again and fails if one changed while its deps did not.

Usage: incremental.py [STEPS [SEED]]   (GONGKAI: the binary; HERE: the repo)
"""
import filecmp, os, random, re, shutil, subprocess, sys, tempfile

gongkai = os.environ["GONGKAI"]
here = os.environ["HERE"]
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261130
rnd = random.Random(seed)
t = tempfile.mkdtemp()
repo = os.path.join(t, "repo")
env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=t, TZ="UTC", GIT_CEILING_DIRECTORIES=t)
env.pop("GONGKAI_CACHE", None)


def fail(msg):
    print(f"FAIL (seed {seed}): {msg}")
    sys.exit(1)


def git(*a):
    subprocess.run(["git", "-C", repo, *a], check=True, capture_output=True, env=env)


commit_no = 0


def commit(note):
    global commit_no
    commit_no += 1
    date = f"2024-01-{1 + commit_no % 28:02d}T10:00:00+08:00"
    msg = f"修改 {commit_no}" + (f"\n\nChange-Note: 第{commit_no}次重要更新" if note else "")
    git("add", "-A")
    e = dict(env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", repo, "-c", "user.name=协作办", "-c", "user.email=o@example.gov.cn",
                    "commit", "-q", "--allow-empty", "-m", msg], check=True, capture_output=True, env=e)


def build(out, mode=None):
    e = dict(env)
    if mode:
        e["GONGKAI_CACHE"] = mode
    r = subprocess.run([gongkai, "build", "-q", "-C", repo, "-o", out], capture_output=True, text=True, env=e)
    return r.returncode, r.stderr


def same_tree(a, b):
    """The paths that differ between two folders (files compared byte for byte)."""
    diff = []
    for root, dirs, files in os.walk(a):
        rel = os.path.relpath(root, a)
        other = os.path.join(b, rel)
        for f in files:
            p, q = os.path.join(root, f), os.path.join(other, f)
            if not os.path.exists(q) or not filecmp.cmp(p, q, shallow=False):
                diff.append(os.path.join(rel, f))
    for root, dirs, files in os.walk(b):
        rel = os.path.relpath(root, b)
        for f in files:
            if not os.path.exists(os.path.join(a, rel, f)):
                diff.append(os.path.join(rel, f) + " (missing)")
    return sorted(diff)


def plans():
    return sorted(os.listdir(os.path.join(repo, "content/plans")))


def path(*p):
    return os.path.join(repo, *p)


def append(p, text):
    with open(p, "a", encoding="utf-8") as f:
        f.write(text)


def replace(p, old, new, count=1):
    s = open(p, encoding="utf-8").read()
    if old not in s:
        return False
    open(p, "w", encoding="utf-8").write(s.replace(old, new, count))
    return True


# ---- the edits -------------------------------------------------------------

def edit_plan_text():
    p = rnd.choice(plans())
    append(path("content/plans", p, "plan.md"), f"\n补充说明第{rnd.randint(1, 999)}条。\n")
    return f"plan text of {p}"


def edit_title():
    p = rnd.choice(plans())
    f = path("content/plans", p, "plan.md")
    s = open(f, encoding="utf-8").read()
    lines = s.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("title:"):
            lines[i] = l.rstrip('"') + f"（修订{rnd.randint(1, 99)}）" + ('"' if l.endswith('"') else "")
            break
    open(f, "w", encoding="utf-8").write("\n".join(lines))
    return f"title of {p}"


def edit_tasks():
    p = rnd.choice(plans())
    f = path("content/plans", p, "tasks.yaml")
    s = open(f, encoding="utf-8").read()
    m = re.search(r"^\s+text: [|>]-?\n\s+", s, re.M) or re.search(r"^(\s+(?:- )?text: [\"']?)(?![|>])", s, re.M)
    if not m:
        return "nothing (no task text)"
    open(f, "w", encoding="utf-8").write(s[:m.end()] + f"（另加{rnd.randint(1, 99)}）" + s[m.end():])
    return f"a task of {p}"


def edit_progress():
    for p in rnd.sample(plans(), len(plans())):
        f = path("content/plans", p, "progress.yaml")
        if os.path.exists(f):
            for a, b in (("status: 推进中", "status: 未开始"), ("status: 未开始", "status: 推进中")):
                if replace(f, a, b):
                    return f"progress of {p}"
    return "nothing (no progress)"


def edit_target():
    for p in rnd.sample(plans(), len(plans())):
        f = path("content/plans", p, "indicators.yaml")
        if os.path.exists(f):
            s = open(f, encoding="utf-8").read()
            m = re.search(r"target: (\d+)", s)
            if m:
                open(f, "w", encoding="utf-8").write(s[:m.start(1)] + str(int(m.group(1)) + rnd.randint(1, 9)) + s[m.end(1):])
                return f"a target of {p}"
    return "nothing (no target)"


def edit_units():
    units = sorted(os.listdir(path("content/units")))
    f = path("content/units", rnd.choice(units))
    s = open(f, encoding="utf-8").read()
    m = re.search(r"^    note: .*$", s, re.M)
    if m and rnd.random() < 0.5:
        open(f, "w", encoding="utf-8").write(s[:m.end()] + f"（补{rnd.randint(1, 99)}）" + s[m.end():])
        return f"a unit's note in {os.path.basename(f)}"
    region = re.search(r"^    region: (.*)$", s, re.M).group(1)
    n = rnd.randint(1, 999)
    if f"id: extra-{n}\n" in s:
        return "nothing (unit exists)"
    append(f, f"  - id: extra-{n}\n    name: 新设单位{n}\n    region: {region}\n")
    return f"unit extra-{n} added to {os.path.basename(f)}"


def edit_site():
    append(path("content/site.yaml"), "")
    replace(path("content/site.yaml"), "title: ", f"title: 第{rnd.randint(1, 9)}版")
    return "site.yaml"


def edit_page():
    d = path("content/pages")
    pages = sorted(os.listdir(d))
    r = rnd.random()
    if r < 0.3 or not pages:
        n = f"note{rnd.randint(1, 3)}"
        open(os.path.join(d, n + ".md"), "w", encoding="utf-8").write(f"---\ntitle: 说明{n}\n---\n\n正文。\n")
        return f"page {n} added"
    p = rnd.choice(pages)
    if r < 0.45 and p != "about.md":
        os.remove(os.path.join(d, p))
        return f"page {p} removed"
    append(os.path.join(d, p), f"\n又一段{rnd.randint(1, 99)}。\n")
    return f"page {p} edited"


def edit_layout():
    name = rnd.choice(["plan", "unit", "home", "plan_card", "base", "year", "changes"])
    f = path("layouts", name + ".mustache")
    if not os.path.exists(f):
        shutil.copy(os.path.join(here, "layouts", name + ".mustache"), f)
    s = open(f, encoding="utf-8").read()
    k = s.rfind("{{/")
    if k < 0:
        append(f, f"<!-- {rnd.randint(1, 99)} -->\n")
    else:
        open(f, "w", encoding="utf-8").write(s[:k] + f"<!-- 版式{rnd.randint(1, 99)} -->\n" + s[k:])
    return f"layout {name}"


def edit_strings():
    f = path("layouts", "strings.zh-CN.yaml")
    key = rnd.choice(["units", "changes", "no_plans", "page_commit", "method_link"])
    open(f, "w", encoding="utf-8").write(f"{key}: 改过的文字{rnd.randint(1, 99)}\n")
    return f"string {key}"


def edit_asset():
    d = path("layouts", "assets")
    os.makedirs(d, exist_ok=True)
    f = os.path.join(d, "style.css")
    if not os.path.exists(f):
        shutil.copy(os.path.join(here, "layouts", "assets", "style.css"), f)
    append(f, f"/* {rnd.randint(1, 999)} */\n")
    return "style.css"


def add_plan():
    src = rnd.choice(plans())
    n = f"2025-new-{rnd.randint(1, 9)}"
    if os.path.exists(path("content/plans", n)):
        return "nothing (plan exists)"
    shutil.copytree(path("content/plans", src), path("content/plans", n))
    f = path("content/plans", n, "plan.md")
    s = open(f, encoding="utf-8").read()
    open(f, "w", encoding="utf-8").write(re.sub(r"^year: .*$", "year: 2025", s, count=1, flags=re.M))
    return f"plan {n} added (from {src})"


def remove_plan():
    ps = [p for p in plans() if p.startswith("2025-new-")]
    if not ps:
        return add_plan()
    p = rnd.choice(ps)
    shutil.rmtree(path("content/plans", p))
    return f"plan {p} removed"


def touch():
    p = rnd.choice(plans())
    f = path("content/plans", p, "tasks.yaml")
    os.utime(f, None)
    return f"touched {p}/tasks.yaml"


def undo():
    p = rnd.choice(plans())
    f = path("content/plans", p, "plan.md")
    s = open(f, encoding="utf-8").read()
    append(f, "\n临时一句。\n")
    rc, err = build(os.path.join(t, "site"))
    if rc != 0:
        fail(f"build failed: {err}")
    open(f, "w", encoding="utf-8").write(s)
    return f"edit of {p} undone"


def do_commit():
    note = rnd.random() < 0.5
    commit(note)
    return "commit" + (" with a Change-Note" if note else "")


edits = [edit_plan_text, edit_plan_text, edit_title, edit_tasks, edit_progress, edit_target, edit_units,
         edit_site, edit_page, edit_layout, edit_layout, edit_strings, edit_asset, add_plan, remove_plan,
         touch, undo, do_commit, do_commit, do_commit]

# ---- the run -----------------------------------------------------------------

os.makedirs(repo)
shutil.copytree(os.path.join(here, "content"), path("content"))
os.makedirs(path("layouts"))
open(path("layouts", "strings.zh-CN.yaml"), "w", encoding="utf-8").write("units: 责任单位\n")
git("init", "-q")
commit(True)
site = os.path.join(t, "site")
rc, err = build(site)
if rc != 0:
    fail(f"first build failed: {err}")
for step in range(1, steps + 1):
    what = rnd.choice(edits)()
    rc, err = build(site)
    if rc != 0:
        fail(f"step {step} ({what}): incremental build failed: {err}")
    clean = os.path.join(t, "clean")
    shutil.rmtree(clean, ignore_errors=True)
    rc, err = build(clean, "off")
    if rc != 0:
        fail(f"step {step} ({what}): full build failed: {err}")
    diff = same_tree(clean, site)
    if diff:
        fail(f"step {step} ({what}): incremental build differs from a full build: {', '.join(diff[:10])}")
    if step % 5 == 0:
        rc, err = build(site, "verify")
        if rc != 0:
            fail(f"step {step} ({what}): {err}")
    print(f"step {step}: {what}: same")
shutil.rmtree(t)
print(f"incremental: ok ({steps} steps, seed {seed})")
