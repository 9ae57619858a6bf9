#!/usr/bin/env bash
# The starter files of `gongkai init` and `gongkai new plan` have no traps
# (scaffold.h): every commented line can be uncommented as it stands.
#
#   "## …" explanations: uncommented, still a comment: nothing changes.
#   "# key: …" alone: an optional field, valid and empty: nothing changes.
#   a block of "# …" lines (a list's first item): uncommented line by line
#     from the top, the only new diagnostics ask for a value to be filled
#     in; any single line of it uncommented alone is no YAML syntax error.
#
# "Uncomment" is what an editor's toggle does: drop the first "#" and one
# space after it.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"

"$GONGKAI" init "$t/repo" >/dev/null
cd "$t/repo"
"$GONGKAI" new plan 2030-jiashi-yixian >/dev/null
# The new plan's required fields are empty, as made: fill them so that the
# diagnostics below are the uncommenting's own.
p=content/plans/2030-jiashi-yixian/plan.md
sed -i 's/^title: ""/title: "测试计划"/; s/^region: ""/region: jiashi/; s/^regions: \[\]/regions: [jiashi]/' "$p"

check() { "$GONGKAI" check >"$1" 2>&1 || true; }
check "$t/base"
cat >"$t/want" <<'WANT'
content/plans/2030-jiashi-yixian/plan.md:41:1: warning: 这里还是模板文字：“【待填写】在这里照原文录入计划正文，录完删掉这一……”; 照原文改写这一处，改好后删掉“【待填写】”和说明文字
检查完毕：0 个错误，1 个警告
WANT
diff -u "$t/want" "$t/base" || fail "the starter files do not check as expected"

uncomment() { sed -i "$2s/#[ ]\{0,1\}//" "$1"; }
# Diagnostics that are not in the baseline.
new_diags() { grep -vxF -f "$t/base" "$1" | grep -v '^检查完毕' || true; }

files=$(find content -name '*.yaml' -o -name '*.md' | sort)
lines=0 blocks=0
# The end of the YAML in a file: Markdown headings in a body are not comments.
yaml_end() { case "$1" in *.md) grep -n '^---$' "$1" | sed -n 2p | cut -d: -f1 ;; *) wc -l <"$1" ;; esac; }
for f in $files; do
	cp "$f" "$t/orig"
	end=$(yaml_end "$f")
	# Every explanation at once: still comments.
	lines=$((lines + $(head -n "$end" "$f" | grep -c '^[[:space:]]*##' || true)))
	sed -i "1,${end}s/^\([[:space:]]*\)#[ ]\{0,1\}#/\1#/" "$f"
	check "$t/out"
	d=$(new_diags "$t/out")
	[ -z "$d" ] || fail "$f: explanations uncommented change the check"$'\n'"$d"
	cp "$t/orig" "$f"
	# Each other commented line alone; "alone" if no such line is next to it.
	# (The first line that names the file's schema for the editor is not an
	# optional field: it is not to be uncommented.)
	awk -v end="$end" 'NR <= end { c[NR] = ($0 ~ /^[[:space:]]*#([^#]|$)/ && $0 !~ /^# yaml-language-server:/) }
		END { for (i = 1; i <= end; i++) if (c[i]) print i, (c[i-1] || c[i+1]) ? 0 : 1 }' "$f" >"$t/lines"
	while read -r l alone; do
		lines=$((lines + 1))
		text=$(sed -n "${l}p" "$f")
		uncomment "$f" "$l"
		check "$t/out"
		cp "$t/orig" "$f"
		grep -q '（YAML:' "$t/out" && fail "$f:$l uncommented gives a syntax error: $text"$'\n'"$(cat "$t/out")"
		if [ "$alone" = 1 ]; then
			d=$(new_diags "$t/out")
			[ -z "$d" ] || fail "$f:$l uncommented changes the check: $text"$'\n'"$d"
		fi
	done <"$t/lines"
	# Blocks of "# " lines, uncommented one more line at a time.
	awk '$2 == 0 { print $1 }' "$t/lines" >"$t/inblock"
	prev=-1 start=0
	for l in $(cat "$t/inblock") end; do
		if [ "$l" != end ] && [ "$l" = $((prev + 1)) ]; then prev=$l; continue; fi
		if [ "$start" != 0 ]; then
			blocks=$((blocks + 1))
			for k in $(seq "$start" "$prev"); do
				uncomment "$f" "$k"
				check "$t/out"
				d=$(new_diags "$t/out" | grep -v -e '不能为空' -e '缺少必填字段' -e '至少要写一项' -e '缺少部门' || true)
				[ -z "$d" ] || fail "$f:$start-$k uncommented in order: $(sed -n "${k}p" "$t/orig")"$'\n'"$d"
			done
			cp "$t/orig" "$f"
		fi
		start=$l prev=$l
	done
done
[ "$lines" -gt 100 ] && [ "$blocks" -ge 3 ] || fail "too few commented lines found ($lines lines, $blocks blocks)"

# Adding the first item is obvious: uncommented and filled, the new plan's
# list templates give a plan that checks clean.
d=content/plans/2030-jiashi-yixian
sed -i 's/^\(  *\)# /\1/' "$d/tasks.yaml" "$d/schedule.yaml" "$d/indicators.yaml"
sed -i 's/^    text: ""/    text: "引导企业投资。"/' "$d/tasks.yaml"
sed -i 's/^    unit: ""/    unit: "发改委"/' "$d/schedule.yaml"
sed -i 's/^  - id: ""/  - id: jobs/; s/^    name: ""/    name: "就业人数"/; s/^    unit: ""/    unit: "人"/; s/^    target: ""/    target: 300/' "$d/indicators.yaml"
sed -i 's/^【待填写】.*/## 一、指导思想/' "$p"
check "$t/out"
[ "$(cat "$t/out")" = "检查完毕：0 个错误，0 个警告" ] || fail "filled-in first items do not check clean: $(cat "$t/out")"
echo "scaffold: ok ($lines commented lines, $blocks blocks)"
