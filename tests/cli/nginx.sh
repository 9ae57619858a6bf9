#!/usr/bin/env bash
# The nginx settings in the staff guide (§13.3), run by Debian's nginx in
# front of a site that `gongkai publish --to` deployed: pages and folders,
# the site's own 404 page with status 404, no directory listing, no hidden
# files, no way out of the root, caching headers, gzip, content types.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
t=$(mktemp -d)
cleanup() { [ -f "$t/nginx.pid" ] && kill "$(cat "$t/nginx.pid")" 2>/dev/null; rm -rf "$t"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$t/error.log" ] && tail -n 5 "$t/error.log"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || fail "nginx is not installed (make test-deps installs it)"

# The site: a content repository as init makes it, published to a web root.
"$GONGKAI" init "$t/repo" >/dev/null
cd "$t/repo"
"$GONGKAI" build -q
"$GONGKAI" publish --to "$t/www" >/dev/null
mkdir "$t/www/emptydir"
echo "a,b" >"$t/www/data.csv"
echo "secret" >"$t/secret.txt"

# The guide's server block, with its own port and root.
awk '/^```nginx$/ { on = 1; next } on && /^```$/ { exit } on' "$here/docs/guide.zh.md" >"$t/guide.conf"
grep -q 'root /srv/gongkai/www;' "$t/guide.conf" || fail "no server block with the documented root in the guide"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' -e "s|root /srv/gongkai/www;|root $t/www;|" \
	"$t/guide.conf" >"$t/server.conf"
# Around it, what Debian's /etc/nginx/nginx.conf puts in http {}.
mkdir "$t/tmp"
{
	[ "$(id -u)" = 0 ] && echo "user root;"
	cat <<EOF
worker_processes 1;
pid $t/nginx.pid;
error_log $t/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path $t/tmp; proxy_temp_path $t/tmp; fastcgi_temp_path $t/tmp;
    uwsgi_temp_path $t/tmp; scgi_temp_path $t/tmp;
    include $t/server.conf;
}
EOF
} >"$t/nginx.conf"
"$NGINX" -e "$t/error.log" -p "$t" -c "$t/nginx.conf" -t >/dev/null 2>&1 || { "$NGINX" -e "$t/error.log" -p "$t" -c "$t/nginx.conf" -t; fail "nginx rejects the guide's settings"; }
"$NGINX" -e "$t/error.log" -p "$t" -c "$t/nginx.conf" || fail "nginx did not start"
u="http://127.0.0.1:$port"
for i in $(seq 50); do curl -s -o /dev/null "$u/" && break; sleep 0.1; done

# status, type and a header of one request
req() { curl -s --path-as-is -o "$t/body" -D "$t/head" "$@"; }
status() { req "$@"; awk 'NR == 1 { print $2 }' "$t/head"; }
header() { grep -i "^$1:" "$t/head" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }

[ "$(status "$u/")" = 200 ] || fail "home page"
[ "$(header Content-Type)" = "text/html; charset=utf-8" ] || fail "html type: $(header Content-Type)"
[ "$(header Cache-Control)" = "no-cache" ] || fail "pages are not revalidated: $(header Cache-Control)"
[ -n "$(header ETag)" ] && [ -n "$(header Last-Modified)" ] || fail "no validators for revalidation"
cmp -s "$t/body" "$t/www/index.html" || fail "not the published page"
[ "$(status "$u/plans/example/")" = 200 ] || fail "a plan page"
[ "$(status "$u/plans/example")" = 301 ] || fail "a folder without / is not redirected"
[ "$(header Location)" = "/plans/example/" ] || fail "redirect: $(header Location)"

# 404: the site's own page, with status 404; folders are never listed.
for p in /no/such/page /assets/ /emptydir/ /plans/ /.gongkai-site /plans/.git/config; do
	[ "$(status "$u$p")" = 404 ] || fail "$p answered $(awk 'NR == 1 { print $2 }' "$t/head")"
	cmp -s "$t/body" "$t/www/404.html" || fail "$p: not the site's 404 page"
done
# Out of the root: refused (400 from nginx itself, or 404).
for p in /../secret.txt /assets/../../secret.txt /%2e%2e/secret.txt /..%2fsecret.txt /%2e%2e%2fsecret.txt; do
	c=$(status "$u$p")
	[ "$c" = 400 ] || [ "$c" = 404 ] || fail "$p answered $c"
	grep -q secret "$t/body" && fail "$p leaked a file"
done

# Assets: cached a day; types; text is compressed.
[ "$(status "$u/assets/style.css")" = 200 ] || fail "style sheet"
[ "$(header Cache-Control)" = "public, max-age=86400" ] || fail "assets cache: $(header Cache-Control)"
[ "$(header Content-Type)" = "text/css; charset=utf-8" ] || fail "css type: $(header Content-Type)"
[ "$(header X-Content-Type-Options)" = nosniff ] || fail "no nosniff on assets"
[ "$(status "$u/data.csv")" = 200 ] && [ "$(header Content-Type)" = "text/csv; charset=utf-8" ] || fail "csv type: $(header Content-Type)"
[ "$(status "$u/changes.xml")" = 200 ] && [[ "$(header Content-Type)" == *xml* ]] || fail "feed type: $(header Content-Type)"
for p in / /assets/style.css /manifest.txt; do
	[ "$(wc -c <"$t/www${p%/}$( [ "$p" = / ] && echo /index.html)")" -gt 512 ] || fail "$p is too small to show compression"
	req -H 'Accept-Encoding: gzip' "$u$p"
	[ "$(header Content-Encoding)" = gzip ] || fail "$p is not compressed"
	[ "$(header Vary)" = Accept-Encoding ] || fail "$p: no Vary: Accept-Encoding"
	gzip -dc "$t/body" | cmp -s - "$t/www${p%/}$( [ "$p" = / ] && echo /index.html)" || fail "$p: compressed body differs"
done
echo "nginx: ok ($("$NGINX" -v 2>&1 | sed 's/.*: //'))"
