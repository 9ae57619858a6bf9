#!/usr/bin/python3
"""A build killed at any moment leaves the last good site.

A content repository of a few hundred plans (tests/bench/mkcorpus.py) is
edited again and again; each time a build is started and killed with
SIGKILL after a random delay — while it loads, renders, writes into the
standby, or swaps. The site folder must then be exactly the site before the
edit or exactly the site after it (what a full build of the edited content
makes), never a mix; and the next build, not killed, must make exactly the
site after the edit and leave nothing behind it.

Usage: kill.py [ROUNDS [SEED]]   (GONGKAI: the binary; HERE: the repo; SHARED)
"""
import hashlib, os, random, shutil, signal, subprocess, sys, tempfile, time

gongkai = os.environ["GONGKAI"]
here = os.environ["HERE"]
shared = os.environ["SHARED"]
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 12
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rnd = random.Random(seed)
t = tempfile.mkdtemp()
repo = os.path.join(t, "repo")
site = os.path.join(t, "site")
env = dict(os.environ, GIT_CEILING_DIRECTORIES=t, TZ="UTC")
env.pop("GONGKAI_CACHE", None)


def fail(msg):
    print(f"FAIL (seed {seed}): {msg}")
    sys.exit(1)


def tree(d):
    """Every file of a folder with the hash of its bytes."""
    out = {}
    for root, dirs, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, d)] = hashlib.sha1(fh.read()).hexdigest()
    return out


def build(out, mode=None):
    e = dict(env)
    if mode:
        e["GONGKAI_CACHE"] = mode
    return subprocess.run([gongkai, "build", "-q", "-C", repo, "-o", out], capture_output=True, text=True, env=e)


def edit():
    plans = sorted(os.listdir(os.path.join(repo, "content/plans")))
    r = rnd.random()
    if r < 0.5:
        for p in rnd.sample(plans, 3):
            with open(os.path.join(repo, "content/plans", p, "plan.md"), "a", encoding="utf-8") as f:
                f.write(f"\n追加{rnd.randint(1, 9999)}。\n")
        return "three plans edited"
    if r < 0.7:
        lay = os.path.join(repo, "layouts")
        os.makedirs(lay, exist_ok=True)
        name = rnd.choice(["plan", "unit", "base"])
        src = os.path.join(lay, name + ".mustache")
        if not os.path.exists(src):
            shutil.copy(os.path.join(here, "layouts", name + ".mustache"), src)
        with open(src, "a", encoding="utf-8") as f:
            f.write(f"<!-- {rnd.randint(1, 9999)} -->\n")
        return f"layout {name}"
    if r < 0.85:
        p = rnd.choice(plans)
        n = f"p9{rnd.randint(1000, 9999)}"
        shutil.copytree(os.path.join(repo, "content/plans", p), os.path.join(repo, "content/plans", n))
        return f"plan {n} added"
    p = rnd.choice(plans)
    shutil.rmtree(os.path.join(repo, "content/plans", p))
    return f"plan {p} removed"


def leftovers():
    return sorted(n for n in os.listdir(t) if n.startswith("site.tmp-") or n.startswith("site.old-"))


subprocess.run(["/usr/bin/python3", os.path.join(here, "tests/bench/mkcorpus.py"), os.path.join(shared, "seeds"),
                repo, "300"], check=True, capture_output=True)
r = build(site)
if r.returncode:
    fail(f"first build: {r.stderr}")
# How long an incremental build takes here, to spread the kills over it.
edit()
t0 = time.monotonic()
if build(site).returncode:
    fail("second build")
span = max(time.monotonic() - t0, 0.2)
kills = {"before": 0, "after": 0}
for i in range(1, rounds + 1):
    before = tree(site)
    what = edit()
    clean = os.path.join(t, "clean")
    shutil.rmtree(clean, ignore_errors=True)
    r = build(clean, "off")
    if r.returncode:
        fail(f"round {i} ({what}): full build failed: {r.stderr}")
    after = tree(clean)
    delay = rnd.uniform(0, span * 1.1)
    p = subprocess.Popen([gongkai, "build", "-q", "-C", repo, "-o", site], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    now = tree(site)
    if now == before:
        state = "before"
    elif now == after:
        state = "after"
    else:
        extra = sorted(set(now) ^ set(after))[:5]
        differ = sorted(k for k in now if k in after and now[k] != after[k] and (k not in before or now[k] != before[k]))[:5]
        fail(f"round {i} ({what}): killed after {delay:.2f}s, the site is neither the old nor the new one: {extra} {differ}")
    kills[state] += 1
    t0 = time.monotonic()
    r = build(site)
    span = (span + max(time.monotonic() - t0, 0.1)) / 2
    if r.returncode:
        fail(f"round {i} ({what}): the build after the kill failed: {r.stderr}")
    if tree(site) != after:
        fail(f"round {i} ({what}): the build after the kill differs from a full build")
    if leftovers():
        fail(f"round {i}: left behind: {leftovers()}")
    print(f"round {i}: {what}, killed after {delay:.2f}s: the {state} site, then the right one")
shutil.rmtree(t)
print(f"kill: ok ({rounds} rounds, {kills['before']} left the old site, {kills['after']} the new one)")
