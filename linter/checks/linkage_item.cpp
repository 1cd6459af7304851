// linkage/item: a problem item (一是…) that no measure answers by content,
// judged by how many of the character bigrams of the problem's summary
// sentence (filler such as 不够/存在 removed) recur in a measure; a note names
// the nearest measure.
#include <algorithm>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/analysis/similarity.h"
#include "linter/checks/check.h"

namespace checklint {
namespace {

struct Leaf {
  const Node* node;
  std::set<std::string> grams;
};

ByteRange marker_of(const Node& node) {
  if (node.item) return {node.item->offset, node.item->offset + node.item->length};
  if (node.numbering) return node.numbering->range;
  return node.heading;
}

class LinkageItem final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"linkage/item",
                               Severity::Info,
                               "问题条目在整改措施中找不到内容相近的措施",
                               "A problem item no measure answers by content",
                               "linter/checks/linkage_item.md",
                               {{"min_similarity", std::int64_t{25}, "问题概括句的字符二元组在最接近的措施中出现的比例（百分比）低于此值，即视为没有对应措施"}}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    const Analysis& a = ctx.analysis();
    std::vector<Leaf> measures;
    std::vector<std::vector<std::size_t>> answers;  // the aspects each leaf's measure answers
    for (const auto& unit : a.measures) {
      bool items = false;
      for (const Node& child : unit.node->children) {
        if (child.kind != NodeKind::Item) continue;
        items = true;
        // The measure's own subsection heading says what its items are about.
        measures.push_back({&child, bigrams(std::string(ctx.slice(unit.node->heading)) + "，" + full_text(ctx.doc(), child))});
        answers.push_back(unit.dimensions);
      }
      if (!items) {
        measures.push_back({unit.node, bigrams(full_text(ctx.doc(), *unit.node))});
        answers.push_back(unit.dimensions);
      }
    }
    if (measures.empty()) return;
    const double threshold = static_cast<double>(ctx.config().integer("min_similarity")) / 100.0;
    for (const auto& unit : a.problems) {
      // Only measures that answer the item's aspect count; an aspect with no
      // measure at all is linkage/measure's finding, not this one's.
      std::vector<const Leaf*> candidates;
      for (std::size_t i = 0; i < measures.size(); ++i) {
        const bool same = unit.dimension && std::find(answers[i].begin(), answers[i].end(), *unit.dimension) != answers[i].end();
        if (same || !unit.dimension) candidates.push_back(&measures[i]);
      }
      if (candidates.empty()) continue;
      for (const Node& item : unit.node->children) {
        if (item.kind != NodeKind::Item) continue;
        const auto grams = content_bigrams(ctx.slice(item.heading));
        if (grams.size() < 2) continue;  // too short a summary to judge
        const Leaf* nearest = nullptr;
        double best = -1.0;
        for (const Leaf* leaf : candidates) {
          const double score = containment(grams, leaf->grams);
          if (score > best) {
            best = score;
            nearest = leaf;
          }
        }
        if (best >= threshold || nearest == nullptr) continue;
        auto& d = ctx.report(marker_of(item),
                             fmt::format(fmt::runtime(ctx.tr("问题“{}”在整改措施中找不到内容相近的措施（最高相似度 {}%）",
                                                             "no measure answers the problem '{}' by content (best similarity {}%)")),
                                         ctx.slice(item.heading), static_cast<int>(best * 100)));
        d.notes.push_back({marker_of(*nearest->node), ctx.tr("最接近的措施在此", "the nearest measure is here")});
      }
    }
  }
};

}  // namespace

const Check& linkage_item_check() {
  static const LinkageItem check;
  return check;
}

}  // namespace checklint
