#include "linter/analysis/analysis.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

#include "linter/analysis/similarity.h"

namespace checklint {
namespace {

/// A text to look for many phrases in (a heading against every phrase of a rule set's parts,
/// an answer against every aspect's keywords), with the characters it holds: the first three
/// bytes of each, hashed into 256 bits. A phrase whose first three bytes are not among them
/// cannot occur in the text, and most phrases are ruled out so, without a search: find() stops
/// at every byte of the text equal to the phrase's first, and most Han characters begin with
/// E4–E9. Built once per text; contains() answers as text.find(phrase) != npos would.
class PhraseTarget {
 public:
  explicit PhraseTarget(std::string_view text) : text_(text) {
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
      // A phrase begins with a lead byte (or ASCII), so it can only occur where one is.
      if (!is_continuation(text[i])) {
        const unsigned slot = slot_of(text, i);
        bits_.at(slot / 64U) |= std::uint64_t{1} << (slot % 64U);
      }
    }
  }

  /// The slot contains() tests for `phrase` (-1: none), for a caller that asks many texts about
  /// the same phrases to work out once.
  static int slot_for(std::string_view phrase) {
    return phrase.size() >= 3 && !is_continuation(phrase[0]) ? static_cast<int>(slot_of(phrase, 0)) : -1;
  }

  [[nodiscard]] bool contains(std::string_view phrase) const { return contains(phrase, slot_for(phrase)); }

  /// contains(phrase), given slot_for(phrase).
  [[nodiscard]] bool contains(std::string_view phrase, int slot) const {
    // A phrase longer than the text is ruled out before its bytes are hashed (a heading against
    // the long phrases of the parts).
    if (phrase.empty() || phrase.size() > text_.size()) return false;
    if (slot >= 0) {
      const auto bit = static_cast<unsigned>(slot);
      if ((bits_.at(bit / 64U) & (std::uint64_t{1} << (bit % 64U))) == 0) return false;
    }
    return find_text(text_, phrase) != std::string_view::npos;
  }

 private:
  static bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

  /// The bytes at i, i + 1, i + 2 hashed to 0 … 255.
  static unsigned slot_of(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k])); };
    const std::uint32_t three = byte(0) | (byte(1) << 8U) | (byte(2) << 16U);
    return (three * 0x9E3779B1U) >> 24U;
  }

  std::string_view text_;
  std::array<std::uint64_t, 4> bits_{};
};

bool is_section(const Node& node) { return node.kind == NodeKind::Numbered || node.kind == NodeKind::Heading; }

/// The order in which role_of_heading() tries the roles' phrases.
constexpr std::array<PartRole, kPartRoleCount> kPartPriority = {PartRole::Closing,  PartRole::Cases,       PartRole::Followup,
                                                                PartRole::Causes,   PartRole::Measures,    PartRole::Preparation,
                                                                PartRole::Problems};

/// The phrases of a rule set's part headings in the order role_of_heading() tries them (the
/// roles by priority), each with its role and its slot (PhraseTarget::slot_for): made once for
/// all of a draft's top-level headings in analyse(), which were each tested against every phrase
/// with the phrase's slot worked out anew. role_of_heading() is this for one heading.
class HeadingRoles {
 public:
  explicit HeadingRoles(const RuleSet& rules) {
    std::size_t count = 0;
    for (const PartSpec& spec : rules.parts) count += spec.headings.size();
    phrases_.reserve(count);
    for (PartRole role : kPartPriority) {
      const auto& spec = rules.part(role);
      if (!spec.defined) continue;
      for (const auto& phrase : spec.headings) phrases_.push_back({phrase, PhraseTarget::slot_for(phrase), role});
    }
  }

  [[nodiscard]] std::optional<PartRole> of(std::string_view heading) const {
    const PhraseTarget text(heading);
    for (const auto& phrase : phrases_) {
      if (text.contains(phrase.text, phrase.slot)) return phrase.role;
    }
    return std::nullopt;
  }

 private:
  struct Phrase {
    std::string_view text;
    int slot;
    PartRole role;
  };
  std::vector<Phrase> phrases_;
};

