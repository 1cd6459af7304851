#include "linter/emitters/lsp_json.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>


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

std::string_view rule_doc_uri(const std::string& rule, const RuleSet* rules) {
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
  // Asked for every diagnostic of every publish: each document's address is built once (a map's
  // nodes stay where they are, so the views handed out stay valid).
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> uris;
  const std::lock_guard lock(mutex);
  auto found = uris.find(doc);
  if (found == uris.end()) {
    found = uris.emplace(doc, "file://" + emit::percent_encode_path(std::string(root) + "/" + doc)).first;
  }
  return found->second;
}

Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionEncoding encoding) {
  return diagnostic(text, uri, d, rules, PositionCounting{encoding, false});
}

namespace {

void write_position(std::string& out, const SourceText& text, std::size_t offset, PositionCounting counting) {
  const LspPosition pos = lsp_position(text, offset, counting);
  // Four numbers a finding: written by write_decimal() into a buffer appended once, not through
  // fmt's format string (which cost half of a publish).
  constexpr std::string_view kLine = R"({"line":)";
  constexpr std::string_view kCharacter = R"(,"character":)";
  constexpr std::size_t kDigits = 20;  // write_decimal's room for a number
  std::array<char, kLine.size() + kCharacter.size() + kDigits + kDigits + 1> buffer{};
  char* p = std::copy(kLine.begin(), kLine.end(), buffer.data());
  p = emit::write_decimal(p, pos.line);
  p = std::copy(kCharacter.begin(), kCharacter.end(), p);
  p = emit::write_decimal(p, pos.character);
  *p++ = '}';
  out.append(buffer.data(), p);
}

void write_range(std::string& out, const SourceText& text, ByteRange bytes, PositionCounting counting) {
  out += R"({"start":)";
  write_position(out, text, bytes.begin, counting);
  out += R"(,"end":)";
  write_position(out, text, bytes.end, counting);
  out += '}';
}

}  // namespace

void write_diagnostic(std::string& out, const SourceText& text, const std::string& uri, const Diagnostic& d,
                      const RuleSet* rules, PositionCounting counting) {
  out += R"({"range":)";
  write_range(out, text, d.range, counting);
  out += R"(,"severity":)";
  out += static_cast<char>('0' + severity(d.severity));  // 1 to 3
  out += R"(,"code":)";
  emit::write_json_string(out, d.rule.view());
  if (const std::string_view href = rule_doc_uri(d.rule, rules); !href.empty()) {
    out += R"(,"codeDescription":{"href":)";
    emit::write_json_string(out, href);
    out += '}';
  }
  out += R"(,"source":"checklint","message":)";
  emit::write_json_string(out, d.message.str());
  if (!d.notes.empty()) {
    out += R"(,"relatedInformation":[)";
    bool first = true;
    for (const auto& note : d.notes) {
      if (!first) out += ',';
      first = false;
      out += R"({"location":{"uri":)";
      emit::write_json_string(out, uri);
      out += R"(,"range":)";
      write_range(out, text, note.range, counting);
      out += R"(},"message":)";
      emit::write_json_string(out, note.message);
      out += '}';
    }
    out += ']';
  }
  out += '}';
}

Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionCounting counting) {
  std::string out;
  write_diagnostic(out, text, uri, d, rules, counting);
  return Json::parse(out);
}

}  // namespace checklint::lsp_json
