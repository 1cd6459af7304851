// content/example: a problem item with no concrete example (见人见事见思想):
// no 比如/例如/具体表现在… introducing a case, a time, a place or a number.
#include <re2/re2.h>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"
#include "linter/checks/patterns.h"

namespace checklint {
namespace {

class ContentExample final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{
        "content/example",
        Severity::Info,
        "问题条目没有具体事例（比如、例如、具体表现在……）",
        "A problem item gives no concrete example",
        "linter/checks/content_example.md",
        {{"markers",
          std::vector<std::string>{"比如|例如|譬如|举例来说|再如|又如|具体表现在|主要表现在|具体体现在",
                                   "(?:^|[，。；：、])如[，：“*＊X×]"},
          "引出事例的 RE2 正则", true},
         {"weak_markers", std::vector<std::string>{"诸如|表现为"},
          "也可能只是泛泛列举的词语（RE2 正则）：其后一句中须有数字、时间或具体事件（案件、事故）才算事例", true},
         {"require_specifics", false, "为 true 时，事例中还须有数字、时间或次数（如“2次”“7月”“3个项目”）"}}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const PatternList& markers = PatternList::cached(ctx.config().strings("markers"));
    const PatternList& weak = PatternList::cached(ctx.config().strings("weak_markers"));
    for (const auto& unit : ctx.analysis().problems) {
      bool has_items = false;
      for (const Node& child : unit.node->children) {
        if (child.kind != NodeKind::Item) continue;
        has_items = true;
        check(ctx, child, ByteRange{child.item->offset, child.item->offset + child.item->length}, markers, weak);
      }
      if (!has_items) check(ctx, *unit.node, unit.node->heading, markers, weak);
    }
  }

 private:
  /// Numbers, dates, counts or a named case: what makes an example concrete.
  static bool has_specifics(std::string_view text) {
    static const RE2 specific(
        "[0-9０-９]|[一二三四五六七八九十两百千万]+(?:次|个|项|人|篇|件|家|天|名|户|元|起)|案件|事件|事故|今年|去年|上半年|下半年|月份");
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), specific);
  }

  /// The sentence that starts at `at` (up to 。！？ or the end).
  static std::string_view sentence_from(std::string_view text, std::size_t at) {
    std::size_t end = text.size();
    for (std::string_view stop : {"。", "！", "？"}) end = std::min(end, text.find(stop, at));
    return text.substr(at, end - at);
  }

  static void check(CheckContext& ctx, const Node& node, ByteRange at, const PatternList& markers,
                    const PatternList& weak) {
    const std::string_view text = ctx.slice(node.range);
    if (auto found = markers.find(text)) {
      if (!ctx.config().flag("require_specifics") || has_specifics(sentence_from(text, *found))) return;
    }
    if (auto found = weak.find(text); found && has_specifics(sentence_from(text, *found))) return;
    ctx.report(at, ctx.tr("问题没有具体事例：可用“比如”“例如”举出具体的人、事、时间或数字",
                          "no concrete example: give one with 比如/例如 (a case, a time or a number)"));
  }
};

}  // namespace

const Check& content_example_check() {
  static const ContentExample check;
  return check;
}

}  // namespace checklint
