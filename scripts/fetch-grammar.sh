#!/usr/bin/env bash
# Fetch the tree-sitter Markdown grammar from the npm registry, verify its
# checksum and unpack it into .deps/ (ignored by git). Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
name="@tree-sitter-grammars/tree-sitter-markdown"
version="0.3.2"
sha256="f582346e65479e1d6d025e9b785421f623eb549390c550899005fd6f7f37d739"
dest="$here/.deps/tree-sitter-markdown"
stamp="$dest/.verified-$sha256"
if [ -f "$stamp" ]; then
  exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
tarball=$(ls "$tmp"/*.tgz)
actual=$(sha256sum "$tarball" | cut -d' ' -f1)
if [ "$actual" != "$sha256" ]; then
  echo "fetch-grammar: checksum mismatch for $name@$version" >&2
  echo "  expected $sha256" >&2
  echo "  got      $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$dest"
touch "$stamp"
echo "fetch-grammar: $name@$version verified and unpacked into .deps/"
