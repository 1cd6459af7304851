// Unit tests of the helpers the C++ checks share (linter/checks/closing.h).
#include <string>

#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_SUITE_END()
