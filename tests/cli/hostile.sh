#!/usr/bin/env bash
# A site whose content and history are full of strings that try to break
# out of HTML, XML, SVG, JSON, CSV and iCalendar: every file of the built
# site is read back with a real parser (tests/cli/hostile_check.py:
# xmllint for XML, Python's html, json and csv modules), no executable URL,
# script or formula survives, and the strings come back as text.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
command -v xmllint >/dev/null || fail "xmllint missing (make test installs libxml2-utils)"

H1='"><script>alert(1)</script>'
H2="' onmouseover='alert(2)' x='"
H3=']]></title><script>alert(3)</script><!--'
H4='=HYPERLINK("javascript:alert(4)","点我")'
H5='{{#x}}{{{y}}}{{/x}}'
H6='&amp;&lt;&#106;avascript:alert(6)'
H7='@SUM(1+1)'
H8='</script><style>*{x:expression(alert(8))}</style>'
q() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/'; }

r="$t/repo"
mkdir -p "$r/content/units" "$r/content/plans/2023-x" "$r/content/pages"
cat >"$r/content/site.yaml" <<YAML
title: $(q "$H1")
description: $(q "$H2")
footer: $(q "$H3")
base_url: "https://xzb.example.gov.cn/a?b=1&c=<2>\"'/"
repository: "https://git.example.gov.cn/x?y=\"><script>"
sponsor: $(q "$H1")
operator: $(q "$H4")
contact: {phone: "0513-1234 5678", email: "a@example.gov.cn", address: $(q "$H3")}
conac: {link: "https://bszs.conac.cn/sitename?method=show&id=1&a=%22%3E"}
YAML
cat >"$r/content/regions.yaml" <<YAML
regions:
  - id: rugao
    name: $(q "$H4")
    short: $(q "$H7")
  - id: yangxian
    name: $(q "$H5")
pairings:
  - id: rugao-yangxian
    east: rugao
    west: yangxian
    note: $(q "$H8")
YAML
cat >"$r/content/units/rugao.yaml" <<YAML
units:
  - id: rugao-fgw
    name: $(q "$H6")
    region: rugao
    aliases: [$(q "$H1"), 发改委]
YAML
cat >"$r/content/plans/2023-x/plan.md" <<YAML
---
title: $(q "$H3")
year: 2023
region: rugao
regions: [rugao, yangxian]
pairings: [rugao-yangxian]
issuer: $(q "$H2")
doc_no: $(q "$H4")
source: $(q "$H8")
note: $(q "$H5")
---

## $H1

正文 $H6 <img src=x onerror=alert(1)> <a href="javascript:alert(1)">链接</a>

| 表头 | $H7 |
|---|---|
| <script>alert(1)</script> | [好链接](https://gov.cn/?a="><script>) |
YAML
cat >"$r/content/plans/2023-x/tasks.yaml" <<YAML
tasks:
  - id: "1"
    section: $(q "$H1")
    title: $(q "$H3")
    text: $(q "$H4")
    units: [发改委, $(q "$H8")]
    when: $(q "$H5")
    indicators: [a]
YAML
cat >"$r/content/plans/2023-x/schedule.yaml" <<YAML
title: $(q "$H2")
rows:
  - id: "1"
    unit: 发改委
    activity: $(q "$H4")
    detail: $(q "$H7")
    when: 7月
  - id: "2"
    activity: $(q "$H8")
    when: $(q "$H1")
YAML
cat >"$r/content/plans/2023-x/indicators.yaml" <<YAML
columns:
  - key: rugao
    label: $(q "$H3")
  - key: yangxian
indicators:
  - id: a
    name: $(q "$H1")
    unit: $(q "$H6")
    target: 0.000001
    by_region: {rugao: $(q "$H4"), yangxian: "2"}
    note: $(q "$H8")
  - id: b
    name: $(q "$H7")
    unit: 人
    target: $(q "$H2")
YAML
cat >"$r/content/plans/2023-x/progress.yaml" <<YAML
as_of: 2023-10-31
tasks:
  - id: "1"
    status: 推进中
    note: $(q "$H3")
schedule:
  - id: "1"
    status: 已取消
    date: 2023-09-01
    reason: $(q "$H1")
indicators:
  - id: a
    values:
      - date: 2023-09-30
        value: 300
        note: $(q "$H4")
YAML
cat >"$r/content/pages/about.md" <<YAML
---
title: $(q "$H8")
---
$H5 $H2 <iframe src="javascript:alert(1)"></iframe>

[站内](../plans/) [邮件](mailto:a@example.gov.cn?subject=%22%3E%3Cscript%3E)
YAML

# History: commit messages with control characters, bytes that are not
# UTF-8, markup, and a date past the year 2999.
cd "$r"
git init -q . && git config commit.gpgsign false
export GIT_AUTHOR_NAME="$H1" GIT_AUTHOR_EMAIL=a@example.cn GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@example.cn
export GIT_AUTHOR_DATE=2023-09-01T00:00:00Z GIT_COMMITTER_DATE=2023-09-01T00:00:00Z
git add -A
git commit -qm "$(printf 'first \001\033[31m <script>\n\nChange-Note: 发布 ]]> <b>\002 \377\376 %s\n' "$H3")"
printf '\nmore\n' >>content/pages/about.md
git add -A
p=$(git rev-parse HEAD) tr=$(git write-tree)
c=$(printf 'tree %s\nparent %s\nauthor x <x@example.cn> 99999999999 +0000\ncommitter x <x@example.cn> 99999999999 +0000\n\nfuture\n\nChange-Note: %s \x1b \xc0\xaf\n' "$tr" "$p" "$H4" | git hash-object -t commit -w --stdin)
git update-ref "refs/heads/$(git symbolic-ref --short HEAD)" "$c"
git reset -q --hard

"$GONGKAI" build -q -o "$t/site" 2>"$t/log" || { cat "$t/log"; fail "the hostile site did not build"; }
grep -q 'error' "$t/log" && { cat "$t/log"; fail "errors reported"; }
grep -rq -- '-9223372036854775808' "$t/site" && fail "a percentage overflowed"
grep -rqF '30000000000%' "$t/site/plans/2023-x/" || fail "the share of a tiny target is not shown"
/usr/bin/python3 "$here/tests/cli/hostile_check.py" --layouts "$here/layouts" "$t/site" "$H1" "$H3" "$H4" "$H5" "$H8" >"$t/check" ||
	{ cat "$t/check"; fail "an output is ill-formed or unsafe"; }
echo "hostile: $(tail -n 1 "$t/check")"
