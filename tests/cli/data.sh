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
# A commit that changes one plan: that plan's files show it, the site's
# files show it, every other plan's files stay byte for byte as they were
# (an incremental build rewrites only what changed).
echo "本计划补充说明。" >>"$t/repo/content/plans/2024-nantong-indicators/plan.md"
git -C "$t/repo" add -A
GIT_AUTHOR_DATE="2024-04-10T16:00:00+08:00" GIT_COMMITTER_DATE="2024-04-10T16:00:00+08:00" \
	git -C "$t/repo" -c user.name=staff -c user.email=s@example.org commit -qm "补充说明"
second=$(git -C "$t/repo" rev-parse HEAD)
"$GONGKAI" build -q -C "$t/repo" -o "$t/git" 2>"$t/log" || { cat "$t/log"; bad "git: second build failed"; }
$py - "$t/git" "$t/git2" "$second" >"$t/out" 2>&1 <<'PY' && ok || { bad "per-plan commits in the data files"; cat "$t/out"; }
import json, sys, icalendar
new, old, second = sys.argv[1:]
nt, ry = "2024-nantong-indicators", "2023-rugao-yangxian"
def read(site, path):
    return open(f"{site}/{path}", "rb").read()
for path in [f"plans/{ry}/{ry}.json", f"plans/{ry}/schedule.ics", f"plans/{ry}/{ry}-tasks.csv"]:
    assert read(new, path) == read(old, path), f"{path} changed although its plan did not"
doc = json.loads(read(new, f"plans/{nt}/{nt}.json"))
assert (doc["commit"], doc["commit_date"]) == (second, "2024-04-10"), (doc["commit"], doc["commit_date"])
first = json.loads(read(old, f"plans/{ry}/{ry}.json"))["commit"]
assert first != second and json.loads(read(new, f"plans/{ry}/{ry}.json"))["commit"] == first
assert json.loads(read(new, "data/gongkai.json"))["commit"] == second
cal = icalendar.Calendar.from_ical(read(new, f"plans/{nt}/schedule.ics"))
stamps = {e["DTSTAMP"].dt.isoformat() for e in cal.walk("VEVENT")}
assert stamps == {"2024-04-10T08:00:00+00:00"}, stamps
PY

# 3. Hostile cells.
"$GONGKAI" build -q -C "$here/tests/data/hostile" -o "$t/hostile" 2>"$t/log" || { cat "$t/log"; bad "hostile: build failed"; }
$py "$check" "$t/hostile" --base-url https://xiezuo.example.gov.cn/sub/ >"$t/out" 2>&1; tally "$t/out" hostile
csv="$t/hostile/plans/2023-rugao-yangxian/2023-rugao-yangxian-schedule.csv"
expect "$csv" "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\""
expect "$csv" "\"'-2+3\""
expect "$csv" "\"'＝全角等号\""
expect "$t/hostile/data/gongkai.json" '\u2028'
expect "$t/hostile/data/gongkai.json" '<\/script><script>alert(1)<\/script>'
if grep -q $'\x01' "$csv" "$t/hostile/changes.xml" "$t/hostile/plans/2023-rugao-yangxian/schedule.ics"; then
	bad "a control character reached CSV, XML or iCalendar"
else ok; fi

# 4. Tables as printed (tests/golden/tables): every column with its header
# and meaning, several units to a cell with their roles, targets with their
# reading, deadlines in the calendar.
"$GONGKAI" build -q -C "$here/tests/golden/tables" -o "$t/tables" 2>"$t/log" || { cat "$t/log"; bad "tables: build failed"; }
$py "$check" "$t/tables" >"$t/out" 2>&1; tally "$t/out" tables
$py - "$t/tables" >"$t/out" 2>&1 <<'PY' && ok || { bad "tables: the model in the data"; cat "$t/out"; }
import csv, io, json, sys, icalendar
site = sys.argv[1]
def table(path):
    return list(csv.DictReader(io.StringIO(open(f"{site}/{path}", encoding="utf-8-sig").read(), newline="")))
hm, mx = "2024-haimen-breakdown", "2024-mianxian-tasks"
cols = [(c["column"], c["header"], c["meaning"], c["merged"], c["grouped"]) for c in table("data/columns.csv") if c["plan"] == hm]
assert cols == [("1", "序号", "no", "true", "false"), ("2", "类型", "category", "true", "true"),
                ("3", "工作计划主要内容", "detail", "false", "false"), ("4", "责任单位", "unit", "false", "false"),
                ("5", "协作地区", "other", "false", "false"), ("6", "计划完成时间", "when", "false", "false")], cols
cells = {(c["row"], c["column"]): c for c in table("data/cells.csv") if c["plan"] == hm}
assert cells[("2", "2")]["text"] == "组织推进" and cells[("2", "2")]["merged"] == "true", cells[("2", "2")]
assert cells[("1", "5")]["header"] == "协作地区" and cells[("1", "5")]["text"] == "勉县、泽库县", cells[("1", "5")]
rows = {r["row"]: r for r in table(f"plans/{hm}/{hm}-schedule.csv")}
assert rows["1"]["other"] == "协作地区：勉县、泽库县" and rows["2"]["merged"] == "序号、类型", rows["2"]
assert rows["2"]["category"] == "组织推进" and rows["3"]["units"] == "区人社局、总工会、团区委、妇联", rows["3"]
resp = [(r["item_kind"], r["item"], r["unit_text"], r["role"], r["written_in"]) for r in table("data/responsibilities.csv") if r["plan"] == hm]
for want in [("row", "5", "区卫健委", "lead", "责任单位"), ("row", "5", "区教体局", "responsible", "责任单位"),
             ("task", "1", "区发改委", "lead", "lead"), ("task", "1", "领导小组各成员单位", "partner", "partners"),
             ("task", "2", "区委督查室", "lead", "units"), ("task", "2", "各责任单位", "partner", "units")]:
    assert want in resp, (want, resp)
