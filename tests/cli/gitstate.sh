#!/usr/bin/env bash
# The build cache never replays a diagnostic about a git state that has
# changed since: a HEAD that could not be read, then a HEAD with no
# commits, gives the note for the second, not the warning for the first.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
cp -r "$here/tests/check/_base" "$t/repo"
cd "$t/repo"
git init -q . && git add -A && git -c user.name=a -c user.email=a@b commit -qm init
echo "ref: refs/heads/../../config" >.git/HEAD
"$GONGKAI" build -q -o "$t/site" 2>"$t/err1"
grep -q "读取 git 历史失败" "$t/err1" || fail "no warning for an unreadable HEAD"
echo "ref: refs/heads/unborn" >.git/HEAD
"$GONGKAI" build -q -o "$t/site" 2>"$t/err2"
test ! -s "$t/err2" || { cat "$t/err2"; fail "a stale diagnostic was replayed for a HEAD with no commits"; }
echo "ref: refs/heads/master" >.git/HEAD
git symbolic-ref HEAD "refs/heads/$(git for-each-ref --format='%(refname:short)' refs/heads | head -n 1)"
"$GONGKAI" build -q -o "$t/site" 2>"$t/err3"
test ! -s "$t/err3" || { cat "$t/err3"; fail "a build from a good HEAD reported something"; }
echo "gitstate: ok"
