#!/usr/bin/env bash
# The differential fuzzer against real Helm (crates/xgen-core/tests/helm_fuzz.rs),
# longer than the fixed corpus of the test command.
#
#   scripts/fuzz-helm.sh                 5000 cases from a seed of the clock
#   scripts/fuzz-helm.sh 20000 1234      20000 cases from seed 1234
#   scripts/fuzz-helm.sh --open [N] [seed] also the wider grammar: switches written
#                                        as numbers or text, lists and maps as vars
#
# Helm is $HELM, else .tools/bin/helm (scripts/install-helm.py). The files of
# every disagreeing case are kept under $TMPDIR/xgen-fuzz-<pid>/case-<n>/ and
# the seed is printed, so a case can be run again alone (FUZZ_CASES, FUZZ_SEED).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--open" ]; then
  export FUZZ_OPEN=1
  shift
fi
export FUZZ_CASES="${1:-5000}"
export FUZZ_SEED="${2:-$(date +%s)}"
export FUZZ_WORKERS="${FUZZ_WORKERS:-2}"
export FUZZ_SHOW="${FUZZ_SHOW:-5}"
echo "==> helm fuzz: $FUZZ_CASES cases, seed $FUZZ_SEED${FUZZ_OPEN:+, open traps}"
cargo test -p xgen-core --features helm-parity --test helm_fuzz -- --nocapture
