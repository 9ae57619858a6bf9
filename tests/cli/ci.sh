#!/usr/bin/env bash
# The CI templates `gongkai init` writes publish a content repository on
# every push to main: read with a real YAML parser, their commands are run
# as the runners run them (a GitLab shell executor in a fresh detached
# clone; a Gitea host runner after actions/checkout) against a local bare
# "server". Each run checks, builds, continues the site branch on the
# server and replaces the web root atomically. publish --to refuses a
# folder it did not write.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t" HOME="$t/home"
mkdir -p "$HOME" "$t/bin"
git config --global user.name "测试员"
git config --global user.email "test@example.invalid"
ln -s "$GONGKAI" "$t/bin/gongkai"
export PATH="$t/bin:$PATH"
PY=/usr/bin/python3

"$GONGKAI" init "$t/repo" >/dev/null
git clone -q --bare "$t/repo" "$t/server.git"
git -C "$t/repo" remote add origin "$t/server.git"

# The jobs, read with PyYAML: when they run, and their shell commands.
$PY - "$t/repo/.gitlab-ci.yml" "$t/repo/.gitea/workflows/publish.yaml" "$t" <<'PY'
import sys, yaml
gl = yaml.safe_load(open(sys.argv[1]))
job = gl["publish"]
assert job["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}], job["rules"]
assert job["variables"]["GIT_DEPTH"] == "0", "GitLab must fetch the whole history"
assert job["tags"] == ["gongkai"]
open(sys.argv[3] + "/gitlab.sh", "w").write("\n".join(job["script"]) + "\n")
# yaml reads the bare key "on" as True.
gt = yaml.safe_load(open(sys.argv[2]))
on = gt.get("on", gt.get(True))
assert on == {"push": {"branches": ["main"]}}, on
steps = gt["jobs"]["publish"]["steps"]
assert steps[0]["uses"].startswith("actions/checkout@"), steps[0]
assert steps[0]["with"]["fetch-depth"] == 0, "Gitea must fetch the whole history"
env = gt["jobs"]["publish"].get("env", {})
assert env.get("GONGKAI_WEBROOT") == "${{ vars.GONGKAI_WEBROOT }}", env
open(sys.argv[3] + "/gitea.sh", "w").write("\n".join(s["run"] for s in steps[1:]) + "\n")
PY
grep -q '^gongkai check$' "$t/gitlab.sh" && grep -q '^gongkai check$' "$t/gitea.sh" || fail "the CI does not run check"

# Runs a job's commands in a fresh clone of the server, as a runner would.
# $1: gitlab or gitea.
run_job() {
	local dir="$t/ci-$1-$RANDOM"
	git clone -q "$t/server.git" "$dir"
	if [ "$1" = gitlab ]; then
		# The runner checks out the pushed commit, detached.
		git -C "$dir" checkout -q --detach main
		(cd "$dir" && GONGKAI_WEBROOT="$t/www" GONGKAI_PUSH_URL="$t/server.git" bash -eo pipefail "$t/gitlab.sh") >"$t/log" 2>&1 ||
			{ cat "$t/log"; fail "the GitLab job failed"; }
	else
		(cd "$dir" && GONGKAI_WEBROOT="$t/www" bash -eo pipefail "$t/gitea.sh") >"$t/log" 2>&1 ||
			{ cat "$t/log"; fail "the Gitea job failed"; }
	fi
}

push_change() {
	sed -i "s/^note: .*/note: \"$1\"/" "$t/repo/content/plans/example/plan.md"
	git -C "$t/repo" commit -qam "$1" -m "Change-Note: $1"
	git -C "$t/repo" push -q origin main
}

git -C "$t/repo" push -q origin main
run_job gitlab
[ -f "$t/www/index.html" ] && [ -f "$t/www/.gongkai-site" ] || fail "nothing deployed to the web root"
git -C "$t/server.git" rev-parse -q --verify refs/heads/site >/dev/null || fail "the site branch was not pushed to the server"
first=$(git -C "$t/server.git" rev-parse site)
src=$(git -C "$t/server.git" rev-parse main)
git -C "$t/server.git" log -1 --format=%B site | grep -q "^Source-Commit: $src$" || fail "site commit does not name its source"
# What is deployed is what was published.
git -C "$t/server.git" archive site | tar -x -C "$t" --one-top-level=published
diff -r "$t/published" "$t/www" >/dev/null || fail "the web root differs from the site branch"

push_change "第二次发布"
run_job gitlab
grep -q '第二次发布' "$t/www/plans/example/index.html" || fail "the web root was not updated"
[ "$(git -C "$t/server.git" rev-parse site^)" = "$first" ] || fail "the site branch did not continue (no fast-forward)"

push_change "第三次发布"
run_job gitea
grep -q '第三次发布' "$t/www/plans/example/index.html" || fail "the Gitea job did not deploy"
[ "$(git -C "$t/server.git" rev-list --count site)" = 3 ] || fail "the Gitea job did not continue the site branch"

# Nothing new: no new commit on the branch.
run_job gitlab
grep -q '没有变化' "$t/log" || fail "an unchanged site was published again"
[ "$(git -C "$t/server.git" rev-list --count site)" = 3 ] || fail "an unchanged site made a commit"

# publish --to never replaces a folder it did not write.
mkdir -p "$t/other" && echo "别人的网站" >"$t/other/index.html"
cd "$t/repo" && "$GONGKAI" build -q
if "$GONGKAI" publish --to "$t/other" >/dev/null 2>"$t/err"; then fail "replaced a folder gongkai did not write"; fi
grep -q '不是 gongkai 生成的网站' "$t/err" || fail "no reason given: $(cat "$t/err")"
grep -q '别人的网站' "$t/other/index.html" || fail "the other folder changed"
ls "$t" | grep -q 'other\.tmp-' && fail "a temporary folder was left behind"
echo "ci: ok"
