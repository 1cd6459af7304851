// linkage/cause and linkage/measure: a problem aspect that no cause, or no
// measure, answers (问题准、原因清、措施明). One check kind, two rules.
#include <algorithm>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

class DimensionLinkage final : public Check {
 public:
  DimensionLinkage(RuleInfo info, PartRole role, const char* what_zh, const char* what_en)
      : info_(std::move(info)), role_(role), what_zh_(what_zh), what_en_(what_en) {}

  [[nodiscard]] const RuleInfo& info() const override { return info_; }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    const Part* part = a.find(role_);
    if (part == nullptr) return;  // structure/missing-part reports the whole part
    // A draft's self-declared aspects come with general 思想根源 as causes; without
    // keyword lists there is no sound way to pair them, so only measures are judged.
    if (role_ == PartRole::Causes && ctx.rules().dimensions_from_draft) return;
    const auto& answers = role_ == PartRole::Causes ? a.causes : a.measures;
    const char* what = ctx.tr(what_zh_, what_en_);
    for (const auto& unit : a.problems) {
      if (!unit.dimension) continue;
      const std::size_t dim = *unit.dimension;
      const bool answered = std::any_of(answers.begin(), answers.end(), [&](const AnswerUnit& answer) {
        return std::find(answer.dimensions.begin(), answer.dimensions.end(), dim) != answer.dimensions.end();
      });
      if (answered) continue;
      const std::string& name = a.dimensions[dim].name;
      auto& d = ctx.report(unit.node->heading,
                           fmt::format(fmt::runtime(ctx.tr("“{}”方面的问题没有对应的{}", "the problems of aspect '{}' have no {}")),
                                       name, what));
      d.notes.push_back({part->node->heading,
                         fmt::format(fmt::runtime(ctx.tr("{}部分在此，其中没有一条针对“{}”", "the {} part is here; none of it addresses '{}'")),
                                     what, name)});
    }
  }

 private:
  RuleInfo info_;
  PartRole role_;
  const char* what_zh_;
  const char* what_en_;
};

}  // namespace

const Check& linkage_cause_check() {
  static const DimensionLinkage check(
      RuleInfo{"linkage/cause", Severity::Warning, "某一方面的问题没有对应的原因分析", "A problem aspect has no cause",
               "linter/checks/linkage_cause.md", {}},
      PartRole::Causes, "原因分析", "cause");
  return check;
}

const Check& linkage_measure_check() {
  static const DimensionLinkage check(
      RuleInfo{"linkage/measure", Severity::Warning, "某一方面的问题没有对应的整改措施", "A problem aspect has no measure",
               "linter/checks/linkage_measure.md", {}},
      PartRole::Measures, "整改措施", "measure");
  return check;
}

}  // namespace checklint
