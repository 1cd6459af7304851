#pragma once
// TextView: the draft's prose as text checks see it. Container prefixes,
// code, HTML and blank lines are left out; white space between two CJK
// characters (a hard line break inside 习近平, a stray space) is removed, so a
// phrase matches however the draft was wrapped. Every offset maps back to the
// source bytes, and the text is split into paragraphs (chunks) at real breaks.
// A paragraph that is one piece of the source is read there, not copied: the
// view of a long draft costs its chunks and jumps, not a second copy of it.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/document/document.h"
#include "linter/source/literals.h"

namespace checklint {

/// A paragraph of the view: its offsets, and its bytes (text[i] is at offset range.begin + i).
struct ViewChunk {
  ByteRange range;
  std::string_view text;
};

class TextView {
 public:
  explicit TextView(const Document& doc);
  // Its chunks point into its own copies (a short one inside the object): never copied or moved.
  TextView(const TextView&) = delete;
  TextView& operator=(const TextView&) = delete;
  TextView(TextView&&) = delete;
  TextView& operator=(TextView&&) = delete;
  ~TextView() = default;

  /// The paragraphs: [begin, end) ranges of the view's offsets, in order and disjoint. The
  /// offsets are those of the paragraphs joined by '\n' into one text; that text is not kept
  /// (see joined()), each paragraph's bytes are read with chunk_text() or slice().
  [[nodiscard]] const std::vector<CompactRange>& chunks() const { return chunks_; }
  /// The text of chunk `index`.
  [[nodiscard]] std::string_view chunk_text(std::size_t index) const { return {data_[index], chunks_[index].size()}; }
  /// Chunk `index` with its text.
  [[nodiscard]] ViewChunk chunk(std::size_t index) const { return {chunks_[index], chunk_text(index)}; }
  /// The text of [begin, end), which lies within one chunk.
  [[nodiscard]] std::string_view slice(std::size_t begin, std::size_t end) const;
  /// The index of the chunk holding `offset` (the last one beginning at or before it).
  [[nodiscard]] std::size_t chunk_at(std::size_t offset) const;
  /// Every offset of the view at which one of `literals` is written within one paragraph,
  /// ascending: what LiteralStarts::in finds in each paragraph, found in one pass over the
  /// source for the paragraphs that are pieces of it (most of a draft), as a pass per paragraph
  /// cost more in setting out than in searching.
  void literal_starts(const LiteralStarts& literals, std::vector<std::size_t>& out) const;
  /// The paragraphs joined by '\n', as their offsets count: a copy, for tests.
  [[nodiscard]] std::string joined() const;

  /// The source bytes a range of the view came from.
  [[nodiscard]] ByteRange source(std::size_t begin, std::size_t end) const;
  /// The source byte offset of an offset of the view.
  [[nodiscard]] std::size_t source_offset(std::size_t offset) const;

 private:
  /// From `at` in the view on, source = offset + delta, until the next jump. The view is never
  /// longer than the source up to any point, so delta is never negative; 32 bits each, as the
  /// source's offsets are (SourceText).
  struct Jump {
    std::uint32_t at;
    std::uint32_t delta;
  };
  void append(std::string_view source, std::size_t begin, std::size_t end);
  void separate();
  void close_chunk(std::string_view source);
  /// Whether chunk `index` is a piece of the source (not empty, not a copy).
  [[nodiscard]] bool in_source(std::size_t index) const {
    const std::less<> before;  // a total order, also of pointers into different buffers
    return !chunks_[index].empty() && !before(data_[index], source_.data()) && before(data_[index], source_.data() + source_.size());
  }

  std::string_view source_;        // the document's bytes
  std::size_t size_ = 0;           // the length of the joined text so far
  std::size_t chunk_begin_ = 0;    // where the open chunk begins in it
  char32_t last_ = 0;              // its last character (0 while empty)
  std::size_t piece_begin_ = 0;    // where the open chunk's bytes begin in the source, while they are one piece
  bool in_pieces_ = false;         // the open chunk's bytes are not one piece of the source: copied to owned_
  std::size_t owned_begin_ = 0;    // where the open chunk's copy begins in owned_
  std::vector<CompactRange> chunks_;  // 32-bit, as the source's offsets (a 20 MB draft has ~200,000)
  /// Where each chunk's bytes are: in the source, for a paragraph written in one piece there
  /// (most are: one line, nothing dropped), else in owned_.
  std::vector<const char*> data_;
  std::string owned_;  // the chunks joined from pieces (lines of one paragraph, blanks or markup dropped)
  std::vector<std::size_t> owned_at_;  // while building: where each chunk in owned_ begins there
  std::vector<Jump> jumps_;
};

/// Whether a code point is a CJK character or CJK punctuation (where spaces carry no meaning).
bool is_cjk(char32_t cp);

}  // namespace checklint
