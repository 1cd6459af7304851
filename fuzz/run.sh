#!/usr/bin/env bash
# Runs every libFuzzer target for a while, seeded from the fixtures and rule sets.
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
# Builds with clang into build-fuzz/ (ASan + UBSan + libFuzzer). Corpora grow in
# build-fuzz/corpus/TARGET; crashes, hangs and leaks land in build-fuzz/artifacts/TARGET.
# A finding is fixed, then its input is copied into fuzz/regressions/TARGET/, which the
# test suite replays in every build. Prints one line per target: executions, findings.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(document ruleset lint docx lsp)

for tool in clang clang++; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is needed (apt-get install clang)" >&2; exit 2; }
done
scripts/fetch-grammar.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHECKLINT_FUZZ=ON >/dev/null
cmake --build build-fuzz --target $(printf 'fuzz_%s ' "${targets[@]}")

seed() {  # seed TARGET: the files that start its corpus
  case "$1" in
    ruleset) find rules fixtures -name '*.toml' ;;
    docx) find fixtures -name "*.docx" ;;
    lsp) find fuzz/regressions/lsp -type f ;;
    *) find fixtures -type f \( -name '*.md' -o -name '*.txt' \) ;;
  esac
}

printf '%-10s %12s %10s %9s\n' target executions exec/s findings
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target
  artifacts=build-fuzz/artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  seed "$target" | while read -r file; do cp "$file" "$corpus/seed-$(sha1sum "$file" | cut -c1-16)"; done
  log=build-fuzz/$target.log
  status=0
  "build-fuzz/fuzz/fuzz_$target" "$corpus" "fuzz/regressions/$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  found=$(find "$artifacts" -type f | wc -l)
  printf '%-10s %12s %10s %9s\n' "$target" "$runs" "$rate" "$found"
  [ "$status" -eq 0 ] || echo "fuzz: $target stopped with status $status; see $log and $artifacts" >&2
done
