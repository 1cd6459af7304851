// The one list of check kinds.
#include "linter/checks/kinds/kind.h"

namespace checklint {

const Kind& existence_kind();
const Kind& substitution_kind();
const Kind& occurrence_kind();
const Kind& consistency_kind();
const Kind& enumeration_kind();
const Kind& pairs_kind();
const Kind& repetition_kind();

const std::vector<const Kind*>& all_kinds() {
  static const std::vector<const Kind*> kinds = {
      &existence_kind(), &substitution_kind(), &occurrence_kind(), &consistency_kind(),
      &enumeration_kind(), &pairs_kind(), &repetition_kind(),
  };
  return kinds;
}

const Kind* find_kind(std::string_view name) {
  for (const Kind* kind : all_kinds()) {
    if (kind->name() == name) return kind;
  }
  return nullptr;
}

}  // namespace checklint
