// The one list of built-in checks, in the order `checklint rules` shows them.
#include "linter/checks/check.h"

namespace checklint {

const Check& numbering_sequence_check();
const Check& numbering_hierarchy_check();
const Check& numbering_style_check();
const Check& numbering_count_check();

const std::vector<const Check*>& all_checks() {
  static const std::vector<const Check*> checks = {
      &numbering_sequence_check(),
      &numbering_hierarchy_check(),
      &numbering_style_check(),
      &numbering_count_check(),
  };
  return checks;
}

}  // namespace checklint
