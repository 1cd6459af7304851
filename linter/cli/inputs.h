#pragma once
// Turning the command line's PATHS into the drafts to lint: files as given,
// directories walked recursively with --include/--exclude globs.
#include <string>
#include <string_view>
#include <vector>

namespace checklint {

/// Matches `path` (with '/' separators) against a glob: `*` matches any run of
/// characters except '/', `**` any run including '/', and `**/` zero or more whole
/// directories; `?` matches one character (one UTF-8 sequence) except '/'. Everything
/// else matches itself, byte for byte.
bool glob_match(std::string_view pattern, std::string_view path);

/// The --include / --exclude patterns, matched against paths relative to the walked directory.
struct InputFilter {
  std::vector<std::string> include;  ///< empty: every draft file; else a file must match one
  std::vector<std::string> exclude;  ///< a file or directory matching one is skipped
};

/// Whether a directory walk picks up this file name by its extension: .md, .markdown, .txt, .docx (any case;
/// not Word's "~$" lock files).
bool is_draft_name(std::string_view name);

struct Inputs {
  std::vector<std::string> paths;   ///< in command-line order; each directory expands in place, sorted by path
  std::vector<std::string> errors;  ///< "dir: error: …" for directories that could not be read
  std::vector<std::string> empty;   ///< directories in which no draft was found
};

/// Expands the PATHS: "-" and anything that is not a directory stay as they are (a
/// missing or unreadable file fails later, when it is read); a directory is walked
/// recursively, skipping hidden entries (name starting with '.') and directory
/// symlinks. A path that comes up twice is kept once, at its first place.
Inputs expand_inputs(const std::vector<std::string>& args, const InputFilter& filter);

}  // namespace checklint
