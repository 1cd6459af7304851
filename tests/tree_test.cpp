#include <boost/test/unit_test.hpp>

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <sstream>

#include "support.h"

using namespace checklint;
using checklint::test::parse;

namespace {

std::string heading(const Document& doc, const Node& n) { return std::string(doc.text.slice(n.heading)); }
std::string body(const Document& doc, const Node& n) { return std::string(doc.text.slice(n.body)); }

const Node& section(const Document& doc, std::size_t i) {
  // Skips title and preamble.
  std::size_t seen = 0;
  for (const Node& n : doc.root.children) {
    if (n.kind == NodeKind::Title || n.kind == NodeKind::Preamble) continue;
    if (seen++ == i) return n;
  }
  throw std::out_of_range("no such section");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tree)

BOOST_AUTO_TEST_CASE(title_preamble_and_nested_sections) {
  const auto doc = parse(
      "某局领导班子民主生活会对照检查材料\n"
      "按照要求，班子认真开展了会前准备，现将有关情况报告如下：\n"
      "一、存在的问题\n"
      "（一）理论学习方面。一是学习不深。比如，全年集中学习仅4次。二是联系实际不够。\n"
      "（二）工作作风方面\n"
      "1.调研不实\n"
      "（1）基层走得少\n"
      "二、原因分析\n");
  const auto& kids = doc.root.children;
  BOOST_TEST_REQUIRE(kids.size() == 4U);
  BOOST_TEST((kids[0].kind == NodeKind::Title));
  BOOST_TEST(heading(doc, kids[0]) == "某局领导班子民主生活会对照检查材料");
  BOOST_TEST((kids[1].kind == NodeKind::Preamble));
  BOOST_TEST(kids[1].paragraphs.size() == 1U);

  const Node& one = section(doc, 0);
  BOOST_TEST(heading(doc, one) == "存在的问题");
  BOOST_TEST_REQUIRE(one.children.size() == 2U);
  const Node& first = one.children[0];
  BOOST_TEST(first.numbering->marker.level == 2);
  BOOST_TEST(heading(doc, first) == "理论学习方面");
  BOOST_TEST(body(doc, first).starts_with("一是学习不深"));
  BOOST_TEST_REQUIRE(first.children.size() == 2U);  // 一是, 二是 run in the paragraph
  BOOST_TEST((first.children[0].kind == NodeKind::Item));
  BOOST_TEST(heading(doc, first.children[0]) == "学习不深");
  BOOST_TEST(first.children[1].item->ordinal == 2);

  const Node& second = one.children[1];
  BOOST_TEST_REQUIRE(second.children.size() == 1U);
  BOOST_TEST(second.children[0].numbering->marker.level == 3);
  BOOST_TEST_REQUIRE(second.children[0].children.size() == 1U);
  BOOST_TEST(second.children[0].children[0].numbering->marker.level == 4);

  BOOST_TEST(heading(doc, section(doc, 1)) == "原因分析");
  BOOST_TEST(section(doc, 1).line == 7U);
}

// The first sentence ends at 。！？!? (and ； for items); the heading drops every 。：，；:,; and
// blank it ends with, in any order and any number, but nothing else, and never more than itself.
BOOST_AUTO_TEST_CASE(headings_end_at_the_first_sentence_and_drop_trailing_marks) {
  const auto doc = parse(
      "一、问题\n"
      "（一）学习方面，：; 　,\t：。正文\n"
      "（二）作风方面!正文；一是调研不实 ，;！二是学风不正?其余\n"
      "（三）“纪律”方面）。正文\n"
      "（四）：，\n"
      "（五）担当方面；正文。\n"
      "（六）主动性方面、？正文\n");
  const Node& one = section(doc, 0);
  BOOST_TEST_REQUIRE(one.children.size() == 6U);
  BOOST_TEST(heading(doc, one.children[0]) == "学习方面");
  BOOST_TEST(body(doc, one.children[0]) == "正文");
  BOOST_TEST(heading(doc, one.children[1]) == "作风方面");
  BOOST_TEST(body(doc, one.children[1]) == "正文；一是调研不实 ，;！二是学风不正?其余");
  BOOST_TEST_REQUIRE(one.children[1].children.size() == 2U);
  BOOST_TEST(heading(doc, one.children[1].children[0]) == "调研不实");
  BOOST_TEST(body(doc, one.children[1].children[0]) == "");
  BOOST_TEST(heading(doc, one.children[1].children[1]) == "学风不正");
  BOOST_TEST(body(doc, one.children[1].children[1]) == "其余");
  BOOST_TEST(heading(doc, one.children[2]) == "“纪律”方面）");
  BOOST_TEST(heading(doc, one.children[3]) == "");
  BOOST_TEST(heading(doc, one.children[4]) == "担当方面；正文");  // a section heading runs past ；
  BOOST_TEST(heading(doc, one.children[5]) == "主动性方面、");
  BOOST_TEST(body(doc, one.children[5]) == "正文");
}

BOOST_AUTO_TEST_CASE(items_on_their_own_lines_belong_to_the_section) {
  const auto doc = parse("一、问题\n（一）学习方面\n一是学习不深。\n二是联系实际不够。\n三是成效不明显。\n");
  const Node& sub = section(doc, 0).children.at(0);
  BOOST_TEST(sub.children.size() == 3U);
  BOOST_TEST(sub.paragraphs.size() == 3U);
  BOOST_TEST(sub.children[2].line == 4U);
}

BOOST_AUTO_TEST_CASE(single_di_or_sequence_words_are_prose) {
  const auto doc = parse("一、问题\n首先，要提高认识。班子要统一思想。\n");
  BOOST_TEST(section(doc, 0).children.empty());
  const auto listed = parse("一、问题\n首先，要提高认识；其次，要狠抓落实。\n");
  BOOST_TEST(section(listed, 0).children.size() == 2U);
}

BOOST_AUTO_TEST_CASE(crlf_and_bom_keep_ranges_exact) {
  const auto doc = parse("\xEF\xBB\xBF一、问题\r\n（一）学习方面\r\n（二）作风方面\r\n");
  const Node& one = section(doc, 0);
  BOOST_TEST(heading(doc, one) == "问题");
  BOOST_TEST_REQUIRE(one.children.size() == 2U);
  BOOST_TEST(heading(doc, one.children[1]) == "作风方面");
  BOOST_TEST(doc.text.position(one.children[1].numbering->range.begin).line == 3U);
}

BOOST_AUTO_TEST_CASE(cr_only_line_ends_in_markdown) {
  const auto doc = parse("# 标题材料\r一、问题\r（一）学习方面\r", InputFormat::Markdown, "a.md");
  const Node& one = section(doc, 0);
  BOOST_TEST(heading(doc, one) == "问题");
  BOOST_TEST(one.children.size() == 1U);
}

BOOST_AUTO_TEST_CASE(markdown_headings_mix_with_numbering) {
  const auto doc = parse(
      "# 某局领导班子对照检查材料\n\n"
      "## 一、存在的问题\n\n"
      "（一）理论学习方面\n"
      "（二）工作作风方面\n\n"
      "## 二、原因分析\n\n"
      "### 思想根源\n\n"
      "（一）理想信念有所松懈\n",
      InputFormat::Markdown, "a.md");
  BOOST_TEST((doc.root.children.at(0).kind == NodeKind::Title));
  const Node& one = section(doc, 0);
  BOOST_TEST(one.heading_level == 2);
  BOOST_TEST(one.numbering->marker.level == 1);
  BOOST_TEST(one.children.size() == 2U);
  const Node& two = section(doc, 1);
  BOOST_TEST_REQUIRE(two.children.size() == 1U);
  BOOST_TEST((two.children[0].kind == NodeKind::Heading));
  BOOST_TEST(heading(doc, two.children[0]) == "思想根源");
  BOOST_TEST(two.children[0].children.size() == 1U);
}

BOOST_AUTO_TEST_CASE(markdown_code_html_and_containers) {
  const auto doc = parse(
      "一、问题\n\n"
      "```\n（一）这是代码，不是标题\n```\n\n"
      "<!-- （二）注释也不是 -->\n\n"
      "> （一）引用里的小标题\n\n"
      "- （二）列表里的小标题\n",
      InputFormat::Markdown, "a.md");
  const Node& one = section(doc, 0);
  BOOST_TEST_REQUIRE(one.children.size() == 2U);
  BOOST_TEST(heading(doc, one.children[0]) == "引用里的小标题");
  BOOST_TEST(one.children[1].numbering->marker.ordinal == 2);
}

BOOST_AUTO_TEST_CASE(the_line_after_a_block_inside_a_container_is_read) {
  // Inside a block quote or list item, tree-sitter ends a code block, an HTML comment or a
  // thematic break after the next line's container prefix; that line is still text.
  const std::string text =
      "> 一、问题\n>\n> ```\n> 代码\n> ```\n> （一）引用里的小标题\n"
      "> <!-- 注释 -->\n> （二）注释后的小标题\n"
      "- 列表\n  ***\n  （三）分隔线后的小标题\n";
  const auto doc = parse(text, InputFormat::Markdown, "a.md");
  std::vector<std::string> kinds;
  for (const Line& line : doc.lines) {
    kinds.push_back(std::to_string(static_cast<int>(line.kind)) + " " + std::string(doc.text.slice(line.content)));
  }
  // (The closing fence keeps its "> ": code lines are never read, so their prefixes are not sought.)
  const std::vector<std::string> expected{"1 一、问题", "0 ", "3 ```", "3 代码", "3 > ```", "1 （一）引用里的小标题",
                                          "4 <!-- 注释 -->", "1 （二）注释后的小标题", "1 列表", "6 ***",
                                          "1 （三）分隔线后的小标题"};
  BOOST_TEST(kinds == expected, boost::test_tools::per_element());
  const Node& one = section(doc, 0);
  BOOST_TEST_REQUIRE(one.children.size() == 3U);
  BOOST_TEST(heading(doc, one.children[1]) == "注释后的小标题");
}

BOOST_AUTO_TEST_CASE(the_last_line_reads_the_same_without_a_line_break) {
  // Read without a line break after it, an HTML comment's or code block's last line was given
  // only a container prefix's node, and a short heading was an error.
  for (const auto& [text, kind] : {std::pair<std::string, LineKind>{"<!--\n一\n二\n（三）标题", LineKind::Html},
                                   {"```\n一\n（二）标题", LineKind::Code}}) {
    const auto doc = parse(text, InputFormat::Markdown, "a.md");
    for (const Line& line : doc.lines) BOOST_TEST((line.kind == kind), text << ": " << doc.text.slice(line.range));
    BOOST_TEST(doc.root.children.empty());
  }
  for (const std::string text : {"# 中文", "一、问题\n\n## 结语", "# abc"}) {
    const auto doc = parse(text, InputFormat::Markdown, "a.md");
    BOOST_TEST((doc.lines.back().kind == LineKind::Heading), text);
    BOOST_TEST(doc.text.slice(doc.lines.back().content) == text.substr(text.rfind(' ') + 1));
  }
}

BOOST_AUTO_TEST_CASE(an_ordered_list_item_is_level_three_numbering) {
  // In Markdown "1. " starts a list and swallows the next lines; checklint still reads each line.
  const auto doc = parse("一、措施\n\n1. 加强学习\n2. 改进作风\n二、结语\n", InputFormat::Markdown, "a.md");
  BOOST_TEST(section(doc, 0).children.size() == 2U);
  BOOST_TEST(heading(doc, section(doc, 1)) == "结语");
}

BOOST_AUTO_TEST_CASE(plain_text_has_no_markdown_meaning) {
  const auto doc = parse("一、问题\n# 不是标题\n```\n（一）这一行照样是小标题\n");
  const Node& one = section(doc, 0);
  BOOST_TEST(one.paragraphs.size() == 2U);
  BOOST_TEST(one.children.size() == 1U);
}

BOOST_AUTO_TEST_CASE(indented_chinese_prose_is_not_code) {
  const auto doc = parse("一、问题\n\n    （一）缩进的小标题\n", InputFormat::Markdown, "a.md");
  BOOST_TEST(section(doc, 0).children.size() == 1U);
}

BOOST_AUTO_TEST_CASE(no_title_when_the_first_line_is_a_sentence) {
  const auto doc = parse("按照要求，班子形成了对照检查材料。现报告如下：\n一、问题\n");
  BOOST_TEST((doc.root.children.at(0).kind == NodeKind::Preamble));
}

// The language server re-parses a buffer incrementally (MarkdownParseCache): after every one
// of a few hundred random edits that open and close quotes, lists, fences, comments and
// headings, the lines must be exactly those of a fresh parse, and the old tree must be reused.
BOOST_AUTO_TEST_CASE(an_incremental_parse_reads_exactly_as_a_fresh_one) {
  std::string text =
      "# 班子对照检查材料\n\n按照要求，现报告如下。\n\n## 一、存在的问题\n\n> 引用的一段话\n> 第二行\n\n"
      "- 一是学习不够\n- 二是调研不深\n  续行\n\n```\n代码\n```\n\n<!-- 注释 -->\n（一）理论学习方面\n"
      "1. 有序列表\n2. 第二项\n\n***\n二、原因分析\n";
  const std::vector<std::string> pieces = {"> ", "- ", "```\n", "# ", "\n", "\n\n", "一、", "（一）", "文字", "\r",
                                           "<!-- ", " -->", "***\n", "    ", "1. ", "  ", "> > ", "~~~\n", "|a|b|\n"};
  std::uint32_t seed = 20261201;
  const auto next = [&seed](std::size_t bound) {
    seed = seed * 1664525U + 1013904223U;
    return bound == 0 ? std::size_t{0} : static_cast<std::size_t>(seed >> 8U) % bound;
  };
  const auto boundary = [&text](std::size_t at) {
    while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) --at;
    return at;
  };
  MarkdownParseCache cache;
  constexpr int kEdits = 300;
  for (int round = 0; round <= kEdits; ++round) {
    if (round > 0) {
      const std::size_t at = boundary(next(text.size() + 1));
      if (next(3) == 0 && at < text.size()) {
        const std::size_t end = boundary(std::min(text.size(), at + 1 + next(12)));
        text.erase(at, std::max(end, at + 1) - at);
        while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U) text.erase(at, 1);
      } else {
        text.insert(at, pieces[next(pieces.size())]);
      }
    }
    const SourceText source = SourceText::from_bytes("a.md", text);
    const auto incremental = read_lines(source, InputFormat::Markdown, &cache);
    const auto fresh = read_lines(source, InputFormat::Markdown);
    BOOST_TEST_CONTEXT("round " << round << ", text:\n" << text) {
      BOOST_TEST_REQUIRE(incremental.size() == fresh.size());
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        BOOST_TEST_CONTEXT("line " << i) {
          BOOST_TEST((incremental[i].range == fresh[i].range));
          BOOST_TEST((incremental[i].content == fresh[i].content));
          BOOST_TEST((incremental[i].kind == fresh[i].kind));
          BOOST_TEST(incremental[i].heading_level == fresh[i].heading_level);
        }
      }
    }
  }
  BOOST_TEST(cache.reused() == static_cast<std::size_t>(kEdits));
}

