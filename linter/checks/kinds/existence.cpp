// Kind `existence`: any of a list of patterns present is a finding
// (placeholders, watermarks, masked words).
//   patterns = ["X{2,}", …]   RE2; or words = ["仅供学习", …] literal
//   unless_before / unless_after = ["…"]   literal neighbours that cancel a match
#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

class ExistenceRule final : public PatternRule {
 public:
  using PatternRule::PatternRule;

  void run_chunk(TextContext& ctx, ByteRange chunk, const std::vector<int>& hits) const override {
    // The message depends on the matched text alone: a run of the same placeholder (a paragraph
    // of a million *) shares one message instead of formatting and storing it a million times.
    std::string_view last;
    Message message;
    bool have = false;
    for_each_match(ctx, chunk, hits, [&](std::size_t begin, std::size_t end, int /*pattern*/) {
      const std::string_view match = ctx.view().text().substr(begin, end - begin);
      if (!have || match != last) {
        message = ctx.message({{"match", std::string(match)}}, "“{match}”", "'{match}'");
        last = match;
        have = true;
      }
      ctx.report(begin, end, message);
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
