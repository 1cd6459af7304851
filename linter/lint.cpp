#include "linter/lint.h"

#include <algorithm>
#include <map>

#include "linter/analysis/analysis.h"
#include "linter/diagnostics/suppressions.h"

namespace checklint {

bool rule_known(const RuleSet& rules, const std::string& name);  // checks/suppression_unused.cpp

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
  std::map<std::string, Active, std::less<>> active;  // transparent: looked up by string_view per paragraph
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
      const auto found = active.find(id);
      if (found == active.end()) continue;
      CheckContext check(doc, rules, analysis, found->second.config, found->first, options.lang, out);
      TextContext ctx(check, view, scopes, found->second.rule->common);
      found->second.rule->rule->run_chunk(ctx, chunk, local);
    }
  }
}

/// Applies the checklint-disable comments, then reports those that suppressed nothing.
void apply_comments(const Document& doc, const RuleSet& rules, const LintOptions& options, std::vector<Diagnostic>& out) {
  auto suppressions = find_suppressions(doc);
  if (suppressions.empty()) return;
  apply_suppressions(doc, suppressions, out);
  const auto config = rules.rules.find("suppression/unused");
  if (config == rules.rules.end() || !config->second.enabled) return;
  for (const auto& s : suppressions) {
    if (s.used || s.kind == Suppression::Kind::Enable) continue;
    // A comment naming an unknown rule is already reported as such.
    if (!std::all_of(s.rules.begin(), s.rules.end(), [&](const std::string& name) { return rule_known(rules, name); })) continue;
    Diagnostic d;
    d.rule = "suppression/unused";
    d.severity = config->second.severity;
    d.message = tr(options.lang, "这条屏蔽注释没有屏蔽任何问题，可以删除", "this suppression suppresses nothing and can be removed");
    d.range = s.range;
    d.fixes.push_back({s.range, "", false});
    out.push_back(std::move(d));
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
  apply_comments(doc, rules, options, out);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.rule < b.rule;
  });
  return out;
}

}  // namespace checklint
