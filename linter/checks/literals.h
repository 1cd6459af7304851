#pragma once
// Where any of several literal strings starts in a text, in one pass.
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/checks/patterns.h"

namespace checklint {

/// The literals of a rule (the elements of enumeration sets, the alternatives of a
/// consistency group) found together. A few are each found by memmem, which skips along a
/// Chinese text at about one instruction per byte and literal; many, by one pass of one
/// RE2 DFA (about fifteen per byte for all of them), compiled once the run has searched 64 KiB
/// one by one. Thread-safe.
class LiteralStarts {
 public:
  /// Empty literals are left out (they would start everywhere).
  explicit LiteralStarts(const std::vector<std::string>& literals);

  /// Every offset of `text` at which one of the literals starts, ascending; occurrences
  /// that overlap are all there (each start is searched for from the one before plus one).
  [[nodiscard]] std::vector<std::size_t> in(std::string_view text) const;

 private:
  static constexpr std::size_t kSearchedOneByOne = 8;  // up to this many literals: memmem
  /// Texts are searched literal by literal until this many bytes have been: compiling the RE2
  /// costs more than a small draft's whole search (start-up).
  static constexpr std::size_t kBeforeCompiling = std::size_t{64} << 10U;

  std::vector<std::string> literals_;  // the non-empty ones
  std::optional<LazyRegex> any_;       // for more than kSearchedOneByOne
  mutable std::atomic<std::size_t> searched_{0};
};

}  // namespace checklint
