#!/usr/bin/env bash
# `gongkai serve`: serves the built site on a free port, tells the open
# page of each rebuild over server-sent events, shows a content error in
# the terminal and on every page while the last good site stays served,
# watches folders created after it started, serves nothing outside its
# output folder, never writes site/, and stops cleanly on Ctrl-C.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	jobs -p | xargs -r kill 2>/dev/null || true
	rm -rf "$t"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- serve stderr:"; cat "$t/err" 2>/dev/null | tail -n 30; exit 1; }
export GIT_CEILING_DIRECTORIES="$t" TMPDIR="$t/tmp"
mkdir -p "$t/tmp"
"$GONGKAI" init "$t/repo" >/dev/null
cd "$t/repo"
plan=content/plans/example

# Wait (up to 10 s) until a file holds a line matching a pattern.
wait_for() {
	local i
	for i in $(seq 100); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

"$GONGKAI" serve -p 0 >"$t/out" 2>"$t/err" &
pid=$!
wait_for "$t/out" "^预览：http" || fail "no address printed"
url=$(grep -o 'http://[^ ]*' "$t/out")
case "$url" in http://127.0.0.1:*/) ;; *) fail "not on loopback: $url" ;; esac
root=$(echo "$t"/tmp/gongkai-serve-*/site)
[ -f "$root/index.html" ] || fail "no preview folder in TMPDIR"
[ -e site ] && fail "serve wrote site/"

code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
get() { curl -sf "$@"; }

# Pages, types, folders, 404.
[ "$(code "$url")" = 200 ] || fail "home page"
get "$url" >"$t/home"
grep -q 'new EventSource("/_gongkai/events")' "$t/home" || fail "no reload script in the preview"
grep -q '<script data-gongkai>' "$t/home" || fail "the reload script is not marked as the preview's"
grep -q 'gongkai-preview-errors' "$t/home" && fail "an error banner without errors"
grep -q 'EventSource' "$root/index.html" && fail "the reload script was written into the site"
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "${url}plans/example")" = "301 ${url}plans/example/" ] ||
	fail "a folder without its / is not redirected"
[ "$(curl -s -o /dev/null -w '%{content_type}' "${url}assets/style.css")" = "text/css; charset=utf-8" ] || fail "css type"
[ "$(curl -s -o /dev/null -w '%{content_type}' "${url}changes.xml")" = "application/xml; charset=utf-8" ] || fail "xml type"
[ "$(curl -s -o /dev/null -w '%{content_type}' "${url}manifest.txt")" = "text/plain; charset=utf-8" ] || fail "txt type"
# Byte ranges, as the search page reads its packed index: one range, an
# open end, a suffix; one out of the file is 416; several get the whole file.
idx="${url}search/meta.json"
size=$(stat -c %s "$root/search/meta.json")
[ "$(curl -s -r 0-9 -o "$t/part" -w '%{http_code}' "$idx")" = 206 ] && cmp -s "$t/part" <(head -c 10 "$root/search/meta.json") ||
	fail "range 0-9"
curl -s -r 0-9 -D - -o /dev/null "$idx" | grep -qi "^content-range: bytes 0-9/$size" || fail "no Content-Range"
[ "$(curl -s -r 5- -o "$t/part" -w '%{http_code} %{size_download}' "$idx")" = "206 $((size - 5))" ] || fail "range 5-"
[ "$(curl -s -r -7 -o "$t/part" -w '%{http_code} %{size_download}' "$idx")" = "206 7" ] || fail "range -7"
[ "$(code -r "$size-" "$idx")" = 416 ] || fail "a range past the end is not 416"
[ "$(curl -s -r 0-1,4-5 -o /dev/null -w '%{http_code} %{size_download}' "$idx")" = "200 $size" ] || fail "several ranges"
curl -s -D - -o /dev/null "$idx" | grep -qi '^accept-ranges: bytes' || fail "no Accept-Ranges"
[ "$(code -I "$url")" = 200 ] || fail "HEAD"
[ "$(code -X POST "$url")" = 405 ] || fail "POST accepted"
[ "$(code "${url}no/such/page/")" = 404 ] || fail "missing page is not 404"
get -o /dev/null "${url}no/such/page/" 2>/dev/null && fail "404 body counted as success"
curl -s "${url}no/such/page/" | grep -q 'EventSource' || fail "the 404 page has no reload script"
curl -s "${url}no/such/page/" | grep -q "$(grep -o '<h1>[^<]*</h1>' "$root/404.html")" || fail "not the site's 404 page"

