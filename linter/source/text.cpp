#include "linter/source/text.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <tuple>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <immintrin.h>  // SSE2, and AVX2 for the functions compiled for it
#endif

#include <fmt/format.h>

namespace checklint {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

int utf8proc_width(char32_t code_point) {
  return std::max(utf8proc_charwidth(static_cast<utf8proc_int32_t>(code_point)), 0);
}

/// utf8proc's widths of the Basic Multilingual Plane, each block of 256 code points looked up
/// on its first use: a million findings' columns asked utf8proc for every character before them.
class BmpWidths {
 public:
  int operator()(char32_t code_point) {
    const std::size_t block = code_point >> 8U;
    if (!ready_[block].load(std::memory_order_acquire)) fill(block);
    return widths_[code_point];
  }

 private:
  [[gnu::noinline, gnu::cold]] void fill(std::size_t block) {
    const std::lock_guard lock(mutex_);
    if (ready_[block].load(std::memory_order_relaxed)) return;
    for (std::size_t i = 0; i < 256; ++i) {
      const std::size_t cp = (block << 8U) | i;
      widths_[cp] = static_cast<std::int8_t>(utf8proc_width(static_cast<char32_t>(cp)));
    }
    ready_[block].store(true, std::memory_order_release);
  }

  std::mutex mutex_;
  std::array<std::atomic<bool>, 256> ready_{};
  std::array<std::int8_t, 0x10000> widths_{};
};

constinit BmpWidths bmp_widths;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables): a cache

/// display_width(), inline for the loops here.
int width_of(char32_t code_point) {
  if (code_point == U'\t') return 1;
  if (code_point < 0x10000) return bmp_widths(code_point);
  return utf8proc_width(code_point);
}

/// Throws InputError for the first NUL or invalid byte (`utf8_checked`: only NULs can occur).
void validate(std::string_view bytes, std::size_t file_offset, bool utf8_checked) {
  const std::size_t nul = bytes.find('\0');
  const std::size_t bad = utf8_checked ? std::string_view::npos : first_invalid_utf8(bytes.substr(0, nul));
  if (bad != std::string_view::npos) {
    const auto byte = static_cast<unsigned>(static_cast<unsigned char>(bytes[bad]));
    throw InputError(fmt::format("invalid UTF-8 at byte offset {} (byte 0x{:02X})", bad + file_offset, byte),
                     fmt::format("第 {} 字节（从 0 起）处的 0x{:02X} 不是有效的 UTF-8 编码（GBK、GB18030 或 UTF-16 的文件可用 --encoding 指定编码）",
                                 bad + file_offset, byte),
                     bad + file_offset);
  }
  if (nul != std::string_view::npos) {
    throw InputError(fmt::format("binary file: NUL byte at byte offset {}", nul + file_offset),
                     fmt::format("二进制文件：第 {} 字节（从 0 起）处是 NUL 字节", nul + file_offset), nul + file_offset);
  }
}

}  // namespace

namespace {

/// Characters of a UTF-8 text, and how many of them lie beyond the BMP (two UTF-16 units).
struct Units {
  std::size_t chars = 0;
  std::size_t astral = 0;
};

#if defined(__SSE2__)
/// The sum of the 16 byte lanes of `lanes`, each a count of at most 255 (psadbw).
std::size_t sum_lanes(__m128i lanes) {
  const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
  return static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) + static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
}
#endif

/// The bits set in a mask of 16 (baseline x86-64 has no popcnt instruction).
unsigned bits_set(unsigned mask) {
  mask = mask - ((mask >> 1U) & 0x5555U);
  mask = (mask & 0x3333U) + ((mask >> 2U) & 0x3333U);
  mask = (mask + (mask >> 4U)) & 0x0F0FU;
  return (mask + (mask >> 8U)) & 0x1FU;
}

