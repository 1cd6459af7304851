// Kind `enumeration`: a fixed formulation whose expansion, where written out,
// must be in order — and complete where the name introduces it
// (四个意识：政治意识、大局意识、核心意识、看齐意识).
//   sets = { "四个意识" = ["政治意识", "大局意识", "核心意识", "看齐意识"] }
#include <algorithm>
#include <bitset>
#include <span>

#include <fmt/format.h>

#include "linter/checks/kinds/kind.h"
#include "linter/source/literals.h"

namespace checklint {
namespace {

constexpr std::array<std::string_view, 7> kSeparators = {"、", "，", "和", "及", "与", "以及", ","};
constexpr std::array<std::string_view, 4> kQuotes = {"“", "”", "‘", "’"};
// A comma does not introduce: 对照“四个意识”，核心意识、看齐意识树得不牢 names two of them on purpose.
constexpr std::array<std::string_view, 9> kIntroducers = {"“", "”", "（", "：", "，即", "，也就是", "即", "是", "）"};

/// The first two bytes at `at` (< text.size()), hashed into 1,024 bits: a Chinese character's
/// lead byte and the next, which tell apart the 64 characters the lead byte and the 6 low bits of
/// its second byte name. Past the end the second byte is taken as 0.
std::size_t head_key(unsigned char first, unsigned char second) {
  return ((static_cast<std::size_t>(first) << 6U) ^ second) & 1023U;
}
std::size_t head_key(std::string_view text, std::size_t at) {
  return head_key(static_cast<unsigned char>(text[at]), at + 1 < text.size() ? static_cast<unsigned char>(text[at + 1]) : 0);
}

struct Set {
  Set(std::string name_, std::vector<std::string> elements_) : name(std::move(name_)), elements(std::move(elements_)) {
    for (const auto& e : elements) {
      expected += (expected.empty() ? "" : "、") + e;
      if (e.size() > 1) {
        heads.set(head_key(static_cast<unsigned char>(e[0]), static_cast<unsigned char>(e[1])));
      } else {
        for (unsigned second = 0; second < 256; ++second) heads.set(head_key(static_cast<unsigned char>(e[0]), static_cast<unsigned char>(second)));
      }
    }
  }
  std::string name;
  std::vector<std::string> elements;
  std::string expected;       // the elements in order, joined by 、 (built once, not per run)
  std::bitset<1024> heads;  // the head_key of every element: where none is, no element starts
};

/// Whether `word` is written at `at` (<= text.size()). Compared byte by byte inline: the words
/// asked here (separators, introducers, elements) are short and almost always differ in their
/// first bytes, where a call to memcmp for each would cost more than the comparison.
bool written_at(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (text[at + k] != word[k]) return false;
  }
  return true;
}

/// Skips separators (and closing/opening quotes) from `at`.
std::size_t skip_separators(std::string_view text, std::size_t at, std::size_t end) {
  for (bool moved = true; moved && at < end;) {
    moved = false;
    for (auto sep : kSeparators) {
      if (written_at(text, at, sep)) {
        at += sep.size();
        moved = true;
      }
    }
    for (auto q : kQuotes) {
      if (written_at(text, at, q)) {
        at += q.size();
        moved = true;
      }
    }
  }
  return at;
}

class EnumerationRule final : public TextRule {
 public:
  explicit EnumerationRule(std::vector<Set> sets) : sets_(std::move(sets)), elements_(all_elements(sets_)) {}

  void run(TextContext& ctx) const override {
    // Where the elements of all sets start in the view, found in one pass (literal_starts): runs
    // start only there. Elements are rare, so only the paragraphs holding a start are visited
    // (found by bisection among the chunks, which are in order and disjoint) rather than every
    // paragraph for every set; within one, the sets are checked in order over its few starts.
    const TextView& view = ctx.view();
    const std::vector<CompactRange>& chunks = view.chunks();
    std::vector<std::size_t> starts;
    view.literal_starts(elements_, starts);
    std::vector<std::size_t> local;  // the starts in one paragraph, as offsets in it
    std::vector<int> run;            // reused by every run of every paragraph
    auto chunk = chunks.begin();
    for (auto first = starts.begin(); first != starts.end();) {
      // Every start lies in a chunk.
      chunk = std::partition_point(chunk, chunks.end(), [&](const CompactRange& c) { return c.end <= *first; });
      const auto last = std::partition_point(first, starts.end(), [&](std::size_t at) { return at < chunk->end; });
      local.clear();
      for (auto at = first; at != last; ++at) local.push_back(*at - chunk->begin);
      const ViewChunk paragraph = view.chunk(static_cast<std::size_t>(chunk - chunks.begin()));
      for (const auto& set : sets_) check_set(ctx, paragraph, set, local, run);
      first = last;
    }
  }

