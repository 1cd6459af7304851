#!/usr/bin/env bash
# One entry point for the README's two set-up commands.
#   scripts/setup.sh example   install, build, lint the bundled example draft
#   scripts/setup.sh test      install, build, run the whole test suite (ctest)
# Idempotent; meant for a Debian 12 machine, run as root (or with sudo).
set -euo pipefail
mode=${1:-example}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

packages=(cmake ninja-build g++ pkg-config
  libtree-sitter-dev libtomlplusplus-dev libfmt-dev libboost-test-dev
  libutf8proc-dev libre2-dev nlohmann-json3-dev libcli11-dev libzip-dev libpugixml-dev)
# Only the test command renders the HTML report in a browser (tests/browser/html_report.sh);
# a CJK font makes its screenshot readable.
if [ "$mode" = test ]; then packages+=(chromium fonts-wqy-microhei); fi
# The language server's end-to-end tests drive Neovim's built-in LSP client and Emacs's
# eglot (tests/editors/).
if [ "$mode" = test ]; then packages+=(neovim emacs-nox elpa-eglot); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

scripts/fetch-grammar.sh
if [ "$mode" = test ]; then
  scripts/fetch-sarif-validator.sh
fi
build_type=${CHECKLINT_BUILD_TYPE:-RelWithDebInfo}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build

case "$mode" in
  example)
    status=0
    ./build/checklint fixtures/examples/example.md || status=$?
    echo
    echo "setup: build/checklint is ready (it exited with $status on the example, which contains deliberate mistakes)."
    ;;
  test)
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    # The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
    if [ "${CHECKLINT_SKIP_SANITIZERS:-0}" != 1 ]; then
      cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHECKLINT_SANITIZE=ON >/dev/null
      cmake --build build-asan
      ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$(nproc)"
    fi
    ;;
  *)
    echo "usage: scripts/setup.sh [example|test]" >&2
    exit 2
    ;;
esac
