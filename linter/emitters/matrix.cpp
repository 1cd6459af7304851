// `checklint matrix`: the coverage matrix a reviewer reads — for each aspect,
// the problem subsections and items, the causes and the measures that cover
// it, with line numbers; empty cells are marked.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "linter/analysis/analysis.h"
#include "linter/emitters/emitter.h"
#include "linter/emitters/matrix.h"

namespace checklint {
namespace {

using Json = nlohmann::ordered_json;
using Cell = MatrixCell;
using Row = MatrixRow;

std::string marker_of(const Document& doc, const Node& node) {
  if (node.numbering) return std::string(doc.text.slice(node.numbering->range));
  if (node.item) return std::string(doc.text.slice({node.item->offset, node.item->offset + node.item->length}));
  return {};
}

Cell cell(const Document& doc, const Node& node) {
  return {&node, node.line + 1, marker_of(doc, node), std::string(doc.text.slice(node.heading))};
}

}  // namespace

std::vector<MatrixRow> matrix_rows(const Document& doc, const Analysis& a) {
  std::vector<Row> rows(a.dimensions.size());
  for (const auto& unit : a.problems) {
    if (!unit.dimension) continue;
    Row& row = rows[*unit.dimension];
    row.problems.push_back(cell(doc, *unit.node));
    for (const Node& child : unit.node->children) {
      if (child.kind == NodeKind::Item) row.items.push_back(cell(doc, child));
    }
  }
  for (const auto& answer : a.causes) {
    for (std::size_t d : answer.dimensions) rows[d].causes.push_back(cell(doc, *answer.node));
  }
  for (const auto& answer : a.measures) {
    for (std::size_t d : answer.dimensions) rows[d].measures.push_back(cell(doc, *answer.node));
  }
  return rows;
}

std::vector<MatrixCell> unmapped_problems(const Document& doc, const Analysis& a) {
  std::vector<Cell> cells;
  for (const auto& unit : a.problems) {
    if (!unit.dimension) cells.push_back(cell(doc, *unit.node));
  }
  return cells;
}

namespace {

std::string cells_text(const std::vector<Cell>& cells, Lang lang, bool judged = true) {
  if (!judged) return tr(lang, "（通用规则集不按方面判断原因）", "(not judged per aspect for the generic set)");
  if (cells.empty()) return tr(lang, "—— 空缺", "—— none");
  std::string out;
  for (const auto& c : cells) {
    out += fmt::format(fmt::runtime(tr(lang, "{}第 {} 行 {}{}", "{}line {} {}{}")), out.empty() ? "" : "；", c.line, c.marker, c.heading);
  }
  return out;
}

Json cells_json(const std::vector<Cell>& cells) {
  Json list = Json::array();
  for (const auto& c : cells) list.push_back({{"line", c.line}, {"marker", c.marker}, {"heading", c.heading}});
  return list;
}

}  // namespace

void emit_matrix_text(std::ostream& out, const Document& doc, const RuleSet& rules, const Analysis& a, Lang lang) {
  out << fmt::format(fmt::runtime(tr(lang, "{}：规则集 {}（{}），方面依据：{}\n", "{}: rule set {} ({}), aspects from: {}\n")),
                     doc.text.path(), rules.id, rules.name, a.dimension_frame);
  const auto rows = matrix_rows(doc, a);
  const bool causes_judged = !rules.dimensions_from_draft;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& row = rows[i];
    out << fmt::format("\n[{}] {}\n", i + 1, a.dimensions[i].name);
    out << fmt::format(fmt::runtime(tr(lang, "  问题：{}\n", "  problems: {}\n")), cells_text(row.problems, lang));
    if (!row.items.empty()) {
      std::string items;
      for (const auto& c : row.items) items += fmt::format("{}{}:{}", items.empty() ? "" : " ", c.line, c.marker);
      out << fmt::format(fmt::runtime(tr(lang, "  条目：{}\n", "  items: {}\n")), items);
    }
    out << fmt::format(fmt::runtime(tr(lang, "  原因：{}\n", "  causes: {}\n")), cells_text(row.causes, lang, causes_judged));
    out << fmt::format(fmt::runtime(tr(lang, "  措施：{}\n", "  measures: {}\n")), cells_text(row.measures, lang));
  }
  const std::vector<Cell> unmapped = unmapped_problems(doc, a);
  if (!unmapped.empty()) {
    out << fmt::format(fmt::runtime(tr(lang, "\n对应不到任何方面的问题：{}\n", "\nproblems that map to no aspect: {}\n")),
                       cells_text(unmapped, lang));
  }
}

void emit_matrix_json(std::ostream& out, const Document& doc, const RuleSet& rules, const Analysis& a) {
  Json j;
  j["file"] = doc.text.path();
  j["ruleset"] = {{"id", rules.id}, {"name", rules.name}};
  j["aspects_from"] = a.dimension_frame;
  Json dims = Json::array();
  const auto rows = matrix_rows(doc, a);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    dims.push_back({{"id", a.dimensions[i].id},
                    {"name", a.dimensions[i].name},
                    {"order", i + 1},
                    {"problems", cells_json(rows[i].problems)},
                    {"items", cells_json(rows[i].items)},
                    {"causes", rules.dimensions_from_draft ? Json(nullptr) : cells_json(rows[i].causes)},
                    {"measures", cells_json(rows[i].measures)}});
  }
  j["dimensions"] = std::move(dims);
  const std::vector<Cell> unmapped = unmapped_problems(doc, a);
  j["unmapped"] = cells_json(unmapped);
  out << j.dump(2) << '\n';
}

}  // namespace checklint
