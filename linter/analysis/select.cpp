#include "linter/analysis/select.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/source/literals.h"
#include "linter/source/text.h"

namespace checklint {
namespace {

constexpr std::int64_t kMinimumScore = 3;

/// The title and preamble lines, where a draft says what meeting it is for.
std::vector<ByteRange> opening_lines(const Document& doc) {
  std::vector<ByteRange> lines;
  for (const Node& node : doc.root.children) {
    if (node.kind == NodeKind::Title) lines.push_back(node.heading);
    if (node.kind == NodeKind::Preamble) {
      for (std::size_t p : node.paragraphs) lines.push_back(doc.lines[p].content);
    }
  }
  return lines;
}

}  // namespace

std::optional<ByteRange> find_evidence(const Document& doc, const RuleSet& rules) {
  std::optional<ByteRange> best;
  std::int64_t best_weight = 0;
  for (const ByteRange line : opening_lines(doc)) {
    const std::string_view text = doc.text.slice(line);
    for (const auto& [phrase, weight] : rules.detect) {
      const auto at = find_text(text, phrase);
      if (at != std::string_view::npos && weight > best_weight) {
        best = ByteRange{line.begin + at, line.begin + at + phrase.size()};
        best_weight = weight;
      }
    }
  }
  return best;
}

namespace {

/// Every detect phrase of the built-in sets, each once, with one search for all of them: the
/// preamble can be one huge paragraph, where a memmem per phrase of every set read it some forty times.
class DetectPhrases {
 public:
  DetectPhrases() {
    for (const RuleSet& set : builtin_rulesets()) {
      std::vector<std::size_t>& indices = by_set_.emplace_back();
      for (const auto& entry : set.detect) {
        const auto at = std::find(phrases_.begin(), phrases_.end(), entry.first);
        indices.push_back(static_cast<std::size_t>(at - phrases_.begin()));
        if (at == phrases_.end()) phrases_.push_back(entry.first);
      }
    }
    starts_.emplace(phrases_);
  }
  /// Which phrases (by index()) the lines hold.
  [[nodiscard]] std::vector<bool> found_in(const Document& doc, const std::vector<ByteRange>& lines) const {
    std::vector<bool> found(phrases_.size(), false);
    for (std::size_t k = 0; k < phrases_.size(); ++k) found[k] = phrases_[k].empty();  // as memmem finds ""
    for (const ByteRange line : lines) {
      const std::string_view text = doc.text.slice(line);
      for (const std::size_t start : starts_->in(text)) {
        for (std::size_t k = 0; k < phrases_.size(); ++k) {
          if (text.substr(start).starts_with(phrases_[k])) found[k] = true;
        }
      }
    }
    return found;
  }
  /// The index in found_in() of each detect phrase of builtin_rulesets()[set], in the order of its map.
  [[nodiscard]] const std::vector<std::size_t>& indices(std::size_t set) const { return by_set_.at(set); }

 private:
  std::vector<std::string> phrases_;
  std::vector<std::vector<std::size_t>> by_set_;  // per built-in set, worked out once, not per draft
  std::optional<LiteralStarts> starts_;
};

}  // namespace

Selection select_ruleset(const Document& doc) {
  static const DetectPhrases detect;
  const std::vector<bool> found = detect.found_in(doc, opening_lines(doc));
  Selection chosen;
  std::int64_t best = 0;
  std::string best_phrase;
  for (std::size_t number = 0; number < builtin_rulesets().size(); ++number) {
    const RuleSet& set = builtin_rulesets()[number];
    const std::vector<std::size_t>& indices = detect.indices(number);
    std::int64_t score = 0;
    std::string strongest;
    std::int64_t strongest_weight = 0;
    std::size_t entry = 0;
    for (const auto& [phrase, weight] : set.detect) {
      if (!found[indices[entry++]]) continue;
      score += weight;
      if (weight > strongest_weight) {
        strongest = phrase;
        strongest_weight = weight;
      }
    }
    if (score > best) {
      best = score;
      chosen.rules = &set;
      best_phrase = strongest;
    }
  }
  if (chosen.rules != nullptr && best >= kMinimumScore) {
    chosen.evidence = find_evidence(doc, *chosen.rules);
    chosen.reason_zh = fmt::format("根据标题和导语中的“{}”，选用规则集 {}（{}）", best_phrase, chosen.rules->id, chosen.rules->name);
    chosen.reason_en = fmt::format("chose rule set {} ({}) from the phrase “{}” in the title and preamble", chosen.rules->id,
                                   chosen.rules->name, best_phrase);
    return chosen;
  }
  // No phrase decides: a draft whose problem subsections name a set's aspects follows that set.
  const RuleSet* fitting = nullptr;
  Coverage best_fit;
  for (const RuleSet& set : builtin_rulesets()) {
    if (set.dimensions.empty()) continue;
    const Coverage c = dimension_coverage(doc, set);
    const bool fits = c.aspects >= 3 && c.aspects * 3 >= set.dimensions.size() * 2 && c.aspects * 3 >= c.units * 2;
    if (fits && c.aspects > best_fit.aspects) {
      fitting = &set;
      best_fit = c;
    }
  }
  if (fitting != nullptr) {
    chosen.rules = fitting;
    chosen.evidence = find_evidence(doc, *fitting);
    chosen.reason_zh = fmt::format("“存在的问题”各小标题与规则集 {}（{}）的 {} 个方面中的 {} 个一致，选用该规则集", fitting->id,
                                   fitting->name, fitting->dimensions.size(), best_fit.aspects);
    chosen.reason_en = fmt::format("the problem headings match {} of the {} aspects of rule set {} ({}); chose it", best_fit.aspects,
                                   fitting->dimensions.size(), fitting->id, fitting->name);
    return chosen;
  }
  for (const RuleSet& set : builtin_rulesets()) {
    if (set.id == "generic") chosen.rules = &set;
  }
  chosen.evidence.reset();
  chosen.reason_zh = "标题和导语未写明可识别的会议主题或年度，选用通用规则集 generic（以材料自述的方面为准）";
  chosen.reason_en = "the title and preamble name no known theme or year; chose the generic rule set (aspects as the draft declares them)";
  return chosen;
}

}  // namespace checklint
