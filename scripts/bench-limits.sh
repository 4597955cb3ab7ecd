#!/usr/bin/env bash
# The cost of a project at every limit (docs/security.md, "Limits"), in the
# CLI and in the page: figures, not pass/fail. The project is the one
# crates/xgen-core/tests/limits.rs builds, written out as its bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
XGEN_LIMITS_ZIP="$work/at-limits.zip" cargo test --quiet -p xgen-core --test limits
cargo build --quiet --release -p xgen-cli
for cmd in "render $work/at-limits.zip -o $work/out" "lint $work/at-limits.zip" "test-routes $work/at-limits.zip"; do
  if [ -x /usr/bin/time ]; then
    # shellcheck disable=SC2086 # the command's words
    /usr/bin/time -f "cli, ${cmd%% *} at every limit: %e s, %M KB peak RSS" target/release/xgen-studio $cmd >/dev/null 2>"$work/time" || true
    tail -n 1 "$work/time"
  else
    # Without Debian's `time` package: the time only.
    TIMEFORMAT="cli, ${cmd%% *} at every limit: %R s"
    # shellcheck disable=SC2086 # the command's words
    time (target/release/xgen-studio $cmd >/dev/null 2>&1 || true)
  fi
done
trunk build --release --offline
node scripts/bench-limits.mjs "$work/at-limits.zip"
