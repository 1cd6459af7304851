#pragma once
// Diagnostic → LSP JSON, shared by `--format lsp` (emitters/lsp.cpp) and the
// language server (linter/lsp/): one conversion, so both say the same thing.
#include <string>

#include <nlohmann/json.hpp>

#include "linter/diagnostics/diagnostic.h"
#include "linter/source/lsp_position.h"

namespace checklint {

struct RuleSet;

namespace lsp_json {

using Json = nlohmann::ordered_json;

/// Positions as the reader counts them; the PositionEncoding forms assume no BOM in the reader's text.
Json position(const SourceText& text, std::size_t offset, PositionCounting counting);
Json range(const SourceText& text, ByteRange bytes, PositionCounting counting);
Json range(const SourceText& text, ByteRange bytes, PositionEncoding encoding);

/// DiagnosticSeverity: Error = 1, Warning = 2, Information = 3 (Hint = 4 is unused).
int severity(Severity severity);

/// The rule's doc page as a file:// URI into the source tree checklint was built from
/// (there is no website): a C++ check's own page, a TOML rule's check-kind page.
/// Empty when the rule is unknown. The text lives as long as the program (it is asked for every
/// diagnostic of every publish, and kept once per page).
std::string_view rule_doc_uri(const std::string& rule, const RuleSet* rules);

/// An LSP Diagnostic: range, severity, code, codeDescription (when the rule has a
/// doc page), source "checklint", message, and relatedInformation for the notes.
/// write_diagnostic() appends it to `out` as compact JSON text, byte for byte what dumping the
/// Json of diagnostic() gives, without building the tree (the language server publishes hundreds
/// per keystroke); diagnostic() parses that text.
void write_diagnostic(std::string& out, const SourceText& text, const std::string& uri, const Diagnostic& d,
                      const RuleSet* rules, PositionCounting counting);
Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionCounting counting);
Json diagnostic(const SourceText& text, const std::string& uri, const Diagnostic& d, const RuleSet* rules,
                PositionEncoding encoding);

}  // namespace lsp_json
}  // namespace checklint
