// `--format lsp`: per file, the PublishDiagnosticsParams a language client
// receives, one JSON object per line (JSON Lines). LSP positions are 0-based
// lines and UTF-16 code units (the protocol's default position encoding).
// A file without diagnostics still gets its line: an empty list clears a client's markers.
// The Diagnostic objects are the language server's (lsp_json.h).
#include "linter/emitters/lsp_json.h"
#include "linter/emitters/shared.h"

namespace checklint::emit {
namespace {

class LspEmitter final : public PerFileEmitter {
 public:
  static constexpr std::size_t kFlushBytes = std::size_t{64} << 10U;

  using PerFileEmitter::PerFileEmitter;

  void add(const FileResult& file) override {
    const SourceText& text = file.doc->text;
    const std::string uri = file_uri(text.path(), base());
    // The compact JSON of {"uri": …, "diagnostics": […]}, written a diagnostic at a time and
    // passed on every kFlushBytes: a draft with a million findings is never held as one text.
    std::string line = R"({"uri":)";
    write_json_string(line, uri);
    line += R"(,"diagnostics":[)";
    bool first = true;
    for (const auto& d : file.diagnostics) {
      if (!first) line += ',';
      first = false;
      lsp_json::write_diagnostic(line, text, uri, d, file.rules, PositionCounting{PositionEncoding::Utf16, false});
      if (line.size() >= kFlushBytes) {
        out() << line;
        line.clear();
      }
    }
    line += "]}\n";
    out() << line;
  }
};

}  // namespace

std::unique_ptr<Emitter> make_lsp_emitter(const EmitOptions& options) { return std::make_unique<LspEmitter>(options); }

}  // namespace checklint::emit
