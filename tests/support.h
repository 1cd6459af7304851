#pragma once
// Helpers shared by the tests: paths into the source tree, parsing from a
// string, running the built binary.
#include <filesystem>
#include <string>

#include "linter/document/document.h"

namespace checklint::test {

std::filesystem::path source_dir();
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);

Document parse(const std::string& text, InputFormat format = InputFormat::PlainText,
               const std::string& path = "draft.txt");

/// Outcome of running build/checklint.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
/// Runs the checklint binary from the source directory with `args` (shell-quoted by the caller), feeding `input` on stdin.
RunResult run_checklint(const std::string& args, const std::string& input = {});

/// An empty folder for one test case: TMPDIR/checklint-AREA-test/NAME, removed and made anew.
std::filesystem::path fresh_dir(const std::string& area, const std::string& name);
/// A path in single quotes, for run_checklint()'s shell command.
std::string quoted(const std::filesystem::path& path);
bool contains(const std::string& haystack, const std::string& needle);

/// Whether golden files should be rewritten instead of compared (CHECKLINT_UPDATE_GOLDEN=1).
bool update_golden();

}  // namespace checklint::test
