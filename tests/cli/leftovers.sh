#!/usr/bin/env bash
# Builds killed at random points (SIGKILL) leave the old site or the new
# one, complete, every time; and the next build removes what they left
# beside it (site.tmp-*, site.old-*). A leftover still held by a running
# build, and a folder that merely looks like one, are kept.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
RANDOM=7 # the same kill points each run (the machine's speed still varies them)

# Two versions of the example site; their outputs differ.
rm -rf "$t/a" && mkdir -p "$t/a" && cp -r "$here/content" "$t/a/"
cp -r "$t/a" "$t/b"
printf 'title: 另一个标题\n' >"$t/b/content/site.yaml"
"$GONGKAI" build -q -C "$t/a" -o "$t/ref-a" || fail "build a"
"$GONGKAI" build -q -C "$t/b" -o "$t/ref-b" || fail "build b"
diff -rq "$t/ref-a" "$t/ref-b" >/dev/null && fail "the two versions build alike"

out="$t/site"
"$GONGKAI" build -q -C "$t/a" -o "$out" || fail "first build"
start=$(date +%s%N)
"$GONGKAI" build -q -C "$t/b" -o "$out" || fail "second build"
ms=$(( ($(date +%s%N) - start) / 1000000 + 20 ))

leftovers() { find "$t" -maxdepth 1 \( -name 'site.tmp-*' -o -name 'site.old-*' \) | wc -l; }
killed=0
for i in $(seq 1 30); do
	src=$([ $((i % 2)) = 0 ] && echo a || echo b)
	delay=$(( RANDOM % ms ))
	cache=$([ $(((i / 2) % 2)) = 0 ] && echo off || echo on)
	GONGKAI_CACHE=$cache "$GONGKAI" build -q -C "$t/$src" -o "$out" 2>/dev/null &
	pid=$!
	sleep "$(printf '0.%03d' "$delay")"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	[ -d "$out" ] || fail "no site after a build killed at ${delay} ms"
	if ! diff -rq "$out" "$t/ref-a" >/dev/null && ! diff -rq "$out" "$t/ref-b" >/dev/null; then
		fail "after a build killed at ${delay} ms the site is neither the old nor the new one"
	fi
	[ "$(leftovers)" -le 2 ] || fail "leftovers pile up: $(leftovers) after $i kills"
done
[ "$killed" -ge 10 ] || fail "only $killed of 30 builds were killed before they ended"

# Something that looks like a leftover but has no marker is not ours.
mkdir "$t/site.tmp-keepme" && echo mine >"$t/site.tmp-keepme/file"
# A leftover whose marker is locked by a live build is not touched.
mkdir "$t/site.tmp-inuse1" && echo gongkai >"$t/site.tmp-inuse1/.gongkai-site"
exec 9<"$t/site.tmp-inuse1/.gongkai-site"
flock -x 9
# A build killed between making its folder and its marker left it empty.
mkdir "$t/site.tmp-Empty1"
GONGKAI_CACHE=off "$GONGKAI" build -q -C "$t/a" -o "$out" || fail "the build after the kills"
[ -d "$t/site.tmp-Empty1" ] && fail "an empty leftover folder was kept"
diff -rq "$out" "$t/ref-a" >/dev/null || fail "the build after the kills differs"
[ -d "$t/site.tmp-keepme" ] || fail "removed a folder without the marker"
[ -d "$t/site.tmp-inuse1" ] || fail "removed the folder of a running build"
exec 9<&-
rm -rf "$t/site.tmp-keepme" "$t/site.tmp-inuse1"
[ "$(leftovers)" = 0 ] || fail "left behind: $(find "$t" -maxdepth 1 -name 'site.*-*')"

# An old site set aside (no atomic exchange) with no site in its place is
# put back.
mv "$out" "$t/site.old-AbC123"
GONGKAI_CACHE=off "$GONGKAI" build -q -C "$t/b" -o "$out" || fail "build with an old site aside"
diff -rq "$out" "$t/ref-b" >/dev/null || fail "wrong site after restoring"
[ "$(leftovers)" = 0 ] || fail "the old site was left aside"
# A build that finds nothing changed (the cache) writes nothing, but still
# removes leftovers.
"$GONGKAI" build -q -C "$t/b" -o "$out" || fail "cached build"
mkdir "$t/site.tmp-Stale9" && echo gongkai >"$t/site.tmp-Stale9/.gongkai-site"
"$GONGKAI" build -q -C "$t/b" -o "$out" || fail "cached build, nothing changed"
[ "$(leftovers)" = 0 ] || fail "a build with nothing to do left: $(find "$t" -maxdepth 1 -name 'site.*-*')"
echo "leftovers: $killed builds killed at random points, the site always whole, nothing left behind"
