// Batch runs and CI gating: the glob matcher, directory walks with --include and
// --exclude, exit codes under --severity-threshold / --max-warnings / --exit-zero,
// --statistics, and parallel runs whose output does not depend on --jobs.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "linter/cli/batch.h"
#include "linter/cli/gate.h"
#include "linter/cli/inputs.h"
#include "support.h"

namespace fs = std::filesystem;
using checklint::glob_match;
using checklint::test::run_checklint;
using checklint::test::write_text;

namespace {

constexpr const char* kNumbering = "--color=never --ruleset fixtures/numbering/ruleset.toml ";
constexpr const char* kErrorDraft = "一、问题\n（一）学习方面\n（三）作风方面\n";  // 1 error
constexpr const char* kWarningDraft = "一、问题\n(一)学习方面\n(二)作风方面\n";    // 2 warnings
constexpr const char* kCleanDraft = "一、问题\n（一）学习方面\n（二）作风方面\n";

/// This process's scratch folder; the suite removes it when it ends.
fs::path scratch_root() { return fs::temp_directory_path() / ("checklint-batch-test-" + std::to_string(::getpid())); }

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch_root(), ec);
}

/// An empty folder of its own under the scratch folder.
fs::path fresh_dir(const std::string& name) {
  auto dir = scratch_root() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "' "; }

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

/// The file paths of a `--format json` report, relative to `root`, in report order.
std::vector<std::string> reported(const std::string& json, const fs::path& root) {
  std::vector<std::string> paths;
  const auto report = nlohmann::json::parse(json);
  for (const auto& file : report.at("files")) {
    paths.push_back(fs::path(file.at("path").get<std::string>()).lexically_relative(root).generic_string());
  }
  return paths;
}

/// A folder of drafts with one warning, one error and one clean file.
fs::path gating_dir() {
  auto dir = fresh_dir("gating");
  write_text(dir / "error.txt", kErrorDraft);
  write_text(dir / "warning.txt", kWarningDraft);
  write_text(dir / "clean.txt", kCleanDraft);
  return dir;
}

/// A rule set under which numbering/style reports at info level.
fs::path info_ruleset(const fs::path& dir) {
  auto path = dir / "info.toml";
  write_text(path, "[ruleset]\nextends = [\"" + (checklint::test::source_dir() / "fixtures/numbering/ruleset.toml").string() +
                       "\"]\n[rules.\"numbering/style\"]\nseverity = \"info\"\n");
  return path;
}

/// The walk fixture: drafts at several depths plus everything a walk must skip.
fs::path walk_tree() {
  auto root = fresh_dir("walk");
  for (const char* name : {"a.md", "b.txt", "sub/c.markdown", "sub/deep/d.txt", "archive/old.md", "upper.MD", "稿件/草稿.txt"}) {
    write_text(root / name, kCleanDraft);
  }
  for (const char* name : {"notes.rst", "image.png", ".hidden/e.md", ".f.md", "sub/.git/g.md"}) write_text(root / name, kCleanDraft);
  fs::create_directory_symlink(root, root / "loop");          // a directory symlink is not followed
  fs::create_directory_symlink(root / "sub", root / "s.md");  // not even when it is named like a draft
  return root;
}

/// Twenty drafts made from the bundled example, each broken in its own way, in three folders.
fs::path generated_drafts() {
  auto root = fresh_dir("parallel");
  const std::string example = checklint::test::read_text(checklint::test::source_dir() / "fixtures/examples/example.md");
  std::vector<std::string> paragraphs;
  std::istringstream in(example);
  for (std::string line; std::getline(in, line);) paragraphs.push_back(line);
  for (std::size_t i = 0; i < 20; ++i) {
    std::string draft;
    for (std::size_t j = 0; j < paragraphs.size(); ++j) {
      if (j != 0 && (j == (i * 3) % paragraphs.size() || j == (i * 7 + 5) % paragraphs.size())) continue;
      draft += paragraphs[j] + (j % 11 == i % 11 ? "XXX。。" : "") + '\n';
    }
    const std::string ext = i % 2 == 0 ? ".md" : ".txt";
    write_text(root / ("group" + std::to_string(i % 3)) / ("draft-" + std::to_string(i) + ext), draft);
  }
  write_text(root / "group1/broken.txt", "一、问题\n（一）学\xFF习\n");
  write_text(root / "group2/binary.md", std::string("PK\3\4\0\0", 6));
  return root;
}

