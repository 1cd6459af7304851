// dimension/unmapped: a problem subsection that answers none of the required aspects.
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

class DimensionUnmapped final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"dimension/unmapped", Severity::Info, "问题小标题对应不到规则集要求的任何方面",
                               "A problem subsection maps to no required aspect", "linter/checks/dimension_unmapped.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    if (ctx.rules().dimensions_from_draft || a.dimensions.empty() || a.mismatch) return;
    for (const auto& unit : a.problems) {
      if (unit.dimension) continue;
      std::string names;
      for (const auto& d : a.dimensions) names += (names.empty() ? "" : "、") + d.name;
      ctx.report(unit.node->heading,
                 fmt::format(fmt::runtime(ctx.tr("“{}”对应不到 {} 要求的方面（{}）", "'{}' maps to none of the aspects of {} ({})")),
                             ctx.slice(unit.node->heading), a.dimension_frame, names));
    }
  }
};

}  // namespace

const Check& dimension_unmapped_check() {
  static const DimensionUnmapped check;
  return check;
}

}  // namespace checklint
