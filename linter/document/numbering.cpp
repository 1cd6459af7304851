#include "linter/document/numbering.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "linter/source/text.h"

namespace checklint {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四",
                                                      "五", "六", "七", "八", "九"};
constexpr std::string_view kTen = "十";

/// The first three bytes of `text` packed into one integer (0 if shorter): the hot scans
/// compare one integer per character instead of one string per candidate character.
constexpr std::uint32_t packed3(std::string_view text) {
  if (text.size() < 3) return 0;
  return (static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) << 16U) |
         (static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8U) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(text[2]));
}

/// Value of a single Chinese digit 1–9 at the start of text (3 bytes), or 0. A switch, not a
/// loop over the digits: it is asked at the start of most lines and paragraphs, and most of them
/// begin with some other character.
int digit_at(std::string_view text) {
  switch (packed3(text)) {
    case packed3(kDigits[1]): return 1;
    case packed3(kDigits[2]): return 2;
    case packed3(kDigits[3]): return 3;
    case packed3(kDigits[4]): return 4;
    case packed3(kDigits[5]): return 5;
    case packed3(kDigits[6]): return 6;
    case packed3(kDigits[7]): return 7;
    case packed3(kDigits[8]): return 8;
    case packed3(kDigits[9]): return 9;
    default: return 0;
  }
}

/// text.starts_with(token), byte by byte: the tokens are a few bytes long and most texts differ
/// from them in the first, where starts_with called memcmp for each of them.
bool begins_with(std::string_view text, std::string_view token) {
  if (text.size() < token.size()) return false;
  for (std::size_t k = 0; k < token.size(); ++k) {
    if (text[k] != token[k]) return false;
  }
  return true;
}

bool consume(std::string_view& text, std::size_t& length, std::string_view token) {
  if (!begins_with(text, token)) return false;
  text.remove_prefix(token.size());
  length += token.size();
  return true;
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> tokens,
                     std::size_t& token_length) {
  for (auto token : tokens) {
    if (begins_with(text, token)) {
      token_length = token.size();
      return true;
    }
  }
  return false;
}

/// Reads 1–3 ASCII digits with no leading zero.
std::optional<int> parse_arabic(std::string_view text, std::size_t& length) {
  std::size_t n = 0;
  int value = 0;
  while (n < text.size() && n < 4 && text[n] >= '0' && text[n] <= '9') {
    value = value * 10 + (text[n] - '0');
    ++n;
  }
  if (n == 0 || n > 3 || text[0] == '0') return std::nullopt;
  length = n;
  return value;
}

std::optional<Marker> read_parenthesised(std::string_view text) {
  Marker m;
  std::size_t len = 0;
  const bool full_open = consume(text, len, "（");
  if (!full_open && !consume(text, len, "(")) return std::nullopt;
  std::size_t num_len = 0;
  bool chinese = true;
  auto value = parse_chinese_numeral(text, num_len);
  if (!value) {
    chinese = false;
    value = parse_arabic(text, num_len);
  }
  if (!value) return std::nullopt;
  text.remove_prefix(num_len);
  len += num_len;
  const bool full_close = consume(text, len, "）");
  if (!full_close && !consume(text, len, ")")) return std::nullopt;
  std::size_t trail = 0;
  const bool trailing = starts_with_any(text, {"、", "．", "。", "，", ".", ","}, trail);
  // "(1).5" or "（1）.2" is not a marker followed by punctuation.
  if (trailing && text.size() > trail && text[trail] >= '0' && text[trail] <= '9') return std::nullopt;
  len += trailing ? trail : 0;
  m.level = chinese ? 2 : 4;
  m.ordinal = *value;
  m.standard = full_open && full_close && !trailing;
  m.length = static_cast<std::uint8_t>(len);
  return m;
}

