// dimension/missing: an aspect (方面) the rule set requires — or, for the
// generic set, one the preamble announces — has no problem subsection.
#include <algorithm>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/analysis/similarity.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

class DimensionMissing final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"dimension/missing", Severity::Error,
                               "“存在的问题”缺少规则集要求（或导语自述）的方面",
                               "A required aspect has no problem subsection", "linter/checks/dimension_missing.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    const Part* problems = a.find(PartRole::Problems);
    if (problems == nullptr || a.mismatch) return;  // missing-part / theme-mismatch say it better
    const ByteRange at = problems->node->heading;
    if (ctx.rules().dimensions_from_draft) {
      check_announced(ctx, a, at);
      return;
    }
    for (std::size_t i = 0; i < a.dimensions.size(); ++i) {
      const bool covered = std::any_of(a.problems.begin(), a.problems.end(), [&](const ProblemUnit& u) { return u.dimension == i; });
      if (covered) continue;
      ctx.report(at, fmt::format(fmt::runtime(ctx.tr("缺少“{}”方面的问题查摆（{} 要求的第 {} 个方面）",
                                                     "no problems listed for the aspect '{}' (aspect {} required by {})")),
                                 a.dimensions[i].name, ctx.rules().id, i + 1));
    }
  }

 private:
  static void check_announced(CheckContext& ctx, const Analysis& a, ByteRange at) {
    for (const auto& aspect : a.announced) {
      const auto phrases = key_phrases(aspect);
      const auto grams = bigrams(aspect);
      const bool covered = std::any_of(a.problems.begin(), a.problems.end(), [&](const ProblemUnit& u) {
        const std::string heading(ctx.slice(u.node->heading));
        const bool phrase = std::any_of(phrases.begin(), phrases.end(),
                                        [&](const std::string& p) { return heading.find(p) != std::string::npos; });
        return phrase || dice(grams, bigrams(heading)) >= 0.4;
      });
      if (covered) continue;
      ctx.report(at, fmt::format(fmt::runtime(ctx.tr("导语所列的“{}”方面没有对应的问题查摆",
                                                     "the preamble announces the aspect '{}' but no problems are listed for it")),
                                 aspect));
    }
  }
};

}  // namespace

const Check& dimension_missing_check() {
  static const DimensionMissing check;
  return check;
}

}  // namespace checklint
