#!/usr/bin/env bash
# The JSON Schemas of the content files (layouts/schemas/) say what
# `gongkai check` says (tests/editor/schemas.py, with Debian's
# python3-jsonschema):
#   - every example file (content/, tests/golden/*/content, what init and
#     new plan write) validates, or is flagged exactly where check flags it;
#   - the schemas know exactly check's fields, map by map;
#   - their patterns accept and refuse the values check does;
#   - on the bad-input cases (tests/check) they flag every diagnostic of a
#     kind a schema can express, and nothing else (the figures are printed).
# init copies the schemas into the repository, where the starter files'
# first line finds them; init and new plan bring an old copy up to date.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0 fail=0
check() { if eval "$1"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $2"; fi; }
if ! $py -c 'import jsonschema, yaml' 2>/dev/null; then
	echo "FAIL: Debian's python3-jsonschema and python3-yaml are needed (make test installs them)"
	echo "schemas: 0 passed, 1 failed"
	exit 1
fi
export GIT_CEILING_DIRECTORIES="$t" HOME="$t/home"
mkdir -p "$HOME"
git config --global user.name "测试员"
git config --global user.email "test@example.invalid"

"$GONGKAI" init "$t/repo" >/dev/null
(cd "$t/repo" && "$GONGKAI" new plan 2030-jiashi-yixian >"$t/out")
check '! grep -q 编辑器检查 "$t/out"' "new plan rewrote the editor files init had just written"
for f in "$here"/layouts/schemas/*.schema.json; do
	check 'cmp -s "$f" "$t/repo/.gongkai/schemas/$(basename "$f")"' "init did not copy $(basename "$f") as shipped"
done
check '[ "$(head -n 1 "$t/repo/content/plans/2030-jiashi-yixian/tasks.yaml")" = "# yaml-language-server: \$schema=../../../.gongkai/schemas/tasks.schema.json" ]' \
	"new plan's tasks.yaml does not name its schema on its first line"
# An old copy is brought up to date by init, which says so; a current one
# is left alone.
echo '{}' >"$t/repo/.gongkai/schemas/site.schema.json"
"$GONGKAI" init "$t/repo" >"$t/out"
check 'grep -q "^已更新编辑器检查用的 1 个文件" "$t/out"' "init in a repository: $(cat "$t/out")"
check 'cmp -s "$here/layouts/schemas/site.schema.json" "$t/repo/.gongkai/schemas/site.schema.json"' "init did not bring site.schema.json up to date"
"$GONGKAI" init "$t/repo" >"$t/out"
check 'grep -q 什么也没有改动 "$t/out"' "init with current schemas changed something: $(cat "$t/out")"
# A repository made before there were schemas gets them with its next plan.
cp -r "$here/tests/check/_base" "$t/old"
(cd "$t/old" && "$GONGKAI" new plan 2030-rugao-yangxian >"$t/out")
n=$(ls "$here"/layouts/schemas | wc -l)
check 'grep -q "^已补上编辑器检查用的 $((n + 2)) 个文件" "$t/out"' "new plan in an old repository: $(cat "$t/out")"

tally() {
	local last
	last=$(tail -n 1 "$t/py")
	grep -v '^schemas: ' "$t/py"
	if [[ $last =~ ^schemas:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		pass=$((pass + BASH_REMATCH[1])); fail=$((fail + BASH_REMATCH[2]))
	else
		fail=$((fail + 1)); echo "FAIL: schemas.py $1 did not finish"; tail -n 20 "$t/py"
	fi
}
$py "$here/tests/editor/schemas.py" compare "$here" "$here"/tests/golden/*/ "$t/repo" "$t/old" >"$t/py" 2>&1; tally compare
$py "$here/tests/editor/schemas.py" sync "$here" "$here"/tests/golden/*/ "$t/repo" >"$t/py" 2>&1; tally sync
$py "$here/tests/editor/schemas.py" agree "$here/tests/check" >"$t/py" 2>&1; tally agree
echo "schemas: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
