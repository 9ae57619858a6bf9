#!/usr/bin/env bash
# Build the example site and check that every internal link and asset
# reference of every page resolves to a file of the site, and that every
# in-page anchor (#id) exists on its target page.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$GONGKAI" build -q -C "$here" -o "$out/site" -j 2
cd "$out/site"
bad=0
pages=$(find . -name '*.html' | sort)
for page in $pages; do
	dir=$(dirname "$page")
	# every href/src that is not absolute (http:, mailto:, /…) and not a pure fragment
	grep -oE '(href|src)="[^"]*"' "$page" | sed -E 's/^(href|src)="//; s/"$//' | sort -u | while read -r url; do
		case "$url" in
		http:*|https:*|mailto:*|tel:*|/*|'') continue ;;
		esac
		path=${url%%#*}
		frag=${url#"$path"}
		frag=${frag#\#}
		if [ -z "$path" ]; then target=$page; else target="$dir/$path"; fi
		case "$target" in */) target="${target}index.html" ;; esac
		[ -d "$target" ] && target="$target/index.html"
		if [ ! -f "$target" ]; then
			echo "$page: broken link $url"
			echo x >>"$out/bad"
			continue
		fi
		if [ -n "$frag" ] && ! grep -q "id=\"$frag\"" "$target"; then
			echo "$page: missing anchor $url"
			echo x >>"$out/bad"
		fi
	done
done
n=$(echo "$pages" | wc -l)
if [ -f "$out/bad" ]; then
	echo "$(wc -l <"$out/bad") broken links in $n pages"
	exit 1
fi
echo "links: $n pages, no broken internal links"
