#pragma once
// Where any of several literal strings starts in a text, in one pass.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace checklint {

/// The literals of a rule (the elements of enumeration sets, the alternatives of a
/// consistency group) found together. When every literal holds the same two bytes the same
/// distance apart (党委 / 党组 / 党工委 all hold 党, “三会一课” and 三会一课 hold 三会一课),
/// those two bytes are looked for 16 places at a time and the literals are compared only
/// where both stand: one pass over the text for all of them, where memmem made one pass per
/// literal at some two instructions a byte. Otherwise up to kSearchedOneByOne literals are
/// each found by memmem. More are found by Wu and Manber's multi-pattern search: a window as long as the
/// shortest literal moves along the text by how far its last two bytes allow (a table of every
/// pair of bytes in the literals' first `shortest` bytes, by how near the window's end each
/// stands), and only where that is nowhere are the literals whose window ends in that pair
/// compared. In a Chinese text the window moves by about the shortest literal's length minus
/// one whatever the number of literals, where an RE2 alternation made two RE2 calls per start.
/// Thread-safe.
class LiteralStarts {
 public:
  /// Empty literals are left out (they would start everywhere).
  explicit LiteralStarts(const std::vector<std::string>& literals);

  /// Every offset of `text` at which one of the literals starts, ascending; occurrences
  /// that overlap are all there.
  [[nodiscard]] std::vector<std::size_t> in(std::string_view text) const;
  /// The same, each plus `base`, appended to `out` (a paragraph of a longer text at a time).
  void in(std::string_view text, std::size_t base, std::vector<std::size_t>& out) const;
  /// Whether one of the literals is written at `at` in `text` (and ends within it).
  [[nodiscard]] bool starts_at(std::string_view text, std::size_t at) const;
  /// The length of the longest literal.
  [[nodiscard]] std::size_t longest() const { return longest_; }

 private:
  /// Up to this many literals are each found by memmem, which is faster in time for a few
  /// (consistency's groups of two to seven), though it executes more instructions.
  static constexpr std::size_t kSearchedOneByOne = 8;
  static constexpr std::size_t kTableBits = 12;  // pairs of bytes hashed into 4,096 shifts
  static std::size_t pair_hash(unsigned char a, unsigned char b) {
    return ((static_cast<std::size_t>(a) << 5U) ^ b) & ((std::size_t{1} << kTableBits) - 1);
  }

  /// Two bytes every literal holds `distance` apart: `first` at offsets_[k] in literals_[k].
  struct Anchor {
    unsigned char first = 0;
    unsigned char second = 0;
    std::size_t distance = 0;
    std::vector<std::size_t> offsets;
  };
  /// The anchor of the rarest bytes the literals share (none: `offsets` empty).
  [[nodiscard]] static Anchor shared_anchor(const std::vector<std::string>& literals);
  void by_anchor(std::string_view text, std::size_t base, std::vector<std::size_t>& out) const;

  std::vector<std::string> literals_;  // the non-empty ones
  std::size_t longest_ = 0;
  Anchor anchor_;
  std::size_t shortest_ = 0;           // bytes of the shortest literal (the window)
  /// Per pair hash: how far the window may move when its last two bytes hash so (0: compare).
  std::array<std::uint8_t, std::size_t{1} << kTableBits> shift_{};
  /// Per pair hash, the literals whose window ends in a pair of that hash, the only ones compared
  /// there: literals_[window_literals_[k]] for k in [window_begin_[h], window_begin_[h + 1]).
  /// Empty when the literals are searched one by one.
  std::vector<std::uint32_t> window_begin_;
  std::vector<std::uint32_t> window_literals_;
};

}  // namespace checklint
