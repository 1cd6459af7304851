// dimension/theme-mismatch: the draft declares one meeting but checks itself
// against the aspects of another (a template reused from an earlier year).
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/analysis/select.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "；") + item;
  return out;
}

class ThemeMismatchCheck final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"dimension/theme-mismatch", Severity::Error,
                               "材料声明的会议主题与实际查摆的方面不符（套用了其他年度的方面）",
                               "The draft declares one theme but uses another theme's aspects",
                               "linter/checks/dimension_theme_mismatch.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    if (!a.mismatch) return;
    const auto& m = *a.mismatch;
    const Part* problems = a.find(PartRole::Problems);
    const ByteRange at = find_evidence(ctx.doc(), ctx.rules()).value_or(problems->node->heading);
    auto& d = ctx.report(
        at, fmt::format(fmt::runtime(ctx.tr("材料声明为“{}”，但查摆的方面（{}）是“{}”的要求；缺少：{}",
                                            "the draft declares '{}' but its aspects ({}) are those of '{}'; missing: {}")),
                        ctx.rules().name, join(m.found), m.actual->name, join(m.missing)));
    d.notes.push_back({problems->node->heading, ctx.tr("查摆问题部分在此", "the problems part is here")});
  }
};

}  // namespace

const Check& dimension_theme_mismatch_check() {
  static const ThemeMismatchCheck check;
  return check;
}

}  // namespace checklint
