#pragma once
// The one lint entry point that the CLI and the language server share: a pure
// function from a parsed document and a rule set to diagnostics.
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"
#include "linter/rules/ruleset.h"

namespace checklint {

struct LintOptions {
  Lang lang = Lang::Zh;
};

/// Runs every enabled rule of `rules` over `doc`; diagnostics come sorted by position, then rule.
std::vector<Diagnostic> lint(const Document& doc, const RuleSet& rules, const LintOptions& options);

}  // namespace checklint
