#include "linter/cli/gate.h"

#include <algorithm>

#include <fmt/format.h>

namespace checklint {

namespace {

const char* severity_label(Severity severity, Lang lang) {
  switch (severity) {
    case Severity::Error:
      return tr(lang, "错误", "error");
    case Severity::Warning:
      return tr(lang, "警告", "warning");
    case Severity::Info:
      break;
  }
  return tr(lang, "提示", "info");
}

using RuleRow = std::pair<std::string, RuleTally>;

std::vector<RuleRow> rows_by_count(const Tally& tally) {
  std::vector<RuleRow> rows(tally.by_rule.begin(), tally.by_rule.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RuleRow& a, const RuleRow& b) { return a.second.count > b.second.count; });
  return rows;  // the map was ordered by id, and the sort is stable: ties stay by id
}

}  // namespace

Tally tally(const std::vector<FileResult>& results) {
  Tally tally;
  for (const auto& result : results) count_file(tally, result);
  return tally;
}

void count_file(Tally& tally, const FileResult& result) {
  ++tally.files;
  // Counted first by the rule's interned id (a RuleId is the address of its one string), then
  // added to the map once per rule: a lookup by string for each finding cost more than the
  // rest of the count (0.7 % of the instructions of the 1,000-draft corpus).
  struct Count {
    const std::string* id;
    RuleTally tally;
  };
  std::vector<Count> by_id;
  std::size_t last = 0;  // findings of one rule often come together
  for (const auto& d : result.diagnostics) {
    ++tally.by_severity.at(static_cast<std::size_t>(d.severity));
    const std::string* id = &d.rule.str();
    if (last >= by_id.size() || by_id[last].id != id) {
      last = static_cast<std::size_t>(
          std::find_if(by_id.begin(), by_id.end(), [id](const Count& c) { return c.id == id; }) - by_id.begin());
      if (last == by_id.size()) by_id.push_back({id, {}});
    }
    RuleTally& rule = by_id[last].tally;
    ++rule.count;
    rule.severity = std::max(rule.severity, d.severity);
  }
  for (const auto& [id, counted] : by_id) {
    RuleTally& rule = tally.by_rule[*id];
    rule.count += counted.count;
    rule.severity = std::max(rule.severity, counted.severity);
  }
}

bool fails(const Tally& tally, const Gate& gate) {
  if (gate.exit_zero) return false;
  for (const Severity s : {Severity::Info, Severity::Warning, Severity::Error}) {
    if (s >= gate.threshold && tally.count(s) > 0) return true;
  }
  return gate.max_warnings >= 0 && tally.count(Severity::Warning) > static_cast<std::size_t>(gate.max_warnings);
}

void write_statistics(std::ostream& out, const Tally& tally, Lang lang) {
  const auto rows = rows_by_count(tally);
  std::size_t count_width = 1;
  std::size_t id_width = 0;
  for (const auto& [id, rule] : rows) {
    count_width = std::max(count_width, std::to_string(rule.count).size());
    id_width = std::max(id_width, id.size());
  }
  out << tr(lang, "按规则统计：\n", "statistics by rule:\n");
  for (const auto& [id, rule] : rows) {
    out << fmt::format("  {:>{}}  {:<{}}  {}\n", rule.count, count_width, id, id_width, severity_label(rule.severity, lang));
  }
  out << fmt::format(fmt::runtime(tr(lang, "共 {} 条（错误 {}、警告 {}、提示 {}），{} 个文件\n",
                                     "{} diagnostic(s) ({} error(s), {} warning(s), {} info(s)) in {} file(s)\n")),
                     tally.total(), tally.count(Severity::Error), tally.count(Severity::Warning),
                     tally.count(Severity::Info), tally.files);
}

}  // namespace checklint
