#include "linter/checks/literals.h"

#include <algorithm>
#include <cstring>

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
  if (shortest_ < 2) return;  // a one-byte literal: searched literal by literal
  // A pair that stands in no literal's first `shortest_` bytes lets the window move by all
  // but its last byte; one that ends a literal's window, not at all.
  shift_.fill(static_cast<std::uint8_t>(std::min<std::size_t>(shortest_ - 1, 255)));
  for (const auto& literal : literals_) {
    for (std::size_t j = 0; j + 2 <= shortest_; ++j) {
      auto& shift = shift_.at(pair_hash(static_cast<unsigned char>(literal[j]), static_cast<unsigned char>(literal[j + 1])));
      shift = std::min(shift, static_cast<std::uint8_t>(std::min<std::size_t>(shortest_ - 2 - j, 255)));
    }
  }
}

std::vector<std::size_t> LiteralStarts::in(std::string_view text) const {
  std::vector<std::size_t> out;
  if (literals_.empty()) return out;
  if (shortest_ < 2) {
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
    const std::uint8_t shift = shift_[pair_hash(u[pos], u[pos + 1])];
    if (shift != 0) {
      pos += shift;
      continue;
    }
    const std::size_t start = pos + 2 - shortest_;
    const std::string_view rest = text.substr(start);
    if (std::any_of(literals_.begin(), literals_.end(), [&](const std::string& literal) {
          return literal[0] == rest[0] && rest.starts_with(literal);
        })) {
      out.push_back(start);
    }
    ++pos;
  }
  return out;
}

}  // namespace checklint
