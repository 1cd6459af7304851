// numbering/hierarchy: a numbering level used before its parent level, a level
// skipped where the document uses the level in between, and siblings that mix
// schemes (（一） beside 1., 一是 beside 第一).
#include <array>

#include <fmt/format.h>

#include "linter/checks/check.h"

namespace checklint {
namespace {

constexpr std::array<const char*, 5> kExample = {"", "一、", "（一）", "1.", "（1）"};

/// Which numbering levels the document uses, and where each first appears.
struct Levels {
  std::array<bool, 5> used{};
  std::array<std::size_t, 5> first{};

  /// The higher level a top-level number at `offset` comes before, if any.
  [[nodiscard]] int missing_parent(int level, std::size_t offset) const {
    for (int above = 1; above < level; ++above) {
      const auto a = static_cast<std::size_t>(above);
      if (used.at(a) && first.at(a) > offset) return above;
    }
    return 0;
  }
};

class NumberingHierarchy final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"numbering/hierarchy",
                               Severity::Warning,
                               "序号层级错误：下级序号出现在上级之前、跳级使用、同级混用不同序号",
                               "Numbering level used before its parent, skipped, or mixed among siblings",
                               "linter/checks/numbering_hierarchy.md",
                               {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    Levels levels;
    walk(ctx.doc().root, [&](const Node& n) {
      if (!n.numbering) return;
      const auto level = static_cast<std::size_t>(n.numbering->marker.level);
      if (!levels.used.at(level)) levels.first.at(level) = n.numbering->range.begin;
      levels.used.at(level) = true;
    });
    check_node(ctx, ctx.doc().root, nullptr, levels);
  }

 private:
  static std::string written(const CheckContext& ctx, const Node& n) {
    return std::string(ctx.doc().text.slice(n.numbering->range));
  }

  /// `numbered_parent` is the nearest ancestor that is a numbered section or a Markdown heading.
  static void check_node(CheckContext& ctx, const Node& node, const Node* numbered_parent, const Levels& levels) {
    check_mixed_levels(ctx, node, numbered_parent == nullptr ? &levels : nullptr);
    check_mixed_items(ctx, node);
    for (const Node& child : node.children) {
      if (child.numbering) check_parent(ctx, child, numbered_parent, levels);
      const bool opens = child.kind == NodeKind::Numbered || child.kind == NodeKind::Heading;
      check_node(ctx, child, opens ? &child : numbered_parent, levels);
    }
  }

  static void check_parent(CheckContext& ctx, const Node& child, const Node* parent, const Levels& levels) {
    const int level = child.numbering->marker.level;
    if (parent == nullptr) {
      // At the top: fine unless a higher level the document uses comes only later.
      if (const int above = levels.missing_parent(level, child.numbering->range.begin); above > 0) {
        ctx.report(child.numbering->range,
                   fmt::format(fmt::runtime(ctx.tr("第{}层序号“{}”出现在任何“{}”级标题之前，缺少上级序号",
                                                   "level {} number '{}' appears before any '{}' level heading")),
                               level, written(ctx, child), kExample.at(static_cast<std::size_t>(above))));
      }
      return;
    }
    if (!parent->numbering) return;  // under a plain Markdown heading any level may start
    const int parent_level = parent->numbering->marker.level;
    for (int between = parent_level + 1; between < level; ++between) {
      if (!levels.used.at(static_cast<std::size_t>(between))) continue;
      auto& d = ctx.report(
          child.numbering->range,
          fmt::format(fmt::runtime(ctx.tr("跳级使用序号：“{}”直接位于“{}”之下，而本文使用了“{}”一级",
                                          "skipped level: '{}' sits directly under '{}' although the document uses the '{}' level")),
                      written(ctx, child), written(ctx, *parent), kExample.at(static_cast<std::size_t>(between))));
      d.notes.push_back({parent->numbering->range, ctx.tr("上级序号在此", "the parent number is here")});
      return;
    }
  }

  /// `top` is given at the top level, where numbers before their parent level are
  /// check_parent's finding and take no part here.
  static void check_mixed_levels(CheckContext& ctx, const Node& parent, const Levels* top) {
    const auto counts = [&](const Node& c) {
      return c.numbering && (top == nullptr || top->missing_parent(c.numbering->marker.level, c.numbering->range.begin) == 0);
    };
    // Levels are 0 to 4 (kExample): counted in an array, not a map made for each node.
    std::array<int, kExample.size()> count{};
    std::size_t levels = 0;
    for (const Node& c : parent.children) {
      if (counts(c) && count.at(static_cast<std::size_t>(c.numbering->marker.level))++ == 0) ++levels;
    }
    if (levels < 2) return;
    // The majority level wins (the lowest of equals); the first child of each other level is reported.
    int major = 0;
    int best = 0;
    for (std::size_t level = 0; level < count.size(); ++level) {
      if (count.at(level) > best) {
        best = count.at(level);
        major = static_cast<int>(level);
      }
    }
    const Node* first_major = nullptr;
    for (const Node& c : parent.children) {
      if (counts(c) && c.numbering->marker.level == major) {
        first_major = &c;
        break;
      }
    }
    if (first_major == nullptr) return;
    std::array<bool, kExample.size()> reported{};
    for (const Node& c : parent.children) {
      if (!counts(c)) continue;
      const int level = c.numbering->marker.level;
      if (level == major || reported.at(static_cast<std::size_t>(level))) continue;
      reported.at(static_cast<std::size_t>(level)) = true;
      auto& d = ctx.report(c.numbering->range,
                           fmt::format(fmt::runtime(ctx.tr("同级序号混用：“{}”与同级的“{}”不是同一种序号",
                                                           "mixed numbering among siblings: '{}' beside '{}'")),
                                       written(ctx, c), written(ctx, *first_major)));
      d.notes.push_back({first_major->numbering->range, ctx.tr("同级的多数序号如此", "most siblings are numbered like this")});
    }
  }

  static void check_mixed_items(CheckContext& ctx, const Node& parent) {
    const Node* first = nullptr;
    for (const Node& c : parent.children) {
      if (c.kind != NodeKind::Item) continue;
      if (first == nullptr) {
        first = &c;
        continue;
      }
      if (c.item->scheme == first->item->scheme) continue;
      const ByteRange at{c.item->offset, c.item->offset + c.item->length};
      const ByteRange first_at{first->item->offset, first->item->offset + first->item->length};
      auto& d = ctx.report(at, fmt::format(fmt::runtime(ctx.tr("同一部分内混用条目序号：“{}”与“{}”不应混用",
                                                              "mixed item schemes in one section: '{}' and '{}'")),
                                           ctx.doc().text.slice(at), ctx.doc().text.slice(first_at)));
      d.notes.push_back({first_at, ctx.tr("本部分第一个条目在此", "the section's first item is here")});
      return;
    }
  }
};

}  // namespace

const Check& numbering_hierarchy_check() {
  static const NumberingHierarchy check;
  return check;
}

}  // namespace checklint
