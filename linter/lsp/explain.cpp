#include "linter/lsp/explain.h"

#include <fmt/format.h>

#include "linter/checks/check.h"
#include "linter/checks/kinds/kind.h"
#include "linter/embedded.h"

namespace checklint::lsp {

std::optional<std::string> rule_explanation(const std::string& rule, const RuleSet* rules, Lang lang) {
  if (const Check* check = find_check(rule)) {
    const RuleInfo& info = check->info();
    std::string text(find_embedded(info.doc_path).value_or(""));
    std::string_view severity = severity_name(info.default_severity);
    if (rules != nullptr) {
      if (const auto found = rules->rules.find(rule); found != rules->rules.end()) severity = severity_name(found->second.severity);
    }
    text += fmt::format(fmt::runtime(tr(lang, "\n\n级别：{}\n", "\n\nseverity: {}\n")), severity);
    return text;
  }
  if (rules == nullptr) return std::nullopt;
  const auto found = rules->declared.find(rule);
  if (found == rules->declared.end()) return std::nullopt;
  const DeclaredRule& declared = found->second;
  std::string text = fmt::format("# {}\n\n{}\n\n", declared.id, declared.description);
  text += fmt::format(fmt::runtime(tr(lang, "级别：{}；类型：{}；定义于：{}\n\n", "severity: {}; kind: {}; defined in: {}\n\n")),
                      severity_name(declared.severity), declared.kind, declared.origin);
  if (const Kind* kind = find_kind(declared.kind)) text += find_embedded(kind->doc_path()).value_or("");
  return text;
}

}  // namespace checklint::lsp
