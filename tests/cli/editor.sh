#!/usr/bin/env bash
# The editor underlines a mistake where `gongkai check` reports it, with the
# schema's Chinese message: the real YAML language server over LSP stdio on
# a repository made by `gongkai init` (tests/editor/lsp.mjs).
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -f "$here/tests/editor/node_modules/yaml-language-server/package.json" ] || ! command -v node >/dev/null; then
	echo "FAIL: the editor test needs Node.js and tests/editor/node_modules: make test installs both (make editor-deps)"
	echo "editor: 0 passed, 1 failed"
	exit 1
fi
exec node "$here/tests/editor/lsp.mjs"
