#pragma once
// SourceText: a draft's bytes, validated as UTF-8, with a line index.
// Everything inside checklint works with byte offsets into bytes(); the
// conversions to what people and protocols count (lines, characters, display
// columns, UTF-16 code units) live here and only here.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "linter/source/decode.h"

namespace checklint {

/// A half-open range of byte offsets [begin, end).
struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const { return end - begin; }
  [[nodiscard]] bool empty() const { return end <= begin; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

/// A ByteRange in 32 bits, as SourceText keeps its offsets; reads as a ByteRange.
struct CompactRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  CompactRange() = default;
  CompactRange(std::size_t b, std::size_t e) : begin(static_cast<std::uint32_t>(b)), end(static_cast<std::uint32_t>(e)) {}
  CompactRange(ByteRange r) : CompactRange(r.begin, r.end) {}  // NOLINT(google-explicit-constructor)
  operator ByteRange() const { return {begin, end}; }          // NOLINT(google-explicit-constructor)
  [[nodiscard]] std::size_t size() const { return end - begin; }
  [[nodiscard]] bool empty() const { return end <= begin; }
  friend bool operator==(const CompactRange&, const CompactRange&) = default;
};

/// Where an offset sits, in each unit checklint reports. Lines and columns are 1-based.
struct Position {
  std::size_t line = 1;            ///< 1-based line number
  std::size_t column = 1;          ///< 1-based, counted in Unicode characters
  std::size_t display_column = 1;  ///< 1-based, in terminal cells (CJK = 2)
  std::size_t utf16_column = 0;    ///< 0-based, in UTF-16 code units (LSP, SARIF)
  std::size_t byte_column = 0;     ///< 0-based byte offset within the line
};

/// Raised for input that cannot be read as a draft; carries the byte offset in the file.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& message, std::size_t offset)
      : std::runtime_error(message), offset_(offset) {}
  /// With a Chinese message too; `located` false when the offset cannot be turned into
  /// a line and column of the raw bytes (UTF-16, a .docx), so only the offset is given.
  InputError(const std::string& message, std::string chinese, std::size_t offset, bool located = true)
      : std::runtime_error(message), chinese_(std::move(chinese)), offset_(offset), located_(located) {}
  [[nodiscard]] std::size_t offset() const { return offset_; }
  /// The Chinese message; empty for errors that only have an English one.
  [[nodiscard]] const std::string& chinese() const { return chinese_; }
  [[nodiscard]] bool located() const { return located_; }

 private:
  std::string chinese_;
  std::size_t offset_;
  bool located_ = true;
};

enum class LineEnding { LF, CRLF, CR, Mixed, None };

class SourceText {
 public:
  SourceText() = default;
  SourceText(SourceText&& other) noexcept;
  SourceText& operator=(SourceText&& other) noexcept;
  SourceText(const SourceText& other);
  SourceText& operator=(const SourceText& other);
  ~SourceText() = default;

  /// Validates `bytes` (UTF-8, optional BOM) and indexes its lines.
  /// Throws InputError for binary content or invalid UTF-8.
  static SourceText from_bytes(std::string path, std::string bytes);
  /// Decodes a file's bytes (decode_text(): UTF-8, UTF-16 with a BOM, GB18030/GBK, or
  /// `forced`), then as from_bytes(); encoding() and had_bom() say how it was written.
  static SourceText from_file_bytes(std::string path, std::string_view raw, std::optional<Encoding> forced = std::nullopt);
  /// from_file_bytes(), taking the bytes: when they are the text as they stand (UTF-8 without a
  /// BOM or a NUL, no encoding forced: most drafts), they become its own without a copy, so that
  /// a long draft is never held twice. `raw` is left as it was when this throws.
  static SourceText adopt_file_bytes(std::string path, std::string&& raw, std::optional<Encoding> forced = std::nullopt);

  [[nodiscard]] const std::string& path() const { return path_; }
  /// The text without its BOM; all offsets refer to this.
  [[nodiscard]] std::string_view bytes() const { return bytes_; }
  [[nodiscard]] bool had_bom() const { return had_bom_; }
  /// The file's encoding; bytes() is always UTF-8.
  [[nodiscard]] Encoding encoding() const { return encoding_; }
  [[nodiscard]] LineEnding line_ending() const { return line_ending_; }

  [[nodiscard]] std::size_t line_count() const { return line_starts_.size(); }
  /// 0-based line index of the line holding `offset`.
  [[nodiscard]] std::size_t line_index(std::size_t offset) const;
  /// The line's bytes, without its terminator.
  [[nodiscard]] ByteRange line_range(std::size_t index) const;
  [[nodiscard]] std::string_view line_text(std::size_t index) const;
  [[nodiscard]] std::string_view slice(ByteRange range) const;

  [[nodiscard]] Position position(std::size_t offset) const;

  /// position() without the display column, which only the terminal report needs: the
  /// JSON report and the language server ask for these. A line of ordinary length is
  /// counted by its lead bytes, not character by character.
  struct LineColumn {
    std::size_t line = 1;          ///< as Position
    std::size_t column = 1;        ///< as Position
    std::size_t utf16_column = 0;  ///< as Position
    std::size_t byte_column = 0;   ///< as Position
  };
  [[nodiscard]] LineColumn line_column(std::size_t offset) const;

 private:
  friend class LineColumnCursor;

  /// from_bytes() once the BOM is gone: `bom` says there was one; `utf8_checked` that
  /// first_invalid_utf8() has passed the bytes already (decode_text() checks them to detect the
  /// encoding), so that only the NUL test is left.
  /// `bytes` is moved from only once they have passed, so that a caller keeps them on a throw.
  static SourceText from_utf8(std::string path, std::string&& bytes, bool bom, bool utf8_checked);

