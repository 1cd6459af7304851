#pragma once
// --fix: applying the fix-its that diagnostics carry, until the draft is
// stable, and writing the result back without ever leaving a half-written file.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"
#include "linter/lint.h"
#include "linter/rules/ruleset.h"

namespace checklint {

/// How many lint-and-fix rounds fix_until_stable() runs at most.
inline constexpr int kMaxFixRounds = 5;

/// What applying fix-its did.
struct FixReport {
  std::size_t applied = 0;      ///< fix-its applied
  std::size_t overlapping = 0;  ///< set aside: they overlap or touch a fix-it applied in the same round
  std::size_t unsafe = 0;       ///< unsafe fix-its not applied (no --unsafe-fixes)
  int rounds = 0;               ///< rounds that applied something
  bool stable = true;           ///< false: kMaxFixRounds rounds still left applicable fix-its
};

/// Applies the safe fix-its of `diagnostics` to `text` (and the unsafe ones when
/// `unsafe`), adding what it did to `report`. Fix-its that overlap or touch one
/// that comes earlier (by start, end, then rule id) are skipped and counted;
/// identical fix-its from several rules are applied once. The result depends
/// only on the inputs, not on the order of `diagnostics`.
std::string apply_fixes(std::string_view text, const std::vector<Diagnostic>& diagnostics, bool unsafe,
                        FixReport& report);

/// The fixed text and what it took.
struct FixOutcome {
  std::string text;  ///< without a BOM, like SourceText::bytes()
  FixReport report;
};

/// Lints `source` with `rules`, applies the applicable fix-its, and repeats on the
/// re-parsed result until no applicable fix-it remains or kMaxFixRounds rounds
/// applied something; so fixing the result again changes nothing. `overlapping`
/// adds up every round (a fix-it set aside is retried in the next round), while
/// `unsafe` counts those still on offer at the end. Throws InputError when a fix
/// produced text that is no longer valid UTF-8 (a bug in a check).
FixOutcome fix_until_stable(const SourceText& source, InputFormat format, const RuleSet& rules,
                            const LintOptions& options, bool unsafe);

/// The bytes to write for `fixed` text of a file: in the file's encoding, the BOM put back
/// when the file had one. Throws EncodeError when the encoding cannot represent a character.
std::string file_bytes(const SourceText& original, std::string_view fixed);

/// Why write_file_atomically() refused or failed. In every case the file is as it was.
class WriteError : public std::runtime_error {
 public:
  enum class Reason {
    ReadOnly,  ///< the file, or the directory it must be replaced in, is not writable
    Changed,   ///< the file changed after it was read: someone else is editing it
    Io,        ///< any other failure: not a regular file, disk full, …
  };
  WriteError(Reason reason, const std::string& message) : std::runtime_error(message), reason_(reason) {}
  [[nodiscard]] Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

/// Replaces the contents of the file at `path` with `bytes`, atomically: the new
/// bytes go to a temporary file in the same directory, which is synced, given the
/// original's permissions (and owner, when running as root) and renamed over the
/// original. A symlink is followed and its target replaced; the link stays.
/// Refuses (WriteError::Reason::Changed) when the file no longer holds
/// `expected_original`, and (ReadOnly) when the file or its directory has no
/// write permission at all, even for root. A process killed at any point leaves
/// the old file or the new one, never a mix; at worst a stray temporary file
/// `.NAME.checklint-XXXXXX` remains beside it.
void write_file_atomically(const std::string& path, std::string_view bytes, std::string_view expected_original);

}  // namespace checklint
