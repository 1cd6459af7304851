// --fix: choosing among fix-its, fixing until stable, the unified diff, and
// writing files so that nothing is ever lost or half written.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <initializer_list>
#include <random>
#include <sstream>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "linter/cli/fix.h"
#include "linter/fix/diff.h"
#include "linter/fix/fix.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace checklint;
using checklint::test::read_text;
using checklint::test::write_text;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

/// A draft with numbering-style fixes, text-rule fixes (one needing a second
/// round: the halfwidth-comma pattern cannot match 学,思 and 思,用 in one pass),
/// and one unsafe fix (同志 → 总书记).
constexpr std::string_view kDraft =
    "某单位党支部组织生活会对照检查材料\n"
    "\n"
    "根据安排，现将对照检查情况报告如下：\n"
    "\n"
    "一、存在的问题\n"
    "\n"
    "(一)理论学习方面。一是对四种意识理解不深，学习二十大精神不够系统。\n"
    "\n"
    "(二)工作作风方面。一是调研不深入,学习不够;会风不精简。二是学,思,用结合不紧。\n"
    "\n"
    "二、原因分析\n"
    "\n"
    "1、理论武装不够，廉政纪律意识不强，学习习近平同志关于党的建设的重要思想不深。\n"
    "\n"
    "三、整改措施\n"
    "\n"
    "1、加强学习，每月至少组织1次专题学习。\n"
    "\n"
    "以上对照检查，请同志们批评指正。\n";

const RuleSet& common() {
  static const RuleSet rules = load_ruleset("common");
  return rules;
}

FixOutcome fix_text(std::string_view bytes, bool unsafe = false) {
  const auto source = SourceText::from_bytes("draft.txt", std::string(bytes));
  return fix_until_stable(source, InputFormat::PlainText, common(), LintOptions{}, unsafe);
}

Diagnostic diagnostic(const std::string& rule, std::vector<FixIt> fixes) {
  Diagnostic d;
  d.rule = rule;
  d.fixes = std::move(fixes);
  return d;
}

