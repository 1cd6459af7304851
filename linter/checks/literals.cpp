#include "linter/checks/literals.h"

#include <algorithm>

#include "linter/source/text.h"

namespace checklint {

LiteralStarts::LiteralStarts(const std::vector<std::string>& literals) {
  for (const auto& literal : literals) {
    if (!literal.empty()) literals_.push_back(literal);
  }
  if (literals_.empty()) return;
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

std::vector<std::size_t> LiteralStarts::in(std::string_view text) const {
  std::vector<std::size_t> out;
  if (window_begin_.empty()) {
    for (const auto& literal : literals_) {
      for (auto at = find_text(text, literal); at != std::string_view::npos; at = find_text(text, literal, at + 1)) {
        out.push_back(at);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
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
      out.push_back(start);
    }
    ++pos;
  }
  return out;
}

}  // namespace checklint
