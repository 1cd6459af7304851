// Unit tests of the helpers the C++ checks share (linter/checks/check.h, closing.h).
#include <array>
#include <random>
#include <string>

#include <boost/test/unit_test.hpp>

#include "linter/checks/check.h"
#include "linter/checks/closing.h"

using namespace checklint;

namespace {

std::string repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checks)

BOOST_AUTO_TEST_CASE(signature_lines_are_organs_and_dates) {
  BOOST_TEST(is_signature_line("中共某县水利局党组"));
  BOOST_TEST(is_signature_line("2025年1月15日"));
  BOOST_TEST(is_signature_line("二〇二五年一月"));
  BOOST_TEST(is_signature_line(" ２０２５ 年 1 月 15 日"));
  // The date regex is tried only on lines ending in 月 or 日 before trailing \s: every kind of \s.
  BOOST_TEST(is_signature_line("2025年1月15日 \t\n\f\r"));
  BOOST_TEST(is_signature_line("2025年1月\f"));
  BOOST_TEST(!is_signature_line("2025年1月15日\v"));  // \v is not \s in RE2
  BOOST_TEST(!is_signature_line("2025年1月15日。"));
  BOOST_TEST(!is_signature_line("会议于2025年1月召开"));
  BOOST_TEST(!is_signature_line("日"));
  BOOST_TEST(!is_signature_line(""));
  BOOST_TEST(!is_signature_line(" \t"));
}

BOOST_AUTO_TEST_CASE(organ_lines_count_at_most_thirty_characters_whatever_their_bytes) {
  // 中共 and 𠀀 (four bytes): the longer lines are told by their size, the rest counted.
  BOOST_TEST(is_organ_line("中共" + repeat("𠀀", 28)));   // 30 characters in 118 bytes
  BOOST_TEST(!is_organ_line("中共" + repeat("𠀀", 29)));  // 31 in 122
  BOOST_TEST(is_organ_line("中共" + repeat("某", 28)));    // 30 in 90
  BOOST_TEST(!is_organ_line("中共" + repeat("某", 29)));
  BOOST_TEST(!is_organ_line("中共" + repeat("a", 29)));
  BOOST_TEST(is_organ_line("中共" + repeat("a", 28)));
  BOOST_TEST(!is_organ_line("中共某县水利局党组，"));
  BOOST_TEST(!is_organ_line("某县水利局"));
}

BOOST_AUTO_TEST_CASE(contains_word_equals_find) {
  // Pieces that share bytes: 9A ends ： and ｚ and is the middle of 的; 个 and 中 start with E4.
  static constexpr std::array<std::string_view, 12> kPieces = {"：", "ｚ", "的", "个", "方面", "中", "共", "a", ":", "𠀀", "\xBC", "\x9A"};
  static constexpr std::array<std::string_view, 9> kWords = {"：", "个方面", "中共", "的", "方面", "a:", "", "ｚ的", "\x9A"};
  std::mt19937 random(8);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = length(random); n > 0; --n) text += kPieces.at(piece(random));
    for (std::string_view word : kWords) {
      BOOST_TEST_CONTEXT(text << " / " << word) { BOOST_TEST(contains_word(text, word) == (text.find(word) != std::string::npos)); }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
