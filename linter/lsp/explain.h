#pragma once
// A rule's explanation as Markdown, for hovers: the embedded doc page of a C++
// check, or a TOML rule's description with its check kind's page (what
// `checklint explain` prints).
#include <optional>
#include <string>

#include "linter/diagnostics/diagnostic.h"
#include "linter/rules/ruleset.h"

namespace checklint::lsp {

/// nullopt when `rule` is neither a check nor declared in `rules` (which may be null).
std::optional<std::string> rule_explanation(const std::string& rule, const RuleSet* rules, Lang lang);

}  // namespace checklint::lsp
