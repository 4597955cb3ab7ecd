#!/usr/bin/env bash
# Runs the core's fuzz targets (fuzz/, cargo-fuzz with libFuzzer).
#
#   scripts/fuzz.sh                      every target for $FUZZ_SECONDS (default 60) each
#   scripts/fuzz.sh <target> [seconds]   one target, e.g. a long local run:
#                                        scripts/fuzz.sh import_bytes 3600
#   scripts/fuzz.sh --ci                 what scripts/test.sh runs: every target
#                                        for $FUZZ_SECONDS (default 30) each
#
# A run starts from the checked-in corpus in fuzz/corpus/<target> and adds what
# it finds there (with --ci, into a temporary directory instead, so the test
# command leaves the tree clean). A crash leaves its input in
# fuzz/artifacts/<target>/ and fails the run; `cargo fuzz cmin` keeps the
# corpus small before it is committed.
#
# cargo-fuzz passes unstable flags to rustc; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain take them, so no nightly toolchain is downloaded. Without a
# sanitizer (`-s none`): the core forbids `unsafe`, so AddressSanitizer would
# find nothing that a panic does not already show, and runs several times slower.
# Debug assertions are on, so integer overflow is a crash too.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
if ! cargo fuzz --version 2>/dev/null | grep -q '0.13'; then
  echo "==> installing cargo-fuzz 0.13 with cargo install into .tools/bin"
  cargo install cargo-fuzz --version '~0.13' --locked --root .tools --quiet
fi
export RUSTC_BOOTSTRAP=1
targets=(import_bytes render_lint_simulate bundle_roundtrip)
ci=false
if [ "${1:-}" = "--ci" ]; then
  ci=true
  shift
fi
[ $# -ge 1 ] && targets=("$1")
seconds=${2:-${FUZZ_SECONDS:-$($ci && echo 30 || echo 60)}}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
passed=0
for t in "${targets[@]}"; do
  echo "==> fuzz $t for ${seconds}s"
  mkdir -p "fuzz/corpus/$t"
  corpus=("fuzz/corpus/$t")
  $ci && corpus=("$scratch/$t" "fuzz/corpus/$t") && mkdir -p "$scratch/$t"
  # grep hides libFuzzer's progress lines. cargo fuzz's own status is written
  # to a file: after `| grep … || true`, PIPESTATUS would be `true`'s.
  {
    status=0
    cargo fuzz run --fuzz-dir fuzz -s none --debug-assertions "$t" "${corpus[@]}" -- \
      -max_total_time="$seconds" -max_len=262144 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 2>&1 || status=$?
    echo "$status" >"$scratch/$t.status"
  } | { grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|ERROR|panicked|SUMMARY|Test unit written|artifact_prefix' || true; }
  [ "$(cat "$scratch/$t.status")" = 0 ] || { echo "fuzz $t: crashed (input in fuzz/artifacts/$t/)"; echo "fuzz: $passed passed, 1 failed"; exit 1; }
  passed=$((passed + 1))
done
echo "fuzz: $passed passed, 0 failed"
