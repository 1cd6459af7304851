// Kind `repetition`: a character or word written twice across the seam
// (的的, 进一步进一步), and a sentence or paragraph written twice.
//   chars = ["的", "了", …]   single characters that are never doubled
//   words = true               2–4 character words repeated back to back
//   allow = ["不了了之", "研究研究", …]   reduplications that are meant
//   sentences = true, min_sentence = 12
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "linter/checks/kinds/kind.h"
#include "linter/source/scan.h"

namespace checklint {
namespace {

bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

/// Whether the `len` bytes at `a` and at `b` are the same; inline, as `len` is one character
/// (a memcmp call for every character of the draft was the kind's largest cost).
bool same_bytes(std::string_view text, std::size_t a, std::size_t b, std::size_t len) {
  if (len == 3) {
    // Without a branch per byte: whether two Han characters' lead bytes agree is a coin toss
    // the branch predictor loses, and this runs for every character of the draft.
    return static_cast<int>(text[a] == text[b]) & static_cast<int>(text[a + 1] == text[b + 1]) &
           static_cast<int>(text[a + 2] == text[b + 2]);
  }
  for (std::size_t k = 0; k < len; ++k) {
    if (text[a + k] != text[b + k]) return false;
  }
  return true;
}

/// Whether the three bytes at `p` come again `d` bytes later, within the text.
bool same_three(std::string_view text, std::size_t p, std::size_t d) {
  return p + d + 3 <= text.size() && same_bytes(text, p, p + d, 3);
}

/// The first character boundary in [from, end) whose three bytes come again 3, 6, 9 or 12
/// bytes later, or `end`. doubled() reports only at such a place (a Han character is three
/// bytes, and a doubled character or word of 2–4 characters repeats its first one so far
/// on), so the characters in between need no look. SSE2 tests 14 places per step; no byte
/// at or past text.size() is read.
std::size_t next_candidate(std::string_view text, std::size_t from, std::size_t end) {
  std::size_t p = from;
#if defined(__SSE2__)
  PaddedTail<12 + 16> blocks(text);
  const __m128i top_bits = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i continuation = _mm_set1_epi8(static_cast<char>(0x80));
  constexpr std::size_t kStep = 14;  // places whose three bytes lie in one 16-byte block
  for (; p < end; p += kStep) {
    const char* s = blocks.at(p);  // 12 + 16 bytes are read
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    // A byte equal to the one 3, 6, 9 or 12 bytes on, whichever: three such bytes in a row
    // are what a place needs (each at the same distance, which is checked only then).
    __m128i any_equal = _mm_setzero_si128();
    for (const std::size_t d : {3U, 6U, 9U, 12U}) {
      const __m128i later = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + d));
      any_equal = _mm_or_si128(any_equal, _mm_cmpeq_epi8(block, later));
    }
    const auto equal = static_cast<unsigned>(_mm_movemask_epi8(any_equal));
    unsigned found = equal & (equal >> 1U) & (equal >> 2U);
    if (found != 0) {
      const auto inside = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(block, top_bits), continuation)));
      found &= ~inside & ((1U << kStep) - 1U);
      for (; found != 0; found &= found - 1U) {
        const std::size_t q = p + static_cast<std::size_t>(std::countr_zero(found));
        if (q >= end) return end;
        if (same_three(text, q, 3) || same_three(text, q, 6) || same_three(text, q, 9) || same_three(text, q, 12)) return q;
      }
    }
  }
  return end;
#else
  for (; p < end; ++p) {
    if ((static_cast<unsigned char>(text[p]) & 0xC0U) == 0x80U) continue;
    if (same_three(text, p, 3) || same_three(text, p, 6) || same_three(text, p, 9) || same_three(text, p, 12)) return p;
  }
  return end;
#endif
}

/// Eight bytes at `p`, as one word (any byte order: only hashing and counting read it).
std::uint64_t load8(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  return w;
}

