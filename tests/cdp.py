#!/usr/bin/python3
"""Headless Chromium driven over its DevTools pipe (--remote-debugging-pipe:
messages are JSON separated by NUL bytes on file descriptors 3 and 4), so
that tests and benchmarks need no browser driver from anywhere.

    b = Browser("/usr/bin/chromium")
    b.call("Page.navigate", session=True, url=...)
    b.wait_load(after)     # a load event after a time.monotonic() instant
    b.text()               # the page's rendered text ("" while it changes)
    b.close()
"""
import json
import os
import shutil
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

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page, or None while
        the page is being replaced."""
        r = self.call("Runtime.evaluate", session=True, tolerate=True, expression=expression,
                      returnByValue=True)
        return r["result"].get("value") if r else None

    def until(self, expression, what, timeout=10):
        """Wait until the expression is true in the page."""
        t0 = time.monotonic()
        while not self.evaluate(expression):
            if time.monotonic() - t0 > timeout:
                sys.exit(f"FAIL: {what} (after {timeout} s)")
            time.sleep(0.02)
