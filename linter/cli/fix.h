#pragma once
// `checklint --fix`: the command-line side of fixing drafts in place.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/source/decode.h"

namespace checklint {

struct FixOptions {
  bool unsafe = false;                     ///< --unsafe-fixes: apply the unsafe fix-its too
  bool diff_only = false;                  ///< --diff: print a unified diff, write nothing
  std::string ruleset;                     ///< --ruleset; empty: chosen per draft from its title and preamble
  Lang lang = Lang::Zh;                    ///< --lang: language of the summary and errors
  std::string stdin_filename = "<stdin>";  ///< the name of "-" (its extension picks the format)
  std::string config;                      ///< --config: this configuration file for every draft
  bool discover_config = true;             ///< false with --no-config: look for no .checklint.toml
  /// The paths named on the command line: a configuration's `ignore` skips only the others,
  /// which a directory walk found.
  std::vector<std::string> named;
  std::optional<Encoding> encoding;  ///< --encoding; nullopt: detect. Fixed text is written back in the file's encoding
};

/// Fixes each file (read, lint with the rule set its .checklint.toml and --ruleset give, fix until stable) and writes it back atomically,
/// or with --diff prints what would change. "-" reads standard input and prints
/// the fixed text (or the diff). Diffs and fixed text go to standard output; the
/// summary and errors go to standard error, so the output can be piped to patch.
/// Returns 0 when every file was handled, 2 when one could not be read, fixed or
/// written (the others are still handled) or the rule set cannot be loaded.
int run_fix_command(const std::vector<std::string>& paths, const FixOptions& options);

/// The same, with the streams given (for tests).
int run_fix_command(const std::vector<std::string>& paths, const FixOptions& options, std::istream& in,
                    std::ostream& out, std::ostream& err);

}  // namespace checklint