/// Runs checklint with standard error merged into standard output, in the order written.
std::string run_merged(const std::string& args) {
  const auto out = scratch_root() / "merged.txt";
  const std::string command = "cd '" + checklint::test::source_dir().string() + "' && '" + CHECKLINT_BINARY + "' " + args +
                              " </dev/null >'" + out.string() + "' 2>&1";
  BOOST_TEST_REQUIRE(std::system(command.c_str()) != -1);
  return checklint::test::read_text(out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(batch, *boost::unit_test::fixture([] {}, remove_scratch))

BOOST_AUTO_TEST_CASE(glob_single_star_stays_in_one_segment) {
  BOOST_TEST(glob_match("*.md", "a.md"));
  BOOST_TEST(!glob_match("*.md", "sub/a.md"));
  BOOST_TEST(glob_match("sub/*.md", "sub/a.md"));
  BOOST_TEST(!glob_match("sub/*.md", "sub/deep/a.md"));
  BOOST_TEST(glob_match("*", "archive"));
  BOOST_TEST(glob_match("a*b*c", "aXbYc"));
  BOOST_TEST(!glob_match("a*b*c", "aXbY"));
  BOOST_TEST(glob_match("draft-?.txt", "draft-7.txt"));
  BOOST_TEST(glob_match("草稿?.txt", "草稿一.txt"));  // ? is one character, not one byte
  BOOST_TEST(!glob_match("?", "/"));
  BOOST_TEST(glob_match("a.md", "a.md"));
  BOOST_TEST(!glob_match("a.md", "a.mdx"));
  BOOST_TEST(!glob_match("", "a"));
  BOOST_TEST(glob_match("", ""));
}

BOOST_AUTO_TEST_CASE(glob_double_star_crosses_segments) {
  BOOST_TEST(glob_match("**/*.md", "a.md"));  // `**/` may match no folder at all
  BOOST_TEST(glob_match("**/*.md", "sub/deep/a.md"));
  BOOST_TEST(!glob_match("**/*.md", "sub/a.txt"));
  BOOST_TEST(glob_match("archive/**", "archive/2023/old.md"));
  BOOST_TEST(glob_match("archive/**", "archive/"));
  BOOST_TEST(!glob_match("archive/**", "archives/old.md"));
  BOOST_TEST(glob_match("**", "any/thing.txt"));
  BOOST_TEST(glob_match("sub/**/d.txt", "sub/d.txt"));
  BOOST_TEST(glob_match("sub/**/d.txt", "sub/x/y/d.txt"));
  BOOST_TEST(glob_match("**/drafts/**", "a/drafts/b.md"));
  BOOST_TEST(glob_match("a**z", "a/b/z"));
}

BOOST_AUTO_TEST_CASE(draft_names_by_extension) {
  for (const char* name : {"a.md", "a.markdown", "a.txt", "A.MD", "稿.Txt"}) BOOST_TEST(checklint::is_draft_name(name), name);
  for (const char* name : {"a.rst", "md", "a.md.bak", "a.text"}) BOOST_TEST(!checklint::is_draft_name(name), name);
}

BOOST_AUTO_TEST_CASE(parallel_for_runs_every_index_once_and_rethrows) {
  std::vector<std::atomic<int>> hits(100);
  checklint::parallel_for(hits.size(), 4, [&](std::size_t i) { ++hits[i]; });
  for (const auto& hit : hits) BOOST_TEST(hit.load() == 1);
  BOOST_CHECK_THROW(checklint::parallel_for(10, 3,
                                            [](std::size_t i) {
                                              if (i == 7) throw std::runtime_error("task failed");
                                            }),
                    std::runtime_error);
  BOOST_TEST(checklint::worker_count(8, 3) == 3U);
  BOOST_TEST(checklint::worker_count(2, 30) == 2U);
  BOOST_TEST(checklint::worker_count(0, 0) == 1U);
  BOOST_TEST(checklint::worker_count(0, 1000) >= 1U);
}

BOOST_AUTO_TEST_CASE(ordered_for_consumes_in_order_within_the_window) {
  for (const unsigned workers : {1U, 2U, 3U}) {
    constexpr std::size_t kCount = 200;
    constexpr std::size_t kWindow = 5;
    std::atomic<std::size_t> consumed{0};
    std::atomic<std::size_t> ahead{0};  // the furthest a task started past the last one consumed
    std::vector<std::atomic<int>> produced(kCount);
    std::vector<std::size_t> order;
    const bool completed = checklint::ordered_for(
        kCount, workers, kWindow,
        [&](std::size_t i) {
          const std::size_t lead = i - consumed.load();
          for (std::size_t seen = ahead.load(); lead > seen && !ahead.compare_exchange_weak(seen, lead);) {
          }
          if (i % 7 == 0) std::this_thread::yield();  // finish out of order now and then
          ++produced[i];
        },
        [&](std::size_t i) {
          BOOST_TEST(produced[i].load() == 1);
          order.push_back(i);
          consumed = i + 1;
          return true;
        });
    BOOST_TEST(completed);
    BOOST_TEST(order.size() == kCount);
    BOOST_TEST(std::is_sorted(order.begin(), order.end()));
    BOOST_TEST(ahead.load() < kWindow, "a task started " << ahead.load() << " ahead with " << workers << " workers");
    for (const auto& p : produced) BOOST_TEST(p.load() == 1);
  }
}

BOOST_AUTO_TEST_CASE(ordered_for_stops_and_rethrows) {
  for (const unsigned workers : {1U, 2U}) {
    std::atomic<std::size_t> started{0};
    std::vector<std::size_t> order;
    const bool completed = checklint::ordered_for(
        100, workers, 4, [&](std::size_t) { ++started; },
        [&](std::size_t i) {
          order.push_back(i);
          return i < 9;
        });
    BOOST_TEST(!completed);
    BOOST_TEST(order.size() == 10U);
    BOOST_TEST(started.load() <= 14U);  // nothing past the window of the last one consumed
    BOOST_CHECK_THROW(checklint::ordered_for(
                          30, workers, 4,
                          [](std::size_t i) {
                            if (i == 17) throw std::runtime_error("task failed");
                          },
                          [](std::size_t) { return true; }),
                      std::runtime_error);
    BOOST_CHECK_THROW(checklint::ordered_for(
                          30, workers, 4, [](std::size_t) {},
                          [](std::size_t i) -> bool {
                            if (i == 3) throw std::runtime_error("report failed");
                            return true;
                          }),
                      std::runtime_error);
  }
}

// Each item records the thread that destroyed it.
struct Recorded {
  std::vector<std::thread::id>* deaths;
  Recorded(const Recorded&) = delete;
  Recorded& operator=(const Recorded&) = delete;
  Recorded(Recorded&&) = delete;
  Recorded& operator=(Recorded&&) = delete;
  explicit Recorded(std::vector<std::thread::id>* d) : deaths(d) {}
  ~Recorded() { deaths->push_back(std::this_thread::get_id()); }
};

BOOST_AUTO_TEST_CASE(retire_bin_destroys_on_the_thread_that_empties_it) {
  std::vector<std::thread::id> deaths;
  std::thread::id emptier;
  {
    checklint::RetireBin<Recorded> bin;
    bin.put(std::make_unique<Recorded>(&deaths));
    bin.put(std::make_unique<Recorded>(&deaths));
    bin.put(nullptr);            // ignored
    BOOST_TEST(deaths.empty());  // put() keeps them
    std::thread worker([&] {
      emptier = std::this_thread::get_id();
      bin.empty();
    });
    worker.join();
    BOOST_TEST(deaths.size() == 2U);
    for (const auto& id : deaths) BOOST_TEST((id == emptier));
    bin.empty();  // nothing left
    BOOST_TEST(deaths.size() == 2U);
    bin.put(std::make_unique<Recorded>(&deaths));
  }  // what is left goes with the bin
  BOOST_TEST(deaths.size() == 3U);
  BOOST_TEST((deaths.back() == std::this_thread::get_id()));
}

BOOST_AUTO_TEST_CASE(gate_counts_and_thresholds) {
  using checklint::Severity;
  checklint::Tally tally;
  tally.by_severity = {3, 2, 0};  // info, warning, error
  checklint::Gate gate;
  BOOST_TEST(!checklint::fails(tally, gate));
  gate.threshold = Severity::Warning;
  BOOST_TEST(checklint::fails(tally, gate));
  gate.threshold = Severity::Error;
  gate.max_warnings = 2;
  BOOST_TEST(!checklint::fails(tally, gate));
  gate.max_warnings = 1;
  BOOST_TEST(checklint::fails(tally, gate));
  gate.exit_zero = true;
  BOOST_TEST(!checklint::fails(tally, gate));
}

BOOST_AUTO_TEST_CASE(statistics_sort_by_count_then_id) {
  checklint::Tally tally;
  tally.by_severity = {1, 3, 2};
  tally.files = 4;
  tally.by_rule["b/rule"] = {2, checklint::Severity::Warning};
  tally.by_rule["a/rule"] = {2, checklint::Severity::Error};
  tally.by_rule["c/long-rule"] = {1, checklint::Severity::Info};
  tally.by_rule["z/rule"] = {1, checklint::Severity::Warning};
  std::ostringstream out;
  checklint::write_statistics(out, tally, checklint::Lang::En);
  BOOST_TEST(out.str() ==
             "statistics by rule:\n"
             "  2  a/rule       error\n"
             "  2  b/rule       warning\n"
             "  1  c/long-rule  info\n"
             "  1  z/rule       warning\n"
             "6 diagnostic(s) (2 error(s), 3 warning(s), 1 info(s)) in 4 file(s)\n");
}

BOOST_AUTO_TEST_CASE(severity_threshold_sets_what_fails) {
  const auto dir = gating_dir();
  const auto warning = quoted(dir / "warning.txt");
  const auto error = quoted(dir / "error.txt");
  BOOST_TEST(run_checklint(kNumbering + warning).exit_code == 0);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold error " + warning).exit_code == 0);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold warning " + warning).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold info " + warning).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold warning " + error).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold info " + quoted(dir / "clean.txt")).exit_code == 0);

  const auto infos = "--color=never --ruleset " + quoted(info_ruleset(dir)) + warning;
  BOOST_TEST(run_checklint(infos + "--severity-threshold warning").exit_code == 0);
  BOOST_TEST(run_checklint(infos + "--severity-threshold info").exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--severity-threshold fatal " + warning).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(max_warnings_fails_only_above_the_limit) {
  const auto dir = gating_dir();
  const auto warning = quoted(dir / "warning.txt");  // two warnings
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 0 " + warning).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 1 " + warning).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 2 " + warning).exit_code == 0);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 0 " + quoted(dir / "clean.txt")).exit_code == 0);
  // The limit is over the whole run, and errors still fail below it.
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 3 " + quoted(dir)).exit_code == 1);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 3 --exclude error.txt " + quoted(dir)).exit_code == 0);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings 1 --exclude error.txt " + quoted(dir)).exit_code == 1);
  // Infos never count as warnings.
  const auto infos = "--color=never --ruleset " + quoted(info_ruleset(dir)) + warning;
  BOOST_TEST(run_checklint(infos + "--max-warnings 0").exit_code == 0);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings -1 " + warning).exit_code == 2);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--max-warnings many " + warning).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(exit_zero_hides_findings_but_not_input_errors) {
  const auto dir = gating_dir();
  auto r = run_checklint(std::string(kNumbering) + "--exit-zero --severity-threshold info --max-warnings 0 " + quoted(dir));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "[numbering/sequence]"));
  r = run_checklint(std::string(kNumbering) + "--exit-zero " + quoted(dir) + "/nonexistent/draft.txt");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "/nonexistent/draft.txt: error: 无法打开文件"));
  BOOST_TEST(run_checklint("--exit-zero --ruleset nope " + quoted(dir)).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(statistics_follow_a_human_report) {
  const auto dir = gating_dir();
  auto r = run_checklint(std::string(kNumbering) + "--statistics " + quoted(dir));
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "\n\n按规则统计：\n  2  numbering/style     警告\n  1  numbering/sequence  错误\n"
                             "共 3 条（错误 1、警告 2、提示 0），3 个文件\n"),
             r.out);
  BOOST_TEST(r.err.empty(), r.err);
  r = run_checklint(std::string(kNumbering) + "--statistics --lang en " + quoted(dir / "clean.txt"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "statistics by rule:\n0 diagnostic(s) (0 error(s), 0 warning(s), 0 info(s)) in 1 file(s)\n"), r.out);
}

