// structure/stray-text: paragraphs above the title or below the closing line —
// where copy-shop watermarks, advertising and download notes end up.
#include <algorithm>
#include <array>
#include <optional>

#include "linter/checks/check.h"
#include "linter/checks/closing.h"

namespace checklint {
namespace {

class StrayText final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/stray-text",
                               Severity::Error,
                               "标题之前或结束语之后的多余文字（常为下载水印、广告）",
                               "Text above the title or below the closing line",
                               "linter/checks/structure_stray_text.md",
                               {{"closing_phrases", std::vector<std::string>{"批评指正", "批评帮助", "批评指导", "宝贵意见"},
                                 "结束语中的词语：其后的文字即为多余文字"}}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const auto& lines = ctx.doc().lines;
    const auto& children = ctx.doc().root.children;
    const auto title = std::find_if(children.begin(), children.end(), [](const Node& n) { return n.kind == NodeKind::Title; });
    if (title != children.end()) {
      for (std::size_t i = 0; i < title->line; ++i) {
        if (lines[i].kind == LineKind::Paragraph && !(i + 1 == title->line && is_organ_line(ctx.slice(lines[i].content)))) {
          ctx.report(lines[i].content, ctx.tr("标题之前的多余文字，疑似下载水印或广告，提交前应删除",
                                              "text above the title: likely a download watermark or advert"));
        }
      }
    }
    const auto closing = find_closing_line(ctx.doc(), ctx.config().strings("closing_phrases"));
    if (!closing) return;
    for (std::size_t i = *closing + 1; i < lines.size(); ++i) {
      if (lines[i].kind != LineKind::Paragraph || is_signature_line(ctx.slice(lines[i].content))) continue;
      auto& d = ctx.report(lines[i].content, ctx.tr("结束语之后的多余文字，疑似下载水印或广告，提交前应删除",
                                                   "text below the closing line: likely a download watermark or advert"));
      d.notes.push_back({lines[*closing].content, ctx.tr("结束语在此", "the closing line is here")});
    }
  }
};

}  // namespace

const Check& structure_stray_text_check() {
  static const StrayText check;
  return check;
}

}  // namespace checklint
