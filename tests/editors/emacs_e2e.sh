#!/bin/sh
# End-to-end: Emacs's eglot (Debian bookworm: Emacs 28.2 with elpa-eglot 1.9) runs
# `checklint lsp` on a plain-text draft, receives the diagnostics through flymake, applies
# a quick fix and the disable comment, and reads the outline through imenu; see emacs_e2e.el.
# usage: emacs_e2e.sh CHECKLINT_BINARY SOURCE_DIR. Exit 77 (skipped) without emacs or eglot.
set -eu
bin=$1
src=$2
if ! command -v emacs >/dev/null 2>&1 || ! ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1; then
  echo "emacs or elpa-eglot is not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The rule set comes from the configuration file, as in a user's project.
printf 'ruleset = "%s"\n' "$src/fixtures/numbering/ruleset.toml" >"$work/.checklint.toml"
# A heading, then 一是 … 三是 behind two astral characters, and a non-standard marker 二.
printf '一、存在的问题\n（一）𠮷与𩸽字方面。一是学习不深；三是联系实际不够。\n二.问题原因\n' >"$work/draft.txt"
HOME=$work CHECKLINT_BIN=$bin CHECKLINT_WORK=$work \
  timeout 120 emacs --batch -Q -l "$src/tests/editors/emacs_e2e.el"
