#include "linter/emitters/lsp_json.h"

#include "linter/checks/check.h"
#include "linter/checks/kinds/kind.h"
#include "linter/emitters/shared.h"
#include "linter/rules/ruleset.h"

#ifndef CHECKLINT_DOCS_ROOT
#define CHECKLINT_DOCS_ROOT ""
#endif

namespace checklint::lsp_json {

Json position(const SourceText& text, std::size_t offset, PositionCounting counting) {
  const LspPosition pos = lsp_position(text, offset, counting);
  return {{"line", pos.line}, {"character", pos.character}};
}

Json range(const SourceText& text, ByteRange bytes, PositionCounting counting) {
  return {{"start", position(text, bytes.begin, counting)}, {"end", position(text, bytes.end, counting)}};
}

Json range(const SourceText& text, ByteRange bytes, PositionEncoding encoding) {
  return range(text, bytes, PositionCounting{encoding, false});
}

int severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
  }
  return 3;
}

std::string rule_doc_uri(const std::string& rule, const RuleSet* rules) {
  const std::string_view root = CHECKLINT_DOCS_ROOT;
  if (root.empty()) return {};
  std::string doc;
  if (const Check* check = find_check(rule)) {
    doc = check->info().doc_path;
  } else if (rules != nullptr) {
    const auto found = rules->declared.find(rule);
    if (found != rules->declared.end()) {
      if (const Kind* kind = find_kind(found->second.kind)) doc = std::string(kind->doc_path());
    }
  }
  if (doc.empty()) return {};
  return "file://" + emit::percent_encode_path(std::string(root) + "/" + doc);
}

Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionEncoding encoding) {
  return diagnostic(text, uri, d, rules, PositionCounting{encoding, false});
}

Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionCounting counting) {
  Json out = {{"range", range(text, d.range, counting)}, {"severity", severity(d.severity)}, {"code", d.rule.str()}};
  if (const std::string href = rule_doc_uri(d.rule, rules); !href.empty()) out["codeDescription"] = {{"href", href}};
  out["source"] = "checklint";
  out["message"] = d.message.str();
  if (!d.notes.empty()) {
    Json related = Json::array();
    for (const auto& note : d.notes) {
      related.push_back({{"location", {{"uri", uri}, {"range", range(text, note.range, counting)}}}, {"message", note.message}});
    }
    out["relatedInformation"] = std::move(related);
  }
  return out;
}

}  // namespace checklint::lsp_json