std::optional<Marker> read_chinese_level1(std::string_view text) {
  std::size_t len = 0;
  auto value = parse_chinese_numeral(text, len);
  if (!value) return std::nullopt;
  text.remove_prefix(len);
  std::size_t trail = 0;
  if (text.starts_with("、")) {
    // 三、四月份 / 一、二季度: a range of months or quarters, not a heading.
    std::size_t next_len = 0;
    const auto after = text.substr(3);
    if (parse_chinese_numeral(after, next_len)) {
      const auto unit = after.substr(next_len);
      for (std::string_view word : {"月", "季度", "年级", "个月", "季", "日", "号"}) {
        if (unit.starts_with(word)) return std::nullopt;
      }
    }
    return Marker{1, *value, true, static_cast<std::uint8_t>(len + 3)};
  }
  if (starts_with_any(text, {"．", "，", "：", ".", ",", ":"}, trail)) {
    // "一.5" is not a heading number.
    if (text.size() > trail && text[trail] >= '0' && text[trail] <= '9') return std::nullopt;
    return Marker{1, *value, false, static_cast<std::uint8_t>(len + trail)};
  }
  return std::nullopt;
}

std::optional<Marker> read_arabic(std::string_view text) {
  std::size_t len = 0;
  auto value = parse_arabic(text, len);
  if (!value) return std::nullopt;
  text.remove_prefix(len);
  std::size_t trail = 0;
  if (starts_with_any(text, {".", "．"}, trail)) {
    const auto rest = text.substr(trail);
    if (!rest.empty() && ((rest[0] >= '0' && rest[0] <= '9') || rest.starts_with("．"))) {
      return std::nullopt;  // 1.5亿, 1.2.3
    }
    return Marker{3, *value, true, static_cast<std::uint8_t>(len + trail)};
  }
  if (starts_with_any(text, {"、", "，", ","}, trail)) {
    return Marker{3, *value, false, static_cast<std::uint8_t>(len + trail)};
  }
  if (starts_with_any(text, {")", "）"}, trail)) {
    return Marker{4, *value, false, static_cast<std::uint8_t>(len + trail)};
  }
  return std::nullopt;
}

std::optional<Marker> read_circled(std::string_view text) {
  std::size_t len = 0;
  if (text.empty()) return std::nullopt;
  const char32_t cp = decode_utf8(text, 0, len);
  if (cp < U'\u2460' || cp > U'\u2473') return std::nullopt;  // ① … ⑳
  return Marker{4, static_cast<int>(cp - U'\u2460') + 1, false, static_cast<std::uint8_t>(len)};
}

/// 一是一、二是二 (things as they are) is an idiom, not a list: the numeral
/// repeats right after 是 and is followed by a pause.
bool is_idiom(std::string_view after_shi, std::string_view numeral) {
  if (!after_shi.starts_with(numeral)) return false;
  const auto rest = after_shi.substr(numeral.size());
  return rest.empty() || rest.starts_with("、") || rest.starts_with("，") || rest.starts_with("。") || rest.starts_with(",");
}

/// The length of the boundary character that begins at `at` (one an item marker may follow:
/// 。；：，！？、”’）… the ideographic space, U+00A0, a space or tab, ; : , ) and .), or 0.
std::size_t boundary_length_at(std::string_view text, std::size_t at) {
  switch (static_cast<unsigned char>(text[at])) {
    case ' ':
    case '\t':
    case ';':
    case ':':
    case ',':
    case ')':
    case '.': return 1;
    case 0xC2U: return text.substr(at).starts_with("\u00A0") ? 2 : 0;
    case 0xE2U:
    case 0xE3U:
    case 0xEFU: break;
    default: return 0;
  }
  static constexpr std::array<std::uint32_t, 12> kWide = {
      packed3("。"), packed3("；"), packed3("："), packed3("，"), packed3("！"), packed3("？"),
      packed3("、"), packed3("”"),  packed3("’"),  packed3("）"), packed3("…"), packed3("　")};
  const std::uint32_t head = packed3(text.substr(at));
  return std::find(kWide.begin(), kWide.end(), head) != kWide.end() ? 3 : 0;
}

