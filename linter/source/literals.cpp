#include "linter/source/literals.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "linter/source/text.h"

namespace checklint {
namespace {

/// How common a byte is in a Chinese draft, roughly (0: rare). The lead bytes stand before
/// every Chinese character (E4–E9) and full-width mark (E2, E3, EF); 80 is the middle byte of
/// “”、。《》; ASCII digits, spaces and line ends are common, letters less so; any other
/// continuation byte continues or ends one character in some 60.
int commonness(unsigned char b) {
  if (b >= 0xC0) return 3;
  if (b == 0x80) return 2;
  if (b > 0x80) return 0;
  if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) return 1;
  return 2;
}

/// The score of the most common anchor worth scanning for: two lead bytes, or one byte that is
/// not a lead byte.
constexpr int kMostCommonAnchor = 6;

#if defined(__SSE2__)
/// From `at` on, the first 32 places (before `places`) where the anchor's first byte stands
/// with its second `distance` after it: `at` is moved there and a bit is set for each such
/// place. The last 32 places are tested together, those before `at` masked out, so that a
/// short paragraph is not left to a byte-by-byte loop. 0 when there is none: then `at` is
/// `places`, or still 0 when there are fewer than 32 places. Not inlined: in the loop that compares the literals the call clobbers the vector registers,
/// which cost a reload per 32 bytes; here they stay in registers.
[[gnu::noinline]] std::uint32_t next_round(std::string_view text, std::size_t places, unsigned char first_byte, unsigned char second_byte,
                                           std::size_t distance, std::size_t& at) {
  const __m128i first = _mm_set1_epi8(static_cast<char>(first_byte));
  const __m128i second = _mm_set1_epi8(static_cast<char>(second_byte));
  const auto both_at = [&](std::size_t from) {
    const auto* here = reinterpret_cast<const __m128i*>(text.data() + from);
    const auto* there = reinterpret_cast<const __m128i*>(text.data() + from + distance);
    return _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(here), first), _mm_cmpeq_epi8(_mm_loadu_si128(there), second));
  };
  std::size_t from = at;
  for (; from + 32 <= places; from += 32) {
    const __m128i low = both_at(from);
    const __m128i high = both_at(from + 16);
    // A hit is rare: one test for both halves.
    if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0) {
      at = from;
      return static_cast<std::uint32_t>(_mm_movemask_epi8(low)) | (static_cast<std::uint32_t>(_mm_movemask_epi8(high)) << 16U);
    }
  }
  at = from;
  if (from == places || places < 32) return 0;
  const std::size_t last = places - 32;  // the places from `last` to `from` were tested
  const auto low = static_cast<std::uint32_t>(_mm_movemask_epi8(both_at(last)));
  const auto high = static_cast<std::uint32_t>(_mm_movemask_epi8(both_at(last + 16)));
  const std::uint32_t both = (low | (high << 16U)) & (~std::uint32_t{0} << (from - last));
  at = both != 0 ? last : places;
  return both;
}
#endif

}  // namespace

LiteralStarts::Anchor LiteralStarts::shared_anchor(const std::vector<std::string>& literals) {
  Anchor best;
  if (literals.empty()) return best;
  // Every pair of bytes of the shortest literal (or one byte alone, weaker) that the others
  // hold too, the same distance apart. Two bytes of different characters stand together less
  // often than the two bytes of one character, hence the longer distance of equally rare pairs.
  const std::string& shortest = *std::min_element(literals.begin(), literals.end(), [](const auto& a, const auto& b) {
    return a.size() < b.size();
  });
  int best_score = 0;
  for (std::size_t i = 0; i < shortest.size(); ++i) {
    for (std::size_t j = i; j < shortest.size(); ++j) {
      const auto first = static_cast<unsigned char>(shortest[i]);
      const auto second = static_cast<unsigned char>(shortest[j]);
      const std::size_t distance = j - i;
      const int score = commonness(first) + (distance == 0 ? 4 : commonness(second));
      if (!best.offsets.empty() && (score > best_score || (score == best_score && distance <= best.distance))) continue;
      // Where `first` stands with `second` `distance` after it in a literal.
      const auto offset_in = [&](const std::string& literal) {
        for (std::size_t x = 0; x + distance < literal.size(); ++x) {
          if (static_cast<unsigned char>(literal[x]) == first && static_cast<unsigned char>(literal[x + distance]) == second) return x;
        }
        return std::string::npos;
      };
      std::vector<std::size_t> offsets;
      for (const auto& literal : literals) {
        const std::size_t offset = offset_in(literal);
        if (offset == std::string::npos) break;
        offsets.push_back(offset);
      }
      if (offsets.size() < literals.size()) continue;
      best = Anchor{first, second, distance, std::move(offsets)};
      best_score = score;
    }
  }
  // A lone lead byte stands before every few characters: memmem does better.
  if (best_score > kMostCommonAnchor) best.offsets.clear();
  return best;
}

