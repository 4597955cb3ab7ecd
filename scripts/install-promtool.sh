#!/usr/bin/env bash
# Installs promtool into .tools/bin from Debian's `promtool` package of the
# trixie release (2.53), without touching the system's apt configuration or
# installing anything system-wide (apt-get download + dpkg -x, with a private
# apt state under a temporary directory).
#
# Why trixie: bookworm's prometheus 2.42 is built without Kubernetes service
# discovery, so its `promtool check config` refuses `kubernetes_sd_configs`,
# which the exported scrape configuration uses. Trixie's build has it, and its
# promtool only needs glibc >= 2.34 (bookworm has 2.36).
set -euo pipefail
cd "$(dirname "$0")/.."
want="2.53"
if [ -x .tools/bin/promtool ] && .tools/bin/promtool --version 2>/dev/null | grep -q "version $want"; then
  .tools/bin/promtool --version | head -1
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
echo "deb http://deb.debian.org/debian trixie main" > "$tmp/sources.list"
apt_opts=(
  -o "Dir::Etc::sourcelist=$tmp/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$tmp/lists"
  -o "Dir::Cache=$tmp/cache"
  -o "APT::Sandbox::User=root"
  -qq
)
apt-get "${apt_opts[@]}" update
(cd "$tmp" && apt-get "${apt_opts[@]}" download promtool)
dpkg -x "$tmp"/promtool_*.deb "$tmp/x"
mkdir -p .tools/bin
install -m 755 "$tmp/x/usr/bin/promtool" .tools/bin/promtool
.tools/bin/promtool --version | head -1
