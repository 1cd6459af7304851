// structure/closing: the draft ends with the customary closing line
// (以上对照检查，请同志们批评指正。).
#include "linter/checks/check.h"

namespace checklint {
namespace {

class Closing final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/closing",
                               Severity::Warning,
                               "材料缺少结束语（如“以上对照检查，请同志们批评指正。”）",
                               "The draft has no closing line",
                               "linter/checks/structure_closing.md",
                               {{"phrases", std::vector<std::string>{"批评指正", "批评帮助", "批评指导"},
                                 "结束语中应出现的词语，任一出现即可"}}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    const auto& phrases = ctx.config().strings("phrases");
    const Line* last = nullptr;
    for (const Line& line : ctx.doc().lines) {
      if (line.kind != LineKind::Paragraph && line.kind != LineKind::Heading) continue;
      last = &line;
      const auto text = ctx.slice(line.content);
      for (const auto& phrase : phrases) {
        if (text.find(phrase) != std::string_view::npos) return;
      }
    }
    if (last == nullptr) return;
    ctx.report({last->content.end, last->content.end},
               ctx.tr("材料缺少结束语：末尾一般写“以上对照检查，请同志们批评指正。”",
                      "the draft has no closing line such as “以上对照检查，请同志们批评指正。”"));
  }
};

}  // namespace

const Check& structure_closing_check() {
  static const Closing check;
  return check;
}

}  // namespace checklint