// Large Markdown drafts are parsed in pieces (detail::read_markdown_lines_in_pieces; read_lines
// does so above 1 MiB). With tiny pieces forced, the lines must be exactly those of one parse
// of the whole text. Each crafted text below holds blocks that a cut at a plain line start, or
// after any blank line, would split or read afresh differently.
namespace {

/// Lines after which a text can always be cut, so that pieces do get cut.
constexpr const char* kSafeTail = "\n正文\n\n正文\n\n正文\n\n正文\n";

std::string describe(const SourceText& source, const Line& line) {
  std::ostringstream out;
  out << static_cast<int>(line.kind) << " h" << line.heading_level << " [" << line.range.begin << "," << line.range.end
      << ") [" << line.content.begin << "," << line.content.end << ") " << source.slice(line.content);
  return out.str();
}

/// Piece sizes for the crafted texts: every line start of a short text ends some piece.
constexpr std::array<std::size_t, 22> kManySizes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 20, 24, 32, 48, 64, 96, 128};
constexpr std::array<std::size_t, 5> kFewSizes = {1, 3, 7, 16, 64};

/// Checks pieces of each size against the whole-text parse; returns the most pieces any size made.
std::size_t expect_pieces_read_as_whole(const std::string& text, const std::string& path = "a.md",
                                        std::span<const std::size_t> sizes = kManySizes) {
  const SourceText source = SourceText::from_bytes(path, text);
  BOOST_TEST_REQUIRE(text.size() <= (std::size_t{1} << 20U));  // read_lines parses this whole
  const auto whole = read_lines(source, InputFormat::Markdown);
  std::vector<std::string> expected;
  expected.reserve(whole.size());
  for (const Line& line : whole) expected.push_back(describe(source, line));
  std::size_t most = 0;
  for (const std::size_t piece_bytes : sizes) {
    std::size_t pieces = 0;
    const auto lines = detail::read_markdown_lines_in_pieces(source, piece_bytes, &pieces);
    std::vector<std::string> got;
    got.reserve(lines.size());
    for (const Line& line : lines) got.push_back(describe(source, line));
    BOOST_TEST_CONTEXT(path << ", pieces of " << piece_bytes << " bytes (" << pieces << " pieces)") {
      BOOST_TEST(got == expected, boost::test_tools::per_element());
    }
    most = std::max(most, pieces);
  }
  return most;
}