/// Subsections of a part, or its items when it has none, or the part itself.
std::vector<const Node*> units_of(const Node& part) {
  std::vector<const Node*> units;
  for (const Node& child : part.children) {
    if (is_section(child)) units.push_back(&child);
  }
  if (!units.empty()) return units;
  for (const Node& child : part.children) {
    if (child.kind == NodeKind::Item) units.push_back(&child);
  }
  if (units.empty()) units.push_back(&part);
  return units;
}

/// The aspect a problem heading names: the longest matching name or alias wins (the first
/// of equally long ones).
std::optional<std::size_t> dimension_of(const PhraseTarget& heading, const std::vector<DimensionSpec>& dims) {
  std::optional<std::size_t> best;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const auto consider = [&](std::string_view phrase) {
      // The length first: a phrase no longer than the best so far needs no search.
      if (phrase.size() > best_length && heading.contains(phrase)) {
        best = i;
        best_length = phrase.size();
      }
    };
    consider(dims[i].name);
    for (const auto& alias : dims[i].aliases) consider(alias);
  }
  return best;
}

/// The problem units' headings, each made ready once for the aspects of every set compared.
std::vector<PhraseTarget> problem_headings(const Document& doc, const std::vector<ProblemUnit>& units) {
  std::vector<PhraseTarget> headings;
  headings.reserve(units.size());
  for (const auto& unit : units) headings.emplace_back(doc.text.slice(unit.node->heading));
  return headings;
}

std::size_t coverage(const std::vector<PhraseTarget>& headings, const std::vector<DimensionSpec>& dims) {
  std::vector<bool> seen(dims.size(), false);
  for (const auto& heading : headings) {
    if (auto d = dimension_of(heading, dims)) seen[*d] = true;
  }
  return static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true));
}

void map_problems(const std::vector<PhraseTarget>& headings, Analysis& a) {
  for (std::size_t i = 0; i < a.problems.size(); ++i) a.problems[i].dimension = dimension_of(headings[i], a.dimensions);
}

/// Aspects whose keyword lists (plus name and aliases) appear in an answer's outline text.
std::vector<std::size_t> answered_by_keywords(std::string_view answer, const std::vector<DimensionSpec>& dims, bool causes) {
  const PhraseTarget text(answer);
  const auto in_text = [&](const std::string& w) { return text.contains(w); };
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const auto& d = dims[i];
    const auto& words = causes ? d.causes : d.measures;
    const bool hit = std::any_of(words.begin(), words.end(), in_text) || text.contains(d.name) ||
                     std::any_of(d.aliases.begin(), d.aliases.end(), in_text);
    if (hit) out.push_back(i);
  }
  return out;
}

/// What a measure says it is about: its heading and its items' headings or,
/// when it has no items, its heading and the first sentence after it.
std::string answer_text(const Document& doc, const Node& unit) {
  std::string text = outline_text(doc, unit);
  const bool items = std::any_of(unit.children.begin(), unit.children.end(), [](const Node& c) { return c.kind == NodeKind::Item; });
  if (items || unit.body.empty()) return text;
  const std::string_view body = doc.text.slice(unit.body);
  return text + "，" + std::string(body.substr(0, std::min(body.find("。"), body.size())));
}

/// Draft-declared aspects: an answer covers a problem when one of the problem's key phrases
/// (`phrases`, by problem) appears in it.
std::vector<std::size_t> answered_by_content(const Document& doc, const Node& answer, const Analysis& a,
                                             const std::vector<std::set<std::string>>& phrases) {
  const std::string full = full_text(doc, answer);
  const PhraseTarget text(full);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    const auto& unit = a.problems[i];
    if (!unit.dimension) continue;
    if (std::any_of(phrases[i].begin(), phrases[i].end(), [&](const std::string& p) { return text.contains(p); })) {
      out.push_back(*unit.dimension);
    }
  }
  return out;
}