/// count_units() of text[from, to); any byte of `text` may be read, so that the last bytes of
/// the range, fewer than 16, are counted in one block that holds them.
Units count_units(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t i = from;
  std::size_t continuations = 0;
  std::size_t astral = 0;  // lead bytes F0 and above
#if defined(__SSE2__)
  // Continuation bytes (10xxxxxx) are the signed bytes below -64, lead bytes of four-byte
  // characters those of -16 to -1. A lane counts each down from 0 in steps of -1 for at most
  // 255 blocks, then the lanes are summed (psadbw).
  const __m128i below = _mm_set1_epi8(-64);
  const __m128i above = _mm_set1_epi8(-17);
  const __m128i zero = _mm_setzero_si128();
  while (to - i >= 16) {
    __m128i cont = zero;
    __m128i four = zero;
    for (int blocks = 0; blocks < 255 && to - i >= 16; ++blocks, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      cont = _mm_sub_epi8(cont, _mm_cmplt_epi8(bytes, below));
      four = _mm_sub_epi8(four, _mm_and_si128(_mm_cmpgt_epi8(bytes, above), _mm_cmplt_epi8(bytes, zero)));
    }
    continuations += sum_lanes(cont);
    astral += sum_lanes(four);
  }
  if (i < to && text.size() >= 16) {
    // The last bytes: the 16 from `i`, or the text's last 16 if they run past its end, and of
    // their lanes those of [i, to); the bits of the masks counted (a range of a few characters,
    // as most of a finding's are, took some 50 instructions a byte at a time).
    const std::size_t at = std::min(i, text.size() - 16);
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const unsigned lanes = ((1U << (to - at)) - 1U) & ~((1U << (i - at)) - 1U);
    const auto high = static_cast<unsigned>(_mm_movemask_epi8(bytes));
    continuations += bits_set(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(bytes, below))) & lanes);
    const unsigned four = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(bytes, above))) & high & lanes;
    if (four != 0) astral += bits_set(four);
    i = to;
  }
#endif
  for (; i < to; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    continuations += (b & 0xC0U) == 0x80U ? 1 : 0;
    astral += b >= 0xF0U ? 1 : 0;
  }
  return {to - from - continuations, astral};
}

/// Characters and UTF-16 units of all of `text`.
Units count_units(std::string_view text) { return count_units(text, 0, text.size()); }

}  // namespace

namespace {

#if defined(__SSE2__)
/// A block's bytes as bit masks, a bit a byte: lead bytes (C0-FF), leads of three or more bytes
/// (E0-FF), continuation bytes (80-BF), and rare leads: C0, C1, E0 or ED
/// (the leads of an overlong form or a surrogate, which need their second byte looked at), or
/// F0 and above (four-byte characters, and bytes that are never UTF-8).
struct BlockBits {
  std::uint32_t lead = 0;
  std::uint32_t lead3 = 0;
  std::uint32_t continuation = 0;
  std::uint32_t rare = 0;
};

/// Bits 7, 6 and 5 of each byte come from movemask of the bytes, of the bytes added to
/// themselves, and of the bytes shifted by two within 16-bit lanes (the shift brings each
/// byte's bit 5 to its own top bit). Both kinds of block below do the same.
struct Sse2Blocks {
  static constexpr std::size_t kBytes = 16;
  static BlockBits classify(const unsigned char* p) {
    const auto set = [](unsigned byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
    const __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(s));
    const auto bit6 = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_add_epi8(s, s)));
    const auto bit5 = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_slli_epi16(s, 2)));
    __m128i rare = _mm_or_si128(_mm_cmpeq_epi8(s, set(0xE0)), _mm_cmpeq_epi8(s, set(0xED)));
    rare = _mm_or_si128(rare, _mm_cmpeq_epi8(_mm_and_si128(s, set(0xFE)), set(0xC0)));  // C0, C1
    rare = _mm_or_si128(rare, _mm_cmpeq_epi8(_mm_max_epu8(s, set(0xF0)), s));           // F0-FF
    return {high & bit6, high & bit6 & bit5, high & ~bit6, static_cast<std::uint32_t>(_mm_movemask_epi8(rare))};
  }
};

