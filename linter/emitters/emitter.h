#pragma once
// Output formats, one per file behind one interface. An emitter turns byte
// ranges into the positions its readers count.
#include <array>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"

namespace checklint {

/// One linted file and what was found in it.
struct RuleSet;

struct FileResult {
  const Document* doc = nullptr;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> notes;  ///< run-level notes, e.g. which rule set was chosen and why
  const RuleSet* rules = nullptr;  ///< the rule set the file was linted with (rule metadata for SARIF …)
};

class Emitter {
 public:
  Emitter() = default;
  Emitter(const Emitter&) = delete;
  Emitter& operator=(const Emitter&) = delete;
  Emitter(Emitter&&) = delete;
  Emitter& operator=(Emitter&&) = delete;
  virtual ~Emitter() = default;
  /// Writes the report of a whole run.
  virtual void emit(std::ostream& out, const std::vector<FileResult>& results) = 0;
};

/// An emitter that writes each file's part of the report as soon as it is given, so that a
/// batch run need not keep every draft until the end: begin(), add() per file in report
/// order, end(). The output is the same as emit()'s on the same files. Formats whose head
/// depends on every file (JUnit's counts, SARIF's rule table) spool the rest meanwhile.
class StreamingEmitter : public Emitter {
 public:
  /// Starts the report on `out`, which must outlive end().
  virtual void begin(std::ostream& out) = 0;
  /// Writes one file's part; `file` may be dropped once this returns.
  virtual void add(const FileResult& file) = 0;
  /// Finishes the report: summaries, totals.
  virtual void end() = 0;
  void emit(std::ostream& out, const std::vector<FileResult>& results) final {
    begin(out);
    for (const auto& file : results) add(file);
    end();
  }
};

struct HumanOptions {
  bool color = false;
  Lang lang = Lang::Zh;
  std::size_t max_line_width = 100;  ///< longer source lines are shown as a window around the span
};

/// clang-style text: path:line:col: severity: message [rule], the source line, a caret.
/// begin() writes nothing, so a run that reads no draft may skip the report.
class HumanEmitter final : public StreamingEmitter {
 public:
  explicit HumanEmitter(HumanOptions options) : options_(options) {}
  void begin(std::ostream& out) override;
  void add(const FileResult& file) override;
  void end() override;

 private:
  HumanOptions options_;
  std::ostream* out_ = nullptr;
  std::array<std::size_t, 3> counts_{};  // by Severity: info, warning, error
  std::size_t files_ = 0;
};

/// What every `--format` emitter may need; each uses only its part.
struct EmitOptions {
  Lang lang = Lang::Zh;
  bool color = false;                ///< human only
  std::size_t max_line_width = 100;  ///< human only
  std::string tool_version;          ///< SARIF's tool.driver.version
  /// Where relative input paths are resolved (LSP's file:// URIs) and what absolute
  /// ones are made relative to (SARIF, GitHub); empty: the current directory.
  std::filesystem::path base_dir;
};

/// The `--format` names, in the order `--help` lists them: human, json, sarif, github, junit, lsp, html.
const std::vector<std::string_view>& emitter_formats();

/// The emitter for a `--format` name; nullptr for an unknown name.
std::unique_ptr<Emitter> make_emitter(std::string_view format, const EmitOptions& options);

/// `--format html -o DIR/`: index.html (every draft, worst first) and one page per draft
/// ("1-name.html", numbered in the order given) in DIR. Throws std::runtime_error when
/// the directory or a page cannot be written.
void write_html_directory(const std::filesystem::path& dir, const std::vector<FileResult>& results, const EmitOptions& options);

struct Analysis;

/// `checklint outline`: the section tree, indented text or JSON; with an
/// analysis, each part gets its role and each problem subsection its aspect.
void emit_outline_text(std::ostream& out, const Document& doc, const Analysis* analysis, Lang lang);
void emit_outline_json(std::ostream& out, const Document& doc, const Analysis* analysis);

/// `checklint matrix`: per aspect, the problems, causes and measures that cover it.
void emit_matrix_text(std::ostream& out, const Document& doc, const RuleSet& rules, const Analysis& analysis, Lang lang);
void emit_matrix_json(std::ostream& out, const Document& doc, const RuleSet& rules, const Analysis& analysis);

}  // namespace checklint