/// `phrases`: the problems' key phrases, by problem (read when `by_content`).
void collect_answers(const Document& doc, const Node* part, bool causes, bool by_content, Analysis& a,
                     const std::vector<std::set<std::string>>& phrases) {
  if (part == nullptr) return;
  auto& list = causes ? a.causes : a.measures;
  for (const Node* unit : units_of(*part)) {
    AnswerUnit answer{unit, {}};
    if (by_content) {
      answer.dimensions = answered_by_content(doc, *unit, a, phrases);
    } else {
      // A part written as plain paragraphs is one unit: all its text says what it answers.
      const std::string text = unit == part ? full_text(doc, *unit) : outline_text(doc, *unit);
      answer.dimensions = answered_by_keywords(text, a.dimensions, causes);
      // A measure headed 筑牢思想根基 says in its first sentence what it is about;
      // a cause's first sentence ranges over everything, so causes keep to the outline.
      if (answer.dimensions.empty() && !causes) {
        answer.dimensions = answered_by_keywords(answer_text(doc, *unit), a.dimensions, causes);
      }
    }
    list.push_back(std::move(answer));
  }
}

/// "围绕……等六方面内容": the aspects a preamble announces, split at top-level 、.
std::vector<std::string> announced_aspects(const Document& doc) {
  for (const Node& node : doc.root.children) {
    if (node.kind != NodeKind::Preamble) continue;
    for (std::size_t p : node.paragraphs) {
      const std::string_view line = doc.text.slice(doc.lines[p].content);
      const auto around = line.find("围绕");
      if (around == std::string_view::npos) continue;
      const auto etc = line.find("等", around);
      if (etc == std::string_view::npos || line.substr(etc).find("方面") > 15) continue;
      std::string_view list = line.substr(around + 6, etc - around - 6);
      if (list.starts_with("“") && list.ends_with("”")) list = list.substr(3, list.size() - 6);
      std::vector<std::string> items(1);
      int depth = 0;
      for (std::size_t i = 0; i < list.size();) {
        if (list.substr(i).starts_with("“")) ++depth;
        if (list.substr(i).starts_with("”")) depth = std::max(0, depth - 1);
        if (depth == 0 && list.substr(i).starts_with("、")) {
          items.emplace_back();
          i += 3;
          continue;
        }
        items.back() += list[i];
        ++i;
      }
      // 形式主义、官僚主义 is one aspect: while there are more pieces than the
      // announced count, the shortest piece joins the one before it.
      std::erase_if(items, [](const std::string& item) { return item.empty(); });
      std::size_t count_len = 0;
      std::optional<int> count = parse_chinese_numeral(line.substr(etc + 3), count_len);
      if (!count && etc + 3 < line.size() && line[etc + 3] >= '1' && line[etc + 3] <= '9') count = line[etc + 3] - '0';
      while (count && items.size() > static_cast<std::size_t>(*count) && items.size() > 1) {
        // Two pieces of one kind (形式主义、官僚主义: the same last two characters)
        // are the likeliest pair; otherwise the shortest piece joins the one before it.
        auto join = std::adjacent_find(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
          return a.size() >= 6 && b.size() >= 6 && a.substr(a.size() - 6) == b.substr(b.size() - 6);
        });
        if (join != items.end()) {
          ++join;
        } else {
          join = std::min_element(items.begin() + 1, items.end(), [](const std::string& a, const std::string& b) {
            return char_count(a) < char_count(b);
          });
        }
        *std::prev(join) += "、" + *join;
        items.erase(join);
      }
      std::vector<std::string> merged = std::move(items);
      return merged;
    }
  }
  return {};
}

/// The problem subsections of a problems part.
void add_problems(const Node& part, Analysis& a) {
  for (const Node* unit : units_of(part)) {
    if (unit != &part) a.problems.push_back({unit, std::nullopt});
  }
}

/// Recognises the top-level parts and lists the problem subsections.
void collect_problems(const Document& doc, const RuleSet& rules, Analysis& a) {
  const HeadingRoles roles(rules);
  for (const Node& node : doc.root.children) {
    if (!is_section(node)) continue;
    if (auto role = roles.of(doc.text.slice(node.heading))) {
      a.parts.push_back({*role, &node});
    } else {
      a.other_sections.push_back(&node);
    }
  }
  if (const Part* problems = a.find(PartRole::Problems)) add_problems(*problems->node, a);
}

}  // namespace

