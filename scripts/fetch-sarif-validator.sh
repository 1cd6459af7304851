#!/usr/bin/env bash
# Installs Microsoft's SARIF validator (@microsoft/sarif-multitool, pinned) into
# .deps/sarif-multitool (ignored by git) for the test suite's SARIF check.
# Idempotent. A failed download is reported and skipped: the test is then not registered.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
version="5.7.0"
dest="$here/.deps/sarif-multitool"
tool="$dest/node_modules/.bin/sarif-multitool"
if [ -x "$tool" ] && [ -f "$dest/.version-$version" ]; then
  exit 0
fi
mkdir -p "$dest"
if npm install --silent --no-audit --no-fund --prefix "$dest" "@microsoft/sarif-multitool@$version" >/dev/null 2>&1; then
  touch "$dest/.version-$version"
  echo "fetch-sarif-validator: @microsoft/sarif-multitool@$version installed into .deps/"
else
  echo "fetch-sarif-validator: WARNING: could not install @microsoft/sarif-multitool@$version; the SARIF validation test will not run" >&2
fi
exit 0
