#pragma once
// Applying a [rules] table over a rule set that is already loaded: the same
// syntax, checks and error positions as in a rule-set file (used by .checklint.toml).
#include <string>

#include <toml++/toml.h>

#include "linter/rules/ruleset.h"

namespace checklint {

/// Applies `rules` (a [rules] table read from `path`) to `set` and rebuilds its text
/// index; throws RuleSetError (`path:line:col: error: …`) on an unknown rule, key or value.
void apply_rules_overlay(RuleSet& set, const toml::node& rules, const std::string& path);

}  // namespace checklint