# Nothing outside the output folder: traversal, encoded traversal, hidden
# files, and symbolic links planted inside it.
echo secret >"$t/secret.txt"
ln -s "$t/secret.txt" "$root/leak.txt"
ln -s "$t" "$root/out"
for p in ../secret.txt ../../secret.txt %2e%2e/secret.txt %2e%2e%2fsecret.txt ..%2f..%2fsecret.txt \
	assets/../../secret.txt leak.txt out/secret.txt .gongkai-site //etc/passwd /etc/passwd \
	'assets/..%5c..%5csecret.txt'; do
	body=$(curl -s --path-as-is "${url}$p")
	c=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "${url}$p")
	[ "$c" = 404 ] || fail "$p answered $c"
	case "$body" in *secret*|*root:*) fail "$p leaked a file" ;; esac
done
rm "$root/leak.txt" "$root/out"

# Live reload: the event stream says the current build ("data: G F": G
# builds so far, F the last that followed a layout change), then each new
# one. A save may take more than one build on a slow machine (an editor
# writes a file in steps), so each step waits for a new build and then for
# what it should show.
last=0
mark() { last=$(awk '$1 == "data:" { g = $2 } END { print g + 0 }' "$t/events"); }
# a build after the mark; with "content", one that was no layout change
built() {
	local i cond='$1 == "data:" && $2 > l'
	[ "${1:-}" = content ] && cond="$cond"' && $3 < $2'
	[ "${1:-}" = layouts ] && cond="$cond"' && $3 == $2'
	for i in $(seq 100); do
		awk -v l="$last" "$cond { ok = 1 } END { exit !ok }" "$t/events" && return 0
		sleep 0.1
	done
	return 1
}
# Run a command until it succeeds (10 s).
eventually() { local i; for i in $(seq 100); do eval "$1" && return 0; sleep 0.1; done; return 1; }

curl -sN "${url}_gongkai/events" >"$t/events" &
wait_for "$t/events" "^data: 1 0$" || fail "no first event"
mark
sed -i 's/^title: .*/title: "甲市—乙县东西部协作工作计划（改过的示例）"/' "$plan/plan.md"
built content || fail "no event after a save"
eventually 'get "${url}plans/example/" | grep -q 改过的示例' || fail "the page did not change"
grep -q '已生成 ' "$t/err" || fail "no rebuild line in the terminal"

# A content error: terminal and banner name file:line:col; the last good
# site stays served.
cp "$plan/tasks.yaml" "$t/tasks.good"
mark
printf 'tasks:\n  - id: "1"\n    text: 引导: 企业\n' >"$plan/tasks.yaml"
built || fail "no event after a broken save"
eventually 'get "${url}plans/example/" | grep -q gongkai-preview-errors' || fail "no error banner"
grep -q "content/plans/example/tasks.yaml:3:.*error:" "$t/err" || fail "error not in the terminal"
get "${url}plans/example/" >"$t/page"
grep -q 'content/plans/example/tasks.yaml:3:[0-9]*: error: ' "$t/page" || fail "banner lacks file:line:col"
grep -q '改过的示例' "$t/page" || fail "the last good site is not served"
get "$url" | grep -q 'gongkai-preview-errors' || fail "banner missing on another page"
mark
cp "$t/tasks.good" "$plan/tasks.yaml"
built || fail "no event after the fix"
eventually '! get "${url}plans/example/" | grep -q gongkai-preview-errors' || fail "banner stays after the fix"