bool is_boundary_before(std::string_view text, std::size_t offset) {
  if (offset == 0) return true;
  // Look at the character just before `offset`.
  std::size_t start = offset - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
  return boundary_length_at(text, start) == offset - start;
}

#if defined(__SSE2__)
/// The bytes of the 16 at `at` that may begin a boundary character (boundary_length_at), one bit
/// each: ASCII bytes and the lead bytes C2, E2, E3, EF. `at + 16` must not pass the end of `text`.
unsigned boundary_lead_mask(std::string_view text, std::size_t at) {
  const __m128i lead_e2_e3 = _mm_set1_epi8(static_cast<char>(0xE2));
  const __m128i drop_low_bit = _mm_set1_epi8(static_cast<char>(0xFE));
  const __m128i lead_ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i lead_c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
  const __m128i leads = _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(block, drop_low_bit), lead_e2_e3),
                                     _mm_or_si128(_mm_cmpeq_epi8(block, lead_ef), _mm_cmpeq_epi8(block, lead_c2)));
  // movemask takes each byte's top bit: the bytes where it is clear are ASCII.
  const auto ascii = ~static_cast<unsigned>(_mm_movemask_epi8(block)) & 0xFFFFU;
  return static_cast<unsigned>(_mm_movemask_epi8(leads)) | ascii;
}
#endif

/// The bytes in [at, at + 16) of `text` that may begin a boundary character, one bit each from
/// bit 0 for `at`. In Chinese prose a boundary (mostly ，。、) comes every ten
/// characters or so: the bytes between are passed over sixteen at a time, where the scan for item
/// markers used to test every character. A block that would run past the end of `text` is read
/// as the last sixteen bytes of `text`, shifted.
unsigned boundary_leads(std::string_view text, std::size_t at) {
  unsigned mask = 0;
#if defined(__SSE2__)
  if (at + 16 <= text.size()) {
    mask = boundary_lead_mask(text, at);
  } else if (text.size() >= 16) {
    mask = boundary_lead_mask(text, text.size() - 16) >> (at - (text.size() - 16));
  } else
#endif
  {
    for (std::size_t i = at; i < text.size() && i < at + 16; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80U || c == 0xC2U || (c & 0xFEU) == 0xE2U || c == 0xEFU) mask |= 1U << (i - at);
    }
  }
  return mask;
}

}  // namespace

std::string chinese_numeral(int n) {
  if (n <= 0 || n >= 100) return {};
  const int tens = n / 10;
  const int ones = n % 10;
  std::string out;
  if (tens > 1) out += kDigits[static_cast<std::size_t>(tens)];
  if (tens >= 1) out += kTen;
  if (ones > 0) out += kDigits[static_cast<std::size_t>(ones)];
  return out;
}

std::optional<int> parse_chinese_numeral(std::string_view text, std::size_t& length) {
  // Forms: d, 十, 十d, d十, d十d (d = 一…九).
  std::size_t len = 0;
  int value = 0;
  const int first = digit_at(text);
  if (first > 0) {
    len += 3;
    text.remove_prefix(3);
  }
  if (text.starts_with(kTen)) {
    len += kTen.size();
    text.remove_prefix(kTen.size());
    value = (first > 0 ? first : 1) * 10;
    const int ones = digit_at(text);
    if (ones > 0) {
      value += ones;
      len += 3;
    }
  } else if (first > 0) {
    value = first;
  } else {
    return std::nullopt;
  }
  length = len;
  return value;
}

std::string canonical_marker(int level, int ordinal) {
  switch (level) {
    case 1: return chinese_numeral(ordinal) + "、";
    case 2: return "（" + chinese_numeral(ordinal) + "）";
    case 3: return std::to_string(ordinal) + ".";
    case 4: return "（" + std::to_string(ordinal) + "）";
    default: return {};
  }
}

std::string Marker::canonical() const { return canonical_marker(level, ordinal); }

