// structure/title: the draft has a title line naming the unit and the meeting.
#include <algorithm>

#include "linter/checks/check.h"

namespace checklint {
namespace {

class Title final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/title", Severity::Warning, "材料缺少标题行（单位＋会议名称＋材料名称）",
                               "The draft has no title line", "linter/checks/structure_title.md", {}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    const auto& children = ctx.doc().root.children;
    const bool has_title = std::any_of(children.begin(), children.end(), [](const Node& n) { return n.kind == NodeKind::Title; });
    if (has_title) return;
    for (const Line& line : ctx.doc().lines) {
      if (line.kind == LineKind::Paragraph || line.kind == LineKind::Heading) {
        ctx.report({line.content.begin, line.content.begin},
                   ctx.tr("材料缺少标题：首行应写明单位、会议和材料名称，如“××局领导班子××专题民主生活会对照检查材料”",
                          "the draft has no title: its first line should name the unit, the meeting and the material"));
        return;
      }
    }
  }
};

}  // namespace

const Check& structure_title_check() {
  static const Title check;
  return check;
}

}  // namespace checklint
