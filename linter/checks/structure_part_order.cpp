// structure/part-order: the parts come in the order the rule set expects.
#include <algorithm>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

class PartOrder final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/part-order", Severity::Warning,
                               "组成部分顺序不当（应为问题→案例→原因→措施）", "Parts out of the expected order",
                               "linter/checks/structure_part_order.md", {}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    const auto& order = ctx.rules().part_order;
    const Part* furthest = nullptr;
    std::ptrdiff_t furthest_rank = -1;
    for (const auto& part : ctx.analysis().parts) {
      const auto rank = std::find(order.begin(), order.end(), part.role) - order.begin();
      if (furthest != nullptr && rank < furthest_rank) {
        auto& d = ctx.report(part.node->heading,
                             fmt::format(fmt::runtime(ctx.tr("“{}”部分应在“{}”部分之前", "part '{}' should come before part '{}'")),
                                         role_name_zh(part.role), role_name_zh(furthest->role)));
        d.notes.push_back({furthest->node->heading, ctx.tr("该部分在此", "that part is here")});
        continue;
      }
      furthest = &part;
      furthest_rank = rank;
    }
  }
};

}  // namespace

const Check& structure_part_order_check() {
  static const PartOrder check;
  return check;
}

}  // namespace checklint