BOOST_AUTO_TEST_CASE(statistics_go_to_stderr_for_machine_formats) {
  const auto dir = gating_dir();
  for (const char* format : {"json", "sarif"}) {
    const auto r = run_checklint(std::string(kNumbering) + "--statistics --lang en --format " + format + " " + quoted(dir));
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(nlohmann::json::accept(r.out));
    BOOST_TEST(contains(r.err, "statistics by rule:\n  2  numbering/style     warning\n  1  numbering/sequence  error\n"), r.err);
  }
}

BOOST_AUTO_TEST_CASE(a_directory_is_walked_in_path_order) {
  const auto root = walk_tree();
  const auto r = run_checklint(std::string(kNumbering) + "--format json " + quoted(root));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.err.empty(), r.err);
  const std::vector<std::string> expected{"a.md", "archive/old.md", "b.txt", "sub/c.markdown", "sub/deep/d.txt", "upper.MD", "稿件/草稿.txt"};
  BOOST_TEST(reported(r.out, root) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(include_and_exclude_globs) {
  const auto root = walk_tree();
  const auto walk = [&](const std::string& filters) {
    const auto r = run_checklint(std::string(kNumbering) + "--format json " + filters + " " + quoted(root));
    BOOST_TEST(r.exit_code == 0, r.err);
    return reported(r.out, root);
  };
  using Paths = std::vector<std::string>;
  BOOST_TEST(walk("--exclude archive") == (Paths{"a.md", "b.txt", "sub/c.markdown", "sub/deep/d.txt", "upper.MD", "稿件/草稿.txt"}),
             boost::test_tools::per_element());
  // `*` stays in the top folder: only b.txt goes.
  BOOST_TEST(walk("--exclude '*.txt'") ==
                 (Paths{"a.md", "archive/old.md", "sub/c.markdown", "sub/deep/d.txt", "upper.MD", "稿件/草稿.txt"}),
             boost::test_tools::per_element());
  BOOST_TEST(walk("--exclude '**/*.txt' --exclude 'archive/**'") == (Paths{"a.md", "sub/c.markdown", "upper.MD"}),
             boost::test_tools::per_element());
  BOOST_TEST(walk("--include 'sub/**'") == (Paths{"sub/c.markdown", "sub/deep/d.txt"}), boost::test_tools::per_element());
  BOOST_TEST(walk("--include '*.md' --include '**/d.txt'") == (Paths{"a.md", "sub/deep/d.txt"}), boost::test_tools::per_element());
  BOOST_TEST(walk("--include '**' --exclude 'sub/*/*'") ==
                 (Paths{"a.md", "archive/old.md", "b.txt", "sub/c.markdown", "upper.MD", "稿件/草稿.txt"}),
             boost::test_tools::per_element());
  // --include narrows the draft extensions, it does not widen them.
  BOOST_TEST(walk("--include '*.rst'").empty());
}

BOOST_AUTO_TEST_CASE(files_given_by_name_bypass_the_filters_and_come_once) {
  const auto root = walk_tree();
  const auto r = run_checklint(std::string(kNumbering) + "--format json --exclude '**' " + quoted(root / "b.txt") + quoted(root) +
                               quoted(root / "notes.rst") + quoted(root / "b.txt"));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(reported(r.out, root) == (std::vector<std::string>{"b.txt", "notes.rst"}), boost::test_tools::per_element());
  BOOST_TEST(contains(r.err, "warning: 目录“" + root.string()), r.err);  // nothing left in the folder
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_reported_and_the_rest_linted) {
  const auto root = fresh_dir("unreadable");
  write_text(root / "a.txt", kErrorDraft);
  write_text(root / "z.txt", kWarningDraft);
  const auto bad = root / "m.txt";
  if (::geteuid() != 0) {
    write_text(bad, kCleanDraft);
    fs::permissions(bad, fs::perms::none);
  } else {
    fs::create_symlink(root / "missing-target.txt", bad);  // root reads anything: a dangling link instead
  }
  const auto r = run_checklint(kNumbering + quoted(root));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, bad.string() + ": error: 无法打开文件"), r.err);
  BOOST_TEST(contains(r.out, "a.txt:3:1"), r.out);
  BOOST_TEST(contains(r.out, "z.txt:2:1"), r.out);
  BOOST_TEST(contains(r.out, "（2 个文件）"), r.out);
  BOOST_TEST(run_checklint(std::string(kNumbering) + "--exit-zero " + quoted(root)).exit_code == 2);
  if (::geteuid() != 0) fs::permissions(bad, fs::perms::owner_all);
}

