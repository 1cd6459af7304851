#pragma once
// Finding the next of a few bytes in a text, 16 bytes at a time where SSE2 is there.
#include <array>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace checklint {

/// A set of bytes to look for, such as the lead bytes of the marks a check reacts to: most
/// of a draft holds none of them, and a scan that tests each byte of it in turn spends its
/// time there.
class ByteFinder {
 public:
  explicit ByteFinder(std::string_view bytes);

  /// The first offset in [from, end) whose byte is in the set, or `end`; reads no byte at or
  /// after text.size().
  [[nodiscard]] std::size_t find(std::string_view text, std::size_t from, std::size_t end) const;

 private:
  static constexpr std::size_t kVectorBytes = 4;  // distinct bytes compared at once
  std::array<bool, 256> in_{};
  std::array<unsigned char, kVectorBytes> vector_{};
  std::size_t count_ = 0;  // distinct bytes; above kVectorBytes only the table is used
};

/// Where a scan that reads a block of bytes at a time reads them: in the text while a block's
/// bytes lie in it, then in a copy of its last bytes padded with zeros. Paragraphs (a few
/// hundred bytes each, read where they stand in the source) are so scanned to their end a block
/// at a time, not their last blocks byte by byte. A place a block finds is only a place to look
/// at: the scan checks it on the text, and never reads the text at or past its end. `Reach`:
/// the most bytes the scan reads from one place.
template <std::size_t Reach>
class PaddedTail {
 public:
  explicit PaddedTail(std::string_view text) : text_(text) {}
  /// Where the Reach bytes from offset `p` (< text.size()) can be read.
  const char* at(std::size_t p) {
    if (p + Reach <= text_.size()) return text_.data() + p;
    if (copied_ == std::string_view::npos || p < copied_) {
      copied_ = p;
      tail_.fill(0);
      std::memcpy(tail_.data(), text_.data() + p, text_.size() - p);
    }
    return tail_.data() + (p - copied_);
  }

 private:
  std::string_view text_;
  std::size_t copied_ = std::string_view::npos;  // the offset tail_ begins at
  std::array<char, 2 * Reach> tail_{};
};

}  // namespace checklint
