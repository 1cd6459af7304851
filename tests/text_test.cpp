#include <numeric>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "linter/source/text.h"

using checklint::InputError;
using checklint::LineEnding;
using checklint::SourceText;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(positions_count_characters_cells_and_utf16) {
  // 一 is 3 bytes / 2 cells / 1 UTF-16 unit; 𠮷 is 4 bytes / 2 cells / 2 units; a is 1/1/1.
  const auto t = SourceText::from_bytes("x.txt", "一𠮷a错");
  const auto p = t.position(3 + 4 + 1);  // at 错
  BOOST_TEST(p.line == 1U);
  BOOST_TEST(p.column == 4U);
  BOOST_TEST(p.display_column == 6U);
  BOOST_TEST(p.utf16_column == 4U);
  BOOST_TEST(p.byte_column == 8U);
}

BOOST_AUTO_TEST_CASE(line_endings_lf_crlf_cr) {
  const auto lf = SourceText::from_bytes("a", "一\n二\n");
  BOOST_TEST(lf.line_count() == 2U);
  BOOST_TEST(lf.line_text(1) == "二");
  BOOST_TEST((lf.line_ending() == LineEnding::LF));

  const auto crlf = SourceText::from_bytes("a", "一\r\n二\r\n三");
  BOOST_TEST(crlf.line_count() == 3U);
  BOOST_TEST(crlf.line_text(0) == "一");
  BOOST_TEST(crlf.line_text(2) == "三");
  BOOST_TEST((crlf.line_ending() == LineEnding::CRLF));
  BOOST_TEST(crlf.position(5).line == 2U);  // the first byte of 二

  const auto cr = SourceText::from_bytes("a", "一\r二\r");
  BOOST_TEST(cr.line_count() == 2U);
  BOOST_TEST(cr.line_text(1) == "二");
  BOOST_TEST((cr.line_ending() == LineEnding::CR));

  const auto mixed = SourceText::from_bytes("a", "a\nb\r\nc");
  BOOST_TEST((mixed.line_ending() == LineEnding::Mixed));
}

BOOST_AUTO_TEST_CASE(bom_is_removed_and_remembered) {
  const auto t = SourceText::from_bytes("a", "\xEF\xBB\xBF一、问题");
  BOOST_TEST(t.had_bom());
  BOOST_TEST(t.bytes() == "一、问题");
  BOOST_TEST(t.position(0).column == 1U);
}

BOOST_AUTO_TEST_CASE(empty_and_bom_only_files_have_one_empty_line) {
  BOOST_TEST(SourceText::from_bytes("a", "").line_count() == 1U);
  const auto bom = SourceText::from_bytes("a", "\xEF\xBB\xBF");
  BOOST_TEST(bom.line_count() == 1U);
  BOOST_TEST(bom.bytes().empty());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_reports_the_file_offset) {
  try {
    (void)SourceText::from_bytes("a", "\xEF\xBB\xBF一二\xFF三");
    BOOST_FAIL("expected InputError");
  } catch (const InputError& e) {
    BOOST_TEST(e.offset() == 9U);  // 3 (BOM) + 6 (一二)
    BOOST_TEST(std::string(e.what()).find("invalid UTF-8 at byte offset 9") != std::string::npos);
  }
  // A truncated multi-byte sequence at the very end.
  BOOST_CHECK_THROW((void)SourceText::from_bytes("a", "一\xE4\xB8"), InputError);
  // An overlong encoding and a UTF-16 surrogate are not UTF-8 either.
  BOOST_CHECK_THROW((void)SourceText::from_bytes("a", "\xC0\xAF"), InputError);
  BOOST_CHECK_THROW((void)SourceText::from_bytes("a", "\xED\xA0\x80"), InputError);
}

BOOST_AUTO_TEST_CASE(nul_byte_means_binary) {
  try {
    (void)SourceText::from_bytes("a", std::string("ab\0cd", 5));
    BOOST_FAIL("expected InputError");
  } catch (const InputError& e) {
    BOOST_TEST(e.offset() == 2U);
    BOOST_TEST(std::string(e.what()).find("binary") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(display_width_of_mixed_text) {
  BOOST_TEST(checklint::display_width(std::string_view("（一）ab")) == 8U);
  BOOST_TEST(checklint::char_count("（一）ab") == 5U);
}

BOOST_AUTO_TEST_CASE(positions_on_a_long_line_use_checkpoints_and_stay_exact) {
  // A 30,000-character line of CJK, astral and ASCII characters: position() jumps to the
  // nearest checkpoint instead of scanning from the start, and must agree with a plain scan.
  std::string line;
  for (int i = 0; i < 10000; ++i) line += i % 7 == 0 ? "𠮷" : (i % 3 == 0 ? "a" : "学");
  const auto t = SourceText::from_bytes("long.txt", "首行\n" + line + "\n末行");
  const std::size_t base = std::string("首行\n").size();
  std::size_t column = 1;
  std::size_t cells = 1;
  std::size_t utf16 = 0;
  std::size_t offset = 0;
  for (int i = 0; i < 10000; ++i) {
    if (i % 997 == 0 || i == 9999) {
      const auto p = t.position(base + offset);
      BOOST_TEST_CONTEXT("character " << i) {
        BOOST_TEST(p.line == 2U);
        BOOST_TEST(p.column == column);
        BOOST_TEST(p.display_column == cells);
        BOOST_TEST(p.utf16_column == utf16);
        BOOST_TEST(p.byte_column == offset);
      }
    }
    const bool astral = i % 7 == 0;
    const bool ascii = !astral && i % 3 == 0;
    offset += astral ? 4 : (ascii ? 1 : 3);
    column += 1;
    cells += ascii ? 1 : 2;
    utf16 += astral ? 2 : 1;
  }
  BOOST_TEST(t.position(t.bytes().size()).line == 3U);
}

// position() counts on from the position asked before on the same long line: in any order of
// asking, every offset (inside a character too) must get what a text asked nothing before gives.
BOOST_AUTO_TEST_CASE(positions_asked_in_any_order_equal_fresh_ones) {
  std::string line;
  for (int i = 0; i < 300; ++i) line += i % 5 == 0 ? "𠮷" : (i % 3 == 0 ? "\t" : (i % 2 == 0 ? "学" : "a"));
  const std::string bytes = "首行\n" + line + "\n末行";
  const auto same = [](const checklint::Position& a, const checklint::Position& b) {
    return a.line == b.line && a.column == b.column && a.display_column == b.display_column && a.utf16_column == b.utf16_column &&
           a.byte_column == b.byte_column;
  };
  std::vector<checklint::Position> fresh;
  for (std::size_t offset = 0; offset <= bytes.size(); ++offset) {
    fresh.push_back(SourceText::from_bytes("f.txt", bytes).position(offset));
  }
  std::vector<std::size_t> ascending(bytes.size() + 1);
  std::iota(ascending.begin(), ascending.end(), std::size_t{0});
  std::vector<std::size_t> descending(ascending.rbegin(), ascending.rend());
  std::vector<std::size_t> leaping;  // forwards and back, landing inside characters
  for (std::size_t k = 0; k < ascending.size(); ++k) leaping.push_back((k * 7919) % ascending.size());
  for (const auto* order : {&ascending, &descending, &leaping}) {
    const auto t = SourceText::from_bytes("f.txt", bytes);
    for (const std::size_t offset : *order) {
      BOOST_TEST_CONTEXT("offset " << offset) { BOOST_TEST(same(t.position(offset), fresh[offset])); }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
