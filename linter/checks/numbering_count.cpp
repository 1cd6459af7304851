// numbering/count: an announced count (主要存在三方面差距：一是…二是…) that the
// items or numbered sections which follow contradict.
#include <re2/re2.h>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/checks/check.h"
#include "linter/source/text.h"

namespace checklint {
namespace {

/// "三" / "两" / "12" → 3 / 2 / 12.
int parse_count(std::string_view text) {
  if (text == "两") return 2;
  std::size_t len = 0;
  if (auto n = parse_chinese_numeral(text, len); n && len == text.size()) return *n;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

struct Announcement {
  int count = 0;
  ByteRange range;     // the count phrase, e.g. 三方面
  std::size_t after;   // where the announced list may begin
};

class NumberingCount final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"numbering/count",
                               Severity::Warning,
                               "前文宣称的条目数（如“主要存在三方面差距：”）与实际列出的条目数不符",
                               "Announced count of items differs from the items listed",
                               "linter/checks/numbering_count.md",
                               {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    check_announced_aspects(ctx);
    walk(ctx.doc().root, [&](const Node& node) {
      for (std::size_t p : node.paragraphs) check_text(ctx, node, ctx.doc().lines[p].content);
      if (node.kind == NodeKind::Numbered || node.kind == NodeKind::Heading) {
        check_text(ctx, node, node.body);
        check_heading(ctx, node);
      }
    });
  }

 private:
  static const RE2& colon_pattern() {
    // Group 1: the whole announcement; group 2: the number.
    static const RE2 re("(((?:[一二三四五六七八九十两]{1,3})|(?:[1-9][0-9]?))(?:个方面|方面|个问题|个|条|点|项|类)[^。；：，！？]{0,12}[：:])");
    return re;
  }
  static const RE2& heading_pattern() {
    // "N个方面" only: 统一方面 / 一方面 are words, not counts.
    static const RE2 re("((?:[一二三四五六七八九十两]{1,3})|(?:[1-9][0-9]?))个方面");
    return re;
  }

  static void check_text(CheckContext& ctx, const Node& owner, ByteRange range) {
    const std::string_view s = ctx.doc().text.bytes();
    // Every announcement ends in a colon: most paragraphs are passed over without the regex, and
    // the regex reads no further than the last colon (every match lies before it, so the matches
    // are the same; the text after it was read to the end once more after the last match).
    const std::string_view text = s.substr(range.begin, range.size());
    const std::size_t stop = last_colon_end(text);
    if (stop == 0) return;
    re2::StringPiece input(text.data(), stop);
    re2::StringPiece number;
    re2::StringPiece whole;
    while (RE2::FindAndConsume(&input, colon_pattern(), &whole, &number)) {
      const auto begin = static_cast<std::size_t>(number.data() - s.data());
      const auto end = static_cast<std::size_t>(whole.data() - s.data()) + whole.size();
      const Announcement a{parse_count(std::string_view(number.data(), number.size())), {begin, end}, end};
      // A preamble's own items come first; else it announces the top-level parts, which the root holds.
      if (!check_items(ctx, owner, a, range.end) && owner.kind == NodeKind::Preamble) {
        check_items(ctx, ctx.doc().root, a, range.end);
      }
    }
  }

  /// "围绕……等六方面内容" in the preamble: as many subsections under the problems part.
  static void check_announced_aspects(CheckContext& ctx) {
    static const RE2 re("(?:等|围绕|从|对照|在)((?:[一二三四五六七八九十两]{1,3})|(?:[1-9][0-9]?))个?方面");
    const Analysis& a = ctx.analysis();
    const Part* problems = a.find(PartRole::Problems);
    if (problems == nullptr || a.problems.empty()) return;
    const std::string_view s = ctx.doc().text.bytes();
    for (const Node& node : ctx.doc().root.children) {
      if (node.kind != NodeKind::Preamble) continue;
      for (std::size_t p : node.paragraphs) {
        const ByteRange line = ctx.doc().lines[p].content;
        re2::StringPiece input(s.data() + line.begin, line.size());
        re2::StringPiece number;
        if (find_text(std::string_view(input.data(), input.size()), "方面") == std::string_view::npos) continue;
        if (!RE2::PartialMatch(input, re, &number)) continue;
        const int announced = parse_count(std::string_view(number.data(), number.size()));
        const auto found = static_cast<int>(a.problems.size());
        if (announced < 2 || announced == found) continue;
        const auto begin = static_cast<std::size_t>(number.data() - s.data());
        auto& d = ctx.report({begin, begin + number.size()},
                             fmt::format(fmt::runtime(ctx.tr("导语称查摆{}个方面，但“存在的问题”下列出了{}个方面",
                                                             "the preamble announces {} aspects but the problems part lists {}")),
                                         announced, found));
        d.notes.push_back({problems->node->heading, ctx.tr("“存在的问题”部分在此", "the problems part is here")});
      }
    }
  }

  static void check_heading(CheckContext& ctx, const Node& node) {
    const std::string_view s = ctx.doc().text.bytes();
    re2::StringPiece input(s.data() + node.heading.begin, node.heading.size());
    re2::StringPiece number;
    // rfind_text: headings are too short for find_text's blocks of 16, and its byte-by-byte tail
    // stops at every lead byte.
    if (rfind_text(std::string_view(input.data(), input.size()), "个方面") == std::string_view::npos) return;
    if (!RE2::PartialMatch(input, heading_pattern(), &number)) return;
    const int announced = parse_count(std::string_view(number.data(), number.size()));
    if (announced < 2) return;
    int level = 0;
    int found = 0;
    for (const Node& c : node.children) {
      if (!c.numbering) continue;
      if (level == 0) level = c.numbering->marker.level;
      if (c.numbering->marker.level == level) ++found;
    }
    if (found == 0 || found == announced) return;
    const auto begin = static_cast<std::size_t>(number.data() - s.data());
    report(ctx, {begin, begin + number.size()}, announced, found, nullptr);
  }

  /// Counts the list that follows the announcement; false when no list follows.
  static bool check_items(CheckContext& ctx, const Node& owner, const Announcement& a, std::size_t text_end) {
    const std::string_view s = ctx.doc().text.bytes();
    // The list must begin right after the colon: in the same paragraph, or on the next lines.
    const bool colon_ends_text = s.substr(a.after, text_end - a.after).find_first_not_of(" \t") == std::string_view::npos;
    int found = 0;
    const Node* last = nullptr;
    std::optional<ItemScheme> scheme;
    int heading_level = 0;
    for (const Node& c : owner.children) {
      if (c.range.begin < a.after) continue;
      if (c.kind == NodeKind::Item) {
        if (heading_level != 0) break;
        if (found == 0) {
          const bool adjacent = colon_ends_text || c.range.begin - a.after <= 3;
          if (!adjacent || c.item->ordinal != 1) return false;
          scheme = c.item->scheme;
        } else if (c.item->ordinal == 1 || c.item->scheme != *scheme) {
          break;
        }
        ++found;
        last = &c;
      } else if (c.numbering && colon_ends_text && !scheme) {
        if (heading_level == 0) heading_level = c.numbering->marker.level;
        if (c.numbering->marker.level != heading_level) continue;
        ++found;
        last = &c;
      }
    }
    if (found == 0) return false;
    if (found != a.count) report(ctx, a.range, a.count, found, last);
    return true;
  }

  static void report(CheckContext& ctx, ByteRange at, int announced, int found, const Node* last) {
    auto& d = ctx.report(at, fmt::format(fmt::runtime(ctx.tr("此处称有{}项，但随后列出了{}项",
                                                             "announces {} items but {} follow")),
                                         announced, found));
    if (last != nullptr) {
      const ByteRange where = last->numbering ? ByteRange(last->numbering->range)
                                              : ByteRange{last->item->offset, last->item->offset + last->item->length};
      d.notes.push_back({where, ctx.tr("列出的最后一项在此", "the last item listed is here")});
    }
  }
};

}  // namespace

const Check& numbering_count_check() {
  static const NumberingCount check;
  return check;
}

}  // namespace checklint
