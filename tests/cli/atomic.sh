#!/usr/bin/env bash
# A failed build leaves the previous site exactly as it was; a target that
# gongkai did not write is never replaced; nothing is left behind.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
cp -r "$here/tests/check/_base" "$t/repo"
"$GONGKAI" build -q -C "$t/repo" -o "$t/site"
cp -a "$t/site" "$t/before"

# Break the content: the build fails with status 1 and changes nothing.
printf 'tasks:\n  - id: "1"\n    text: 引导: 企业\n' >"$t/repo/content/plans/2023-rugao-yangxian/tasks.yaml"
if "$GONGKAI" build -q -C "$t/repo" -o "$t/site" 2>"$t/err"; then fail "a broken build succeeded"; else test $? -eq 1 || fail "exit status not 1"; fi
grep -q "tasks.yaml:3:" "$t/err" || fail "no diagnostic for the broken file"
grep -q "原有网站未改动" "$t/err" && fail "summary printed with -q"
diff -r "$t/before" "$t/site" >/dev/null || fail "the previous site changed"
ls "$t" | grep -q '\.tmp-' && fail "a temporary folder was left behind"

# A broken layout fails the same way.
cp "$t/before/index.html" "$t/index.before"
cp "$here/tests/check/_base/content/plans/2023-rugao-yangxian/tasks.yaml" "$t/repo/content/plans/2023-rugao-yangxian/tasks.yaml"
mkdir -p "$t/repo/layouts" && printf '{{#x}}\n' >"$t/repo/layouts/home.mustache"
if "$GONGKAI" build -q -C "$t/repo" -o "$t/site" 2>"$t/err"; then fail "a broken layout built"; fi
grep -q "layouts/home.mustache:1:1: error:" "$t/err" || fail "layout error not located"
diff -r "$t/before" "$t/site" >/dev/null || fail "the previous site changed after a layout error"
rm -r "$t/repo/layouts"

# A folder gongkai did not write is not replaced.
mkdir "$t/work" && echo "重要文件" >"$t/work/notes.txt"
if "$GONGKAI" build -q -C "$t/repo" -o "$t/work" 2>"$t/err"; then fail "overwrote a foreign folder"; fi
test -f "$t/work/notes.txt" || fail "a foreign folder was touched"
grep -q "不是 gongkai 生成的网站" "$t/err" || fail "no explanation for refusing the folder"

# A successful rebuild replaces the site completely (stale files go).
touch "$t/site/stale.html"
"$GONGKAI" build -q -C "$t/repo" -o "$t/site"
test ! -e "$t/site/stale.html" || fail "a stale file survived a rebuild"
test -f "$t/site/.gongkai-site" || fail "marker missing"
echo "atomic: ok"
