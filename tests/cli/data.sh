#!/usr/bin/env bash
# The machine outputs (data downloads, calendars, feed, sitemap, robots.txt,
# the data page), read back with real parsers by tests/data/check_outputs.py,
# on three sites:
#   example  the example site, as `make site` builds it (no base_url)
#   git      the example content committed at a fixed time, with base_url:
#            absolute URLs, sitemap.xml, DTSTAMP from the commit
#   hostile  tests/data/hostile: cells made to break CSV, JSON, XML and
#            iCalendar readers and to run as spreadsheet formulas
# and the exact calendar of the rugao–yangxian schedule. Ends with the
# tally line of the checks.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$t/home" TZ=UTC
mkdir -p "$HOME"
py=/usr/bin/python3
check="$here/tests/data/check_outputs.py"
pass=0 fail=0
tally() { # the last line of the checker: "data: N passed, M failed"
	local line
	line=$(tail -n 1 "$1")
	if [[ $line =~ ^data:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
		grep -v '^data: ' "$1" | sed -n '1,40p'
	else
		fail=$((fail + 1)); echo "FAIL $2: the checker did not finish"; tail -n 20 "$1"
	fi
}
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
expect() { if grep -qF -- "$2" "$1"; then ok; else bad "$1 lacks: $2"; fi; }

# 1. The example site.
"$GONGKAI" build -C "$here" -o "$t/example" 2>"$t/log" || { cat "$t/log"; bad "example: build failed"; }
$py "$check" "$t/example" >"$t/out" 2>&1; tally "$t/out" example
expect "$t/log" "没有写 base_url"

# 2. Committed at a fixed time, with base_url.
mkdir -p "$t/repo"
cp -r "$here/content" "$t/repo/"
sed -i '1a base_url: https://xiezuo.example.gov.cn/gongkai/' "$t/repo/content/site.yaml"
git -C "$t/repo" init -q
git -C "$t/repo" add -A
GIT_AUTHOR_DATE="2024-03-05T09:30:15+08:00" GIT_COMMITTER_DATE="2024-03-05T09:30:15+08:00" \
	git -C "$t/repo" -c user.name=staff -c user.email=s@example.org commit -qm "导入"
"$GONGKAI" build -q -C "$t/repo" -o "$t/git" 2>"$t/log" || { cat "$t/log"; bad "git: build failed"; }
$py "$check" "$t/git" --base-url https://xiezuo.example.gov.cn/gongkai/ --expect-commit-time 1709602215 >"$t/out" 2>&1
tally "$t/out" git
if grep -q "base_url" "$t/log"; then bad "git: warned about base_url although it is set"; else ok; fi
ics="$t/git/plans/2023-rugao-yangxian/schedule.ics"
# 7月、10月 is two all-day events, DTEND exclusive; 11月前 one day, the deadline.
$py - "$ics" >"$t/out" 2>&1 <<'PY' && ok || { bad "calendar events"; cat "$t/out"; }
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = {str(e["UID"]): (e["DTSTART"].dt.isoformat(), e["DTEND"].dt.isoformat(), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}
want = {
    "2023-rugao-yangxian-row-14-1@xiezuo.example.gov.cn": ("2023-07-01", "2023-08-01"),
    "2023-rugao-yangxian-row-14-2@xiezuo.example.gov.cn": ("2023-10-01", "2023-11-01"),
    "2023-rugao-yangxian-row-22-1@xiezuo.example.gov.cn": ("2023-10-31", "2023-11-01"),
    "2023-rugao-yangxian-row-16-1@xiezuo.example.gov.cn": ("2023-01-01", "2024-01-01"),
}
for uid, (s, e) in want.items():
    assert uid in ev, uid
    assert ev[uid][:2] == (s, e), (uid, ev[uid])
assert ev["2023-rugao-yangxian-row-22-1@xiezuo.example.gov.cn"][2].startswith("截止："), ev
assert not any("row-18-" in u for u in ev), "an unscheduled row is in the calendar"
assert len(ev) == 87 - 7 + 4, len(ev)  # 87 rows, 7 without dates, 4 with two spans (7月、10月 …)
PY
expect "$t/git/plans/2023-rugao-yangxian/schedule/index.html" "7 项活动没有具体日期，不在日历中。"
expect "$t/git/plans/2023-rugao-yangxian/schedule/index.html" 'href="webcal://xiezuo.example.gov.cn/gongkai/plans/2023-rugao-yangxian/schedule.ics"'
expect "$t/git/sitemap.xml" "<url><loc>https://xiezuo.example.gov.cn/gongkai/plans/2023-rugao-yangxian/</loc><lastmod>2024-03-05</lastmod></url>"
expect "$t/git/robots.txt" "Sitemap: https://xiezuo.example.gov.cn/gongkai/sitemap.xml"
expect "$t/git/404.html" 'href="/gongkai/assets/style.css"'
# Same input, same bytes: a second build, on one thread, is identical.
"$GONGKAI" build -q -j 1 -C "$t/repo" -o "$t/git2" 2>/dev/null
if diff -r "$t/git" "$t/git2" >"$t/out"; then ok; else bad "two builds differ"; head -n 20 "$t/out"; fi

# 3. Hostile cells.
"$GONGKAI" build -q -C "$here/tests/data/hostile" -o "$t/hostile" 2>"$t/log" || { cat "$t/log"; bad "hostile: build failed"; }
$py "$check" "$t/hostile" --base-url https://xiezuo.example.gov.cn/sub/ >"$t/out" 2>&1; tally "$t/out" hostile
csv="$t/hostile/plans/2023-rugao-yangxian/data/schedule.csv"
expect "$csv" "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\""
expect "$csv" "\"'-2+3\""
expect "$csv" "\"'＝全角等号\""
expect "$t/hostile/data/gongkai.json" '\u2028'
expect "$t/hostile/data/gongkai.json" '<\/script><script>alert(1)<\/script>'
if grep -q $'\x01' "$csv" "$t/hostile/changes.xml" "$t/hostile/plans/2023-rugao-yangxian/schedule.ics"; then
	bad "a control character reached CSV, XML or iCalendar"
else ok; fi

echo "data: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