/// Calls `each(path, text)` with the decoded text of every Markdown fixture that is a draft;
/// returns how many there were.
std::size_t for_each_markdown_fixture(const std::function<void(const std::string&, const std::string&)>& each) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(checklint::test::source_dir() / "fixtures")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
    const std::string raw = checklint::test::read_text(entry.path());
    std::string text;
    try {
      text = std::string(SourceText::from_file_bytes(entry.path().string(), raw).bytes());
    } catch (const InputError&) {
      continue;  // not a draft (the error tests' inputs)
    }
    ++files;
    each(entry.path().string(), text);
  }
  return files;
}

}  // namespace

BOOST_AUTO_TEST_CASE(markdown_fixtures_read_the_same_in_pieces) {
  std::size_t cut = 0;
  const std::size_t files = for_each_markdown_fixture([&cut](const std::string& path, const std::string& text) {
    if (expect_pieces_read_as_whole(text, path, kFewSizes) > 1) ++cut;
  });
  BOOST_TEST(files >= 30U);
  BOOST_TEST(cut >= files / 2);  // most fixtures have blank lines to cut at
}

BOOST_AUTO_TEST_CASE(code_and_html_blocks_that_span_blank_lines_are_not_cut) {
  // Fenced code, and the HTML blocks that only end at their closing text (comments, <pre>,
  // <script>, processing instructions, CDATA), run over blank lines; inside them, headings and
  // numbering are not read. Indented code too: its own first line decides whether it is code.
  const std::vector<std::string> texts = {
      "一、代码\n\n```\n（一）代码\n\n# 不是标题\n\n    缩进\n\n```\n\n（二）正文\n\n~~~~\n\n## 也不是\n\n~~~\n~~~~\n\n## 是标题\n",
      "一、注释\n\n<!--\n\n（一）注释里的小标题\n\n# 注释里的标题\n\n-->\n\n（二）正文\n\n<!-- 一行 -->\n\n# 标题\n",
      "一、预排\n\n<pre>\n\n# 不是标题\n\n（一）不是小标题\n\n</pre>\n\n# 标题\n\n<script>\n\n# 脚本\n\n</script>\n\n正文\n",
      "<?php\n\n# 不是标题\n\n?>\n\n<![CDATA[\n\n# 不是标题\n\n]]>\n\n<!DOCTYPE html\n\n# 标题\n",
      "正文\n\n    code\n\n    中文代码行\n\n\n    （一）仍是代码\n\n正文\n\n    （二）缩进的中文\n\n    code\n",
  };
  for (const auto& text : texts) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(expect_pieces_read_as_whole(text + kSafeTail) > 1U); }
  }
}

