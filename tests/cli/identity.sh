#!/usr/bin/env bash
# Every page of the example site carries what a government website must:
# the footer identity from content/site.yaml (主办单位, contact, 网站标识码,
# the 备案 numbers linked to their registries, marked as fictitious) and the
# 大字版 link to the same page, whose style the stylesheet switches on with
# #dazi:target. The example's site.yaml passes `check` as a government site;
# without one of the required fields it does not.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
mkdir -p "$t/repo" && cp -r "$here/content" "$t/repo/"
"$GONGKAI" build -q -C "$t/repo" -o "$t/site"
n=$(find "$t/site" -name '*.html' | wc -l)
for want in \
	'<html lang="zh-CN" id="dazi">' \
	'<a class="dazi-on" href="#dazi">大字版</a><a class="dazi-off" href="#">标准版</a>' \
	'<span class="item">主办单位：示例市人民政府办公室（示例）</span>' \
	'<span class="item">承办单位：示例市对口协作办公室（示例）</span>' \
	'<address><span class="item">联系电话：<a href="tel:000000000000">0000-00000000</a></span>' \
	'<span class="item">网站标识码：0000000000</span>' \
	'<a href="https://beian.miit.gov.cn/">苏ICP备00000000号</a>' \
	'<a href="https://beian.mps.gov.cn/#/query/webSearch?code=32000000000000">苏公网安备32000000000000号</a>' \
	'均为虚构，仅用于演示'; do
	have=$(grep -rlF --include='*.html' -e "$want" "$t/site" | wc -l)
	[ "$have" -eq "$n" ] || fail "$((n - have)) of $n pages lack: $want"
done
[ "$n" -gt 100 ] || fail "only $n pages"
grep -qF '#dazi:target, html.dazi {' "$t/site/assets/style.css" || fail "no 大字版 rule in the stylesheet"

# A government site without its 网站标识码 does not pass check.
sed -i '/^site_code:/d' "$t/repo/content/site.yaml"
if "$GONGKAI" check -C "$t/repo" >"$t/out" 2>&1; then fail "check passed without site_code"; fi
grep -qE '^content/site.yaml:[0-9]+:1: error: 政府网站的页脚必须有网站标识码，但没有 "site_code"' "$t/out" ||
	{ cat "$t/out"; fail "no diagnostic for the missing site_code"; }
echo "identity: $n pages carry the footer identity and the 大字版 link"
