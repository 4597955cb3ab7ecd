#!/usr/bin/env bash
# Serves the studio on http://127.0.0.1:8080/ (it opens on the built-in
# example). Installs what is missing first. Extra arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
echo "==> building and serving XGEN Config Studio on http://127.0.0.1:8080/ (Ctrl+C stops)"
# No live-reload script: the page's Content-Security-Policy allows no inline
# script it did not hash at build time (see scripts/csp.mjs).
exec trunk serve --release --offline --no-autoreload "$@"