# A folder made after serve started is watched, and so is what is inside it.
mark
mkdir -p content/plans/2030-jiashi-yixian
sed 's/（示例）/（新）/; s/^year: .*/year: 2030/' "$plan/plan.md" >content/plans/2030-jiashi-yixian/plan.md
built || fail "no event for a new folder"
eventually 'get "${url}plans/2030-jiashi-yixian/" | grep -q （新）' || fail "new plan not served"
sleep 0.3
mark
echo "补一句。" >>content/plans/2030-jiashi-yixian/plan.md
built content || fail "a file in a new folder is not watched"
eventually 'get "${url}plans/2030-jiashi-yixian/" | grep -q 补一句' || fail "the change in a new folder not served"

# A change of the layouts (here: the repository's own layouts/ appearing)
# tells the page to reload whole, not to take the new body in place.
mark
mkdir -p layouts/assets
sed 's/^body {/body { outline: 0;/' "$here/layouts/assets/style.css" >layouts/assets/style.css
built layouts || fail "a layout change is not a full reload: $(tail -n 2 "$t/events")"
eventually 'get "${url}assets/style.css" | grep -q "outline: 0"' || fail "the new style sheet is not served"
sleep 0.3
mark
echo "再补一句。" >>content/plans/2030-jiashi-yixian/plan.md
built content || fail "a content change after a layout change: $(tail -n 3 "$t/events" | tr '\n' ' ')"

# Editors' side files are not changes.
sleep 0.3
n=$(grep -c '^data:' "$t/events")
touch content/.plan.md.swp content/plan.md~ content/4913
sleep 0.6
[ "$(grep -c '^data:' "$t/events")" = "$n" ] || fail "a side file caused a rebuild"

# Only loopback: the kernel's table of listening sockets says where.
port=${url##*:}; port=${port%/}
listening() { awk -v p="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp; }
[ "$(listening "$port")" = "$(printf '0100007F:%04X' "$port")" ] || fail "not listening on 127.0.0.1 only: $(listening "$port")"

# A second server on the same port says so.
if "$GONGKAI" serve -p "$port" >/dev/null 2>"$t/err2"; then fail "two servers on one port"; fi
grep -q "端口 $port 已被占用" "$t/err2" || fail "no reason given for a busy port"

# Ctrl-C: exits 0 promptly with the event stream still open, leaves no
# temporary folder.
kill -INT "$pid"
for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after Ctrl-C"
wait "$pid" && st=0 || st=$?
pid=""
[ "$st" = 0 ] || fail "exit status $st after Ctrl-C"
grep -q '已停止预览' "$t/err" || fail "no goodbye"
[ -z "$(ls "$t/tmp")" ] || fail "left $(ls "$t/tmp") in TMPDIR"

# --bind opens it to other computers, and says so.
"$GONGKAI" serve -p 0 --bind 0.0.0.0 >"$t/out4" 2>/dev/null &
pid=$!
wait_for "$t/out4" "^预览：http" || fail "--bind did not start"
grep -q '注意：预览在 0.0.0.0 上开放' "$t/out4" || fail "no notice for a non-loopback address"
p4=$(grep -o ':[0-9]*/' "$t/out4" | tr -d :/)
[ "$(listening "$p4")" = "$(printf '00000000:%04X' "$p4")" ] || fail "--bind 0.0.0.0 not honoured"
kill -TERM "$pid"; wait "$pid" || fail "SIGTERM exit status"; pid=""
if "$GONGKAI" serve --bind nowhere >/dev/null 2>"$t/err4"; then fail "accepted a bad address"; fi
grep -q '不是 IP 地址' "$t/err4" || fail "bad address not explained"

# No content: the way out is init.
mkdir "$t/empty"
if (cd "$t/empty" && "$GONGKAI" serve -p 0 >/dev/null 2>"$t/err3"); then fail "served an empty folder"; fi
grep -q 'gongkai init' "$t/err3" || fail "empty folder does not point at init"
echo "serve: ok"