assert len([r for r in resp if r[:2] == ("row", "3")]) == 4, resp
mxr = [(r["item"], r["unit_text"], r["role"]) for r in table("data/responsibilities.csv") if r["plan"] == mx and r["item_kind"] == "row"]
assert ("1", "县委办", "lead") in mxr and ("1", "县乡村振兴局", "partner") in mxr, mxr
tasks = {t["task"]: t for t in table(f"plans/{hm}/{hm}-tasks.csv")}
assert tasks["1"]["lead"] == "区发改委" and tasks["1"]["partners"] == "领导小组各成员单位" and tasks["1"]["units"] == "", tasks["1"]
inds = {i["indicator"]: i for i in json.load(open(f"{site}/plans/{mx}/{mx}.json", encoding="utf-8"))["tables"]["indicators"]}
r = inds["counters"]
assert (r["target"], r["target_kind"], r["target_lower"], r["target_upper"], r["due"]) == ("2～3个", "range", 2, 3, "2024-09-30"), r
r = inds["fund-carryover"]
assert (r["target_kind"], r["target_lower"], r["target_upper"], r["target_strict"]) == ("at_most", None, 5, False), r
r = inds["sales"]
assert (r["target_kind"], r["target_lower"]) == ("at_least", 12000), r  # 不低于1.2亿元, in 万元
r = inds["exchange"]
assert (r["target_each"], r["target_lower"], r["goal_lower"]) == (True, 5, 10), r
r = inds["exchange-teachers"]
assert (r["target"], r["target_kind"], r["target_lower"], r["target_each"]) == (None, "exact", 5, False), r
tg = {(t["indicator"], t["column"]): t for t in table("data/targets.csv") if t["plan"] == hm}
t = tg[("cadres", "zeku")]
assert (t["target"], t["unit"], t["target_kind"], t["target_lower"], t["actual"], t["met"]) == ("", "名", "exact", "3", "1", "false"), t
ac = [(a["indicator"], a["column"], a["value"], a["unit"]) for a in table(f"plans/{hm}/{hm}-actuals.csv")]
assert ("cadres", "mianxian", "3", "名") in ac, ac
plan = json.load(open(f"{site}/plans/{mx}/{mx}.json", encoding="utf-8"))["tables"]["plans"][0]
assert (plan["due_text"], plan["due"], plan["table_kind"]) == ("11月底前", "2024-11-30", "工作任务清单"), plan
cal = icalendar.Calendar.from_ical(open(f"{site}/plans/{mx}/schedule.ics", "rb").read())
ev = {str(e["UID"]): e for e in cal.walk("VEVENT")}
due = ev[f"{mx}-due@gongkai.invalid"]
assert due["DTSTART"].dt.isoformat() == "2024-11-30" and due["DTEND"].dt.isoformat() == "2024-12-01", due
assert str(due["SUMMARY"]).startswith("截止：勉县2024年"), due["SUMMARY"]
c = ev[f"{mx}-indicator-counters-due@gongkai.invalid"]
assert c["DTSTART"].dt.isoformat() == "2024-09-30" and "目标值：2～3个" in str(c["DESCRIPTION"]), c
row1 = ev[f"{mx}-row-1-1@gongkai.invalid"]
d = str(row1["DESCRIPTION"])
assert "牵头单位：县委办、县政府办" in d and "配合单位：县乡村振兴局" in d and "完成标志：联席会议纪要" in d, d
assert str(row1["SUMMARY"]) == "截止：召开苏陕协作联席会议，两地党政主要负责同志互访对接，研究部署年度协作工作。（县委办、县政府办）", row1["SUMMARY"]
PY

# A site of 101 plans: the data page stays small — each plan's files are
# listed on the plan's own page, the data page links the years instead.
mkdir -p "$t/many" && cp -r "$here/content" "$t/many/"
src=$(ls -d "$t/many/content/plans"/2021-* | head -n 1)
for i in $(seq 1 100); do cp -r "$src" "$(printf '%s-%03d' "$src" "$i")"; done
n=$(ls -d "$t/many/content/plans"/*/ | wc -l)
"$GONGKAI" build -q -C "$t/many" -o "$t/many/site" 2>"$t/log" || { cat "$t/log"; bad "many plans: build failed"; }
page="$t/many/site/data/index.html"
expect "$page" "本站共有 $n 个计划，每个计划自己的文件列在它的页面上"
expect "$page" 'href="../years/2021/"'
if grep -q "$(basename "$src")-050-tasks.csv" "$page"; then bad "many plans: the data page still lists every plan's files"; else ok; fi
size=$(wc -c <"$page")
if [ "$size" -lt 60000 ]; then ok; else bad "many plans: the data page is $size bytes"; fi
expect "$t/many/site/plans/$(basename "$src")-050/index.html" "$(basename "$src")-050-tasks.csv"

echo "data: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