/// The characters of a short UTF-8 text: its bytes less its continuation bytes (10xxxxxx),
/// as char_count() counts them, eight bytes a step. has_chars() asks only of texts under
/// 4 * min_sentence bytes, where char_count()'s set-up for long texts cost more than the count.
std::size_t short_char_count(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080U;
  constexpr std::uint64_t kOnes = 0x0101010101010101U;
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    const std::uint64_t w = load8(s.data() + i);
    // A byte's top bit set and the next one clear, moved down to one bit per byte and summed.
    const std::uint64_t cont = ((w & ~(w << 1U)) & kHigh) >> 7U;
    continuations += static_cast<std::size_t>((cont * kOnes) >> 56U);
  }
  for (; i < s.size(); ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0U) == 0x80U ? 1 : 0;
  return s.size() - continuations;
}

/// Whether `s` holds at least `n` characters, counted only when its size leaves it open.
bool has_chars(std::string_view s, std::size_t n) {
  if (s.size() < n) return false;
  if (s.size() >= 4 * n) return true;
  return short_char_count(s) >= n;
}

/// The first place in [from, end) where 。, ！ or ？ begins (E3 80 82, EF BC 81, EF BC 9F), or
/// `end`; the character may run up to text.size(). Looking for the lead bytes E3 and EF alone
/// stopped at every ，、：；（）《》 too, which are most of them.
std::size_t next_stop(std::string_view text, std::size_t from, std::size_t end) {
  std::size_t p = from;
#if defined(__SSE2__)
  PaddedTail<2 + 16> blocks(text);
  const __m128i e3 = _mm_set1_epi8(static_cast<char>(0xE3));
  const __m128i x80 = _mm_set1_epi8(static_cast<char>(0x80));
  const __m128i x82 = _mm_set1_epi8(static_cast<char>(0x82));
  const __m128i ef = _mm_set1_epi8(static_cast<char>(0xEF));
  const __m128i bc = _mm_set1_epi8(static_cast<char>(0xBC));
  const __m128i x81 = _mm_set1_epi8(static_cast<char>(0x81));
  const __m128i x9f = _mm_set1_epi8(static_cast<char>(0x9F));
  for (; p < end; p += 16) {
    const char* s = blocks.at(p);  // 2 + 16 bytes are read
    const __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    const __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 1));
    const __m128i b2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 2));
    const __m128i full_stop = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, e3), _mm_cmpeq_epi8(b1, x80)), _mm_cmpeq_epi8(b2, x82));
    const __m128i marks = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(b0, ef), _mm_cmpeq_epi8(b1, bc)),
                                        _mm_or_si128(_mm_cmpeq_epi8(b2, x81), _mm_cmpeq_epi8(b2, x9f)));
    // The padding's zeros are none of these bytes, so a place found lies in the text: it is
    // still checked there, as a mark must end within it.
    for (auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(full_stop, marks))); found != 0; found &= found - 1U) {
      const std::size_t q = p + static_cast<std::size_t>(std::countr_zero(found));
      if (q >= end) return end;
      if (q + 3 <= text.size()) return q;
    }
  }
  return end;
#else
  const auto at = [&](std::size_t k, unsigned char b) { return static_cast<unsigned char>(text[k]) == b; };
  for (; p < end; ++p) {
    if (p + 3 > text.size()) continue;
    if ((at(p, 0xE3) && at(p + 1, 0x80) && at(p + 2, 0x82)) ||
        (at(p, 0xEF) && at(p + 1, 0xBC) && (at(p + 2, 0x81) || at(p + 2, 0x9F)))) {
      return p;
    }
  }
  return end;
#endif
}

/// The texts seen so far, ranges of the view, looked up by content: an open-addressing
/// table of (hash, begin, size), hashed eight bytes a step. std::unordered_map<string_view>
/// allocated a node per sentence and hashed with _Hash_bytes: a fifth of the kind's cost.
class SeenTexts {
 public:
  explicit SeenTexts(const TextView& view) : view_(view) {}

