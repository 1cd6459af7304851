// numbering/sequence: gaps, repeats, out-of-order numbers among siblings, and
// lists that do not start at one — for heading numbers and for 一是/第一 items.
#include <algorithm>

#include "linter/checks/check.h"

namespace checklint {
namespace {

struct Entry {
  const Node* node;
  int ordinal;
  ByteRange range;     // where the number is written
  std::string expected_text;  // how the expected number is written (filled per entry)
};

class NumberingSequence final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"numbering/sequence",
                               Severity::Error,
                               "同级序号不连续、重复、颠倒或不从一开始（含“一是…二是…”）",
                               "Sibling numbers with gaps, repeats, wrong order or not starting at one",
                               "linter/checks/numbering_sequence.md",
                               {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    // One list of a node's children, kept for the next node: most nodes have a few children
    // or none, and a buffer made anew for each node costs more than the walk.
    std::vector<const Node*> list;
    walk(ctx.doc().root, [&](const Node& node) {
      if (node.children.empty()) return;
      check_headings(ctx, node, list);
      check_items(ctx, node, list);
    });
  }

 private:
  static void check_headings(CheckContext& ctx, const Node& parent, std::vector<const Node*>& numbered) {
    // Siblings that mix levels (（1）（2）3.) are one list written two ways:
    // numbering/hierarchy reports the mix, the ordinals are checked together.
    // Numbers before any higher level at the top are left to numbering/hierarchy.
    numbered.clear();
    int top_level = 5;
    for (const Node& child : parent.children) {
      if (child.numbering) top_level = std::min<int>(top_level, child.numbering->marker.level);
    }
    bool seen_top = false;
    for (const Node& child : parent.children) {
      if (!child.numbering) continue;
      const int level = child.numbering->marker.level;
      seen_top = seen_top || level == top_level;
      if (parent.kind == NodeKind::Document && !seen_top) continue;
      numbered.push_back(&child);
    }
    if (numbered.empty()) return;
    const int level = numbered.front()->numbering->marker.level;
    const bool mixed = std::any_of(numbered.begin(), numbered.end(), [level](const Node* n) { return n->numbering->marker.level != level; });
    // A mix is checked as one list, spelt at its first level; a list of one level if the level is one of the four.
    if (mixed || (level >= 1 && level <= 4)) {
      check_run(ctx, numbered, [level](int ordinal) { return canonical_marker(level, ordinal); });
    }
  }

  static void check_items(CheckContext& ctx, const Node& parent, std::vector<const Node*>& run) {
    run.clear();
    auto flush = [&] {
      if (run.empty()) return;
      const ItemScheme scheme = run.front()->item->scheme;
      check_run(ctx, run, [scheme](int ordinal) { return item_marker_text(scheme, ordinal); });
      run.clear();
    };
    for (const Node& child : parent.children) {
      if (child.kind != NodeKind::Item) continue;
      const ItemMarker& m = *child.item;
      if (m.scheme == ItemScheme::Sequence && m.ordinal == 0) {  // 最后 closes a list
        flush();
        continue;
      }
      // A new list starts at its first item, or where the scheme changes —
      // unless the new scheme carries on the count (一是、二是、第三: a mix
      // numbering/hierarchy reports, not a new list).
      const bool continues = m.ordinal == static_cast<int>(run.size()) + 1;
      if (!run.empty() && (m.ordinal == 1 || (m.scheme != run.front()->item->scheme && !continues))) flush();
      run.push_back(&child);
    }
    flush();
  }

  static int ordinal_of(const Node& n) { return n.numbering ? n.numbering->marker.ordinal : n.item->ordinal; }
  static ByteRange marker_range(const Node& n) {
    if (n.numbering) return n.numbering->range;
    return {n.item->offset, n.item->offset + n.item->length};
  }

  /// Renumbering is unambiguous when, from `from` on, the numbers still count up
  /// one by one (一、二、四、五、: every later number is off by the same amount).
  template <typename Spell>
  static void renumber(Diagnostic& d, const std::vector<const Node*>& run, std::size_t from, int expected, Spell spell) {
    for (std::size_t k = from + 1; k < run.size(); ++k) {
      if (ordinal_of(*run[k]) != ordinal_of(*run[k - 1]) + 1) return;
    }
    for (std::size_t k = from; k < run.size(); ++k) {
      d.fixes.push_back({marker_range(*run[k]), spell(expected + static_cast<int>(k - from)), true});
    }
  }

  template <typename Spell>
  static void check_run(CheckContext& ctx, const std::vector<const Node*>& run, Spell spell) {
    int expected = 1;
    const Node* previous = nullptr;
    for (std::size_t index = 0; index < run.size(); ++index) {
      const Node* node = run[index];
      const int ordinal = ordinal_of(*node);
      if (ordinal != expected) {
        const std::string_view written = ctx.doc().text.slice(marker_range(*node));
        std::string message;
        if (previous == nullptr) {
          message = fill_message(ctx.tr("编号应从“{}”开始，此处为“{}”", "numbering should start at '{}', not '{}'"), {spell(1), written});
        } else if (ordinal == ordinal_of(*previous)) {
          message = fill_message(ctx.tr("序号“{}”重复，此处应为“{}”", "number '{}' is repeated; expected '{}'"), {written, spell(expected)});
        } else if (ordinal < expected) {
          message = fill_message(ctx.tr("序号顺序颠倒：“{}”出现在“{}”之后", "numbers out of order: '{}' comes after '{}'"),
                               {written, ctx.doc().text.slice(marker_range(*previous))});
        } else {
          message = fill_message(ctx.tr("序号不连续：此处应为“{}”，实为“{}”", "gap in numbering: expected '{}', found '{}'"),
                               {spell(expected), written});
        }
        const bool gap = ordinal > expected;  // a gap or a late start, not a repeat or a swap
        auto& d = ctx.report(marker_range(*node), std::move(message));
        if (previous != nullptr) {
          d.notes.push_back({marker_range(*previous), ctx.tr("上一个同级序号在此", "the previous number is here")});
        }
        if (gap) renumber(d, run, index, expected, spell);
      }
      // After a swap (（三）（二）) the count resumes from the highest number seen.
      expected = std::max(expected, ordinal + 1);
      previous = node;
    }
  }
};

}  // namespace

const Check& numbering_sequence_check() {
  static const NumberingSequence check;
  return check;
}

}  // namespace checklint
