#include "linter/checks/literals.h"

#include <algorithm>

#include "linter/checks/kinds/kind.h"

namespace checklint {

LiteralStarts::LiteralStarts(const std::vector<std::string>& literals) {
  std::vector<std::string> quoted;
  for (const auto& literal : literals) {
    if (literal.empty()) continue;
    literals_.push_back(literal);
    quoted.push_back(quote_literal(literal));
  }
  if (literals_.size() > kSearchedOneByOne) any_.emplace(alternation(quoted));
}

std::vector<std::size_t> LiteralStarts::in(std::string_view text) const {
  std::vector<std::size_t> out;
  // One by one while the run's texts so far, this one included, stay within the budget.
  if (!any_ || searched_.fetch_add(text.size(), std::memory_order_relaxed) + text.size() <= kBeforeCompiling) {
    for (const auto& literal : literals_) {
      for (auto at = find_text(text, literal); at != std::string_view::npos; at = find_text(text, literal, at + 1)) {
        out.push_back(at);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  const RE2& re = any_->get();
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  // A match starts at the leftmost offset where any literal does, so searching on from one
  // byte after each start finds every start, those inside an earlier occurrence included.
  for (std::size_t from = 0; from < text.size() && re.Match(whole, from, text.size(), RE2::UNANCHORED, &match, 1);) {
    const auto at = static_cast<std::size_t>(match.data() - text.data());
    out.push_back(at);
    from = at + 1;
  }
  return out;
}

}  // namespace checklint
