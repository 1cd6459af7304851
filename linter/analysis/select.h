#pragma once
// Choosing a rule set from a draft: the title and preamble name the meeting's
// theme or year; each built-in set lists the phrases that reveal it.
#include <optional>
#include <string>

#include "linter/document/document.h"
#include "linter/rules/ruleset.h"

namespace checklint {

struct Selection {
  const RuleSet* rules = nullptr;     ///< one of builtin_rulesets()
  std::string reason_zh;              ///< why, for a note
  std::string reason_en;
  std::optional<ByteRange> evidence;  ///< where the deciding phrase is written
};

/// Picks the built-in set whose detection phrases best match the title and
/// preamble; falls back to `generic` when nothing scores enough.
Selection select_ruleset(const Document& doc);

/// Where the first of the set's detection phrases occurs in the title or preamble.
std::optional<ByteRange> find_evidence(const Document& doc, const RuleSet& rules);

}  // namespace checklint
