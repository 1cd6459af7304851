// The HTML report: escaping, highlights at exact byte spans (overlapping and
// empty ones included), anchors from the summary into the text, several drafts
// worst first, and the one-page-per-draft directory. The browser checks are in
// tests/browser/html_report.sh; the whole page is golden-tested (golden suite).
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include <boost/test/unit_test.hpp>

#include "linter/emitters/emitter.h"
#include "linter/rules/ruleset.h"
#include "support.h"

using namespace checklint;
namespace fs = std::filesystem;

namespace {

Diagnostic finding(ByteRange range, Severity severity, std::string message, std::string rule = "test/rule") {
  Diagnostic d;
  d.rule = std::move(rule);
  d.severity = severity;
  d.message = std::move(message);
  d.range = range;
  return d;
}

std::string render_html(const std::vector<FileResult>& results) {
  EmitOptions options;
  options.tool_version = "test";
  std::ostringstream out;
  make_emitter("html", options)->emit(out, results);
  return out.str();
}

/// The text cell of line `n` (1-based) in a page.
std::string line_cell(const std::string& page, int n, const std::string& prefix = "") {
  const std::string open = "id=\"" + prefix + "L" + std::to_string(n) + "\"><div class=\"ln\">" + std::to_string(n) + "</div><div class=\"tx\">";
  const auto at = page.find(open);
  if (at == std::string::npos) return "<no line " + std::to_string(n) + ">";
  const auto begin = at + open.size();
  return page.substr(begin, page.find("</div>", begin) - begin);
}

const RuleSet& generic() {
  static const RuleSet rules = load_ruleset("generic");
  return rules;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html)

BOOST_AUTO_TEST_CASE(text_and_messages_are_escaped) {
  const Document doc = test::parse("一、<script>alert(\"x\")</script> & 'y'\n");
  FileResult r{&doc, {finding({0, 9}, Severity::Warning, "把“<b>”删掉 & 重写")}, {"注 <i>"}, &generic()};
  const std::string page = render_html({r});
  BOOST_TEST(page.find("<script") == std::string::npos);
  BOOST_TEST(page.find("<b>”") == std::string::npos);
  BOOST_TEST(line_cell(page, 1) ==
             "<a id=\"d1\"></a><span class=\"hl warning\" title=\"把“&lt;b&gt;”删掉 &amp; 重写\">一、&lt;sc</span>ript&gt;alert(&quot;x&quot;)&lt;/script&gt; "
             "&amp; &#39;y&#39;");
  BOOST_TEST(page.find("<li>注 &lt;i&gt;</li>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(overlapping_and_empty_spans) {
  // 甲乙丙丁: [甲乙丙) error, [乙丙丁) warning, and an empty span before 丁.
  const Document doc = test::parse("甲乙丙丁\n");
  FileResult r{&doc,
               {finding({0, 9}, Severity::Error, "一"), finding({3, 12}, Severity::Warning, "二"), finding({9, 9}, Severity::Info, "三")},
               {},
               &generic()};
  const std::string page = render_html({r});
  BOOST_TEST(line_cell(page, 1) ==
             "<a id=\"d1\"></a><span class=\"hl error\" title=\"一\">甲</span>"
             "<a id=\"d2\"></a><span class=\"hl error overlap\" title=\"一\n二\">乙丙</span>"
             "<a id=\"d3\" class=\"mark info\"></a><span class=\"hl warning\" title=\"二\">丁</span>");
  // The summary links to each anchor, with the position people count.
  BOOST_TEST(page.find("<a href=\"#d2\">第 1 行第 2 列</a>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_span_over_two_lines_is_highlighted_on_both) {
  const Document doc = test::parse("一二\n三四\n");
  FileResult r{&doc, {finding({3, 10}, Severity::Error, "跨行")}, {}, &generic()};
  const std::string page = render_html({r});
  BOOST_TEST(line_cell(page, 1) == "一<a id=\"d1\"></a><span class=\"hl error\" title=\"跨行\">二</span>");
  BOOST_TEST(line_cell(page, 2) == "<span class=\"hl error\" title=\"跨行\">三</span>四");
}

BOOST_AUTO_TEST_CASE(several_drafts_get_an_index_worst_first) {
  const Document clean = test::parse("甲\n", InputFormat::PlainText, "clean.txt");
  const Document bad = test::parse("乙\n", InputFormat::PlainText, "bad.txt");
  const Document worse = test::parse("丙\n", InputFormat::PlainText, "worse.txt");
  const std::vector<FileResult> results = {
      {&clean, {}, {}, &generic()},
      {&bad, {finding({0, 3}, Severity::Warning, "w")}, {}, &generic()},
      {&worse, {finding({0, 3}, Severity::Error, "e")}, {}, &generic()}};
  const std::string page = render_html(results);
  const auto worse_at = page.find("<a href=\"#f3\">worse.txt</a>");
  const auto bad_at = page.find("<a href=\"#f2\">bad.txt</a>");
  const auto clean_at = page.find("<a href=\"#f1\">clean.txt</a>");
  BOOST_TEST(worse_at < bad_at);
  BOOST_TEST(bad_at < clean_at);
  BOOST_TEST(clean_at != std::string::npos);
  // Each draft's anchors carry its prefix, so they do not clash.
  BOOST_TEST(line_cell(page, 1, "f3-") == "<a id=\"f3-d1\"></a><span class=\"hl error\" title=\"e\">丙</span>");
  BOOST_TEST(page.find("<section class=\"file\" id=\"f2\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(directory_mode_writes_an_index_and_a_page_per_draft) {
  const fs::path dir = fs::temp_directory_path() / ("checklint-html-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto r = test::run_checklint("--format html -o '" + dir.string() + "/' fixtures/docx/table.docx fixtures/examples/example.md");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(fs::exists(dir / "1-table.docx.html"));
  BOOST_TEST(fs::exists(dir / "2-example.md.html"));
  const std::string index = test::read_text(dir / "index.html");
  // example.md has 2 errors and 6 warnings, table.docx 1 error: example.md first.
  const auto example = index.find("<a href=\"2-example.md.html\">fixtures/examples/example.md</a>");
  const auto table = index.find("<a href=\"1-table.docx.html\">fixtures/docx/table.docx</a>");
  BOOST_TEST(example < table);
  BOOST_TEST(table != std::string::npos);
  const std::string page = test::read_text(dir / "1-table.docx.html");
  BOOST_TEST(page.find("<a href=\"index.html\">← 返回全部材料</a>") != std::string::npos);
  // A .docx line is a paragraph.
  BOOST_TEST(page.find("<a href=\"#d1\">第 30 段第 1 字</a>") != std::string::npos);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(the_matrix_marks_missing_cells_and_links_into_the_text) {
  const auto r = test::run_checklint("--format html fixtures/examples/example.md");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("<table class=\"matrix\">") != std::string::npos);
  BOOST_TEST(r.out.find("<td class=\"missing\">空缺</td>") != std::string::npos);
  BOOST_TEST(r.out.find("<li><a href=\"#L7\">（一）理论学习方面</a></li>") != std::string::npos, r.out.substr(0, 4000));
}

BOOST_AUTO_TEST_SUITE_END()
