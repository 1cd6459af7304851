// The fixture runner: every draft under fixtures/ states the diagnostics it
// must produce, and the runner demands an exact match of (line, rule).
//   .md  — `<!-- expect: rule/id [rule/id …] -->` on the offending line; the
//          comments are blanked (same byte length) before linting, so no
//          position moves. `<!-- ruleset: id -->` picks the rule set.
//   .txt — a sidecar `<name>.txt.expect`: lines `LINE rule/id`, `ruleset: id`, `# …`.
//          Text fixtures are decoded as the CLI decodes them (fixtures/encoding/ holds GBK and UTF-16 ones).
//   .docx — a sidecar `<name>.docx.expect` too; LINE is the paragraph number. fixtures/docx/bad/
//          holds broken documents for tests/docx_test.cpp and is skipped here.
// The rule set is chosen as the CLI chooses it (from the title and preamble)
// unless the fixture names one, or its folder holds a ruleset.toml; a named
// .toml is found relative to the fixture.
//          A .md file may use a sidecar too (the bundled example does, to stay clean).
// A fixture with no expectations must produce nothing.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "linter/analysis/select.h"
#include "linter/document/load.h"
#include "linter/lint.h"
#include "support.h"

using namespace checklint;
namespace fs = std::filesystem;

namespace {

struct Expectation {
  std::size_t line;
  std::string rule;
  auto operator<=>(const Expectation&) const = default;
};

struct Fixture {
  std::string text;  // with expectation comments blanked
  std::string ruleset;  // empty: choose as the CLI does
  std::vector<Expectation> expected;
};

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    w.erase(std::remove(w.begin(), w.end(), ','), w.end());
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

Fixture read_markdown_fixture(const fs::path& path) {
  Fixture f;
  f.text = test::read_text(path);
  static const std::regex comment(R"(<!--\s*(expect|ruleset):([^>]*?)-->)");
  std::size_t line = 1;
  std::size_t scanned = 0;
  for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), comment); it != std::sregex_iterator(); ++it) {
    const auto at = static_cast<std::size_t>(it->position());
    line += static_cast<std::size_t>(std::count(f.text.begin() + static_cast<std::ptrdiff_t>(scanned),
                                                f.text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    scanned = at;
    const auto words = split_words((*it)[2].str());
    if ((*it)[1] == "ruleset") {
      if (!words.empty()) f.ruleset = words.front();
      continue;  // kept: an HTML comment line has no effect on the lint
    }
    for (const auto& rule : words) f.expected.push_back({line, rule});
  }
  // Blank the expect comments without moving any byte.
  std::string blanked = f.text;
  for (auto it = std::sregex_iterator(f.text.begin(), f.text.end(), comment); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == "expect") {
      std::fill_n(blanked.begin() + it->position(), it->length(), ' ');
    }
  }
  f.text = std::move(blanked);
  return f;
}