/// The same 32 bytes at a time, where the processor has AVX2 (about one instruction a byte).
struct Avx2Blocks {
  static constexpr std::size_t kBytes = 32;
  [[gnu::target("avx2")]] static BlockBits classify(const unsigned char* p) {
    // (No lambda for the constants: it would not be compiled for AVX2.)
    const __m256i e0 = _mm256_set1_epi8(static_cast<char>(0xE0));
    const __m256i ed = _mm256_set1_epi8(static_cast<char>(0xED));
    const __m256i fe = _mm256_set1_epi8(static_cast<char>(0xFE));
    const __m256i c0 = _mm256_set1_epi8(static_cast<char>(0xC0));
    const __m256i f0 = _mm256_set1_epi8(static_cast<char>(0xF0));
    const __m256i s = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(s));
    const auto bit6 = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_add_epi8(s, s)));
    const auto bit5 = static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_slli_epi16(s, 2)));
    __m256i rare = _mm256_or_si256(_mm256_cmpeq_epi8(s, e0), _mm256_cmpeq_epi8(s, ed));
    rare = _mm256_or_si256(rare, _mm256_cmpeq_epi8(_mm256_and_si256(s, fe), c0));  // C0, C1
    rare = _mm256_or_si256(rare, _mm256_cmpeq_epi8(_mm256_max_epu8(s, f0), s));    // F0-FF
    return {high & bit6, high & bit6 & bit5, high & ~bit6, static_cast<std::uint32_t>(_mm256_movemask_epi8(rare))};
  }
};

/// From `i`, a character boundary, a block at a time while every block holds only what drafts
/// are made of: ASCII, and characters of two or three bytes with no rare lead. In such a block a
/// character is well formed exactly when its continuations are where its lead calls for them,
/// so the bit masks of the block say it all (some three instructions a byte in blocks of 16;
/// the full test of every lead and second byte took six). Returns a character boundary before
/// which all is valid UTF-8, where first_invalid_utf8 judges character by character.
template <typename Blocks>
std::size_t common_utf8_prefix(const unsigned char* u, std::size_t n, std::size_t i) {
  constexpr std::uint64_t kBlock = (std::uint64_t{1} << Blocks::kBytes) - 1;
  std::uint64_t carry = 0;  // the continuations the last characters before the block call for in it
  for (; n - i >= Blocks::kBytes; i += Blocks::kBytes) {
    const BlockBits bits = Blocks::classify(u + i);
    // After a lead of C0-FF one continuation, after E0-FF two.
    const std::uint64_t wanted = (std::uint64_t{bits.lead} << 1U) | (std::uint64_t{bits.lead3} << 2U) | carry;
    if (((wanted & kBlock) != bits.continuation) || bits.rare != 0) break;
    carry = wanted >> Blocks::kBytes;
  }
  // A character begun before `i` and continued in the block not taken: back to its lead.
  if (carry != 0) {
    do --i;
    while ((u[i] & 0xC0U) == 0x80U);
  }
  return i;
}

std::size_t common_utf8_prefix_sse2(const unsigned char* u, std::size_t n, std::size_t i) {
  return common_utf8_prefix<Sse2Blocks>(u, n, i);
}

/// Flattened: Avx2Blocks::classify can be inlined only into code compiled for AVX2.
[[gnu::target("avx2"), gnu::flatten]] std::size_t common_utf8_prefix_avx2(const unsigned char* u, std::size_t n, std::size_t i) {
  return common_utf8_prefix<Avx2Blocks>(u, n, i);
}

