// Kind `consistency`: alternatives of which a draft must use only one
// (党委 / 党组 / 党工委; “六稳六保” / “六稳”“六保”). Each minority use is
// reported, with a note at the first use of the majority form.
//   groups = [["党委", "党组", "党工委"]]   literal alternatives (RE2 with regex = true)
//   unless_before / unless_after = ["…"]    neighbours that make a match another word (党组织)
//   book titles 《…》 are skipped: a document's name is not the draft's own usage
#include <map>

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

class ConsistencyRule final : public TextRule {
 public:
  ConsistencyRule(std::vector<std::vector<std::string>> groups, bool regex, std::vector<std::string> unless_before,
                  std::vector<std::string> unless_after)
      : groups_(std::move(groups)), unless_before_(std::move(unless_before)), unless_after_(std::move(unless_after)) {
    for (const auto& group : groups_) {
      std::vector<std::unique_ptr<RE2>> res;
      res.reserve(group.size());
      for (const auto& alt : group) res.push_back(std::make_unique<RE2>(regex ? alt : quote_literal(alt)));
      compiled_.push_back(std::move(res));
    }
  }

  void run(TextContext& ctx) const override {
    for (std::size_t g = 0; g < groups_.size(); ++g) check_group(ctx, g);
  }

 private:
  void check_group(TextContext& ctx, std::size_t g) const {
    const std::string_view text = ctx.view().text();
    std::vector<const RE2*> raw;
    std::vector<int> all;
    for (const auto& re : compiled_[g]) {
      all.push_back(static_cast<int>(raw.size()));
      raw.push_back(re.get());
    }
    std::vector<TextMatch> uses;
    for (const ByteRange chunk : ctx.view().chunks()) {
      const auto titles = book_titles(text, chunk);
      for (const auto& m : find_matches(text, chunk, raw, all)) {
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
  std::vector<std::string> unless_before_;
  std::vector<std::string> unless_after_;
  std::vector<std::vector<std::unique_ptr<RE2>>> compiled_;
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
