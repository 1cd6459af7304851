#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "linter/document/numbering.h"

using namespace checklint;

namespace {

/// Fewer than `most` of `pieces`, drawn at random.
std::string random_text(std::mt19937& random, const std::vector<std::string_view>& pieces, unsigned most) {
  std::string text;
  const auto count = random() % most;
  for (std::size_t k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(numbering)

BOOST_AUTO_TEST_CASE(chinese_numerals_round_trip_to_ninety_nine) {
  for (int n = 1; n <= 99; ++n) {
    const std::string text = chinese_numeral(n);
    std::size_t len = 0;
    const auto parsed = parse_chinese_numeral(text, len);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(*parsed == n);
    BOOST_TEST(len == text.size());
  }
  BOOST_TEST(chinese_numeral(10) == "十");
  BOOST_TEST(chinese_numeral(11) == "十一");
  BOOST_TEST(chinese_numeral(20) == "二十");
  BOOST_TEST(chinese_numeral(99) == "九十九");
}

struct Case {
  const char* text;
  int level;
  int ordinal;
  bool standard;
  const char* marker;  // the bytes the marker takes
};

BOOST_AUTO_TEST_CASE(standard_and_wrong_forms_are_recognised) {
  const Case cases[] = {
      {"一、存在的问题", 1, 1, true, "一、"},
      {"十二、其他", 1, 12, true, "十二、"},
      {"九十九、末", 1, 99, true, "九十九、"},
      {"一.存在的问题", 1, 1, false, "一."},
      {"一，存在的问题", 1, 1, false, "一，"},
      {"二：原因", 1, 2, false, "二："},
      {"（一）理论学习方面", 2, 1, true, "（一）"},
      {"(一)理论学习方面", 2, 1, false, "(一)"},
      {"（一)理论学习方面", 2, 1, false, "（一)"},
      {"（一）、理论学习方面", 2, 1, false, "（一）、"},
      {"（十一）其他", 2, 11, true, "（十一）"},
      {"1.加强学习", 3, 1, true, "1."},
      {"1．加强学习", 3, 1, true, "1．"},
      {"12. 加强学习", 3, 12, true, "12."},
      {"999.末", 3, 999, true, "999."},
      {"1、加强学习", 3, 1, false, "1、"},
      {"1，加强学习", 3, 1, false, "1，"},
      {"（1）每月一次", 4, 1, true, "（1）"},
      {"(1)每月一次", 4, 1, false, "(1)"},
      {"1)每月一次", 4, 1, false, "1)"},
      {"1）每月一次", 4, 1, false, "1）"},
      {"（1）、每月一次", 4, 1, false, "（1）、"},
      {"①每月一次", 4, 1, false, "①"},
      {"⑳每月一次", 4, 20, false, "⑳"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto m = read_marker(c.text);
      BOOST_TEST_REQUIRE(m.has_value());
      BOOST_TEST(m->level == c.level);
      BOOST_TEST(m->ordinal == c.ordinal);
      BOOST_TEST(m->standard == c.standard);
      BOOST_TEST(std::string(c.text).substr(0, m->length) == c.marker);
    }
  }
}

BOOST_AUTO_TEST_CASE(ordinary_text_is_not_a_marker) {
  for (const char* text : {"一是自我要求有所降低", "一方面要学习", "一些问题", "1.5亿元资金", "2023年以来",
                           "（2023年12月）", "(共计3人)", "十分重要", "0.加强", "1000.末", "一.5倍"}) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(!read_marker(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(reading_the_form_the_first_character_names_equals_trying_each_form) {
  // Random texts that begin with pieces of every form of heading number, with characters that
  // share their first bytes (（ 《 ① © 一 丁), and with others.
  const std::vector<std::string_view> pieces = {
      "（", "(", "）", ")", "一", "二", "九", "十", "1", "2", "0", "12", "999", "1000", "①", "⑳", "⑴", "、",
      "．", "。", "，", ".", ",", "：", ":", "月", "季度", "《", "©", "丁", "学习", " ", "a", "5", "\xEF", "\xE2"};
  std::mt19937 random(9);
  for (int round = 0; round < 20000; ++round) {
    const std::string text = random_text(random, pieces, 7);
    BOOST_TEST_CONTEXT(text) {
      const auto fast = read_marker(text);
      const auto slow = read_marker_trying_each_form(text);
      BOOST_TEST_REQUIRE(fast.has_value() == slow.has_value());
      if (fast) {
        BOOST_TEST(fast->level == slow->level);
        BOOST_TEST(fast->ordinal == slow->ordinal);
        BOOST_TEST(fast->standard == slow->standard);
        BOOST_TEST(fast->length == slow->length);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(canonical_markers) {
  BOOST_TEST(canonical_marker(1, 3) == "三、");
  BOOST_TEST(canonical_marker(2, 14) == "（十四）");
  BOOST_TEST(canonical_marker(3, 2) == "2.");
  BOOST_TEST(canonical_marker(4, 7) == "（7）");
}

BOOST_AUTO_TEST_CASE(items_inside_a_paragraph) {
  const std::string text = "主要存在三方面差距：一是学习不深；二是调研不实。三是作风不严。";
  const auto items = find_item_markers(text);
  BOOST_TEST_REQUIRE(items.size() == 3U);
  BOOST_TEST(items[0].ordinal == 1);
  BOOST_TEST(items[2].ordinal == 3);
  BOOST_TEST(text.substr(items[1].offset, items[1].length) == "二是");
  BOOST_TEST((items[0].scheme == ItemScheme::Shi));
}

BOOST_AUTO_TEST_CASE(items_need_a_boundary_before_them) {
  // 统一是 / 唯一是 are words, 第一书记 is a title, 首先要 has no comma.
  BOOST_TEST(find_item_markers("思想统一是前提，唯一是标准").empty());
  BOOST_TEST(find_item_markers("第一书记驻村，首先要学习").empty());
  const auto di = find_item_markers("第一，加强学习；第二、改进作风；首先，统一思想。其次，狠抓落实；最后，严明纪律。");
  BOOST_TEST_REQUIRE(di.size() == 5U);
  BOOST_TEST((di[0].scheme == ItemScheme::Di));
  BOOST_TEST(di[1].ordinal == 2);
  BOOST_TEST((di[2].scheme == ItemScheme::Sequence));
  BOOST_TEST(di[3].ordinal == 2);
  BOOST_TEST(di[4].ordinal == 0);
}

BOOST_AUTO_TEST_CASE(a_marker_spells_its_canonical_form_on_demand) {
  // The spelling is no longer stored in the marker (16 bytes, held by every section node).
  BOOST_TEST(sizeof(Marker) <= 16U);
  BOOST_TEST(sizeof(ItemMarker) <= 16U);
  BOOST_TEST(read_marker("(3)、改进作风")->canonical() == "（3）");
  BOOST_TEST(read_marker("十二.加强学习")->canonical() == "十二、");
  BOOST_TEST(read_marker("⑤落实")->canonical() == "（5）");
  BOOST_TEST(read_marker("（一）学习")->canonical() == "（一）");
}

namespace {

/// Item markers as the scan returns them, for comparing two scans.
std::vector<std::string> spelled(std::string_view text, const std::vector<ItemMarker>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& m : items) {
    out.push_back(std::to_string(m.offset) + " " + std::string(text.substr(m.offset, m.length)) + " " +
                  std::to_string(m.ordinal) + " " + std::to_string(static_cast<int>(m.scheme)));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_limited_scan_and_a_test_at_one_offset_agree_with_the_whole_scan) {
  // find_item_markers(text, limit) is the whole scan's markers that begin before `limit`, and
  // item_marker_at(text, 0) is the whole scan's first marker when that one begins the text.
  const std::vector<std::string> texts = {
      "一是学习不深；二是调研不实。三是作风不严。",
      "主要存在三方面差距：一是学习不深；二是调研不实。",
      "第一，加强学习；第二、改进作风；首先，统一思想。其次，狠抓落实；最后，严明纪律。",
      "首先，统一思想",
      "第一书记驻村，首先要学习",
      "一是一、二是二，实事求是",
      "十一是重点，十二是难点",
      "统一是前提",
      "",
      "是",
      "第",
      "一",
      "最后，",
  };
  for (const std::string& text : texts) {
    BOOST_TEST_CONTEXT(text) {
      const auto all = find_item_markers(text);
      for (std::size_t limit = 0; limit <= text.size() + 1; ++limit) {
        std::vector<ItemMarker> before;
        for (const auto& m : all) {
          if (m.offset < limit) before.push_back(m);
        }
        BOOST_TEST(spelled(text, find_item_markers(text, limit)) == spelled(text, before), boost::test_tools::per_element());
      }
      const auto first = item_marker_at(text, 0);
      const bool starts = !all.empty() && all.front().offset == 0;
      BOOST_TEST_REQUIRE(first.has_value() == starts);
      if (first) BOOST_TEST(spelled(text, {*first}) == spelled(text, {all.front()}), boost::test_tools::per_element());
      // At every offset where the whole scan found a marker, item_marker_at finds the same one.
      for (const auto& m : all) {
        const auto at = item_marker_at(text, m.offset);
        BOOST_TEST_REQUIRE(at.has_value());
        BOOST_TEST(spelled(text, {*at}) == spelled(text, {m}), boost::test_tools::per_element());
      }
    }
  }
  BOOST_TEST(!item_marker_at("统一是前提", 3).has_value());  // 一是 after 统 is a word, not an item
  BOOST_TEST(!item_marker_at("一是", 2).has_value());        // not the start of a character
  BOOST_TEST(!item_marker_at("一是", 9).has_value());        // past the end
}

namespace {

/// The item markers of `text` found the slow way: item_marker_at at every character, going on
/// after each marker found (what find_item_markers did before it looked only after boundaries).
std::vector<ItemMarker> markers_one_by_one(std::string_view text, std::size_t limit) {
  std::vector<ItemMarker> items;
  std::size_t i = 0;
  while (i < std::min(limit, text.size())) {
    if (const auto found = item_marker_at(text, i)) {
      items.push_back(*found);
      i += found->length;
      continue;
    }
    do ++i; while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U);
  }
  return items;
}

}  // namespace

BOOST_AUTO_TEST_CASE(markers_follow_exactly_the_boundary_characters) {
  // The characters an item marker may follow, and some that share their first byte or their
  // last one (the scan finds boundaries by their first byte, the character before a marker is
  // compared whole).
  for (std::string_view boundary : {"。", "；", "：", "，", "！", "？", "、", "”", "’", "）", "…", " ", "　",
                                    "\t", ";", ":", ",", ")", "\u00A0", "."}) {
    BOOST_TEST_CONTEXT(boundary) {
      const std::string text = "学习" + std::string(boundary) + "二是作风";
      BOOST_TEST(find_item_markers(text).size() == 1U);
      BOOST_TEST(item_marker_at(text, 6 + boundary.size()).has_value());
    }
  }
  for (std::string_view other : {"《", "“", "‘", "—", "（", "①", "©", "a", "1", "!", "?", "(", "-", "\u3001\u0301",
                                 "统", "\u00A1", "\u2026\u0300"}) {
    BOOST_TEST_CONTEXT(other) {
      const std::string text = "学习" + std::string(other) + "二是作风";
      BOOST_TEST(find_item_markers(text).empty());
      BOOST_TEST(!item_marker_at(text, 6 + other.size()).has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(the_scan_after_boundaries_equals_a_test_at_every_character) {
  // Random texts of markers, the characters they are made of, boundaries, characters that share
  // a boundary's first byte, and others, at every limit, with pieces long enough to cross the
  // scan's sixteen-byte blocks.
  const std::vector<std::string_view> pieces = {
      "一是", "二是", "十一是", "第一", "第二，", "首先，", "其次、", "再次：", "最后,", "最后", "是", "一", "十",
      "九十九是", "第", "一是一、", "。", "；", "：", "，", "！", "？", "、", "”", "’", "）", "…", " ", "　",
      "\t", ";", ":", ",", ")", "\u00A0", ".", "《", "“", "—", "（", "①", "©", "a", "12", "统", "学习不深",
      "加强理论学习，", "调研不实作风不严"};
  std::mt19937 random(8);
  for (int round = 0; round < 4000; ++round) {
    const std::string text = random_text(random, pieces, 24);
    BOOST_TEST_CONTEXT(text) {
      for (std::size_t limit : {text.size(), text.size() / 2, text.size() / 3 + 1, std::size_t{1}, std::size_t{0}}) {
        BOOST_TEST(spelled(text, find_item_markers(text, limit)) == spelled(text, markers_one_by_one(text, limit)),
                   boost::test_tools::per_element());
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