/// Whether the last bytes of a text from `i`, fewer than 16 and a character boundary before
/// which all is valid, are common characters, well formed: judged in the block of the text's
/// last 16 bytes (at least 16 in all), by their lanes alone. A text's end a character at a time
/// took more than the blocks before it in the short strings that the reports write.
bool common_utf8_end(const unsigned char* u, std::size_t n, std::size_t i) {
  const std::size_t at = n - Sse2Blocks::kBytes;
  const BlockBits bits = Sse2Blocks::classify(u + at);
  const std::uint32_t lanes = 0xFFFFU & ~((1U << (i - at)) - 1U);  // those of [i, n)
  // A character cut by the end calls for a continuation past the block: bit 16 or 17.
  const std::uint32_t wanted = ((bits.lead & lanes) << 1U) | ((bits.lead3 & lanes) << 2U);
  return wanted == (bits.continuation & lanes) && (bits.rare & lanes) == 0;
}

/// Set before main (a call from an earlier static initializer sees false: blocks of 16 bytes,
/// the same answer). Not a function-local static, whose guard cost 3 M instructions on the drafts.
const bool cpu_has_avx2 = []() noexcept {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

/// first_invalid_utf8(), with blocks of 32 bytes if `wide` (and the processor has AVX2).
std::size_t first_invalid_utf8_in_blocks(std::string_view text, [[maybe_unused]] bool wide) {
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
#if defined(__SSE2__)
    // Blocks of the common characters by bit masks (32 bytes, then 16); what stops them (a block
    // with a rare lead or a misplaced byte, or fewer than 16 bytes left) a character at a time
    // below, up to and past the block, from where the blocks take over again.
    if (wide && n - i >= Avx2Blocks::kBytes) i = common_utf8_prefix_avx2(u, n, i);
    i = common_utf8_prefix_sse2(u, n, i);
    if (n - i < Sse2Blocks::kBytes && n >= Sse2Blocks::kBytes && common_utf8_end(u, n, i)) return std::string_view::npos;
    const std::size_t stop = std::min(n, i + 32);
#else
    const std::size_t stop = n;
#endif
    while (i < stop) {
      if (n - i >= 8) {  // eight ASCII bytes at once
        std::uint64_t word = 0;
        std::memcpy(&word, u + i, sizeof word);
        if ((word & 0x8080808080808080ULL) == 0) {
          i += 8;
          continue;
        }
      }
      const unsigned c = u[i];
      if (c < 0x80U) {
        ++i;
        continue;
      }
      // A well-formed three-byte character (all of CJK): no overlong form (E0 80–9F), no
      // surrogate (ED A0–BF). What this does not take, the general decoder judges.
      if ((c & 0xF0U) == 0xE0U && n - i >= 3 && (u[i + 1] & 0xC0U) == 0x80U && (u[i + 2] & 0xC0U) == 0x80U &&
          (c != 0xE0U || u[i + 1] >= 0xA0U) && (c != 0xEDU || u[i + 1] < 0xA0U)) {
        i += 3;
        continue;
      }
      std::size_t len = 0;
      if (decode_utf8_other(text, i, len) == U'\uFFFD' && text.substr(i, 3) != "\xEF\xBF\xBD") return i;
      i += len;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
#if defined(__SSE2__)
  return first_invalid_utf8_in_blocks(text, cpu_has_avx2);
#else
  return first_invalid_utf8_in_blocks(text, false);
#endif
}

std::size_t first_invalid_utf8_sse2(std::string_view text) { return first_invalid_utf8_in_blocks(text, false); }

namespace {

/// Calls `found` with the offset of each `byte` in `s`, in order, 16 bytes at a time.
template <typename Found>
void for_each_byte(std::string_view s, char byte, const Found& found) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(byte);
  const std::size_t blocks_end = s.size() & ~std::size_t{15};
  for (; i != blocks_end; i += 16) {
    auto mask = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), wanted)));
    for (; mask != 0; mask &= mask - 1) found(i + static_cast<std::size_t>(std::countr_zero(mask)));
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == byte) found(i);
  }
}

}  // namespace

SourceText SourceText::from_bytes(std::string path, std::string bytes) {
  const bool bom = std::string_view(bytes).substr(0, kBom.size()) == kBom;
  if (bom) bytes.erase(0, kBom.size());
  return from_utf8(std::move(path), std::move(bytes), bom, false);
}

