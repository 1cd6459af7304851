#pragma once
// A check is C++ in its own file with its own doc page (checks/<name>.md); it
// reports under one rule id. The rule set (TOML) decides whether it runs, how
// severe its findings are, and the values of its options.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"

namespace checklint {

struct Analysis;
struct RuleSet;

using OptionValue = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

/// A setting a rule accepts in its TOML table, with its default.
struct OptionSpec {
  std::string name;
  OptionValue default_value;
  std::string description;  ///< Chinese, shown by `checklint explain`
  bool regex = false;       ///< a list of RE2 patterns, validated when the rule set loads
};

struct RuleInfo {
  std::string id;                ///< "numbering/sequence"
  Severity default_severity = Severity::Warning;
  std::string summary_zh;        ///< one line for `checklint rules`
  std::string summary_en;
  std::string doc_path;          ///< embedded doc, e.g. "linter/checks/numbering_sequence.md"
  std::vector<OptionSpec> options;
};

/// A rule's settings after the rule set (and what it extends) is applied.
struct RuleConfig {
  bool enabled = true;
  Severity severity = Severity::Warning;
  std::map<std::string, OptionValue> options;

  [[nodiscard]] std::int64_t integer(const std::string& name) const;
  [[nodiscard]] bool flag(const std::string& name) const;
  [[nodiscard]] const std::vector<std::string>& strings(const std::string& name) const;
};

/// What a check sees while it runs, and where it reports.
class CheckContext {
 public:
  CheckContext(const Document& doc, const RuleSet& rules, const Analysis& analysis, const RuleConfig& config,
               std::string_view rule, Lang lang, DiagnosticSink& out)
      : doc_(doc), rules_(rules), analysis_(analysis), config_(config), rule_(rule), lang_(lang), out_(out) {}

  [[nodiscard]] const Document& doc() const { return doc_; }
  [[nodiscard]] const RuleSet& rules() const { return rules_; }
  /// Parts, aspects and linkage of the draft (analysis/analysis.h).
  [[nodiscard]] const Analysis& analysis() const { return analysis_; }
  /// The text of a range.
  [[nodiscard]] std::string_view slice(ByteRange range) const { return doc_.text.slice(range); }
  [[nodiscard]] const RuleConfig& config() const { return config_; }
  [[nodiscard]] Lang lang() const { return lang_; }
  [[nodiscard]] const char* tr(const char* zh, const char* en) const { return checklint::tr(lang_, zh, en); }

  /// Adds a diagnostic under this rule with the configured severity; returns it for notes and fixes.
  Diagnostic& report(ByteRange range, Message message);

 private:
  const Document& doc_;
  const RuleSet& rules_;
  const Analysis& analysis_;
  const RuleConfig& config_;
  RuleId rule_;
  Lang lang_;
  DiagnosticSink& out_;
};

class Check {
 public:
  Check() = default;
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;
  Check(Check&&) = delete;
  Check& operator=(Check&&) = delete;
  virtual ~Check() = default;
  [[nodiscard]] virtual const RuleInfo& info() const = 0;
  virtual void run(CheckContext& ctx) const = 0;
};

/// Every built-in check, in one explicit list (checks/registry.cpp).
const std::vector<const Check*>& all_checks();
const Check* find_check(std::string_view rule_id);

/// Calls `visit` on every node of the tree, parents before children.
template <typename Visit>
void walk(const Node& node, Visit&& visit) {
  visit(node);
  for (const Node& child : node.children) walk(child, visit);
}

}  // namespace checklint
