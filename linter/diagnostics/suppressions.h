#pragma once
// Inline suppressions, with the vocabulary markdownlint users know:
//   <!-- checklint-disable RULE… -->        from here on (until enable)
//   <!-- checklint-enable RULE… -->         ends a disable
//   <!-- checklint-disable-line RULE… -->   this line
//   <!-- checklint-disable-next-line RULE… -->  the next non-blank line
//   <!-- checklint-disable-file RULE… -->   the whole file
// With no RULE the comment covers every rule; RULE may end in * (numbering/*).
// In .md files the comments may stand anywhere; in .txt files on a line of their own.
#include <string>
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

/// Whether `rule` is named by a suppression's rule list (exactly or by a `family/*` pattern).
bool suppression_names(const Suppression& s, const std::string& rule);

/// Drops the diagnostics the comments suppress and marks the comments that did so.
void apply_suppressions(const Document& doc, std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics);

}  // namespace checklint
