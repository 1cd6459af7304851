// structure/stray-text: paragraphs above the title or below the closing line —
// where copy-shop watermarks, advertising and download notes end up.
#include <algorithm>
#include <array>
#include <optional>

#include "linter/checks/check.h"

namespace checklint {
namespace {

/// A title set on two lines: 中共某县水利局党组 / …对照检查材料. The first
/// line is short, has no punctuation and names an organ.
bool is_title_head(std::string_view line) {
  if (char_count(line) > 30) return false;
  const auto in_line = [line](std::string_view word) { return line.find(word) != std::string_view::npos; };
  static constexpr std::array<std::string_view, 9> kMarks = {"，", "。", "：", "！", "？", "【", "】", ":", "、"};
  static constexpr std::array<std::string_view, 10> kOrgans = {"中共", "党组", "党委", "党工委", "委员会",
                                                               "领导班子", "支部", "政府", "办公室", "人民"};
  return std::none_of(kMarks.begin(), kMarks.end(), in_line) && std::any_of(kOrgans.begin(), kOrgans.end(), in_line);
}

class StrayText final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"structure/stray-text",
                               Severity::Error,
                               "标题之前或结束语之后的多余文字（常为下载水印、广告）",
                               "Text above the title or below the closing line",
                               "linter/checks/structure_stray_text.md",
                               {{"closing_phrases", std::vector<std::string>{"批评指正", "批评帮助", "批评指导"},
                                 "结束语中的词语：其后的文字即为多余文字"}}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const auto& lines = ctx.doc().lines;
    const auto& children = ctx.doc().root.children;
    const auto title = std::find_if(children.begin(), children.end(), [](const Node& n) { return n.kind == NodeKind::Title; });
    if (title != children.end()) {
      for (std::size_t i = 0; i < title->line; ++i) {
        if (lines[i].kind == LineKind::Paragraph && !(i + 1 == title->line && is_title_head(ctx.slice(lines[i].content)))) {
          ctx.report(lines[i].content, ctx.tr("标题之前的多余文字，疑似下载水印或广告，提交前应删除",
                                              "text above the title: likely a download watermark or advert"));
        }
      }
    }
    const auto& phrases = ctx.config().strings("closing_phrases");
    std::optional<std::size_t> closing;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].kind != LineKind::Paragraph) continue;
      const auto text = ctx.slice(lines[i].content);
      if (std::any_of(phrases.begin(), phrases.end(), [&](const std::string& p) { return text.find(p) != std::string_view::npos; })) {
        closing = i;
      }
    }
    if (!closing) return;
    for (std::size_t i = *closing + 1; i < lines.size(); ++i) {
      if (lines[i].kind != LineKind::Paragraph) continue;
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
