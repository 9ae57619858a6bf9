#!/usr/bin/env bash
# The record from git, end to end, on a fixture repository of ~300 commits
# with fixed dates: published and updated dates, the change list (major
# changes only), target revisions (including a quiet one), --ref builds of
# an old tag, byte-identical rebuilds, publish, and the edge cases.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME="$t/home" TZ=UTC
mkdir -p "$HOME"
git config --global user.name "协作办"
git config --global user.email "office@example.gov.cn"
git config --global init.defaultBranch main

fail() { echo "FAIL: $*"; exit 1; }
expect() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
refuse() { ! grep -qF -- "$2" "$1" || fail "$1 should not have: $2"; }
commit() { # date message
	GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1" git -C "$t/repo" commit -qam "$2"
}

mkdir "$t/repo"
git -C "$t/repo" init -q
cp -r "$here/tests/check/_base/content" "$t/repo/"
git -C "$t/repo" add -A
commit "2023-09-01T10:00:00+08:00" "发布如皋—洋县计划

Change-Note: 首次发布2023年工作计划"
ind="$t/repo/content/plans/2023-rugao-yangxian/indicators.yaml"
about="$t/repo/content/pages/about.md"
mkdir -p "$(dirname "$about")"
printf -- '---\ntitle: 关于\n---\n\n说明。\n' >"$about"
git -C "$t/repo" add -A
commit "2023-09-02T10:00:00+08:00" "加关于页面"
# ~300 minor commits to an unrelated page
for i in $(seq 1 290); do
	echo "第 $i 次修改。" >>"$about"
	commit "2023-09-03T10:00:00+08:00" "修改关于页面 $i"
done
sed -i 's/target: 540/target: 560/' "$ind"
commit "2023-10-15T09:30:00+08:00" "调整就业目标

按省里下达的新任务调整。

Change-Note: 就业目标由540人调整为560人"
git -C "$t/repo" tag v1
sed -i 's/鼓励引导企业到洋县投资兴业。/鼓励引导企业到洋县投资兴业。 /' "$t/repo/content/plans/2023-rugao-yangxian/tasks.yaml"
commit "2023-11-01T09:00:00+08:00" "改错字"
sed -i 's/target: 560/target: 600/' "$ind"
commit "2023-12-01T09:00:00+08:00" "更新数据"
test "$(git -C "$t/repo" rev-list --count HEAD)" -ge 290

# Build the working tree.
"$GONGKAI" build -q -C "$t/repo" -o "$t/out"
plan="$t/out/plans/2023-rugao-yangxian/index.html"
expect "$plan" "本站发布：2023年9月1日 · 上次更新：2023年10月15日"
expect "$plan" "首次发布2023年工作计划"
expect "$plan" "就业目标由540人调整为560人"
refuse "$plan" "改错字"
refuse "$plan" "更新数据"
head=$(git -C "$t/repo" rev-parse HEAD)
expect "$plan" "title=\"$head\""
refuse "$plan" "含尚未提交的修改"
page="$t/out/plans/2023-rugao-yangxian/indicators/employment/index.html"
expect "$page" '<td class="num" data-label="原值">540</td><td class="num" data-label="新值">560</td><td data-label="更新说明">就业目标由540人调整为560人</td>'
expect "$page" '<td class="num" data-label="原值">560</td><td class="num" data-label="新值">600</td><td data-label="更新说明"><span class="missing">（未附更新说明）</span> 更新数据</td>'
expect "$t/out/changes/index.html" "就业目标由540人调整为560人"
expect "$t/out/changes.xml" "<updated>2023-10-15T00:00:00Z</updated>"
expect "$t/out/manifest.txt" "# built from commit $head"
# Each page shows the commit that last changed its own inputs; the method
# page, the feed and the manifest the commit built from.
about_commit=$(git -C "$t/repo" log -1 --format=%H -- content/pages/about.md)
test "$about_commit" != "$head" || fail "the fixture's about page was changed by HEAD"
expect "$t/out/about/index.html" "title=\"$about_commit\""
refuse "$t/out/about/index.html" "title=\"$head\""
expect "$t/out/method/index.html" "title=\"$head\""
expect "$t/out/changes.xml" "<subtitle>构建自提交 $head</subtitle>"
# the manifest's ids are git's own blob ids
id=$(git hash-object "$plan")
expect "$t/out/manifest.txt" "$id plans/2023-rugao-yangxian/index.html"

# An uncommitted change is stamped.
echo "# 草稿" >>"$ind"
"$GONGKAI" build -q -C "$t/repo" -o "$t/dirty"
expect "$t/dirty/index.html" "含尚未提交的修改"
git -C "$t/repo" checkout -q -- content

# --ref builds an old tag exactly as it was: the same bytes as a build of
# a checkout of that tag.
"$GONGKAI" build -q -C "$t/repo" --ref v1 -o "$t/v1"
expect "$t/v1/plans/2023-rugao-yangxian/index.html" '<td class="num" data-label="目标值">560</td>'
git clone -q "$t/repo" "$t/checkout"
git -C "$t/checkout" checkout -q v1
"$GONGKAI" build -q -C "$t/checkout" -o "$t/v1b"
diff -r "$t/v1" "$t/v1b" || fail "--ref v1 differs from a checkout of v1"

# The same commit, built twice in different folders at different times.
git clone -q "$t/repo" "$t/a"
sleep 1
git clone -q "$t/repo" "$t/b"
touch -d "2001-01-01" "$t/b/content/site.yaml"
"$GONGKAI" build -q -C "$t/a" -o "$t/site-a" -j 1
sleep 1
LC_ALL=C "$GONGKAI" build -q -C "$t/b" -o "$t/site-b" -j 2
diff -r "$t/site-a" "$t/site-b" >/dev/null || fail "two builds of one commit differ"

# Publish: one commit; the same site again makes none.
(cd "$t/repo" && "$GONGKAI" publish -o "$t/out" >"$t/pub1")
test "$(git -C "$t/repo" rev-list --count site)" = 1 || fail "publish made no commit"
git -C "$t/repo" log -1 --format=%B site | grep -qF "$head" || fail "publish message lacks the source commit"
(cd "$t/repo" && "$GONGKAI" publish -o "$t/out" >"$t/pub2")
test "$(git -C "$t/repo" rev-list --count site)" = 1 || fail "publishing the same site twice made a second commit"
git -C "$t/repo" ls-tree -r --name-only site | grep -qx "plans/2023-rugao-yangxian/index.html" || fail "published tree lacks the plan page"

# An unknown ref: a clear error, exit 2, nothing written.
if "$GONGKAI" build -q -C "$t/repo" --ref nope -o "$t/nope" 2>"$t/err"; then fail "unknown ref accepted"; fi
expect "$t/err" "nope"
test ! -e "$t/nope" || fail "unknown ref wrote a site"

# Not a repository: builds, and says there is no history.
mkdir "$t/plain" && cp -r "$t/repo/content" "$t/plain/"
GIT_CEILING_DIRECTORIES="$t" "$GONGKAI" build -C "$t/plain" -o "$t/plain-out" 2>"$t/err"
expect "$t/err" "不是 git 仓库"
refuse "$t/plain-out/plans/2023-rugao-yangxian/index.html" "本站发布："

# A shallow clone: builds, and warns that dates may be wrong.
git clone -q --depth 1 "file://$t/repo" "$t/shallow"
"$GONGKAI" build -C "$t/shallow" -o "$t/shallow-out" 2>"$t/err"
expect "$t/err" "浅克隆"
echo "history: ok"