Fixture read_text_fixture(const fs::path& path) {
  Fixture f;
  f.text = test::read_text(path);  // raw bytes: load_document() decodes them
  const fs::path sidecar = path.string() + ".expect";
  if (!fs::exists(sidecar)) return f;
  std::istringstream in(test::read_text(sidecar));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("ruleset:")) {
      f.ruleset = split_words(line.substr(8)).at(0);
      continue;
    }
    const auto words = split_words(line);
    BOOST_TEST_REQUIRE(words.size() >= 2U, "bad line in " << sidecar << ": " << line);
    for (std::size_t i = 1; i < words.size(); ++i) f.expected.push_back({std::stoul(words[0]), words[i]});
  }
  return f;
}

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(test::source_dir() / "fixtures")) {
    const auto ext = entry.path().extension();
    if (entry.path().parent_path().filename() == "bad") continue;
    if (entry.is_regular_file() && (ext == ".md" || ext == ".txt" || ext == ".docx")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fixtures)

BOOST_AUTO_TEST_CASE(every_fixture_produces_exactly_its_expectations) {
  const auto files = fixture_files();
  BOOST_TEST_REQUIRE(files.size() >= 10U, "too few fixtures found under fixtures/");
  for (const auto& path : files) {
    const auto rel = fs::relative(path, test::source_dir()).string();
    BOOST_TEST_CONTEXT(rel) {
      const bool markdown = path.extension() == ".md";
      const bool sidecar = fs::exists(path.string() + ".expect");
      const Fixture f = markdown && !sidecar ? read_markdown_fixture(path) : read_text_fixture(path);
      const Document doc = markdown ? parse_document(SourceText::from_bytes(rel, f.text), InputFormat::Markdown)
                                    : load_document(rel, f.text);
      std::string ruleset = f.ruleset;
      if (ruleset.empty() && fs::exists(path.parent_path() / "ruleset.toml")) ruleset = "ruleset.toml";
      if (ruleset.ends_with(".toml")) ruleset = (path.parent_path() / ruleset).string();
      const RuleSet chosen = ruleset.empty() ? *select_ruleset(doc).rules : load_ruleset(ruleset);
      const auto diagnostics = lint(doc, chosen, LintOptions{});
      std::vector<Expectation> actual;
      for (const auto& d : diagnostics) actual.push_back({doc.text.position(d.range.begin).line, d.rule});
      std::vector<Expectation> expected = f.expected;
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
      std::vector<Expectation> missing;
      std::vector<Expectation> unexpected;
      std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
      std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(unexpected));
      for (const auto& e : missing) BOOST_ERROR(fmt::format("{}:{}: expected [{}] but it was not reported", rel, e.line, e.rule));
      for (const auto& e : unexpected) {
        std::string message;
        for (const auto& d : diagnostics) {
          if (d.rule == e.rule && doc.text.position(d.range.begin).line == e.line) message = d.message;
        }
        BOOST_ERROR(fmt::format("{}:{}: unexpected [{}] {}", rel, e.line, e.rule, message));
      }
    }
  }
}

namespace {

/// A diagnostic in full, for comparing two lints.
std::string describe(const Diagnostic& d) {
  std::string out = fmt::format("{} {}-{} {} {}", d.rule.view(), d.range.begin, d.range.end, static_cast<int>(d.severity),
                                d.message.view());
  for (const auto& fix : d.fixes) out += fmt::format(" fix {}-{} {} {}", fix.range.begin, fix.range.end, fix.replacement, fix.safe);
  for (const auto& note : d.notes) out += fmt::format(" note {}-{} {}", note.range.begin, note.range.end, note.message);
  return out;
}

std::vector<std::string> describe_all(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const auto& d : diagnostics) out.push_back(describe(d));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_pattern_hit_cache_changes_nothing_through_edits) {
  // As the language server lints a buffer: the same cache through a series of edits (a
  // character typed mid-paragraph, a line deleted, a paragraph doubled), each lint equal to one
  // without the cache, and the paragraphs left alone answered from it.
  std::size_t reused = 0;
  for (const auto& path : fixture_files()) {
    if (path.extension() != ".md" && path.extension() != ".txt") continue;
    const auto rel = fs::relative(path, test::source_dir()).string();
    BOOST_TEST_CONTEXT(rel) {
      std::string text = test::read_text(path);
      if (first_invalid_utf8(text) != std::string_view::npos) continue;  // GBK and UTF-16 fixtures
      const InputFormat format = format_for_path(path.string());
      const RuleSet& rules = *select_ruleset(parse_document(SourceText::from_bytes(rel, text), format)).rules;
      PatternHitCache cache;
      for (int edit = 0; edit < 4; ++edit) {
        const std::size_t mid = text.find('\n', text.size() / 2);
        if (edit == 1 && mid != std::string::npos) text.insert(mid, "党");
        if (edit == 2 && mid != std::string::npos && mid > 0) {
          const std::size_t before = text.rfind('\n', mid - 1);
          const std::size_t start = before == std::string::npos ? 0 : before + 1;
          text.erase(start, mid + 1 - start);
        }
        if (edit == 3) text += "\n" + text.substr(0, text.find('\n'));
        const Document doc = parse_document(SourceText::from_bytes(rel, text), format);
        const auto cached = lint(doc, rules, LintOptions{Lang::Zh, &cache});
        BOOST_TEST(describe_all(cached) == describe_all(lint(doc, rules, LintOptions{})), "edit " << edit);
      }
      reused += cache.reused();
    }
  }
  BOOST_TEST(reused > 100U);
}

BOOST_AUTO_TEST_SUITE_END()
