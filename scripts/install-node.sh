#!/usr/bin/env bash
# Installs a Node.js release beside the system's, for CI to run the suites on it: the npm package
# node-<platform>-<arch> carries bin/node. It goes under .tmp/node<major>, outside node_modules, and
# prints that directory.
#
#   bash scripts/install-node.sh            the version the Dockerfile pins (ARG NODE_VERSION)
#   bash scripts/install-node.sh 24.11.1    another one
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-$(sed -n 's/^ARG NODE_VERSION=//p' Dockerfile)}"
[ -n "$version" ] || { echo "no Node version given and no ARG NODE_VERSION in the Dockerfile" >&2; exit 1; }
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
package="node-linux-$arch"
prefix=".tmp/node${version%%.*}"
dir="$PWD/$prefix/node_modules/$package"

if [ "$("$dir/bin/node" --version 2>/dev/null)" != "v$version" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "$package@$version" >&2
fi
"$dir/bin/node" --version >&2
echo "$dir"
