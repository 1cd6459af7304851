// Hostile and broken inputs (docs/reliability.md): each gets its exact expected
// behaviour, a clear error or ordinary diagnostics, and never a crash or a hang.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using checklint::test::contains;
using checklint::test::quoted;
using checklint::test::run_checklint;
using checklint::test::write_text;

namespace {

namespace fs = std::filesystem;

const std::string kNumbering = "--ruleset fixtures/numbering/ruleset.toml ";

fs::path fresh_dir(const std::string& name) { return checklint::test::fresh_dir("hostile", name); }

/// The rule ids of a `--format json` report's first file, in order.
std::vector<std::string> rules_of(const std::string& json) {
  std::vector<std::string> out;
  const auto report = nlohmann::json::parse(json);
  for (const auto& d : report.at("files").at(0).at("diagnostics")) out.push_back(d.at("rule").get<std::string>());
  return out;
}

/// The longest line of a text.
std::size_t longest_line(const std::string& text) {
  std::size_t longest = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, end - start);
    start = end + 1;
  }
  return longest;
}

/// Deterministic bytes that are not text (a linear congruential generator).
std::string noise(std::size_t size) {
  std::string out(size, '\0');
  std::uint32_t state = 12345;
  for (auto& c : out) {
    state = state * 1103515245U + 12345U;
    c = static_cast<char>((state >> 16) & 0xFF);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hostile)

BOOST_AUTO_TEST_CASE(an_empty_file_and_a_bom_alone_lack_every_part) {
  const auto dir = fresh_dir("empty");
  write_text(dir / "empty.txt", "");
  write_text(dir / "bom.txt", "\xEF\xBB\xBF");
  for (const char* name : {"empty.txt", "bom.txt"}) {
    const auto r = run_checklint("--ruleset generic --format json " + quoted(dir / name));
    BOOST_TEST(r.exit_code == 1, name << ": " << r.err);
    BOOST_TEST(rules_of(r.out) == (std::vector<std::string>(3, "structure/missing-part")), boost::test_tools::per_element());
  }
  // Nothing to fix: the BOM stays, byte for byte.
  BOOST_TEST(run_checklint("--fix " + quoted(dir / "bom.txt")).exit_code == 0);
  BOOST_TEST(checklint::test::read_text(dir / "bom.txt") == "\xEF\xBB\xBF");
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_text_are_refused_with_their_offset) {
  const auto dir = fresh_dir("bytes");
  write_text(dir / "nul.txt", std::string("一、问题\nab\0cd\n", 16));
  write_text(dir / "binary.md", noise(4096));
  auto r = run_checklint(kNumbering + quoted(dir / "nul.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "nul.txt:2:3: error: "), r.err);
  BOOST_TEST(contains(r.err, "NUL"), r.err);
  BOOST_TEST(r.out.find("未发现问题") == std::string::npos, r.out);  // no "all clear" for a file that was not read
  r = run_checklint(kNumbering + quoted(dir / "binary.md"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "binary.md:1:"), r.err);
  BOOST_TEST(contains(r.err, "error: "), r.err);
}

BOOST_AUTO_TEST_CASE(a_hundred_megabyte_file_is_refused_before_it_is_read) {
  const auto dir = fresh_dir("huge");
  write_text(dir / "huge.txt", "一、问题\n");
  fs::resize_file(dir / "huge.txt", std::uintmax_t{100} << 20);  // sparse: no disk, no time
  write_text(dir / "ok.txt", "一、问题\n");
  auto r = run_checklint(kNumbering + quoted(dir));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "huge.txt: error: 文件过大（100.0 MiB，checklint 最多读取 64 MiB）"), r.err);
  BOOST_TEST(contains(r.out, "（1 个文件）"), r.out);  // the other draft is still linted
  r = run_checklint(kNumbering + "--lang en -", std::string((std::size_t{64} << 20) + 1, 'a'));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "<stdin>: error: the file is too large"), r.err);
}

BOOST_AUTO_TEST_CASE(a_five_megabyte_line_is_linted_and_shown_as_a_window) {
  const auto dir = fresh_dir("long-line");
  std::string line = "一、存在的问题。";
  while (line.size() < 5U * 1024 * 1024) line += "学习不够深入，XXX，";
  write_text(dir / "line.txt", line + "\n");
  const auto r = run_checklint("--ruleset common --color=never " + quoted(dir / "line.txt"));
  BOOST_TEST(r.exit_code == 1, r.err);
  BOOST_TEST(contains(r.out, "[content/placeholder]"));
  BOOST_TEST(longest_line(r.out) < 400U);  // the source line is windowed around each span
}

BOOST_AUTO_TEST_CASE(a_hundred_thousand_headings) {
  const auto dir = fresh_dir("headings");
  std::string text;
  for (int i = 1; i <= 100000; ++i) text += "## 标题" + std::to_string(i) + "\n";
  text += "一、甲\n三、乙\n";  // one gap at the very end
  write_text(dir / "headings.md", text);
  const auto r = run_checklint(kNumbering + "--format json " + quoted(dir / "headings.md"));
  BOOST_TEST(r.exit_code == 1, r.err);
  const auto report = nlohmann::json::parse(r.out);
  const auto& diagnostics = report.at("files").at(0).at("diagnostics");
  BOOST_REQUIRE(diagnostics.size() == 1U);
  BOOST_TEST(diagnostics[0].at("rule").get<std::string>() == "numbering/sequence");
  BOOST_TEST(diagnostics[0].at("start").at("line").get<int>() == 100002);
}

