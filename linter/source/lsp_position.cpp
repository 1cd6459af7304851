#include "linter/source/lsp_position.h"

#include <algorithm>
#include <cstring>

namespace checklint {

LspPosition lsp_position(const SourceText& text, std::size_t offset, PositionEncoding encoding) {
  return lsp_position(text, offset, PositionCounting{encoding, false});
}

LspPosition lsp_position(const SourceText& text, std::size_t offset, PositionCounting counting) {
  const auto pos = text.line_column(offset);
  LspPosition out{pos.line - 1, counting.encoding == PositionEncoding::Utf8 ? pos.byte_column : pos.utf16_column};
  if (counting.bom_in_text && text.had_bom() && out.line == 0) out.character += counting.encoding == PositionEncoding::Utf8 ? 3 : 1;
  return out;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  std::size_t start = 0;
  // Built for every incremental change: without a '\r' in the text, memchr finds the lines.
  const bool any_cr = text.find('\r') != std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!any_cr) {
      const void* next = std::memchr(text.data() + i, '\n', text.size() - i);
      if (next == nullptr) break;
      i = static_cast<std::size_t>(static_cast<const char*>(next) - text.data());
    }
    if (text[i] != '\n' && text[i] != '\r') continue;
    starts_.push_back(start);
    ends_.push_back(i);
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  // The text after the last terminator is a line too, even when empty (LSP counts it).
  starts_.push_back(start);
  ends_.push_back(text.size());
}

std::size_t LineIndex::offset(LspPosition position, PositionEncoding encoding) const {
  if (position.line >= starts_.size()) return text_.size();
  const std::size_t start = starts_[position.line];
  const std::size_t end = ends_[position.line];
  std::size_t units = 0;
  std::size_t i = start;
  while (i < end && units < position.character) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(text_, i, len);
    const std::size_t width = encoding == PositionEncoding::Utf8 ? len : (cp >= 0x10000 ? 2 : 1);
    if (units + width > position.character) break;  // inside this character: its start
    units += width;
    i += len;
  }
  return std::min(i, end);
}

LspPosition LineIndex::position(std::size_t offset, PositionEncoding encoding) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - starts_.begin()) - 1;
  const std::size_t stop = std::min(offset, ends_[line]);
  if (encoding == PositionEncoding::Utf8) return {line, stop - starts_[line]};
  std::size_t units = 0;
  for (std::size_t i = starts_[line]; i < stop;) {
    std::size_t len = 1;
    units += decode_utf8(text_, i, len) >= 0x10000 ? 2 : 1;
    i += len;
  }
  return {line, units};
}

}  // namespace checklint
