#pragma once
// What a check kind sees of a declarative rule's TOML table: typed getters
// that report errors at the value's position in the rule-set file. Keys a kind
// does not read are reported as unknown once it has compiled the rule.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace checklint {

class RuleTable {
 public:
  RuleTable() = default;
  RuleTable(const RuleTable&) = delete;
  RuleTable& operator=(const RuleTable&) = delete;
  RuleTable(RuleTable&&) = delete;
  RuleTable& operator=(RuleTable&&) = delete;
  virtual ~RuleTable() = default;

  [[nodiscard]] virtual bool has(std::string_view key) const = 0;
  virtual std::string string(std::string_view key, const std::string& fallback) = 0;
  virtual bool flag(std::string_view key, bool fallback) = 0;
  virtual std::int64_t integer(std::string_view key, std::int64_t fallback) = 0;
  /// An array of strings; empty when absent.
  virtual std::vector<std::string> strings(std::string_view key) = 0;
  /// An array of arrays of strings.
  virtual std::vector<std::vector<std::string>> string_lists(std::string_view key) = 0;
  /// A table of string → string, in file order.
  virtual std::vector<std::pair<std::string, std::string>> string_map(std::string_view key) = 0;
  /// A table of string → array of strings, in file order.
  virtual std::vector<std::pair<std::string, std::vector<std::string>>> list_map(std::string_view key) = 0;
  /// RE2 patterns: validated, with the error at the offending entry.
  virtual std::vector<std::string> patterns(std::string_view key) = 0;
  /// Whether a kind must compile its patterns to validate them. False for the built-in
  /// rule sets, whose patterns the test suite compiles: validating them cost most of start-up.
  [[nodiscard]] virtual bool validate_patterns() const { return true; }

  /// Fails with `path:line:col: error: message` at the value of `key` (or the table).
  [[noreturn]] virtual void fail(std::string_view key, const std::string& message) = 0;
};

}  // namespace checklint