std::optional<Marker> read_marker(std::string_view text) {
  if (text.empty()) return std::nullopt;
  // Every marker begins with ( or a digit, or with the lead byte of （ (EF), of ① … ⑳ (E2) or of
  // a Chinese numeral 一 … 十 (E4, E5): most lines are turned away by their first byte.
  const auto c = static_cast<unsigned char>(text[0]);
  if (c != '(' && (c < '0' || c > '9') && c != 0xEFU && c != 0xE2U && c != 0xE4U && c != 0xE5U) return std::nullopt;
  // E4 and E5 lead a third of all Han characters: a line that begins with one of them is asked
  // whether its first character is one of those a marker can begin with (（ ① … ⑳ 一 … 九 十).
  //
  // The first character also says which of the four forms the marker can be: each form begins
  // with characters none of the others begins with (( and （; ASCII digits; ① … ⑳; 一 … 九 and
  // 十), so only that form is read, where trying each in turn read three that could not match.
  if (c == '(') return read_parenthesised(text);
  if (c < 0x80U) return read_arabic(text);
  const std::uint32_t head = packed3(text);
  if (head == packed3("（")) return read_parenthesised(text);
  if (head >= packed3("①") && head <= packed3("⑳")) return read_circled(text);
  if (head == packed3(kTen) || digit_at(text) > 0) return read_chinese_level1(text);
  return std::nullopt;
}

std::optional<Marker> read_marker_trying_each_form(std::string_view text) {
  std::optional<Marker> m = read_parenthesised(text);
  if (!m) m = read_chinese_level1(text);
  if (!m) m = read_arabic(text);
  if (!m) m = read_circled(text);
  return m;
}

std::string item_marker_text(ItemScheme scheme, int ordinal) {
  switch (scheme) {
    case ItemScheme::Shi: return chinese_numeral(ordinal) + "是";
    case ItemScheme::Di: return "第" + chinese_numeral(ordinal);
    case ItemScheme::Sequence: {
      static constexpr std::array<std::string_view, 4> kWords = {"最后", "首先", "其次", "再次"};
      if (ordinal >= 0 && ordinal <= 3) return std::string(kWords[static_cast<std::size_t>(ordinal)]);
      return {};
    }
  }
  return {};
}

namespace {

/// Whether `rest` starts with a character an item marker can start with (a digit
/// 一…九, 十, 第, or 首/其/再/最 of 首先…最后): a cheap test before the boundary test.
/// The first two bytes of every character an item marker can begin with (一–九 十 第 首 其 再 最),
/// as a table: the scan asks it at each lead byte and decodes nothing for the other characters.
class ItemStarts {
 public:
  constexpr ItemStarts() {
    for (std::string_view c : {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "第", "首", "其", "再", "最"}) {
      bits_.at(key(static_cast<unsigned char>(c[0]), static_cast<unsigned char>(c[1]))) = true;
    }
  }
  [[nodiscard]] constexpr bool may_start(std::string_view text, std::size_t i) const {
    if (i + 1 >= text.size()) return false;
    return bits_[key(static_cast<unsigned char>(text[i]), static_cast<unsigned char>(text[i + 1]))];
  }

 private:
  static constexpr std::size_t key(unsigned lead, unsigned second) { return (lead << 8U) | second; }
  std::array<bool, 65536> bits_{};
};

bool may_open_item(std::string_view rest) {
  static constexpr std::array<std::uint32_t, 6> kOthers = {packed3(kTen), packed3("第"), packed3("首"),
                                                           packed3("其"), packed3("再"), packed3("最")};
  const std::uint32_t head = packed3(rest);
  if (head == 0) return false;
  return digit_at(rest) > 0 || std::find(kOthers.begin(), kOthers.end(), head) != kOthers.end();
}

}  // namespace

