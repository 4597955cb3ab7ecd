#!/usr/bin/env bash
# Runs every test: formatting and lints (native and wasm32), the native tests of
# the core and CLI, the release build of the page, and the browser tests in
# headless Chromium. Installs what is missing first. Ends with one line
# "total: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
# Every temporary folder of the run (the tests', Chromium's profiles, the
# logs below) goes here and leaves with the run, passed or failed: the
# tests name theirs by process id, and runs left hundreds behind in /tmp.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
logs="$scratch/logs"
mkdir "$logs"
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check
step "clippy (native)"
cargo clippy --workspace --all-targets --all-features --quiet -- -D warnings
step "clippy (wasm32: the page, its worker, the core)"
cargo clippy -p xgen-studio-web -p xgen-promql-worker -p xgen-core --all-targets --all-features \
  --target wasm32-unknown-unknown --quiet -- -D warnings
step "rustdoc: every intra-doc link resolves (native, and the page in wasm32)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features --quiet
RUSTDOCFLAGS="-D warnings" cargo doc -p xgen-studio-web -p xgen-promql-worker --no-deps --all-features \
  --target wasm32-unknown-unknown --quiet
step "the core's dependency closure holds no web or CLI crate"
scripts/core-closure.sh | tee "$logs/closure.log"

step "native tests: core, CLI, the page's texts"
cargo test --workspace 2>&1 | tee "$logs/cargo.log"

step "Helm parity: real helm template of the exported charts vs the studio's rendered files"
cargo test -p xgen-core --features helm-parity --test helm_parity 2>&1 | tee "$logs/parity.log"
# The YAML reader and writer against real Helm (400 cases, ~20 s; every written file, ~35 s).
cargo test -p xgen-core --features helm-parity --test yaml11_reader --test yaml11_writer 2>&1 | tee -a "$logs/parity.log"
step "hostile text: no payload in any templated place makes real Helm emit an object the studio does not show"
cargo test -p xgen-core --features helm-parity --test helm_hostile -- --nocapture 2>&1 | tee -a "$logs/parity.log"
step "differential fuzzer: 500 generated project and values files, real Helm as Argo CD runs it vs the studio"
cargo test -p xgen-core --features helm-parity --test helm_fuzz -- --nocapture 2>&1 | tee -a "$logs/parity.log"
step "promtool: Prometheus accepts the exported rule files and scrape configurations"
cargo test -p xgen-core --features promtool,promql --test promtool 2>&1 | tee -a "$logs/parity.log"

step "Envoy parity: a real Envoy 1.40, configured as istiod configures a gateway, vs xgen-studio simulate"
cargo test -p xgen-cli --features envoy-parity --test envoy_parity -- --nocapture 2>&1 | tee -a "$logs/parity.log"

step "fuzzing: every target for ${FUZZ_SECONDS:-30}s from the checked-in corpus (scripts/fuzz.sh)"
scripts/fuzz.sh --ci 2>&1 | tee "$logs/fuzz.log"

step "release build of the page (trunk)"
cargo build --quiet -p xgen-cli
trunk build --release --offline
for f in dist/*.wasm dist/*.js; do
  printf '%s: %s bytes, %s gzip\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done

step "browser tests (headless Chromium) and Istio schema tests"
node --test tests/browser/ tests/schema/ 2>&1 | tee "$logs/browser.log"

passed=$(( $(grep -ho '[0-9]* passed' "$logs/closure.log" "$logs/cargo.log" "$logs/parity.log" "$logs/fuzz.log" | awk '{s+=$1} END {print s+0}') + $(sed -n 's/^# pass \([0-9]*\)/\1/p' "$logs/browser.log") ))
failed=$(( $(grep -ho '[0-9]* failed' "$logs/closure.log" "$logs/cargo.log" "$logs/parity.log" "$logs/fuzz.log" | awk '{s+=$1} END {print s+0}') + $(sed -n 's/^# fail \([0-9]*\)/\1/p' "$logs/browser.log") ))
echo
echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
