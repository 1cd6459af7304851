// Unit tests of the text view, the similarity matcher, rule-set selection and
// the part/aspect analysis.
#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "linter/analysis/analysis.h"
#include "linter/analysis/select.h"
#include "linter/analysis/similarity.h"
#include "linter/document/text_view.h"
#include "linter/source/literals.h"
#include "support.h"

using namespace checklint;
using checklint::test::parse;

BOOST_AUTO_TEST_SUITE(analysis)

BOOST_AUTO_TEST_CASE(text_view_joins_cjk_across_line_breaks_and_maps_back) {
  const auto doc = parse("一、问题\n坚定拥护以习近\n平同志为核心的党中央。\n2023 年 plan\n");
  const TextView view(doc);
  const std::string joined = view.joined();
  const std::string_view text = joined;
  const auto at = text.find("习近平");
  BOOST_TEST_REQUIRE(at != std::string_view::npos);
  const ByteRange source = view.source(at, at + 9);
  // 习近 ends line 2, 平 starts line 3: the source range spans the line break.
  BOOST_TEST(doc.text.position(source.begin).line == 2U);
  BOOST_TEST(doc.text.position(source.end - 1).line == 3U);
  // Lines that do not meet CJK-to-CJK stay separate paragraphs; spaces next to ASCII survive.
  BOOST_TEST(text.find("。\n2023 年 plan") != std::string_view::npos);
  BOOST_TEST(view.chunks().size() >= 2U);
}

BOOST_AUTO_TEST_CASE(text_view_drops_spaces_between_cjk_only) {
  const auto doc = parse("一、问题\n党的 二十大　精神 and plan\n");
  const TextView view(doc);
  BOOST_TEST(view.joined().find("党的二十大精神 and plan") != std::string::npos);
}

// The view finds blanks sixteen places at a time by all their bytes (。 and 、 begin like U+3000):
// on random lines it drops exactly the runs of blanks that sit between two CJK characters.
BOOST_AUTO_TEST_CASE(text_view_drops_exactly_the_blanks_between_cjk_characters) {
  const std::vector<std::string_view> pieces = {"学", "习", "。", "、", "\u3000", " ", "\t", "\u00A0", "a", "1", "“",
                                                "”", "，", "《", "\u3008", "\u3042", "\u00A9", "\u00A1", "\u3001\u3000"};
  const auto is_blank = [](char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00A0'; };
  std::mt19937 random(8);
  for (int round = 0; round < 2000; ++round) {
    // A line that begins and ends with a Han character (a line's leading and trailing blanks
    // are not its content), in plain text (no markup).
    std::string line = "学";
    const auto count = random() % 40;
    for (std::size_t k = 0; k < count; ++k) line += pieces[random() % pieces.size()];
    line += "习";
    std::string expected;
    std::size_t len = 1;
    char32_t prev = 0;
    for (std::size_t i = 0; i < line.size();) {
      const char32_t cp = decode_utf8(line, i, len);
      if (!is_blank(cp)) {
        expected.append(line, i, len);
        prev = cp;
        i += len;
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && is_blank(decode_utf8(line, j, len))) j += len;
      const char32_t next = decode_utf8(line, j, len);  // the line ends with 习: never past it
      if (!(is_cjk(prev) && is_cjk(next))) expected.append(line, i, j - i);
      i = j;
    }
    BOOST_TEST_CONTEXT(line) {
      const auto doc = parse("plain\n" + line + "\n");  // a first line that ends in no Han character
      const TextView view(doc);
      const std::string text = view.joined();
      BOOST_TEST(text.substr(text.find('\n') + 1) == expected);
    }
  }
}

// A paragraph written in one piece of the source is read there, the others from a copy: on random
// drafts (lines wrapped inside a phrase, blanks between CJK characters, Markdown markup and
// headings, empty and hidden-only lines), every byte of every chunk is the source byte its
// offset maps to, the chunks lie in order, and a one-piece paragraph is not copied.
BOOST_AUTO_TEST_CASE(text_view_chunks_are_the_source_bytes_their_offsets_map_to) {
  const std::vector<std::string> pieces = {"学习", "习近", "平", "。", "，", " ", "\u3000", "a", "1", "**重点**", "<!-- 注 -->",
                                           "一是", "（一）", "XXX", "*", "“", "”", "\n", "\n", "\n\n", "\n# ", "\n## 二、"};
  std::mt19937 random(8);
  std::size_t in_source = 0;
  std::size_t copied = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string draft = "某单位对照检查材料\n";
    for (std::size_t k = 0, n = random() % 60; k < n; ++k) draft += pieces[random() % pieces.size()];
    const auto format = round % 2 == 0 ? InputFormat::Markdown : InputFormat::PlainText;
    const auto doc = parse(draft, format);
    const TextView view(doc);
    const std::string_view source = doc.text.bytes();
    const std::string joined = view.joined();
    std::size_t previous_end = 0;
    for (std::size_t c = 0; c < view.chunks().size(); ++c) {
      const ByteRange chunk = view.chunks()[c];
      const std::string_view text = view.chunk_text(c);
      BOOST_TEST_REQUIRE(text.size() == chunk.size());
      BOOST_TEST((c == 0 || chunk.begin == previous_end + 1), "round " << round << " chunk " << c);
      previous_end = chunk.end;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t at = view.source_offset(chunk.begin + i);
        BOOST_TEST_REQUIRE(at < source.size());
        BOOST_TEST_REQUIRE(text[i] == source[at], "round " << round << " chunk " << c << " byte " << i << " in " << draft);
      }
      BOOST_TEST(view.slice(chunk.begin, chunk.end) == text);
      BOOST_TEST(joined.substr(chunk.begin, chunk.size()) == text);
      if (text.empty()) continue;
      const bool here = text.data() >= source.data() && text.data() < source.data() + source.size();
      // One piece of the source: its bytes are those at its first byte's offset, in a row.
      const bool one_piece = view.source_offset(chunk.end - 1) - view.source_offset(chunk.begin) == chunk.size() - 1;
      BOOST_TEST(here == one_piece, "round " << round << " chunk " << c << " in " << draft);
      (here ? in_source : copied) += 1;
    }
  }
  // Both kinds occur often.
  BOOST_TEST(in_source > 1000U);
  BOOST_TEST(copied > 1000U);
}

