// structure/missing-part: a part the rule set requires (problems, causes,
// measures; 典型案例剖析 in some years) is absent.
#include <algorithm>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

/// Where a missing part would go: before the first present part that follows it, else the end.
ByteRange anchor_for(const CheckContext& ctx, PartRole missing) {
  const auto& order = ctx.rules().part_order;
  const auto at = std::find(order.begin(), order.end(), missing);
  for (const auto& part : ctx.analysis().parts) {
    const auto pos = std::find(order.begin(), order.end(), part.role);
    if (pos > at) return part.node->numbering ? part.node->numbering->range : part.node->heading;
  }
  const auto& text = ctx.doc().text;
  std::size_t last = text.line_count();
  while (last > 1 && ctx.doc().lines[last - 1].kind == LineKind::Blank) --last;
  return ctx.doc().lines[last - 1].content;
}

class MissingPart final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/missing-part", Severity::Error,
                               "缺少规则集要求的组成部分（存在的问题、原因分析、整改措施、典型案例剖析等）",
                               "A part the rule set requires is missing", "linter/checks/structure_missing_part.md", {}};
    return info;
  }
  void run(CheckContext& ctx) const override {
    for (std::size_t r = 0; r < kPartRoleCount; ++r) {
      const auto role = static_cast<PartRole>(r);
      const auto& spec = ctx.rules().part(role);
      if (!spec.defined || !spec.required || ctx.analysis().find(role) != nullptr) continue;
      const std::string example = spec.headings.empty() ? std::string(role_name_zh(role)) : spec.headings.front();
      ctx.report(anchor_for(ctx, role),
                 fmt::format(fmt::runtime(ctx.tr("缺少“{}”部分（规则集 {} 要求；可用标题如“{}”）",
                                                 "missing part '{}' (required by rule set {}; e.g. a heading '{}')")),
                             role_name_zh(role), ctx.rules().id, example));
    }
  }
};

}  // namespace

const Check& structure_missing_part_check() {
  static const MissingPart check;
  return check;
}

}  // namespace checklint