LiteralStarts::LiteralStarts(const std::vector<std::string>& literals) {
  for (const auto& literal : literals) {
    if (!literal.empty()) literals_.push_back(literal);
    longest_ = std::max(longest_, literal.size());
  }
  if (literals_.empty()) return;
  anchor_ = shared_anchor(literals_);
  if (!anchor_.offsets.empty()) return;
  shortest_ = std::min_element(literals_.begin(), literals_.end(), [](const auto& a, const auto& b) {
                return a.size() < b.size();
              })->size();
  if (shortest_ < 2 || literals_.size() <= kSearchedOneByOne) return;  // searched literal by literal
  // A pair that stands in no literal's first `shortest_` bytes lets the window move by all
  // but its last byte; one that ends a literal's window, not at all.
  shift_.fill(static_cast<std::uint8_t>(std::min<std::size_t>(shortest_ - 1, 255)));
  const auto hash_at = [](const std::string& literal, std::size_t j) {
    return pair_hash(static_cast<unsigned char>(literal[j]), static_cast<unsigned char>(literal[j + 1]));
  };
  for (const auto& literal : literals_) {
    for (std::size_t j = 0; j + 2 <= shortest_; ++j) {
      auto& shift = shift_.at(hash_at(literal, j));
      shift = std::min(shift, static_cast<std::uint8_t>(std::min<std::size_t>(shortest_ - 2 - j, 255)));
    }
  }
  // The literals by the hash of their window's last pair, in order (counted, then placed).
  window_begin_.assign(shift_.size() + 1, 0);
  for (const auto& literal : literals_) ++window_begin_[hash_at(literal, shortest_ - 2) + 1];
  for (std::size_t h = 0; h < shift_.size(); ++h) window_begin_[h + 1] += window_begin_[h];
  window_literals_.resize(literals_.size());
  std::vector<std::uint32_t> next(window_begin_.begin(), window_begin_.end() - 1);
  for (std::size_t k = 0; k < literals_.size(); ++k) {
    window_literals_[next[hash_at(literals_[k], shortest_ - 2)]++] = static_cast<std::uint32_t>(k);
  }
}

void LiteralStarts::by_anchor(std::string_view text, std::size_t base, std::vector<std::size_t>& out) const {
  const std::size_t distance = anchor_.distance;
  if (text.size() <= distance) return;
  const std::size_t first_new = out.size();
  const std::size_t places = text.size() - distance;  // where the anchor's first byte may stand
  const auto compare = [&](std::size_t at) {
    for (std::size_t k = 0; k < literals_.size(); ++k) {
      const std::size_t offset = anchor_.offsets[k];
      if (at >= offset && text.substr(at - offset).starts_with(literals_[k])) out.push_back(base + at - offset);
    }
  };
  std::size_t at = 0;
#if defined(__SSE2__)
  for (std::uint32_t both = 0; (both = next_round(text, places, anchor_.first, anchor_.second, distance, at)) != 0; at += 32) {
    for (; both != 0; both &= both - 1) compare(at + static_cast<std::size_t>(std::countr_zero(both)));
  }
#endif
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  for (; at < places; ++at) {
    if (u[at] == anchor_.first && u[at + distance] == anchor_.second) compare(at);
  }
  // Literals whose anchors lie at different offsets give their starts out of order, and
  // literals that begin alike give one start twice.
  const auto fresh = out.begin() + static_cast<std::ptrdiff_t>(first_new);
  std::sort(fresh, out.end());
  out.erase(std::unique(fresh, out.end()), out.end());
}

bool LiteralStarts::starts_at(std::string_view text, std::size_t at) const {
  const std::string_view rest = text.substr(at);
  return std::any_of(literals_.begin(), literals_.end(), [&](const std::string& literal) { return rest.starts_with(literal); });
}

std::vector<std::size_t> LiteralStarts::in(std::string_view text) const {
  std::vector<std::size_t> out;
  in(text, 0, out);
  return out;
}

void LiteralStarts::in(std::string_view text, std::size_t base, std::vector<std::size_t>& out) const {
  if (!anchor_.offsets.empty()) {
    by_anchor(text, base, out);
    return;
  }
  if (window_begin_.empty()) {
    const std::size_t first_new = out.size();
    for (const auto& literal : literals_) {
      for (auto at = find_text(text, literal); at != std::string_view::npos; at = find_text(text, literal, at + 1)) {
        out.push_back(base + at);
      }
    }
    const auto fresh = out.begin() + static_cast<std::ptrdiff_t>(first_new);
    std::sort(fresh, out.end());
    out.erase(std::unique(fresh, out.end()), out.end());
    return;
  }
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  // The window is [pos + 2 - shortest_, pos + 2): `pos` is where its last two bytes start.
  for (std::size_t pos = shortest_ - 2; pos + 1 < text.size();) {
    const std::size_t hash = pair_hash(u[pos], u[pos + 1]);
    const std::uint8_t shift = shift_[hash];
    if (shift != 0) {
      pos += shift;
      continue;
    }
    const std::size_t start = pos + 2 - shortest_;
    const std::string_view rest = text.substr(start);
    const auto first = window_literals_.begin() + window_begin_[hash];
    const auto last = window_literals_.begin() + window_begin_[hash + 1];
    if (std::any_of(first, last, [&](std::uint32_t k) {
          const std::string& literal = literals_[k];
          return literal[0] == rest[0] && rest.starts_with(literal);
        })) {
      out.push_back(base + start);
    }
    ++pos;
  }
}

}  // namespace checklint
