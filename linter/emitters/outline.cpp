// `checklint outline`: the section tree as indented text or as JSON.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "linter/analysis/analysis.h"
#include "linter/emitters/emitter.h"

namespace checklint {
namespace {

std::string marker_text(const Document& doc, const Node& node) {
  if (node.numbering) return std::string(doc.text.slice(node.numbering->range));
  if (node.item) return std::string(doc.text.slice({node.item->offset, node.item->offset + node.item->length}));
  return {};
}

int ordinal_of(const Node& node) {
  if (node.numbering) return node.numbering->marker.ordinal;
  if (node.item) return node.item->ordinal;
  return 0;
}

/// The role of a part and the aspect of a problem subsection, where known.
struct Annotations {
  std::string role;
  std::string dimension;
};

Annotations annotations(const Analysis* analysis, const Node& node) {
  Annotations a;
  if (analysis == nullptr) return a;
  for (const auto& part : analysis->parts) {
    if (part.node == &node) a.role = role_id(part.role);
  }
  for (const auto& unit : analysis->problems) {
    if (unit.node == &node && unit.dimension) a.dimension = analysis->dimensions[*unit.dimension].name;
  }
  return a;
}

bool is_standard(const Node& node) { return !node.numbering || node.numbering->marker.standard; }

std::string_view kind_name(const Node& node) {
  switch (node.kind) {
    case NodeKind::Heading: return "heading";
    case NodeKind::Numbered: return "numbered";
    case NodeKind::Item: return "item";
    case NodeKind::Title: return "title";
    case NodeKind::Preamble: return "preamble";
    case NodeKind::Document: return "document";
  }
  return "";
}

/// Long run-in headings are cut for the text outline (the JSON keeps them whole).
std::string shorten(std::string_view heading, std::size_t max_chars) {
  if (char_count(heading) <= max_chars) return std::string(heading);
  std::size_t i = 0;
  for (std::size_t n = 0; n < max_chars && i < heading.size(); ++n) {
    std::size_t len = 1;
    decode_utf8(heading, i, len);
    i += len;
  }
  return std::string(heading.substr(0, i)) + "…";
}

void text_node(std::ostream& out, const Document& doc, const Analysis* analysis, const Node& node, int depth, Lang lang) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  std::string line = fmt::format("{:>5}  {}", node.line + 1, indent);
  if (node.kind == NodeKind::Heading && node.heading_level > 0) line += std::string(static_cast<std::size_t>(node.heading_level), '#') + " ";
  const std::string marker = marker_text(doc, node);
  if (!marker.empty()) line += fmt::format("{} [{}] ", marker, ordinal_of(node));
  line += shorten(doc.text.slice(node.heading), 40);
  const Annotations notes = annotations(analysis, node);
  if (!notes.role.empty()) line += fmt::format("  [{}]", notes.role);
  if (!notes.dimension.empty()) {
    line += fmt::format(fmt::runtime(tr(lang, "  〔方面：{}〕", "  [aspect: {}]")), shorten(notes.dimension, 20));
  }
  if (!is_standard(node)) {
    line += fmt::format(fmt::runtime(tr(lang, "  （不规范，应为“{}”）", "  (non-standard; should be '{}')")),
                        node.numbering->marker.canonical());
  }
  out << line << '\n';
  for (const Node& child : node.children) text_node(out, doc, analysis, child, depth + 1, lang);
}

nlohmann::ordered_json json_node(const Document& doc, const Analysis* analysis, const Node& node, int depth) {
  nlohmann::ordered_json j;
  const Position pos = doc.text.position(node.numbering ? node.numbering->range.begin
                                         : node.item    ? node.item->offset
                                                        : doc.lines[node.line].content.begin);
  j["kind"] = kind_name(node);
  int level = depth;
  if (node.numbering) {
    level = node.numbering->marker.level;
  } else if (node.kind == NodeKind::Heading) {
    level = node.heading_level;
  }
  j["level"] = level;
  j["depth"] = depth;
  const std::string marker = marker_text(doc, node);
  j["marker"] = marker.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(marker);
  j["ordinal"] = marker.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(ordinal_of(node));
  j["style"] = is_standard(node) ? "standard" : "nonstandard";
  if (!is_standard(node)) j["canonical"] = node.numbering->marker.canonical();
  if (node.kind == NodeKind::Heading) j["heading_level"] = node.heading_level;
  j["heading"] = std::string(doc.text.slice(node.heading));
  j["line"] = pos.line;
  j["column"] = pos.column;
  const Annotations notes = annotations(analysis, node);
  if (!notes.role.empty()) j["role"] = notes.role;
  if (!notes.dimension.empty()) j["dimension"] = notes.dimension;
  j["end_line"] = doc.text.position(node.range.end > node.range.begin ? node.range.end - 1 : node.range.end).line;
  nlohmann::ordered_json children = nlohmann::ordered_json::array();
  for (const Node& child : node.children) children.push_back(json_node(doc, analysis, child, depth + 1));
  j["children"] = std::move(children);
  return j;
}

}  // namespace

void emit_outline_text(std::ostream& out, const Document& doc, const Analysis* analysis, Lang lang) {
  out << doc.text.path() << '\n';
  for (const Node& node : doc.root.children) {
    if (node.kind == NodeKind::Title) {
      out << fmt::format("{:>5}  {}{}\n", node.line + 1, tr(lang, "标题：", "title: "), doc.text.slice(node.heading));
    } else if (node.kind == NodeKind::Preamble) {
      out << fmt::format("{:>5}  {}\n", node.line + 1,
                         fmt::format(fmt::runtime(tr(lang, "导语（{} 段）", "preamble ({} paragraph(s))")), node.paragraphs.size()));
    } else {
      text_node(out, doc, analysis, node, 0, lang);
    }
  }
}

void emit_outline_json(std::ostream& out, const Document& doc, const Analysis* analysis) {
  nlohmann::ordered_json j;
  j["file"] = doc.text.path();
  j["format"] = doc.format == InputFormat::Markdown ? "markdown" : "text";
  j["title"] = nullptr;
  j["preamble"] = nullptr;
  nlohmann::ordered_json sections = nlohmann::ordered_json::array();
  for (const Node& node : doc.root.children) {
    if (node.kind == NodeKind::Title) {
      j["title"] = std::string(doc.text.slice(node.heading));
      j["title_line"] = node.line + 1;
    } else if (node.kind == NodeKind::Preamble) {
      nlohmann::ordered_json lines = nlohmann::ordered_json::array();
      for (std::size_t p : node.paragraphs) lines.push_back(p + 1);
      j["preamble"] = {{"line", node.line + 1}, {"paragraph_lines", lines}};
    } else {
      sections.push_back(json_node(doc, analysis, node, 1));
    }
  }
  j["sections"] = std::move(sections);
  out << j.dump(2) << '\n';
}

}  // namespace checklint
