#include "linter/lint.h"

#include <algorithm>

#include "linter/analysis/analysis.h"

namespace checklint {

std::vector<Diagnostic> lint(const Document& doc, const RuleSet& rules, const LintOptions& options) {
  std::vector<Diagnostic> out;
  const Analysis analysis = analyse(doc, rules);
  for (const Check* check : all_checks()) {
    const auto& id = check->info().id;
    const auto found = rules.rules.find(id);
    if (found == rules.rules.end() || !found->second.enabled) continue;
    CheckContext ctx(doc, rules, analysis, found->second, id, options.lang, out);
    check->run(ctx);
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.rule < b.rule;
  });
  return out;
}

}  // namespace checklint
