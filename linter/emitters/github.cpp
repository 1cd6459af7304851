// `--format github`: GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request. One command per diagnostic, on one
// line; notes travel inside the message as extra lines. Columns are 1-based
// Unicode characters, as in the terminal output; endColumn is exclusive.
#include <fmt/format.h>

#include "linter/emitters/shared.h"

namespace checklint::emit {
namespace {

/// The runner splits a command at line breaks and reads '%' as an escape.
std::string escape_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

/// Property values also end at ',' and the message starts after "::".
std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "notice";
}

std::string properties(const std::string& path, const SourceText& text, const Diagnostic& d) {
  const Position start = text.position(d.range.begin);
  const Position end = text.position(d.range.end);
  std::string out = fmt::format("file={},line={}", escape_property(path), start.line);
  // The runner drops the annotation when col/endColumn are given for a span over several lines.
  if (start.line == end.line) {
    out += fmt::format(",col={},endLine={},endColumn={}", start.column, end.line, end.column);
  } else {
    out += fmt::format(",endLine={}", end.line);
  }
  return out + ",title=" + escape_property(d.rule.view());
}

std::string message(const std::string& path, const SourceText& text, const Diagnostic& d, Lang lang) {
  std::string out = d.message;
  for (const auto& note : d.notes) {
    const Position pos = text.position(note.range.begin);
    out += fmt::format("\n{}:{}:{}: {} {}", path, pos.line, pos.column, tr(lang, "注:", "note:"), note.message);
  }
  return escape_data(out);
}

class GithubEmitter final : public PerFileEmitter {
 public:
  using PerFileEmitter::PerFileEmitter;

  void add(const FileResult& file) override {
    const SourceText& text = file.doc->text;
    const std::string path = relative_path(text.path(), base());
    for (const auto& d : file.diagnostics) {
      out() << "::" << command(d.severity) << ' ' << properties(path, text, d) << "::" << message(path, text, d, options().lang)
            << '\n';
    }
  }
};

}  // namespace

std::unique_ptr<Emitter> make_github_emitter(const EmitOptions& options) { return std::make_unique<GithubEmitter>(options); }

}  // namespace checklint::emit
