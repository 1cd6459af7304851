// The one list of built-in checks, in the order `checklint rules` shows them.
#include "linter/checks/check.h"

namespace checklint {

const Check& numbering_sequence_check();
const Check& numbering_hierarchy_check();
const Check& numbering_style_check();
const Check& numbering_count_check();
const Check& structure_missing_part_check();
const Check& structure_part_order_check();
const Check& structure_title_check();
const Check& structure_closing_check();
const Check& structure_praise_check();
const Check& structure_stray_text_check();
const Check& dimension_theme_mismatch_check();
const Check& dimension_missing_check();
const Check& dimension_order_check();
const Check& dimension_unmapped_check();
const Check& linkage_cause_check();
const Check& linkage_measure_check();
const Check& linkage_item_check();
const Check& content_example_check();
const Check& content_measure_check();
const Check& punctuation_final_stop_check();
const Check& suppression_unused_check();

const std::vector<const Check*>& all_checks() {
  static const std::vector<const Check*> checks = {
      &numbering_sequence_check(),
      &numbering_hierarchy_check(),
      &numbering_style_check(),
      &numbering_count_check(),
      &structure_missing_part_check(),
      &structure_part_order_check(),
      &structure_title_check(),
      &structure_closing_check(),
      &structure_praise_check(),
      &structure_stray_text_check(),
      &dimension_theme_mismatch_check(),
      &dimension_missing_check(),
      &dimension_order_check(),
      &dimension_unmapped_check(),
      &linkage_cause_check(),
      &linkage_measure_check(),
      &linkage_item_check(),
      &content_example_check(),
      &content_measure_check(),
      &punctuation_final_stop_check(),
      &suppression_unused_check(),
  };
  return checks;
}

}  // namespace checklint
