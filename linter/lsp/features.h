#pragma once
// The language features over one linted buffer: hover, the document outline and
// code actions. Pure functions of a Linted snapshot and the request's params.
#include "linter/lsp/buffer.h"

namespace checklint::lsp {

/// textDocument/hover: the explanation of the rules whose diagnostics cover the
/// position, and on a section heading its part (role) and aspect; null when neither.
Json hover(const Linted& linted, LspPosition position, PositionEncoding encoding);

/// textDocument/documentSymbol: the section tree as hierarchical DocumentSymbols.
Json document_symbols(const Linted& linted, PositionEncoding encoding);

/// textDocument/codeAction: for the diagnostics in `range`, their fix-its as quick fixes and
/// "disable RULE on this line"; and source.fixAll.checklint (every safe fix-it, until stable).
/// `only` is the client's context.only (empty: every kind).
Json code_actions(const Linted& linted, LspPosition start, LspPosition end, const std::vector<std::string>& only,
                  PositionEncoding encoding);

/// The code action kind for applying every safe fix-it.
inline constexpr std::string_view kFixAllKind = "source.fixAll.checklint";

}  // namespace checklint::lsp
