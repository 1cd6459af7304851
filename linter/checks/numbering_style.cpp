// numbering/style: a heading number written in a form GB/T 9704 does not use.
#include <array>

#include <fmt/format.h>

#include "linter/checks/check.h"

namespace checklint {
namespace {

class NumberingStyle final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{
        "numbering/style", Severity::Warning, "序号写法不符合 GB/T 9704（如“1、”“(一)”“（一）、”）",
        "Heading number not written as GB/T 9704 prescribes", "linter/checks/numbering_style.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    static constexpr std::array<const char*, 5> kLevelZh = {"", "第一层", "第二层", "第三层", "第四层"};
    static constexpr std::array<const char*, 5> kLevelEn = {"", "level 1", "level 2", "level 3", "level 4"};
    walk(ctx.doc().root, [&](const Node& node) {
      if (!node.numbering || node.numbering->marker.standard) return;
      const auto& num = *node.numbering;
      const auto level = static_cast<std::size_t>(num.marker.level);
      const std::string written(ctx.doc().text.slice(num.range));
      auto& d = ctx.report(
          num.range, fmt::format(fmt::runtime(ctx.tr("序号“{}”写法不规范：{}序号应写作“{}”",
                                                     "heading number '{}' is not standard: {} is written '{}'")),
                                 written, ctx.tr(kLevelZh.at(level), kLevelEn.at(level)), num.marker.canonical()));
      // A circled number may be a deliberate inline list; replacing it is left to the user.
      const bool circled = written.size() == 3 && static_cast<unsigned char>(written[0]) == 0xE2;
      d.fixes.push_back(FixIt{num.range, num.marker.canonical(), !circled});
    });
  }
};

}  // namespace

const Check& numbering_style_check() {
  static const NumberingStyle check;
  return check;
}

}  // namespace checklint
