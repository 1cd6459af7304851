#include <boost/test/unit_test.hpp>

#include "linter/embedded.h"
#include "linter/rules/ruleset.h"
#include "support.h"

using namespace checklint;

namespace {

/// The error message parse_ruleset gives for `toml`, or "" when it loads.
std::string error_of(const std::string& toml) {
  try {
    (void)parse_ruleset(toml, "my.toml");
  } catch (const RuleSetError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ruleset)

BOOST_AUTO_TEST_CASE(builtin_common_enables_every_numbering_rule) {
  const auto set = load_ruleset("common");
  BOOST_TEST(set.id == "common");
  BOOST_TEST(set.origin == "rules/common.toml");
  for (const char* id : {"numbering/sequence", "numbering/hierarchy", "numbering/style", "numbering/count"}) {
    BOOST_TEST_CONTEXT(id) {
      BOOST_TEST_REQUIRE(set.rules.count(id) == 1U);
      BOOST_TEST(set.rules.at(id).enabled);
    }
  }
}

// Built-in sets are loaded without compiling their patterns to validate them (that was most of
// start-up), so this test is what keeps them valid: each file read as a user's file is validated
// entry by entry, and its shared index is compiled.
BOOST_AUTO_TEST_CASE(every_builtin_pattern_compiles) {
  for (const auto& id : builtin_ruleset_ids()) {
    BOOST_TEST_CONTEXT(id) {
      const std::string path = "rules/" + id + ".toml";
      const auto text = find_embedded(path);
      BOOST_TEST_REQUIRE(text.has_value());
      BOOST_CHECK_NO_THROW((void)parse_ruleset(*text, "copy-of-" + id + ".toml"));
      const auto set = load_ruleset(id);
      BOOST_TEST_REQUIRE(set.text_index != nullptr);
      BOOST_CHECK_NO_THROW((void)set.text_index->set());
      BOOST_TEST(set.text_index->patterns.size() == set.text_index->owners.size());
    }
  }
  // The check can fail: a broken pattern in a file read as a user's is reported with its position.
  BOOST_TEST(error_of("[rules.\"x/y\"]\nkind = \"existence\"\npatterns = [\"(\"]\n").find("my.toml:3:") == 0U);
}

BOOST_AUTO_TEST_CASE(settings_override_defaults) {
  const auto set = parse_ruleset(
      "[ruleset]\nid = \"mine\"\nextends = [\"common\"]\n"
      "[rules.\"numbering/style\"]\nseverity = \"error\"\n"
      "[rules.\"numbering/count\"]\nenabled = false\n",
      "my.toml");
  BOOST_TEST(set.id == "mine");
  BOOST_TEST((set.rules.at("numbering/style").severity == Severity::Error));
  BOOST_TEST(!set.rules.at("numbering/count").enabled);
  BOOST_TEST(set.rules.at("numbering/sequence").enabled);
}

BOOST_AUTO_TEST_CASE(errors_point_into_the_toml_file) {
  BOOST_TEST(error_of("[rules.\"numbering/nope\"]\n") == "my.toml:1:8: error: unknown rule 'numbering/nope'");
  BOOST_TEST(error_of("[ruleset]\nid = \"x\"\ncolour = 1\n") ==
             "my.toml:3:1: error: unknown key 'colour' in [ruleset] (expected id, name, description, theme, year, extends, "
             "part_order, dimensions_from_draft)");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nseverity = \"fatal\"\n") ==
             "my.toml:2:12: error: unknown severity 'fatal' (expected error, warning or info)");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nenabled = \"yes\"\n") ==
             "my.toml:2:11: error: 'enabled' must be true or false");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nthreshold = 3\n") ==
             "my.toml:2:1: error: unknown option 'threshold' for rule 'numbering/style'");
  BOOST_TEST(error_of("[part]\n") ==
             "my.toml:1:2: error: unknown top-level key 'part' (expected ruleset, detect, parts, dimensions or rules)");
  BOOST_TEST(error_of("[parts.problem]\n") ==
             "my.toml:1:8: error: unknown part role 'problem' (expected preparation, followup, problems, cases, causes, measures, closing)");
  BOOST_TEST(error_of("[parts.problems]\nheading = [\"问题\"]\n") ==
             "my.toml:2:1: error: unknown key 'heading' in a part (expected headings, required)");
  BOOST_TEST(error_of("[[dimensions]]\nid = \"a\"\n") == "my.toml:1:1: error: a dimension needs an id and a name");
  BOOST_TEST(error_of("[[dimensions]]\nid = \"a\"\nname = \"甲\"\n[[dimensions]]\nid = \"a\"\nname = \"乙\"\n") ==
             "my.toml:4:1: error: duplicate dimension id 'a'");
  BOOST_TEST(error_of("[detect]\n\"2023年度\" = \"high\"\n") ==
             "my.toml:2:12: error: a [detect] phrase's weight must be an integer");
  BOOST_TEST(error_of("[rules.\"content/measure\"]\npatterns = [\"(unclosed\"]\n").starts_with(
      "my.toml:2:13: error: invalid pattern in 'patterns': missing )"));
  BOOST_TEST(error_of("[rules.\"structure/*\"]\nphrases = []\n") ==
             "my.toml:2:1: error: 'structure/*' covers several rules: only enabled and severity may be set");
  BOOST_TEST(error_of("[rules.\"nothing/*\"]\nenabled = false\n") == "my.toml:1:8: error: no rule matches 'nothing/*'");
  BOOST_TEST(error_of("[ruleset]\nextends = [\"no-such-set\"]\n").starts_with(
      "my.toml:2:12: error: unknown rule set 'no-such-set'"));
  // A TOML syntax error carries toml++'s own position.
  BOOST_TEST(error_of("[ruleset\n").starts_with("my.toml:1:"));
}

BOOST_AUTO_TEST_CASE(extends_cycles_name_the_chain) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "checklint-ruleset-cycle";
  fs::remove_all(dir);
  test::write_text(dir / "a.toml", "[ruleset]\nextends = [\"b.toml\"]\n");
  test::write_text(dir / "b.toml", "[ruleset]\nextends = [\"a.toml\"]\n");
  try {
    (void)load_ruleset((dir / "a.toml").string());
    BOOST_FAIL("expected a cycle error");
  } catch (const RuleSetError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("rule set extends itself") != std::string::npos);
    BOOST_TEST(what.find("a.toml -> ") != std::string::npos);
    BOOST_TEST(what.find("b.toml -> ") != std::string::npos);
    BOOST_TEST(e.line() == 2U);
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(unknown_builtin_id_is_a_plain_error) {
  BOOST_CHECK_THROW((void)load_ruleset("no-such-set"), RuleSetError);
}

BOOST_AUTO_TEST_SUITE_END()
