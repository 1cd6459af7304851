// Kind `occurrence`: a pattern must occur at least `min` / at most `max`
// times within the rule's scope.
//   pattern = "比如"   (RE2)   min = 1   max = 3
#include <fmt/format.h>

#include "linter/checks/kinds/kind.h"

namespace checklint {
namespace {

class OccurrenceRule final : public TextRule {
 public:
  OccurrenceRule(const std::string& pattern, std::int64_t min, std::int64_t max)
      : re_(lazy_regexes({pattern})), min_(min), max_(max) {}

  void run(TextContext& ctx) const override {
    const TextView& view = ctx.view();
    std::vector<TextMatch> in_scope;
    std::optional<std::size_t> scope_start;
    for (std::size_t c = 0; c < view.chunks().size(); ++c) {
      const ViewChunk chunk = view.chunk(c);
      if (!scope_start && ctx.in_scope(chunk.range.begin)) scope_start = chunk.range.begin;
      TextMatch m{};
      for (ChunkMatches matches(chunk, re_, {0}); matches.next(m);) {
        if (ctx.in_scope(m.begin)) in_scope.push_back(m);
      }
    }
    const auto count = static_cast<std::int64_t>(in_scope.size());
    if (max_ >= 0 && count > max_) {
      const auto& m = in_scope.at(static_cast<std::size_t>(max_));
      ctx.report(m.begin, m.end,
                 ctx.message({{"count", std::to_string(count)}, {"max", std::to_string(max_)},
                              {"match", std::string(view.slice(m.begin, m.end))}},
                             "“{match}”出现 {count} 次，最多 {max} 次", "'{match}' occurs {count} times; at most {max}"));
    }
    if (min_ > 0 && count < min_ && scope_start) {
      ctx.report(*scope_start, *scope_start,
                 ctx.message({{"count", std::to_string(count)}, {"min", std::to_string(min_)}, {"pattern", re_.front()->pattern()}},
                             "应至少出现 {min} 次，实际 {count} 次", "should occur at least {min} times; found {count}"));
    }
  }

 private:
  LazyRegexes re_;
  std::int64_t min_;
  std::int64_t max_;
};

class Occurrence final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "occurrence"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "某一写法在范围内出现的次数过多或过少"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/occurrence.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    const std::string pattern = table.string("pattern", "");
    if (pattern.empty() || (table.validate_patterns() && !RE2(pattern, RE2::Quiet).ok())) table.fail("pattern", "an occurrence rule needs a valid RE2 'pattern'");
    const std::int64_t min = table.integer("min", 0);
    const std::int64_t max = table.integer("max", -1);
    if (min <= 0 && max < 0) table.fail("min", "an occurrence rule needs 'min' or 'max'");
    return std::make_shared<OccurrenceRule>(pattern, min, max);
  }
};

}  // namespace

const Kind& occurrence_kind() {
  static const Occurrence kind;
  return kind;
}

}  // namespace checklint
