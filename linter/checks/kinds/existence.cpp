// Kind `existence`: any of a list of patterns present is a finding
// (placeholders, watermarks, masked words).
//   patterns = ["X{2,}", …]   RE2; or words = ["仅供学习", …] literal
//   unless_before / unless_after = ["…"]   literal neighbours that cancel a match
#include <algorithm>
#include <array>

#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

class ExistenceRule final : public PatternRule {
 public:
  using PatternRule::PatternRule;

  void run_chunk(TextContext& ctx, const ViewChunk& chunk, const std::vector<int>& hits) const override {
    // The message depends on the matched text alone: findings of the same text share one
    // message instead of formatting and storing it each time (a paragraph of a million * and
    // XXX alternating between them formats two, and the report escapes each once).
    constexpr std::size_t kKept = 4;  // the last few texts: a paragraph of distinct ones costs no search
    std::array<std::pair<std::string_view, Message>, kKept> recent;
    std::size_t kept = 0;
    std::size_t oldest = 0;
    for_each_match(ctx, chunk, hits, [&](std::size_t begin, std::size_t end, int /*pattern*/, std::string_view match) {
      const auto* known = std::find_if(recent.begin(), recent.begin() + static_cast<std::ptrdiff_t>(kept),
                                       [&](const auto& r) { return r.first == match; });
      if (known == recent.begin() + static_cast<std::ptrdiff_t>(kept)) {
        auto& slot = kept < kKept ? recent.at(kept++) : recent.at(oldest++ % kKept);
        slot = {match, ctx.message({{"match", std::string(match)}}, "“{match}”", "'{match}'")};
        known = &slot;
      }
      ctx.report(begin, end, known->second);
    });
  }
};

class Existence final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "existence"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "出现所列词语或模式即报告"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/existence.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    std::vector<std::string> patterns = table.patterns("patterns");
    for (const auto& word : table.strings("words")) patterns.push_back(quote_literal(word));
    if (patterns.empty()) table.fail("patterns", "an existence rule needs 'patterns' or 'words'");
    return std::make_shared<ExistenceRule>(std::move(patterns), table.strings("unless_before"), table.strings("unless_after"));
  }
};

}  // namespace

const Kind& existence_kind() {
  static const Existence kind;
  return kind;
}

}  // namespace checklint