namespace {

constexpr ItemStarts kStarts;

/// The item marker at `i`, once it is known that a marker may begin there (kStarts) and that
/// `i` follows a boundary (is_boundary_before).
std::optional<ItemMarker> read_item_marker(std::string_view text, std::size_t i) {
  const std::string_view rest = text.substr(i);
  if (!may_open_item(rest)) return std::nullopt;
  std::size_t num_len = 0;
  if (auto n = parse_chinese_numeral(rest, num_len);
      n && rest.substr(num_len).starts_with("是") && !is_idiom(rest.substr(num_len + 3), rest.substr(0, num_len))) {
    return ItemMarker{static_cast<std::uint32_t>(i), *n, static_cast<std::uint16_t>(num_len + 3), ItemScheme::Shi};
  }
  if (rest.starts_with("第")) {
    std::size_t trail = 0;
    auto after = rest.substr(3);
    if (auto d = parse_chinese_numeral(after, num_len);
        d && starts_with_any(after.substr(num_len), {"，", "、", "：", ",", ":"}, trail)) {
      return ItemMarker{static_cast<std::uint32_t>(i), *d, static_cast<std::uint16_t>(3 + num_len), ItemScheme::Di};
    }
    return std::nullopt;
  }
  static constexpr std::array<std::pair<std::string_view, int>, 4> kSeq = {
      {{"首先", 1}, {"其次", 2}, {"再次", 3}, {"最后", 0}}};
  for (const auto& [word, ordinal] : kSeq) {
    std::size_t trail = 0;
    if (rest.starts_with(word) && starts_with_any(rest.substr(word.size()), {"，", "、", "：", ",", ":"}, trail)) {
      return ItemMarker{static_cast<std::uint32_t>(i), ordinal, static_cast<std::uint16_t>(word.size()), ItemScheme::Sequence};
    }
  }
  return std::nullopt;
}

/// Whether the byte at `i` leads a character an item marker can begin with.
bool may_start_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  return (c & 0xC0U) != 0x80U && c >= 0x80U && kStarts.may_start(text, i);
}

}  // namespace

std::optional<ItemMarker> item_marker_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size() || !may_start_at(text, offset) || !is_boundary_before(text, offset)) return std::nullopt;
  return read_item_marker(text, offset);
}

void find_item_markers(std::string_view text, std::size_t limit, std::vector<ItemMarker>& items) {
  // What item_marker_at finds at each character, from the first on, going on after the end of
  // each marker found. A marker begins the text or follows a boundary character, so only those
  // places are tried: the bytes that may begin a boundary are found sixteen at a time
  // (boundary_leads), and the characters between them are never looked at one by one.
  items.clear();
  const std::size_t stop = std::min(limit, text.size());
  std::size_t next = 0;  // the end of the last marker found: none begins inside it
  const auto try_at = [&](std::size_t at) {
    if (const auto found = read_item_marker(text, at)) {
      items.push_back(*found);
      next = at + found->length;
    }
  };
  if (stop > 0 && may_start_at(text, 0)) try_at(0);
  for (std::size_t block = 0; block < stop; block += 16) {
    // Leads at or past `stop` are passed over below: a marker after them would begin past it.
    for (unsigned leads = boundary_leads(text, block); leads != 0; leads &= leads - 1U) {
      const std::size_t lead = block + static_cast<std::size_t>(std::countr_zero(leads));
      // Where a marker after a boundary beginning with this byte would begin: a boundary is one
      // ASCII byte, U+00A0 (C2 A0) or three bytes (E2, E3, EF). Whether a marker may begin there
      // is one table look-up, and it turns away most boundaries (，。 followed by any other
      // character) before the boundary itself is read.
      const auto c = static_cast<unsigned char>(text[lead]);
      const std::size_t at = lead + (c < 0x80U ? 1 : c == 0xC2U ? 2 : 3);
      if (at >= stop || at < next || !may_start_at(text, at)) continue;
      if (boundary_length_at(text, lead) == at - lead) try_at(at);
    }
  }
}

std::vector<ItemMarker> find_item_markers(std::string_view text, std::size_t limit) {
  std::vector<ItemMarker> items;
  find_item_markers(text, limit, items);
  return items;
}

}  // namespace checklint
