#!/usr/bin/env bash
# Installs promtool into .tools/bin from Debian's prometheus package, without
# installing or starting the Prometheus service (apt-get download + dpkg -x).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
(cd "$tmp" && apt-get download prometheus 2>/dev/null || { $sudo_cmd apt-get update -qq && apt-get download prometheus; })
dpkg -x "$tmp"/prometheus_*.deb "$tmp/x"
mkdir -p .tools/bin
install -m 755 "$tmp/x/usr/bin/promtool" .tools/bin/promtool
.tools/bin/promtool --version | head -1
