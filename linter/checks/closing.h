#pragma once
// Where a draft ends: its closing line (以上对照检查，请同志们批评指正。) and the
// signature lines (organ, date) that may follow it. Shared by the structure
// and punctuation checks.
#include <optional>
#include <string>
#include <vector>

#include "linter/document/document.h"

namespace checklint {

/// The 0-based line of the closing line: the last short paragraph holding one
/// of `phrases` after the start of the last top-level section (a sentence in a
/// measure that asks for 批评帮助 is not the closing).
std::optional<std::size_t> find_closing_line(const Document& doc, const std::vector<std::string>& phrases);

/// A 落款 line: the issuing organ (中共某县水利局党组) or a date (2025年1月15日).
bool is_signature_line(std::string_view text);

/// A title's first line when the title is set on two lines: short, no punctuation, names an organ.
bool is_organ_line(std::string_view line);

}  // namespace checklint
