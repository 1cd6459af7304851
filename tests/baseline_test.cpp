// Baselines survive edits elsewhere in the draft and catch new findings.
#include <boost/test/unit_test.hpp>

#include "linter/diagnostics/baseline.h"
#include "linter/lint.h"
#include "support.h"

using namespace checklint;

namespace {

const std::string kDraft =
    "某局党组对照检查材料\n一、存在的问题\n（一）学习方面。一是学习不深。比如，XXX同志全年只学习2次。\n"
    "（三）作风方面。一是调研不实。比如，全年调研不足3次。\n二、原因分析\n（一）理想信念有所松懈。\n";

std::vector<Diagnostic> lint_text(const Document& doc) { return lint(doc, load_ruleset("common"), LintOptions{}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(baseline)

BOOST_AUTO_TEST_CASE(accepts_existing_findings_after_an_inserted_paragraph) {
  const auto before = test::parse(kDraft);
  Baseline baseline;
  const auto found = lint_text(before);
  BOOST_TEST_REQUIRE(!found.empty());
  for (const auto& d : found) baseline.add(baseline_key("a.txt", before, d));

  // A paragraph inserted at the top moves every line; the baseline still holds.
  std::string edited = kDraft;
  edited.insert(edited.find("一、"), "会前，班子认真学习了有关文件，广泛征求了意见。\n");
  const auto after = test::parse(edited);
  auto diagnostics = lint_text(after);
  BOOST_TEST(baseline.filter("a.txt", after, diagnostics) == found.size());
  BOOST_TEST(diagnostics.empty());
}

BOOST_AUTO_TEST_CASE(a_new_finding_is_not_accepted) {
  const auto before = test::parse(kDraft);
  Baseline baseline;
  for (const auto& d : lint_text(before)) baseline.add(baseline_key("a.txt", before, d));
  std::string edited = kDraft;
  edited.insert(edited.find("二、原因"), "（四）纪律方面。一是执行不严。比如，XX科室有2次迟报。\n");
  const auto after = test::parse(edited);
  auto diagnostics = lint_text(after);
  baseline.filter("a.txt", after, diagnostics);
  BOOST_TEST_REQUIRE(!diagnostics.empty());
  for (const auto& d : diagnostics) BOOST_TEST(after.text.position(d.range.begin).line == 5U);  // the inserted （四）
}

BOOST_AUTO_TEST_CASE(round_trips_through_a_file_and_counts_duplicates) {
  const auto doc = test::parse(kDraft);
  Baseline baseline;
  const auto found = lint_text(doc);
  for (const auto& d : found) baseline.add(baseline_key("a.txt", doc, d));
  baseline.add(baseline_key("a.txt", doc, found.front()));  // the same finding twice
  const auto path = (std::filesystem::temp_directory_path() / "checklint-baseline.json").string();
  baseline.save(path);
  Baseline loaded = Baseline::load(path);
  BOOST_TEST(loaded.size() == baseline.size());
  auto twice = found;
  twice.push_back(found.front());
  BOOST_TEST(loaded.filter("a.txt", doc, twice) == twice.size());
  // Another file's findings are not accepted by this file's entries.
  auto other = found;
  BOOST_TEST(loaded.filter("b.txt", doc, other) == 0U);
}

BOOST_AUTO_TEST_CASE(malformed_baselines_are_errors) {
  const auto path = (std::filesystem::temp_directory_path() / "checklint-bad-baseline.json").string();
  test::write_text(path, "{\"version\": 7, \"findings\": []}");
  BOOST_CHECK_THROW((void)Baseline::load(path), std::runtime_error);
  test::write_text(path, "not json");
  BOOST_CHECK_THROW((void)Baseline::load(path), std::runtime_error);
  BOOST_CHECK_THROW((void)Baseline::load("/nonexistent/baseline.json"), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
