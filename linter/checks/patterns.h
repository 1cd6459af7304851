#pragma once
// RE2 patterns of rule options and declarative rules. The rule-set loader has
// already rejected invalid ones, with their position in the TOML.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace checklint {

/// One RE2, compiled on first use. A rule set holds hundreds of patterns and a
/// draft hits a few; compiling all of them up front was most of start-up.
/// Thread-safe: workers share the rule set.
class LazyRegex {
 public:
  explicit LazyRegex(std::string pattern, RE2::CannedOptions options = RE2::DefaultOptions)
      : pattern_(std::move(pattern)), options_(options) {}
  [[nodiscard]] const RE2& get() const;
  [[nodiscard]] const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  RE2::CannedOptions options_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

/// Patterns joined into one alternation, each in its own group so that its flags and
/// alternatives stay its own: "(?:a)|(?:b)".
std::string alternation(const std::vector<std::string>& patterns);

/// Several lazily compiled patterns, addressed by index.
using LazyRegexes = std::vector<std::unique_ptr<LazyRegex>>;
LazyRegexes lazy_regexes(const std::vector<std::string>& patterns, RE2::CannedOptions options = RE2::DefaultOptions);

/// Any of several patterns, as one RE2 alternation (one scan instead of one per pattern).
class PatternList {
 public:
  explicit PatternList(const std::vector<std::string>& patterns);

  /// The list for a rule option, compiled once per distinct option value for the whole run
  /// (checks call this per document).
  static const PatternList& cached(const std::vector<std::string>& patterns);

  /// Whether any pattern matches somewhere in `text`.
  [[nodiscard]] bool matches(std::string_view text) const;

  /// Byte offset of the earliest match of any pattern in `text`.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view text) const;

 private:
  std::unique_ptr<RE2> any_;
};

}  // namespace checklint
