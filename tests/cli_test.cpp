// The command line's contract: exit codes, errors with positions, stdin, subcommands.
#include <boost/test/unit_test.hpp>

#include "support.h"

using checklint::test::run_checklint;

namespace {

/// Numbering rules only: the drafts below are excerpts, not whole materials.
const std::string kNumbering = "--ruleset fixtures/numbering/ruleset.toml ";

std::filesystem::path temp_file(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / "checklint-cli-test" / name;
  checklint::test::write_text(path, bytes);
  return path;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(clean_draft_exits_zero) {
  const auto path = temp_file("clean.txt", "一、问题\n（一）学习方面\n（二）作风方面\n二、原因\n");
  const auto r = run_checklint("--color=never " + kNumbering + path.string());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "未发现问题"));
}

BOOST_AUTO_TEST_CASE(error_diagnostic_exits_one_warning_alone_zero) {
  const auto gap = temp_file("gap.txt", "一、问题\n（一）学习方面\n（三）作风方面\n");
  BOOST_TEST(run_checklint(kNumbering + gap.string()).exit_code == 1);
  const auto style = temp_file("style.txt", "一、问题\n(一)学习方面\n");
  const auto r = run_checklint("--color=never " + kNumbering + style.string());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "[numbering/style]"));
}

BOOST_AUTO_TEST_CASE(stdin_with_a_filename) {
  const auto r = run_checklint("--color=never " + kNumbering + "--stdin-filename draft.md -", "# 题目材料\n\n一、问题\n\n（二）作风\n");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "draft.md:5:1: 错误: 编号应从“（一）”开始"));
}

BOOST_AUTO_TEST_CASE(unreadable_inputs_exit_two_with_a_position) {
  auto r = run_checklint("/nonexistent/draft.txt");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "/nonexistent/draft.txt: error: 无法打开文件"));

  const auto bad = temp_file("bad.txt", "一、问题\n（一）学\xFF习\n");
  r = run_checklint(bad.string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "bad.txt:2:13: error: 第 25 字节（从 0 起）处的 0xFF 不是有效的 UTF-8 编码"), r.err);

  const auto binary = temp_file("bin.txt", std::string("PK\3\4\0\0", 6));
  r = run_checklint(binary.string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "二进制文件：第 4 字节（从 0 起）处是 NUL 字节"), r.err);

  // A directory is walked (tests/batch_test.cpp); one without drafts gets a warning, not an error.
  const auto empty = std::filesystem::temp_directory_path() / "checklint-cli-test" / "empty";
  std::filesystem::create_directories(empty);
  r = run_checklint("--lang en " + empty.string());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.err, "warning: no drafts (.md, .markdown, .txt, .docx) found in directory"), r.err);
}

BOOST_AUTO_TEST_CASE(good_files_are_still_reported_when_another_fails) {
  const auto gap = temp_file("gap2.txt", "一、问题\n（一）学习方面\n（三）作风方面\n");
  const auto r = run_checklint("--color=never " + kNumbering + "/nonexistent.txt " + gap.string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.out, "[numbering/sequence]"));
}

BOOST_AUTO_TEST_CASE(rule_set_errors_exit_two_with_file_line_col) {
  const auto set = temp_file("set.toml", "[rules.\"numbering/style\"]\nseverity = \"loud\"\n");
  const auto draft = temp_file("ok.txt", "一、问题\n");
  auto r = run_checklint("--ruleset " + set.string() + " " + draft.string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "set.toml:2:12: error: unknown severity 'loud'"), r.err);

  r = run_checklint("--ruleset nope " + draft.string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "error: unknown rule set 'nope'"), r.err);
}

BOOST_AUTO_TEST_CASE(a_rule_set_can_raise_a_warning_to_an_error) {
  const auto set = temp_file("strict.toml", "[ruleset]\nextends = [\"" + (checklint::test::source_dir() / "fixtures/numbering/ruleset.toml").string() +
                                                 "\"]\n[rules.\"numbering/style\"]\nseverity = \"error\"\n");
  const auto draft = temp_file("style2.txt", "一、问题\n(一)学习方面\n");
  const auto r = run_checklint("--color=never --ruleset " + set.string() + " " + draft.string());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "错误: 序号“(一)”写法不规范"), r.out);
}

BOOST_AUTO_TEST_CASE(rules_and_explain) {
  auto r = run_checklint("rules");
  BOOST_TEST(r.exit_code == 0);
  for (const char* id : {"numbering/sequence", "numbering/hierarchy", "numbering/style", "numbering/count"}) {
    BOOST_TEST(contains(r.out, id));
  }
  r = run_checklint("explain numbering/style");
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "# numbering/style"));
  BOOST_TEST(contains(r.out, "## 作用"));
  r = run_checklint("explain numbering/nope");
  BOOST_TEST(r.exit_code == 2);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_two) {
  BOOST_TEST(run_checklint("").exit_code == 2);
  BOOST_TEST(run_checklint("--color=sometimes x.txt").exit_code == 2);
}

BOOST_AUTO_TEST_CASE(a_gap_is_renumbered_by_fix_when_unambiguous) {
  const auto gap = temp_file("renumber.txt", "一、问题\n（一）学习方面。\n（三）作风方面。\n（四）纪律方面。\n二、原因\n");
  auto r = run_checklint("--fix " + kNumbering + gap.string());
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(checklint::test::read_text(gap) == "一、问题\n（一）学习方面。\n（二）作风方面。\n（三）纪律方面。\n二、原因\n");
  // A swap (（三）（二）) has no single right answer: no renumbering is offered.
  const auto swap = temp_file("swap.txt", "一、问题\n（一）甲。\n（三）乙。\n（二）丙。\n");
  r = run_checklint("--fix " + kNumbering + swap.string());
  BOOST_TEST(checklint::test::read_text(swap) == "一、问题\n（一）甲。\n（三）乙。\n（二）丙。\n");
}

BOOST_AUTO_TEST_CASE(baseline_accepts_old_findings_and_reports_new_ones) {
  const auto dir = std::filesystem::temp_directory_path() / "checklint-cli-test" / "baseline";
  std::filesystem::remove_all(dir);
  const std::string draft = "一、问题\n（一）学习方面\n（三）作风方面\n(四)纪律方面\n";
  checklint::test::write_text(dir / "draft.txt", draft);
  const std::string files = "--color=never " + kNumbering + (dir / "draft.txt").string();
  const std::string base = (dir / "base.json").string();
  auto r = run_checklint("--write-baseline " + base + " " + files);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.err, "2"), r.err);
  // An inserted paragraph moves every line; the old findings stay accepted.
  checklint::test::write_text(dir / "draft.txt", "会前，班子认真学习了有关文件。\n" + draft);
  r = run_checklint("--baseline " + base + " " + files);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "未发现问题"), r.out);
  // A new mistake is reported.
  checklint::test::write_text(dir / "draft.txt", draft + "(六)其他方面\n");
  r = run_checklint("--baseline " + base + " " + files);
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "draft.txt:5:1:"), r.out);
  r = run_checklint("--baseline /nonexistent/base.json " + files);
  BOOST_TEST(r.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
