#pragma once
// Recognising GB/T 9704-2012 heading numbers at the start of a line, and the
// run-in item markers (一是…二是…, 第一，…, 首先…其次…) inside a paragraph.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace checklint {

/// A heading number at the start of a line, standard or not. 12 bytes: every section node of
/// the tree holds one, and a 20 MB draft has a hundred thousand of them.
struct Marker {
  std::uint8_t level = 0;      ///< the GB/T 9704 level it stands for: 1 一、 2 （一） 3 1. 4 （1）
  int ordinal = 0;             ///< 1-based value of the number
  bool standard = false;       ///< written exactly as GB/T 9704 prescribes (1． is tolerated)
  /// Bytes taken by the marker, trailing punctuation included: at most 18 (（九十九）、 or
  /// (999).), so 8 bits are plenty.
  std::uint8_t length = 0;

  /// The standard spelling of this level and ordinal (canonical_marker), computed on demand.
  [[nodiscard]] std::string canonical() const;
};

/// Reads a heading number at the very start of `text`.
std::optional<Marker> read_marker(std::string_view text);

/// What read_marker finds, found by trying each form of heading number in turn, with no test of
/// the first character first (for tests: read_marker must find the same).
std::optional<Marker> read_marker_trying_each_form(std::string_view text);

/// The standard spelling for a level and ordinal: 一、 （一） 1. （1）.
std::string canonical_marker(int level, int ordinal);

/// Chinese numerals 1–99 (一 … 九十九); empty for anything else.
std::string chinese_numeral(int n);

/// Parses a Chinese numeral (1–99) at the start of `text`; sets `length` in bytes.
std::optional<int> parse_chinese_numeral(std::string_view text, std::size_t& length);

enum class ItemScheme : std::uint8_t {
  Shi,       ///< 一是 二是 三是
  Di,        ///< 第一， 第二，
  Sequence,  ///< 首先 其次 再次 最后
};

/// A run-in item marker inside a paragraph. 16 bytes: every item node of the tree holds one.
struct ItemMarker {
  std::uint32_t offset = 0;  ///< byte offset of the marker within the scanned text (32 bits, as SourceText's)
  int ordinal = 0;           ///< 1-based; 0 for 最后 (its place is "last", not a number)
  /// Bytes of the marker (一是 / 第一 / 首先), punctuation excluded: at most 12 (第九十九).
  std::uint16_t length = 0;
  ItemScheme scheme = ItemScheme::Shi;
};

/// Finds item markers in `text`. A marker must start the text or follow
/// punctuation, so that 统一是 or 第一书记 never count. Only markers that begin before
/// `limit` are returned (the scan stops there; what follows may still be read to recognise one).
std::vector<ItemMarker> find_item_markers(std::string_view text, std::size_t limit = std::string_view::npos);

/// find_item_markers(text, limit) into `items`, which it clears first: the tree builder asks for
/// the markers of every paragraph and heading, and one vector reused for all of them saves an
/// allocation for each paragraph that has any.
void find_item_markers(std::string_view text, std::size_t limit, std::vector<ItemMarker>& items);

/// The item marker that begins exactly at `offset` of `text`, if one does (the test
/// find_item_markers makes at each position; `offset` must start a character).
std::optional<ItemMarker> item_marker_at(std::string_view text, std::size_t offset);

/// How an item of `scheme` with `ordinal` is written (二是, 第二, 其次).
std::string item_marker_text(ItemScheme scheme, int ordinal);

}  // namespace checklint
