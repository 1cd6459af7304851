#!/usr/bin/env bash
# The benchmark of issue #8, one command:   bench/run.sh
# Builds checklint (RelWithDebInfo) in $BUILD (default build-bench), generates the corpus
# there (bench/make_corpus.py, seeded), installs the peers pinned in bench/package.json into
# .deps/bench (git-ignored), measures everything on the same corpus in one run and writes
# $BUILD/bench/results.md (the tables docs/performance.md quotes). QUICK=1 skips textlint on
# the whole corpus (it takes minutes).
set -euo pipefail
export LC_NUMERIC=C  # $EPOCHREALTIME and awk read a decimal point
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD:-build-bench}
OUT=$ROOT/$BUILD/bench
CORPUS=$ROOT/$BUILD/corpus
PEERS=$ROOT/.deps/bench
mkdir -p "$OUT"

# --- build -----------------------------------------------------------------------
[[ -f $BUILD/build.ninja ]] || cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target checklint ts_markdown >/dev/null
c++ -O2 -std=c++20 -o "$OUT/ts_parse" bench/ts_parse.cpp "$BUILD/libts_markdown.a" -ltree-sitter
c++ -O2 -std=c++20 -o "$OUT/read_floor" bench/read_floor.cpp
c++ -O2 -std=c++20 -I. -I"$BUILD/generated" -o "$OUT/set_floor" bench/set_floor.cpp "$BUILD/libchecklint_core.a" \
  "$BUILD/libts_markdown.a" -ltree-sitter -lre2 -lutf8proc -lpugixml -lzip -lfmt -ldl
CL=$ROOT/$BUILD/checklint

# --- corpus ----------------------------------------------------------------------
if [[ ! -f $CORPUS/.done || bench/make_corpus.py -nt $CORPUS/.done ]]; then
  rm -rf "$CORPUS" && python3 bench/make_corpus.py "$CORPUS" && touch "$CORPUS/.done"
fi

# --- peers (npm, pinned) ---------------------------------------------------------
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
if [[ ! -d $PEERS/node_modules ]]; then
  mkdir -p "$PEERS" && cp bench/package.json bench/package-lock.json "$PEERS/"
  # npm 11's `npm ci` refuses this lock for lacking the other platforms' optional AutoCorrect
  # binaries (darwin, win32); `npm install` takes the same pinned versions and checksums from it.
  (cd "$PEERS" && { npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null; }) ||
    echo "npm install of the peers failed" >&2
fi
cp bench/textlintrc.json "$PEERS/textlintrc.json"
BIN=$PEERS/node_modules/.bin

# The machine's load before and after (other work on a shared machine inflates wall times).
uptime >"$OUT/load.txt"
trap 'uptime >>"$OUT/load.txt"' EXIT

# --- measure: name, input label, bytes, then the command -------------------------
RESULTS=$OUT/results.tsv
printf 'name\tinput\tbytes\twall_s\tuser_s\tsys_s\trss_kb\tstatus\truns\n' >"$RESULTS"
bytes() { cat "$@" | wc -c; }
# One run of a command: appends "wall user sys rss status" to the file $1.
run_once() {
  local into=$1 limit=$2
  shift 2
  local status=ok wall user sys rss
  # The output of the run before (hundreds of MB for the 20 MB files) is removed and written
  # back first: left dirty, its writeback throttled the next tool's writes and was counted as
  # that tool's system time (stars.txt: 0.55 s of sys one run, 0.15 s the next).
  rm -f "$OUT/last.out" "$OUT/last.err"
  sync
  # Wall time from the shell's clock in microseconds (GNU time's %e has two decimals: 10 ms is 3 %
  # of a 0.33 s run); it includes starting `time` and `timeout`, about a millisecond.
  local start=$EPOCHREALTIME end
  if ! /usr/bin/time -f '%e %U %S %M' -o "$OUT/time.txt" timeout "$limit" "$@" >"$OUT/last.out" 2>"$OUT/last.err"; then
    local rc; rc=$(grep -o 'non-zero status [0-9]*' "$OUT/time.txt" | grep -o '[0-9]*$' || true)
    if [[ $rc == 124 ]]; then status="timeout ${limit}s"; elif [[ $rc != 1 ]]; then status="exit ${rc:-?}"; fi
  fi
  end=$EPOCHREALTIME
  read -r wall user sys rss < <(tail -1 "$OUT/time.txt")
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  printf '%s\t%s\t%s\t%s\t%s\n' "$wall" "$user" "$sys" "$rss" "$status" >>"$into"
}

