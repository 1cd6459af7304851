#!/bin/sh
# End-to-end: Neovim's built-in LSP client (Debian bookworm ships 0.7.2) runs
# `checklint lsp` on a plain-text and a Markdown draft, receives the diagnostics,
# applies a quick fix and the fix-all action, and reads the outline; see nvim_e2e.lua.
# usage: nvim_e2e.sh CHECKLINT_BINARY SOURCE_DIR. Exit 77 (skipped) when nvim is not installed.
set -eu
bin=$1
src=$2
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim is not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A heading, then 一是 … 三是 behind two astral characters, and a non-standard marker 二.
printf '一、存在的问题\n（一）𠮷与𩸽字方面。一是学习不深；三是联系实际不够。\n二.问题原因\n' >"$work/draft.txt"
printf '# 一、存在的问题\n\n（一）学习方面。一是学习不深；三是联系实际不够。\n' >"$work/draft.md"
CHECKLINT_BIN=$bin CHECKLINT_RULESET="$src/fixtures/numbering/ruleset.toml" CHECKLINT_WORK=$work \
  timeout 60 nvim --headless --clean -n -c "luafile $src/tests/editors/nvim_e2e.lua"
