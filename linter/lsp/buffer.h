#pragma once
// One editor buffer linted: the text exactly as the client sent it, its section
// tree, the diagnostics and the rule set they came from. Immutable once made,
// shared between the lint worker (which publishes it) and requests (which read it).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "linter/cli/config.h"
#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"
#include "linter/lint.h"
#include "linter/source/lsp_position.h"

namespace checklint::lsp {

using Json = nlohmann::ordered_json;

/// What the client chose (initializationOptions, workspace/didChangeConfiguration).
struct Settings {
  std::string ruleset;  ///< checklint.ruleset: a built-in id or a .toml path; empty: as the CLI chooses
  Lang lang = Lang::Zh;
};

/// What is needed to lint a buffer.
struct BufferInput {
  std::string uri;
  std::string path;  ///< from a file:// URI; empty for other schemes (no configuration discovery then)
  InputFormat format = InputFormat::PlainText;
  std::string text;
  long long version = 0;
  /// The buffer's last Markdown parse, shared by its snapshots: each lint re-parses incrementally.
  std::shared_ptr<MarkdownParseCache> parse_cache;
  /// Likewise its paragraphs' pattern matches: each lint matches only the changed ones again.
  std::shared_ptr<PatternHitCache> hit_cache;
};

struct Linted {
  BufferInput input;
  std::optional<Document> doc;  ///< nullopt: the text cannot be read as a draft (a NUL byte)
  std::vector<Diagnostic> diagnostics;
  const RuleSet* rules = nullptr;            ///< owned by `resolver`
  std::shared_ptr<ConfigResolver> resolver;  ///< kept alive for `rules`
  std::string error;                         ///< input or configuration error, shown as one diagnostic
  std::size_t error_offset = 0;
  Lang lang = Lang::Zh;
};

/// Lints a buffer with the configuration `resolver` finds for its path (the same
/// discovery as the CLI). Never throws for bad input or a bad configuration: those
/// become `error` (with a bad configuration the draft is linted without it).
std::shared_ptr<const Linted> lint_buffer(BufferInput input, const Settings& settings, std::shared_ptr<ConfigResolver> resolver);

/// How positions in the buffer are counted for the client: the document's offsets leave out
/// a leading BOM, the client's buffer text keeps it.
PositionCounting counting_for(const Linted& linted, PositionEncoding encoding);

/// The document offset (into doc->text.bytes()) of a position in the client's buffer text;
/// a position inside or before the BOM is the start.
std::size_t document_offset(const Linted& linted, LspPosition position, PositionEncoding encoding);

/// PublishDiagnosticsParams with the buffer's version, as compact JSON text (written directly:
/// building the Json tree of a few hundred diagnostics took longer than linting).
std::string publish_params(const Linted& linted, PositionEncoding encoding);

/// The path of a file:// URI (percent-decoded); empty for other schemes.
std::string uri_to_path(const std::string& uri);

/// The format from the language id ("markdown", "plaintext"), else from the path's extension.
InputFormat format_of(const std::string& language_id, const std::string& path);

}  // namespace checklint::lsp
