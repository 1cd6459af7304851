#include "linter/lint.h"

#include <algorithm>
#include <map>

#include "linter/analysis/analysis.h"

namespace checklint {
namespace {

/// Runs the TOML-declared rules: pattern rules through the shared index, one
/// RE2::Set pass per paragraph; the others once over the whole text.
void run_text_rules(const Document& doc, const RuleSet& rules, const Analysis& analysis, const LintOptions& options,
                    std::vector<Diagnostic>& out) {
  const bool any = std::any_of(rules.declared.begin(), rules.declared.end(), [](const auto& r) { return r.second.enabled; });
  if (!any) return;
  const TextView view(doc);
  const ScopeMap scopes(doc, analysis);
  struct Active {
    const DeclaredRule* rule;
    RuleConfig config;
  };
  std::map<std::string, Active> active;
  for (const auto& [id, rule] : rules.declared) {
    if (rule.enabled) active.emplace(id, Active{&rule, RuleConfig{true, rule.severity, {}}});
  }
  // Whole-text rules.
  for (auto& [id, a] : active) {
    CheckContext check(doc, rules, analysis, a.config, id, options.lang, out);
    TextContext ctx(check, view, scopes, a.rule->common);
    a.rule->rule->run(ctx);
  }
  // Pattern rules: which patterns hit each paragraph, then only those rules there.
  if (!rules.text_index || rules.text_index->owners.empty()) return;
  const std::string_view text = view.text();
  std::vector<int> hits;
  for (const ByteRange chunk : view.chunks()) {
    hits.clear();
    if (!rules.text_index->set->Match(re2::StringPiece(text.data() + chunk.begin, chunk.size()), &hits)) continue;
    std::sort(hits.begin(), hits.end());
    std::map<std::string_view, std::vector<int>> by_rule;
    for (int h : hits) {
      const auto& [id, local] = rules.text_index->owners.at(static_cast<std::size_t>(h));
      by_rule[id].push_back(local);
    }
    for (const auto& [id, local] : by_rule) {
      const auto found = active.find(std::string(id));
      if (found == active.end()) continue;
      CheckContext check(doc, rules, analysis, found->second.config, found->first, options.lang, out);
      TextContext ctx(check, view, scopes, found->second.rule->common);
      found->second.rule->rule->run_chunk(ctx, chunk, local);
    }
  }
}

}  // namespace

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
  run_text_rules(doc, rules, analysis, options, out);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.rule < b.rule;
  });
  return out;
}

}  // namespace checklint
