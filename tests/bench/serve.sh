#!/usr/bin/env bash
# make bench-serve (and the end of make bench): save-to-reload time of
# `gongkai serve`, medians of SERVE_RUNS saves (21):
#   - on the example site (a clone of this repository, with its history),
#     over HTTP (serve.py) and in headless Chromium when it is installed
#     (browser.py): the target is under 300 ms;
#   - side by side with `hugo server`, saves interleaved, on the shared
#     synthetic corpus at SERVE_PAGES pages (500).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GONGKAI:=$root/generator/gongkai}"
: "${SHARED:=$root/../shared}"
runs=${SERVE_RUNS:-21}
pages=${SERVE_PAGES:-500}
export LC_ALL=C.UTF-8 TZ=UTC
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

git clone -q "$root" "$t/example"
echo "save → reload, example site ($(git -C "$t/example" rev-list --count HEAD) commits):"
/usr/bin/python3 "$here/serve.py" gongkai "$GONGKAI" "$t/example" \
	content/plans/2023-rugao-yangxian/plan.md /plans/2023-rugao-yangxian/ "$runs"
if [ -x /usr/bin/chromium ]; then
	/usr/bin/python3 "$here/browser.py" "$GONGKAI" "$t/example" \
		content/plans/2023-rugao-yangxian/plan.md /plans/2023-rugao-yangxian/ "$runs" /usr/bin/chromium
else
	echo "(chromium is not installed: no browser run)"
fi

if command -v hugo >/dev/null; then
	/usr/bin/python3 "$SHARED/bench/mkcorpus.py" "$SHARED/seeds" "$t/hugo" "$pages" 5
	cp -r "$SHARED/bench/hugo-site/." "$t/hugo/"
	/usr/bin/python3 "$here/mkcorpus.py" "$SHARED/seeds" "$t/gk" "$pages" 5
	echo "save → reload, $pages pages, side by side with hugo server ($(hugo version | awk '{print $2}')):"
	/usr/bin/python3 "$here/serve.py" pair "$GONGKAI" "$t/gk" content/plans/p00001/plan.md /plans/p00001/ \
		"$t/hugo" content/plans/p00001.md /plans/p00001/ "$runs"
else
	echo "(hugo is not installed: no side-by-side run)"
fi
