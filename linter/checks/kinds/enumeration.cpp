// Kind `enumeration`: a fixed formulation whose expansion, where written out,
// must be in order — and complete where the name introduces it
// (四个意识：政治意识、大局意识、核心意识、看齐意识).
//   sets = { "四个意识" = ["政治意识", "大局意识", "核心意识", "看齐意识"] }
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "linter/checks/kinds/kind.h"
#include "linter/checks/literals.h"

namespace checklint {
namespace {

constexpr std::array<std::string_view, 7> kSeparators = {"、", "，", "和", "及", "与", "以及", ","};
// A comma does not introduce: 对照“四个意识”，核心意识、看齐意识树得不牢 names two of them on purpose.
constexpr std::array<std::string_view, 9> kIntroducers = {"“", "”", "（", "：", "，即", "，也就是", "即", "是", "）"};

struct Set {
  std::string name;
  std::vector<std::string> elements;
};

/// Skips separators (and closing/opening quotes) from `at`.
std::size_t skip_separators(std::string_view text, std::size_t at, std::size_t end) {
  for (bool moved = true; moved && at < end;) {
    moved = false;
    for (auto sep : kSeparators) {
      if (text.substr(at).starts_with(sep)) {
        at += sep.size();
        moved = true;
      }
    }
    for (std::string_view q : {"“", "”", "‘", "’"}) {
      if (text.substr(at).starts_with(q)) {
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
    // Where each set's elements start in the view, found for all sets in one pass: runs start
    // only there, so the scan jumps from one to the next instead of trying every element at
    // every byte. Chunks come in order, so each set's cursor only moves on.
    const std::string_view text = ctx.view().text();
    std::vector<std::vector<std::size_t>> starts(sets_.size());
    for (const std::size_t at : elements_.in(text)) {
      for (std::size_t s = 0; s < sets_.size(); ++s) {
        if (element_at(text, at, sets_[s]) >= 0) starts[s].push_back(at);
      }
    }
    std::vector<std::size_t> cursor(sets_.size(), 0);
    for (const ByteRange chunk : ctx.view().chunks()) {
      for (std::size_t s = 0; s < sets_.size(); ++s) {
        if (cursor[s] < starts[s].size() && starts[s][cursor[s]] < chunk.end) check_set(ctx, chunk, sets_[s], starts[s], cursor[s]);
      }
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
    for (std::size_t i = 0; i < set.elements.size(); ++i) {
      if (text.substr(at).starts_with(set.elements[i])) return static_cast<int>(i);
    }
    return -1;
  }

  /// Whether the set's name stands just before `at` (allowing quotes, a colon, 即 …).
  static bool introduced(std::string_view text, std::size_t chunk_begin, std::size_t at, const Set& set) {
    std::size_t back = at;
    for (bool moved = true; moved && back > chunk_begin;) {
      moved = false;
      for (auto intro : kIntroducers) {
        if (back - chunk_begin >= intro.size() && text.substr(back - intro.size(), intro.size()) == intro) {
          back -= intro.size();
          moved = true;
        }
      }
    }
    return back - chunk_begin >= set.name.size() && text.substr(back - set.name.size(), set.name.size()) == set.name;
  }

  /// The first offset >= `from` where an element of the set starts (npos if none): the
  /// first of its `starts` from `cursor` on, which moves past those before `from`.
  static std::size_t next_element(std::size_t from, const std::vector<std::size_t>& starts, std::size_t& cursor) {
    while (cursor < starts.size() && starts[cursor] < from) ++cursor;
    return cursor < starts.size() ? starts[cursor] : std::string_view::npos;
  }

  static void check_set(TextContext& ctx, ByteRange chunk, const Set& set, const std::vector<std::size_t>& starts,
                        std::size_t& cursor) {
    const std::string_view text = ctx.view().text();
    std::size_t i = chunk.begin;
    while (i < chunk.end) {
      i = next_element(i, starts, cursor);
      if (i >= chunk.end) break;
      // A run of elements separated only by 、，和 ….
      const std::size_t run_begin = i;
      std::vector<int> run;
      std::size_t run_end = i;
      for (std::size_t at = i; at < chunk.end;) {
        const int e = element_at(text, at, set);
        if (e < 0) break;
        run.push_back(e);
        run_end = at + set.elements[static_cast<std::size_t>(e)].size();
        at = skip_separators(text, run_end, chunk.end);
      }
      i = run_end;
      if (!ctx.in_scope(run_begin)) continue;
      report_run(ctx, chunk, set, run, run_begin, run_end);
    }
  }

  static void report_run(TextContext& ctx, ByteRange chunk, const Set& set, const std::vector<int>& run,
                         std::size_t begin, std::size_t end) {
    const std::string_view text = ctx.view().text();
    std::string canonical;
    for (const auto& e : set.elements) canonical += (canonical.empty() ? "" : "、") + e;
    if (run.size() >= 2 && !std::is_sorted(run.begin(), run.end())) {
      ctx.report(begin, end,
                 ctx.message({{"name", set.name}, {"expected", canonical}}, "“{name}”的顺序应为：{expected}",
                             "the order of '{name}' is: {expected}"));
      return;
    }
    const std::set<int> distinct(run.begin(), run.end());
    if (introduced(text, chunk.begin, begin, set) && distinct.size() < set.elements.size()) {
      std::string missing;
      for (std::size_t e = 0; e < set.elements.size(); ++e) {
        if (std::find(run.begin(), run.end(), static_cast<int>(e)) == run.end()) missing += (missing.empty() ? "" : "、") + set.elements[e];
      }
      ctx.report(begin, end,
                 ctx.message({{"name", set.name}, {"expected", canonical}, {"missing", missing}},
                             "“{name}”的内容不完整，缺少：{missing}（应为：{expected}）",
                             "'{name}' is incomplete; missing: {missing} (it is: {expected})"));
    }
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
      sets.push_back({name, elements});
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