// literal_starts searches the runs of one-piece paragraphs where they stand in the source, and
// keeps a place only when a literal written there ends within its paragraph: the same starts as
// LiteralStarts::in over each paragraph alone.
BOOST_AUTO_TEST_CASE(text_view_literal_starts_equal_a_search_of_each_paragraph) {
  const std::vector<std::string> alphabet = {"党", "委", "组", "工", "a", "、", " ", "\n", "\n\n", "**", "政", "治"};
  std::mt19937 random(9);
  const auto word = [&](std::size_t max, bool breaks) {
    std::string w;
    for (std::size_t k = 0, n = 1 + random() % max; k < n; ++k) {
      const std::string& piece = alphabet[random() % alphabet.size()];
      if (breaks || piece.find('\n') == std::string::npos) w += piece;
    }
    return w;
  };
  std::size_t found = 0;
  for (int round = 0; round < 1500; ++round) {
    std::vector<std::string> literals;
    // Up to 8 searched one by one, more by their window; some share an anchor.
    for (std::size_t k = 0, n = 1 + random() % 14; k < n; ++k) literals.push_back(word(4, false));
    const LiteralStarts starts(literals);
    const auto doc = parse("题目\n" + word(300, true), round % 2 == 0 ? InputFormat::Markdown : InputFormat::PlainText);
    const TextView view(doc);
    std::vector<std::size_t> expected;
    for (std::size_t c = 0; c < view.chunks().size(); ++c) starts.in(view.chunk_text(c), view.chunks()[c].begin, expected);
    std::vector<std::size_t> got;
    view.literal_starts(starts, got);
    found += expected.size();
    BOOST_TEST(got == expected, "round " << round);
  }
  BOOST_TEST(found > 5000U);
}

BOOST_AUTO_TEST_CASE(han_runs_and_book_titles) {
  const auto runs = han_runs("学习《准则》，ab深入");
  BOOST_TEST_REQUIRE(runs.size() == 3U);
  BOOST_TEST(runs[0].size() == 2U);
  BOOST_TEST(without_book_titles("学习《党委（党组）落实全面从严治党主体责任规定》等") == "学习，等");
}

BOOST_AUTO_TEST_CASE(without_book_titles_equals_a_byte_by_byte_copy) {
  // without_book_titles copies runs between the marks; the byte-by-byte copy it replaced, on
  // random texts of nested, stray and unclosed marks, must give the same text.
  const auto slow = [](std::string_view text) {
    std::string out;
    int depth = 0;
    for (std::size_t i = 0; i < text.size();) {
      if (text.substr(i).starts_with("《")) {
        ++depth;
        i += 3;
        continue;
      }
      if (text.substr(i).starts_with("》") && depth > 0) {
        --depth;
        out += "，";
        i += 3;
        continue;
      }
      if (depth == 0) out += text[i];
      ++i;
    }
    return out;
  };
  const std::vector<std::string> pieces = {"《", "》", "《", "》", "学习", "准则", "，", "a", "〈", "〉"};
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same texts every run
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (auto n = random() % 16; n > 0; --n) text += pieces[random() % pieces.size()];
    BOOST_TEST(without_book_titles(text) == slow(text), text);
  }
}

