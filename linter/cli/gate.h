#pragma once
// What decides checklint's exit status (--severity-threshold, --max-warnings,
// --exit-zero) and what --statistics prints.
#include <array>
#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/emitters/emitter.h"

namespace checklint {

struct Gate {
  Severity threshold = Severity::Error;  ///< the lowest severity that fails the run
  long max_warnings = -1;                ///< more warnings than this fail the run; negative: no limit
  bool exit_zero = false;                ///< findings never fail the run
};

struct RuleTally {
  std::size_t count = 0;
  Severity severity = Severity::Info;  ///< the most severe of the rule's diagnostics
};

/// Diagnostics counted over a whole run.
struct Tally {
  std::array<std::size_t, 3> by_severity{};  ///< indexed by Severity: info, warning, error
  std::map<std::string, RuleTally> by_rule;
  std::size_t files = 0;

  std::size_t count(Severity severity) const { return by_severity.at(static_cast<std::size_t>(severity)); }
  std::size_t total() const { return by_severity[0] + by_severity[1] + by_severity[2]; }
};

Tally tally(const std::vector<FileResult>& results);

/// Counts one more file into `tally`, for a run that streams its report.
void count_file(Tally& tally, const FileResult& result);

/// Whether the findings fail the run (exit status 1) under `gate`.
bool fails(const Tally& tally, const Gate& gate);

/// --statistics: one line per rule, by count (descending) then id, and a total line.
void write_statistics(std::ostream& out, const Tally& tally, Lang lang);

}  // namespace checklint
