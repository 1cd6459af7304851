// Fuzz target: arbitrary TOML as a rule set. Every problem must be a RuleSetError
// (path:line:col), never a crash, a hang or an exception of another type.
#include "fuzz/common.h"
#include "linter/rules/ruleset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT(readability-identifier-naming): libFuzzer's name
  try {
    (void)checklint::parse_ruleset(checklint::fuzz::bytes_of(data, size), "fuzz/ruleset.toml");
  } catch (const checklint::RuleSetError&) {
    // A rule-set error, reported with its position.
  }
  return 0;
}