BOOST_AUTO_TEST_CASE(key_phrases_cut_frame_words) {
  const auto phrases = key_phrases("着力解决形式主义、官僚主义方面");
  BOOST_TEST(phrases.count("形式主义") == 1U);
  BOOST_TEST(phrases.count("官僚主义") == 1U);
  BOOST_TEST(phrases.count("着力解决") == 0U);
  BOOST_TEST(key_phrases("持续深入开展“大学习、深调研”").count("大学习") == 1U);
}

BOOST_AUTO_TEST_CASE(key_phrases_equal_phrases_joined_from_han_runs) {
  // key_phrases cuts each phrase from the heading; joined from han_runs' characters, as it was,
  // they are the same, on random headings of runs of every length (characters of no frame word,
  // so that the words it takes out first take nothing out here).
  const auto joined = [](std::string_view heading) {
    std::set<std::string> phrases;
    const auto runs = han_runs(heading);
    for (const auto& run : runs) {
      if (run.size() == 3) {
        phrases.insert(run[0] + run[1] + run[2]);
        continue;
      }
      for (std::size_t i = 0; i + 4 <= run.size(); ++i) phrases.insert(run[i] + run[i + 1] + run[i + 2] + run[i + 3]);
    }
    if (phrases.empty()) {
      for (const auto& run : runs) {
        if (run.size() == 2) phrases.insert(run[0] + run[1]);
      }
    }
    return phrases;
  };
  const std::vector<std::string> pieces = {"理", "论", "武", "装", "𠀀", "党", "性", "a", "，", "〇", "“", " ", "の"};
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same headings every run
  for (int round = 0; round < 20000; ++round) {
    std::string heading;
    for (auto n = random() % 14; n > 0; --n) heading += pieces[random() % pieces.size()];
    BOOST_TEST((key_phrases(heading) == joined(heading)), heading);
  }
}

BOOST_AUTO_TEST_CASE(containment_and_dice) {
  const auto problem = content_bigrams("政治学习缺乏针对性");
  BOOST_TEST(problem.count("缺乏") == 0U);  // filler every problem shares
  const auto measure = bigrams("加强政治理论学习，增强学习的针对性");
  BOOST_TEST(containment(problem, measure) > 0.5);
  BOOST_TEST(containment(problem, bigrams("严格执行公务接待标准")) == 0.0);
  BOOST_TEST(dice(bigrams("理论学习"), bigrams("理论学习")) == 1.0);
  BOOST_TEST(dice({}, bigrams("学习")) == 0.0);
}

BOOST_AUTO_TEST_CASE(selection_by_phrase_by_headings_and_fallback) {
  const auto by_year = parse("某局领导班子2024年度民主生活会对照检查材料\n按照要求，现报告如下：\n一、存在的问题\n");
  BOOST_TEST(select_ruleset(by_year).rules->id == "2024-annual");
  const auto by_headings = parse(
      "按照上级要求，现将有关情况报告如下：\n一、存在的问题\n（一）理论学习方面\n（二）政治素质方面\n（三）能力本领方面\n"
      "（四）担当作为方面\n（五）工作作风方面\n（六）廉洁自律方面\n");
  const auto chosen = select_ruleset(by_headings);
  BOOST_TEST(chosen.rules->id == "2023-theme-education");
  BOOST_TEST(chosen.reason_zh.find("6 个方面中的 6 个") != std::string::npos);
  const auto unknown = parse("按照要求，现报告如下：\n一、存在的问题\n（一）甲方面\n");
  BOOST_TEST(select_ruleset(unknown).rules->id == "generic");
}

BOOST_AUTO_TEST_CASE(parts_aspects_and_answers) {
  const auto doc = parse(
      "一、存在的问题\n（一）理论学习方面\n（二）能力本领方面\n"
      "二、存在问题的原因分析\n（一）理想信念有所动摇\n"
      "三、整改措施\n（一）强化理论武装\n（二）提升履职本领\n");
  const RuleSet rules = load_ruleset("2023-theme-education");
  const Analysis a = analyse(doc, rules);
  BOOST_TEST_REQUIRE(a.parts.size() == 3U);
  BOOST_TEST((a.parts[1].role == PartRole::Causes));  // 存在问题的原因分析 is a causes heading
  BOOST_TEST_REQUIRE(a.problems.size() == 2U);
  BOOST_TEST(a.dimensions[*a.problems[0].dimension].name == "理论学习");
  BOOST_TEST(a.dimensions[*a.problems[1].dimension].name == "能力本领");
  BOOST_TEST_REQUIRE(a.causes.size() == 1U);
  BOOST_TEST(a.causes[0].dimensions == std::vector<std::size_t>{0});  // 理想信念 answers 理论学习 only
  BOOST_TEST_REQUIRE(a.measures.size() == 2U);
  BOOST_TEST(a.measures[1].dimensions == std::vector<std::size_t>{2});
}

