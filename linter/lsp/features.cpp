#include "linter/lsp/features.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/emitters/lsp_json.h"
#include "linter/fix/fix.h"
#include "linter/lsp/explain.h"

namespace checklint::lsp {
namespace {

Json text_edit(const SourceText& text, ByteRange range, const std::string& replacement, PositionCounting counting) {
  return {{"range", lsp_json::range(text, range, counting)}, {"newText", replacement}};
}

Json workspace_edit(const std::string& uri, Json edits) { return {{"changes", {{uri, std::move(edits)}}}}; }

/// Whether a code action of `kind` is wanted: `only` empty, or naming the kind or a parent of it.
bool wanted(const std::vector<std::string>& only, std::string_view kind) {
  if (only.empty()) return true;
  return std::any_of(only.begin(), only.end(), [&](const std::string& o) {
    return kind == o || (kind.size() > o.size() && kind.starts_with(o) && kind[o.size()] == '.');
  });
}

/// At most `max_chars` characters of `text`, on one line, with an ellipsis when cut.
std::string preview(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size() && n < max_chars; ++n) {
    std::size_t len = 1;
    decode_utf8(text, i, len);
    const std::string_view ch = text.substr(i, len);
    out += ch == "\n" || ch == "\r" ? std::string_view("⏎") : ch;
    i += len;
  }
  if (i < text.size()) out += "…";
  return out;
}

std::string fix_title(const Linted& linted, const Diagnostic& d) {
  const Lang lang = linted.lang;
  const SourceText& text = linted.doc->text;
  std::string what;
  if (d.fixes.size() == 1) {
    const FixIt& fix = d.fixes.front();
    const std::string old_text = preview(text.slice(fix.range), 20);
    const std::string new_text = preview(fix.replacement, 20);
    if (fix.replacement.empty()) {
      what = fmt::format(fmt::runtime(tr(lang, "删除“{}”", "delete '{}'")), old_text);
    } else if (fix.range.empty()) {
      what = fmt::format(fmt::runtime(tr(lang, "插入“{}”", "insert '{}'")), new_text);
    } else {
      what = fmt::format(fmt::runtime(tr(lang, "把“{}”改为“{}”", "change '{}' to '{}'")), old_text, new_text);
    }
  } else {
    what = fmt::format(fmt::runtime(tr(lang, "应用 {} 处修改", "apply {} edits")), d.fixes.size());
  }
  const bool safe = std::all_of(d.fixes.begin(), d.fixes.end(), [](const FixIt& f) { return f.safe; });
  return fmt::format("{}{} [{}]", what, safe ? "" : tr(lang, "（不安全，请核对）", " (unsafe: review it)"), d.rule);
}

std::string_view line_break(const SourceText& text) {
  switch (text.line_ending()) {
    case LineEnding::CRLF: return "\r\n";
    case LineEnding::CR: return "\r";
    default: return "\n";
  }
}

/// What goes before a comment line inserted above `line` so that it stays in the line's block:
/// in Markdown the line's container prefix (block-quote markers, the indentation of a list
/// item), with a list marker turned into spaces of its width, so that the comment continues
/// the item (or the item before) instead of opening a new one; the scan stops at anything
/// else (a task box, a heading's #, a full-width indent). In plain text the line's leading blanks,
/// which the reader skips when it looks for a comment standing alone on its line.
std::string container_prefix(const Document& doc, std::size_t line) {
  const Line& l = doc.lines.at(line);
  const std::string_view prefix = doc.text.slice({l.range.begin, l.content.begin});
  if (doc.format == InputFormat::PlainText) return std::string(prefix);
  std::string out;
  std::size_t i = 0;
  while (i < prefix.size()) {
    const char c = prefix[i];
    if (c == '>' || c == ' ' || c == '\t') {
      out += c;
      ++i;
    } else if (c == '-' || c == '*' || c == '+') {
      out += ' ';
      ++i;
    } else if (c >= '0' && c <= '9') {
      std::size_t end = i;
      while (end < prefix.size() && prefix[end] >= '0' && prefix[end] <= '9') ++end;
      if (end == prefix.size() || (prefix[end] != '.' && prefix[end] != ')')) break;
      out.append(end + 1 - i, ' ');
      i = end + 1;
    } else {  // a task box [ ] counts as the item's content: the comment goes where the box starts
      break;
    }
  }
  return out;
}

/// Whether a comment line behind `prefix` could read as an indented code block: only with four
/// or more blanks after the last block-quote marker (what a list item's content column, or
/// prose indented deeper still, asks for).
bool might_be_code(std::string_view prefix) {
  const std::size_t quote = prefix.rfind('>');
  const std::string_view blanks = quote == std::string_view::npos ? prefix : prefix.substr(quote + 1);
  std::size_t columns = 0;
  for (const char c : blanks) columns += c == '\t' ? 4 : 1;
  return columns >= 4;
}

/// Whether a Markdown draft with `comment` inserted at the start of `line` still reads the
/// comment as a comment and the line as before: four columns of indentation more than the
/// block wants would make both an indented code block, which the suppression does not see.
/// One parse of the whole draft each, so a request checks at most kMaxCommentChecks lines.
bool comment_holds(const Document& doc, std::size_t line, const std::string& comment) {
  std::string edited(doc.text.bytes());
  edited.insert(doc.lines.at(line).range.begin, comment);
  try {
    const std::vector<Line> lines = read_lines(SourceText::from_bytes(doc.text.path(), std::move(edited)), doc.format);
    return line + 1 < lines.size() && lines[line].kind != LineKind::Code && lines[line + 1].kind == doc.lines[line].kind;
  } catch (const InputError&) {
    return false;
  }
}

constexpr std::size_t kMaxCommentChecks = 16;

/// The prefix each line's comment gets, checked once per line and request.
class CommentPrefixes {
 public:
  explicit CommentPrefixes(const Document& doc) : doc_(doc) {}