SourceText SourceText::from_utf8(std::string path, std::string&& bytes, bool bom, bool utf8_checked) {
  SourceText text;
  text.path_ = std::move(path);
  text.had_bom_ = bom;
  validate(bytes, bom ? kBom.size() : 0, utf8_checked);
  // Offsets are kept in 32 bits (files are read up to kMaxInputBytes, 64 MiB).
  if (bytes.size() > UINT32_MAX) throw InputError("the text is too large (4 GiB or more)", "文字过长（4 GiB 或以上）", 0, false);
  text.bytes_ = std::move(bytes);

  const std::string_view s = text.bytes_;
  bool lf = false;
  bool crlf = false;
  bool cr = false;
  std::size_t start = 0;
  // The index sized once: at most a line per terminator byte, and the last one.
  const std::size_t newlines = count_byte(s, '\n');
  const bool any_cr = s.find('\r') != std::string_view::npos;
  const std::size_t lines = 1 + newlines + (any_cr ? count_byte(s, '\r') : 0);
  text.line_starts_.reserve(lines);
  text.line_ends_.reserve(lines);
  if (!any_cr) {
    // Most drafts: every line ends with '\n'. Their lines are short (some 60 bytes), so the
    // '\n's are found 16 bytes at a time here rather than by memchr, whose set-up for each
    // line cost more than the scan.
    for_each_byte(s, '\n', [&](std::size_t i) {
      text.line_starts_.push_back(static_cast<std::uint32_t>(start));
      text.line_ends_.push_back(static_cast<std::uint32_t>(i));
      start = i + 1;
    });
    lf = newlines != 0;
  } else {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '\n' && s[i] != '\r') continue;
      text.line_starts_.push_back(static_cast<std::uint32_t>(start));
      text.line_ends_.push_back(static_cast<std::uint32_t>(i));
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
        crlf = true;
        ++i;
      } else if (s[i] == '\r') {
        cr = true;
      } else {
        lf = true;
      }
      start = i + 1;
    }
  }
  // The last line: text after the final terminator, or an empty file's only line.
  if (start < s.size() || text.line_starts_.empty()) {
    text.line_starts_.push_back(static_cast<std::uint32_t>(start));
    text.line_ends_.push_back(static_cast<std::uint32_t>(s.size()));
  }
  const int kinds = static_cast<int>(lf) + static_cast<int>(crlf) + static_cast<int>(cr);
  if (kinds > 1) {
    text.line_ending_ = LineEnding::Mixed;
  } else if (crlf) {
    text.line_ending_ = LineEnding::CRLF;
  } else if (cr) {
    text.line_ending_ = LineEnding::CR;
  } else if (lf) {
    text.line_ending_ = LineEnding::LF;
  }
  return text;
}

SourceText SourceText::from_file_bytes(std::string path, std::string_view raw, std::optional<Encoding> forced) {
  Decoded decoded = decode_text(raw, forced);
  if (decoded.encoding == Encoding::Utf8) {
    return from_utf8(std::move(path), std::move(decoded.text), decoded.bom, decoded.utf8_checked);
  }
  SourceText text = from_bytes(std::move(path), std::move(decoded.text));
  text.encoding_ = decoded.encoding;
  text.had_bom_ = decoded.bom;
  return text;
}

SourceText SourceText::adopt_file_bytes(std::string path, std::string&& raw, std::optional<Encoding> forced) {
  const std::string_view view = raw;
  // What decode_text() would take as UTF-8 unchanged; from_utf8 leaves `raw` as it is if it
  // refuses it (a NUL).
  if (!forced && !view.starts_with(kBom) && first_invalid_utf8(view) == std::string_view::npos) {
    return from_utf8(std::move(path), std::move(raw), false, true);
  }
  return from_file_bytes(std::move(path), view, forced);
}

std::size_t SourceText::line_index(std::size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  if (it == line_starts_.begin()) return 0;
  return static_cast<std::size_t>(it - line_starts_.begin()) - 1;
}