BOOST_AUTO_TEST_CASE(containers_with_blank_lines_are_not_cut) {
  // A list item goes on over blank lines, and a block quote's paragraph takes lazy continuation
  // lines; a line inside one reads differently on its own (indented by four spaces more than the
  // item's text, it would be code).
  const std::vector<std::string> texts = {
      "- 一是学习\n\n    second paragraph\nlazy line\n\n- 三是\n\n      code\n\n  （一）列表里的小标题\n\n正文\n",
      "1. 第一项\n\n   ```\n   代码\n\n   ```\n\n2. 第二项\n\n     five spaces\n\n正文\n",
      "> 引用\n>\n>     code\n\n>  引用二\n\n    正文\n\n> 一段\n    lazy text\n\n# 标题\n",
      "- 列表\n\n  > 引用\n  >\n  >     code\n\n    more list text\n\n  > 引用\n\n正文\n",
  };
  for (const auto& text : texts) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(expect_pieces_read_as_whole(text + kSafeTail) > 1U); }
  }
}

BOOST_AUTO_TEST_CASE(setext_headings_and_front_matter_around_cuts) {
  // A setext underline belongs to the paragraph before it; --- and +++ would open front matter
  // at the start of a piece, which the grammar reads only at the start of the text.
  const std::vector<std::string> texts = {
      "正文\n\n标题一\n===\n\n标题二\n第二行\n---\n\n# 标题\n===\n\n正文\n\n---\ntitle: 不是\n---\n\n+++\n不是\n+++\n\n正文\n",
      "---\ntitle: 前言\n\n# 前言里的\n\n正文\n\n# 前言里的\n\n正文\n\n# 前言里的\n\n正文\n\n---\n\n# 标题\n\n正文\n",
      "+++\ntitle = 1\n\n# 里面\n\n正文\n\n# 里面\n\n正文\n\n# 里面\n\n正文\n\n+++\n\n正文\n\n# 标题\n",
  };
  for (const auto& text : texts) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(expect_pieces_read_as_whole(text + kSafeTail) > 1U); }
  }
  // A text that opens like front matter that never closes has no cut at all: the grammar looks
  // for the closing line to the end of its input, so no piece's tree can tell.
  BOOST_TEST(expect_pieces_read_as_whole(std::string("---\n\n# 没有结束的前言\n\n正文\n") + kSafeTail) == 1U);
}

BOOST_AUTO_TEST_CASE(texts_without_blank_lines_line_ends_and_an_open_end) {
  // Without a blank line, only a line after a top-level ATX heading can start a piece.
  std::string no_blank;
  for (int i = 0; i < 40; ++i) no_blank += "正文一行\n标题\n===\n    续行\n";
  BOOST_TEST(expect_pieces_read_as_whole(no_blank) == 1U);
  std::string headings;
  for (int i = 0; i < 20; ++i) headings += "# 标题\n正文\n    续行\n> 引用\n续行\n## 小标题\n---\n";
  BOOST_TEST(expect_pieces_read_as_whole(headings) > 1U);
  // CRLF and lone CRs (the grammar reads LFs for lone CRs), and texts ending without a newline.
  for (const std::string& eol : {std::string("\r\n"), std::string("\r")}) {
    std::string text;
    for (const char* line : {"一、问题", "", "```", "（一）代码", "", "```", "", "- 列表", "", "    续段", "", "正文", "===", "",
                             "<!--", "", "-->"}) {
      text += line;
      text += eol;
    }
    BOOST_TEST_CONTEXT("line ends " << eol.size()) { BOOST_TEST(expect_pieces_read_as_whole(text) > 1U); }
  }
  BOOST_TEST(expect_pieces_read_as_whole("正文\n\n正文\n\n```\n代码\n\n代码") > 1U);
  BOOST_TEST(expect_pieces_read_as_whole("正文\n\n正文\n\n- 列表\n\n    续段") > 1U);
  BOOST_TEST(expect_pieces_read_as_whole("正文\n\n正文\n\n<!--\n\n注释") > 1U);
}

