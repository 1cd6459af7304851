// `--format lsp`: per file, the PublishDiagnosticsParams a language client
// receives, one JSON object per line (JSON Lines). LSP positions are 0-based
// lines and UTF-16 code units (the protocol's default position encoding).
// A file without diagnostics still gets its line: an empty list clears a client's markers.
// The Diagnostic objects are the language server's (lsp_json.h).
#include "linter/emitters/lsp_json.h"
#include "linter/emitters/shared.h"

namespace checklint::emit {
namespace {

using Json = lsp_json::Json;

class LspEmitter final : public PerFileEmitter {
 public:
  using PerFileEmitter::PerFileEmitter;

  void add(const FileResult& file) override {
    const SourceText& text = file.doc->text;
    const std::string uri = file_uri(text.path(), base());
    // The compact dump of {"uri": …, "diagnostics": […]}, one diagnostic at a time: a draft
    // with a million findings is not built into one JSON tree first.
    const auto dump = [](const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); };
    out() << "{\"uri\":" << dump(Json(uri)) << ",\"diagnostics\":[";
    bool first = true;
    for (const auto& d : file.diagnostics) {
      if (!first) out() << ',';
      first = false;
      out() << dump(lsp_json::diagnostic(text, uri, d, file.rules, PositionEncoding::Utf16));
    }
    out() << "]}\n";
  }
};

}  // namespace

std::unique_ptr<Emitter> make_lsp_emitter(const EmitOptions& options) { return std::make_unique<LspEmitter>(options); }

}  // namespace checklint::emit
