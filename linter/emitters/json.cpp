// `--format json`: checklint's own documented, versioned format (docs/formats.md).
// Positions carry both what people count (1-based line, column in characters)
// and what programs index by (the byte offset), so no reader has to convert.
#include <nlohmann/json.hpp>

#include "linter/emitters/shared.h"
#include "linter/rules/ruleset.h"

namespace checklint::emit {
namespace {

using Json = nlohmann::ordered_json;

/// Bumped only when a key changes meaning or disappears; new keys keep the version.
constexpr int kFormatVersion = 1;

Json position(const SourceText& text, std::size_t offset) {
  const Position pos = text.position(offset);
  return {{"line", pos.line}, {"column", pos.column}, {"offset", offset}};
}

Json diagnostic(const SourceText& text, const Diagnostic& d) {
  Json fixes = Json::array();
  for (const auto& fix : d.fixes) {
    fixes.push_back({{"start", position(text, fix.range.begin)},
                     {"end", position(text, fix.range.end)},
                     {"replacement", fix.replacement},
                     {"safe", fix.safe}});
  }
  Json notes = Json::array();
  for (const auto& note : d.notes) {
    notes.push_back(
        {{"message", note.message}, {"start", position(text, note.range.begin)}, {"end", position(text, note.range.end)}});
  }
  return {{"rule", d.rule},
          {"severity", severity_name(d.severity)},
          {"message", d.message},
          {"start", position(text, d.range.begin)},
          {"end", position(text, d.range.end)},
          {"fixes", std::move(fixes)},
          {"notes", std::move(notes)}};
}

Json file(const FileResult& result) {
  const SourceText& text = result.doc->text;
  Json diagnostics = Json::array();
  for (const auto& d : result.diagnostics) diagnostics.push_back(diagnostic(text, d));
  Json ruleset = nullptr;
  if (result.rules != nullptr) ruleset = {{"id", result.rules->id}, {"name", result.rules->name}};
  return {{"path", text.path()},
          {"ruleset", std::move(ruleset)},
          {"notes", result.notes},
          {"diagnostics", std::move(diagnostics)}};
}

class JsonEmitter final : public Emitter {
 public:
  void emit(std::ostream& out, const std::vector<FileResult>& results) override {
    Json files = Json::array();
    for (const auto& result : results) files.push_back(file(result));
    const Totals totals = count(results);
    const Json document = {
        {"version", kFormatVersion},
        {"tool", "checklint"},
        {"files", std::move(files)},
        {"summary",
         {{"errors", totals.errors}, {"warnings", totals.warnings}, {"infos", totals.infos}, {"files", results.size()}}}};
    out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  }
};

}  // namespace

std::unique_ptr<Emitter> make_json_emitter(const EmitOptions& /*options*/) { return std::make_unique<JsonEmitter>(); }

}  // namespace checklint::emit
