// structure/closing: the draft ends with the customary closing line
// (以上对照检查，请同志们批评指正。).
#include <algorithm>

#include "linter/checks/check.h"
#include "linter/checks/closing.h"

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
                               {{"phrases", std::vector<std::string>{"批评指正", "批评帮助", "批评指导", "宝贵意见"},
                                 "结束语中应出现的词语，任一出现即可"}}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    if (find_closing_line(ctx.doc(), ctx.config().strings("phrases"))) return;
    // The last text line that is not a signature: looked for from the end, where it stands,
    // rather than every line of the draft tested.
    const auto& lines = ctx.doc().lines;
    const auto last = std::find_if(lines.rbegin(), lines.rend(), [&](const Line& line) {
      return (line.kind == LineKind::Paragraph || line.kind == LineKind::Heading) && !is_signature_line(ctx.slice(line.content));
    });
    if (last == lines.rend()) return;
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
