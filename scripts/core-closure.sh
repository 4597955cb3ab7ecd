#!/usr/bin/env bash
# The core is pure by construction, not by convention: no web crate (leptos,
# web-sys, wasm-bindgen, js-sys, gloo-*) and no CLI crate (clap) may be in
# its dependency closure, on any target, with its default features.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p xgen-core -e normal --target all --prefix none --format '{p}')
bad=$(echo "$tree" | awk '{print $1}' | grep -E '^(leptos.*|web-sys|wasm-bindgen.*|js-sys|gloo-.*|clap.*)$' | sort -u || true)
if [ -n "$bad" ]; then
  echo "xgen-core's closure holds: $bad"
  echo "core closure: 0 passed, 1 failed"
  exit 1
fi
echo "xgen-core's closure: $(echo "$tree" | awk '{print $1}' | sort -u | wc -l) crates, none of them web or CLI crates"
echo "core closure: 1 passed, 0 failed"