ByteRange SourceText::line_range(std::size_t index) const {
  return {line_starts_.at(index), line_ends_.at(index)};
}

std::string_view SourceText::line_text(std::size_t index) const { return slice(line_range(index)); }

std::string_view SourceText::slice(ByteRange range) const {
  const std::size_t begin = std::min(range.begin, bytes_.size());
  const std::size_t end = std::clamp(range.end, begin, bytes_.size());
  return std::string_view(bytes_).substr(begin, end - begin);
}

SourceText::SourceText(SourceText&& other) noexcept
    : path_(std::move(other.path_)),
      bytes_(std::move(other.bytes_)),
      had_bom_(other.had_bom_),
      encoding_(other.encoding_),
      line_ending_(other.line_ending_),
      line_starts_(std::move(other.line_starts_)),
      line_ends_(std::move(other.line_ends_)) {}

SourceText::SourceText(const SourceText& other)
    : path_(other.path_),
      bytes_(other.bytes_),
      had_bom_(other.had_bom_),
      encoding_(other.encoding_),
      line_ending_(other.line_ending_),
      line_starts_(other.line_starts_),
      line_ends_(other.line_ends_) {}

SourceText& SourceText::operator=(const SourceText& other) {
  if (this == &other) return *this;
  SourceText copy(other);
  *this = std::move(copy);
  return *this;
}

SourceText& SourceText::operator=(SourceText&& other) noexcept {
  if (this == &other) return *this;
  path_ = std::move(other.path_);
  bytes_ = std::move(other.bytes_);
  had_bom_ = other.had_bom_;
  encoding_ = other.encoding_;
  line_ending_ = other.line_ending_;
  line_starts_ = std::move(other.line_starts_);
  line_ends_ = std::move(other.line_ends_);
  const std::lock_guard lock(checkpoints_mutex_);
  checkpoints_.clear();
  return *this;
}

/// Advances `pos` over the characters of [from, to).
static void advance(std::string_view bytes, std::size_t from, std::size_t to, Position& pos) {
  std::size_t i = from;
  while (i < to) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(bytes, i, len);
    pos.column += 1;
    pos.display_column += static_cast<std::size_t>(width_of(cp));
    pos.utf16_column += cp >= 0x10000 ? 2 : 1;
    i += len;
  }
}

SourceText::Checkpoints& SourceText::checkpoints_locked(std::size_t line) const {
  auto& slot = checkpoints_[line];
  if (!slot) {
    slot = std::make_unique<Checkpoints>();
    Position pos;
    pos.line = line + 1;
    std::size_t at = line_starts_[line];
    slot->offsets.push_back(at);
    slot->positions.push_back(pos);
    while (at + kCheckpointBytes < line_ends_[line]) {
      std::size_t next = at + kCheckpointBytes;
      while (next < line_ends_[line] && (static_cast<unsigned char>(bytes_[next]) & 0xC0U) == 0x80U) ++next;
      advance(bytes_, at, next, pos);
      at = next;
      slot->offsets.push_back(at);
      slot->positions.push_back(pos);
    }
  }
  return *slot;
}

std::pair<std::size_t, Position> SourceText::checkpoint_before(std::size_t line, std::size_t stop) const {
  const std::lock_guard lock(checkpoints_mutex_);
  const Checkpoints& cp = checkpoints_locked(line);
  const auto it = std::upper_bound(cp.offsets.begin(), cp.offsets.end(), stop);
  const auto k = static_cast<std::size_t>(it - cp.offsets.begin()) - 1;
  return {cp.offsets[k], cp.positions[k]};
}

