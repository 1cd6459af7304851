#include "linter/cli/warmup.h"

#include "linter/checks/check.h"
#include "linter/rules/ruleset.h"

namespace checklint {
namespace {

void load_builtin_sets() {
  try {
    (void)builtin_rulesets();
  } catch (const std::exception&) {
    // The first thread meets the same error where it loads the sets, and reports it there.
  }
}

/// At their default settings, which no built-in set changes: a configuration that does
/// only means that its patterns compile later, on first use.
void prepare_checks() {
  const RuleSet defaults = default_ruleset();
  for (const Check* check : all_checks()) {
    const auto found = defaults.rules.find(check->info().id);
    if (found != defaults.rules.end() && found->second.enabled) check->prepare(found->second);
  }
}

}  // namespace

Warmup::Warmup() : thread_(load_builtin_sets) { prepare_checks(); }

}  // namespace checklint