  /// Where a text equal to `s` (not empty), which stands at `begin` in the view, was first
  /// seen, or nothing after recording it as seen here.
  std::optional<std::size_t> first_or_add(std::string_view s, std::size_t begin) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::uint64_t h = hash(s);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t k = index(h);; k = (k + 1) & mask) {
      Slot& slot = slots_[k];
      if (slot.size == 0) {
        slot = {h, begin, s.size()};
        ++used_;
        return std::nullopt;
      }
      if (slot.hash == h && slot.size == s.size() && view_.slice(slot.begin, slot.begin + slot.size) == s) return slot.begin;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t begin = 0;
    std::size_t size = 0;  ///< 0: empty
  };

  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15U;
    constexpr int kRotate = 23;
    std::uint64_t h = s.size() * kMultiplier;
    if (s.size() < 8) {
      for (const char c : s) h = (std::rotl(h, kRotate) ^ static_cast<unsigned char>(c)) * kMultiplier;
      return h;
    }
    for (std::size_t i = 0; i + 8 < s.size(); i += 8) h = (std::rotl(h, kRotate) ^ load8(s.data() + i)) * kMultiplier;
    // The last eight bytes, overlapping the words before when the size is no multiple of 8.
    return (std::rotl(h, kRotate) ^ load8(s.data() + s.size() - 8)) * kMultiplier;
  }

  /// The home slot: the hash's top bits, the best mixed by the multiplications.
  [[nodiscard]] std::size_t index(std::uint64_t h) const {
    return static_cast<std::size_t>(h >> static_cast<unsigned>(64 - std::countr_zero(slots_.size())));
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.size == 0) continue;
      std::size_t k = index(slot.hash);
      while (slots_[k].size != 0) k = (k + 1) & mask;
      slots_[k] = slot;
    }
  }

  const TextView& view_;
  std::vector<Slot> slots_;  ///< a power of two of them, at most half used
  std::size_t used_ = 0;
};

class RepetitionRule final : public TextRule {
 public:
  RepetitionRule(std::vector<std::string> chars, bool words, std::vector<std::string> allow, bool sentences,
                 std::int64_t min_sentence)
      : chars_(std::move(chars)), words_(words), allow_(std::move(allow)), sentences_(sentences),
        min_sentence_(static_cast<std::size_t>(min_sentence)) {}

  void run(TextContext& ctx) const override {
    SeenTexts seen_sentences(ctx.view());
    SeenTexts seen_chunks(ctx.view());
    for (std::size_t c = 0; c < ctx.view().chunks().size(); ++c) {
      const ViewChunk chunk = ctx.view().chunk(c);
      doubled(ctx, chunk);
      if (sentences_) repeated_sentences(ctx, chunk, seen_sentences, seen_chunks);
    }
  }

 private:
  /// Whether an allowed reduplication covers [begin, end) of the paragraph `text`.
  [[nodiscard]] bool allowed(std::string_view text, std::size_t begin, std::size_t end) const {
    for (const auto& a : allow_) {
      const std::size_t from = begin >= a.size() ? begin - a.size() : 0;
      // Only an occurrence starting at or before `begin` counts, so the search ends at begin + a.size():
      // searching the rest of the text for each finding made a long draft quadratic.
      const std::string_view window = text.substr(0, std::min(text.size(), begin + a.size()));
      for (auto at = window.find(a, from); at != std::string_view::npos && at <= begin; at = window.find(a, at + 1)) {
        if (at + a.size() >= end) return true;
      }
    }
    return false;
  }