  const std::string& operator()(std::size_t line) {
    const auto found = prefixes_.find(line);
    if (found != prefixes_.end()) return found->second;
    std::string prefix = container_prefix(doc_, line);
    if (doc_.format == InputFormat::Markdown && might_be_code(prefix)) {
      // Beyond the limit the prefix is kept unchecked: it is right unless the line is prose
      // indented four columns deeper than its block (read as prose, not code, by checklint).
      if (checks_ < kMaxCommentChecks) {
        ++checks_;
        if (!comment_holds(doc_, line, prefix + "<!-- -->\n")) prefix.clear();
      }
    }
    return prefixes_.emplace(line, std::move(prefix)).first->second;
  }

 private:
  const Document& doc_;
  std::map<std::size_t, std::string> prefixes_;
  std::size_t checks_ = 0;
};

/// "disable RULE on this line": the suppression comment on a line of its own above the
/// diagnostic's first line, inside the same list item or block quote.
Json disable_action(const Linted& linted, const Diagnostic& d, const Json& lsp_diagnostic, PositionCounting counting,
                    CommentPrefixes& prefixes) {
  const Document& doc = *linted.doc;
  const SourceText& text = doc.text;
  const std::size_t line = text.line_index(d.range.begin);
  const std::string comment =
      prefixes(line) + fmt::format("<!-- checklint-disable-next-line {} -->{}", d.rule, line_break(text));
  const std::size_t line_start = text.line_range(line).begin;
  Json edits = Json::array({text_edit(text, {line_start, line_start}, comment, counting)});
  return {{"title", fmt::format(fmt::runtime(tr(linted.lang, "在此行停用 {}", "Disable {} on this line")), d.rule)},
          {"kind", "quickfix"},
          {"diagnostics", Json::array({lsp_diagnostic})},
          {"edit", workspace_edit(linted.input.uri, std::move(edits))}};
}

/// One edit that turns `before` into `after`: the differing middle, cut at character boundaries.
Json minimal_edit(const SourceText& text, const std::string& after, PositionCounting counting) {
  const std::string_view before = text.bytes();
  std::size_t prefix = 0;
  const std::size_t shorter = std::min(before.size(), after.size());
  while (prefix < shorter && before[prefix] == after[prefix]) ++prefix;
  while (prefix > 0 && prefix < before.size() && (static_cast<unsigned char>(before[prefix]) & 0xC0U) == 0x80U) --prefix;
  std::size_t suffix = 0;
  while (suffix < shorter - prefix && before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
  while (suffix > 0 && (static_cast<unsigned char>(before[before.size() - suffix]) & 0xC0U) == 0x80U) --suffix;
  const ByteRange range{prefix, before.size() - suffix};
  return text_edit(text, range, after.substr(prefix, after.size() - suffix - prefix), counting);
}

const Node* heading_on_line(const Node& node, std::size_t line) {
  for (const Node& child : node.children) {
    if (child.line == line && (child.kind == NodeKind::Numbered || child.kind == NodeKind::Heading)) return &child;
    if (const Node* found = heading_on_line(child, line)) return found;
  }
  return nullptr;
}

bool contains(const Node& outer, const Node& inner) {
  return inner.range.begin >= outer.range.begin && inner.range.end <= outer.range.end;
}

std::string role_text(PartRole role, Lang lang) {
  return lang == Lang::Zh ? fmt::format("{}（{}）", role_name_zh(role), role_id(role)) : std::string(role_id(role));
}

std::string dimension_names(const Analysis& analysis, const std::vector<std::size_t>& dims) {
  std::vector<std::string> names;
  names.reserve(dims.size());
  for (std::size_t i : dims) names.push_back(analysis.dimensions.at(i).name);
  return fmt::format("{}", fmt::join(names, "、"));
}

/// What the analysis says about a heading: its part, and the aspect it covers or answers.
std::string heading_hover(const Linted& linted, const Node& node) {
  const Lang lang = linted.lang;
  const Document& doc = *linted.doc;
  const Analysis analysis = analyse(doc, *linted.rules);
  std::string marker;
  if (node.numbering) marker = std::string(doc.text.slice(node.numbering->range));
  std::string out = fmt::format("**{}{}**\n\n", marker, doc.text.slice(node.heading));
  bool said = false;
  for (const Part& part : analysis.parts) {
    if (part.node == &node) {
      out += fmt::format(fmt::runtime(tr(lang, "组成部分：{}\n\n", "part: {}\n\n")), role_text(part.role, lang));
      said = true;
    } else if (contains(*part.node, node)) {
      out += fmt::format(fmt::runtime(tr(lang, "所属部分：{}\n\n", "in part: {}\n\n")), role_text(part.role, lang));
      said = true;
    }
  }
  for (const ProblemUnit& unit : analysis.problems) {
    if (unit.node != &node) continue;
    if (unit.dimension) {
      out += fmt::format(fmt::runtime(tr(lang, "方面：{}\n\n", "aspect: {}\n\n")), analysis.dimensions.at(*unit.dimension).name);
    } else {
      out += tr(lang, "方面：未对应到规则集的任何方面\n\n", "aspect: none of the rule set's aspects\n\n");
    }
    said = true;
  }
  const auto answers = [&](const std::vector<AnswerUnit>& units, const char* zh, const char* en) {
    for (const AnswerUnit& unit : units) {
      if (unit.node != &node || unit.dimensions.empty()) continue;
      out += fmt::format(fmt::runtime(tr(lang, zh, en)), dimension_names(analysis, unit.dimensions));
      said = true;
    }
  };
  answers(analysis.causes, "回应的方面（原因）：{}\n\n", "answers the aspects (causes): {}\n\n");
  answers(analysis.measures, "回应的方面（措施）：{}\n\n", "answers the aspects (measures): {}\n\n");
  if (!said) out += tr(lang, "（未识别为任何组成部分）\n", "(not recognised as any part)\n");
  return out;
}

std::string symbol_name(const Document& doc, const Node& node, Lang lang) {
  switch (node.kind) {
    case NodeKind::Title: {
      const std::string_view heading = doc.text.slice(node.heading);
      return heading.empty() ? tr(lang, "标题", "title") : std::string(heading);
    }
    case NodeKind::Preamble: return tr(lang, "导语", "preamble");
    default: break;
  }
  std::string name;
  if (node.numbering) name = std::string(doc.text.slice(node.numbering->range));
  if (node.item) name = std::string(doc.text.slice({node.item->offset, node.item->offset + node.item->length}));
  name += preview(doc.text.slice(node.heading), 60);
  return name.empty() ? tr(lang, "（无标题）", "(untitled)") : name;
}

/// SymbolKind: the title as File, the preamble as Namespace, headings as String (what
/// VS Code's own Markdown outline uses), run-in items as EnumMember.
int symbol_kind(const Node& node) {
  switch (node.kind) {
    case NodeKind::Title: return 1;
    case NodeKind::Preamble: return 3;
    case NodeKind::Item: return 22;
    default: return 15;
  }
}

Json symbol(const Document& doc, const Node& node, Lang lang, PositionCounting counting) {
  const ByteRange range = node.range;
  ByteRange selection = doc.lines.at(node.line).content;
  if (node.item) selection = {node.item->offset, std::max<std::size_t>(node.item->offset + node.item->length, node.heading.end)};
  selection.begin = std::clamp(selection.begin, range.begin, range.end);
  selection.end = std::clamp(selection.end, selection.begin, range.end);
  Json children = Json::array();
  for (const Node& child : node.children) children.push_back(symbol(doc, child, lang, counting));
  return {{"name", symbol_name(doc, node, lang)},
          {"kind", symbol_kind(node)},
          {"range", lsp_json::range(doc.text, range, counting)},
          {"selectionRange", lsp_json::range(doc.text, selection, counting)},
          {"children", std::move(children)}};
}

}  // namespace

Json hover(const Linted& linted, LspPosition position, PositionEncoding encoding) {
  if (!linted.doc) return nullptr;
  const SourceText& text = linted.doc->text;
  const PositionCounting counting = counting_for(linted, encoding);
  const std::size_t offset = document_offset(linted, position, encoding);
  std::vector<std::string> parts;
  std::set<std::string> explained;
  std::optional<ByteRange> first;
  for (const Diagnostic& d : linted.diagnostics) {
    const bool covers = d.range.empty() ? offset == d.range.begin : (d.range.begin <= offset && offset < d.range.end);
    if (!covers) continue;
    if (!first) first = d.range;
    std::string part = fmt::format("**{}** `{}`\n\n", d.message, d.rule);
    if (explained.insert(d.rule).second) {
      if (auto doc = rule_explanation(d.rule, linted.rules, linted.lang)) part += *doc;
    }
    parts.push_back(std::move(part));
  }
  if (linted.rules != nullptr) {
    if (const Node* node = heading_on_line(linted.doc->root, position.line)) {
      parts.push_back(heading_hover(linted, *node));
      if (!first) first = text.line_range(node->line);
    }
  }
  if (parts.empty()) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", fmt::format("{}", fmt::join(parts, "\n\n---\n\n"))}}},
          {"range", lsp_json::range(text, *first, counting)}};
}