const Part* Analysis::find(PartRole role) const {
  for (const auto& part : parts) {
    if (part.role == role) return &part;
  }
  return nullptr;
}

std::optional<PartRole> role_of_heading(std::string_view heading, const RuleSet& rules) {
  return HeadingRoles(rules).of(heading);
}

std::string outline_text(const Document& doc, const Node& node) {
  std::string text(doc.text.slice(node.heading));
  for (const Node& child : node.children) {
    if (child.kind == NodeKind::Item) {
      text += "，";
      text += doc.text.slice(child.heading);
    }
  }
  return text;
}

std::string full_text(const Document& doc, const Node& node) {
  return without_book_titles(doc.text.slice(node.range));
}

Coverage dimension_coverage(const Document& doc, const RuleSet& rules) {
  // Only the first problems part counts (Analysis::find): the sections after it need no role.
  Analysis a;
  const HeadingRoles roles(rules);
  for (const Node& node : doc.root.children) {
    if (is_section(node) && roles.of(doc.text.slice(node.heading)) == PartRole::Problems) {
      add_problems(node, a);
      break;
    }
  }
  return {coverage(problem_headings(doc, a.problems), rules.dimensions), a.problems.size()};
}

Analysis analyse(const Document& doc, const RuleSet& rules) {
  Analysis a;
  collect_problems(doc, rules, a);
  const bool from_draft = rules.dimensions_from_draft;
  if (from_draft) {
    a.dimension_frame = "draft";
    a.announced = announced_aspects(doc);
    for (std::size_t i = 0; i < a.problems.size(); ++i) {
      std::string name(doc.text.slice(a.problems[i].node->heading));
      if (name.ends_with("方面")) name.resize(name.size() - 6);
      a.dimensions.push_back(DimensionSpec{"aspect-" + std::to_string(i + 1), name, {}, {}, {}});
      a.problems[i].dimension = i;
    }
  } else {
    a.dimension_frame = rules.id;
    a.dimensions = rules.dimensions;
    const std::vector<PhraseTarget> headings = problem_headings(doc, a.problems);
    map_problems(headings, a);
    // Does the draft follow another theme's aspects better than the declared one's?
    const std::size_t own = coverage(headings, rules.dimensions);
    if (!rules.dimensions.empty() && a.problems.size() >= 2) {
      const RuleSet* best = nullptr;
      std::size_t best_cover = own;
      for (const RuleSet& other : builtin_rulesets()) {
        if (other.id == rules.id || other.dimensions.empty()) continue;
        const std::size_t cover = coverage(headings, other.dimensions);
        if (cover > best_cover && cover * 3 >= a.problems.size() * 2) {
          best = &other;
          best_cover = cover;
        }
      }
      if (best != nullptr) {
        ThemeMismatch m;
        m.actual = best;
        for (const auto& unit : a.problems) m.found.emplace_back(doc.text.slice(unit.node->heading));
        for (std::size_t i = 0; i < rules.dimensions.size(); ++i) {
          const bool covered = std::any_of(a.problems.begin(), a.problems.end(), [&](const ProblemUnit& u) { return u.dimension == i; });
          if (!covered) m.missing.push_back(rules.dimensions[i].name);
        }
        a.mismatch = std::move(m);
        // Linkage is then judged within the draft's own frame.
        a.dimensions = best->dimensions;
        a.dimension_frame = best->id;
        map_problems(headings, a);
      }
    }
  }
  const Part* causes = a.find(PartRole::Causes);
  const Part* measures = a.find(PartRole::Measures);
  // The problems' key phrases, once for all the answers that draft-declared aspects compare.
  std::vector<std::set<std::string>> phrases;
  if (from_draft && (causes != nullptr || measures != nullptr)) {
    for (const auto& unit : a.problems) phrases.push_back(key_phrases(doc.text.slice(unit.node->heading)));
  }
  collect_answers(doc, causes ? causes->node : nullptr, true, from_draft, a, phrases);
  collect_answers(doc, measures ? measures->node : nullptr, false, from_draft, a, phrases);
  a.suppressions = find_suppressions(doc);
  return a;
}

}  // namespace checklint
