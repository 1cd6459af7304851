// The --format emitters: whole outputs against tests/golden/ (CHECKLINT_UPDATE_GOLDEN=1
// rewrites them), the columns each format counts checked by hand on a line with
// astral characters, path and URI handling, escaping, and -o FILE.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include "linter/emitters/emitter.h"
#include "linter/emitters/lsp_json.h"
#include "linter/emitters/shared.h"
#include "linter/emitters/spool.h"
#include "support.h"

using namespace checklint;
using nlohmann::json;

namespace {

/// Arguments for astral.txt in `format`; numbering rules only, so the excerpt yields just the gap 一是 → 三是.
std::string astral(const std::string& format) {
  return "--format " + format + " --ruleset fixtures/numbering/ruleset.toml tests/golden/astral.txt";
}

/// file:// URIs hold the absolute source directory; goldens keep a placeholder instead.
std::string with_placeholder(std::string text) {
  const std::string uri = "file://" + emit::percent_encode_path(test::source_dir().lexically_normal().generic_string());
  for (std::size_t at = text.find(uri); at != std::string::npos; at = text.find(uri, at)) {
    text.replace(at, uri.size(), "file://{SOURCE_DIR}");
  }
  return text;
}

/// SARIF carries each rule's whole doc page as help; goldens keep a placeholder so
/// that editing a doc does not churn them (the doc itself is checked here instead).
std::string without_rule_docs(const std::string& sarif) {
  auto log = nlohmann::ordered_json::parse(sarif);
  for (auto& rule : log["runs"][0]["tool"]["driver"]["rules"]) {
    const auto id = rule["id"].get<std::string>();
    const auto help = rule["help"]["text"].get<std::string>();
    BOOST_TEST(help.starts_with("# " + id), "help of " << id << " is not its doc page");
    BOOST_TEST(rule["help"]["markdown"] == help);
    rule["help"] = {{"text", "(doc of " + id + ")"}, {"markdown", "(doc of " + id + ")"}};
  }
  return log.dump(2) + "\n";
}

/// The output as a golden file holds it.
std::string normalized(const std::string& out, std::string_view format) {
  if (format == "sarif") return without_rule_docs(out);
  return with_placeholder(out);
}

void check_golden(const std::string& args, std::string_view format, const std::string& golden) {
  const auto result = test::run_checklint(args + " --format " + std::string(format));
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.err.empty(), "stderr: " << result.err);
  const std::string actual = normalized(result.out, format);
  const auto path = test::source_dir() / "tests" / "golden" / golden;
  if (test::update_golden()) {
    test::write_text(path, actual);
    return;
  }
  BOOST_TEST_REQUIRE(std::filesystem::exists(path), "missing golden file " << path);
  BOOST_TEST(actual == test::read_text(path), "output of `checklint " << args << " --format " << format << "` differs from "
                                                                      << golden << "; actual output:\n" << actual);
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// Runs one emitter over a hand-made diagnostic in a parsed draft.
std::string emit_one(std::string_view format, const Document& doc, Diagnostic d) {
  std::vector<FileResult> results(1);
  results[0].doc = &doc;
  results[0].diagnostics.push_back(std::move(d));
  EmitOptions options;
  options.base_dir = "/work";
  std::ostringstream out;
  make_emitter(format, options)->emit(out, results);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(emitters)

BOOST_AUTO_TEST_CASE(golden_outputs_of_the_example) {
  for (const std::string format : {"json", "sarif", "github", "junit", "lsp"}) {
    check_golden("fixtures/examples/example.md", format, "example." + format);
  }
}

BOOST_AUTO_TEST_CASE(golden_outputs_with_astral_characters) {
  for (const std::string format : {"json", "sarif", "github", "junit", "lsp"}) {
    check_golden("--ruleset fixtures/numbering/ruleset.toml tests/golden/astral.txt", format, "astral." + format);
  }
}

// astral.txt line 2: （一）𠮷与𩸽字方面。一是学习不深；三是联系实际不够。
// Before 三是 stand 17 characters; 𠮷 (U+20BB7) and 𩸽 (U+29E3D) are astral, so
// 2 UTF-16 units and 4 UTF-8 bytes each: 19 UTF-16 units, 15 × 3 + 2 × 4 = 53 bytes.
// Line 1 (一、存在的问题 and its newline) takes 22 bytes.
BOOST_AUTO_TEST_CASE(each_format_counts_its_own_columns) {
  const auto j = json::parse(test::run_checklint(astral("json")).out);
  const auto& start = j["files"][0]["diagnostics"][0]["start"];
  BOOST_TEST(start["line"] == 2);
  BOOST_TEST(start["column"] == 18);  // characters, 1-based
  BOOST_TEST(start["offset"] == 22 + 53);

  const auto sarif = json::parse(test::run_checklint(astral("sarif")).out);
  const auto& result = sarif["runs"][0]["results"][0];
  const auto& region = result["locations"][0]["physicalLocation"]["region"];
  BOOST_TEST(region["startLine"] == 2);
  BOOST_TEST(region["startColumn"] == 19 + 1);  // UTF-16 units, 1-based
  BOOST_TEST(region["endColumn"] == 21 + 1);    // exclusive: after the two units of 三是
  BOOST_TEST(sarif["runs"][0]["columnKind"] == "utf16CodeUnits");
  // The note points at 一是: 10 characters before it, 2 astral → 12 units.
  BOOST_TEST(result["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 12 + 1);

  std::istringstream lines(test::run_checklint(astral("lsp")).out);
  std::string line;
  std::getline(lines, line);
  const auto lsp = json::parse(line);
  const auto& range = lsp["diagnostics"][0]["range"];
  BOOST_TEST(range["start"]["line"] == 1);  // 0-based
  BOOST_TEST(range["start"]["character"] == 19);
  BOOST_TEST(range["end"]["character"] == 21);
  BOOST_TEST(lsp["diagnostics"][0]["relatedInformation"][0]["location"]["range"]["start"]["character"] == 12);

  BOOST_TEST(contains(test::run_checklint(astral("github")).out, ",line=2,col=18,endLine=2,endColumn=20,"));
  BOOST_TEST(contains(test::run_checklint(astral("junit")).out, "tests/golden/astral.txt:2:18: 错误:"));
}

BOOST_AUTO_TEST_CASE(several_files_share_one_report) {
  const std::string files = " fixtures/examples/example.md tests/golden/astral.txt";
  const auto sarif = json::parse(test::run_checklint("--format sarif" + files).out);
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  std::set<std::string> uris;
  for (const auto& result : run["results"]) {
    const auto& rule = rules[result["ruleIndex"].get<std::size_t>()];
    BOOST_TEST(rule["id"] == result["ruleId"]);
    BOOST_TEST(!rule["help"]["text"].get<std::string>().empty());
    uris.insert(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
  }
  BOOST_TEST(uris.size() == 2U);
  BOOST_TEST(std::is_sorted(rules.begin(), rules.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; }));
  const auto sequence = std::find_if(rules.begin(), rules.end(), [](const json& r) { return r["id"] == "numbering/sequence"; });
  BOOST_TEST_REQUIRE((sequence != rules.end()));
  BOOST_TEST((*sequence)["name"] == "NumberingSequence");  // SARIF's identifier-like friendly name

  const auto report = json::parse(test::run_checklint("--format json" + files).out);
  BOOST_TEST(report["files"].size() == 2U);
  BOOST_TEST(report["files"][1]["path"] == "tests/golden/astral.txt");
  BOOST_TEST(report["summary"]["files"] == 2);
  std::size_t errors = 0;
  for (const auto& file : report["files"]) {
    for (const auto& d : file["diagnostics"]) errors += d["severity"] == "error" ? 1 : 0;
  }
  BOOST_TEST(report["summary"]["errors"] == errors);

  std::istringstream lines(test::run_checklint("--format lsp" + files).out);
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line);) count += json::parse(line).contains("uri") ? 1 : 0;
  BOOST_TEST(count == 2U);  // JSON Lines: one object per file
}

BOOST_AUTO_TEST_CASE(streamed_json_and_sarif_keep_the_layout_of_one_dump) {
  // Both are written file by file (SARIF's results spooled until its rule table is known), in
  // exactly the text nlohmann's dump(2) gives for the whole document, with or without results.
  const auto clean = test::fresh_dir("emitters", "layout") / "clean.txt";
  test::write_text(clean, "一、问题\n（一）学习方面\n（二）作风方面\n");
  const std::string files = " fixtures/examples/example.md tests/golden/astral.txt ";
  for (const std::string format : {"json", "sarif"}) {
    for (const std::string& inputs : {files, " " + test::quoted(clean), files + test::quoted(clean)}) {
      std::string args = "--ruleset fixtures/numbering/ruleset.toml --format ";
      args += format;
      args += inputs;
      const std::string out = test::run_checklint(args).out;
      BOOST_TEST(nlohmann::ordered_json::parse(out).dump(2) + "\n" == out, format << inputs);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_spool_gives_back_what_was_written) {
  // A limit of a few bytes sends nearly everything to the temporary file.
  for (const std::size_t limit : {std::size_t{1} << 20U, std::size_t{7}}) {
    emit::Spool spool(limit);
    BOOST_TEST(spool.empty());
    std::string written;
    for (int i = 0; i < 2000; ++i) {
      const std::string piece = "第" + std::to_string(i) + "段\n";
      spool.write(piece);
      written += piece;
    }
    BOOST_TEST(!spool.empty());
    std::string read;
    spool.drain([&](std::string_view piece) { read += piece; });
    BOOST_TEST(read == written);
    BOOST_TEST(spool.empty());
  }
}

BOOST_AUTO_TEST_CASE(cjk_file_names_are_percent_encoded_in_uris_only) {
  const std::string args = "--ruleset fixtures/numbering/ruleset.toml --stdin-filename './材料/𠮷字 草稿.txt' -";
  const std::string input = test::read_text(test::source_dir() / "tests" / "golden" / "astral.txt");
  const std::string encoded = "%E6%9D%90%E6%96%99/%F0%A0%AE%B7%E5%AD%97%20%E8%8D%89%E7%A8%BF.txt";

  const auto sarif = json::parse(test::run_checklint("--format sarif " + args, input).out);
  BOOST_TEST(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == encoded);
  const auto lsp = with_placeholder(test::run_checklint("--format lsp " + args, input).out);
  BOOST_TEST(contains(lsp, "\"uri\":\"file://{SOURCE_DIR}/" + encoded + "\""), lsp);
  BOOST_TEST(contains(test::run_checklint("--format github " + args, input).out, "::error file=材料/𠮷字 草稿.txt,line=2,"));
}

BOOST_AUTO_TEST_CASE(absolute_paths_become_relative_for_code_scanning) {
  const auto absolute = (test::source_dir() / "tests" / "golden" / "astral.txt").string();
  const auto sarif =
      json::parse(test::run_checklint("--format sarif --ruleset fixtures/numbering/ruleset.toml '" + absolute + "'").out);
  BOOST_TEST(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
             "tests/golden/astral.txt");
  BOOST_TEST(emit::relative_path("./a/../b/c.txt", "/work") == "b/c.txt");
  BOOST_TEST(emit::relative_path("/srv/x.txt", "/work/main") == "../../srv/x.txt");
  BOOST_TEST(emit::file_uri("a b/c.txt", "/work") == "file:///work/a%20b/c.txt");
}

BOOST_AUTO_TEST_CASE(clean_files_still_get_an_entry) {
  const std::string args = "--ruleset fixtures/numbering/ruleset.toml --stdin-filename clean.txt -";
  const std::string clean = "一、存在的问题\n（一）学习方面\n";
  const auto lsp = json::parse(test::run_checklint("--format lsp " + args, clean).out);
  BOOST_TEST(lsp["diagnostics"].empty());  // an empty list clears a client's markers
  auto r = test::run_checklint("--format junit " + args, clean);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(contains(r.out, "<testcase classname=\"checklint\" name=\"clean.txt\"/>"));
  BOOST_TEST(contains(r.out, "tests=\"1\" failures=\"0\""));
  r = test::run_checklint("--format github " + args, clean);
  BOOST_TEST(r.out.empty());
  const auto sarif = json::parse(test::run_checklint("--format sarif " + args, clean).out);
  BOOST_TEST(sarif["runs"][0]["results"].empty());
  BOOST_TEST(sarif["runs"][0]["tool"]["driver"]["rules"].empty());
}

BOOST_AUTO_TEST_CASE(github_commands_escape_data_and_properties) {
  const Document doc = test::parse("第一行\n第二行\n", InputFormat::PlainText, "a,b:c.txt");
  Diagnostic d{"x:y,z", Severity::Info, "100% 完成\r\n第二行: a,b", {0, 3}, {}, {}};
  BOOST_TEST(emit_one("github", doc, d) ==
             "::notice file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=2,title=x%3Ay%2Cz::100%25 完成%0D%0A第二行: a,b\n");
  // Over several lines the runner accepts no columns.
  d.range = {0, 12};
  BOOST_TEST(contains(emit_one("github", doc, d), "line=1,endLine=2,title="));
}

BOOST_AUTO_TEST_CASE(junit_escapes_xml) {
  const Document doc = test::parse("第一行\n", InputFormat::PlainText, "a&b\".txt");
  const Diagnostic d{"r", Severity::Warning, "<是>&\"否\"\x01", {0, 3}, {}, {}};
  const std::string xml = emit_one("junit", doc, d);
  BOOST_TEST(contains(xml, "name=\"a&amp;b&quot;.txt\""), xml);
  BOOST_TEST(contains(xml, "<failure message=\"1 个问题\">a&amp;b\".txt:1:1: 警告: &lt;是&gt;&amp;\"否\"\xEF\xBF\xBD [r]\n"), xml);
}

BOOST_AUTO_TEST_CASE(output_file_instead_of_stdout) {
  const auto path = std::filesystem::temp_directory_path() / "checklint-emitters-test" / "report.sarif";
  std::filesystem::remove(path);
  std::filesystem::create_directories(path.parent_path());
  const auto r = test::run_checklint("-o '" + path.string() + "' " + astral("sarif"));
  BOOST_TEST(r.exit_code == 1);  // the findings still decide the exit code
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.empty(), r.err);
  BOOST_TEST(test::read_text(path) == test::run_checklint(astral("sarif")).out);

  const auto human = test::run_checklint("--color=auto -o '" + path.string() + "' " + astral("human"));
  BOOST_TEST(human.out.empty());
  BOOST_TEST(!contains(test::read_text(path), "\x1b["));  // no colour in a file unless asked
  std::filesystem::remove_all(path.parent_path());
}

BOOST_AUTO_TEST_CASE(unwritable_output_and_unknown_format_exit_two) {
  auto r = test::run_checklint("-o /nonexistent/dir/report.json " + astral("json"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(contains(r.err, "无法写入报告文件“/nonexistent/dir/report.json”"), r.err);
  r = test::run_checklint(astral("xml"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(make_emitter("xml", EmitOptions{}) == nullptr);
}

// The language server's diagnostics are written as JSON text directly; they must be byte for
// byte the compact dump of the Json they stand for, escapes, astral characters and notes included.
BOOST_AUTO_TEST_CASE(lsp_diagnostics_written_directly_equal_the_json_dump) {
  using Ordered = nlohmann::ordered_json;
  const SourceText text = SourceText::from_bytes("d.md", "一是\t𠀋“引号”\n第二行 XXX\n");
  const std::string uri = "file:///tmp/d%20x.md";
  Diagnostic d;
  d.rule = "numbering/sequence";  // a check with a doc page
  d.severity = Severity::Error;
  d.message = Message(std::string("引号\"反斜杠\\ 控制\x01\x1f 删除\x7f 换行\n回车\r制表\t退格\b换页\f 𠀋"));
  d.range = {3, 12};
  d.notes.push_back({{13, 22}, "另见\"此处\""});
  d.notes.push_back({{0, 0}, ""});
  for (const auto encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8}) {
    const PositionCounting counting{encoding, false};
    const auto position = [&](std::size_t offset) {
      const LspPosition p = lsp_position(text, offset, counting);
      return Ordered{{"line", p.line}, {"character", p.character}};
    };
    const auto range = [&](ByteRange r) { return Ordered{{"start", position(r.begin)}, {"end", position(r.end)}}; };
    for (const bool known_rule : {true, false}) {
      d.rule = known_rule ? "numbering/sequence" : "no/such-rule";
      Ordered expected = {{"range", range(d.range)}, {"severity", 1}, {"code", d.rule.str()}};
      const std::string href(lsp_json::rule_doc_uri(d.rule, nullptr));
      BOOST_TEST(href.empty() == !known_rule);
      if (!href.empty()) expected["codeDescription"] = {{"href", href}};
      expected["source"] = "checklint";
      expected["message"] = d.message.str();
      Ordered related = Ordered::array();
      for (const auto& note : d.notes) {
        related.push_back({{"location", {{"uri", uri}, {"range", range(note.range)}}}, {"message", note.message}});
      }
      expected["relatedInformation"] = related;
      std::string written;
      lsp_json::write_diagnostic(written, text, uri, d, nullptr, counting);
      BOOST_TEST(written == expected.dump(-1, ' ', false, Ordered::error_handler_t::replace));
      BOOST_TEST(lsp_json::diagnostic(text, uri, d, nullptr, counting) == expected);
    }
  }
  // Not UTF-8 (only a configuration's strings could be): replaced as nlohmann replaces it.
  for (const std::string& bad : {std::string("a\xff\"b"), std::string("\xe4\xb8"), std::string("ok\xc0\x80")}) {
    std::string written;
    emit::write_json_string(written, bad);
    BOOST_TEST(written == Ordered(bad).dump(-1, ' ', false, Ordered::error_handler_t::replace));
  }
  // Strings are read eight bytes at a time: every byte that needs an escape, and its
  // neighbours ' ', '!', '#', '[', ']', DEL and a CJK character's bytes, at every place of a
  // word and at the end, in runs long and short.
  const std::string specials = std::string("\"\\\b\f\n\r\t\x01\x1f", 9) + std::string(1, '\0');
  // The JSON report writes into a ByteBuffer: the same bytes, all of them kept as it grows.
  std::string all_written;
  emit::ByteBuffer buffer;
  for (const char special : specials + " !#[]\x7f") {
    for (std::size_t at = 0; at < 19; ++at) {
      for (const std::size_t size : {at + 1, std::size_t{20}, std::size_t{37}}) {
        std::string s = "党的建设ab党的建设cd党的建设efgh";
        s.resize(std::max(size, at + 1), 'x');
        s[at] = special;
        std::string written;
        emit::write_json_string(written, s);
        BOOST_TEST(written == Ordered(s).dump(-1, ' ', false, Ordered::error_handler_t::replace), "byte " << at << " of " << s.size());
        all_written += written;
        emit::write_json_string(buffer, s);
      }
    }
  }
  BOOST_TEST(all_written.size() > std::size_t{4096} * 4);  // past the buffer's first size, twice
  BOOST_TEST(buffer.view() == all_written);
  for (const std::string& bad : {std::string("a\xff\"b"), std::string("\xe4\xb8")}) {
    buffer.clear();
    emit::write_json_string(buffer, bad);
    BOOST_TEST(buffer.view() == Ordered(bad).dump(-1, ' ', false, Ordered::error_handler_t::replace));
  }
}

BOOST_AUTO_TEST_CASE(json_strings_written_as_they_stand_equal_the_json_dump) {
  // write_json_string copies a string whose characters are all plain ASCII or three-byte ones
  // without E0/ED leads as it stands, in one look at each character; all else goes the general
  // way. Random strings of every kind of piece (escapes, characters of one to four bytes, the
  // E0/ED leads well-formed and not, broken sequences, a sequence cut at the end) are written
  // as nlohmann's dump writes them, into a string and into a ByteBuffer.
  const std::vector<std::string> pieces = {
      "a", "Z", "0", " ", "~", "\x7f", "\"", "\\", "\n", "\t", std::string(1, '\0'), "\x1f",
      "党", "“", "”", "，", "。", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xe1\x80\x80",
      "é", "\xc2\x80", "😀", "\xf4\x8f\xbf\xbf",
      "\xe0\xa0\x80", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
      "\xe4\xb8", "\xe4", "\x80", "\xbf", "\xff", "\xc0\x80", "\xe4\x41\x80", "\xe4\xb8\x41", "\xf5\x80\x80\x80"};
  std::uint32_t seed = 8;
  const auto next = [&seed](std::size_t n) {
    seed = seed * 1664525U + 1013904223U;
    return static_cast<std::size_t>(seed >> 8U) % n;
  };
  emit::ByteBuffer buffer;
  std::string all_expected;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::size_t count = next(40);
    // Most strings plain (CJK and ASCII), as messages are, some with one odd piece.
    const bool odd = round % 2 == 0;
    for (std::size_t k = 0; k < count; ++k) s += pieces[odd ? next(pieces.size()) : next(5) == 0 ? 0 : 12 + next(8)];
    const std::string expected = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string written;
    emit::write_json_string(written, s);
    BOOST_TEST(written == expected, "round " << round);
    if (emit::json_string_as_is(s)) BOOST_TEST(expected == '"' + s + '"', "round " << round);
    // A string of plain pieces alone is taken, in blocks of sixteen bytes and after them.
    if (!odd) BOOST_TEST(emit::json_string_as_is(s), "round " << round);
    // The same string ahead of continuation bytes, which must not complete a character it cuts.
    const std::string followed = s + "\x80\x80";
    written.clear();
    emit::write_json_string(written, std::string_view(followed).substr(0, s.size()));
    BOOST_TEST(written == expected, "round " << round << ", followed");
    emit::write_json_string(buffer, s);
    all_expected += expected;
  }
  BOOST_TEST(buffer.view() == all_expected);
}

BOOST_AUTO_TEST_CASE(decimals_are_written_as_to_chars_writes_them) {
  // Every number up to 2,000,000 (each way of write_decimal's digit counts and past them), and
  // the powers of ten and their neighbours up to the largest 64-bit number.
  std::vector<std::size_t> numbers;
  for (std::size_t n = 0; n <= 2000000; ++n) numbers.push_back(n);
  for (std::size_t power = 1; power <= SIZE_MAX / 10; power *= 10) {
    for (const std::size_t n : {power - 1, power, power + 1, power * 10 - 1}) numbers.push_back(n);
  }
  numbers.push_back(SIZE_MAX);
  std::array<char, 20> written{};
  std::array<char, 20> expected{};
  for (const std::size_t n : numbers) {
    const char* end = emit::write_decimal(written.data(), n);
    const char* expected_end = std::to_chars(expected.data(), expected.data() + expected.size(), n).ptr;
    const std::string_view got(written.data(), static_cast<std::size_t>(end - written.data()));
    const std::string_view want(expected.data(), static_cast<std::size_t>(expected_end - expected.data()));
    if (got != want) BOOST_TEST(got == want, "number " << n);  // one check per failure: two million numbers
  }
}

BOOST_AUTO_TEST_SUITE_END()