  /// Offsets here are in the paragraph; base + i is the view's offset of its byte i.
  void doubled(TextContext& ctx, const ViewChunk& chunk) const {
    const std::string_view text = chunk.text;
    const std::size_t base = chunk.range.begin;
    for (std::size_t i = 0; i < text.size();) {
      i = next_candidate(text, i, text.size());
      if (i >= text.size()) break;
      std::size_t len = 1;
      const char32_t cp = decode_utf8(text, i, len);
      if (!is_han(cp)) {
        i += len;
        continue;
      }
      std::size_t found = 0;
      // Words of 4, 3, 2 characters, then single characters from the list.
      for (std::size_t n = 4; words_ && n >= 2 && found == 0; --n) {
        const std::size_t bytes = n * 3;
        if (i + 2 * bytes > text.size()) continue;
        const auto word = text.substr(i, bytes);
        // The comparison first (its first character before the whole): it fails at once almost
        // everywhere, the Han test costs a decode per character.
        if (!same_bytes(text, i, i + bytes, 3) || text.substr(i + bytes, bytes) != word || word.starts_with("一")) continue;
        bool han = true;
        std::size_t char_len = 1;
        for (std::size_t k = 0; k < bytes; k += 3) han = han && is_han(decode_utf8(word, k, char_len));
        if (han) found = 2 * bytes;
      }
      if (found == 0 && i + 2 * len <= text.size() && same_bytes(text, i, i + len, len)) {
        const auto ch = text.substr(i, len);
        // 实实在在, 和和气气: either half of an AABB reduplication.
        const bool aabb = (i >= 2 * len && text.substr(i - 2 * len, len) == text.substr(i - len, len)) ||
                          (i + 4 * len <= text.size() && text.substr(i + 2 * len, len) == text.substr(i + 3 * len, len));
        if (!aabb && std::find(chars_.begin(), chars_.end(), ch) != chars_.end()) {
          found = 2 * len;
        }
      }
      if (found > 0 && !allowed(text, i, i + found) && ctx.in_scope(base + i)) {
        const std::string match(text.substr(i, found));
        ctx.report(base + i, base + i + found,
                   ctx.message({{"match", match}, {"single", match.substr(0, found / 2)}}, "重复：“{match}”应为“{single}”",
                               "repeated: '{match}' should be '{single}'"));
        i += found;
        continue;
      }
      i += len;
    }
  }

  void repeated_sentences(TextContext& ctx, const ViewChunk& chunk, SeenTexts& seen, SeenTexts& seen_chunks) const {
    const std::string_view text = chunk.text;
    const std::size_t base = chunk.range.begin;
    if (has_chars(text, min_sentence_)) {
      if (const auto first = seen_chunks.first_or_add(text, base)) {
        report_repeat(ctx, base, chunk.range.end, *first, true);
        return;
      }
    }
    for (std::size_t start = 0; start <= text.size();) {
      const std::size_t i = next_stop(text, start, text.size());
      const std::string_view sentence = text.substr(start, i - start);
      // （责任领导：…；完成时限：…）notes repeat by design.
      const bool note = sentence.starts_with("（") && sentence.ends_with("）");
      if (!note && has_chars(sentence, min_sentence_)) {
        if (const auto first = seen.first_or_add(sentence, base + start)) report_repeat(ctx, base + start, base + i, *first, false);
      }
      if (i == text.size()) break;
      start = i + 3;  // 。！？ are three bytes each
    }
  }

  static void report_repeat(TextContext& ctx, std::size_t begin, std::size_t end, std::size_t first, bool paragraph) {
    if (!ctx.in_scope(begin)) return;
    auto& d = ctx.report(begin, end,
                         paragraph ? ctx.message({}, "整段与前文重复", "this paragraph repeats an earlier one")
                                   : ctx.message({}, "这句话与前文重复", "this sentence repeats an earlier one"));
    d.notes.push_back({ctx.view().source(first, first + 3), ctx.check().tr("前文在此", "first written here")});
  }

  std::vector<std::string> chars_;
  bool words_;
  std::vector<std::string> allow_;
  bool sentences_;
  std::size_t min_sentence_;
};

class Repetition final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "repetition"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "字词重复（的的、进一步进一步）、句子或段落重复"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/repetition.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    const std::int64_t min_sentence = table.integer("min_sentence", 12);
    if (min_sentence < 4) table.fail("min_sentence", "'min_sentence' must be at least 4");
    return std::make_shared<RepetitionRule>(table.strings("chars"), table.flag("words", true), table.strings("allow"),
                                            table.flag("sentences", true), min_sentence);
  }
};

}  // namespace

const Kind& repetition_kind() {
  static const Repetition kind;
  return kind;
}

}  // namespace checklint
