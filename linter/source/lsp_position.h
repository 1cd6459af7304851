#pragma once
// LSP positions (0-based line, column in the negotiated encoding) in both
// directions. Outgoing positions come from SourceText::position(); incoming ones
// (didChange ranges, hover and codeAction positions) are mapped back to byte
// offsets by LineIndex, which works on any text, even text SourceText refuses
// (an editor buffer may hold a NUL).
#include <cstddef>
#include <string_view>
#include <vector>

#include "linter/source/text.h"

namespace checklint {

/// What an LSP `character` counts: UTF-16 code units (the protocol's default) or UTF-8 bytes.
enum class PositionEncoding { Utf16, Utf8 };

struct LspPosition {
  std::size_t line = 0;
  std::size_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
};

/// How the reader of a position counts: the encoding, and whether the reader's text still
/// starts with the BOM that SourceText drops from bytes(). An editor buffer sent to the
/// language server holds it (U+FEFF: one UTF-16 unit, three UTF-8 bytes, on line 0); a
/// file opened in an editor does not (editors strip it), which is what `--format lsp` assumes.
struct PositionCounting {
  PositionEncoding encoding = PositionEncoding::Utf16;
  bool bom_in_text = false;
};

/// The LSP position of a byte offset of `text`.
LspPosition lsp_position(const SourceText& text, std::size_t offset, PositionEncoding encoding);
LspPosition lsp_position(const SourceText& text, std::size_t offset, PositionCounting counting);

/// Line starts of a text, with \n, \r\n and \r as terminators (as SourceText and LSP count them).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  /// The byte offset of an LSP position, clamped the way the protocol asks: a line past
  /// the last one means the end of the text, a character past the line's end means the
  /// end of the line (before its terminator), and a character inside a multi-unit
  /// character (between the halves of a surrogate pair, inside a UTF-8 sequence) means
  /// the start of that character.
  [[nodiscard]] std::size_t offset(LspPosition position, PositionEncoding encoding) const;

  /// The LSP position of a byte offset (clamped to the text; inside a terminator: the line's end).
  [[nodiscard]] LspPosition position(std::size_t offset, PositionEncoding encoding) const;

  [[nodiscard]] std::size_t line_count() const { return starts_.size(); }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::vector<std::size_t> ends_;  ///< excluding the terminator
};

}  // namespace checklint
