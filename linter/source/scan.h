#pragma once
// Finding the next of a few bytes in a text, 16 bytes at a time where SSE2 is there.
#include <array>
#include <cstddef>
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

}  // namespace checklint
