#include <algorithm>
#include <array>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "linter/source/scan.h"
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

BOOST_AUTO_TEST_CASE(a_line_column_cursor_equals_line_column) {
  // A long line (past the checkpoints and the directly counted 4 KiB) of CJK, astral
  // characters, tabs and ASCII, between short lines, with LF and CRLF ends and an empty line.
  std::string line;
  for (int i = 0; i < 3000; ++i) line += i % 5 == 0 ? "𠮷" : (i % 3 == 0 ? "\t" : (i % 2 == 0 ? "学" : "a"));
  for (const std::string eol : {"\n", "\r\n"}) {
    std::string bytes = "首行";
    bytes.append(eol).append(line).append(eol).append(eol).append("末行");
    const auto t = SourceText::from_bytes("f.txt", bytes);
    const auto same = [](const SourceText::LineColumn& a, const SourceText::LineColumn& b) {
      return a.line == b.line && a.column == b.column && a.utf16_column == b.utf16_column && a.byte_column == b.byte_column;
    };
    std::vector<std::size_t> ascending(bytes.size() + 2);  // one past the end as well
    std::iota(ascending.begin(), ascending.end(), std::size_t{0});
    std::vector<std::size_t> pairs;  // a finding's start and end, the next start a little after, now and then a note before
    for (std::size_t k = 0; k + 40 < bytes.size(); k += 37) {
      pairs.insert(pairs.end(), {k, k + 5, k + 40});
      if (k % 10 == 0) pairs.push_back(k / 2);
    }
    for (const auto* order : {&ascending, &pairs}) {
      checklint::LineColumnCursor cursor(t);
      for (const std::size_t offset : *order) {
        BOOST_TEST_CONTEXT("offset " << offset) { BOOST_TEST(same(cursor(offset), t.line_column(offset))); }
      }
    }
  }
}

