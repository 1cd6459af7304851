#include "linter/checks/patterns.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace checklint {

const RE2& LazyRegex::get() const {
  std::call_once(once_, [this] { re_ = std::make_unique<RE2>(pattern_, options_); });
  return *re_;
}

LazyRegexes lazy_regexes(const std::vector<std::string>& patterns, RE2::CannedOptions options) {
  LazyRegexes out;
  out.reserve(patterns.size());
  for (const auto& p : patterns) out.push_back(std::make_unique<LazyRegex>(p, options));
  return out;
}

std::string alternation(const std::vector<std::string>& patterns) {
  std::string joined;
  for (const auto& p : patterns) {
    joined += joined.empty() ? "(?:" : "|(?:";
    joined += p;
    joined += ')';
  }
  return joined;
}

PatternList::PatternList(const std::vector<std::string>& patterns) {
  // Invalid patterns (already reported by the loader) are left out rather than spoiling the rest.
  std::vector<std::string> valid;
  std::copy_if(patterns.begin(), patterns.end(), std::back_inserter(valid), [](const std::string& p) { return RE2(p, RE2::Quiet).ok(); });
  if (!valid.empty()) any_ = std::make_unique<RE2>(alternation(valid), RE2::Quiet);
}

const PatternList& PatternList::cached(const std::vector<std::string>& patterns) {
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::unique_ptr<PatternList>> lists;
  const std::lock_guard lock(mutex);
  auto& slot = lists[patterns];
  if (!slot) slot = std::make_unique<PatternList>(patterns);
  return *slot;
}

bool PatternList::matches(std::string_view text) const { return find(text).has_value(); }

std::optional<std::size_t> PatternList::find(std::string_view text) const {
  if (!any_ || !any_->ok()) return std::nullopt;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  if (!any_->Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return std::nullopt;
  return static_cast<std::size_t>(match.data() - text.data());
}

}  // namespace checklint
