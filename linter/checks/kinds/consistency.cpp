// Kind `consistency`: alternatives of which a draft must use only one
// (党委 / 党组 / 党工委; “六稳六保” / “六稳”“六保”). Each minority use is
// reported, with a note at the first use of the majority form.
//   groups = [["党委", "党组", "党工委"]]   literal alternatives (RE2 with regex = true)
//   unless_before / unless_after = ["…"]    neighbours that make a match another word (党组织)
//   book titles 《…》 are skipped: a document's name is not the draft's own usage
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "linter/checks/kinds/kind.h"
#include "linter/source/literals.h"

namespace checklint {
namespace {

/// View ranges inside 《…》 in a chunk.
std::vector<ByteRange> book_titles(const ViewChunk& chunk) {
  std::vector<ByteRange> out;
  const std::string_view text = chunk.text;
  std::size_t open = std::string_view::npos;
  // 《 and 》 both begin with the byte E3: find that byte, not every position.
  for (std::size_t i = text.find('\xE3'); i != std::string_view::npos; i = text.find('\xE3', i + 1)) {
    if (text.substr(i).starts_with("《")) open = i;
    if (text.substr(i).starts_with("》") && open != std::string_view::npos) {
      out.push_back({chunk.range.begin + open, chunk.range.begin + i + 3});
      open = std::string_view::npos;
    }
  }
  return out;
}

/// The matches in `chunk` of a literal group's alternatives, from `starts` (ascending: where
/// one of them starts, in the chunk or not), as ChunkMatches gives them for the same strings as
/// patterns, without an RE2 search: each alternative's own occurrences one after the other
/// without overlap, of all those the leftmost, then the longest, then the first alternative's,
/// none that overlaps one taken before.
std::vector<TextMatch> literal_matches(const ViewChunk& c, const std::vector<std::string>& group,
                                       const std::vector<std::size_t>& starts) {
  const ByteRange chunk = c.range;
  std::vector<TextMatch> out;
  std::vector<std::size_t> own_end(group.size(), chunk.begin);  // per alternative: where its last match ended
  std::size_t last_end = chunk.begin;
  std::vector<TextMatch> here;  // the occurrences at one start
  for (auto at = std::lower_bound(starts.begin(), starts.end(), chunk.begin); at != starts.end() && *at < chunk.end; ++at) {
    here.clear();
    for (std::size_t i = 0; i < group.size(); ++i) {
      const std::string& alternative = group[i];
      if (!alternative.empty() && *at + alternative.size() <= chunk.end && c.text.substr(*at - chunk.begin).starts_with(alternative)) {
        here.push_back({*at, *at + alternative.size(), static_cast<int>(i)});
      }
    }
    std::stable_sort(here.begin(), here.end(), [](const TextMatch& a, const TextMatch& b) { return a.end > b.end; });
    for (const TextMatch& m : here) {
      auto& own = own_end[static_cast<std::size_t>(m.pattern)];
      if (m.begin < own) continue;
      own = m.end;
      if (m.begin < last_end) continue;
      last_end = m.end;
      out.push_back(m);
    }
  }
  return out;
}

/// Strings of which every match of one of `patterns` contains at least one (one list of each
/// pattern's required_strings(): the shortest, of those the one whose strings the most patterns
/// require, then the one whose shortest string is longest, since each distinct string is one
/// more search of the text: [区县市省]委班子 and 党委班子 both give 班子); empty when some pattern
/// has none, and then every paragraph must be searched.
std::vector<std::string> any_required(const std::vector<std::string>& patterns) {
  std::vector<std::vector<std::vector<std::string>>> lists;
  std::map<std::string, std::size_t> required_by;  // how many patterns a string is required by
  for (const auto& pattern : patterns) {
    lists.push_back(required_strings(pattern));
    std::set<std::string> own;
    for (const auto& list : lists.back()) own.insert(list.begin(), list.end());
    for (const auto& s : own) ++required_by[s];
  }
  std::vector<std::string> out;
  for (const auto& pattern_lists : lists) {
    const std::vector<std::string>* best = nullptr;
    std::size_t best_shared = 0;
    std::size_t best_shortest = 0;
    for (const auto& list : pattern_lists) {
      std::size_t shortest = std::string::npos;
      std::size_t shared = std::string::npos;
      for (const auto& s : list) {
        shortest = std::min(shortest, s.size());
        shared = std::min(shared, required_by[s]);
      }
      if (list.empty() || shortest == 0) continue;
      if (best == nullptr || list.size() < best->size() ||
          (list.size() == best->size() && (shared > best_shared || (shared == best_shared && shortest > best_shortest)))) {
        best = &list;
        best_shared = shared;
        best_shortest = shortest;
      }
    }
    if (best == nullptr) return {};
    out.insert(out.end(), best->begin(), best->end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The required_strings() of a group's patterns, each list found in a paragraph by one
/// LiteralStarts: a paragraph in which no pattern finds all its lists matches none of them.
/// consistency/subject's paragraphs that hold 班子 mostly hold none of 区委, 县委, 市委, 省委, 党委,
/// 党组, 党工委; a search for those costs less than the RE2 search of the paragraph.
class RequiredLists {
 public:
  explicit RequiredLists(const std::vector<std::string>& patterns) {
    std::vector<std::vector<std::vector<std::string>>> required;
    std::map<std::vector<std::string>, std::size_t> index;  // distinct lists
    std::vector<std::size_t> shared;                         // per distinct list: patterns that require it
    for (const auto& pattern : patterns) {
      required.push_back(required_strings(pattern));
      if (required.back().empty()) return;  // this one may match anywhere
      std::set<std::size_t> own;
      for (const auto& list : required.back()) {
        const auto [at, added] = index.emplace(list, index.size());
        if (added) {
          lists_.push_back(std::make_unique<LiteralStarts>(list));
          shared.push_back(0);
        }
        if (own.insert(at->second).second) ++shared[at->second];
      }
      patterns_.emplace_back(own.begin(), own.end());
    }
    // A list that fewer patterns require is likelier to rule a paragraph out: searched first.
    for (auto& own : patterns_) {
      std::stable_sort(own.begin(), own.end(), [&](std::size_t a, std::size_t b) { return shared[a] < shared[b]; });
    }
    filtered_ = true;
  }

  /// Whether one of the patterns may match in `paragraph`. `found` holds per list whether it
  /// is there (1), not there (0) or not yet searched for (-1), for this paragraph.
  [[nodiscard]] bool may_match(std::string_view paragraph, std::vector<signed char>& found) const {
    if (!filtered_) return true;
    found.assign(lists_.size(), -1);
    return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::vector<std::size_t>& own) {
      return std::all_of(own.begin(), own.end(), [&](std::size_t k) {
        if (found[k] < 0) found[k] = lists_[k]->in(paragraph).empty() ? 0 : 1;
        return found[k] == 1;
      });
    });
  }

 private:
  bool filtered_ = false;  // every pattern requires some strings
  std::vector<std::unique_ptr<LiteralStarts>> lists_;
  std::vector<std::vector<std::size_t>> patterns_;  // per pattern: the lists it requires
};

class ConsistencyRule final : public TextRule {
 public:
  ConsistencyRule(std::vector<std::vector<std::string>> groups, bool regex, std::vector<std::string> unless_before,
                  std::vector<std::string> unless_after)
      : groups_(std::move(groups)), regex_(regex), unless_before_(std::move(unless_before), NeighbourWords::Side::Before),
        unless_after_(std::move(unless_after), NeighbourWords::Side::After) {
    for (const auto& group : groups_) {
      // Literal groups are found by their alternatives, without RE2; patterns by strings they
      // require, then RE2.
      if (!regex) {
        literals_.push_back(std::make_unique<LiteralStarts>(group));
        prefiltered_.push_back(true);
        continue;
      }
      compiled_.push_back(lazy_regexes(group));
      all_.emplace_back(group.size());
      std::iota(all_.back().begin(), all_.back().end(), 0);
      any_.push_back(std::make_unique<LazyRegex>(alternation(group)));
      required_.push_back(std::make_unique<RequiredLists>(group));
      const auto required = any_required(group);
      prefiltered_.push_back(!required.empty());
      literals_.push_back(std::make_unique<LiteralStarts>(required));
    }
  }

  void run(TextContext& ctx) const override {
    for (std::size_t g = 0; g < groups_.size(); ++g) check_group(ctx, g);
  }

 private:
  void check_group(TextContext& ctx, std::size_t g) const {
    const TextView& view = ctx.view();
    // With fewer than two alternatives that occur the draft cannot be inconsistent, and only the
    // paragraphs that hold one need a search (patterns are searched per paragraph: their ^ and $
    // would mean something else over the whole text).
    const std::size_t chunks = view.chunks().size();
    std::vector<std::size_t> candidates;
    std::vector<std::size_t> starts;  // of a literal group's alternatives, or of the strings patterns require
    if (regex_ && !prefiltered_[g]) {
      candidates.resize(chunks);
      std::iota(candidates.begin(), candidates.end(), std::size_t{0});
    } else {
      // One pass for all alternatives: where each starts, hence which occur at all and the
      // paragraphs that hold one.
      view.literal_starts(*literals_[g], starts);
      const auto& group = groups_[g];
      std::vector<bool> occurs(regex_ ? 0 : group.size(), false);
      std::size_t c = 0;
      for (const std::size_t at : starts) {
        while (view.chunks()[c].end <= at) ++c;  // every start lies in a chunk
        if (candidates.empty() || candidates.back() != c) candidates.push_back(c);
        if (regex_) continue;
        const std::string_view rest = view.chunk_text(c).substr(at - view.chunks()[c].begin);
        for (std::size_t i = 0; i < group.size(); ++i) {
          if (!occurs[i] && !group[i].empty() && rest.starts_with(group[i])) occurs[i] = true;
        }
      }
      if (!regex_ && std::count(occurs.begin(), occurs.end(), true) < 2) return;
    }
    std::vector<TextMatch> uses;
    std::vector<signed char> found;
    for (const std::size_t c : candidates) {
      const ViewChunk chunk = view.chunk(c);
      const std::string_view paragraph = chunk.text;
      // Patterns: the strings they require, then one scan for the whole group, since most
      // paragraphs that hold one string they require use none of them. A literal group's
      // paragraph holds one of its alternatives already.
      if (regex_) {
        if (!required_[g]->may_match(paragraph, found)) continue;
        if (!any_[g]->get().Match(re2::StringPiece(paragraph.data(), paragraph.size()), 0, paragraph.size(), RE2::UNANCHORED, nullptr, 0)) {
          continue;
        }
      }
      const auto titles = book_titles(chunk);
      const std::size_t base = chunk.range.begin;
      const auto use = [&](const TextMatch& m) {
        const bool in_title = std::any_of(titles.begin(), titles.end(), [&](ByteRange t) { return m.begin >= t.begin && m.end <= t.end; });
        if (in_title || !ctx.in_scope(m.begin)) return;
        // The neighbours are looked for within the paragraph: no word of them holds a line break.
        if (unless_before_.at(paragraph, m.begin - base) || unless_after_.at(paragraph, m.end - base)) return;
        uses.push_back(m);
      };
      if (regex_) {
        TextMatch m{};
        for (ChunkMatches matches(chunk, compiled_[g], all_[g]); matches.next(m);) use(m);
      } else {
        for (const TextMatch& m : literal_matches(chunk, groups_[g], starts)) use(m);
      }
    }
    std::map<int, std::size_t> count;
    for (const auto& m : uses) ++count[m.pattern];
    if (count.size() < 2) return;
    int major = uses.front().pattern;
    for (const auto& [pattern, n] : count) {
      if (n > count[major]) major = pattern;
    }
    const auto first_major = std::find_if(uses.begin(), uses.end(), [&](const TextMatch& m) { return m.pattern == major; });
    const std::string expected(view.slice(first_major->begin, first_major->end));
    for (const auto& m : uses) {
      if (m.pattern == major) continue;
      const std::string match(view.slice(m.begin, m.end));
      auto& d = ctx.report(m.begin, m.end,
                           ctx.message({{"match", match}, {"expected", expected}, {"count", std::to_string(count[major])}},
                                       "前后不一致：本文多处（{count} 处）作“{expected}”，此处作“{match}”",
                                       "inconsistent: the draft uses '{expected}' ({count} times) but here '{match}'"));
      d.notes.push_back({ctx.view().source(first_major->begin, first_major->end),
                         ctx.check().tr("此处首次作此写法", "first used like this here")});
    }
  }

  std::vector<std::vector<std::string>> groups_;
  bool regex_;
  NeighbourWords unless_before_;
  NeighbourWords unless_after_;
  std::vector<LazyRegexes> compiled_;  // per group of patterns
  std::vector<std::vector<int>> all_;  // per group of patterns: the indexes of all
  LazyRegexes any_;  // per group of patterns: all its patterns in one
  std::vector<std::unique_ptr<RequiredLists>> required_;  // per group of patterns
  /// Per group: its literal alternatives, or the strings its patterns require.
  std::vector<std::unique_ptr<LiteralStarts>> literals_;
  std::vector<bool> prefiltered_;  // per group: literals_ rules out the paragraphs it does not find
};

class Consistency final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "consistency"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "同一事物的几种写法在全文只能用一种"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/consistency.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    auto groups = table.string_lists("groups");
    if (groups.empty()) table.fail("groups", R"(a consistency rule needs 'groups', e.g. [["党委", "党组"]])");
    const bool regex = table.flag("regex", false);
    for (const auto& g : groups) {
      if (g.size() < 2) table.fail("groups", "each group needs at least two alternatives");
      for (const auto& alt : g) {
        if (!table.validate_patterns()) break;
        const RE2 re(regex ? alt : quote_literal(alt), RE2::Quiet);
        if (!re.ok()) table.fail("groups", "invalid pattern '" + alt + "': " + re.error());
      }
    }
    return std::make_shared<ConsistencyRule>(std::move(groups), regex, table.strings("unless_before"), table.strings("unless_after"));
  }
};

}  // namespace

const Kind& consistency_kind() {
  static const Consistency kind;
  return kind;
}

}  // namespace checklint