namespace {

/// first_invalid_utf8 as it was written first: a character at a time, through the decoder.
std::size_t first_invalid_slowly(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    if (checklint::decode_utf8_other(s, i, len) == U'\uFFFD' && s.substr(i, 3) != "\xEF\xBF\xBD") return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fast_utf8_scans_equal_a_character_at_a_time) {
  // Every one-, two-, three- and four-byte sequence of interesting bytes, after ASCII runs of
  // each length (the scan takes eight ASCII bytes at once, and sixteen bytes of any kind, so
  // every place across a block's end) or CJK text ending at each place, and before CJK text.
  const std::vector<unsigned> bytes = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBD, 0xBF, 0xC0, 0xC1, 0xC2,
                                       0xDF, 0xE0, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::vector<std::string> leads;
  for (std::size_t k = 0; k < 18; ++k) leads.emplace_back(k, 'a');
  for (std::size_t k = 0; k < 3; ++k) leads.push_back("党的建设党" + std::string(k, 'a'));
  std::size_t checked = 0;
  for (const std::string& lead : leads) {
    for (const unsigned a : bytes) {
      for (const unsigned b : bytes) {
        for (const unsigned c : {0x80U, 0xBDU, 0x41U}) {
          std::string s = lead;
          s += static_cast<char>(a);
          s += static_cast<char>(b);
          s += static_cast<char>(c);
          for (const std::string& tail : {std::string(), std::string("\x80"), std::string("党的建设")}) {
            const std::string t = s + tail;
            BOOST_TEST(checklint::first_invalid_utf8(t) == first_invalid_slowly(t), t.size() << " bytes");
            std::size_t leads = 0;
            for (const char ch : t) leads += (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U ? 1 : 0;
            BOOST_TEST(checklint::char_count(t) == leads);
            ++checked;
          }
        }
      }
    }
  }
  BOOST_TEST(checked > 100000U);
  // Longer texts of valid pieces and single stray bytes, at random (a fixed seed).
  std::mt19937 random(8);
  const std::vector<std::string> pieces = {"党", "的", "，", "𠮷", "é", "a", "ab", "\n", "\xEF\xBF\xBD", "\x80", "\xE5\xAD",
                                           "\xF0\x9F", "\xED\xA0\x80", "\xE0\x80\x80", "\xF4\x90\x80\x80", "\xC1\xBF", "\xFF"};
  for (int round = 0; round < 20000; ++round) {
    std::string t;
    const auto size = random() % 120;
    const bool clean = round % 2 == 0;  // half of them valid up to one stray piece near the end
    while (t.size() < size) t += pieces[random() % (clean ? 8 : pieces.size())];
    if (clean && round % 4 == 0) t += pieces[8 + random() % (pieces.size() - 8)];
    BOOST_TEST(checklint::first_invalid_utf8(t) == first_invalid_slowly(t), "round " << round);
  }
  // char_count over more than 255 blocks of 16 bytes (its lanes are summed every 255).
  std::string long_text;
  for (int k = 0; k < 3000; ++k) long_text += k % 7 == 0 ? "a" : "党";
  BOOST_TEST(checklint::char_count(long_text) == 3000U);
  BOOST_TEST(checklint::first_invalid_utf8(long_text) == std::string_view::npos);
}

namespace {

/// The first byte that does not begin a well-formed UTF-8 character, by the table of
/// well-formed byte sequences in the Unicode Standard (3.9, table 3-7), a byte at a time.
std::size_t first_invalid_by_table(std::string_view s) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned>(static_cast<unsigned char>(s[at])); };
  for (std::size_t i = 0; i < s.size();) {
    const unsigned b = byte(i);
    if (b < 0x80U) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned low = 0x80U;  // the range of the second byte
    unsigned high = 0xBFU;
    if (b >= 0xC2U && b <= 0xDFU) {
      length = 2;
    } else if (b >= 0xE0U && b <= 0xEFU) {
      length = 3;
      if (b == 0xE0U) low = 0xA0U;
      if (b == 0xEDU) high = 0x9FU;
    } else if (b >= 0xF0U && b <= 0xF4U) {
      length = 4;
      if (b == 0xF0U) low = 0x90U;
      if (b == 0xF4U) high = 0x8FU;
    } else {
      return i;
    }
    if (s.size() - i < length || byte(i + 1) < low || byte(i + 1) > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (byte(i + k) < 0x80U || byte(i + k) > 0xBFU) return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(utf8_validation_equals_the_table_of_well_formed_sequences) {
  // The block scan takes 32 (with AVX2) or 16 bytes of ASCII and two- and three-byte
  // characters at a time and leaves every other block to the character-at-a-time scan: each
  // malformed piece (and each rare but valid one) after valid text of every length, so that it
  // falls at every place of a block and across blocks, and characters cut by a block's end.
  const std::vector<std::string> valid = {"党", "的", "，", "。", "a", "ab", "\n", "é", "·", "\xEF\xBF\xBD", "abcdefgh", "建设党的"};
  const std::vector<std::string> rare = {
      "𠮷", "😀", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xEE\x80\x80", "\xC2\x80", "\xDF\xBF",
      std::string(1, '\0')};
  const std::vector<std::string> malformed = {
      "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xC2\x41", "\xE4\xB8", "\xE4\x41\x80", "\xE4\xB8\x41", "\xE0\x80\x80",
      "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF0\x9F\x98", "\xF4\x90\x80\x80",
      "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE", "\xFF", "\xE4\xB8\xAD\x80", "\xC3\xA9\xA9"};
  std::mt19937 random(20261207);
  const auto valid_text = [&](std::size_t at_least) {
    std::string t;
    while (t.size() < at_least) t += valid[random() % valid.size()];
    return t;
  };
  std::size_t checked = 0;
  std::size_t found = 0;
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t before = 0; before < 100; ++before) {
      for (const auto* pieces : {&rare, &malformed}) {
        for (const std::string& piece : *pieces) {
          // Valid text of `before` bytes or a little more, the piece, and valid text or nothing.
          std::string t = valid_text(before) + piece;
          if (pass > 0) t += valid_text(random() % 60);
          if (pass == 2) t += (*pieces)[random() % pieces->size()];
          const std::size_t expected = first_invalid_by_table(t);
          BOOST_TEST(checklint::first_invalid_utf8(t) == expected, "piece at " << before << " of " << t.size() << " bytes");
          BOOST_TEST(checklint::first_invalid_utf8_sse2(t) == expected, "piece at " << before << " of " << t.size() << " bytes");
          BOOST_TEST(first_invalid_slowly(t) == expected);
          found += expected != std::string_view::npos ? 1 : 0;
          ++checked;
        }
      }
    }
  }
  // Random texts of interesting bytes, mostly well formed, up to many blocks long.
  const std::vector<std::string> all = [&] {
    std::vector<std::string> v = valid;
    v.insert(v.end(), rare.begin(), rare.end());
    v.insert(v.end(), malformed.begin(), malformed.end());
    return v;
  }();
  for (int round = 0; round < 20000; ++round) {
    std::string t = valid_text(random() % 200);
    const auto extra = random() % 3;
    for (unsigned k = 0; k < extra; ++k) {
      t.insert(random() % (t.size() + 1), all[random() % all.size()]);  // at any byte, even inside a character
    }
    const std::size_t expected = first_invalid_by_table(t);
    BOOST_TEST(checklint::first_invalid_utf8(t) == expected, "round " << round);
    BOOST_TEST(checklint::first_invalid_utf8_sse2(t) == expected, "round " << round);
    found += expected != std::string_view::npos ? 1 : 0;
    ++checked;
  }
  BOOST_TEST(found > checked / 3);
  BOOST_TEST(found < checked * 9 / 10);
}

BOOST_AUTO_TEST_CASE(the_line_index_equals_a_byte_at_a_time) {
  // Texts of short and long lines (the '\n's are found 16 bytes at a time when there is no
  // '\r'), with and without '\r', against lines split a byte at a time.
  std::mt19937 random(61);
  const std::vector<std::string> pieces = {"党", "a", "\n", "abcdefghijklmnopqrstu", "的的的的的的", "\n\n", "\r", "\r\n"};
  for (int round = 0; round < 3000; ++round) {
    const bool with_cr = round % 3 == 0;
    std::string bytes;
    const auto size = random() % 300;
    while (bytes.size() < size) bytes += pieces[random() % (with_cr ? pieces.size() : pieces.size() - 2)];
    std::vector<std::pair<std::size_t, std::size_t>> expected;  // each line's start and end
    std::size_t start = 0;
    bool lf = false;
    bool crlf = false;
    bool cr = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (bytes[i] != '\n' && bytes[i] != '\r') continue;
      expected.emplace_back(start, i);
      if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') {
        crlf = true;
        ++i;
      } else {
        (bytes[i] == '\r' ? cr : lf) = true;
      }
      start = i + 1;
    }
    if (start < bytes.size() || expected.empty()) expected.emplace_back(start, bytes.size());
    const auto t = SourceText::from_bytes("f.txt", bytes);
    BOOST_TEST_CONTEXT("round " << round << ", " << bytes.size() << " bytes") {
      BOOST_TEST_REQUIRE(t.line_count() == expected.size());
      for (std::size_t k = 0; k < expected.size(); ++k) {
        BOOST_TEST(t.line_range(k).begin == expected[k].first);
        BOOST_TEST(t.line_range(k).end == expected[k].second);
      }
      const int kinds = static_cast<int>(lf) + static_cast<int>(crlf) + static_cast<int>(cr);
      const LineEnding ending = kinds > 1 ? LineEnding::Mixed
                                : crlf    ? LineEnding::CRLF
                                : cr      ? LineEnding::CR
                                : lf      ? LineEnding::LF
                                          : LineEnding::None;
      BOOST_TEST(static_cast<int>(t.line_ending()) == static_cast<int>(ending));
    }
  }
}