BOOST_AUTO_TEST_CASE(no_cut_after_a_line_that_could_be_a_link_definition) {
  // tree-sitter reads a "[a]: /b" line both as a link reference definition and as a paragraph,
  // and text far on can decide which reading it keeps. In this text (found by a random test),
  // the line "10. [a]: /b", 42 lines and two blank lines on, turns the definition into a paragraph.
  const std::string far =
      "[a]: /b\n"
      "<custom-tag>\n"
      "text<</style>\n"
      "1.       \n"
      "###### - - -\n"
      "#\n"
      "- - -\n"
      "- [ ] <script>\n"
      "|a|b|\n"
      "[a]:\n"
      "<![CDATA[\n"
      "#\n"
      "- - -\n"
      "* \r\n"
      "</div>\n"
      "<2) 一、问题\n"
      "## <pre>\n"
      "\n"
      "<script>\n"
      "一、问题\n"
      "1. </pre>\n"
      "　\n"
      "<!--\n"
      "/url\n"
      "       10. | x |\n"
      "<pre>\n"
      "# H\n"
      "`\\\n"
      "一、问题\n"
      "[a]: /b\n"
      "#\n"
      "+ </div>\n"
      "````\n"
      "___\n"
      "<!-- x -->\n"
      "\r+++\n"
      "###### <?x\n"
      "文字| x |\n"
      "## 文字<!DOCTYPE\n"
      "\t（一）文字\n"
      "]]>\n"
      "10. [a]: /b\n"
      "- [x] </pre>\n"
      "<div>\n"
      "/url\n"
      "]]>\n"
      "## |-|-|\n"
      "# H\n"
      "- [ ] * 10. ---\n"
      "t: 1\n"
      "---\n"
      "     ";
  BOOST_TEST(expect_pieces_read_as_whole(far) == 1U);
  // After a blank line, a list's node takes the indentation of the next line, and the block
  // there starts past column 0 (no cut there either); "[a]:" reads on as a paragraph.
  BOOST_TEST(expect_pieces_read_as_whole("*    ~~~\n\n  [a]:\n<script>\n</script>\n\n  - a\n\n   ```\n   c\n   ```\n") == 1U);
  // Before such a line, and after a "[" line that cannot be one, pieces are cut as usual.
  BOOST_TEST(expect_pieces_read_as_whole(std::string(kSafeTail) + "[a]: /b\n<div>\n\n# 标题\n\n正文\n") > 1U);
  BOOST_TEST(expect_pieces_read_as_whole(std::string("- [ ] 任务\n\n[注] 说明\n") + kSafeTail) > 1U);
}

// Random texts from pieces that open and close every kind of block, against the whole parse.
BOOST_AUTO_TEST_CASE(random_texts_read_the_same_in_pieces) {
  const std::vector<std::string> parts = {"\n", "\n\n", "> ", "- ", "1. ", "  ", "    ", "```\n", "~~~\n", "<!--\n",
                                          "-->\n", "<pre>\n", "</pre>\n", "<div>\n", "# ", "## ", "===\n", "---\n",
                                          "+++\n", "***\n", "|a|b|\n|-|-|\n", "[a]: /b\n", "一、问题\n", "（一）文字\n",
                                          "文字", "\r\n", "\r", "\t", "<?x\n", "?>\n", "[a]:\n"};
  std::uint32_t seed = 20261202;
  const auto next = [&seed](std::size_t bound) {
    seed = seed * 1664525U + 1013904223U;
    return static_cast<std::size_t>(seed >> 8U) % bound;
  };
  std::size_t cut = 0;
  constexpr int kTexts = 300;
  for (int round = 0; round < kTexts; ++round) {
    std::string text;
    const std::size_t count = 10 + next(60);
    for (std::size_t i = 0; i < count; ++i) text += parts[next(parts.size())];
    BOOST_TEST_CONTEXT("round " << round) {
      if (expect_pieces_read_as_whole(text, "a.md", kFewSizes) > 1) ++cut;
    }
  }
  BOOST_TEST(cut >= static_cast<std::size_t>(kTexts / 3));
}

// The grammar reads runs of non-ASCII characters cut to their first and last ones (faster, the
// same blocks): every line must come out as when it reads the lines whole.
namespace {

/// The number of lines that differ between read_lines and a parse of the whole lines.
std::size_t lines_unlike_whole_parse(const std::string& text, const std::string& path = "a.md") {
  const SourceText source = SourceText::from_bytes(path, text);
  const auto cut = read_lines(source, InputFormat::Markdown);
  const auto whole = detail::read_markdown_lines_in_pieces(source, text.size() + 1, nullptr, false);
  BOOST_TEST_REQUIRE(cut.size() == whole.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < cut.size(); ++i) {
    const std::string got = describe(source, cut[i]);
    const std::string expected = describe(source, whole[i]);
    BOOST_TEST_CONTEXT(path << " line " << i + 1) { BOOST_TEST(got == expected); }
    if (got != expected) ++differ;
  }
  // In pieces too (cut at other rows than the whole text), with the runs cut.
  std::size_t pieces = 0;
  const auto in_pieces = detail::read_markdown_lines_in_pieces(source, 7, &pieces);
  BOOST_TEST_REQUIRE(in_pieces.size() == whole.size());
  for (std::size_t i = 0; i < in_pieces.size(); ++i) {
    if (describe(source, in_pieces[i]) != describe(source, whole[i])) ++differ;
  }
  return differ;
}

}  // namespace

BOOST_AUTO_TEST_CASE(markdown_fixtures_read_the_same_with_runs_cut) {
  const std::size_t files = for_each_markdown_fixture(
      [](const std::string& path, const std::string& text) { BOOST_TEST(lines_unlike_whole_parse(text, path) == 0U); });
  BOOST_TEST(files >= 30U);
}

