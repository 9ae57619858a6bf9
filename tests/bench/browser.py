#!/usr/bin/python3
"""Save-to-reload time of `gongkai serve` in a real browser.

Usage: browser.py GONGKAI REPO FILE PAGE RUNS [CHROMIUM]

Opens PAGE of the preview in headless Chromium (driven over its DevTools
pipe: no driver to install), then RUNS times rewrites FILE in place with a
new marker line and measures, from the moment the write returns, until
the open page (whose preview script takes the new page in by itself)
shows the marker in its rendered text. Then breaks FILE and waits for the
error banner, to see the whole loop a clerk sees. Prints the median and the 90th percentile.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from cdp import Browser  # noqa: E402


SHOWN = """
(function(){function tell(){requestAnimationFrame(function(){gkShown(String(Date.now()));});}
new MutationObserver(function(l){for(var i=0;i<l.length;i++)for(var j=0;j<l[i].addedNodes.length;j++)
if(l[i].addedNodes[j].nodeName==="BODY"&&document.readyState!=="loading")tell();})
.observe(document,{childList:true,subtree:true});
document.addEventListener("DOMContentLoaded",tell);})();
"""


def main():
    binary, repo, file, page, runs = sys.argv[1:6]
    exe = sys.argv[6] if len(sys.argv) > 6 else shutil.which("chromium") or "/usr/bin/chromium"
    path = os.path.join(repo, file)
    original = open(path, encoding="utf-8").read()
    srv = subprocess.Popen([binary, "serve", "-p", "0"], cwd=repo, stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    url = re.search(r"(http://\S+)", srv.stdout.readline()).group(1)
    b = Browser(exe)
    ms = []
    try:
        # The page reports, by the clock all processes share, the first
        # frame after its body was replaced (or after it was loaded anew).
        b.call("Runtime.enable", session=True)
        b.call("Runtime.addBinding", session=True, name="gkShown")
        b.call("Page.addScriptToEvaluateOnNewDocument", session=True, source=SHOWN)
        t = time.monotonic()
        b.call("Page.navigate", session=True, url=url.rstrip("/") + page)
        b.wait_load(t)
        time.sleep(0.5)
        for n in range(1, int(runs) + 1):
            marker = f"浏览器第{n}次"
            seen = len(b.shown())
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + f"\n\n{marker}\n")
            t0 = time.time() * 1000
            while True:
                frames = b.shown()[seen:]
                if frames and marker in b.text():
                    break
                if time.time() * 1000 - t0 > 10000:
                    sys.exit("the page does not show the change")
                time.sleep(0.01)
            ms.append(frames[-1] - t0)
            time.sleep(0.5)
        # A broken file: the page reloads into the error banner.
        with open(path, "w", encoding="utf-8") as f:
            f.write("---\ntitle: [\n---\n")
        t0 = time.monotonic()
        while True:
            banner = b.call("Runtime.evaluate", session=True, tolerate=True,
                            expression="(document.getElementById('gongkai-preview-errors')||{}).innerText||''")
            text = banner["result"].get("value", "") if banner else ""
            if file + ":" in text and "error:" in text:
                break
            if time.monotonic() - t0 > 10:
                sys.exit("no error banner in the browser: " + text[:200])
            time.sleep(0.005)
        banner_ms = (time.monotonic() - t0) * 1000
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        b.close()
        srv.send_signal(2)
        srv.wait(timeout=10)
    ms.sort()
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    print(f"{'browser: save → page shows it':<34} median {statistics.median(ms):7.1f} ms   "
          f"p90 {p90:7.1f} ms   ({len(ms)} saves)")
    print(f"{'browser: broken save → error banner':<34} {banner_ms:7.1f} ms")


main()
