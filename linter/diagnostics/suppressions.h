#pragma once
// Inline suppressions, with the vocabulary markdownlint users know:
//   <!-- checklint-disable RULE… -->        from here on (until enable)
//   <!-- checklint-enable RULE… -->         ends a disable
//   <!-- checklint-disable-line RULE… -->   this line
//   <!-- checklint-disable-next-line RULE… -->  the next non-blank line
//   <!-- checklint-disable-file RULE… -->   the whole file
// With no RULE the comment covers every rule; RULE may end in * (numbering/*).
// In .md files the comments may stand anywhere; in .txt files on a line of their own.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"

namespace checklint {

struct Suppression {
  enum class Kind { Disable, Enable, DisableLine, DisableNextLine, DisableFile };
  Kind kind = Kind::Disable;
  std::vector<std::string> rules;  ///< empty: every rule
  ByteRange range;                 ///< the comment
  std::size_t line = 0;            ///< 0-based line of the comment
  std::size_t target_line = 0;     ///< for DisableNextLine: the line it covers
  bool used = false;
};

/// The suppression comments of a draft, in order.
std::vector<Suppression> find_suppressions(const Document& doc);

/// A `<!-- checklint-KEYWORD names… -->` comment: the whole of it, the keyword (checklint-…), the
/// names with the blank before each (blanks after the last one left out).
struct SuppressionComment {
  std::string_view whole;
  std::string_view keyword;
  std::string_view names;
};

/// The first such comment in `text`, as RE2 finds `(<!--\s*(checklint-[a-z-]+)((?:\s+[^\s>]+)*)\s*-->)`
/// (its groups in that order) in valid UTF-8, without the regex (exported for tests).
std::optional<SuppressionComment> find_suppression_comment(std::string_view text);

/// Whether `rule` is named by a suppression's rule list (exactly or by a `family/*` pattern).
bool suppression_names(const Suppression& s, const std::string& rule);

/// Whether a comment covers a finding, asked as each finding is made (lint() hands it to the
/// DiagnosticSink, so that a suppressed finding is never held): marks the comment that does.
/// `suppressions` must outlive the filter and not change size while it is used.
class SuppressionFilter {
 public:
  SuppressionFilter(const Document& doc, std::vector<Suppression>& suppressions);
  SuppressionFilter(const SuppressionFilter&) = delete;
  SuppressionFilter& operator=(const SuppressionFilter&) = delete;
  SuppressionFilter(SuppressionFilter&&) = delete;
  SuppressionFilter& operator=(SuppressionFilter&&) = delete;
  ~SuppressionFilter();

  /// Whether a comment suppresses `d`; if one does, it is marked used.
  bool drops(const Diagnostic& d);

 private:
  class Index;
  const Document& doc_;
  std::vector<Suppression>& suppressions_;
  std::unique_ptr<Index> index_;
  std::vector<std::size_t> candidates_;  // reused by every call of drops()
};

/// Drops the diagnostics the comments suppress and marks the comments that did so.
void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics);

}  // namespace checklint