BOOST_AUTO_TEST_CASE(headings_prefixes_and_html_read_the_same_with_runs_cut) {
  // An ATX heading's closing sequence and blanks after long runs, U+3000 inside and at the
  // ends, setext headings, lists and quotes before long runs, an HTML start whose tag name a
  // cut would change (<中，文> is no tag, <中文> is), tables and link definitions.
  BOOST_TEST(lines_unlike_whole_parse("## 一、存在的主要问题和不足 ##\n"
                                      "### 标题　文字很长很长　 ###  \n"
                                      "第一段文字很长很长很长\n"
                                      "=====\n"
                                      "- 列表项目文字很长很长\n"
                                      "  > 引用文字很长很长很长\n"
                                      "> 　　引用中的全角空格开头的文字\n"
                                      "<中，文字>\n"
                                      "\n"
                                      "<中文字文字文字文字文字文字字>\n"
                                      "\n"
                                      "|中文表头很长|文字表头很长|\n"
                                      "|-|-|\n"
                                      "|单元格内容很长|单元格|\n"
                                      "\n"
                                      "[中文标签很长很长]: /链接很长很长 \"标题很长很长\"\n"
                                      "　　　　\n"
                                      "    缩进的中文段落很长很长\n"
                                      "```中文信息很长\n"
                                      "代码内容很长很长\n"
                                      "```\n"
                                      "（一）文字\r中文很长很长\r\n结尾很长很长很长") == 0U);
}

BOOST_AUTO_TEST_CASE(random_texts_read_the_same_with_runs_cut) {
  const std::vector<std::string> parts = {"\n", "\n\n", "> ", "- ", "1. ", "  ", "    ", "```\n", "~~~\n", "<!--\n",
                                          "-->\n", "<pre>\n", "</pre>\n", "<div>\n", "# ", "## ", "===\n", "---\n",
                                          "***\n", "|文字很长|文字|\n|-|-|\n", "[很长的标签]: /b\n", "一、问题很长很长\n",
                                          "（一）文字很长很长", "理论学习不够深入系统", "　", "\u00A0", " #", "*", "<", "中，文>",
                                          "文字", "\r\n", "\r", "\t", "<?x\n", "?>\n", "[a]:\n", "é", "😀😀😀"};
  std::uint32_t seed = 20261204;
  const auto next = [&seed](std::size_t bound) {
    seed = seed * 1664525U + 1013904223U;
    return static_cast<std::size_t>(seed >> 8U) % bound;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const std::size_t count = 10 + next(60);
    for (std::size_t i = 0; i < count; ++i) text += parts[next(parts.size())];
    BOOST_TEST_CONTEXT("round " << round) { BOOST_TEST(lines_unlike_whole_parse(text) == 0U); }
  }
}

namespace {

/// A number below its bound, from a seeded generator.
using Random = std::function<std::size_t(std::size_t)>;

/// Checks 1,500 drafts that `draft` makes from a generator seeded with `seed` against the parse
/// of their whole lines; returns how many of their lines the grammar did not read.
std::size_t left_out_of_random_drafts(std::uint32_t seed, const std::function<std::string(const Random&)>& draft) {
  const Random next = [&seed](std::size_t bound) {
    seed = seed * 1664525U + 1013904223U;
    return static_cast<std::size_t>(seed >> 8U) % bound;
  };
  std::size_t left_out = 0;
  for (int round = 0; round < 1500; ++round) {
    const std::string text = draft(next);
    const SourceText source = SourceText::from_bytes("a.md", text);
    left_out += source.line_count() - detail::lines_the_grammar_reads(source);
    BOOST_TEST_CONTEXT("round " << round << ": " << text) { BOOST_TEST(lines_unlike_whole_parse(text) == 0U); }
  }
  return left_out;
}

}  // namespace

// Lines that read like their neighbours are left out of the grammar's input; drafts of such
// lines and blank lines between every kind of block read the same as when every line is read.
BOOST_AUTO_TEST_CASE(random_line_texts_read_the_same_with_lines_left_out) {
  const std::vector<std::string> plain = {"一是理论学习不够深入", "二是XXX同志2023年以来", "2023年以来，工作很多",
                                          "　　全角空格开头的段落", "\u00A0不换行空格开头", "abc文字*名", "一\t制表符",
                                          "　", "Z", "3次"};
  const std::vector<std::string> other = {
      "```", "~~~", "```中文", "<!--", "-->", "<div>", "</div>", "<pre>", "</pre>", "<?x", "?>", "# 标题", "## 标题 ##",
      "#不是标题", "===", "---", "***", "- 列表项", "- ", "1. 列表", "2) 列表", "10.文字", "> 引用", ">", "> > 深",
      "    缩进代码", "  两格缩进", "   三格", "|表头|表头|", "|-|-|", "|-|", "a | b", "文字|文字", "[标签]: /url",
      "[标签]: /url '标题", "标题结束'", "(四)括号", "文字（一）(二)", "+++", "- [ ] 任务", "\\# 转义", "文字\"引号",
      "<中文>", "文字>", "* 星号", "*占位", "：冒号"};
  const std::vector<std::string> blank = {"", "  ", "\t"};
  const std::vector<std::string> endings = {"\n", "\n", "\n", "\n", "\r\n", "\r"};
  const std::size_t left_out = left_out_of_random_drafts(20261205, [&](const Random& next) {
    std::string text = next(20) == 0 ? "---\n" : "";
    const std::size_t count = 5 + next(70);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t pick = next(10);
      const auto& from = pick < 5 ? plain : pick < 8 ? blank : other;
      text += from[next(from.size())] + endings[next(endings.size())];
    }
    return text;
  });
  BOOST_TEST(left_out > 10000U);
}

