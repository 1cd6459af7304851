// .checklint.toml: discovery, rule-set choice, [rules] overlays, overrides, ignore, errors, init.
#include <sys/wait.h>

#include <cstdlib>

#include <boost/test/unit_test.hpp>

#include "support.h"

using checklint::test::run_checklint;
using checklint::test::write_text;

namespace {

namespace fs = std::filesystem;

/// Numbering rules only, so that the excerpt below has one warning: numbering/style.
const std::string kNumbering = (checklint::test::source_dir() / "fixtures/numbering/ruleset.toml").string();
const std::string kDraft = "一、问题\n(一)学习方面\n";

/// A fresh folder for one test case.
fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / "checklint-config-test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

/// `checklint init ARGS` run inside `dir`; returns the exit code.
int run_init(const fs::path& dir, const std::string& args) {
  const std::string command = "cd " + quoted(dir) + " && '" + CHECKLINT_BINARY + "' init " + args + " >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(nearest_config_wins_and_outside_gets_defaults) {
  const auto dir = temp_dir("nearest");
  write_text(dir / "a/.checklint.toml", "ruleset = \"" + kNumbering + "\"\n[rules.\"numbering/style\"]\nseverity = \"error\"\n");
  write_text(dir / "a/b/.checklint.toml", "ruleset = \"" + kNumbering + "\"\n");
  write_text(dir / "a/d.txt", kDraft);
  write_text(dir / "a/b/d.txt", kDraft);
  write_text(dir / "x/d.txt", kDraft);
  BOOST_TEST(run_checklint("--color=never " + quoted(dir / "a/d.txt")).exit_code == 1);
  BOOST_TEST(run_checklint("--color=never " + quoted(dir / "a/b/d.txt")).exit_code == 0);
  const auto outside = run_checklint("--color=never " + quoted(dir / "x/d.txt"));
  BOOST_TEST(contains(outside.out, "选用"), outside.out);  // chosen from the draft, as without configuration
}

BOOST_AUTO_TEST_CASE(command_line_ruleset_beats_the_configs) {
  const auto dir = temp_dir("ruleset");
  write_text(dir / ".checklint.toml", "ruleset = \"numbering.toml\"\n");
  write_text(dir / "numbering.toml", checklint::test::read_text(kNumbering));
  write_text(dir / "d.txt", kDraft);
  auto r = run_checklint("--color=never " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(!contains(r.out, "structure/"), r.out);
  r = run_checklint("--color=never --ruleset generic " + quoted(dir / "d.txt"));
  BOOST_TEST(contains(r.out, "structure/"), r.out);
}

BOOST_AUTO_TEST_CASE(overrides_apply_by_glob_later_wins) {
  const auto dir = temp_dir("overrides");
  write_text(dir / ".checklint.toml", "ruleset = \"" + kNumbering +
                                          "\"\n[[overrides]]\nfiles = [\"个人/**\"]\n[overrides.rules.\"numbering/style\"]\n"
                                          "severity = \"error\"\n[[overrides]]\nfiles = [\"个人/ok.txt\"]\n"
                                          "[overrides.rules.\"numbering/style\"]\nenabled = false\n");
  write_text(dir / "个人/bad.txt", kDraft);
  write_text(dir / "个人/ok.txt", kDraft);
  write_text(dir / "d.txt", kDraft);
  BOOST_TEST(run_checklint(quoted(dir / "个人/bad.txt")).exit_code == 1);
  const auto ok = run_checklint("--color=never " + quoted(dir / "个人/ok.txt"));
  BOOST_TEST(!contains(ok.out, "numbering/style"), ok.out);
  BOOST_TEST(run_checklint(quoted(dir / "d.txt")).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(ignore_skips_walked_files) {
  const auto dir = temp_dir("ignore");
  write_text(dir / ".checklint.toml", "ruleset = \"" + kNumbering + "\"\nignore = [\"归档/**\", \"*.bak.md\"]\n");
  write_text(dir / "归档/old.txt", kDraft);
  write_text(dir / "x.bak.md", kDraft);
  write_text(dir / "d.txt", kDraft);
  const auto r = run_checklint("--color=never " + quoted(dir));
  BOOST_TEST(contains(r.out, "d.txt"));
  BOOST_TEST(!contains(r.out, "old.txt"), r.out);
  BOOST_TEST(!contains(r.out, "x.bak.md"), r.out);
}

BOOST_AUTO_TEST_CASE(errors_have_positions_and_exit_two) {
  const auto dir = temp_dir("errors");
  write_text(dir / ".checklint.toml", "ruleset = \"" + kNumbering + "\"\n[rules.\"numbering/nope\"]\nenabled = false\n");
  write_text(dir / "d.txt", kDraft);
  auto r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, ".checklint.toml:2:8: error: unknown rule 'numbering/nope'"), r.err);
  write_text(dir / ".checklint.toml", "\nignore = [\"/abs\"]\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, ".checklint.toml:2:11: error: invalid glob"), r.err);
  write_text(dir / ".checklint.toml", "bogus = 1\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(contains(r.err, ".checklint.toml:1:1: error: unknown top-level key 'bogus'"), r.err);
  BOOST_TEST(run_checklint("--no-config --ruleset " + kNumbering + " " + quoted(dir / "d.txt")).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(explicit_config_file) {
  const auto dir = temp_dir("explicit");
  write_text(dir / "strict.toml", "ruleset = \"" + kNumbering + "\"\n[rules.\"numbering/*\"]\nseverity = \"error\"\n");
  write_text(dir / "d.txt", kDraft);
  BOOST_TEST(run_checklint("--config " + quoted(dir / "strict.toml") + " " + quoted(dir / "d.txt")).exit_code == 1);
}

BOOST_AUTO_TEST_CASE(init_writes_a_loadable_file_once) {
  const auto dir = temp_dir("init");
  BOOST_TEST(run_init(dir, "") == 0);
  BOOST_TEST(contains(checklint::test::read_text(dir / ".checklint.toml"), "ruleset"));
  write_text(dir / "d.txt", kDraft);
  BOOST_TEST(run_checklint("--ruleset " + kNumbering + " " + quoted(dir / "d.txt")).exit_code == 0);
  BOOST_TEST(run_init(dir, "") == 2);
  BOOST_TEST(run_init(dir, "--force") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
