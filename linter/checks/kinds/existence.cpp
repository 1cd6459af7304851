// Kind `existence`: any of a list of patterns present is a finding
// (placeholders, watermarks, masked words).
//   patterns = ["X{2,}", …]   RE2; or words = ["仅供学习", …] literal
//   unless_before / unless_after = ["…"]   literal neighbours that cancel a match
#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

class ExistenceRule final : public TextRule {
 public:
  ExistenceRule(std::vector<std::string> patterns, std::vector<std::string> unless_before,
                std::vector<std::string> unless_after)
      : sources_(std::move(patterns)), unless_before_(std::move(unless_before)), unless_after_(std::move(unless_after)) {
    for (const auto& p : sources_) compiled_.push_back(std::make_unique<RE2>(p));
    for (const auto& c : compiled_) raw_.push_back(c.get());
  }

  [[nodiscard]] std::vector<std::string> patterns() const override { return sources_; }

  void run_chunk(TextContext& ctx, ByteRange chunk, const std::vector<int>& hits) const override {
    const std::string_view text = ctx.view().text();
    for (const auto& m : find_matches(text, chunk, raw_, hits)) {
      if (preceded_by_any(text, m.begin, unless_before_) || followed_by_any(text, m.end, unless_after_)) continue;
      if (!ctx.in_scope(m.begin)) continue;
      const std::string match(text.substr(m.begin, m.end - m.begin));
      ctx.report(m.begin, m.end, ctx.message({{"match", match}}, "“{match}”", "'{match}'"));
    }
  }

 private:
  std::vector<std::string> sources_;
  std::vector<std::unique_ptr<RE2>> compiled_;
  std::vector<const RE2*> raw_;
  std::vector<std::string> unless_before_;
  std::vector<std::string> unless_after_;
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
