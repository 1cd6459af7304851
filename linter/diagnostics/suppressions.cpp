#include "linter/diagnostics/suppressions.h"

#include <algorithm>
#include <sstream>

#include <re2/re2.h>

namespace checklint {
namespace {

bool parse_kind(std::string_view word, Suppression::Kind& kind) {
  using K = Suppression::Kind;
  static const std::vector<std::pair<std::string_view, K>> words = {
      {"checklint-disable-next-line", K::DisableNextLine}, {"checklint-disable-line", K::DisableLine},
      {"checklint-disable-file", K::DisableFile},          {"checklint-disable", K::Disable},
      {"checklint-enable", K::Enable}};
  for (const auto& [w, k] : words) {
    if (word == w) {
      kind = k;
      return true;
    }
  }
  return false;
}

/// The first non-blank line after `line`.
std::size_t next_content_line(const Document& doc, std::size_t line) {
  for (std::size_t i = line + 1; i < doc.lines.size(); ++i) {
    if (doc.lines[i].kind != LineKind::Blank) return i;
  }
  return doc.lines.size();
}

}  // namespace

std::vector<Suppression> find_suppressions(const Document& doc) {
  // Groups: the whole comment, its keyword, the rule names.
  static const RE2 comment(R"((<!--\s*(checklint-[a-z-]+)((?:\s+[^\s>]+)*)\s*-->))");
  std::vector<Suppression> out;
  const std::string_view s = doc.text.bytes();
  for (std::size_t i = 0; i < doc.lines.size(); ++i) {
    if (doc.lines[i].kind == LineKind::Code) continue;
    const ByteRange line = doc.lines[i].range;
    re2::StringPiece input(s.data() + line.begin, line.size());
    re2::StringPiece word;
    re2::StringPiece rules;
    re2::StringPiece whole;
    while (RE2::FindAndConsume(&input, comment, &whole, &word, &rules)) {
      Suppression sup;
      if (!parse_kind(std::string_view(word.data(), word.size()), sup.kind)) continue;
      const auto begin = static_cast<std::size_t>(whole.data() - s.data());
      // In plain text only a comment standing alone on its line counts.
      if (doc.format == InputFormat::PlainText && doc.text.slice(doc.lines[i].content) != std::string_view(whole.data(), whole.size())) {
        continue;
      }
      std::istringstream names{std::string(rules.data(), rules.size())};
      for (std::string name; names >> name;) {
        name.erase(std::remove(name.begin(), name.end(), ','), name.end());
        if (!name.empty()) sup.rules.push_back(name);
      }
      sup.range = {begin, begin + whole.size()};
      sup.line = i;
      sup.target_line = next_content_line(doc, i);
      out.push_back(std::move(sup));
    }
  }
  return out;
}

bool suppression_names(const Suppression& s, const std::string& rule) {
  if (s.rules.empty()) return true;
  return std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& name) {
    if (name.ends_with("*")) return rule.starts_with(std::string_view(name).substr(0, name.size() - 1));
    return name == rule;
  });
}

void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics) {
  using K = Suppression::Kind;
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    const std::size_t line = doc.text.line_index(d.range.begin);
    Suppression* covering = nullptr;
    for (auto& s : suppressions) {
      if (!suppression_names(s, d.rule)) continue;
      switch (s.kind) {
        case K::DisableFile: covering = &s; break;
        case K::DisableLine: if (s.line == line) covering = &s; break;
        case K::DisableNextLine: if (s.target_line == line) covering = &s; break;
        case K::Disable: if (s.line <= line) covering = &s; break;
        case K::Enable: if (s.line <= line && covering != nullptr && covering->kind == K::Disable) covering = nullptr; break;
      }
    }
    if (covering == nullptr) return false;
    covering->used = true;
    return true;
  });
}

}  // namespace checklint
