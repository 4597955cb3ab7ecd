#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): native rendering with cargo bench (it
# also writes the synthetic projects the browser benchmark imports), the
# product page's size, then the page in headless Chromium, built with the
# `bench` feature so it also counts the effects and memos each edit re-runs
# (src/ui/reruns.rs; the counter is one atomic add, not in the product).
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
trunk build --release --offline --features bench --dist target/dist-bench
DIST=target/dist-bench node scripts/bench-browser.mjs