Json document_symbols(const Linted& linted, PositionEncoding encoding) {
  Json out = Json::array();
  if (!linted.doc) return out;
  const PositionCounting counting = counting_for(linted, encoding);
  for (const Node& node : linted.doc->root.children) out.push_back(symbol(*linted.doc, node, linted.lang, counting));
  return out;
}

Json code_actions(const Linted& linted, LspPosition start, LspPosition end, const std::vector<std::string>& only,
                  PositionEncoding encoding) {
  Json actions = Json::array();
  if (!linted.doc) return actions;
  const SourceText& text = linted.doc->text;
  const PositionCounting counting = counting_for(linted, encoding);
  std::size_t begin = document_offset(linted, start, encoding);
  std::size_t stop = document_offset(linted, end, encoding);
  if (stop < begin) std::swap(begin, stop);
  const std::string& uri = linted.input.uri;
  std::set<std::pair<std::string, std::size_t>> disabled;  // (rule, line): one offer each
  CommentPrefixes prefixes(*linted.doc);
  for (const Diagnostic& d : linted.diagnostics) {
    if (d.range.begin > stop || d.range.end < begin) continue;
    const Json lsp_diagnostic = lsp_json::diagnostic(text, uri, d, linted.rules, counting);
    if (!d.fixes.empty() && wanted(only, "quickfix")) {
      Json edits = Json::array();
      for (const FixIt& fix : d.fixes) edits.push_back(text_edit(text, fix.range, fix.replacement, counting));
      const bool safe = std::all_of(d.fixes.begin(), d.fixes.end(), [](const FixIt& f) { return f.safe; });
      actions.push_back({{"title", fix_title(linted, d)},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({lsp_diagnostic})},
                         {"isPreferred", safe},
                         {"edit", workspace_edit(uri, std::move(edits))}});
    }
    if (wanted(only, "quickfix") && disabled.emplace(d.rule, text.line_index(d.range.begin)).second) {
      actions.push_back(disable_action(linted, d, lsp_diagnostic, counting, prefixes));
    }
  }
  if (linted.rules != nullptr && wanted(only, kFixAllKind)) {
    const bool any_safe = std::any_of(linted.diagnostics.begin(), linted.diagnostics.end(), [](const Diagnostic& d) {
      return std::any_of(d.fixes.begin(), d.fixes.end(), [](const FixIt& f) { return f.safe; });
    });
    if (any_safe) {
      const FixOutcome fixed = fix_until_stable(text, linted.doc->format, *linted.rules, LintOptions{linted.lang}, false);
      if (fixed.text != text.bytes()) {
        actions.push_back({{"title", fmt::format(fmt::runtime(tr(linted.lang, "修复全部安全问题（{} 处）", "Fix all safe problems ({})")),
                                                 fixed.report.applied)},
                           {"kind", kFixAllKind},
                           {"edit", workspace_edit(uri, Json::array({minimal_edit(text, fixed.text, counting)}))}});
      }
    }
  }
  return actions;
}

}  // namespace checklint::lsp
