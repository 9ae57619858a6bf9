#!/usr/bin/env bash
# Time history_read (generator/history.c) on a synthetic repository.
#
#   tests/bench/history.sh [FILES [COMMITS]]      default: 10000 files, 1000 commits
#
# Makes, in a temporary folder, two repositories with `git fast-import`:
#   flat     FILES Markdown pages in one folder, content/plans/p00000.md …,
#            as the shared bench/mkcorpus.py lays them out: the worst case,
#            every commit changes a tree of FILES entries
#   folders  FILES / 5 plan folders of five files each (plan.md, tasks.yaml,
#            schedule.yaml, indicators.yaml, progress.yaml): the documented layout
# Each has an initial import, then COMMITS - 1 commits on main touching five
# files each; every 10th has a Change-Note, every 50th also renames a file,
# every 100th is a merge of a one-commit topic branch. Then builds
# tests/bench/bench_history.c against build/libgongkai.a and runs it:
# it prints the commits and files read and the time of history_read in ms.
# Needs git (to make the repositories), cc, pkg-config and libgit2-dev.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
files=${1:-10000}
commits=${2:-1000}
export LC_ALL=C TZ=UTC

if [ ! -f "$root/build/libgongkai.a" ]; then
	make -C "$root" --no-print-directory build/libgongkai.a >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cc -std=c11 -Wall -Wextra -O2 -D_GNU_SOURCE -I"$root/generator" -o "$tmp/bench_history" \
	"$here/bench_history.c" "$root/build/libgongkai.a" \
	$(pkg-config --cflags --libs libgit2 libcmark-gfm yaml-0.1 zlib) -lpthread -lm

# A fast-import stream. Byte counts: LC_ALL=C makes length() count bytes.
stream() {
	awk -v N="$files" -v C="$commits" -v LAYOUT="$1" '
	function data(s) { printf "data %d\n%s\n", length(s), s }
	function path(i,   k) {
		if (LAYOUT == "flat")
			return sprintf("content/plans/p%05d.md", i)
		k = i % 5
		return sprintf("content/plans/%04d-plan/%s", int(i / 5), \
			k == 0 ? "plan.md" : k == 1 ? "tasks.yaml" : k == 2 ? "schedule.yaml" : \
			k == 3 ? "indicators.yaml" : "progress.yaml")
	}
	function text(i, c) {
		return sprintf("---\ntitle: 计划 %05d\n---\n\n一、总体要求。第 %d 次修改，坚持东西部协作。\n", i, c)
	}
	function touch(c,   k, j) {
		for (k = 0; k < 5; k++) {
			j = last[k] = int(rand() * N)
			printf "M 100644 inline %s\n", name[j]
			data(text(j, c))
		}
	}
	function again(c,   k) { # a merge commit gives its whole tree: the topic files too
		for (k = 0; k < 5; k++) {
			printf "M 100644 inline %s\n", name[last[k]]
			data(text(last[k], c))
		}
	}
	function who(c) {
		printf "committer 协作办 <staff@example.org> %d +0800\n", 1700000000 + c * 3600
	}
	BEGIN {
		srand(42)
		for (i = 0; i < N; i++) name[i] = path(i)
		printf "commit refs/heads/main\nmark :1\n"; who(0); data("导入计划")
		for (i = 0; i < N; i++) {
			printf "M 100644 inline %s\n", name[i]
			data(text(i, 0))
		}
		printf "\n"
		for (c = 1; c < C; c++) {
			if (c % 100 == 0) {
				printf "commit refs/heads/topic\nmark :%d\n", 100000 + c
				who(c); data(sprintf("分支上的修改 %d\n\nChange-Note: 分支第 %d 次更新目标", c, c))
				printf "from :%d\n", c
				touch(c)
				printf "\n"
				printf "commit refs/heads/main\nmark :%d\n", c + 1
				who(c); data(sprintf("Merge branch topic (%d)", c))
				printf "from :%d\nmerge :%d\n", c, 100000 + c
				again(c)
				printf "\n"
				continue
			}
			msg = sprintf("更新 %d", c)
			if (c % 10 == 0) msg = msg sprintf("\n\nChange-Note: 第 %d 次更新目标值", c)
			printf "commit refs/heads/main\nmark :%d\n", c + 1
			who(c); data(msg)
			if (c % 50 == 0) {
				j = int(rand() * N)
				old = name[j]
				name[j] = old "-renamed"
				printf "R %s %s\n", old, name[j]
			}
			touch(c)
			printf "\n"
		}
	}'
}

for layout in flat folders; do
	repo="$tmp/$layout"
	git init -q "$repo"
	git -C "$repo" symbolic-ref HEAD refs/heads/main
	start=$(date +%s)
	stream "$layout" | git -C "$repo" fast-import --quiet
	echo "== $layout: $files files, $commits commits (made in $(( $(date +%s) - start )) s)"
	"$tmp/bench_history" "$repo" HEAD content/
done