BOOST_AUTO_TEST_CASE(a_broken_draft_is_reported_in_its_place_in_the_stream) {
  // The report streams draft by draft: a draft that cannot be read is reported when the report
  // reaches it, between the drafts before and after it, however many run at once.
  const auto root = fresh_dir("streamed");
  for (int i = 0; i < 12; ++i) write_text(root / fmt::format("d{:02}.txt", i), i % 2 == 0 ? kErrorDraft : kWarningDraft);
  write_text(root / "d05.txt", "一、问题\n（一）学\xFF习\n");
  for (const char* jobs : {"-j1", "-j2", "-j3"}) {
    const std::string text = run_merged(std::string(kNumbering) + jobs + " " + quoted(root));
    const auto at = [&](const std::string& needle) { return text.find(needle); };
    BOOST_TEST(at("d04.txt:3:1:") < at("d05.txt:2:"), text);
    BOOST_TEST(at("d05.txt:2:") < at("d06.txt:3:1:"), text);
    BOOST_TEST(at("d06.txt:3:1:") != std::string::npos, text);
    BOOST_TEST(contains(text, "共 6 个错误、10 个警告、0 个提示（11 个文件）\n"), text);
    const auto json = run_checklint(std::string(kNumbering) + jobs + " --format json " + quoted(root));
    BOOST_TEST(json.exit_code == 2);
    const auto paths = reported(json.out, root);
    BOOST_TEST(paths.size() == 11U);
    BOOST_TEST(std::is_sorted(paths.begin(), paths.end()));
    BOOST_TEST((std::find(paths.begin(), paths.end(), "d05.txt") == paths.end()));
    BOOST_TEST(nlohmann::json::parse(json.out).at("summary").at("files") == 11);
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_folder_is_reported_when_not_root) {
  if (::geteuid() == 0) return;  // root lists any folder
  const auto root = fresh_dir("locked");
  write_text(root / "a.txt", kErrorDraft);
  write_text(root / "locked/b.txt", kCleanDraft);
  fs::permissions(root / "locked", fs::perms::none);
  const auto r = run_checklint(kNumbering + quoted(root));
  fs::permissions(root / "locked", fs::perms::owner_all);
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "locked: error: cannot read directory"), r.err);
  BOOST_TEST(contains(r.out, "a.txt:3:1"), r.out);
}

