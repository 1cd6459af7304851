#pragma once
// TextView: the draft's prose as text checks see it. Container prefixes,
// code, HTML and blank lines are left out; white space between two CJK
// characters (a hard line break inside 习近平, a stray space) is removed, so a
// phrase matches however the draft was wrapped. Every offset maps back to the
// source bytes, and the text is split into paragraphs (chunks) at real breaks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "linter/document/document.h"

namespace checklint {

class TextView {
 public:
  explicit TextView(const Document& doc);

  /// The joined text; paragraphs are separated by '\n'.
  [[nodiscard]] std::string_view text() const { return text_; }

  /// The paragraphs: [begin, end) ranges into text().
  [[nodiscard]] const std::vector<ByteRange>& chunks() const { return chunks_; }

  /// The source bytes a range of text() came from.
  [[nodiscard]] ByteRange source(std::size_t begin, std::size_t end) const;
  /// The source byte offset of a text() offset.
  [[nodiscard]] std::size_t source_offset(std::size_t offset) const;

 private:
  /// From `at` in text() on, source = offset + delta, until the next jump. The view is never
  /// longer than the source up to any point, so delta is never negative; 32 bits each, as the
  /// source's offsets are (SourceText).
  struct Jump {
    std::uint32_t at;
    std::uint32_t delta;
  };
  void append(std::string_view bytes, std::size_t source_begin);

  std::string text_;
  std::vector<ByteRange> chunks_;
  std::vector<Jump> jumps_;
};

/// Whether a code point is a CJK character or CJK punctuation (where spaces carry no meaning).
bool is_cjk(char32_t cp);

}  // namespace checklint
