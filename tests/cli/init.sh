#!/usr/bin/env bash
# `gongkai init` makes a content repository from nothing: the files, a git
# repository on main with one commit holding exactly them, a pre-commit
# hook that stops a commit with errors; check and build accept it as it is.
set -eu
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export GIT_CEILING_DIRECTORIES="$t" HOME="$t/home"
mkdir -p "$HOME"
git config --global user.name "测试员"
git config --global user.email "test@example.invalid"
year=$(date +%Y)

cd "$t"
"$GONGKAI" init wangzhan >"$t/out" || fail "init failed"
grep -q '^已建立 git 仓库（分支 main）并提交：[0-9a-f]\{7\} 用 gongkai init 建立内容仓库$' "$t/out" || fail "no commit reported: $(cat "$t/out")"
grep -q '^  cd wangzhan$' "$t/out" || fail "next steps do not say cd"
cd wangzhan
[ "$(git symbolic-ref HEAD)" = refs/heads/main ] || fail "not on main"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "not one commit"
[ "$(git log -1 --format='%an <%ae>')" = "测试员 <test@example.invalid>" ] || fail "commit not by the configured user"
[ -z "$(git status --porcelain)" ] || fail "files left out of the first commit: $(git status --porcelain)"
cat >"$t/want" <<'WANT'
.editorconfig
.gitea/workflows/publish.yaml
.gitignore
.gitlab-ci.yml
.gongkai/schemas/common.schema.json
.gongkai/schemas/indicators.schema.json
.gongkai/schemas/page.schema.json
.gongkai/schemas/plan.schema.json
.gongkai/schemas/progress.schema.json
.gongkai/schemas/regions.schema.json
.gongkai/schemas/schedule.schema.json
.gongkai/schemas/site.schema.json
.gongkai/schemas/tasks.schema.json
.gongkai/schemas/units.schema.json
.vscode/extensions.json
.vscode/settings.json
README.md
content/plans/example/indicators.yaml
content/plans/example/plan.md
content/plans/example/progress.yaml
content/plans/example/schedule.yaml
content/plans/example/tasks.yaml
content/regions.yaml
content/site.yaml
content/units/jiashi.yaml
content/units/yixian.yaml
WANT
git ls-files | diff -u "$t/want" - || fail "unexpected files committed"
grep -q "^year: $year$" content/plans/example/plan.md || fail "example plan not for this year"
grep -rn '{{[^ ]' . --exclude-dir=.git && fail "template tags left in the files"

# check and build accept it as it is: no error, no warning.
"$GONGKAI" check >"$t/out" 2>&1 || fail "check failed: $(cat "$t/out")"
[ "$(cat "$t/out")" = "检查完毕：0 个错误，0 个警告" ] || fail "check: $(cat "$t/out")"
"$GONGKAI" build >"$t/out" 2>&1 || fail "build failed"
grep -q '^已生成 [0-9]* 个页面，写入 site/（0 个警告）$' "$t/out" || fail "build: $(cat "$t/out")"
grep -q '甲市—乙县东西部协作'"$year"'年度工作计划（示例）' site/plans/example/index.html || fail "example plan not built"
grep -q '示例数据' site/plans/example/index.html || fail "example progress not labelled as sample"
[ -z "$(git status --porcelain)" ] || fail "site/ is not ignored: $(git status --porcelain)"

# Every field of the example plan is explained: each key has a "##" line
# (or a trailing word of explanation) right above it.
for f in content/plans/example/*.yaml content/site.yaml content/regions.yaml content/units/jiashi.yaml; do
	awk -v f="$f" '
		/^[[:space:]]*##/ { explained = 1; next }
		/^[[:space:]]*#/ { next }
		# The keys inside by_region are column keys, not fields.
		{ ind = match($0, /[^ ]/) }
		inmap && ind > inmap { next }
		{ inmap = 0 }
		/^[[:space:]]*by_region:/ { inmap = ind }
		/^[[:space:]]*(- )?[a-z_]+:/ {
			key = $0; sub(/^[[:space:]]*(- )?/, "", key); sub(/:.*/, "", key)
			if (!explained && !(key in seen)) { print f ": " key " is not explained"; bad = 1 }
			seen[key] = 1
		}
		{ explained = 0 }
		END { exit bad }' "$f" || fail "unexplained fields"
