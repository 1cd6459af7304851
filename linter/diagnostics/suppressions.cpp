#include "linter/diagnostics/suppressions.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <unordered_map>

#include "linter/source/text.h"

namespace checklint {
namespace {

bool parse_kind(std::string_view word, Suppression::Kind& kind) {
  using K = Suppression::Kind;
  static const std::vector<std::pair<std::string_view, K>> words = {
      {"checklint-disable-next-line", K::DisableNextLine}, {"checklint-disable-line", K::DisableLine},
      {"checklint-disable-file", K::DisableFile},          {"checklint-disable", K::Disable},
      {"checklint-enable", K::Enable}};
  for (const auto& [w, k] : words) {
    if (word == w) {
      kind = k;
      return true;
    }
  }
  return false;
}

/// Where the first "<!--" at or after `from` begins, or npos. memchr for '<', which a draft
/// hardly holds elsewhere, then the other three: memmem's search costs a few instructions a byte.
std::size_t find_comment_open(std::string_view s, std::size_t from) {
  constexpr std::string_view kOpen = "<!--";
  while (from < s.size()) {
    const void* lt = std::memchr(s.data() + from, '<', s.size() - from);
    if (lt == nullptr) break;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(lt) - s.data());
    if (s.substr(at, kOpen.size()) == kOpen) return at;
    from = at + 1;
  }
  return std::string_view::npos;
}

/// The first non-blank line after `line`.
std::size_t next_content_line(const Document& doc, std::size_t line) {
  for (std::size_t i = line + 1; i < doc.lines.size(); ++i) {
    if (doc.lines[i].kind != LineKind::Blank) return i;
  }
  return doc.lines.size();
}

}  // namespace

std::optional<SuppressionComment> find_suppression_comment(std::string_view text) {
  // What the regex allows decides the match at each "<!--": no part of a comment but its closing
  // "-->" may hold a '>', so the first '>' after the keyword ends it; the keyword is the whole
  // run of [a-z-] (a shorter one would leave a letter where a blank or the "-->" must follow),
  // unless the run reaches into the closing "--"; the names are the rest, which must begin with
  // a blank, less its blanks at the end. A regex with groups (RE2 runs its slower matchers
  // for them) cost some 13,000 instructions a comment.
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };  // RE2's \s
  constexpr std::string_view kPrefix = "checklint-";
  for (std::size_t open = find_comment_open(text, 0); open != std::string_view::npos; open = find_comment_open(text, open + 1)) {
    std::size_t keyword = open + 4;
    while (keyword < text.size() && blank(text[keyword])) ++keyword;
    if (text.substr(keyword, kPrefix.size()) != kPrefix) continue;
    const std::size_t run = keyword + kPrefix.size();
    std::size_t run_end = run;
    while (run_end < text.size() && ((text[run_end] >= 'a' && text[run_end] <= 'z') || text[run_end] == '-')) ++run_end;
    const std::size_t close = text.find('>', run_end);
    if (close == std::string_view::npos || close < 2 || text[close - 1] != '-' || text[close - 2] != '-') continue;
    const std::size_t keyword_end = std::min(run_end, close - 2);
    if (keyword_end <= run) continue;
    if (keyword_end < close - 2 && !blank(text[keyword_end])) continue;
    std::size_t names_end = close - 2;
    while (names_end > keyword_end && blank(text[names_end - 1])) --names_end;
    return SuppressionComment{text.substr(open, close + 1 - open), text.substr(keyword, keyword_end - keyword),
                              text.substr(keyword_end, names_end - keyword_end)};
  }
  return std::nullopt;
}

std::vector<Suppression> find_suppressions(const Document& doc) {
  std::vector<Suppression> out;
  const std::string_view s = doc.text.bytes();
  // Only the lines holding a "<!--" are searched, each once (most drafts have none).
  for (std::size_t at = find_comment_open(s, 0); at != std::string_view::npos;) {
    const std::size_t i = doc.text.line_index(at);
    const ByteRange line = doc.lines[i].range;
    at = find_comment_open(s, line.end);
    if (doc.lines[i].kind == LineKind::Code) continue;
    std::string_view input = s.substr(line.begin, line.size());
    while (const auto comment = find_suppression_comment(input)) {
      const std::string_view whole = comment->whole;
      input = input.substr(static_cast<std::size_t>(whole.data() - input.data()) + whole.size());
      Suppression sup;
      if (!parse_kind(comment->keyword, sup.kind)) continue;
      const auto begin = static_cast<std::size_t>(whole.data() - s.data());
      // In plain text only a comment standing alone on its line counts.
      if (doc.format == InputFormat::PlainText && doc.text.slice(doc.lines[i].content) != whole) continue;
      // The names, split at blanks, commas dropped.
      const std::string_view names = comment->names;
      for (std::size_t k = 0; k < names.size();) {
        const std::size_t end = std::min(names.find_first_of(" \t\n\f\r\v", k), names.size());
        std::string name(names.substr(k, end - k));
        name.erase(std::remove(name.begin(), name.end(), ','), name.end());
        if (!name.empty()) sup.rules.push_back(std::move(name));
        k = end + 1;
      }
      sup.range = {begin, begin + whole.size()};
      sup.line = i;
      sup.target_line = next_content_line(doc, i);
      out.push_back(std::move(sup));
    }
  }
  return out;
}

bool suppression_names(const Suppression& s, const std::string& rule) {
  if (s.rules.empty()) return true;
  return std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& name) {
    if (name.ends_with("*")) return rule.starts_with(std::string_view(name).substr(0, name.size() - 1));
    return name == rule;
  });
}