Position SourceText::position(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  const std::size_t index = line_index(offset);
  const std::size_t start = line_starts_[index];
  // An offset inside a line terminator counts as the end of the line.
  const std::size_t stop = std::min<std::size_t>(offset, line_ends_[index]);
  Position pos;
  pos.line = index + 1;
  std::size_t i = start;
  if (line_ends_[index] - start > kCheckpointBytes) {
    std::tie(i, pos) = checkpoint_before(index, stop);
    Checkpoints* cp = nullptr;
    {
      const std::lock_guard lock(checkpoints_mutex_);
      cp = &checkpoints_locked(index);
      // Findings come in order of position: most lie a little after the one asked before.
      if (cp->last_offset > i && cp->last_offset <= stop) {
        pos = cp->last;
        i = cp->last_offset;
      }
    }
    pos.byte_column = stop - start;
    advance(bytes_, i, stop, pos);
    // An offset inside a character counts that character: counting on from there would count it twice.
    if (stop < bytes_.size() && (static_cast<unsigned char>(bytes_[stop]) & 0xC0U) == 0x80U) return pos;
    const std::lock_guard lock(checkpoints_mutex_);
    cp->last_offset = stop;
    cp->last = pos;
    return pos;
  }
  pos.byte_column = stop - start;
  advance(bytes_, i, stop, pos);
  return pos;
}

SourceText::LineColumn SourceText::line_column(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  const std::size_t index = line_index(offset);
  const std::size_t start = line_starts_[index];
  const std::size_t stop = std::min<std::size_t>(offset, line_ends_[index]);
  // Counting lead bytes gives advance()'s count: the text is valid UTF-8, and a character cut
  // by `stop` has its lead byte before it. Far into a long line, from its last checkpoint.
  constexpr std::size_t kCountedBytes = 4096;
  std::size_t from = start;
  Position base;
  if (stop - start > kCountedBytes) std::tie(from, base) = checkpoint_before(index, stop);
  const Units units = count_units(bytes_, from, stop);
  return {index + 1, base.column + units.chars, base.utf16_column + units.chars + units.astral, stop - start};
}

SourceText::LineColumn LineColumnCursor::operator()(std::size_t offset) {
  const std::string_view bytes = text_.bytes_;
  offset = std::min(offset, bytes.size());
  const bool next_line = line_ + 1 < text_.line_starts_.size() && offset >= text_.line_starts_[line_ + 1];
  if (!have_ || offset < stop_ || next_line) {
    at_ = text_.line_column(offset);
    have_ = true;
    line_ = at_.line - 1;
    stop_ = std::min<std::size_t>(offset, text_.line_ends_[line_]);
    return at_;
  }
  // An offset inside the line terminator counts as the end of the line, as in line_column().
  const std::size_t stop = std::min<std::size_t>(offset, text_.line_ends_[line_]);
  const Units units = count_units(bytes, stop_, stop);
  at_.column += units.chars;
  at_.utf16_column += units.chars + units.astral;
  at_.byte_column += stop - stop_;
  stop_ = stop;
  return at_;
}

char32_t decode_utf8_other(std::string_view text, std::size_t offset, std::size_t& length) {
  utf8proc_int32_t cp = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + offset);
  const auto n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(text.size() - offset), &cp);
  if (n <= 0) {
    length = 1;
    return U'\uFFFD';
  }
  length = static_cast<std::size_t>(n);
  return static_cast<char32_t>(cp);
}

int display_width(char32_t code_point) { return width_of(code_point); }

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    width += static_cast<std::size_t>(display_width(decode_utf8(text, i, len)));
    i += len;
  }
  return width;
}

std::size_t char_count(std::string_view text) { return count_units(text).chars; }

std::size_t find_text(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  if (needle.size() > haystack.size() - from) return std::string_view::npos;
  if (needle.size() == 1) {
    const void* found = std::memchr(haystack.data() + from, needle.front(), haystack.size() - from);
    return found == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(found) - haystack.data());
  }
