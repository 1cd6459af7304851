#include "linter/cli/warmup.h"

#include <algorithm>

#include "linter/checks/check.h"
#include "linter/rules/ruleset.h"

namespace checklint {
namespace {

void warm() {
  try {
    const auto& sets = builtin_rulesets();
    if (sets.empty()) return;
    // Every built-in set extends common.toml, which gives the checks' settings; a set that
    // changes one only means that its patterns compile on the first thread instead.
    const auto common = std::find_if(sets.begin(), sets.end(), [](const RuleSet& set) { return set.id == "common"; });
    const RuleSet& base = common != sets.end() ? *common : sets.front();
    for (const Check* check : all_checks()) {
      const auto found = base.rules.find(check->info().id);
      if (found != base.rules.end() && found->second.enabled) check->prepare(found->second);
    }
  } catch (const std::exception&) {
    // The first thread meets the same error where it loads the sets, and reports it there.
  }
}

}  // namespace

Warmup::Warmup() : thread_(warm) {}

}  // namespace checklint
