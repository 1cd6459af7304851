// Golden tests: the whole output of a command compared with a file under
// tests/golden/. CHECKLINT_UPDATE_GOLDEN=1 rewrites the files instead.
#include <boost/test/unit_test.hpp>

#include "support.h"

using namespace checklint;

namespace {

void check_golden(const std::string& args, const std::string& golden, int expected_exit) {
  const auto result = test::run_checklint(args);
  BOOST_TEST(result.exit_code == expected_exit);
  BOOST_TEST(result.err.empty(), "stderr: " << result.err);
  const auto path = test::source_dir() / "tests" / "golden" / golden;
  if (test::update_golden()) {
    test::write_text(path, result.out);
    return;
  }
  BOOST_TEST_REQUIRE(std::filesystem::exists(path), "missing golden file " << path);
  const std::string expected = test::read_text(path);
  BOOST_TEST(result.out == expected, "output of `checklint " << args << "` differs from " << golden
                                                               << "; actual output:\n" << result.out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden)

BOOST_AUTO_TEST_CASE(human_output_of_the_example) {
  check_golden("--color=never fixtures/examples/example.md", "example.human", 1);
}

BOOST_AUTO_TEST_CASE(human_output_in_english) {
  check_golden("--color=never --lang en fixtures/examples/example.md", "example.human-en", 1);
}

BOOST_AUTO_TEST_CASE(carets_sit_under_cjk_astral_and_windowed_text) {
  check_golden("--color=never --ruleset fixtures/numbering/ruleset.toml tests/golden/carets.txt", "carets.human", 1);
}

BOOST_AUTO_TEST_CASE(colour_when_asked) {
  check_golden("--color=always --ruleset fixtures/numbering/ruleset.toml tests/golden/carets.txt", "carets.human-color", 1);
}

BOOST_AUTO_TEST_CASE(outline_text_and_json) {
  check_golden("outline fixtures/examples/example.md", "example.outline", 0);
  check_golden("outline --format json fixtures/examples/example.md", "example.outline.json", 0);
  check_golden("outline --format json tests/golden/carets.txt", "carets.outline.json", 0);
}

BOOST_AUTO_TEST_CASE(coverage_matrix_text_and_json) {
  check_golden("matrix fixtures/examples/example.md", "example.matrix", 0);
  check_golden("matrix --format json fixtures/examples/example.md", "example.matrix.json", 0);
  check_golden("matrix --lang en fixtures/examples/example.md", "example.matrix-en", 0);
}

BOOST_AUTO_TEST_CASE(html_report) {
  check_golden("--format html fixtures/examples/example.md", "example.html", 1);
  check_golden("--format html fixtures/docx/split-runs.docx", "split-runs.docx.html", 1);
}

BOOST_AUTO_TEST_SUITE_END()