BOOST_AUTO_TEST_CASE(announced_aspects_of_a_generic_draft) {
  const auto doc = parse(
      "某区委民主生活会对照检查材料\n会前，班子围绕“抓好学习、着力解决形式主义、官僚主义、压实责任”等三方面内容查找问题。\n"
      "一、存在的问题\n（一）抓好学习方面\n");
  const Analysis a = analyse(doc, load_ruleset("generic"));
  BOOST_TEST_REQUIRE(a.announced.size() == 3U);
  BOOST_TEST(a.announced[1] == "着力解决形式主义、官僚主义");
}

// role_of_heading() rules most phrases out by the characters a heading holds before it searches;
// it must answer as a search for every phrase does, on headings made of the phrases' pieces.
BOOST_AUTO_TEST_CASE(role_of_heading_equals_a_search_for_every_phrase) {
  const RuleSet rules = load_ruleset("2024-annual");
  const std::array<PartRole, kPartRoleCount> priority = {PartRole::Closing,  PartRole::Cases,       PartRole::Followup,
                                                          PartRole::Causes,   PartRole::Measures,    PartRole::Preparation,
                                                          PartRole::Problems};
  const auto searched = [&](std::string_view heading) -> std::optional<PartRole> {
    for (const PartRole role : priority) {
      if (!rules.part(role).defined) continue;
      for (const auto& phrase : rules.part(role).headings) {
        if (heading.find(phrase) != std::string_view::npos) return role;
      }
    }
    return std::nullopt;
  };
  // Pieces: whole phrases, their characters one by one, and a few others.
  std::vector<std::string> pieces = {"a", "问", "题", "、", "（一）", "\xE5", "\xA2"};
  for (const PartSpec& spec : rules.parts) {
    for (const auto& phrase : spec.headings) {
      pieces.push_back(phrase);
      for (std::size_t i = 0; i + 3 <= phrase.size(); i += 3) pieces.push_back(phrase.substr(i, 3));
    }
  }
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same headings every run
  std::size_t with_role = 0;
  for (int k = 0; k < 20000; ++k) {
    std::string heading;
    for (std::size_t n = random() % 8; n > 0; --n) heading += pieces[random() % pieces.size()];
    const auto expected = searched(heading);
    BOOST_TEST_CONTEXT(heading) { BOOST_TEST((role_of_heading(heading, rules) == expected)); }
    with_role += expected ? 1 : 0;
  }
  BOOST_TEST(with_role > 5000U);
}

// analyse() finds the top-level parts with the phrases made ready once for the draft: each
// section's role must be what role_of_heading() says of its heading alone.
BOOST_AUTO_TEST_CASE(analyse_finds_each_part_as_role_of_heading_does) {
  const RuleSet rules = load_ruleset("2024-annual");
  std::vector<std::string> pieces = {"a", "问", "题", "（一）", "工作"};
  for (const PartSpec& spec : rules.parts) {
    for (const auto& phrase : spec.headings) {
      pieces.push_back(phrase);
      for (std::size_t i = 0; i + 3 <= phrase.size(); i += 3) pieces.push_back(phrase.substr(i, 3));
    }
  }
  static constexpr std::array<std::string_view, 8> kNumbers = {"一", "二", "三", "四", "五", "六", "七", "八"};
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same drafts every run
  std::size_t parts = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text = "标题\n";
    for (const std::string_view number : kNumbers) {
      std::string heading;
      for (std::size_t n = 1 + random() % 5; n > 0; --n) heading += pieces[random() % pieces.size()];
      text += std::string(number) + "、" + heading + "\n正文。\n";
    }
    const auto doc = parse(text);
    const Analysis a = analyse(doc, rules);
    std::vector<std::pair<std::optional<PartRole>, const Node*>> expected;
    for (const Node& node : doc.root.children) {
      if (node.kind != NodeKind::Numbered && node.kind != NodeKind::Heading) continue;
      expected.emplace_back(role_of_heading(doc.text.slice(node.heading), rules), &node);
    }
    std::size_t p = 0;
    std::size_t o = 0;
    for (const auto& [role, node] : expected) {
      BOOST_TEST_CONTEXT(text) {
        if (role) {
          BOOST_TEST_REQUIRE(p < a.parts.size());
          BOOST_TEST((a.parts[p].role == *role));
          BOOST_TEST(a.parts[p].node == node);
          ++p;
        } else {
          BOOST_TEST_REQUIRE(o < a.other_sections.size());
          BOOST_TEST(a.other_sections[o] == node);
          ++o;
        }
      }
    }
    BOOST_TEST(p == a.parts.size());
    BOOST_TEST(o == a.other_sections.size());
    parts += p;
  }
  BOOST_TEST(parts > 4000U);
}

BOOST_AUTO_TEST_SUITE_END()