 private:
  static std::vector<std::string> all_elements(const std::vector<Set>& sets) {
    std::vector<std::string> out;
    for (const auto& set : sets) out.insert(out.end(), set.elements.begin(), set.elements.end());
    return out;
  }

  /// The element of `set` written at `at`, if any.
  static int element_at(std::string_view text, std::size_t at, const Set& set) {
    // A start is that of some element of some set, and every set is asked there: most are
    // answered by their bitmap of first two bytes without comparing any element.
    if (!set.heads.test(head_key(text, at))) return -1;
    for (std::size_t i = 0; i < set.elements.size(); ++i) {
      if (written_at(text, at, set.elements[i])) return static_cast<int>(i);
    }
    return -1;
  }

  /// Whether the set's name stands just before `at` in the paragraph `text` (allowing quotes,
  /// a colon, 即 …).
  static bool introduced(std::string_view text, std::size_t at, const Set& set) {
    std::size_t back = at;
    for (bool moved = true; moved && back > 0;) {
      moved = false;
      for (auto intro : kIntroducers) {
        if (back >= intro.size() && written_at(text, back - intro.size(), intro)) {
          back -= intro.size();
          moved = true;
        }
      }
    }
    return back >= set.name.size() && written_at(text, back - set.name.size(), set.name);
  }

  /// The runs of the set's elements in a paragraph; `starts` are those of all sets' elements in
  /// it (offsets in the paragraph, as are the runs').
  static void check_set(TextContext& ctx, const ViewChunk& chunk, const Set& set, std::span<const std::size_t> starts,
                        std::vector<int>& run) {
    const std::string_view text = chunk.text;
    std::size_t i = 0;
    for (const std::size_t run_begin : starts) {
      // The next start of one of this set's elements, past the run before.
      if (run_begin < i) continue;
      int e = element_at(text, run_begin, set);
      if (e < 0) continue;
      // A run of elements separated only by 、，和 ….
      run.clear();
      std::size_t run_end = run_begin;
      for (std::size_t at = run_begin; e >= 0;) {
        run.push_back(e);
        run_end = at + set.elements[static_cast<std::size_t>(e)].size();
        at = skip_separators(text, run_end, text.size());
        e = at < text.size() ? element_at(text, at, set) : -1;
      }
      i = run_end;
      report_run(ctx, chunk, set, run, run_begin, run_end);
    }
  }

  static void report_run(TextContext& ctx, const ViewChunk& chunk, const Set& set, const std::vector<int>& run,
                         std::size_t begin, std::size_t end) {
    const std::size_t base = chunk.range.begin;
    // The scope is asked last, only of a run to report: most runs are one element, unintroduced.
    if (run.size() >= 2 && !std::is_sorted(run.begin(), run.end())) {
      if (!ctx.in_scope(base + begin)) return;
      ctx.report(base + begin, base + end,
                 ctx.message({{"name", set.name}, {"expected", set.expected}}, "“{name}”的顺序应为：{expected}",
                             "the order of '{name}' is: {expected}"));
      return;
    }
    if (!introduced(chunk.text, begin, set)) return;
    std::vector<bool> seen(set.elements.size(), false);
    for (const int e : run) seen[static_cast<std::size_t>(e)] = true;
    if (std::find(seen.begin(), seen.end(), false) == seen.end() || !ctx.in_scope(base + begin)) return;
    std::string missing;
    for (std::size_t e = 0; e < set.elements.size(); ++e) {
      if (!seen[e]) missing += (missing.empty() ? "" : "、") + set.elements[e];
    }
    ctx.report(base + begin, base + end,
               ctx.message({{"name", set.name}, {"expected", set.expected}, {"missing", missing}},
                           "“{name}”的内容不完整，缺少：{missing}（应为：{expected}）",
                           "'{name}' is incomplete; missing: {missing} (it is: {expected})"));
  }

  std::vector<Set> sets_;
  LiteralStarts elements_;
};

class Enumeration final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "enumeration"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "固定提法展开时须完整、按序"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/enumeration.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    std::vector<Set> sets;
    for (auto& [name, elements] : table.list_map("sets")) {
      if (elements.size() < 2) table.fail("sets", "'" + name + "' needs at least two elements");
      // An empty element would be found everywhere, and a run of them would never end.
      if (std::find(elements.begin(), elements.end(), std::string()) != elements.end()) {
        table.fail("sets", "'" + name + "' has an empty element");
      }
      sets.emplace_back(name, elements);
    }
    if (sets.empty()) table.fail("sets", "an enumeration rule needs 'sets', e.g. { \"四个意识\" = [\"政治意识\", …] }");
    return std::make_shared<EnumerationRule>(std::move(sets));
  }
};

}  // namespace

const Kind& enumeration_kind() {
  static const Enumeration kind;
  return kind;
}

}  // namespace checklint