/// Lines joined, each ended by '\n'.
std::string lines(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* item : items) (out += item) += '\n';
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// A fresh folder per test, removed afterwards (write permission restored first).
struct TempDir {
  fs::path dir;
  TempDir() : dir(fs::temp_directory_path() / ("checklint-fix-test-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&&) = delete;
  TempDir& operator=(TempDir&&) = delete;

  [[nodiscard]] fs::path file(const std::string& name, const std::string& bytes) const {
    write_text(dir / name, bytes);
    return dir / name;
  }
  /// How many entries the folder holds: a leftover temporary file shows up here.
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
  }
};

fs::perms mode_of(const fs::path& path) { return fs::status(path).permissions() & fs::perms::mask; }

/// The WriteError reason `write_file_atomically` fails with; nullopt when it succeeds.
std::optional<WriteError::Reason> write_failure(const fs::path& path, const std::string& bytes,
                                                const std::string& expected) {
  try {
    write_file_atomically(path.string(), bytes, expected);
  } catch (const WriteError& e) {
    return e.reason();
  }
  return std::nullopt;
}

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

CommandResult fix_command(const std::vector<std::string>& paths, FixOptions options, const std::string& input = {}) {
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  options.ruleset = options.ruleset.empty() ? "common" : options.ruleset;
  const int code = run_fix_command(paths, options, in, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fix)

BOOST_AUTO_TEST_CASE(overlapping_and_touching_fixes_keep_the_first) {
  //                  0123456789
  const std::string text = "abcdefghij";
  const std::vector<Diagnostic> diagnostics = {
      diagnostic("b/x", {{{2, 5}, "XYZ", true}}),  // same range as a/a, later rule id: skipped
      diagnostic("a/y", {{{3, 6}, "Q", true}}),    // overlaps [2, 5): skipped
      diagnostic("c/z", {{{5, 6}, "W", true}}),    // touches [2, 5): skipped
      diagnostic("a/a", {{{2, 5}, "MM", true}}),   // first by position, then rule id: kept
      diagnostic("d/d", {{{8, 9}, "!", false}}),   // unsafe
      diagnostic("e/e", {{{8, 9}, "!", false}}),   // the same edit from another rule: applied once
  };
  FixReport safe;
  BOOST_TEST(apply_fixes(text, diagnostics, false, safe) == "abMMfghij");
  BOOST_TEST(safe.applied == 1U);
  BOOST_TEST(safe.overlapping == 3U);
  BOOST_TEST(safe.unsafe == 2U);

  FixReport all;
  BOOST_TEST(apply_fixes(text, diagnostics, true, all) == "abMMfgh!j");
  BOOST_TEST(all.applied == 2U);
  BOOST_TEST(all.overlapping == 3U);
  BOOST_TEST(all.unsafe == 0U);

  // Deterministic: the order of the diagnostics does not matter.
  const std::vector<Diagnostic> reversed(diagnostics.rbegin(), diagnostics.rend());
  FixReport again;
  BOOST_TEST(apply_fixes(text, reversed, true, again) == "abMMfgh!j");
}

BOOST_AUTO_TEST_CASE(insertions_and_out_of_range_fixes) {
  const std::vector<Diagnostic> diagnostics = {
      diagnostic("r/1", {{{0, 0}, "<", true}}),      // an insertion
      diagnostic("r/2", {{{0, 1}, "A", true}}),      // touches the insertion: skipped
      diagnostic("r/3", {{{3, 3}, ">", true}}),      // an insertion at the end
      diagnostic("r/4", {{{2, 99}, "boom", true}}),  // beyond the text: a bug in a check, ignored
  };
  FixReport report;
  BOOST_TEST(apply_fixes("abc", diagnostics, false, report) == "<abc>");
  BOOST_TEST(report.applied == 2U);
  BOOST_TEST(report.overlapping == 1U);
}

BOOST_AUTO_TEST_CASE(fixing_until_stable_is_idempotent) {
  const FixOutcome first = fix_text(kDraft);
  BOOST_TEST(first.report.stable);
  BOOST_TEST(first.report.rounds >= 2);  // 思,用 only after 学,思
  BOOST_TEST(first.report.applied == 11U);
  BOOST_TEST(first.report.unsafe == 1U);
  for (const char* fixed : {"（一）理论学习方面", "（二）工作作风方面", "四个意识", "党的二十大精神",
                            "深入，学习不够；会风", "学，思，用", "1.理论武装", "廉洁纪律", "1.加强学习"}) {
    BOOST_TEST(contains(first.text, fixed), fixed);
  }
  BOOST_TEST(contains(first.text, "习近平同志关于"));  // unsafe: left alone

  const FixOutcome second = fix_text(first.text);
  BOOST_TEST(second.text == first.text);
  BOOST_TEST(second.report.applied == 0U);
  BOOST_TEST(second.report.rounds == 0);

  const FixOutcome unsafe = fix_text(kDraft, true);
  BOOST_TEST(contains(unsafe.text, "习近平总书记关于"));
  BOOST_TEST(unsafe.report.unsafe == 0U);
  BOOST_TEST(fix_text(unsafe.text, true).text == unsafe.text);
}

BOOST_AUTO_TEST_CASE(bom_and_crlf_survive_byte_for_byte) {
  const std::string before = std::string(kBom) +
                             "一、存在的问题\r\n\r\n(一)理论学习方面。对四种意识理解不深。\r\n\r\n"
                             "以上对照检查，请同志们批评指正。\r\n";
  const std::string after = std::string(kBom) +
                            "一、存在的问题\r\n\r\n（一）理论学习方面。对四个意识理解不深。\r\n\r\n"
                            "以上对照检查，请同志们批评指正。\r\n";
  const auto source = SourceText::from_bytes("draft.txt", before);
  const FixOutcome outcome = fix_until_stable(source, InputFormat::PlainText, common(), LintOptions{}, false);
  BOOST_TEST(outcome.report.applied == 2U);
  BOOST_TEST(file_bytes(source, outcome.text) == after);

  // The same through the command, on disk.
  const TempDir tmp;
  const auto path = tmp.file("draft.txt", before);
  BOOST_TEST(fix_command({path.string()}, {}).exit_code == 0);
  BOOST_TEST(read_text(path) == after);
}

BOOST_AUTO_TEST_CASE(unified_diff_hunks) {
  const std::string twelve = lines({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"});
  // Changes 8 equal lines apart: two hunks.
  BOOST_TEST(
      unified_diff(twelve, lines({"1", "two", "3", "4", "5", "6", "7", "8", "9", "10", "eleven", "12"}), "d.txt") ==
      "--- a/d.txt\n+++ b/d.txt\n"
      "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
      "@@ -8,5 +8,5 @@\n 8\n 9\n 10\n-11\n+eleven\n 12\n");
  // 5 equal lines apart: their contexts meet, one hunk.
  BOOST_TEST(unified_diff(twelve, lines({"1", "3", "4", "5", "6", "7", "eight", "9", "10", "11", "12"}), "d.txt") ==
             "--- a/d.txt\n+++ b/d.txt\n"
             "@@ -1,11 +1,10 @@\n 1\n-2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n 9\n 10\n 11\n");
  BOOST_TEST(unified_diff("a\nb", "a\nc", "x") ==
             "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
             "\\ No newline at end of file\n");
  BOOST_TEST(unified_diff("", "x\n", "x") == "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+x\n");
  BOOST_TEST(unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "x") == "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
  BOOST_TEST(unified_diff("same\n", "same\n", "x").empty());
}

BOOST_AUTO_TEST_CASE(diff_option_prints_and_writes_nothing) {
  const TempDir tmp;
  const std::string draft = "一、存在的问题\n\n(一)理论学习方面。对四种意识理解不深。\n";
  const auto path = tmp.file("d.txt", draft);
  FixOptions options;
  options.diff_only = true;
  const auto r = fix_command({path.string()}, options);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "--- a/" + path.string() + "\n+++ b/" + path.string() +
                          "\n@@ -1,3 +1,3 @@\n 一、存在的问题\n \n-(一)理论学习方面。对四种意识理解不深。\n"
                          "+（一）理论学习方面。对四个意识理解不深。\n");
  BOOST_TEST(r.err == path.string() + ": 可修复 2 处，跳过 0 处重叠，0 处不安全的修改未应用\n");
  BOOST_TEST(read_text(path) == draft);
}

BOOST_AUTO_TEST_CASE(command_summary_errors_and_stdin) {
  const TempDir tmp;
  const auto good = tmp.file("good.txt", std::string(kDraft));
  const auto docx = tmp.file("report.docx", "PK");
  const auto r = fix_command({docx.string(), (tmp.dir / "missing.txt").string(), good.string()}, {});
  BOOST_TEST(r.exit_code == 2);  // the failures are reported, and the good file is still fixed
  BOOST_TEST(contains(r.err, "report.docx: error: 暂不支持修复 .docx 文件"), r.err);
  BOOST_TEST(contains(r.err, "missing.txt: error: 无法打开文件"), r.err);
  BOOST_TEST(contains(r.err, "good.txt: 已修复 11 处，跳过 0 处重叠，1 处不安全的修改未应用\n"), r.err);
  BOOST_TEST(contains(r.err, "加 --unsafe-fixes"), r.err);
  BOOST_TEST(read_text(good) == fix_text(kDraft).text);
  BOOST_TEST(read_text(docx) == "PK");

  FixOptions english;
  english.lang = Lang::En;
  english.unsafe = true;
  const auto again = fix_command({good.string(), good.string()}, english);
  BOOST_TEST(again.exit_code == 0);
  BOOST_TEST(contains(again.err, "good.txt: fixed 1, skipped 0 overlapping, 0 unsafe not applied\n"), again.err);
  BOOST_TEST(contains(again.err, "good.txt: fixed 0,"), again.err);
  BOOST_TEST(contains(again.err, "2 files: fixed 1, skipped 0 overlapping, 0 unsafe not applied\n"), again.err);

  FixOptions from_stdin;
  from_stdin.stdin_filename = "draft.md";
  const auto piped = fix_command({"-"}, from_stdin, "一、存在的问题\n\n(一)理论学习方面。\n");
  BOOST_TEST(piped.exit_code == 0);
  BOOST_TEST(piped.out == "一、存在的问题\n\n（一）理论学习方面。\n");
  BOOST_TEST(contains(piped.err, "draft.md: 已修复 1 处"), piped.err);
}

BOOST_AUTO_TEST_CASE(atomic_write_keeps_permissions_and_owner) {
  const TempDir tmp;
  const auto path = tmp.file("draft.txt", "old");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const bool root = ::geteuid() == 0;
  if (root) BOOST_REQUIRE(::chown(path.c_str(), 1234, 5678) == 0);
  write_file_atomically(path.string(), "new", "old");
  BOOST_TEST(read_text(path) == "new");
  BOOST_TEST((mode_of(path) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read)));
  if (root) {
    struct stat st {};
    BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
    BOOST_TEST(st.st_uid == 1234U);
    BOOST_TEST(st.st_gid == 5678U);
  }
  BOOST_TEST(tmp.entries() == 1U);  // no temporary file left behind
}

BOOST_AUTO_TEST_CASE(symlink_stays_a_link_and_its_target_is_fixed) {
  const TempDir tmp;
  const auto target = tmp.file("target.txt", "old");
  fs::create_directories(tmp.dir / "links");
  const auto link = tmp.dir / "links" / "link.txt";
  fs::create_symlink("../target.txt", link);
  write_file_atomically(link.string(), "new", "old");
  BOOST_TEST(fs::is_symlink(link));
  BOOST_TEST(fs::read_symlink(link) == fs::path("../target.txt"));
  BOOST_TEST(read_text(target) == "new");
  BOOST_TEST(fs::is_symlink(tmp.dir / "links" / "link.txt"));
  BOOST_TEST(tmp.entries() == 2U);  // target.txt and links/: no temporary file left
}

BOOST_AUTO_TEST_CASE(a_file_changed_since_it_was_read_is_refused) {
  const TempDir tmp;
  const auto path = tmp.file("draft.txt", "original");
  write_text(path, "someone else's edit");
  BOOST_TEST((write_failure(path, "fixed", "original") == WriteError::Reason::Changed));
  BOOST_TEST(read_text(path) == "someone else's edit");
  BOOST_TEST(tmp.entries() == 1U);

  fs::remove(path);  // deleted meanwhile: not resurrected
  BOOST_TEST((write_failure(path, "fixed", "original").has_value()));
  BOOST_TEST(!fs::exists(path));
}

BOOST_AUTO_TEST_CASE(read_only_file_or_directory_is_refused) {
  const TempDir tmp;
  const std::string original = "一、存在的问题\n\n(一)理论学习方面。\n";  // fixable
  const auto path = tmp.file("draft.txt", original);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read);
  BOOST_TEST((write_failure(path, "fixed", original) == WriteError::Reason::ReadOnly));
  const auto r = fix_command({path.string()}, {});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "draft.txt: error: 文件或其所在目录是只读的，文件未修改"), r.err);
  BOOST_TEST(read_text(path) == original);

  // A writable file in a read-only directory cannot be replaced either.
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(tmp.dir, fs::perms::owner_read | fs::perms::owner_exec);
  BOOST_TEST((write_failure(path, "fixed", original) == WriteError::Reason::ReadOnly));
  fs::permissions(tmp.dir, fs::perms::owner_all);
  BOOST_TEST(read_text(path) == original);
  BOOST_TEST(tmp.entries() == 1U);
}

