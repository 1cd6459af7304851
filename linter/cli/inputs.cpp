#include "linter/cli/inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>

namespace checklint {

namespace {

namespace fs = std::filesystem;

bool match_here(std::string_view pattern, std::string_view path);

/// `**` (and `**/`, which may also match nothing) at the head of `rest`'s pattern.
bool match_double_star(std::string_view rest, std::string_view path) {
  if (rest.starts_with('/')) {
    rest.remove_prefix(1);
    if (match_here(rest, path)) return true;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '/' && match_here(rest, path.substr(i + 1))) return true;
    }
    return false;
  }
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (match_here(rest, path.substr(i))) return true;
  }
  return false;
}

/// A single `*`: any run of characters within one path segment.
bool match_star(std::string_view rest, std::string_view path) {
  for (std::size_t i = 0; i <= path.size(); ++i) {
    if (match_here(rest, path.substr(i))) return true;
    if (i < path.size() && path[i] == '/') return false;
  }
  return false;
}

/// The length of the UTF-8 sequence that starts `text` (at least 1).
std::size_t sequence_length(std::string_view text) {
  std::size_t length = 1;
  while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0U) == 0x80U) ++length;
  return length;
}

bool match_here(std::string_view pattern, std::string_view path) {
  while (!pattern.empty()) {
    if (pattern.starts_with("**")) return match_double_star(pattern.substr(2), path);
    if (pattern.front() == '*') return match_star(pattern.substr(1), path);
    if (path.empty()) return false;
    if (pattern.front() == '?') {
      if (path.front() == '/') return false;
      pattern.remove_prefix(1);
      path.remove_prefix(sequence_length(path));
      continue;
    }
    if (pattern.front() != path.front()) return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
  }
  return path.empty();
}

bool matches_any(const std::vector<std::string>& patterns, std::string_view path) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return glob_match(p, path); });
}

/// A directory is pruned when an exclude pattern matches it, with or without a trailing '/'.
bool excluded_directory(const InputFilter& filter, const std::string& relative) {
  return matches_any(filter.exclude, relative) || matches_any(filter.exclude, relative + "/");
}

bool selected_file(const InputFilter& filter, const std::string& name, const std::string& relative) {
  if (!is_draft_name(name) || matches_any(filter.exclude, relative)) return false;
  return filter.include.empty() || matches_any(filter.include, relative);
}

struct Walk {
  const fs::path& root;
  const InputFilter& filter;
  std::vector<std::string>& found;
  std::vector<std::string>& errors;

  void directory(const fs::path& relative) {
    const fs::path dir = root / relative;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entry(*it, relative);
    if (ec) errors.push_back(fmt::format("{}: error: cannot read directory: {}", dir.lexically_normal().string(), ec.message()));
  }

  void entry(const fs::directory_entry& item, const fs::path& parent) {
    const std::string name = item.path().filename().string();
    if (name.starts_with('.')) return;
    const fs::path relative = parent / name;
    const std::string key = relative.generic_string();
    std::error_code ec;
    // A symlink to a directory is never followed (no loops); one to a file, even a dangling one, is a file.
    if (!item.is_symlink(ec) && item.is_directory(ec)) {
      if (!excluded_directory(filter, key)) directory(relative);
      return;
    }
    if (item.is_symlink(ec) && fs::is_directory(item.path(), ec)) return;
    if (selected_file(filter, name, key)) found.push_back((root / relative).lexically_normal().string());
  }
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) { return match_here(pattern, path); }

bool is_draft_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  // "~$稿.docx" is the lock file Word keeps beside an open document, not a draft.
  if (lower.starts_with("~$")) return false;
  return lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt") || lower.ends_with(".docx");
}

Inputs expand_inputs(const std::vector<std::string>& args, const InputFilter& filter) {
  Inputs inputs;
  std::set<std::string> seen;
  const auto add = [&](const std::string& path) {
    const std::string key = path == "-" ? path : fs::path(path).lexically_normal().string();
    if (seen.insert(key).second) inputs.paths.push_back(path);
  };
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      add(arg);
      continue;
    }
    std::vector<std::string> found;
    Walk{fs::path(arg), filter, found, inputs.errors}.directory({});
    std::sort(found.begin(), found.end());
    if (found.empty()) inputs.empty.push_back(arg);
    for (const auto& path : found) add(path);
  }
  return inputs;
}

}  // namespace checklint
