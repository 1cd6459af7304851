#!/usr/bin/env bash
# The HTML report in a real browser: renders the reports of a Markdown, a .docx
# and a GBK draft with headless Chromium and checks the rendered DOM against the
# JSON report (tests/browser/html_check.js); the page must load without console
# errors. One screenshot per run is kept as a test artifact: OUT/html-report.png.
#   tests/browser/html_report.sh CHECKLINT OUT
# Exits 77 (ctest: skipped) when Chromium or node is not installed.
set -uo pipefail
checklint=$1
out=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v node >/dev/null 2>&1; then
  echo "html-report: chromium or node not installed; skipped"
  exit 77
fi
cd "$here"
rm -rf "$out"
mkdir -p "$out"
status=0
chrome() {
  local profile
  profile=$(mktemp -d)
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@"
  local rc=$?
  rm -rf "$profile"
  return $rc
}
for draft in fixtures/examples/example.md fixtures/docx/split-runs.docx fixtures/encoding/gbk.txt; do
  name=$(basename "$draft")
  "$checklint" --format json -o "$out/$name.json" "$draft"
  [ $? -le 1 ] || { echo "FAIL: checklint --format json $draft"; status=1; continue; }
  "$checklint" matrix --format json "$draft" >"$out/$name.matrix.json" || { echo "FAIL: checklint matrix $draft"; status=1; continue; }
  "$checklint" --format html -o "$out/$name.html" "$draft"
  [ $? -le 1 ] || { echo "FAIL: checklint --format html $draft"; status=1; continue; }
  if ! chrome --dump-dom "file://$out/$name.html" >"$out/$name.dom.html" 2>"$out/$name.log"; then
    echo "FAIL: chromium could not load $out/$name.html"; cat "$out/$name.log"; status=1; continue
  fi
  # Console messages (script errors, resources that failed to load) would show up as CONSOLE lines.
  if grep -E 'CONSOLE|Failed to load|net::ERR' "$out/$name.log"; then
    echo "FAIL: $name.html logged errors in the browser"; status=1
  fi
  node tests/browser/html_check.js "$out/$name.json" "$out/$name.matrix.json" "$out/$name.dom.html" || status=1
done
chrome --window-size=1280,1800 --screenshot="$out/html-report.png" "file://$out/example.md.html" >/dev/null 2>&1 ||
  { echo "FAIL: no screenshot"; status=1; }
[ -s "$out/html-report.png" ] || { echo "FAIL: empty screenshot"; status=1; }
echo "html-report: screenshot in $out/html-report.png"
exit $status
