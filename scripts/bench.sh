#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): native rendering with cargo bench, then
# the release page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
cargo bench -p xgen-core --bench render
cargo bench -p xgen-core --bench matcher
trunk build --release --offline
for f in dist/*.wasm dist/*.js; do
  printf '%s: %s bytes, %s gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
node scripts/bench-browser.mjs
