#!/usr/bin/env bash
# `gongkai new plan` makes a folder whose empty required fields `check`
# names one by one, and whose body placeholder is a warning until replaced;
# filled in, it checks clean and builds.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
cp -r "$here/tests/check/_base" "$t/repo"
cd "$t/repo"
"$GONGKAI" new plan 2025-rugao-yangxian >"$t/out"
grep -q "已建立 content/plans/2025-rugao-yangxian/" "$t/out" || fail "no confirmation"
if "$GONGKAI" new plan 2025-rugao-yangxian 2>"$t/err"; then fail "made the same plan twice"; fi
grep -q "已经存在" "$t/err" || fail "no reason for refusing"
if "$GONGKAI" new plan Bad_Name 2>"$t/err"; then fail "accepted a bad folder name"; fi
if "$GONGKAI" check >"$t/out" 2>&1; then fail "an unfilled plan passed check"; fi
cat >"$t/want" <<'WANT'
content/plans/2025-rugao-yangxian/plan.md:8:8: error: 字段 "title" 不能为空（应为计划标题）
content/plans/2025-rugao-yangxian/plan.md:12:9: error: 字段 "region" 不能为空（应为发文一方的地区编号，如 rugao）
content/plans/2025-rugao-yangxian/plan.md:14:10: error: "regions" 至少要写一项（[rugao, yangxian]）
content/plans/2025-rugao-yangxian/plan.md:41:1: warning: 这里还是模板文字：“【待填写】在这里照原文录入计划正文，录完删掉这一……”; 照原文改写这一处，改好后删掉“【待填写】”和说明文字
检查完毕：3 个错误，1 个警告
WANT
diff -u "$t/want" "$t/out" || fail "unexpected diagnostics"
sed -i 's/^title: ""/title: 如皋市-洋县对口协作2025年度工作计划/; s/^region: ""/region: rugao/; s/^regions: \[\]/regions: [rugao, yangxian]/' content/plans/2025-rugao-yangxian/plan.md
"$GONGKAI" check >"$t/out" 2>&1 || { cat "$t/out"; fail "a filled plan did not check"; }
grep -q '^检查完毕：0 个错误，1 个警告$' "$t/out" || fail "the placeholder body passed unnoticed"
sed -i 's/^【待填写】.*/## 一、指导思想/' content/plans/2025-rugao-yangxian/plan.md
"$GONGKAI" check >"$t/out" 2>&1
grep -q '^检查完毕：0 个错误，0 个警告$' "$t/out" || { cat "$t/out"; fail "a filled plan has warnings"; }
"$GONGKAI" build -q -o "$t/site"
grep -q "如皋市-洋县对口协作2025年度工作计划" "$t/site/plans/2025-rugao-yangxian/index.html" || fail "not built"
echo "new: ok"
