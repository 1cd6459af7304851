#pragma once
// A rule option that holds RE2 patterns, compiled once per run. The rule-set
// loader has already rejected invalid ones, with their position in the TOML.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

namespace checklint {

class PatternList {
 public:
  explicit PatternList(const std::vector<std::string>& patterns);

  /// Whether any pattern matches somewhere in `text`.
  [[nodiscard]] bool matches(std::string_view text) const;

  /// Byte offset of the earliest match of any pattern in `text`.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view text) const;

 private:
  std::vector<std::unique_ptr<RE2>> patterns_;
};

}  // namespace checklint