BOOST_AUTO_TEST_CASE(a_killed_writer_leaves_the_old_or_the_new_file) {
  const TempDir tmp;
  // Two versions of a large file, differing at both ends, so a torn write would show.
  std::string old_bytes(1U << 20U, 'a');
  std::string new_bytes(1U << 20U, 'b');
  new_bytes.front() = 'B';
  new_bytes.back() = 'E';
  const auto path = tmp.file("draft.txt", old_bytes);
  const auto write_in_child = [&](const std::string& to, const std::string& from) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      try {
        write_file_atomically(path.string(), to, from);
      } catch (...) {
        ::_exit(1);
      }
      ::_exit(0);
    }
    return pid;
  };
  // Time one undisturbed write, to spread the kills over its whole length.
  const auto start = std::chrono::steady_clock::now();
  const pid_t timed = write_in_child(new_bytes, old_bytes);
  int status = 0;
  ::waitpid(timed, &status, 0);
  BOOST_REQUIRE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto duration = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  std::mt19937 random(20240601U);
  std::uniform_int_distribution<long> delay(0, duration.count() * 5 / 4);
  bool is_new = true;
  int changed = 0;
  for (int i = 0; i < 50; ++i) {
    const pid_t pid = write_in_child(is_new ? old_bytes : new_bytes, is_new ? new_bytes : old_bytes);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    const std::string now = read_text(path);
    BOOST_REQUIRE(((now == old_bytes) || (now == new_bytes)));
    if ((now == new_bytes) != is_new) ++changed;
    is_new = now == new_bytes;
    for (const auto& entry : fs::directory_iterator(tmp.dir)) {  // a killed writer's temporary file
      if (entry.path() != path) fs::remove(entry.path());
    }
  }
  BOOST_TEST_MESSAGE("writes that completed before the kill: " << changed << " of 50");
}

BOOST_AUTO_TEST_SUITE_END()
