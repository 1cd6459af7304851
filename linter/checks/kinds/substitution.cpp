// Kind `substitution`: a wrong form and the right one; each finding carries a
// fix-it (safe unless `safe = false`).
//   swap = { "四种意识" = "四个意识", … }   keys are literal, or RE2 with regex = true
//                                           (then the value may use \1 …)
//   unless_before / unless_after = ["…"]
#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

class SubstitutionRule final : public TextRule {
 public:
  SubstitutionRule(std::vector<std::pair<std::string, std::string>> swaps, bool regex, bool safe,
                   std::vector<std::string> unless_before, std::vector<std::string> unless_after)
      : swaps_(std::move(swaps)), regex_(regex), safe_(safe), unless_before_(std::move(unless_before)),
        unless_after_(std::move(unless_after)) {
    for (const auto& [wrong, right] : swaps_) {
      sources_.push_back(regex_ ? wrong : quote_literal(wrong));
      compiled_.push_back(std::make_unique<RE2>(sources_.back()));
      raw_.push_back(compiled_.back().get());
    }
  }

  [[nodiscard]] std::vector<std::string> patterns() const override { return sources_; }

  void run_chunk(TextContext& ctx, ByteRange chunk, const std::vector<int>& hits) const override {
    const std::string_view text = ctx.view().text();
    for (const auto& m : find_matches(text, chunk, raw_, hits)) {
      if (preceded_by_any(text, m.begin, unless_before_) || followed_by_any(text, m.end, unless_after_)) continue;
      if (!ctx.in_scope(m.begin)) continue;
      const std::string match(text.substr(m.begin, m.end - m.begin));
      std::string right = swaps_.at(static_cast<std::size_t>(m.pattern)).second;
      if (regex_) {
        std::string rewritten;
        if (RE2::Extract(match, *compiled_.at(static_cast<std::size_t>(m.pattern)), right, &rewritten)) right = rewritten;
      }
      auto& d = ctx.report(m.begin, m.end,
                           ctx.message({{"match", match}, {"replacement", right}}, "“{match}”应为“{replacement}”",
                                       "'{match}' should be '{replacement}'"));
      // The fix replaces the source bytes only when they are the matched text itself.
      const ByteRange source = ctx.view().source(m.begin, m.end);
      if (ctx.doc().text.slice(source) == match) d.fixes.push_back({source, right, safe_});
    }
  }

 private:
  std::vector<std::pair<std::string, std::string>> swaps_;
  bool regex_;
  bool safe_;
  std::vector<std::string> unless_before_;
  std::vector<std::string> unless_after_;
  std::vector<std::string> sources_;
  std::vector<std::unique_ptr<RE2>> compiled_;
  std::vector<const RE2*> raw_;
};

class Substitution final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "substitution"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "错误写法→正确写法，附修改建议"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/substitution.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    const bool regex = table.flag("regex", false);
    auto swaps = table.string_map("swap");
    if (swaps.empty()) table.fail("swap", "a substitution rule needs a 'swap' table of wrong = right");
    if (regex) {
      for (const auto& [wrong, right] : swaps) {
        const RE2 re(wrong, RE2::Quiet);
        if (!re.ok()) table.fail("swap", "invalid pattern '" + wrong + "': " + re.error());
      }
    }
    return std::make_shared<SubstitutionRule>(std::move(swaps), regex, table.flag("safe", true),
                                              table.strings("unless_before"), table.strings("unless_after"));
  }
};

}  // namespace

const Kind& substitution_kind() {
  static const Substitution kind;
  return kind;
}

}  // namespace checklint
