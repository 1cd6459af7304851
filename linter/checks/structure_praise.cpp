// structure/praise: a section of achievements (成绩、做法、成效) placed before
// the problems; a self-inspection speaks of problems, not results.
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"
#include "linter/source/text.h"

namespace checklint {
namespace {

class Praise final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{
        "structure/praise",
        Severity::Warning,
        "在问题之前专门讲成绩、做法的部分（对照检查应“不讲成绩只讲问题”）",
        "An achievements section before the problems",
        "linter/checks/structure_praise.md",
        {{"headings", std::vector<std::string>{"取得的成绩", "主要成绩", "工作成效", "取得的成效", "主要做法", "工作亮点", "支部现状"},
          "表明该部分是在讲成绩的标题词语"}}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    const Part* problems = ctx.analysis().find(PartRole::Problems);
    const auto& headings = ctx.config().strings("headings");
    const auto before_problems = [&](const Node& node) {
      return problems == nullptr || node.range.begin < problems->node->range.begin;
    };
    const auto visit = [&](const auto& self, const Node& node) -> void {
      // A node's children start where it starts or later: past the problems, none is visited.
      if (!before_problems(node)) return;
      check(ctx, node, headings);
      for (const Node& child : node.children) self(self, child);
    };
    visit(visit, ctx.doc().root);
  }

 private:
  static void check(CheckContext& ctx, const Node& node, const std::vector<std::string>& headings) {
    if (node.kind != NodeKind::Numbered && node.kind != NodeKind::Heading) return;
    // 会前准备工作开展情况 and 上年度整改落实情况 report on the meeting, not on achievements.
    for (const auto& part : ctx.analysis().parts) {
      if (part.node == &node && (part.role == PartRole::Preparation || part.role == PartRole::Followup)) return;
    }
    const auto heading = ctx.slice(node.heading);
    for (const auto& phrase : headings) {
      if (find_text(heading, phrase) == std::string_view::npos) continue;
      ctx.report(node.heading, fmt::format(fmt::runtime(ctx.tr("问题之前不宜专门讲成绩：“{}”", "achievements before the problems: '{}'")), heading));
      return;
    }
  }
};

}  // namespace

const Check& structure_praise_check() {
  static const Praise check;
  return check;
}

}  // namespace checklint
