// Kind `consistency`: alternatives of which a draft must use only one
// (党委 / 党组 / 党工委; “六稳六保” / “六稳”“六保”). Each minority use is
// reported, with a note at the first use of the majority form.
//   groups = [["党委", "党组", "党工委"]]   literal alternatives (RE2 with regex = true)
//   unless_before / unless_after = ["…"]    neighbours that make a match another word (党组织)
//   book titles 《…》 are skipped: a document's name is not the draft's own usage
#include <algorithm>
#include <map>
#include <numeric>

#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

/// View ranges inside 《…》 in a chunk.
std::vector<ByteRange> book_titles(std::string_view text, ByteRange chunk) {
  std::vector<ByteRange> out;
  std::size_t open = std::string_view::npos;
  // 《 and 》 both begin with the byte E3: find that byte, not every position.
  const std::string_view marks = text.substr(0, chunk.end);
  for (std::size_t i = marks.find('\xE3', chunk.begin); i != std::string_view::npos; i = marks.find('\xE3', i + 1)) {
    if (text.substr(i).starts_with("《")) open = i;
    if (text.substr(i).starts_with("》") && open != std::string_view::npos) {
      out.push_back({open, i + 3});
      open = std::string_view::npos;
    }
  }
  return out;
}

/// Indexes (ascending) of the chunks in which one of the alternatives `present` of `group` starts.
std::vector<std::size_t> chunks_holding(std::string_view text, const std::vector<ByteRange>& chunks,
                                        const std::vector<std::string>& group, const std::vector<int>& present) {
  std::vector<std::size_t> out;
  for (const int alt : present) {
    const std::string& literal = group[static_cast<std::size_t>(alt)];
    if (literal.empty()) continue;
    for (std::size_t at = find_text(text, literal); at != std::string_view::npos; at = find_text(text, literal, at + 1)) {
      // The chunk that begins last at or before `at`; it holds `at` unless `at` lies between chunks.
      const auto after = std::upper_bound(chunks.begin(), chunks.end(), at, [](std::size_t x, ByteRange r) { return x < r.begin; });
      if (after == chunks.begin()) continue;
      const auto index = static_cast<std::size_t>(after - chunks.begin()) - 1;
      if (at < chunks[index].end) out.push_back(index);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

class ConsistencyRule final : public TextRule {
 public:
  ConsistencyRule(std::vector<std::vector<std::string>> groups, bool regex, std::vector<std::string> unless_before,
                  std::vector<std::string> unless_after)
      : groups_(std::move(groups)), regex_(regex), unless_before_(std::move(unless_before)), unless_after_(std::move(unless_after)) {
    for (const auto& group : groups_) {
      std::vector<std::string> alternatives;
      alternatives.reserve(group.size());
      for (const auto& alt : group) alternatives.push_back(regex ? alt : quote_literal(alt));
      compiled_.push_back(lazy_regexes(alternatives));
      any_.push_back(std::make_unique<LazyRegex>(alternation(alternatives)));
    }
  }

  void run(TextContext& ctx) const override {
    for (std::size_t g = 0; g < groups_.size(); ++g) check_group(ctx, g);
  }

 private:
  void check_group(TextContext& ctx, std::size_t g) const {
    const std::string_view text = ctx.view().text();
    // Literal alternatives that occur nowhere need no search per paragraph, and with fewer
    // than two present the draft cannot be inconsistent (patterns are searched per paragraph:
    // their ^ and $ would mean something else over the whole text).
    std::vector<int> all;
    for (std::size_t i = 0; i < compiled_[g].size(); ++i) {
      if (regex_ || find_text(text, groups_[g][i]) != std::string_view::npos) all.push_back(static_cast<int>(i));
    }
    if (all.size() < 2) return;
    const auto& chunks = ctx.view().chunks();
    // Literal alternatives: only the paragraphs that hold one are searched (found with memmem).
    std::vector<std::size_t> candidates(regex_ ? chunks.size() : 0);
    if (regex_) {
      std::iota(candidates.begin(), candidates.end(), std::size_t{0});
    } else {
      candidates = chunks_holding(text, chunks, groups_[g], all);
    }
    std::vector<TextMatch> uses;
    const RE2& any = any_[g]->get();
    for (const std::size_t c : candidates) {
      const ByteRange chunk = chunks[c];
      // One scan for the whole group first: most paragraphs use none of its alternatives.
      if (!any.Match(re2::StringPiece(text.data() + chunk.begin, chunk.size()), 0, chunk.size(), RE2::UNANCHORED, nullptr, 0)) {
        continue;
      }
      const auto titles = book_titles(text, chunk);
      for (const auto& m : find_matches(text, chunk, compiled_[g], all)) {
        const bool in_title = std::any_of(titles.begin(), titles.end(), [&](ByteRange t) { return m.begin >= t.begin && m.end <= t.end; });
        if (in_title || !ctx.in_scope(m.begin)) continue;
        if (preceded_by_any(text, m.begin, unless_before_) || followed_by_any(text, m.end, unless_after_)) continue;
        uses.push_back(m);
      }
    }
    std::map<int, std::size_t> count;
    for (const auto& m : uses) ++count[m.pattern];
    if (count.size() < 2) return;
    int major = uses.front().pattern;
    for (const auto& [pattern, n] : count) {
      if (n > count[major]) major = pattern;
    }
    const auto first_major = std::find_if(uses.begin(), uses.end(), [&](const TextMatch& m) { return m.pattern == major; });
    const std::string expected(text.substr(first_major->begin, first_major->end - first_major->begin));
    for (const auto& m : uses) {
      if (m.pattern == major) continue;
      const std::string match(text.substr(m.begin, m.end - m.begin));
      auto& d = ctx.report(m.begin, m.end,
                           ctx.message({{"match", match}, {"expected", expected}, {"count", std::to_string(count[major])}},
                                       "前后不一致：本文多处（{count} 处）作“{expected}”，此处作“{match}”",
                                       "inconsistent: the draft uses '{expected}' ({count} times) but here '{match}'"));
      d.notes.push_back({ctx.view().source(first_major->begin, first_major->end),
                         ctx.check().tr("此处首次作此写法", "first used like this here")});
    }
  }

  std::vector<std::vector<std::string>> groups_;
  bool regex_;
  std::vector<std::string> unless_before_;
  std::vector<std::string> unless_after_;
  std::vector<LazyRegexes> compiled_;
  LazyRegexes any_;  // per group: all its alternatives in one pattern
};

class Consistency final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "consistency"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "同一事物的几种写法在全文只能用一种"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/consistency.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    auto groups = table.string_lists("groups");
    if (groups.empty()) table.fail("groups", R"(a consistency rule needs 'groups', e.g. [["党委", "党组"]])");
    const bool regex = table.flag("regex", false);
    for (const auto& g : groups) {
      if (g.size() < 2) table.fail("groups", "each group needs at least two alternatives");
      for (const auto& alt : g) {
        if (!table.validate_patterns()) break;
        const RE2 re(regex ? alt : quote_literal(alt), RE2::Quiet);
        if (!re.ok()) table.fail("groups", "invalid pattern '" + alt + "': " + re.error());
      }
    }
    return std::make_shared<ConsistencyRule>(std::move(groups), regex, table.strings("unless_before"), table.strings("unless_after"));
  }
};

}  // namespace

const Kind& consistency_kind() {
  static const Consistency kind;
  return kind;
}

}  // namespace checklint
