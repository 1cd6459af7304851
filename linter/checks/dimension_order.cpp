// dimension/order: the problem subsections follow the official order of the aspects.
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

class DimensionOrder final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"dimension/order", Severity::Warning, "各方面问题未按通知规定的顺序排列",
                               "Aspects out of the official order", "linter/checks/dimension_order.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    if (ctx.rules().dimensions_from_draft) return;
    const ProblemUnit* furthest = nullptr;
    for (const auto& unit : a.problems) {
      if (!unit.dimension) continue;
      if (furthest != nullptr && *unit.dimension < *furthest->dimension) {
        auto& d = ctx.report(unit.node->heading,
                             fmt::format(fmt::runtime(ctx.tr("“{}”方面应排在“{}”方面之前（按 {} 规定的顺序）",
                                                             "aspect '{}' should come before '{}' (the order of {})")),
                                         a.dimensions[*unit.dimension].name, a.dimensions[*furthest->dimension].name,
                                         a.dimension_frame));
        d.notes.push_back({furthest->node->heading, ctx.tr("该方面在此", "that aspect is here")});
        continue;
      }
      furthest = &unit;
    }
  }
};

}  // namespace

const Check& dimension_order_check() {
  static const DimensionOrder check;
  return check;
}

}  // namespace checklint
