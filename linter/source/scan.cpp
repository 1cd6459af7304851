#include "linter/source/scan.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace checklint {

ByteFinder::ByteFinder(std::string_view bytes) {
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (in_.at(b)) continue;
    in_.at(b) = true;
    if (count_ < kVectorBytes) vector_.at(count_) = b;
    ++count_;
  }
}

std::size_t ByteFinder::find(std::string_view text, std::size_t from, std::size_t end) const {
  std::size_t i = from;
#if defined(__SSE2__)
  if (count_ > 0 && count_ <= kVectorBytes) {
    // Four compares whatever the count: a set of fewer repeats its first byte.
    const auto wanted = [&](std::size_t k) { return _mm_set1_epi8(static_cast<char>(vector_.at(k < count_ ? k : 0))); };
    const __m128i w0 = wanted(0);
    const __m128i w1 = wanted(1);
    const __m128i w2 = wanted(2);
    const __m128i w3 = wanted(3);
    while (i < end && i + 16 <= text.size()) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, w0), _mm_cmpeq_epi8(block, w1)),
                                       _mm_or_si128(_mm_cmpeq_epi8(block, w2), _mm_cmpeq_epi8(block, w3)));
      const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
      if (mask != 0) return std::min(end, i + static_cast<std::size_t>(std::countr_zero(mask)));
      i += 16;
    }
  }
#endif
  for (; i < end; ++i) {
    if (in_.at(static_cast<unsigned char>(text[i]))) return i;
  }
  return end;
}

}  // namespace checklint
