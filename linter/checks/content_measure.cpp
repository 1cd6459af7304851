// content/measure: a measure with no checkable commitment — no deadline,
// frequency, quantity or owner (年底前、每月至少1次、3篇、责任人…).
#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"
#include "linter/checks/patterns.h"

namespace checklint {
namespace {

class ContentMeasure final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{
        "content/measure",
        Severity::Warning,
        "整改措施没有可检验的承诺（时限、频次、数量或责任）",
        "A measure makes no checkable commitment",
        "linter/checks/content_measure.md",
        {{"patterns",
          std::vector<std::string>{
              "年底前|年内|月底前|季度末|限期|时限|之前完成|前完成|[0-9０-９一二三四五六七八九十]+月(?:底|份|中旬|上旬|下旬)?前|20[0-9]{2}年(?:[0-9]{1,2}月)?(?:底|前)",
              "每(?:年|半年|季度|季|月|周|天|日|旬)",
              "[0-9０-９]+(?:\\.[0-9]+)?\\s*(?:次|篇|个|项|场|期|人次|小时|天|条|家|名|份|轮|批|%|％|万|元|户|人)",
              "[一二三四五六七八九十两]+(?:次|篇|场|期|人次|小时|轮)",
              "责任人|牵头单位|牵头领导|责任单位|责任领导|负责人|由[^。；，]{1,12}负责"},
          "表示时限、频次、数量或责任的 RE2 正则，任一匹配即可", true}}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const PatternList& patterns = PatternList::cached(ctx.config().strings("patterns"));
    for (const auto& unit : ctx.analysis().measures) {
      if (patterns.matches(ctx.slice(unit.node->range))) continue;
      ctx.report(unit.node->heading,
                 ctx.tr("整改措施不具体：没有时限、频次、数量或责任人，无法检验（如“年底前”“每月至少1次”“责任人：××”）",
                        "the measure is not checkable: no deadline, frequency, quantity or owner"));
    }
  }
};

}  // namespace

const Check& content_measure_check() {
  static const ContentMeasure check;
  return check;
}

}  // namespace checklint