/// The suppressions that can bear on one diagnostic, found without visiting all of them: a long
/// draft has thousands of comments and thousands of findings (a scan per finding was quadratic).
class SuppressionFilter::Index {
 public:
  explicit Index(const std::vector<Suppression>& all) : all_(all) {
    using K = Suppression::Kind;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Suppression& s = all[i];
      switch (s.kind) {
        case K::DisableFile: files_.push_back(i); break;
        case K::DisableLine: on_line_[s.line].push_back(i); break;
        case K::DisableNextLine: for_line_[s.target_line].push_back(i); break;
        case K::Disable:
        case K::Enable:
          if (s.rules.empty()) toggles_[""].push_back(i);
          for (const auto& name : s.rules) {
            auto& list = toggles_[name];
            if (list.empty() || list.back() != i) list.push_back(i);
          }
          break;
      }
    }
    for (const auto& [name, list] : toggles_) {
      if (name.ends_with("*")) families_.push_back(name);
    }
  }

  /// Indices (in comment order) of the suppressions that can cover a finding of `rule` on
  /// `line`, into `out` (cleared first; a buffer the caller reuses, as this is asked once per
  /// finding). Of the disable/enable comments only two matter: the last one at or before the line
  /// (its state is final) and, when that is an enable, the last disable before it (which the
  /// enable may switch off); every earlier one is overridden by these.
  void candidates(const RuleId& rule, std::size_t line, std::vector<std::size_t>& out) {
    out.assign(files_.begin(), files_.end());
    if (!on_line_.empty()) {
      if (const auto found = on_line_.find(line); found != on_line_.end()) out.insert(out.end(), found->second.begin(), found->second.end());
    }
    if (!for_line_.empty()) {
      if (const auto found = for_line_.find(line); found != for_line_.end()) out.insert(out.end(), found->second.begin(), found->second.end());
    }
    const std::vector<const std::vector<std::size_t>*>& lists = toggle_lists(rule);
    std::optional<std::size_t> last;
    for (const auto* list : lists) {
      const auto after = std::upper_bound(list->begin(), list->end(), line,
                                          [&](std::size_t value, std::size_t i) { return value < all_[i].line; });
      if (after != list->begin() && (!last || *std::prev(after) > *last)) last = *std::prev(after);
    }
    if (last) {
      out.push_back(*last);
      std::optional<std::size_t> disable;
      for (const auto* list : lists) {
        for (auto it = std::lower_bound(list->begin(), list->end(), *last); it != list->begin();) {
          --it;
          if (all_[*it].kind != Suppression::Kind::Disable) continue;
          if (!disable || *it > *disable) disable = *it;
          break;
        }
      }
      if (disable) out.push_back(*disable);
    }
    if (out.size() > 1) {
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }

 private:
  /// The disable/enable lists that name `rule` (for every rule, by it, by its family), found
  /// once per rule: findings come a check at a time, and the look-ups by name (std::string keys
  /// built per call) were most of the cost of a finding in a draft with comments. Keyed by the
  /// address of the rule's interned text, which lives as long as the run.
  const std::vector<const std::vector<std::size_t>*>& toggle_lists(const RuleId& id) {
    const std::string& rule = id.str();
    if (cached_rule_ == &rule) return *cached_lists_;
    auto [slot, added] = lists_by_rule_.try_emplace(&rule);
    if (added) {
      for (const std::string_view key : {std::string_view(), std::string_view(rule)}) {
        if (const auto found = toggles_.find(key); found != toggles_.end()) slot->second.push_back(&found->second);
      }
      for (const auto& family : families_) {
        if (rule.starts_with(std::string_view(family).substr(0, family.size() - 1))) slot->second.push_back(&toggles_.at(family));
      }
    }
    cached_rule_ = &rule;
    cached_lists_ = &slot->second;  // the map's nodes do not move
    return slot->second;
  }

  const std::vector<Suppression>& all_;
  std::vector<std::size_t> files_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> on_line_;
  std::unordered_map<std::size_t, std::vector<std::size_t>> for_line_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> toggles_;  // "" : every rule
  std::vector<std::string> families_;                                      // toggles_ keys ending in *
  std::unordered_map<const std::string*, std::vector<const std::vector<std::size_t>*>> lists_by_rule_;
  const std::string* cached_rule_ = nullptr;  // the rule of the last call, whose lists are cached_lists_
  const std::vector<const std::vector<std::size_t>*>* cached_lists_ = nullptr;
};

SuppressionFilter::SuppressionFilter(const Document& doc, std::vector<Suppression>& suppressions)
    : doc_(doc), suppressions_(suppressions), index_(std::make_unique<Index>(suppressions)) {}

SuppressionFilter::~SuppressionFilter() = default;

bool SuppressionFilter::drops(const Diagnostic& d) {
  using K = Suppression::Kind;
  const std::size_t line = doc_.text.line_index(d.range.begin);
  Suppression* covering = nullptr;
  // The same walk as over every comment in order, over the ones that can matter.
  index_->candidates(d.rule, line, candidates_);
  for (const std::size_t i : candidates_) {
    Suppression& s = suppressions_[i];
    if (!suppression_names(s, d.rule)) continue;
    switch (s.kind) {
      case K::DisableFile: covering = &s; break;
      case K::DisableLine: if (s.line == line) covering = &s; break;
      case K::DisableNextLine: if (s.target_line == line) covering = &s; break;
      case K::Disable: if (s.line <= line) covering = &s; break;
      case K::Enable: if (s.line <= line && covering != nullptr && covering->kind == K::Disable) covering = nullptr; break;
    }
  }
  if (covering == nullptr) return false;
  covering->used = true;
  return true;
}

void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics) {
  SuppressionFilter filter(doc, suppressions);
  std::erase_if(diagnostics, [&](const Diagnostic& d) { return filter.drops(d); });
}

}  // namespace checklint
