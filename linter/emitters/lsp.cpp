// `--format lsp`: per file, the PublishDiagnosticsParams a language client
// receives, one JSON object per line (JSON Lines). LSP positions are 0-based
// lines and UTF-16 code units (the protocol's default position encoding).
// A file without diagnostics still gets its line: an empty list clears a client's markers.
#include <nlohmann/json.hpp>

#include "linter/emitters/shared.h"

namespace checklint::emit {
namespace {

using Json = nlohmann::ordered_json;

Json position(const SourceText& text, std::size_t offset) {
  const Position pos = text.position(offset);
  return {{"line", pos.line - 1}, {"character", pos.utf16_column}};
}

Json range(const SourceText& text, ByteRange bytes) {
  return {{"start", position(text, bytes.begin)}, {"end", position(text, bytes.end)}};
}

/// DiagnosticSeverity: Error = 1, Warning = 2, Information = 3 (Hint = 4 is unused).
int severity(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
  }
  return 3;
}

Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d) {
  Json out = {{"range", range(text, d.range)},
              {"severity", severity(d.severity)},
              {"code", d.rule},
              {"source", "checklint"},
              {"message", d.message}};
  if (!d.notes.empty()) {
    Json related = Json::array();
    for (const auto& note : d.notes) {
      related.push_back({{"location", {{"uri", uri}, {"range", range(text, note.range)}}}, {"message", note.message}});
    }
    out["relatedInformation"] = std::move(related);
  }
  return out;
}

class LspEmitter final : public Emitter {
 public:
  explicit LspEmitter(EmitOptions options) : options_(std::move(options)) {}

  void emit(std::ostream& out, const std::vector<FileResult>& results) override {
    const auto base = base_dir(options_);
    for (const auto& file : results) {
      const SourceText& text = file.doc->text;
      const std::string uri = file_uri(text.path(), base);
      Json diagnostics = Json::array();
      for (const auto& d : file.diagnostics) diagnostics.push_back(diagnostic(text, uri, d));
      const Json params = {{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
      out << params.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }

 private:
  EmitOptions options_;
};

}  // namespace

std::unique_ptr<Emitter> make_lsp_emitter(const EmitOptions& options) { return std::make_unique<LspEmitter>(options); }

}  // namespace checklint::emit
