#!/usr/bin/python3
"""gongkai serve in a real browser (headless Chromium): a saved content
change appears in the open page in place (same page, same scroll), a
content error shows as a banner with file:line:col over the last good
site and goes when fixed, a layout change reloads the page whole.

Usage: serve-browser.py GONGKAI REPO CHROMIUM"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from cdp import Browser  # noqa: E402

gongkai, repo, chromium = sys.argv[1:4]
plan = os.path.join(repo, "content/plans/example/plan.md")
tasks = os.path.join(repo, "content/plans/example/tasks.yaml")
srv = subprocess.Popen([gongkai, "serve", "-p", "0"], cwd=repo, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
url = re.search(r"(http://\S+)", srv.stdout.readline()).group(1)
b = Browser(chromium)
try:
    t = time.monotonic()
    b.call("Page.navigate", session=True, url=url + "plans/example/")
    b.wait_load(t)
    b.until("document.readyState === 'complete'", "the page did not load")
    # Remember this very page, scrolled down.
    b.evaluate("window.kept = 1; window.scrollTo(0, 400); 1")
    b.until("window.scrollY === 400", "the page did not scroll")

    with open(plan, "a", encoding="utf-8") as f:
        f.write("\n浏览器里看到的第一处改动。\n")
    b.until("document.body.innerText.includes('浏览器里看到的第一处改动')", "a saved change did not appear")
    if b.evaluate("window.kept") != 1:
        sys.exit("FAIL: a content change reloaded the page instead of updating it")
    if b.evaluate("window.scrollY") != 400:
        sys.exit(f"FAIL: the scroll position was lost: {b.evaluate('window.scrollY')}")
    if b.evaluate("document.querySelectorAll('script[data-gongkai]').length") != 1:
        sys.exit("FAIL: the preview script is not there exactly once")

    good = open(tasks, encoding="utf-8").read()
    with open(tasks, "w", encoding="utf-8") as f:
        f.write('tasks:\n  - id: "1"\n    text: 引导: 企业\n')
    b.until("(document.getElementById('gongkai-preview-errors') || {innerText: ''}).innerText"
            ".includes('content/plans/example/tasks.yaml:3:13: error:')", "no error banner")
    if not b.evaluate("document.body.innerText.includes('浏览器里看到的第一处改动')"):
        sys.exit("FAIL: the last good site is not shown under the banner")
    with open(tasks, "w", encoding="utf-8") as f:
        f.write(good)
    b.until("!document.getElementById('gongkai-preview-errors')", "the banner stayed after the fix")

    # The layouts: the page reloads whole and takes the new style sheet.
    css = open(os.path.join(repo, "..", "style.css"), encoding="utf-8").read()
    os.makedirs(os.path.join(repo, "layouts/assets"), exist_ok=True)
    with open(os.path.join(repo, "layouts/assets/style.css"), "w", encoding="utf-8") as f:
        f.write(css + "\nbody { background-color: rgb(1, 2, 3); }\n")
    b.until("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
            "a style sheet change did not show")
    if b.evaluate("window.kept") == 1:
        sys.exit("FAIL: a layout change did not reload the page")
finally:
    b.close()
    srv.send_signal(2)
    srv.wait(timeout=10)
print("serve in a browser: ok")