#if defined(__SSE2__)
  // 16 places at a time are tested for the needle's first and last bytes together, which in a
  // Chinese text rules out nearly every place (about half an instruction a byte, where memmem
  // takes some five for a word of three-byte characters, and its set-up more than a short line).
  std::size_t i = from;
  const std::size_t last = needle.size() - 1;
  const __m128i first_byte = _mm_set1_epi8(needle.front());
  const __m128i last_byte = _mm_set1_epi8(needle.back());
  for (; i + last + 16 <= haystack.size(); i += 16) {
    const __m128i firsts = _mm_loadu_si128(reinterpret_cast<const __m128i*>(haystack.data() + i));
    const __m128i lasts = _mm_loadu_si128(reinterpret_cast<const __m128i*>(haystack.data() + i + last));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(firsts, first_byte), _mm_cmpeq_epi8(lasts, last_byte))));
    for (; mask != 0; mask &= mask - 1) {
      const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(mask));
      if (std::memcmp(haystack.data() + at + 1, needle.data() + 1, last - 1) == 0) return at;
    }
  }
  // The last places, too few for a block of 16.
  for (; i + needle.size() <= haystack.size(); ++i) {
    if (haystack[i] == needle.front() && haystack.compare(i, needle.size(), needle) == 0) return i;
  }
  return std::string_view::npos;
#else
  const void* found = memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  return found == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(found) - haystack.data());
#endif
}

std::size_t rfind_text(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  if (needle.empty()) return haystack.size();
  const std::size_t last = needle.size() - 1;
  // The needle's last byte can be at `last` … end - 1; each one found is checked, from the end.
  for (std::size_t end = haystack.size(); end > last;) {
    const void* hit = memrchr(haystack.data() + last, static_cast<unsigned char>(needle.back()), end - last);
    if (hit == nullptr) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data());
    if (std::memcmp(haystack.data() + at - last, needle.data(), last) == 0) return at - last;
    end = at;
  }
  return std::string_view::npos;
}

std::size_t last_colon_end(std::string_view text) {
  // Whether the byte at `at` ends a colon.
  const auto ends_colon = [text](std::size_t at) {
    return text[at] == ':' || (text[at] == '\x9A' && at >= 2 && text[at - 1] == '\xBC' && text[at - 2] == '\xEF');
  };
  std::size_t end = text.size();
#if defined(__SSE2__)
  const __m128i colon = _mm_set1_epi8(':');
  const __m128i last_byte = _mm_set1_epi8(static_cast<char>(0x9A));
  for (; end >= 16; end -= 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + end - 16));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, colon), _mm_cmpeq_epi8(block, last_byte))));
    while (mask != 0) {
      const unsigned bit = 31U - static_cast<unsigned>(std::countl_zero(mask));
      const std::size_t at = end - 16 + bit;
      if (ends_colon(at)) return at + 1;
      mask &= ~(1U << bit);
    }
  }
#endif
  for (; end > 0; --end) {
    if (ends_colon(end - 1)) return end;
  }
  return 0;
}

std::size_t count_byte(std::string_view s, char byte) {
  // 16 bytes at a time: each lane counts up (subtracting the -1 of each match) to at most 255,
  // then the lanes are summed (psadbw).
  const char* at = s.data();
  const char* const end = s.data() + s.size();
  std::size_t count = 0;
#if defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(byte);
  const __m128i zero = _mm_setzero_si128();
  const auto counted = [&](const char* p) { return _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), wanted); };
  while (end - at >= 16) {
    // Four blocks a step while there are (63 steps at most: a lane counts to 252), then one.
    const bool fours = end - at >= 64;
    const std::ptrdiff_t step = fours ? 64 : 16;
    const char* const stop = at + std::min<std::ptrdiff_t>(fours ? 63 : 255, (end - at) / step) * step;
    __m128i lanes = zero;
    if (fours) {
      for (; at != stop; at += 64) {
        lanes = _mm_sub_epi8(lanes, _mm_add_epi8(_mm_add_epi8(counted(at), counted(at + 16)), _mm_add_epi8(counted(at + 32), counted(at + 48))));
      }
    } else {
      for (; at != stop; at += 16) lanes = _mm_sub_epi8(lanes, counted(at));
    }
    count += sum_lanes(lanes);
  }
#endif
  for (; at != end; ++at) count += *at == byte ? 1 : 0;
  return count;
}

}  // namespace checklint
