#!/usr/bin/env bash
# Real-editor tests: installs test/e2e's own deps (and Chromium) when missing, builds the extension,
# tokenizes the grammar, then runs the scenarios in VS Code (code-server) with the extension from
# the repository, and again with the packaged VSIX installed. Any failure exits non-zero.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bash "$here/setup.sh"
cd "$root"
npm run build --silent
npm run package --silent
vsix="$(ls -t "$root"/*.vsix | head -n 1)"

cd "$here"
node --test --test-reporter=spec grammar.test.mjs
node run-tests.js --vsix "$vsix"
