#pragma once
// RE2 patterns of rule options and declarative rules. The rule-set loader has
// already rejected invalid ones, with their position in the TOML.
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace checklint {

struct PatternShape;

/// One RE2, compiled on first use. A rule set holds hundreds of patterns and a
/// draft hits a few; compiling all of them up front was most of start-up.
/// Every LazyRegex of the same pattern and options shares one compiled RE2 (the rule
/// set's index and the rule that owns a pattern both match it). Thread-safe: workers
/// share the rule set.
class LazyRegex {
 public:
  explicit LazyRegex(const std::string& pattern, RE2::CannedOptions options = RE2::DefaultOptions);
  [[nodiscard]] const RE2& get() const;
  /// pattern_shape() of the pattern, worked out with the RE2 (Regex with no starts when RE2 rejects it).
  [[nodiscard]] const PatternShape& shape() const;
  [[nodiscard]] const std::string& pattern() const;

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

/// Strings that every match of the RE2 `pattern` (default options) contains: for each list,
/// at least one of its strings. Empty when nothing is known; conservative, so syntax it does
/// not model (flags, \\Q, hex escapes, a top-level |) gives no list. Lets a pattern be skipped
/// where they are absent.
std::vector<std::vector<std::string>> required_strings(std::string_view pattern);

/// A top-level element of a pattern, as required_strings() reads it: what it matches, repeated.
struct PatternElement {
  /// The strings it matches one of: a character, a class that lists a few characters, a group of
  /// plain alternatives. nullopt for anything else (., \\d, \\p{Han}, ^, $, \\b …).
  std::optional<std::vector<std::string>> strings;
  std::size_t min = 1;  ///< repetition bounds; max is std::string_view::npos when unbounded
  std::size_t max = 1;
  bool lazy = false;
};

/// The top-level elements of an RE2 pattern (default options) in order; nullopt when it uses
/// syntax that required_strings() does not model (flags, \\Q, hex escapes, a top-level | …).
/// It does not check that RE2 accepts the pattern.
std::optional<std::vector<PatternElement>> pattern_elements(std::string_view pattern);

/// How the matches of a pattern can be found without running RE2 over every byte (LazyRegex::shape()).
struct PatternShape {
  enum class Form {
    Regex,    ///< only RE2 finds its matches; each begins with one of `starts` (empty: nothing known)
    Literal,  ///< one string, `starts[0]`: its matches are its occurrences, byte for byte
    Run,      ///< `min` to `max` of the characters `starts` in a row, as many as stand there (greedy)
  };
  static constexpr std::size_t kMostStarts = 8;  ///< more strings than this are not worth searching one by one
  Form form = Form::Regex;
  std::vector<std::string> starts;  ///< at most kMostStarts, distinct, none empty
  std::size_t min = 1;
  std::size_t max = 1;
};

/// The shape of an RE2 pattern (default options) that RE2 accepts, from pattern_elements().
PatternShape pattern_shape(std::string_view pattern);

/// A text prepared for many required_strings() checks: which bytes and (hashed) byte pairs
/// it holds, so that most absent strings are ruled out without a search.
class RequiredCheck {
 public:
  explicit RequiredCheck(std::string_view text);
  /// Whether the text holds, for every list of `required`, one of its strings.
  [[nodiscard]] bool holds(const std::vector<std::vector<std::string>>& required) const;

 private:
  [[nodiscard]] bool may_hold(std::string_view s) const;

  std::string_view text_;
  std::array<std::uint64_t, 4> bytes_{};
  std::array<std::uint64_t, 64> pairs_{};
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
