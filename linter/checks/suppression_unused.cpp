// suppression/unused: a checklint-disable comment that names an unknown rule,
// or that suppresses nothing (stale after an edit).
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"
#include "linter/diagnostics/suppressions.h"
#include "linter/rules/ruleset.h"

namespace checklint {

bool rule_known(const RuleSet& rules, const std::string& name) {
  const std::string_view prefix = name.ends_with("*") ? std::string_view(name).substr(0, name.size() - 1) : std::string_view(name);
  const auto matches = [&](const std::string& id) { return name.ends_with("*") ? id.starts_with(prefix) : id == name; };
  return std::any_of(rules.rules.begin(), rules.rules.end(), [&](const auto& r) { return matches(r.first); }) ||
         std::any_of(rules.declared.begin(), rules.declared.end(), [&](const auto& r) { return matches(r.first); });
}

namespace {

class SuppressionUnused final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"suppression/unused", Severity::Warning, "屏蔽注释写了未知规则，或者没有屏蔽任何问题",
                               "A suppression comment names an unknown rule or suppresses nothing",
                               "linter/checks/suppression_unused.md", {}};
    return info;
  }

  /// Unknown rule names; unused comments are found by lint() once every rule has run.
  void run(CheckContext& ctx) const override {
    for (const auto& s : ctx.analysis().suppressions) {
      for (const auto& name : s.rules) {
        if (rule_known(ctx.rules(), name)) continue;
        ctx.report(s.range, fmt::format(fmt::runtime(ctx.tr("屏蔽注释中的规则“{}”不存在", "the suppression names an unknown rule '{}'")), name));
      }
    }
  }

};

}  // namespace

const Check& suppression_unused_check() {
  static const SuppressionUnused check;
  return check;
}

}  // namespace checklint