# measure RUNS ROW...: each ROW names an array (label, input, bytes, time limit, command...).
# The rows' commands are run in turn, RUNS rounds (so that rows compared in a ratio, such as
# -j1 and -j2, are measured in the same minutes: this VM's speed wanders by some 10 % from one
# minute to the next, as much as some targets' margins), and each row keeps its run of median
# wall time (or its first failure; a row that fails is not run again).
measure() {
  local runs=$1 k spec
  shift
  for spec in "$@"; do : >"$OUT/runs-$spec.txt"; done
  for ((k = 0; k < runs; k++)); do
    for spec in "$@"; do
      local -n row=$spec
      grep -qv $'\tok$' "$OUT/runs-$spec.txt" || run_once "$OUT/runs-$spec.txt" "${row[3]}" "${row[@]:4}"
    done
  done
  for spec in "$@"; do
    local -n row=$spec
    local f=$OUT/runs-$spec.txt n wall user sys rss status
    n=$(wc -l <"$f")
    IFS=$'\t' read -r wall user sys rss status < <(
      if grep -qv $'\tok$' "$f"; then grep -v $'\tok$' "$f" | head -1; else sort -n "$f" | sed -n "$(((n + 1) / 2))p"; fi)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${row[0]}" "${row[1]}" "${row[2]}" "$wall" "$user" "$sys" "$rss" "$status" "$n" | tee -a "$RESULTS"
    rm -f "$f"
  done
}
cd "$CORPUS"
ALL=$(bytes drafts/*); MD=$(bytes drafts/*.md); TXT=$(bytes drafts/*.txt); BIG=$(bytes big.md); STARS=$(bytes stars.txt)

# Rows: label, input, bytes, time limit (s), command.
J=(--no-config --format json --exit-zero)
read_drafts=("read (I/O floor)" drafts "$ALL" 600 "$OUT/read_floor" drafts/*)
read_big=("read (I/O floor)" big.md "$BIG" 600 "$OUT/read_floor" big.md)
ts_md=("tree-sitter block parse" 'drafts/*.md' "$MD" 600 "$OUT/ts_parse" drafts/*.md)
ts_big=("tree-sitter block parse" big.md "$BIG" 600 "$OUT/ts_parse" big.md)
cl_j1=("checklint -j1" drafts "$ALL" 600 "$CL" -j1 "${J[@]}" drafts)
cl_j2=("checklint -j2" drafts "$ALL" 600 "$CL" -j2 "${J[@]}" drafts)
cl_default=("checklint (default -j)" drafts "$ALL" 600 "$CL" "${J[@]}" drafts)
# What two cores give on this machine without threads: two -j1 processes at once, each on half of
# the drafts (alternate pairs of them, so that both halves hold as many .md as .txt drafts).
rm -rf "$OUT/half-a" "$OUT/half-b" && mkdir -p "$OUT/half-a" "$OUT/half-b"
k=0
for f in drafts/*; do
  if (((k++ / 2) % 2 == 0)); then ln -s "$PWD/$f" "$OUT/half-a/"; else ln -s "$PWD/$f" "$OUT/half-b/"; fi
done
cl_halves=("checklint -j1 x 2 processes" drafts "$ALL" 600 bash -c "\"\$0\" -j1 ${J[*]} \"\$1\" >\"\$3\" & \"\$0\" -j1 ${J[*]} \"\$2\"; wait" "$CL" "$OUT/half-a" "$OUT/half-b" "$OUT/half-a.out")
cl_md_j1=("checklint -j1" 'drafts/*.md' "$MD" 600 "$CL" -j1 "${J[@]}" --include '*.md' drafts)
cl_md_default=("checklint (default -j)" 'drafts/*.md' "$MD" 600 "$CL" "${J[@]}" --include '*.md' drafts)
cl_txt_j1=("checklint -j1" 'drafts/*.txt' "$TXT" 600 "$CL" -j1 "${J[@]}" --include '*.txt' drafts)
cl_big=("checklint -j1" big.md "$BIG" 600 "$CL" -j1 "${J[@]}" big.md)
cl_stars=("checklint -j1" stars.txt "$STARS" 600 "$CL" -j1 "${J[@]}" stars.txt)
ac_drafts=("AutoCorrect --lint" drafts "$ALL" 600 "$BIN/autocorrect" --lint --format json drafts)
ac_big=("AutoCorrect --lint" big.md "$BIG" 600 "$BIN/autocorrect" --lint --format json big.md)
ml_md=("markdownlint-cli2" 'drafts/*.md' "$MD" 600 "$BIN/markdownlint-cli2" 'drafts/*.md')
ml_big=("markdownlint-cli2" big.md "$BIG" 300 "$BIN/markdownlint-cli2" big.md)
TL=("$BIN/textlint" --config "$PEERS/textlintrc.json" --rules-base-directory "$PEERS/node_modules" -f json)
tl_drafts=("textlint" drafts "$ALL" 300 "${TL[@]}" drafts)
tl_big=("textlint" big.md "$BIG" 120 "${TL[@]}" big.md)

# Rows compared with each other are measured in the same rounds.
measure 5 read_drafts read_big
measure 7 cl_j1 cl_j2 cl_halves cl_default ac_drafts
measure 5 ts_md cl_md_j1 cl_md_default ml_md
measure 5 cl_txt_j1
measure 3 ts_big cl_big cl_stars ac_big
measure 1 ml_big
if [[ -z ${QUICK:-} ]]; then
  measure 1 tl_drafts
fi
measure 1 tl_big

# --- start-up on one small draft, LSP latency, per-stage profile -------------------
SMALL=$(bytes small.md)
hyperfine -N -i --warmup 3 --runs 30 --export-json "$OUT/startup.json" \
  -n checklint "$CL --no-config --format json --exit-zero small.md" \
  -n AutoCorrect "$BIN/autocorrect --lint --format json small.md" >/dev/null 2>&1 || true
hyperfine -N -i --warmup 1 --runs 5 --export-json "$OUT/startup-node.json" \
  -n markdownlint-cli2 "$BIN/markdownlint-cli2 small.md" \
  -n textlint "${TL[*]} small.md" >/dev/null 2>&1 || true
if "$CL" lsp --help >/dev/null 2>&1; then
  python3 "$ROOT/bench/lsp_latency.py" "$CL" lsp50k.md 100 >"$OUT/lsp.txt" || echo "failed" >"$OUT/lsp.txt"
else
  echo "absent" >"$OUT/lsp.txt"
fi
CHECKLINT_PROFILE=1 "$CL" -j1 --no-config --format json --exit-zero drafts >/dev/null 2>"$OUT/profile.txt" || true
CHECKLINT_PROFILE=1 "$CL" -j1 --no-config --format json --exit-zero --include '*.txt' drafts >/dev/null 2>"$OUT/profile-txt.txt" || true
# The .txt target's floor: the RE2::Set pass over the .txt drafts' paragraphs alone (best warm pass).
"$OUT/set_floor" drafts .txt >"$OUT/set_floor.txt" 2>/dev/null || echo "0	0" >"$OUT/set_floor.txt"
cd "$ROOT"
python3 bench/report.py "$OUT" "$SMALL" >"$OUT/results.md"
cat "$OUT/results.md"
