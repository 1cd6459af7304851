// Kind `substitution`: a wrong form and the right one; each finding carries a
// fix-it (safe unless `safe = false`).
//   swap = { "四种意识" = "四个意识", … }   keys are literal, or RE2 with regex = true
//                                           (then the value may use \1 …)
//   unless_before / unless_after = ["…"]
#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

/// The patterns of a swap table: its keys, quoted unless they are RE2.
std::vector<std::string> swap_patterns(const std::vector<std::pair<std::string, std::string>>& swaps, bool regex) {
  std::vector<std::string> out;
  out.reserve(swaps.size());
  for (const auto& [wrong, right] : swaps) out.push_back(regex ? wrong : quote_literal(wrong));
  return out;
}

class SubstitutionRule final : public PatternRule {
 public:
  SubstitutionRule(std::vector<std::pair<std::string, std::string>> swaps, bool regex, bool safe,
                   std::vector<std::string> unless_before, std::vector<std::string> unless_after)
      : PatternRule(swap_patterns(swaps, regex), std::move(unless_before), std::move(unless_after)),
        swaps_(std::move(swaps)), regex_(regex), safe_(safe) {}

  void run_chunk(TextContext& ctx, const ViewChunk& chunk, const std::vector<int>& hits) const override {
    for_each_match(ctx, chunk, hits, [&](std::size_t begin, std::size_t end, int pattern, std::string_view matched) {
      const std::string match(matched);
      std::string right = swaps_.at(static_cast<std::size_t>(pattern)).second;
      if (regex_) {
        std::string rewritten;
        if (RE2::Extract(match, compiled(pattern), right, &rewritten)) right = rewritten;
      }
      auto& d = ctx.report(begin, end,
                           ctx.message({{"match", match}, {"replacement", right}}, "“{match}”应为“{replacement}”",
                                       "'{match}' should be '{replacement}'"));
      // The fix replaces the source bytes only when they are the matched text itself.
      const ByteRange source = ctx.view().source(begin, end);
      if (ctx.doc().text.slice(source) == match) d.fixes.push_back({source, right, safe_});
    });
  }

 private:
  std::vector<std::pair<std::string, std::string>> swaps_;
  bool regex_;
  bool safe_;
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
    if (regex && table.validate_patterns()) {
      for (const auto& [wrong, right] : swaps) {
        const RE2 re(wrong, RE2::Quiet);
        if (!re.ok()) table.fail("swap", "invalid pattern '" + wrong + "': " + re.error());
        std::string error;
        if (!re.CheckRewriteString(right, &error)) table.fail("swap", std::string("invalid replacement '").append(right).append("': ").append(error));
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
