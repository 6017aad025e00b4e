#!/usr/bin/env bash
# Installs what the real-editor tests need: Debian's Chromium and Neovim, code-server's build deps, test/e2e's npm deps.
# Idempotent and quiet when everything is already there. Runs as root on Debian 12 with Node 20.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v nvim >/dev/null || need_apt+=(neovim) # the second LSP client (push diagnostics only)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev) # code-server's kerberos addon builds against it
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >/dev/null
fi

# Installed already and matching the lockfile: nothing to do.
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.dtype-guard-lock; then
  exit 0
fi

# @vscode/ripgrep (inside code-server) downloads rg from GitHub in its postinstall, which this
# network does not reach. It looks in a cache directory first, so put Debian's rg there under the
# archive name it expects. The version is the one code-server 4.100.3's VS Code pins.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -f "$cache/$RIPGREP_ARCHIVE" ]; then
  mkdir -p "$cache"
  staging="$(mktemp -d)"
  cp "$(command -v rg)" "$staging/rg"
  tar czf "$cache/$RIPGREP_ARCHIVE" -C "$staging" rg
  rm -rf "$staging"
fi

# code-server's postinstall refuses to run as root without unsafe-perm, and node-pty's runs
# `npx node-gyp`, which npm here would otherwise stop to ask about. Install scripts must run for
# code-server (it installs VS Code's own dependencies in its postinstall).
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_ignore_scripts=false
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
cp package-lock.json node_modules/.dtype-guard-lock
