#!/usr/bin/python3
"""Save-to-reload time of `gongkai serve` (and of `hugo server`, side by side).

Usage:
  serve.py gongkai GONGKAI REPO FILE PAGE RUNS
  serve.py pair GONGKAI GK_REPO GK_FILE GK_PAGE HUGO_SITE HUGO_FILE HUGO_PAGE RUNS

Each run rewrites FILE (as an editor saves it: the whole file, in place)
with a new marker line and measures, from the moment the write returns:

  event  gongkai only: until the open page's event stream says a new build
         finished (what makes the browser reload)
  page   until PAGE, fetched as the reloading browser fetches it, shows the
         marker; for gongkai the fetch starts at the event, for Hugo (whose
         live reload is a WebSocket) it polls every 5 ms

Runs are spaced by half a second; with `pair` the two servers' runs are
interleaved. Prints the median and the 90th percentile in milliseconds.
"""
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def start(cmd, cwd, pattern):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.time() + 60
    for line in p.stdout:
        m = re.search(pattern, line)
        if m:
            threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
            return p, m.group(1)
        if time.time() > deadline:
            break
    p.kill()
    sys.exit(f"{cmd[0]} did not start")


def fetch(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path)
    body = c.getresponse().read().decode("utf-8", "replace")
    c.close()
    return body


class Events:
    """Reads gongkai's event stream; wait() returns when a new build is told."""

    def __init__(self, port):
        self.cv = threading.Condition()
        self.gen = None
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /_gongkai/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.f = s.makefile("rb")
        threading.Thread(target=self.read, daemon=True).start()
        with self.cv:
            self.cv.wait_for(lambda: self.gen is not None, timeout=10)

    def read(self):
        for raw in self.f:
            line = raw.decode().strip()
            if line.startswith("data: "):
                with self.cv:
                    self.gen = int(line[6:].split()[0])
                    self.t = time.monotonic()
                    self.cv.notify_all()

    def wait(self, after, timeout=10):
        with self.cv:
            if not self.cv.wait_for(lambda: self.gen > after, timeout=timeout):
                sys.exit("no build event within 10 s")
            return self.t


class Server:
    def __init__(self, kind, repo, file, page, binary):
        self.kind, self.repo, self.file, self.page = kind, repo, os.path.join(repo, file), page
        self.text = open(self.file, encoding="utf-8").read()
        self.events, self.event_ms, self.page_ms, self.n = None, [], [], 0
        if kind == "gongkai":
            self.p, url = start([binary, "serve", "-p", "0"], repo, r"(http://\S+)")
            self.port = int(url.rstrip("/").rsplit(":", 1)[1])
            self.events = Events(self.port)
        else:
            port = free_port()
            self.p, _ = start(["hugo", "server", "--port", str(port), "--bind", "127.0.0.1",
                               "--disableFastRender", "--quiet"], repo, r"(Web Server is available|Press Ctrl\+C)")
            self.port = port
        fetch(self.port, page)

    def run(self):
        self.n += 1
        marker = f"保存第{self.n}次"
        gen = self.events.gen if self.events else None
        with open(self.file, "w", encoding="utf-8") as f:
            f.write(self.text + f"\n\n{marker}\n")
        t0 = time.monotonic()
        if self.events:
            t1 = self.events.wait(gen)
            self.event_ms.append((t1 - t0) * 1000)
            if marker not in fetch(self.port, self.page):
                sys.exit(f"{self.page} does not show the change after the event")
        else:
            while marker not in fetch(self.port, self.page):
                if time.monotonic() - t0 > 10:
                    sys.exit("hugo did not show the change within 10 s")
                time.sleep(0.005)
        self.page_ms.append((time.monotonic() - t0) * 1000)

    def stop(self):
        with open(self.file, "w", encoding="utf-8") as f:
            f.write(self.text)
        self.p.send_signal(2)
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def report(name, ms):
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{name:<34} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   ({len(ms)} saves)"


def main():
    mode = sys.argv[1]
    if mode == "gongkai":
        _, _, binary, repo, file, page, runs = sys.argv
        servers = [Server("gongkai", repo, file, page, binary)]
    else:
        _, _, binary, gk_repo, gk_file, gk_page, hugo_site, hugo_file, hugo_page, runs = sys.argv
        servers = [Server("gongkai", gk_repo, gk_file, gk_page, binary),
                   Server("hugo", hugo_site, hugo_file, hugo_page, None)]
    try:
        time.sleep(1)
        for _ in range(int(runs)):
            for s in servers:
                s.run()
                time.sleep(0.5)
    finally:
        for s in servers:
            s.stop()
    for s in servers:
        if s.event_ms:
            print(report(f"{s.kind}: save → reload event", s.event_ms))
        print(report(f"{s.kind}: save → page shows it", s.page_ms))


main()
