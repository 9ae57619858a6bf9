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
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


class Browser:
    def __init__(self, exe):
        self.dir = tempfile.mkdtemp()
        r_cmd, w_cmd = os.pipe()  # we write commands, the browser reads fd 3
        r_ev, w_ev = os.pipe()    # the browser writes fd 4, we read events
        args = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-pipe", f"--user-data-dir={self.dir}", "about:blank"]

        def child_fds():
            os.dup2(r_cmd, 3)
            os.dup2(w_ev, 4)
        self.p = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=child_fds,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_cmd)
        os.close(w_ev)
        self.w = os.fdopen(w_cmd, "wb", buffering=0)
        self.r = os.fdopen(r_ev, "rb", buffering=0)
        self.next_id, self.replies, self.events = 0, {}, []
        self.cv = threading.Condition()
        threading.Thread(target=self.reader, daemon=True).start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def reader(self):
        buf = b""
        while True:
            chunk = self.r.read(65536)
            if not chunk:
                return
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                m = json.loads(msg)
                with self.cv:
                    if "id" in m:
                        self.replies[m["id"]] = m
                    else:
                        self.events.append((time.monotonic(), m))
                    self.cv.notify_all()

    def call(self, method, session=False, tolerate=False, **params):
        self.next_id += 1
        i = self.next_id
        msg = {"id": i, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.w.write(json.dumps(msg).encode() + b"\0")
        with self.cv:
            if not self.cv.wait_for(lambda: i in self.replies, timeout=20):
                sys.exit(f"no answer to {method}")
            m = self.replies.pop(i)
        if "error" in m:
            if tolerate:
                return None
            sys.exit(f"{method}: {m['error']}")
        return m.get("result", {})

    def wait_load(self, after):
        """The first load event after time `after`."""
        def found():
            return next((t for t, m in self.events if t > after and m.get("method") == "Page.loadEventFired"), None)
        with self.cv:
            if not self.cv.wait_for(lambda: found() is not None, timeout=10):
                sys.exit("the page did not reload within 10 s")
            return found()

    def shown(self):
        """The times the page said it showed a new body, in order."""
        with self.cv:
            return [float(m["params"]["payload"]) for _, m in self.events
                    if m.get("method") == "Runtime.bindingCalled" and m["params"]["name"] == "gkShown"]

    def text(self):
        # While the page is being replaced, there is no document to ask.
        r = self.call("Runtime.evaluate", session=True, tolerate=True,
                      expression="document.body ? document.body.innerText : ''")
        return r["result"].get("value", "") if r else ""

    def close(self):
        self.p.kill()
        self.p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


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
