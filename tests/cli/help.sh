#!/usr/bin/env bash
# Help and version as users expect of a command-line tool: `help CMD` and
# `CMD --help` print that command's usage; an unknown command or option is
# an error with a suggestion and exit status 2; `version` and `--version`
# name the libraries; the man page documents every command and option that
# `help` lists, and renders without a warning.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
man=$here/docs/gongkai.1

"$GONGKAI" help >"$t/help" || fail "help exits non-zero"
"$GONGKAI" --help >"$t/help2" && cmp -s "$t/help" "$t/help2" || fail "--help differs from help"
cmds=$(sed -n '/^命令：$/,/^$/p' "$t/help" | awk 'NF { print $1 }' | grep -v '^命令')
[ "$(echo $cmds)" = "init check build serve new publish help version" ] || fail "commands listed: $(echo $cmds)"
grep -q '^录入人员指南（中文）：/.*guide.zh.md$' "$t/help" || fail "help does not say where the guide is"

# The man page names every command (in SYNOPSIS and COMMANDS) and every
# option each command's help lists.
MANWIDTH=80 man -l "$man" >"$t/man" 2>"$t/manerr" || fail "man -l failed"
[ -s "$t/manerr" ] && fail "man -l: $(cat "$t/manerr")"
w=$(groff -man -ww -z -Tutf8 "$man" 2>&1) && [ -z "$w" ] || fail "groff warnings: $w"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
	grep -q "^$s\$" "$t/man" || fail "man page lacks $s"
done
nopts=0
for c in $cmds; do
	"$GONGKAI" help "$c" >"$t/h1" || fail "help $c exits non-zero"
	"$GONGKAI" "$c" --help >"$t/h2" || fail "$c --help exits non-zero"
	cmp -s "$t/h1" "$t/h2" || fail "help $c and $c --help differ"
	head -n 1 "$t/h1" | grep -q "^用法：gongkai $c" || fail "help $c does not start with its usage"
	grep -q '^退出状态：' "$t/h1" || fail "help $c lacks the exit status"
	cmp -s "$t/h1" "$t/help" && fail "help $c is the general help"
	grep -q "^       gongkai $c" "$t/man" || fail "man SYNOPSIS lacks $c"
	sed -n '/^COMMANDS$/,/^OPTIONS$/p' "$t/man" | grep -q "^       $c\\b" || fail "man COMMANDS lacks $c"
	for o in $(sed -n '/^选项：$/,/^$/p' "$t/h1" | grep -o -- '--[a-z]*'); do
		nopts=$((nopts + 1))
		sed -n '/^OPTIONS$/,/^FILES$/p' "$t/man" | grep -q -- "$o" || fail "man OPTIONS lacks $o (of $c)"
		sed -n '/^SYNOPSIS$/,/^DESCRIPTION$/p' "$t/man" | grep "gongkai $c" | grep -q -- "$(sed -n "s/^  \(-[a-zA-Z]\), $o .*/\1/p; s/^      \($o\) .*/\1/p" "$t/h1" | head -n 1)" ||
			[ "$o" = --help ] || fail "man SYNOPSIS of $c lacks $o"
	done
done
[ "$nopts" -ge 20 ] || fail "only $nopts options found in the help texts"

# Mistakes: exit 2, one line saying what is wrong, the closest name.
expect2() {
	local want=$1; shift
	if "$GONGKAI" "$@" >"$t/out" 2>"$t/err"; then fail "'$*' succeeded"; else st=$?; fi
	[ "$st" = 2 ] || fail "'$*' exit status $st"
	[ -s "$t/out" ] && fail "'$*' wrote to stdout"
	head -n 1 "$t/err" | grep -qF -- "$want" || fail "'$*' said: $(head -n 1 "$t/err")"
}
expect2 '未知命令 "buidl"; 是不是想写 "build"？' buidl
expect2 '未知命令 "sevre"; 是不是想写 "serve"？' sevre
expect2 '未知命令 "publsh"; 是不是想写 "publish"？' publsh -C .
expect2 '未知选项 "--prot"; 是不是想写 "--port"？' serve --prot 8000
expect2 '未知选项 "--verison"; 是不是想写 "--version"？' --verison
expect2 '未知选项 "--qiuet"; 是不是想写 "--quiet"？' check --qiuet
expect2 'build 没有选项 "--branch"' build --branch site
expect2 'check 没有选项 "--port"' check -p 8000
expect2 '未知命令 "bulid"; 是不是想写 "build"？' help bulid
expect2 '不能新建 "plna"' new plna x
expect2 '缺少参数' new plan
expect2 '多余的参数 "extra"' build extra
expect2 '-j 要跟 1 到 256 之间的整数' build -j 0
expect2 '端口要写 0 到 65535 之间的整数' serve -p 70000
expect2 '--dir 后面要跟一个值' --dir
expect2 '缺少命令'
"$GONGKAI" --port=1 serve --help >/dev/null || fail "--opt=value before the command"

# Version: ours and the libraries', the same both ways.
"$GONGKAI" version >"$t/v1" && "$GONGKAI" --version >"$t/v2" && cmp -s "$t/v1" "$t/v2" || fail "version and --version differ"
grep -qx 'gongkai [0-9][0-9.]*' "$t/v1" || fail "no gongkai version"
for lib in "cmark-gfm libcmark-gfm" "libyaml yaml-0.1" "libgit2 libgit2" "libmicrohttpd libmicrohttpd"; do
	set -- $lib
	v=$(pkg-config --modversion "$2")
	grep -qx "$1 $v" "$t/v1" || fail "version does not say $1 $v: $(cat "$t/v1")"
done

# An empty folder points at init and the guide, never at an English file.
mkdir "$t/empty" "$t/empty2" "$t/empty2/content"
for d in empty empty2; do
	(cd "$t/$d" && "$GONGKAI" check >"$t/out" 2>&1) && fail "check passed in $d"
	grep -q 'gongkai init' "$t/out" || fail "$d: no hint to run gongkai init"
	grep -q '\.md\b' "$t/out" && grep -v 'guide' "$t/out" | grep -q '\.md' && fail "$d: points at an English file: $(cat "$t/out")"
	grep -q 'format\.md' "$t/out" && fail "$d: points at format.md"
done
echo "help: ok ($nopts options checked against the man page)"
