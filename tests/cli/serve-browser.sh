#!/usr/bin/env bash
# gongkai serve as a clerk sees it, in headless Chromium (serve-browser.py).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export GIT_CEILING_DIRECTORIES="$t" TMPDIR="$t"
[ -x /usr/bin/chromium ] || { echo "FAIL: chromium is not installed (make test-deps installs it)"; exit 1; }
"$GONGKAI" init "$t/repo" >/dev/null
cp "$here/layouts/assets/style.css" "$t/style.css"
/usr/bin/python3 "$here/tests/cli/serve-browser.py" "$GONGKAI" "$t/repo" /usr/bin/chromium