BOOST_AUTO_TEST_CASE(line_columns_of_short_texts_and_ranges_equal_positions) {
  // Texts shorter and longer than a block of 16 bytes, and ranges of every length ending
  // anywhere (the last bytes of a range are counted in one block read from where the text
  // allows), against position(), which steps a character at a time; the cursor too, asked a
  // few bytes or many lines on.
  std::mt19937 random(16);
  const std::vector<std::string> pieces = {"党", "a", "𠮷", "é", "\n", "abc", "，", "\r\n", "\n\n\n"};
  const auto same = [](const SourceText::LineColumn& got, const checklint::Position& expected) {
    return got.line == expected.line && got.column == expected.column && got.utf16_column == expected.utf16_column &&
           got.byte_column == expected.byte_column;
  };
  for (int round = 0; round < 1500; ++round) {
    std::string bytes;
    const auto size = random() % (round % 2 == 0 ? 20 : 90);
    while (bytes.size() < size) bytes += pieces[random() % pieces.size()];
    const auto t = SourceText::from_bytes("f.txt", bytes);
    checklint::LineColumnCursor cursor(t);
    std::size_t offset = 0;
    for (std::size_t k = 0; k <= bytes.size() + 1; ++k) {
      BOOST_TEST_CONTEXT("round " << round << ", offset " << k) { BOOST_TEST(same(t.line_column(k), t.position(k))); }
    }
    while (offset <= bytes.size()) {
      BOOST_TEST_CONTEXT("round " << round << ", cursor at " << offset) { BOOST_TEST(same(cursor(offset), t.position(offset))); }
      offset += random() % (round % 3 == 0 ? 40 : 7);  // now and then many lines on
    }
  }
}