// Drafts of headings, list items and paragraphs between blank lines, the lines the grammar
// reads least of, with now and then a line that opens, continues or ends something else (an
// indented line after an item reads as the item's own, a fence or an HTML comment takes the
// headings and items after it): every line reads the same as when every line is read.
BOOST_AUTO_TEST_CASE(random_heading_and_item_texts_read_the_same_with_lines_left_out) {
  const std::vector<std::string> common = {"# 一、总体情况", "## 二、存在的问题", "### （一）理论学习方面", "###### 六级",
                                           "- 文字很长很长", "- 第二项", "* 星号项", "+ 加号项", "1. 第一条", "2. 第二条",
                                           "10. 第十条", "3) 括号序号", "一是学习不够深入", "（二）存在差距",
                                           "以上对照检查，请批评指正。", "　　全角空格开头", "Z", "文字*名", "## 结尾 ##"};
  const std::vector<std::string> rare = {"  两格缩进", "   三格缩进", "    四格缩进", "\t制表", "```", "~~~", "<!--", "-->",
                                         "<div>", "===", "---", "> 引用", "- ", "1.", "-  两空格", "1.  两空格",
                                         "#无空格", "####### 七级", "## 标题 ##", "# ", "|表头|表头|", "|-|-|",
                                         "- 1. 嵌套", "1. # 标题", "+++", "[标签]: /url", "    code", "  ```", "   - 子项"};
  const std::vector<std::string> endings = {"\n", "\n", "\n", "\n", "\r\n", "\r"};
  const std::size_t left_out = left_out_of_random_drafts(20261207, [&](const Random& next) {
    std::string text;
    const std::size_t count = 5 + next(80);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t pick = next(20);
      const std::string line = pick < 9 ? "" : pick < 19 ? common[next(common.size())] : rare[next(rare.size())];
      text += line + endings[next(endings.size())];
    }
    // Now and then no line break at the end: a block the end of the text cuts short.
    if (next(4) == 0) text.erase(text.find_last_not_of("\r\n") + 1);
    return text;
  });
  BOOST_TEST(left_out > 10000U);
}

BOOST_AUTO_TEST_CASE(which_lines_the_grammar_need_not_read) {
  const auto read = [](const std::string& text) {
    return detail::lines_the_grammar_reads(SourceText::from_bytes("a.md", text));
  };
  // A paragraph's lines between its first and last; paragraphs between the first one after a
  // blank line and the last blank line.
  BOOST_TEST(read("一\n二\n三\n四\n") == 2U);
  BOOST_TEST(read("# 标题\n\n一\n\n二\n\n三\n\n四\n") == 5U);
  BOOST_TEST(read("一\n二\n\n三\n四\n\n五\n六\n七\n") == 7U);
  // Headings, and list items after a blank line, are left out like paragraphs; with items in
  // the stretch, up to the last blank line that a line of the stretch follows (what is open at
  // a blank line before an indented line matters).
  BOOST_TEST(read("# 标题\n\n一\n\n## 二\n\n三\n\n### 四\n") == 5U);
  BOOST_TEST(read("一\n\n- 甲\n\n- 乙\n\n- 丙\n\n    code\n") == 7U);
  BOOST_TEST(read("一\n\n1. 甲\n\n2. 乙\n\n3. 丙\n\n四\n") == 5U);
  BOOST_TEST(read("一\n- 甲\n\n二\n\n三\n") == 6U);  // an item that follows no blank line is read
  // ... unless it is the next item of a list that such an item opened: the same bullet or delimiter.
  BOOST_TEST(read("一\n\n- 甲\n- 乙\n- 丙\n\n二\n") == 5U);
  BOOST_TEST(read("一\n\n1. 甲\n2. 乙\n3) 丙\n\n二\n") == 7U);
  BOOST_TEST(read("一\n\n## 标题 ##\n\n二\n\n三\n") == 7U);  // so is a heading with a closing sequence
  // Lines that could open, end or continue a block are read, and so are their neighbours.
  BOOST_TEST(read("一\n1. 二\n三\n") == 3U);
  BOOST_TEST(read("一\n(二)\n三\n") == 3U);
  BOOST_TEST(read("一\n二>\n三\n") == 3U);
  BOOST_TEST(read("一\n二|\n三\n") == 3U);
  BOOST_TEST(read("一\n  二\n三\n") == 3U);
  // Nothing is left out in a text that opens like front matter, nor after a line that could
  // open a link reference definition.
  BOOST_TEST(read("---\n一\n二\n三\n") == 4U);
  BOOST_TEST(read("一\n二\n三\n[a]: /b\n一\n二\n三\n") == 6U);
  // A table's rows need no pipe: the ones left out are rows too.
  const std::string table = "表头 | 表头\n|-|-|\n一\n二\n三\n四\n\n五\n";
  BOOST_TEST(read(table) == 6U);
  BOOST_TEST(lines_unlike_whole_parse(table) == 0U);
  const SourceText source = SourceText::from_bytes("a.md", table);
  BOOST_TEST((read_lines(source, InputFormat::Markdown)[3].kind == LineKind::Table));
}

// read_lines itself parses a draft above 1 MiB in pieces, cache or not, with the lines of one parse.
BOOST_AUTO_TEST_CASE(a_large_draft_reads_as_one_parse) {
  std::string text;
  while (text.size() <= (std::size_t{3} << 19U)) {
    text += "## 一、存在的问题\n\n（一）理论学习方面。一是学习不深。\n\n- 列表\n\n    续段\n\n```\n代码\n\n```\n\n<!--\n\n-->\n\n";
  }
  const SourceText source = SourceText::from_bytes("big.md", text);
  std::size_t pieces = 0;
  const auto whole = detail::read_markdown_lines_in_pieces(source, text.size(), &pieces);
  BOOST_TEST(pieces == 1U);
  MarkdownParseCache cache;
  const auto small = SourceText::from_bytes("a.md", "# 标题\n\n正文\n");
  (void)read_lines(small, InputFormat::Markdown, &cache);
  for (MarkdownParseCache* through : {static_cast<MarkdownParseCache*>(nullptr), &cache}) {
    const auto lines = read_lines(source, InputFormat::Markdown, through);
    BOOST_TEST_REQUIRE(lines.size() == whole.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (describe(source, lines[i]) != describe(source, whole[i])) ++differ;
    }
    BOOST_TEST(differ == 0U);
  }
  // The cache was left aside for the large draft, and serves small ones afresh after it.
  const auto again = read_lines(small, InputFormat::Markdown, &cache);
  const auto fresh = read_lines(small, InputFormat::Markdown);
  BOOST_TEST(cache.reused() == 0U);
  BOOST_TEST_REQUIRE(again.size() == fresh.size());
  for (std::size_t i = 0; i < fresh.size(); ++i) BOOST_TEST(describe(small, again[i]) == describe(small, fresh[i]));
}

