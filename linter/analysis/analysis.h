#pragma once
// What a draft says it covers: which top-level sections are which parts
// (problems, causes, measures …), which aspect (方面) each problem subsection
// stands for, and which aspects each cause and measure answers. Computed once
// per lint from the section tree and the rule set; the structure/, dimension/,
// linkage/ and content/ checks read it.
#include <optional>
#include <string>
#include <vector>

#include "linter/diagnostics/suppressions.h"
#include "linter/document/document.h"
#include "linter/rules/ruleset.h"

namespace checklint {

struct Part {
  PartRole role;
  const Node* node;
};

/// A problem subsection (or item, where the part has no subsections) and its aspect.
struct ProblemUnit {
  const Node* node;
  std::optional<std::size_t> dimension;  ///< index into Analysis::dimensions
};

/// A cause or measure subsection and the aspects it answers.
struct AnswerUnit {
  const Node* node;
  std::vector<std::size_t> dimensions;
};

/// The draft checks itself against another theme's aspects.
struct ThemeMismatch {
  const RuleSet* actual = nullptr;   ///< the built-in set whose aspects the draft uses
  std::vector<std::string> found;    ///< the draft's problem headings
  std::vector<std::string> missing;  ///< the declared set's aspects not covered
};

struct Analysis {
  std::vector<Part> parts;                 ///< recognised top-level parts, in document order
  std::vector<const Node*> other_sections; ///< top-level sections that are no known part
  std::vector<DimensionSpec> dimensions;   ///< the aspects linkage is measured against
  std::string dimension_frame;             ///< where they come from: the rule set's id, or "draft"
  std::vector<ProblemUnit> problems;
  std::vector<AnswerUnit> causes;
  std::vector<AnswerUnit> measures;
  std::vector<std::string> announced;      ///< aspects the preamble announces (generic sets)
  std::optional<ThemeMismatch> mismatch;
  std::vector<Suppression> suppressions;   ///< the checklint-disable comments, found once per draft

  [[nodiscard]] const Part* find(PartRole role) const;
};

Analysis analyse(const Document& doc, const RuleSet& rules);

/// How well the draft's problem subsections fit a set's aspects: the number of
/// distinct aspects they name, and the number of subsections.
struct Coverage {
  std::size_t aspects = 0;
  std::size_t units = 0;
};
Coverage dimension_coverage(const Document& doc, const RuleSet& rules);

/// The part role a heading names under `rules`, if any.
std::optional<PartRole> role_of_heading(std::string_view heading, const RuleSet& rules);

/// The text of a node used for matching: its heading and its items' headings.
std::string outline_text(const Document& doc, const Node& node);
/// All of a node's text: heading, body, paragraphs and children, book titles removed.
std::string full_text(const Document& doc, const Node& node);

}  // namespace checklint