BOOST_AUTO_TEST_CASE(ten_thousand_levels_of_block_quotes_and_lists) {
  const auto dir = fresh_dir("nesting");
  std::string quotes;
  for (int i = 0; i < 10000; ++i) quotes += "> ";
  write_text(dir / "quotes.md", quotes + "存在XXX的问题\n");
  std::string lists;
  for (int i = 0; i < 10000; ++i) lists += "- ";
  write_text(dir / "lists.md", lists + "存在XXX的问题\n正文\n");
  for (const char* name : {"quotes.md", "lists.md"}) {
    const auto r = run_checklint("--ruleset common --format json " + quoted(dir / name));
    BOOST_TEST(r.exit_code == 1, name << ": " << r.err);
    const auto report = nlohmann::json::parse(r.out);
    const auto& diagnostics = report.at("files").at(0).at("diagnostics");
    const auto placeholder = std::find_if(diagnostics.begin(), diagnostics.end(),
                                          [](const auto& d) { return d.at("rule") == "content/placeholder"; });
    BOOST_REQUIRE(placeholder != diagnostics.end());
    BOOST_TEST(placeholder->at("start").at("line").get<int>() == 1);
    BOOST_TEST(placeholder->at("start").at("column").get<int>() == 20003);  // after 10,000 two-byte markers and 存在
  }
}

BOOST_AUTO_TEST_CASE(carriage_returns_alone_end_lines) {
  const auto dir = fresh_dir("cr");
  write_text(dir / "cr.txt", "一、问题\r（一）学习方面\r（三）作风方面\r");
  const auto r = run_checklint(kNumbering + "--color=never " + quoted(dir / "cr.txt"));
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(contains(r.out, "cr.txt:3:1: 错误: 序号不连续"), r.out);
}

BOOST_AUTO_TEST_CASE(a_symlink_loop_in_a_folder_is_walked_once) {
  const auto dir = fresh_dir("loop");
  write_text(dir / "a/d.txt", "一、问题\n（一）学习方面\n");
  fs::create_directory_symlink("..", dir / "a/up");
  fs::create_directory_symlink(dir / "a", dir / "a/self");
  const auto r = run_checklint(kNumbering + "--format json " + quoted(dir));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(nlohmann::json::parse(r.out).at("files").size() == 1U);
}

BOOST_AUTO_TEST_CASE(rule_sets_with_hostile_patterns_and_toml) {
  const auto dir = fresh_dir("rulesets");
  write_text(dir / "d.txt", std::string(100000, 'a') + "b\n");
  write_text(dir / "a.txt", std::string(100000, 'a') + "\n");
  // Backtracking engines take exponential time on (a+)+$ against a's and a b; RE2 is linear.
  write_text(dir / "nested.toml",
             "[rules.\"my/nested\"]\nkind = \"existence\"\nmessage = \"x\"\npatterns = [\"(a+)+$\"]\n");
  auto r = run_checklint("--ruleset " + quoted(dir / "nested.toml") + " --format json " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(!contains(r.out, "my/nested"), r.out);
  r = run_checklint("--ruleset " + quoted(dir / "nested.toml") + " --format json " + quoted(dir / "a.txt"));
  BOOST_TEST(contains(r.out, "my/nested"), r.out);
  // A pattern RE2 cannot compile within its memory budget is an error at its position.
  write_text(dir / "huge.toml",
             "[rules.\"my/huge\"]\nkind = \"existence\"\nmessage = \"x\"\npatterns = [\"((a{100}){100}){100}\"]\n");
  r = run_checklint("--ruleset " + quoted(dir / "huge.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "huge.toml:4:"), r.err);
  BOOST_TEST(contains(r.err, "error: "), r.err);
  // Numbers past 64 bits, and arrays nested deeper than any rule set needs.
  write_text(dir / "number.toml", "[ruleset]\nyear = 99999999999999999999999\n");
  r = run_checklint("--ruleset " + quoted(dir / "number.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "number.toml:2:"), r.err);
  write_text(dir / "deep.toml", "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  r = run_checklint("--ruleset " + quoted(dir / "deep.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "deep.toml:1:"), r.err);
  std::string tables = "[a";
  for (int i = 0; i < 10000; ++i) tables += ".b";
  write_text(dir / "tables.toml", tables + "]\n");
  r = run_checklint("--ruleset " + quoted(dir / "tables.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "tables.toml:1:"), r.err);
}

BOOST_AUTO_TEST_CASE(a_rule_set_extends_only_toml_files_and_never_a_pipe) {
  const auto dir = fresh_dir("extends");
  write_text(dir / "d.txt", "一、问题\n");
  write_text(dir / "secret.toml", "[ruleset]\nextends = [\"/etc/passwd\"]\n");
  auto r = run_checklint("--ruleset " + quoted(dir / "secret.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "secret.toml:2:12: error: 'extends' may name only built-in rule sets and .toml files"), r.err);
  BOOST_TEST(::mkfifo((dir / "pipe.toml").c_str(), 0600) == 0);
  write_text(dir / "pipe-user.toml", "[ruleset]\nextends = [\"pipe.toml\"]\n");
  r = run_checklint("--ruleset " + quoted(dir / "pipe-user.toml") + " " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);  // reading the pipe would wait for a writer forever
  BOOST_TEST(contains(r.err, "pipe-user.toml:2:12: error: "), r.err);
  BOOST_TEST(contains(r.err, "pipe.toml' is not a regular file"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
