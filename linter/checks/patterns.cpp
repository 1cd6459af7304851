#include "linter/checks/patterns.h"

namespace checklint {

PatternList::PatternList(const std::vector<std::string>& patterns) {
  for (const auto& p : patterns) {
    auto re = std::make_unique<RE2>(p, RE2::Quiet);
    if (re->ok()) patterns_.push_back(std::move(re));
  }
}

bool PatternList::matches(std::string_view text) const { return find(text).has_value(); }

std::optional<std::size_t> PatternList::find(std::string_view text) const {
  std::optional<std::size_t> best;
  const re2::StringPiece input(text.data(), text.size());
  for (const auto& re : patterns_) {
    re2::StringPiece match;
    if (re->Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) {
      const auto at = static_cast<std::size_t>(match.data() - text.data());
      if (!best || at < *best) best = at;
    }
  }
  return best;
}

}  // namespace checklint
