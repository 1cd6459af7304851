#pragma once
// Where a pairs rule's marks may begin (kinds/pairs.cpp), in a header of its own so that the
// scan, run once per paragraph and mark, is inlined there, and so that a test can reach it.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "linter/source/scan.h"

namespace checklint {

/// Where a mark of a pairs rule may begin. The marks' first bytes also begin most Chinese
/// punctuation (E3: 。、, EF: ，：；！？), a stop every few characters; the byte two places on
/// tells them apart: EF BC 88 （ from EF BC 8C ，. A place passes when its byte begins a mark
/// shorter than three bytes, or begins a longer one and the byte two on is what such a mark has
/// there (its last bit left out, as an opening and a closing mark are often neighbouring code
/// points: （ EF BC 88, ） EF BC 89). With SSE2 the first bytes are looked for 16 places at a
/// time and the places found tested in the same loop, which no longer returns at every ，and 。.
class MarkFinder {
 public:
  explicit MarkFinder(const std::vector<std::string>& marks) : longer_(std::size_t{65536} / 64) {
    std::string firsts;
    for (const std::string& mark : marks) {
      if (mark.empty()) continue;
      const auto first = static_cast<unsigned char>(mark.front());
      if (firsts.find(mark.front()) == std::string::npos) firsts += mark.front();
      if (mark.size() < 3) {
        short_firsts_.at(first) = true;
      } else {
        const std::size_t key = longer_key(first, static_cast<unsigned char>(mark[2]));
        longer_.at(key / 64) |= std::uint64_t{1} << (key % 64);
      }
    }
    leads_ = ByteFinder(firsts);
    vectors_ = !firsts.empty() && firsts.size() <= vector_firsts_.size();
    // A set of fewer repeats its first byte.
    for (std::size_t k = 0; k < vector_firsts_.size() && vectors_; ++k) {
      vector_firsts_.at(k) = static_cast<unsigned char>(firsts[k < firsts.size() ? k : 0]);
    }
  }
  /// A place in [from, end] before which no mark begins at or after `from`: `end`, or one where
  /// a mark may begin. Reads no byte at or after text.size(); a mark may run on past `end`.
  [[nodiscard]] std::size_t find(std::string_view text, std::size_t from, std::size_t end) const {
    std::size_t i = from;
    if (vectors_ && find_vectors(text, i, end)) return i;
    while (i < end) {
      i = leads_.find(text, i, end);
      if (i >= end) break;
      if (may_begin(text, i)) return i;
      ++i;
    }
    return end;
  }

 private:
  static std::size_t longer_key(unsigned char first, unsigned char third) {
    return (static_cast<std::size_t>(first) << 8U) | (third & 0xFEU);
  }
  [[nodiscard]] bool may_begin(std::string_view text, std::size_t i) const {
    const auto first = static_cast<unsigned char>(text[i]);
    if (short_firsts_[first]) return true;
    if (text.size() - i < 3) return false;
    const std::size_t key = longer_key(first, static_cast<unsigned char>(text[i + 2]));
    return ((longer_[key / 64] >> (key % 64)) & 1U) != 0;
  }
  /// Moves `i` on by blocks of 16 to where a mark may begin, or to `end` when none does before
  /// it (true); false without SSE2, when the bytes are left to the scalar test.
  bool find_vectors(std::string_view text, std::size_t& i, std::size_t end) const {
#if defined(__SSE2__)
    const auto splat = [](unsigned char b) { return _mm_set1_epi8(static_cast<char>(b)); };
    const __m128i f0 = splat(vector_firsts_[0]);
    const __m128i f1 = splat(vector_firsts_[1]);
    const __m128i f2 = splat(vector_firsts_[2]);
    const __m128i f3 = splat(vector_firsts_[3]);
    PaddedTail<16> blocks(text);
    for (; i < end; i += 16) {
      const __m128i at = _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks.at(i)));
      const __m128i first = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(at, f0), _mm_cmpeq_epi8(at, f1)),
                                         _mm_or_si128(_mm_cmpeq_epi8(at, f2), _mm_cmpeq_epi8(at, f3)));
      for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(first)); mask != 0; mask &= mask - 1) {
        const std::size_t at_mark = i + static_cast<std::size_t>(std::countr_zero(mask));
        // Past the text (a padding zero, when 0 is a first byte) is past `end`.
        if (at_mark >= end || may_begin(text, at_mark)) {
          i = std::min(at_mark, end);
          return true;
        }
      }
    }
    i = end;
    return true;
#else
    (void)text;
    (void)i;
    (void)end;
    return false;
#endif
  }

  std::array<bool, 256> short_firsts_{};          // first bytes of the marks shorter than three bytes
  std::vector<std::uint64_t> longer_;             // bits of longer_key() of the others' first and third bytes
  std::array<unsigned char, 4> vector_firsts_{};  // every mark's first byte, when there are so few
  bool vectors_ = false;
  ByteFinder leads_{""};  // every mark's first byte, for the scalar test
};

}  // namespace checklint
