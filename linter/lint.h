#pragma once
// The one lint entry point that the CLI and the language server share: a pure
// function from a parsed document and a rule set to diagnostics.
#include <cstddef>
#include <memory>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"
#include "linter/rules/ruleset.h"

namespace checklint {

struct LintOptions;

/// Which patterns of the rule set's index match each paragraph, kept from one lint of a
/// buffer to the next (the language server keeps one per open buffer): an edit changes a
/// paragraph or two, and the others need not be matched again. The answers are those the
/// index gives, so the diagnostics are the same with or without it. Thread-safe; a lint with
/// another rule set's patterns starts it over, and each lint keeps only its own paragraphs;
/// copies share one cache.
class PatternHitCache {
 public:
  PatternHitCache();

  /// Paragraphs answered from the cache so far (for tests and the profile).
  [[nodiscard]] std::size_t reused() const;

  struct State;  // lint.cpp

 private:
  friend std::vector<Diagnostic> lint(const Document& doc, const RuleSet& rules, const LintOptions& options);
  std::shared_ptr<State> state_;  // copies share it
};

struct LintOptions {
  Lang lang = Lang::Zh;
  PatternHitCache* hit_cache = nullptr;  ///< optional: the buffer's answers from its last lint
};

/// Runs every enabled rule of `rules` over `doc`; diagnostics come sorted by position, then rule.
std::vector<Diagnostic> lint(const Document& doc, const RuleSet& rules, const LintOptions& options);

}  // namespace checklint
