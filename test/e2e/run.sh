#!/usr/bin/env bash
# Real-editor tests: installs test/e2e's own deps (and Chromium, Neovim) when missing, builds and
# packages the extension, tokenizes the grammar, drives the server from headless Neovim, then runs the
# scenarios in VS Code (code-server) with the extension from the repository, and again with the
# packaged VSIX installed. Any failure exits non-zero.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bash "$here/setup.sh"
cd "$root"
npm run package --silent >/dev/null # builds first; the VSIX contents are checked by test/package
vsix="$root/dtype-guard.vsix"

cd "$here"
node --test --test-reporter=spec grammar.test.mjs grammar-theme.test.mjs neovim.test.mjs
node run-tests.js --vsix "$vsix"
