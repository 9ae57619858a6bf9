#!/usr/bin/env bash
# The staff guide works as written: its shell commands, file edits and
# shown outputs (tests/cli/guide.py says how they are marked) run in order
# in an empty folder with a fresh HOME, from installing gongkai out of this
# repository (make install into a PREFIX of its own) to a committed plan
# and a built site. Blocks that need root, a server or a real remote say so
# and are skipped; serve and the CI are tested in serve.sh and ci.sh.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A clean shell: no make of ours around, no gongkai but the one installed.
unset MAKEFLAGS MFLAGS MAKELEVEL GONGKAI GONGKAI_LAYOUTS
export HOME="$t/home" PREFIX="$t/prefix" T="$t/tmp" GIT_CEILING_DIRECTORIES="$t"
export PATH="$PREFIX/bin:$(echo "$PATH" | tr ':' '\n' | grep -v "^$here" | paste -sd:)"
mkdir -p "$HOME" "$T" "$t/work"
command -v gongkai >/dev/null && [ "$(command -v gongkai)" != "$PREFIX/bin/gongkai" ] &&
	PATH="$PREFIX/bin:$(echo "$PATH" | tr ':' '\n' | grep -vx "$(dirname "$(command -v gongkai)")" | paste -sd:)"

# "git clone …/gongkai.git" gives this repository: its files as they are
# now (tracked and new, not the build output).
mkdir "$t/work/gongkai"
(cd "$here" && git ls-files -co --exclude-standard | while IFS= read -r f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	xargs -0 tar -cf -) | tar -xf - -C "$t/work/gongkai"

/usr/bin/python3 "$here/tests/cli/guide.py" "$here/docs/guide.zh.md" >"$t/steps.sh"
cd "$t/work"
bash "$t/steps.sh" >"$t/log" 2>&1 || { tail -n 40 "$t/log"; exit 1; }

# Where the guide leaves the clerk: gongkai and its man page installed, a
# content repository with the plan committed and built.
[ "$(command -v gongkai)" = "$PREFIX/bin/gongkai" ] || fail "gongkai not installed in PREFIX"
[ "$(man -w gongkai 2>/dev/null)" = "$PREFIX/share/man/man1/gongkai.1" ] || fail "man gongkai does not find the installed page"
gongkai help | grep -qx "录入人员指南（中文）：$PREFIX/share/doc/gongkai/guide.zh.md" || fail "help does not point at the installed guide"
[ -f "$PREFIX/share/doc/gongkai/guide.zh.md" ] || fail "the guide is not installed"
cd "$t/work/wangzhan" || fail "no content repository"
[ "$(git rev-list --count HEAD)" = 2 ] || fail "expected the init commit and the plan"
git log -1 --format=%B | grep -q '^Change-Note: ' || fail "the plan's commit has no Change-Note"
grep -q '如皋市-洋县对口协作2023年度工作计划' site/plans/2023-rugao-yangxian/index.html || fail "the plan was not built"
[ -z "$(git status --porcelain)" ] || fail "the guide leaves uncommitted changes: $(git status --porcelain)"
tail -n 1 "$t/log"
