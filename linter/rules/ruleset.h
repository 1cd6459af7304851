#pragma once
// Rule sets: TOML files that say which rules run, how severe they are and with
// which options. Built-in sets live in rules/*.toml and are embedded; a user's
// set is any .toml file. Errors point into the TOML file (path:line:col).
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "linter/checks/check.h"

namespace checklint {

struct RuleSet {
  std::string id;
  std::string name;
  std::string description;
  std::string origin;                        ///< "rules/common.toml" (built-in) or a file path
  std::map<std::string, RuleConfig> rules;   ///< every known rule, resolved
};

/// A rule-set loading error, already worded as `path:line:col: error: message`.
class RuleSetError : public std::runtime_error {
 public:
  RuleSetError(std::string path, std::size_t line, std::size_t column, const std::string& message);
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::size_t line() const { return line_; }
  [[nodiscard]] std::size_t column() const { return column_; }

 private:
  std::string path_;
  std::size_t line_;
  std::size_t column_;
};

/// Loads a built-in set by id ("common") or a file by path (anything with '/' or ending in .toml).
RuleSet load_ruleset(const std::string& id_or_path);

/// Parses a rule set from TOML text; `path` names it in errors and anchors relative extends.
RuleSet parse_ruleset(std::string_view toml_text, const std::string& path);

/// Every rule at its default settings.
RuleSet default_ruleset();

/// Ids of the built-in rule sets, sorted.
std::vector<std::string> builtin_ruleset_ids();

}  // namespace checklint
