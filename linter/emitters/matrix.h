#pragma once
// The coverage matrix's rows: for each aspect (方面) of the analysis, the problem
// subsections and items that cover it, and the causes and measures that answer
// it. `checklint matrix` prints them; the HTML report draws them as a table.
#include <string>
#include <vector>

#include "linter/analysis/analysis.h"

namespace checklint {

struct MatrixCell {
  const Node* node = nullptr;
  std::size_t line = 0;  ///< 1-based
  std::string marker;    ///< 一、 / （一） / 一是 …, as written
  std::string heading;
};

struct MatrixRow {
  std::vector<MatrixCell> problems;
  std::vector<MatrixCell> items;
  std::vector<MatrixCell> causes;
  std::vector<MatrixCell> measures;
};

/// One row per Analysis::dimensions entry, in order.
std::vector<MatrixRow> matrix_rows(const Document& doc, const Analysis& analysis);
/// The problem subsections that map to no aspect.
std::vector<MatrixCell> unmapped_problems(const Document& doc, const Analysis& analysis);

}  // namespace checklint