namespace {

/// Nodes in `node`'s subtree whose children or paragraphs vector holds more room than it uses.
std::size_t loose_vectors(const Node& node) {
  std::size_t loose = node.children.capacity() != node.children.size() ||
                              node.paragraphs.capacity() != node.paragraphs.size()
                          ? 1
                          : 0;
  for (const Node& child : node.children) loose += loose_vectors(child);
  return loose;
}

std::size_t node_count(const Node& node) {
  std::size_t n = 1;
  for (const Node& child : node.children) n += node_count(child);
  return n;
}

}  // namespace

namespace {

/// Calls `visit` with each .md and .txt fixture that reads as a draft; returns how many did.
std::size_t for_each_fixture_draft(const std::function<void(const std::filesystem::path&, const Document&)>& visit) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(checklint::test::source_dir() / "fixtures")) {
    const auto extension = entry.path().extension();
    if (!entry.is_regular_file() || (extension != ".md" && extension != ".txt")) continue;
    const std::string raw = checklint::test::read_text(entry.path());
    std::optional<Document> doc;
    try {
      doc = parse_document(SourceText::from_file_bytes(entry.path().string(), raw), format_for_path(entry.path().string()));
    } catch (const InputError&) {
      continue;  // not a draft (the error tests' inputs)
    }
    ++files;
    visit(entry.path(), *doc);
  }
  return files;
}

void numbered_lines(const Node& node, std::set<std::size_t>& lines) {
  if (node.kind == NodeKind::Numbered) lines.insert(node.line);
  for (const Node& child : node.children) numbered_lines(child, lines);
}

}  // namespace

// TextView takes the paragraph lines that begin with a heading number from the tree instead of
// reading each line's marker again: a paragraph line opens a Numbered node exactly when
// read_marker finds one at its start.
BOOST_AUTO_TEST_CASE(paragraphs_open_numbered_sections_exactly_when_they_begin_with_a_marker) {
  std::size_t numbered = 0;
  const std::size_t files = for_each_fixture_draft([&](const std::filesystem::path& path, const Document& doc) {
    std::set<std::size_t> lines;
    numbered_lines(doc.root, lines);
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      const Line& line = doc.lines[i];
      if (line.kind != LineKind::Paragraph) continue;
      const bool marker = read_marker(doc.text.slice(line.content)).has_value();
      numbered += marker ? 1 : 0;
      BOOST_TEST_CONTEXT(path.string() << ", line " << i + 1) { BOOST_TEST(lines.contains(i) == marker); }
    }
  });
  BOOST_TEST(files >= 80U);
  BOOST_TEST(numbered >= 800U);
}

namespace {

/// The items of `node` and its descendants whose line is not the one their marker is on.
std::size_t items_off_their_line(const Document& doc, const Node& node) {
  std::size_t off = node.kind == NodeKind::Item && node.line != doc.text.line_index(node.item->offset) ? 1 : 0;
  for (const Node& child : node.children) off += items_off_their_line(doc, child);
  return off;
}

std::size_t item_count(const Node& node) {
  std::size_t count = node.kind == NodeKind::Item ? 1 : 0;
  for (const Node& child : node.children) count += item_count(child);
  return count;
}

}  // namespace

// The tree gives an item the line of the paragraph or heading it was found in when its marker
// lies in that line, without the binary search of SourceText::line_index: the two must agree.
BOOST_AUTO_TEST_CASE(items_are_on_the_line_of_their_marker) {
  std::size_t items = 0;
  for_each_fixture_draft([&](const std::filesystem::path& path, const Document& doc) {
    items += item_count(doc.root);
    BOOST_TEST_CONTEXT(path.string()) { BOOST_TEST(items_off_their_line(doc, doc.root) == 0U); }
  });
  BOOST_TEST(items >= 500U);
}

// A 20 MB draft has some 200,000 nodes: each is kept small, and no vector keeps spare room.
BOOST_AUTO_TEST_CASE(the_tree_is_compact) {
  BOOST_TEST(sizeof(Node) <= 176U);
  std::string text = "某局领导班子对照检查材料\n按照要求，现将有关情况报告如下：\n";
  for (int i = 1; i <= 9; ++i) {
    text += chinese_numeral(i) + "、存在的问题\n";
    for (int j = 1; j <= 5; ++j) {
      text += "（" + chinese_numeral(j) + "）学习方面。一是学习不深。二是联系实际不够。三是作风不实。\n比如，全年学习仅4次。\n";
    }
  }
  const auto doc = parse(text);
  BOOST_TEST(node_count(doc.root) == 1U + 2U + 9U * (1U + 5U * 4U));
  BOOST_TEST(loose_vectors(doc.root) == 0U);
  const Node& two = section(doc, 1);
  BOOST_TEST(two.children.size() == 5U);
  BOOST_TEST(two.children[4].numbering->marker.canonical() == "（五）");
  BOOST_TEST(two.children[4].children.size() == 3U);
  BOOST_TEST(two.children[4].paragraphs.size() == 1U);  // 比如… continues 三是
  BOOST_TEST(body(doc, two.children[4].children[2]) == "");
  BOOST_TEST(doc.text.slice(two.children[4].children[2].range) == "三是作风不实。\n比如，全年学习仅4次。");
}

BOOST_AUTO_TEST_SUITE_END()