  std::string path_;
  std::string bytes_;
  bool had_bom_ = false;
  Encoding encoding_ = Encoding::Utf8;
  LineEnding line_ending_ = LineEnding::None;
  std::vector<std::uint32_t> line_starts_;  // 32 bits: from_utf8 refuses a text of 4 GiB
  std::vector<std::uint32_t> line_ends_;    // excluding the terminator

  /// Positions every kCheckpointBytes within a long line, built on first use, so that
  /// position() costs O(kCheckpointBytes), not O(line), even on a one-line 20 MB file.
  /// And the position asked last on the line, where the next one may start counting.
  struct Checkpoints {
    std::vector<std::size_t> offsets;
    std::vector<Position> positions;
    std::size_t last_offset = 0;
    Position last;
  };
  static constexpr std::size_t kCheckpointBytes = 256;  // a position costs at most this many bytes of counting
  /// The line's checkpoints, built if need be; checkpoints_mutex_ is held.
  [[nodiscard]] Checkpoints& checkpoints_locked(std::size_t line) const;
  /// The last checkpoint of a long line at or before `stop`: its offset and position.
  [[nodiscard]] std::pair<std::size_t, Position> checkpoint_before(std::size_t line, std::size_t stop) const;
  mutable std::mutex checkpoints_mutex_;
  mutable std::map<std::size_t, std::unique_ptr<Checkpoints>> checkpoints_;
};

/// line_column() of offsets asked mostly in ascending order, as an emitter asks for its findings'
/// starts and ends: an offset at or after the one asked before, on the same line, is counted on
/// from it (characters and UTF-16 units are counts of bytes, so they add up exactly), instead of
/// from the line's start or its last checkpoint. The same answers as line_column().
class LineColumnCursor {
 public:
  explicit LineColumnCursor(const SourceText& text) : text_(text) {}
  SourceText::LineColumn operator()(std::size_t offset);

 private:
  const SourceText& text_;
  bool have_ = false;
  std::size_t line_ = 0;  // 0-based index of the line asked last
  std::size_t stop_ = 0;  // where that answer was counted to
  SourceText::LineColumn at_;
};

/// `haystack.find(needle, from)` through glibc's memmem. string_view::find looks for the
/// needle's first byte and compares from there, and in Chinese text that byte (E4–E9)
/// starts every third byte; memmem's two-way search does not degrade so.
std::size_t find_text(std::string_view haystack, std::string_view needle, std::size_t from = 0);

/// `haystack.rfind(needle)` through memrchr for the needle's last byte: for a needle that ends
/// in a Chinese character that byte is a continuation byte, which ends one character in 64 of
/// a Chinese text (not one in three, as the lead bytes E4–E9 that find() stops at), so a text
/// that lacks the needle is passed over at memrchr's speed.
std::size_t rfind_text(std::string_view haystack, std::string_view needle);

/// Where the last ':' or '：' in `text` ends (one past its last byte), or 0 when there is none:
/// one pass from the end, 16 bytes at a time, for ':' and for 9A (the last byte of '：').
std::size_t last_colon_end(std::string_view text);

/// Decodes one UTF-8 character at `offset`; returns its code point and sets `length`
/// (decode_utf8_other does what the inline fast paths leave: two- and four-byte characters).
/// Invalid sequences yield U+FFFD with length 1 (SourceText never contains them).
char32_t decode_utf8_other(std::string_view text, std::size_t offset, std::size_t& length);
inline char32_t decode_utf8(std::string_view text, std::size_t offset, std::size_t& length) {
  // Fast paths for ASCII and well-formed three-byte characters (all of CJK), which are almost
  // every character of a draft; inline, since every check kind steps through the text with it.
  const auto* u = reinterpret_cast<const unsigned char*>(text.data() + offset);
  const std::size_t left = text.size() - offset;
  if (left >= 1 && u[0] < 0x80U) {
    length = 1;
    return u[0];
  }
  if (left >= 3 && (u[0] & 0xF0U) == 0xE0U && (u[1] & 0xC0U) == 0x80U && (u[2] & 0xC0U) == 0x80U) {
    const char32_t cp3 = ((u[0] & 0x0FU) << 12U) | ((u[1] & 0x3FU) << 6U) | (u[2] & 0x3FU);
    if (cp3 >= 0x800 && (cp3 < 0xD800 || cp3 > 0xDFFF)) {
      length = 3;
      return cp3;
    }
  }
  return decode_utf8_other(text, offset, length);
}

/// Offset of the first byte that does not begin a well-formed UTF-8 character (a U+FFFD
/// written as such is well formed), or npos. NUL bytes are well formed.
std::size_t first_invalid_utf8(std::string_view text);
/// first_invalid_utf8() in blocks of 16 bytes only, even where the processor has AVX2 (for tests).
std::size_t first_invalid_utf8_sse2(std::string_view text);

/// How many bytes of `s` are `byte` (the '\n's of a draft, counted to size its line index once).
std::size_t count_byte(std::string_view s, char byte);

/// Terminal cells taken by a code point (East Asian wide/fullwidth = 2, controls = 0).
int display_width(char32_t code_point);
/// Terminal cells taken by a UTF-8 string (a tab counts 1; callers expand tabs).
std::size_t display_width(std::string_view text);
/// Number of Unicode characters in a UTF-8 string.
std::size_t char_count(std::string_view text);

}  // namespace checklint
