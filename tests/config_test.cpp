// .checklint.toml: discovery, rule-set choice, [rules] overlays, overrides, ignore, errors, init.
#include <sys/wait.h>

#include <cstdlib>

#include <boost/test/unit_test.hpp>

#include "support.h"

using checklint::test::contains;
using checklint::test::quoted;
using checklint::test::run_checklint;
using checklint::test::write_text;

namespace {

namespace fs = std::filesystem;

/// Numbering rules only, so that the excerpt below has one warning: numbering/style.
const std::string kNumbering = (checklint::test::source_dir() / "fixtures/numbering/ruleset.toml").string();
const std::string kDraft = "一、问题\n(一)学习方面\n";

fs::path temp_dir(const std::string& name) { return checklint::test::fresh_dir("config", name); }

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

BOOST_AUTO_TEST_CASE(extends_inherits_and_the_extending_file_wins) {
  const auto dir = temp_dir("extends");
  write_text(dir / "team.toml", "ruleset = \"" + kNumbering +
                                    "\"\nignore = [\"草稿/**\"]\n[rules.\"numbering/style\"]\nseverity = \"error\"\n");
  write_text(dir / "a/.checklint.toml", "extends = \"../team.toml\"\n");
  write_text(dir / "b/.checklint.toml",
             "extends = [\"../team.toml\"]\n[rules.\"numbering/style\"]\nenabled = false\n");
  write_text(dir / "a/d.txt", kDraft);
  write_text(dir / "b/d.txt", kDraft);
  write_text(dir / "草稿/d.txt", kDraft);
  auto r = run_checklint("--color=never " + quoted(dir / "a/d.txt"));
  BOOST_TEST(r.exit_code == 1);  // the team's severity
  BOOST_TEST((contains(r.out, "错误: ") && contains(r.out, "[numbering/style]")), r.out);
  BOOST_TEST(!contains(r.out, "选用"), r.out);  // the team's rule set, not one chosen from the draft
  r = run_checklint("--color=never " + quoted(dir / "b/d.txt"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(!contains(r.out, "numbering/style"), r.out);  // b's own [rules] come after the team's
  // The team file's ignore globs stay relative to the team file's folder.
  write_text(dir / "草稿/.checklint.toml", "extends = \"../team.toml\"\n");
  write_text(dir / "x/.checklint.toml", "extends = \"../team.toml\"\n");
  r = run_checklint("--color=never --config " + quoted(dir / "team.toml") + " " + quoted(dir));
  BOOST_TEST(!contains(r.out, "草稿"), r.out);
  BOOST_TEST(contains(r.out, "a/d.txt"), r.out);
}

BOOST_AUTO_TEST_CASE(extends_errors_have_positions) {
  const auto dir = temp_dir("extends-errors");
  write_text(dir / "d.txt", kDraft);
  write_text(dir / ".checklint.toml", "\nextends = \"b.toml\"\n");
  write_text(dir / "b.toml", "extends = [\"c.toml\"]\n");
  write_text(dir / "c.toml", "extends = [\"x.toml\", \".checklint.toml\"]\n");
  write_text(dir / "x.toml", "ruleset = \"" + kNumbering + "\"\n");
  auto r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "c.toml:1:22: error: configuration extends itself: "), r.err);
  BOOST_TEST(contains(r.err, ".checklint.toml -> "), r.err);
  write_text(dir / "c.toml", "extends = \"missing.toml\"\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "c.toml:1:11: error: cannot read the configuration file"), r.err);
  write_text(dir / "c.toml", "extends = \"/etc/passwd\"\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(contains(r.err, "c.toml:1:11: error: 'extends' may name only .toml files"), r.err);
  write_text(dir / "c.toml", "extends = 3\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(contains(r.err, "c.toml:1:11: error: 'extends' must be a path or an array of paths"), r.err);
  write_text(dir / "c.toml", "[rules.\"numbering/nope\"]\nenabled = false\n");
  write_text(dir / "b.toml", "ruleset = \"" + kNumbering + "\"\nextends = [\"c.toml\"]\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "c.toml:1:8: error: unknown rule 'numbering/nope'"), r.err);  // in the file that wrote it
}

BOOST_AUTO_TEST_CASE(a_ruleset_that_does_not_exist_is_reported_where_it_is_named) {
  const auto dir = temp_dir("bad-ruleset");
  write_text(dir / "d.txt", kDraft);
  write_text(dir / ".checklint.toml", "# team settings\nruleset = \"2099-annual\"\n");
  auto r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, ".checklint.toml:2:11: error: unknown rule set '2099-annual'"), r.err);
  write_text(dir / ".checklint.toml", "[[overrides]]\nfiles = [\"*.txt\"]\nruleset = \"sets/none.toml\"\n");
  r = run_checklint(quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, ".checklint.toml:3:11: error: cannot read rule set"), r.err);
}

BOOST_AUTO_TEST_CASE(fix_and_diff_follow_the_configuration) {
  const auto dir = temp_dir("fix");
  write_text(dir / ".checklint.toml", "ruleset = \"" + kNumbering + "\"\nignore = [\"旧/**\"]\n" +
                                          "[[overrides]]\nfiles = [\"关/**\"]\n[overrides.rules.\"numbering/style\"]\nenabled = false\n");
  write_text(dir / "d.txt", kDraft);
  write_text(dir / "关/d.txt", kDraft);
  write_text(dir / "旧/d.txt", kDraft);
  auto r = run_checklint("--diff " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "+（一）学习方面"), r.out);
  r = run_checklint("--diff " + quoted(dir / "关/d.txt"));
  BOOST_TEST(r.out.empty(), r.out);  // the rule is off there, so there is nothing to fix
  r = run_checklint("--fix " + quoted(dir));
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(checklint::test::read_text(dir / "d.txt") == "一、问题\n（一）学习方面\n");
  BOOST_TEST(checklint::test::read_text(dir / "关/d.txt") == kDraft);
  BOOST_TEST(checklint::test::read_text(dir / "旧/d.txt") == kDraft);  // ignored in the walk
  r = run_checklint("--fix --no-config --ruleset " + kNumbering + " " + quoted(dir / "关/d.txt"));
  BOOST_TEST(checklint::test::read_text(dir / "关/d.txt") == "一、问题\n（一）学习方面\n");
  write_text(dir / ".checklint.toml", "ruleset = 1\n");
  r = run_checklint("--fix " + quoted(dir / "d.txt"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, ".checklint.toml:1:11: error: 'ruleset' must be a string"), r.err);
}

BOOST_AUTO_TEST_SUITE_END()
