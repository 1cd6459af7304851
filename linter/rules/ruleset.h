#pragma once
// Rule sets: TOML files that say which rules run, how severe they are and with
// which options. Built-in sets live in rules/*.toml and are embedded; a user's
// set is any .toml file. Errors point into the TOML file (path:line:col).
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "linter/checks/check.h"
#include "linter/checks/kinds/kind.h"

namespace checklint {

/// The parts of a draft, in their usual order.
enum class PartRole { Preparation, Followup, Problems, Cases, Causes, Measures, Closing };
inline constexpr std::size_t kPartRoleCount = 7;

std::string_view role_id(PartRole role);          ///< "problems"
std::string_view role_name_zh(PartRole role);     ///< "存在的问题"
bool parse_role(std::string_view id, PartRole& role);

/// How a part is recognised by its heading, and whether a draft must have it.
struct PartSpec {
  bool defined = false;               ///< the rule set (or one it extends) describes this part
  std::vector<std::string> headings;  ///< phrases that identify the part's heading
  bool required = false;
};

/// A required aspect (方面) of the problems part.
struct DimensionSpec {
  std::string id;
  std::string name;                   ///< the official wording, e.g. 理论学习
  std::vector<std::string> aliases;   ///< phrases in a problem heading that mean this aspect
  std::vector<std::string> causes;    ///< phrases in a cause heading that answer it
  std::vector<std::string> measures;  ///< phrases in a measure heading that answer it
};

/// A rule written in TOML (`kind = "..."`): a check kind with its settings.
struct DeclaredRule {
  std::string id;
  std::string kind;
  std::string description;  ///< Chinese, shown by `checklint explain`
  std::string origin;       ///< the rule-set file that defines it
  bool enabled = true;
  Severity severity = Severity::Warning;
  TextRuleCommon common;
  std::shared_ptr<const TextRule> rule;
};

/// Every pattern of every declarative rule in one RE2::Set, matched once per paragraph.
/// Compiled on first use: of the built-in sets loaded to choose one, only the chosen is used.
/// Indexes with the same pattern list (the built-in sets mostly share common.toml's) share one
/// compiled set, one set of direct matchers and one kDirectBytes budget.
class TextIndex {
 public:
  std::vector<std::string> patterns;                ///< per set entry, in rule-id order
  std::vector<std::pair<std::string, int>> owners;  ///< per set entry: rule id, the rule's own pattern index
  std::string origin;                               ///< the rule set's file, for errors

  /// The compiled set (thread-safe); throws RuleSetError when the patterns do not compile.
  [[nodiscard]] const RE2::Set& set() const;

  /// The entries whose pattern matches somewhere in `text`, as set().Match() gives them (in
  /// ascending order). The first kDirectBytes that a run matches against this pattern list go
  /// through match_directly() instead: compiling the set and building its DFA cost more than a
  /// small draft's whole lint; a text of kDirectBytes or more goes to the set. Thread-safe.
  bool match(std::string_view text, std::vector<int>& hits) const;

  /// The same answer pattern by pattern, each pattern only where its required_strings() occur.
  bool match_directly(std::string_view text, std::vector<int>& hits) const;

  /// Bytes matched so far against this pattern list, through any index: the budget's count.
  [[nodiscard]] std::size_t matched_bytes() const;

  static constexpr std::size_t kDirectBytes = std::size_t{64} << 10U;

  struct Shared;  ///< per distinct pattern list (ruleset.cpp)

 private:
  [[nodiscard]] Shared& shared() const;

  mutable std::once_flag once_;
  mutable std::shared_ptr<Shared> shared_;
};

struct RuleSet {
  std::string id;
  std::string name;
  std::string description;
  std::string theme;                         ///< the meeting's theme, as the notice words it
  std::int64_t year = 0;                     ///< the year the meeting is for (0: any)
  std::string origin;                        ///< "rules/common.toml" (built-in) or a file path
  std::map<std::string, std::int64_t> detect;  ///< phrase → weight, for choosing a set from a draft
  std::array<PartSpec, kPartRoleCount> parts;  ///< by PartRole
  std::vector<PartRole> part_order;          ///< expected order of the parts
  std::vector<DimensionSpec> dimensions;     ///< required aspects, in official order
  bool dimensions_from_draft = false;        ///< generic: the draft's own announced aspects are required
  std::map<std::string, RuleConfig> rules;   ///< every built-in rule, resolved
  std::map<std::string, DeclaredRule> declared;  ///< rules written in TOML, by id
  std::shared_ptr<const TextIndex> text_index;   ///< built once the set is loaded

  [[nodiscard]] const PartSpec& part(PartRole role) const { return parts.at(static_cast<std::size_t>(role)); }
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

/// Every built-in rule set, loaded once (for detection and theme comparison).
const std::vector<RuleSet>& builtin_rulesets();

}  // namespace checklint
