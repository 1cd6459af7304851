// `--format junit`: JUnit XML for CI systems that only show test reports.
// Each file is a test case; it fails when it has an error or a warning, and the
// failure's text lists the file's diagnostics as the terminal would.
#include <fmt/format.h>

#include "linter/emitters/shared.h"
#include "linter/emitters/spool.h"

namespace checklint::emit {
namespace {

/// XML 1.0 cannot carry most C0 controls even as character references.
bool forbidden_in_xml(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

/// Escapes for element text, or for a double-quoted attribute, where line
/// breaks and tabs must be references or a parser normalises them to spaces.
std::string escape_xml(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (forbidden_in_xml(c)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out += c;
    }
  }
  return out;
}

/// One diagnostic as a clang-style line, its notes on lines below.
std::string report(const SourceText& text, const Diagnostic& d, Lang lang) {
  const auto where = [&](ByteRange range) {
    const Position pos = text.position(range.begin);
    return fmt::format("{}:{}:{}:", text.path(), pos.line, pos.column);
  };
  std::string out = fmt::format("{} {}: {} [{}]\n", where(d.range), severity_label(d.severity, lang), d.message, d.rule);
  for (const auto& note : d.notes) out += fmt::format("{} {}: {}\n", where(note.range), tr(lang, "注", "note"), note.message);
  return out;
}

std::string problems(std::size_t n, Lang lang) {
  if (lang == Lang::Zh) return fmt::format("{} 个问题", n);
  return fmt::format("{} {}", n, n == 1 ? "problem" : "problems");
}

bool fails(const FileResult& file) {
  const Totals totals = count(file.diagnostics);
  return totals.errors + totals.warnings > 0;
}

/// One file's test case, into the spool piece by piece: a draft with a million findings is
/// not rendered whole first (escaping goes character by character, so the pieces add up to the
/// escaped whole).
void testcase(Spool& out, const FileResult& file, Lang lang) {
  const SourceText& text = file.doc->text;
  std::string head = fmt::format(R"(  <testcase classname="checklint" name="{}")", escape_xml(text.path(), true));
  if (file.diagnostics.empty()) {
    out.write(head + "/>\n");
    return;
  }
  // Infos alone do not fail a file, but they are still worth seeing in the report.
  const bool failed = fails(file);
  head += failed ? fmt::format(">\n    <failure message=\"{}\">", escape_xml(problems(file.diagnostics.size(), lang), true))
                 : std::string(">\n    <system-out>");
  out.write(head);
  for (const auto& d : file.diagnostics) out.write(escape_xml(report(text, d, lang), false));
  out.write(failed ? "</failure>\n  </testcase>\n" : "</system-out>\n  </testcase>\n");
}

/// The test cases wait in a spool until the counts in the <testsuite> head are known.
class JunitEmitter final : public StreamingEmitter {
 public:
  explicit JunitEmitter(Lang lang) : lang_(lang) {}

  void begin(std::ostream& out) override {
    out_ = &out;
    tests_ = 0;
    failures_ = 0;
    cases_ = Spool();
  }

  void add(const FileResult& file) override {
    ++tests_;
    failures_ += fails(file) ? 1 : 0;
    testcase(cases_, file, lang_);
  }

  void end() override {
    std::ostream& out = *out_;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuite name=\"checklint\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n", tests_,
                       failures_);
    cases_.drain([&](std::string_view piece) { out.write(piece.data(), static_cast<std::streamsize>(piece.size())); });
    out << "</testsuite>\n";
  }

 private:
  Lang lang_;
  std::ostream* out_ = nullptr;
  std::size_t tests_ = 0;
  std::size_t failures_ = 0;
  Spool cases_;
};

}  // namespace

std::unique_ptr<Emitter> make_junit_emitter(const EmitOptions& options) { return std::make_unique<JunitEmitter>(options.lang); }

}  // namespace checklint::emit
