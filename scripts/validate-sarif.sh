#!/usr/bin/env bash
# Test: checklint's SARIF passes Microsoft's validator with no errors and no
# warnings other than SARIF2005 (informationUri: checklint is an internal tool
# with no public page to point to).
# usage: validate-sarif.sh CHECKLINT_BINARY VALIDATOR
set -euo pipefail
binary=$1
validator=$2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
mkdir -p "$work/材料"
cp tests/golden/astral.txt "$work/材料/𠮷字 草稿.txt"
"$binary" --format sarif -o "$work/example.sarif" fixtures/examples/example.md fixtures/numbering/style-forms.md || true
(cd "$work" && "$binary" --format sarif -o "$work/cjk.sarif" "材料/𠮷字 草稿.txt") || true
status=0
for log in "$work/example.sarif" "$work/cjk.sarif"; do
  "$validator" validate -o "$log.validation" "$log" >/dev/null
  node -e '
    const results = (JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results || []);
    const bad = results.filter(r => (r.level || "warning") === "error" ||
                                     ((r.level || "warning") === "warning" && r.ruleId !== "SARIF2005"));
    for (const r of bad) console.log(`${r.level || "warning"} ${r.ruleId}: ${r.message.text || JSON.stringify(r.message)}`);
    process.exit(bad.length ? 1 : 0);
  ' "$log.validation" || status=1
  echo "validated $(basename "$log"): $([ $status -eq 0 ] && echo ok || echo FAILED)"
done
exit $status