BOOST_AUTO_TEST_CASE(parallel_output_does_not_depend_on_jobs) {
  const auto root = generated_drafts();
  for (const std::string format : {"human", "json", "sarif", "github", "junit", "lsp"}) {
    const auto args = "--color=never --statistics --format " + format + " " + quoted(root);
    const auto serial = run_checklint("--jobs 1 " + args);
    BOOST_TEST(serial.exit_code == 2);  // the broken and the binary draft
    BOOST_TEST(contains(serial.err, "broken.txt:2:13: error: 第 25 字节（从 0 起）处的 0xFF 不是有效的 UTF-8 编码"), serial.err);
    for (int round = 0; round < 3; ++round) {
      const auto parallel = run_checklint("--jobs 4 " + args);
      BOOST_TEST(parallel.exit_code == serial.exit_code);
      BOOST_TEST(parallel.out == serial.out, format << " stdout differs with --jobs 4");
      BOOST_TEST(parallel.err == serial.err, format << " stderr differs with --jobs 4");
    }
  }
  const auto json = run_checklint("--jobs 4 --format json " + quoted(root));
  const auto paths = reported(json.out, root);
  BOOST_TEST(paths.size() == 20U);
  BOOST_TEST(std::is_sorted(paths.begin(), paths.end()));
  BOOST_TEST(paths.front() == "group0/draft-0.md");
}

BOOST_AUTO_TEST_CASE(jobs_must_be_positive) {
  BOOST_TEST(run_checklint("--jobs 0 x.txt").exit_code == 2);
  BOOST_TEST(run_checklint("--jobs many x.txt").exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
