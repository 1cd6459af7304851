#include <boost/test/unit_test.hpp>

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
  const int kEdits = 300;
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

BOOST_AUTO_TEST_SUITE_END()