BOOST_AUTO_TEST_CASE(count_byte_equals_std_count) {
  // Blocks of 64 and of 16 bytes and the bytes after them, and more matches than a lane holds.
  std::mt19937 random(255);
  for (int round = 0; round < 3000; ++round) {
    std::string t(random() % (round % 10 == 0 ? 20000 : 200), 'a');
    const auto every = 1 + random() % 4;
    for (std::size_t k = random() % every; k < t.size(); k += every) t[k] = '\n';
    BOOST_TEST(checklint::count_byte(t, '\n') == static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n')), t.size() << " bytes");
    BOOST_TEST(checklint::count_byte(t, 'a') == static_cast<std::size_t>(std::count(t.begin(), t.end(), 'a')), t.size() << " bytes");
  }
}

BOOST_AUTO_TEST_CASE(line_column_equals_position) {
  std::string bytes = "一𠮷a错\r\n\n";
  for (int k = 0; k < 2000; ++k) bytes += k % 5 == 0 ? "a" : k % 7 == 0 ? "𠮷" : "党";  // past the 4096 bytes counted directly
  bytes += "\n末行";
  const auto t = SourceText::from_bytes("x.txt", bytes);
  for (std::size_t offset = 0; offset <= bytes.size() + 2; ++offset) {
    const auto expected = t.position(offset);
    const auto got = t.line_column(offset);
    BOOST_TEST(got.line == expected.line);
    BOOST_TEST(got.column == expected.column, "offset " << offset);
    BOOST_TEST(got.utf16_column == expected.utf16_column, "offset " << offset);
    BOOST_TEST(got.byte_column == expected.byte_column, "offset " << offset);
  }
}

BOOST_AUTO_TEST_CASE(byte_finder_finds_the_first_of_its_bytes) {
  std::string text;
  for (int k = 0; k < 300; ++k) text += k % 11 == 0 ? "。" : k % 13 == 0 ? "，a" : "党的";
  for (const std::string& set : {std::string("\xE3"), std::string("\xE3\xEF"), std::string("a\xEF\xE3\x80"),
                                 std::string("a\xEF\xE3\x80\x8C"), std::string("z")}) {
    const checklint::ByteFinder finder(set);
    for (std::size_t from = 0; from < text.size(); from += 7) {
      for (const std::size_t end : {from, from + 1, from + 40, text.size()}) {
        if (end > text.size()) continue;
        std::size_t expected = end;
        for (std::size_t i = from; i < end; ++i) {
          if (set.find(text[i]) != std::string::npos) {
            expected = i;
            break;
          }
        }
        BOOST_TEST(finder.find(text, from, end) == expected, "from " << from << " to " << end);
      }
    }
  }
}

namespace {

/// Random texts of pieces that share bytes: 9A ends ： and ｚ and is the middle of 的; 个 and 中
/// start with E4 (for the searches that look for a needle's first or last byte).
std::vector<std::string> texts_sharing_bytes(int count, int longest) {
  static constexpr std::array<std::string_view, 12> kPieces = {"：", "ｚ", "的", "个", "方面", "中", "共", "a", ":", "𠀀", "\xBC", "\x9A"};
  std::mt19937 random(8);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::uniform_int_distribution<int> length(0, longest);
  std::vector<std::string> texts(static_cast<std::size_t>(count));
  for (std::string& text : texts) {
    for (int n = length(random); n > 0; --n) text += kPieces.at(piece(random));
  }
  return texts;
}

}  // namespace

BOOST_AUTO_TEST_CASE(find_text_equals_find) {
  static constexpr std::array<std::string_view, 9> kWords = {"：", "个方面", "中共", "的", "方面", "a:", "", "ｚ的", "\x9A"};
  for (const std::string& text : texts_sharing_bytes(20000, 12)) {
    for (std::string_view word : kWords) {
      for (std::size_t from = 0; from <= text.size() + 1; from += 2) {
        BOOST_TEST_CONTEXT(text << " / " << word << " from " << from) {
          const std::size_t expected = from > text.size() ? std::string::npos : text.find(word, from);
          BOOST_TEST(checklint::find_text(text, word, from) == expected);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(rfind_text_equals_rfind) {
  // memrchr stops at every 9A, most of which end no colon.
  static constexpr std::array<std::string_view, 10> kWords = {"：", "个方面", "中共", "的", "方面", "a:", "", "ｚ的", "\x9A", ":"};
  for (const std::string& text : texts_sharing_bytes(20000, 12)) {
    for (std::string_view word : kWords) {
      BOOST_TEST(checklint::rfind_text(text, word) == std::string_view(text).rfind(word), text << " / " << word);
    }
  }
}

BOOST_AUTO_TEST_CASE(last_colon_end_equals_two_rfinds) {
  // Texts long enough for the blocks of 16 and short ones.
  for (const std::string& text : texts_sharing_bytes(50000, 30)) {
    const std::string_view view(text);
    std::size_t expected = 0;
    if (const auto ascii = view.rfind(':'); ascii != std::string_view::npos) expected = ascii + 1;
    if (const auto wide = view.rfind("："); wide != std::string_view::npos) expected = std::max(expected, wide + 3);
    BOOST_TEST(checklint::last_colon_end(text) == expected, text);
  }
}

BOOST_AUTO_TEST_SUITE_END()