done

# The hook: a commit with an error is refused with the diagnostic; fixed,
# it goes through.
[ -x .git/hooks/pre-commit ] || fail "no executable pre-commit hook"
cp content/plans/example/tasks.yaml "$t/tasks"
printf 'tasks:\n  - id: "1"\n    text: 引导: 企业\n' >content/plans/example/tasks.yaml
git add content
if git commit -qm "坏的提交" 2>"$t/err"; then fail "a commit with an error went through"; fi
grep -q 'content/plans/example/tasks.yaml:3:[0-9]*: error:' "$t/err" || fail "the hook did not say why: $(cat "$t/err")"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "the refused commit was made"
cp "$t/tasks" content/plans/example/tasks.yaml
sed -i 's/已签约产业项目1个。/已签约产业项目2个。/' content/plans/example/progress.yaml
git add content
git commit -qm "更新进展" -m "Change-Note: 更新进展" || fail "a good commit was refused"
# Found by its absolute path when gongkai is not on PATH (a GUI client).
PATH=/usr/bin:/bin git commit -q --allow-empty -m "空提交" || fail "the hook needs gongkai on PATH"

# Again in the same folder: only the hook, nothing else changes.
rm .git/hooks/pre-commit
before=$(git status --porcelain; git rev-parse HEAD)
"$GONGKAI" init >"$t/out" || fail "init in a content repository failed"
grep -q '只安装了提交前检查' "$t/out" || fail "init again: $(cat "$t/out")"
[ -x .git/hooks/pre-commit ] || fail "hook not reinstalled"
[ "$before" = "$(git status --porcelain; git rev-parse HEAD)" ] || fail "init again changed the repository"
"$GONGKAI" init >"$t/out" && grep -q '什么也没有改动' "$t/out" || fail "a third init"

# A colleague's clone gets the hook with init.
git clone -q "$t/wangzhan" "$t/clone"
(cd "$t/clone" && "$GONGKAI" init >/dev/null) && [ -x "$t/clone/.git/hooks/pre-commit" ] || fail "no hook in a clone"

# A folder that is already a git repository (made on a server, cloned):
# the files are written, its own README kept, nothing committed.
git init -q -b main "$t/server"
echo "# 服务器上建的说明" >"$t/server/README.md"
git -C "$t/server" add README.md && git -C "$t/server" commit -qm "Initial commit"
"$GONGKAI" init "$t/server" >"$t/out" || fail "init in a git repository failed"
grep -q '没有自动提交' "$t/out" || fail "init in a git repository: $(cat "$t/out")"
grep -q '服务器上建的说明' "$t/server/README.md" || fail "overwrote the README"
[ "$(git -C "$t/server" rev-list --count HEAD)" = 1 ] || fail "committed in an existing repository"
(cd "$t/server" && "$GONGKAI" check >/dev/null 2>&1) || fail "check fails after init in a git repository"

# Other files in the folder are left alone, and out of the first commit.
mkdir -p "$t/partial"
mkdir -p "$t/partial/keep" && echo "别动" >"$t/partial/keep/note.txt"
"$GONGKAI" init "$t/partial" >/dev/null || fail "init beside other files failed"
grep -q 别动 "$t/partial/keep/note.txt" || fail "touched another file"
git -C "$t/partial" ls-files | grep -q keep && fail "committed a file init did not write"
# A folder with content/ that is not a repository: said, nothing written.
mkdir -p "$t/loose/content"
if "$GONGKAI" init "$t/loose" >/dev/null 2>"$t/err"; then fail "init in a loose content folder"; fi
grep -q '不是 git 仓库的根目录' "$t/err" || fail "loose content folder: $(cat "$t/err")"
[ -z "$(ls -A "$t/loose/content")" ] || fail "wrote into a loose content folder"
# No git identity: the first commit is still made, and init says how to set one.
rm "$HOME/.gitconfig"
"$GONGKAI" init "$t/anon" >"$t/out" || fail "init without a git identity failed"
grep -q 'git config --global user.name' "$t/out" || fail "no advice on the git identity"
echo "init: ok"
