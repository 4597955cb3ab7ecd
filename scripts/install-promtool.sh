#!/usr/bin/env bash
# Installs promtool into .tools/bin from Debian's `promtool` package of the
# trixie release (2.53), without touching the system's apt configuration or
# installing anything system-wide (apt-get download + dpkg -x, with a private
# apt state under a temporary directory). The Debian mirror is the one this
# machine's apt is configured with; no host name is written here.
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
# The machine's Debian archive: from the `URIs:` (deb822) and `deb` lines (one-
# line format) of its apt sources, not a security archive; one whose path ends
# in /debian is preferred over other repositories.
uris=$(
  { awk '/^URIs:/ {for (i = 2; i <= NF; i++) print $i}' /etc/apt/sources.list.d/*.sources 2>/dev/null
    awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; break}}' \
      /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null
  } | grep -v security || true
)
mirror=$( { echo "$uris" | grep '/debian/\?$'; echo "$uris"; } | grep . | head -n 1 || true)
if [ -z "$mirror" ]; then
  echo "install-promtool: no Debian archive found in /etc/apt (sources.list, sources.list.d)" >&2
  exit 1
fi
echo "deb $mirror trixie main" > "$tmp/sources.list"
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
