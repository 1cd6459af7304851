#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <random>
#include <sstream>
#include <unordered_map>

#include <fmt/format.h>

#include "linter/checks/kinds/kind.h"
#include "linter/checks/kinds/mark_finder.h"
#include "linter/document/text_view.h"
#include "linter/embedded.h"
#include "linter/lint.h"
#include "linter/rules/ruleset.h"
#include "linter/source/literals.h"
#include "linter/source/text.h"
#include "support.h"

using namespace checklint;

namespace {

/// The error message parse_ruleset gives for `toml`, or "" when it loads.
std::string error_of(const std::string& toml) {
  try {
    (void)parse_ruleset(toml, "my.toml");
  } catch (const RuleSetError& e) {
    return e.what();
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ruleset)

BOOST_AUTO_TEST_CASE(literal_starts_equal_every_start_searched_one_by_one) {
  // Texts and literal sets drawn from a few characters, so that literals share beginnings and
  // ends, nest and overlap, occur at the text's ends, and are longer than the text; a set with
  // a one-byte literal, and one with an empty literal (left out).
  const std::vector<std::string> alphabet = {"党", "委", "组", "工", "a", "、", "政", "治"};
  std::mt19937 random(8);
  const auto word = [&](std::size_t max) {
    std::string w;
    for (std::size_t k = 0, n = 1 + random() % max; k < n; ++k) w += alphabet[random() % alphabet.size()];
    return w;
  };
  std::size_t found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> literals;
    // Two bytes all share, 16 places at a time; else memmem up to 8, then Wu-Manber.
    for (std::size_t k = 0, n = 1 + random() % 24; k < n; ++k) literals.push_back(word(4));
    if (round % 10 == 0) literals.emplace_back();
    const std::string text = word(round % 3 == 0 ? 5 : 200);
    std::vector<std::size_t> expected;
    for (std::size_t at = 0; at < text.size(); ++at) {
      if (std::any_of(literals.begin(), literals.end(), [&](const std::string& l) {
            return !l.empty() && std::string_view(text).substr(at).starts_with(l);
          })) {
        expected.push_back(at);
      }
    }
    found += expected.size();
    BOOST_TEST(LiteralStarts(literals).in(text) == expected, "round " << round);
  }
  BOOST_TEST(found > 10000U);
}

BOOST_AUTO_TEST_CASE(consistency_finds_literals_as_it_finds_the_same_strings_as_patterns) {
  // A literal group's matches are taken from where its alternatives start, without RE2; the
  // same strings as patterns (none of these characters is special to RE2) go through RE2 and
  // ChunkMatches. Alternatives that nest, overlap, repeat themselves, stand twice in a group,
  // are empty or hold a line end; texts of several paragraphs with book titles.
  const std::vector<std::string> alphabet = {"党", "委", "组", "a", "b", "ab"};
  const std::vector<std::string> filler = {"，", "《", "》", "\n", "\n\n", "。"};
  std::mt19937 random(8);
  const auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  std::size_t reported = 0;
  for (int round = 0; round < 300; ++round) {
    std::string groups;
    for (std::size_t g = 0, n = 1 + random() % 2; g < n; ++g) {
      groups += g == 0 ? "[" : ", [";
      for (std::size_t k = 0, m = 2 + random() % 4; k < m; ++k) {
        std::string alternative;
        for (std::size_t c = 0, length = random() % 10 == 0 ? 0 : 1 + random() % 3; c < length; ++c) {
          alternative += random() % 8 == 0 ? "\\n" : pick(alphabet);  // TOML's \n: one that runs into the next paragraph
        }
        groups += (k == 0 ? "\"" : ", \"") + alternative + "\"";
      }
      groups += "]";
    }
    const std::string rule = "kind = \"consistency\"\ngroups = [" + groups + "]\nunless_after = [\"b\"]\n";
    std::string toml = "[ruleset]\nid = \"t\"\n[rules.\"t/literal\"]\n";
    toml += rule;
    toml += "[rules.\"t/pattern\"]\nregex = true\n";
    toml += rule;
    const RuleSet set = parse_ruleset(toml, "t.toml");
    std::string text;
    for (std::size_t k = 0, n = 20 + random() % 200; k < n; ++k) {
      text += random() % 4 == 0 ? pick(filler) : pick(alphabet);
    }
    std::array<std::vector<std::string>, 2> found;
    for (const auto& d : lint(test::parse(text), set, LintOptions{})) {
      if (!d.rule.starts_with("t/")) continue;
      std::string notes;
      for (const auto& note : d.notes) notes += std::to_string(note.range.begin) + " ";
      found[d.rule == "t/pattern" ? 1 : 0].push_back(std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + " " +
                                                    d.message.str() + " " + notes);
    }
    BOOST_TEST(found[0] == found[1], "round " << round << ": " << rule << text);
    reported += found[0].size();
  }
  BOOST_TEST(reported > 1000U);
}

// The enumeration kind visits only the paragraphs holding a start of some element (LiteralStarts),
// asks each set there by a bitmap of its elements' first two bytes, and compares words inline; it
// must report what the kind as it was reports, trying every set's elements at every byte of every
// paragraph. Sets share elements and beginnings, hold one-byte elements and separators; the texts
// have several paragraphs, introducers and elements at their ends.
BOOST_AUTO_TEST_CASE(enumeration_runs_equal_a_look_at_every_byte) {
  const std::vector<std::string> alphabet = {"政", "治", "意", "识", "大", "局", "a", "b", "、", "和", "，"};
  const std::vector<std::string> filler = {"、", "，", "和", "及", "“", "”", "：", "即", "是", "。", "\n", "\n\n", "（", "）"};
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same texts every run
  const auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  std::size_t reported = 0;
  for (int round = 0; round < 1000; ++round) {
    std::vector<std::pair<std::string, std::vector<std::string>>> sets;
    std::string toml = "[ruleset]\nid = \"t\"\n[rules.\"t/enum\"]\nkind = \"enumeration\"\nsets = { ";
    for (std::size_t s = 0, n = 1 + random() % 3; s < n; ++s) {
      std::string name = "名" + std::to_string(s) + pick(alphabet);
      std::vector<std::string> elements;
      for (std::size_t e = 0, m = 2 + random() % 4; e < m; ++e) {
        std::string element;
        for (std::size_t c = 0, length = 1 + random() % 3; c < length; ++c) element += pick(alphabet);
        elements.push_back(element);
      }
      toml += (s == 0 ? "\"" : ", \"") + name + "\" = [";
      for (std::size_t e = 0; e < elements.size(); ++e) toml += (e == 0 ? "\"" : ", \"") + elements[e] + "\"";
      toml += "]";
      sets.emplace_back(name, elements);
    }
    toml += " }\n";
    const RuleSet set = parse_ruleset(toml, "t.toml");
    std::string draft;
    for (std::size_t k = 0, n = 20 + random() % 200; k < n; ++k) {
      const std::size_t what = random() % 6;
      draft += what == 0 ? pick(filler) : what == 1 ? sets[random() % sets.size()].first : pick(alphabet);
    }
    const Document doc = test::parse(draft);
    // The kind as it was: every set tried at every byte of every paragraph.
    const TextView view(doc);
    const std::string whole = view.joined();
    const std::string_view text = whole;
    const auto at = [&](std::size_t offset, const std::string& word) { return text.substr(offset).starts_with(word); };
    const auto element_at = [&](std::size_t offset, const std::vector<std::string>& elements) {
      for (std::size_t e = 0; e < elements.size(); ++e) {
        if (at(offset, elements[e])) return static_cast<int>(e);
      }
      return -1;
    };
    const auto joined = [](const std::vector<std::string>& words) {
      std::string out;
      for (const auto& w : words) out += (out.empty() ? "" : "、") + w;
      return out;
    };
    std::vector<std::string> expected;
    for (const ByteRange chunk : view.chunks()) {
      for (const auto& [name, elements] : sets) {
        for (std::size_t i = chunk.begin; i < chunk.end;) {
          if (element_at(i, elements) < 0) {
            ++i;
            continue;
          }
          const std::size_t begin = i;
          std::vector<int> run;
          std::size_t end = i;
          for (std::size_t offset = i; offset < chunk.end;) {
            const int e = element_at(offset, elements);
            if (e < 0) break;
            run.push_back(e);
            end = offset + elements[static_cast<std::size_t>(e)].size();
            offset = end;
            for (bool moved = true; moved && offset < chunk.end;) {
              moved = false;
              for (const std::string sep : {"、", "，", "和", "及", "与", "以及", ",", "“", "”", "‘", "’"}) {
                if (at(offset, sep)) {
                  offset += sep.size();
                  moved = true;
                }
              }
            }
          }
          i = end;
          const ByteRange range = view.source(begin, end);
          const std::string where = std::to_string(range.begin) + "-" + std::to_string(range.end) + " ";
          if (run.size() >= 2 && !std::is_sorted(run.begin(), run.end())) {
            expected.push_back(fmt::format("{}“{}”的顺序应为：{}", where, name, joined(elements)));
            continue;
          }
          std::size_t back = begin;
          for (bool moved = true; moved && back > chunk.begin;) {
            moved = false;
            for (const std::string intro : {"“", "”", "（", "：", "，即", "，也就是", "即", "是", "）"}) {
              if (back - chunk.begin >= intro.size() && text.substr(back - intro.size(), intro.size()) == intro) {
                back -= intro.size();
                moved = true;
              }
            }
          }
          const bool introduced = back - chunk.begin >= name.size() && text.substr(back - name.size(), name.size()) == name;
          std::vector<std::string> missing;
          for (std::size_t e = 0; e < elements.size(); ++e) {
            if (std::find(run.begin(), run.end(), static_cast<int>(e)) == run.end()) missing.push_back(elements[e]);
          }
          if (introduced && !missing.empty()) {
            expected.push_back(fmt::format("{}“{}”的内容不完整，缺少：{}（应为：{}）", where, name, joined(missing), joined(elements)));
          }
        }
      }
    }
    std::vector<std::string> found;
    for (const Diagnostic& d : lint(doc, set, LintOptions{})) {
      if (d.rule.view() == "t/enum") found.push_back(std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + " " + d.message.str());
    }
    std::sort(expected.begin(), expected.end());
    std::sort(found.begin(), found.end());
    BOOST_TEST(found == expected, "round " << round << ": " << toml << draft);
    reported += found.size();
  }
  BOOST_TEST(reported > 1000U);
}

BOOST_AUTO_TEST_CASE(chunk_matches_merge_the_patterns_leftmost_longest_without_overlaps) {
  // Patterns whose matches start together, nest, overlap and repeat; an empty match is no match.
  const auto patterns = lazy_regexes({"ab", "abc", "bc", "c*", "^x", "d+"});
  const std::string text = "[xabcabxbcdd ab]";
  const ByteRange chunk{1, text.size() - 1};  // the paragraph: ^ is its start
  const auto all = [&](const std::vector<int>& hits) {
    std::vector<std::string> found;
    TextMatch m{};
    for (ChunkMatches matches(ViewChunk{chunk, std::string_view(text).substr(chunk.begin, chunk.size())}, patterns, hits); matches.next(m);) {
      found.push_back(text.substr(m.begin, m.end - m.begin) + "/" + std::to_string(m.pattern));
    }
    return found;
  };
  BOOST_TEST(all({0, 1, 2, 3, 4, 5}) == (std::vector<std::string>{"x/4", "abc/1", "ab/0", "bc/2", "dd/5", "ab/0"}));
  // The same in whatever order the hits come.
  BOOST_TEST(all({5, 4, 3, 2, 1, 0}) == (std::vector<std::string>{"x/4", "abc/1", "ab/0", "bc/2", "dd/5", "ab/0"}));
  BOOST_TEST(all({0}) == (std::vector<std::string>{"ab/0", "ab/0", "ab/0"}));
  BOOST_TEST(all({2, 3}) == (std::vector<std::string>{"bc/2", "bc/2"}));  // each c lies inside a bc
  BOOST_TEST(all({3}) == (std::vector<std::string>{"c/3", "c/3"}));
  BOOST_TEST(all({}).empty());
}

BOOST_AUTO_TEST_CASE(pattern_shapes) {
  using Form = PatternShape::Form;
  const auto shape = [](const std::string& pattern) { return pattern_shape(pattern); };
  BOOST_TEST((shape("某某").form == Form::Literal && shape("某某").starts == std::vector<std::string>{"某某"}));
  BOOST_TEST((shape("a\\+(b)[c]").starts == std::vector<std::string>{"a+bc"}));
  BOOST_TEST((shape("a\\+(b)[c]").form == Form::Literal));
  const auto run = shape("[*＊]+");
  BOOST_TEST((run.form == Form::Run && run.starts == std::vector<std::string>{"*", "＊"} && run.min == 1U && run.max == std::string_view::npos));
  BOOST_TEST((shape("[XＸ]{2,3}").form == Form::Run && shape("[XＸ]{2,3}").min == 2U && shape("[XＸ]{2,3}").max == 3U));
  BOOST_TEST((shape("[XＸ]+?").form == Form::Regex));  // lazy: one, not a run
  BOOST_TEST((shape("(?:ab|cd)+").form == Form::Regex && shape("(?:ab|cd)+").starts == std::vector<std::string>{"ab", "cd"}));
  BOOST_TEST((shape("以(?:[XＸ]+)?同志").starts == std::vector<std::string>{"以"}));
  BOOST_TEST((shape("(?:做到|落实)“两个”").starts == std::vector<std::string>{"做到“两个”", "落实“两个”"}));
  BOOST_TEST((shape("[XＸ]{2,}同志").starts == std::vector<std::string>{"X", "Ｘ"}));
  BOOST_TEST((shape("[XＸ]+同志").starts == std::vector<std::string>{"X", "Ｘ"}));
  for (const char* unknown : {"x*", "a?b", "^ab", "\\bab", ".ab", "\\p{Han}ab", "ab|cd", "(?i)ab", "\\x41b"}) {
    BOOST_TEST_CONTEXT(unknown) { BOOST_TEST((shape(unknown).form == Form::Regex && shape(unknown).starts.empty())); }
  }
  BOOST_TEST((shape("ab$").form == Form::Regex && shape("ab$").starts == std::vector<std::string>{"ab"}));
}

BOOST_AUTO_TEST_CASE(chunk_matches_of_shaped_patterns_equal_re2_searched_from_every_byte) {
  // Each pattern alone, in a paragraph within a text, against RE2 run from every place on as
  // ChunkMatches ran it before shapes: texts of a few characters, so that the patterns' matches
  // start together, run on, are cut short by the paragraph's ends and nest.
  const std::vector<std::string> patterns = {
      "某某", "a\\+b", "[*＊]+", "[XＸ]{2,}", "[XＸ]{2,3}", "X{2}", "[XＸ]+?", "[XＸ](?:区|同志|习近平)", "(?:a|ab)c", "(?:ab|a)c",
      "以(?:[XＸ*]+)?同志", "ab?c", "(ab)", "a{1,1}b", "x*", "^ab", "ab$", "[*＊][XＸ]*志", "20[0-9][XＸ]", "[XＸ](?:\\+[XＸ])+",
      "[，、；：][。！？]", "。[，、]", "a{2,}b", "a+b", "[XＸ]+同志", "[XＸ*＊]+\\s*同志"};
  const std::vector<std::string> alphabet = {"X", "Ｘ", "*", "＊", "某", "同", "志", "a", "b", "c", "+", "区", "以", "，", "。", "2", "0", " "};
  std::mt19937 random(8);
  std::size_t found = 0;
  for (const auto& pattern : patterns) {
    const auto compiled = lazy_regexes({pattern});
    const RE2& re = compiled.front()->get();
    BOOST_TEST_REQUIRE(re.ok());
    for (int round = 0; round < 1000; ++round) {
      std::string text;
      for (std::size_t k = 0, n = random() % (round % 4 == 0 ? 8 : 80); k < n; ++k) text += alphabet[random() % alphabet.size()];
      // The paragraph: the text without a few bytes at each end (a character may be cut).
      const std::size_t cut = std::min<std::size_t>(text.size() / 2, random() % 3);
      const ByteRange chunk{cut, text.size() - cut};
      std::vector<std::pair<std::size_t, std::size_t>> expected;
      const re2::StringPiece input(text.data() + chunk.begin, chunk.size());
      re2::StringPiece m;
      for (std::size_t pos = 0; pos <= input.size() && re.Match(input, pos, input.size(), RE2::UNANCHORED, &m, 1);) {
        const auto begin = static_cast<std::size_t>(m.data() - input.data());
        pos = m.empty() ? begin + 1 : begin + m.size();
        if (!m.empty()) expected.emplace_back(chunk.begin + begin, chunk.begin + begin + m.size());
      }
      std::vector<std::pair<std::size_t, std::size_t>> got;
      TextMatch match{};
      for (ChunkMatches matches(ViewChunk{chunk, std::string_view(text).substr(chunk.begin, chunk.size())}, compiled, {0}); matches.next(match);) got.emplace_back(match.begin, match.end);
      found += expected.size();
      BOOST_TEST((got == expected), pattern << " in '" << text << "' round " << round);
    }
  }
  BOOST_TEST(found > 6000U);
}

BOOST_AUTO_TEST_CASE(mark_finder_passes_over_no_mark) {
  // Marks among characters that share their first bytes (，。、：０), some of two bytes or one;
  // sets of few first bytes (the vector test) and of many (the scalar one); a scan that ends
  // before the text does, as a paragraph's.
  const std::vector<std::vector<std::string>> sets = {
      {"“", "”", "‘", "’", "《", "》", "（", "）", "【", "】", "〔", "〕"},
      {"“", "”", "(", ")"},
      {"“", "”", "§", "¶", "(", ")", "[", "]", "《", "》"},
      {"「", "」", "𠀀", "＜"}};
  const std::vector<std::string> alphabet = {"“", "”", "‘", "’", "《", "》", "（", "）", "【", "】", "〔", "〕", "，", "。", "、", "：",
                                             "０", "—", "「", "」", "§", "¶", "(", ")", "[", "]", "a", "党", "𠀀", "＜", "＝"};
  std::mt19937 random(8);
  std::size_t marks = 0;
  for (const auto& set : sets) {
    const MarkFinder finder(set);
    for (int round = 0; round < 500; ++round) {
      std::string text;
      for (std::size_t k = 0, n = random() % 120; k < n; ++k) text += alphabet[random() % alphabet.size()];
      const std::size_t end = text.size() - std::min<std::size_t>(text.size(), random() % 4);
      const auto mark_at = [&](std::size_t at) {
        return std::any_of(set.begin(), set.end(), [&](const std::string& m) { return std::string_view(text).substr(at).starts_with(m); });
      };
      for (std::size_t from = 0; from < end;) {
        const std::size_t found = finder.find(text, from, end);
        BOOST_TEST_REQUIRE((found >= from && found <= end), "round " << round);
        for (std::size_t at = from; at < found; ++at) BOOST_TEST(!mark_at(at), "'" << text << "' " << at << " passed over");
        if (found < end && mark_at(found)) ++marks;
        from = found + 1;
      }
    }
  }
  BOOST_TEST(marks > 10000U);
}

BOOST_AUTO_TEST_CASE(builtin_common_enables_every_numbering_rule) {
  const auto set = load_ruleset("common");
  BOOST_TEST(set.id == "common");
  BOOST_TEST(set.origin == "rules/common.toml");
  for (const char* id : {"numbering/sequence", "numbering/hierarchy", "numbering/style", "numbering/count"}) {
    BOOST_TEST_CONTEXT(id) {
      BOOST_TEST_REQUIRE(set.rules.count(id) == 1U);
      BOOST_TEST(set.rules.at(id).enabled);
    }
  }
}

// Built-in sets are loaded without compiling their patterns to validate them (that was most of
// start-up), so this test is what keeps them valid: each file read as a user's file is validated
// entry by entry, and its shared index is compiled.
BOOST_AUTO_TEST_CASE(every_builtin_pattern_compiles) {
  for (const auto& id : builtin_ruleset_ids()) {
    BOOST_TEST_CONTEXT(id) {
      const std::string path = "rules/" + id + ".toml";
      const auto text = find_embedded(path);
      BOOST_TEST_REQUIRE(text.has_value());
      BOOST_CHECK_NO_THROW((void)parse_ruleset(*text, "copy-of-" + id + ".toml"));
      const auto set = load_ruleset(id);
      BOOST_TEST_REQUIRE(set.text_index != nullptr);
      BOOST_CHECK_NO_THROW((void)set.text_index->set());
      BOOST_TEST(set.text_index->patterns.size() == set.text_index->owners.size());
    }
  }
  // The check can fail: a broken pattern in a file read as a user's is reported with its position.
  BOOST_TEST(error_of("[rules.\"x/y\"]\nkind = \"existence\"\npatterns = [\"(\"]\n").find("my.toml:3:") == 0U);
}

BOOST_AUTO_TEST_CASE(settings_override_defaults) {
  const auto set = parse_ruleset(
      "[ruleset]\nid = \"mine\"\nextends = [\"common\"]\n"
      "[rules.\"numbering/style\"]\nseverity = \"error\"\n"
      "[rules.\"numbering/count\"]\nenabled = false\n",
      "my.toml");
  BOOST_TEST(set.id == "mine");
  BOOST_TEST((set.rules.at("numbering/style").severity == Severity::Error));
  BOOST_TEST(!set.rules.at("numbering/count").enabled);
  BOOST_TEST(set.rules.at("numbering/sequence").enabled);
}

BOOST_AUTO_TEST_CASE(errors_point_into_the_toml_file) {
  BOOST_TEST(error_of("[rules.\"numbering/nope\"]\n") == "my.toml:1:8: error: unknown rule 'numbering/nope'");
  BOOST_TEST(error_of("[ruleset]\nid = \"x\"\ncolour = 1\n") ==
             "my.toml:3:1: error: unknown key 'colour' in [ruleset] (expected id, name, description, theme, year, extends, "
             "part_order, dimensions_from_draft)");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nseverity = \"fatal\"\n") ==
             "my.toml:2:12: error: unknown severity 'fatal' (expected error, warning or info)");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nenabled = \"yes\"\n") ==
             "my.toml:2:11: error: 'enabled' must be true or false");
  BOOST_TEST(error_of("[rules.\"numbering/style\"]\nthreshold = 3\n") ==
             "my.toml:2:1: error: unknown option 'threshold' for rule 'numbering/style'");
  BOOST_TEST(error_of("[part]\n") ==
             "my.toml:1:2: error: unknown top-level key 'part' (expected ruleset, detect, parts, dimensions or rules)");
  BOOST_TEST(error_of("[parts.problem]\n") ==
             "my.toml:1:8: error: unknown part role 'problem' (expected preparation, followup, problems, cases, causes, measures, closing)");
  BOOST_TEST(error_of("[parts.problems]\nheading = [\"问题\"]\n") ==
             "my.toml:2:1: error: unknown key 'heading' in a part (expected headings, required)");
  BOOST_TEST(error_of("[[dimensions]]\nid = \"a\"\n") == "my.toml:1:1: error: a dimension needs an id and a name");
  BOOST_TEST(error_of("[[dimensions]]\nid = \"a\"\nname = \"甲\"\n[[dimensions]]\nid = \"a\"\nname = \"乙\"\n") ==
             "my.toml:4:1: error: duplicate dimension id 'a'");
  BOOST_TEST(error_of("[detect]\n\"2023年度\" = \"high\"\n") ==
             "my.toml:2:12: error: a [detect] phrase's weight must be an integer");
  BOOST_TEST(error_of("[rules.\"content/measure\"]\npatterns = [\"(unclosed\"]\n").starts_with(
      "my.toml:2:13: error: invalid pattern in 'patterns': missing )"));
  BOOST_TEST(error_of("[rules.\"structure/*\"]\nphrases = []\n") ==
             "my.toml:2:1: error: 'structure/*' covers several rules: only enabled and severity may be set");
  BOOST_TEST(error_of("[rules.\"nothing/*\"]\nenabled = false\n") == "my.toml:1:8: error: no rule matches 'nothing/*'");
  BOOST_TEST(error_of("[ruleset]\nextends = [\"no-such-set\"]\n").starts_with(
      "my.toml:2:12: error: unknown rule set 'no-such-set'"));
  // An empty element would be found at every offset and make a run that never ends.
  BOOST_TEST(error_of("[rules.\"formulation/mine\"]\nkind = \"enumeration\"\nsets = { \"两个\" = [\"甲\", \"\"] }\n")
                 .starts_with("my.toml:3:"));
  BOOST_TEST(error_of("[rules.\"formulation/mine\"]\nkind = \"enumeration\"\nsets = { \"两个\" = [\"甲\", \"\"] }\n")
                 .ends_with("'两个' has an empty element"));
  // A TOML syntax error carries toml++'s own position.
  BOOST_TEST(error_of("[ruleset\n").starts_with("my.toml:1:"));
}

BOOST_AUTO_TEST_CASE(extends_cycles_name_the_chain) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / "checklint-ruleset-cycle";
  fs::remove_all(dir);
  test::write_text(dir / "a.toml", "[ruleset]\nextends = [\"b.toml\"]\n");
  test::write_text(dir / "b.toml", "[ruleset]\nextends = [\"a.toml\"]\n");
  try {
    (void)load_ruleset((dir / "a.toml").string());
    BOOST_FAIL("expected a cycle error");
  } catch (const RuleSetError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("rule set extends itself") != std::string::npos);
    BOOST_TEST(what.find("a.toml -> ") != std::string::npos);
    BOOST_TEST(what.find("b.toml -> ") != std::string::npos);
    BOOST_TEST(e.line() == 2U);
  }
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(unknown_builtin_id_is_a_plain_error) {
  BOOST_CHECK_THROW((void)load_ruleset("no-such-set"), RuleSetError);
}

// Start-up: a built-in file applied to a fresh set is loaded once per run and copied after.
// Whichever set a draft chooses, and however late, it must have what loading it alone gives.
BOOST_AUTO_TEST_CASE(builtin_sets_loaded_once_equal_a_fresh_load) {
  const auto& loaded = builtin_rulesets();  // fills the cache first
  BOOST_TEST_REQUIRE(loaded.size() == builtin_ruleset_ids().size());
  for (const RuleSet& cached : loaded) {
    BOOST_TEST_CONTEXT(cached.id) {
      // parse_ruleset never uses the cache for the file itself.
      const auto text = find_embedded(cached.origin);
      BOOST_TEST_REQUIRE(text.has_value());
      const RuleSet fresh = parse_ruleset(*text, cached.origin);
      const RuleSet again = load_ruleset(cached.id);
      for (const RuleSet* other : {&fresh, &again}) {
        BOOST_TEST(other->id == cached.id);
        BOOST_TEST(other->name == cached.name);
        BOOST_TEST(other->year == cached.year);
        BOOST_TEST(other->detect == cached.detect);
        BOOST_TEST(other->dimensions.size() == cached.dimensions.size());
        BOOST_TEST_REQUIRE(other->declared.size() == cached.declared.size());
        for (const auto& [id, rule] : cached.declared) {
          BOOST_TEST_CONTEXT(id) {
            BOOST_TEST_REQUIRE(other->declared.count(id) == 1U);
            BOOST_TEST(other->declared.at(id).enabled == rule.enabled);
            BOOST_TEST(static_cast<int>(other->declared.at(id).severity) == static_cast<int>(rule.severity));
            BOOST_TEST(other->declared.at(id).origin == rule.origin);
          }
        }
        BOOST_TEST_REQUIRE(other->rules.size() == cached.rules.size());
        for (const auto& [id, config] : cached.rules) {
          BOOST_TEST_CONTEXT(id) {
            BOOST_TEST(other->rules.at(id).enabled == config.enabled);
            BOOST_TEST(static_cast<int>(other->rules.at(id).severity) == static_cast<int>(config.severity));
            BOOST_TEST((other->rules.at(id).options == config.options));
          }
        }
        BOOST_TEST(other->text_index->patterns == cached.text_index->patterns);
      }
    }
  }
  // 2024-annual switches on a rule that common leaves off: the copy of common must not carry
  // one set's changes into another.
  const auto by_id = [&](const std::string& id) -> const RuleSet& {
    return *std::find_if(loaded.begin(), loaded.end(), [&](const RuleSet& set) { return set.id == id; });
  };
  BOOST_TEST(by_id("2024-annual").declared.at("formulation/outdated").enabled);
  BOOST_TEST(!by_id("common").declared.at("formulation/outdated").enabled);
  BOOST_TEST(!load_ruleset("common").declared.at("formulation/outdated").enabled);
}

// A user's file that extends a built-in set after another one does not start from a fresh
// set, so the second is applied, not copied; errors in the user's own file keep their position.
BOOST_AUTO_TEST_CASE(user_sets_over_cached_builtins) {
  const auto dir = test::fresh_dir("ruleset", "user-over-cached");
  test::write_text(dir / "two.toml", "[ruleset]\nid = \"two\"\nextends = [\"generic\", \"2016-annual\"]\n");
  const RuleSet two = load_ruleset((dir / "two.toml").string());
  BOOST_TEST(two.id == "two");
  BOOST_TEST(two.year == load_ruleset("2016-annual").year);
  BOOST_TEST(two.declared.size() == load_ruleset("common").declared.size());
  test::write_text(dir / "bad.toml", "[ruleset]\nextends = [\"common\"]\n\n[rules.\"content/placeholder\"]\nseverity = \"loud\"\n");
  try {
    (void)load_ruleset((dir / "bad.toml").string());
    BOOST_FAIL("expected an error");
  } catch (const RuleSetError& e) {
    BOOST_TEST(e.line() == 5U);
    BOOST_TEST(e.column() == 12U);
    BOOST_TEST(std::string(e.what()).ends_with(":5:12: error: unknown severity 'loud' (expected error, warning or info)"));
  }
}

BOOST_AUTO_TEST_CASE(required_strings_of_patterns) {
  using Lists = std::vector<std::vector<std::string>>;
  const std::vector<std::pair<std::string, Lists>> cases = {
      {"某某", {{"某某"}}},
      {"工作，\\p{Han}{2,12}?工作(?:仍|还)", {{"工作，"}, {"工作仍", "工作还"}}},
      {"ab?cd", {{"cd"}, {"a"}}},                  // b may be absent
      {"X+中央", {{"X中央"}, {"X"}}},              // the last X comes right before 中央
      {"a{1,2}bc", {{"abc"}, {"a"}}},
      {"[ab]cd\\.ef", {{"acd.ef", "bcd.ef"}}},     // a small class; an escaped mark is itself
      {"(?:QQ|qq)群?号?[：:]", {{"QQ", "qq"}, {"：", ":"}}},
      {"x{2,}", {{"xx"}, {"x"}}},
      {"a{b", {{"a{b"}}},                          // not a repetition: a literal brace
      {"[*＊]+", {{"*", "＊"}}},                   // * in a class is a member
      {"[a-z]yz", {{"yz"}}},                       // ranges are not listed
      {"(\\p{Han}),(\\p{Han})", {{","}}},
      {"\\bword\\b", {{"word"}}},
      {"(?i)abc", {}},                             // flags change what matches
      {"(?P<n>a)bc", {}},
      {"abc|xyz", {}},                             // an alternative without either
      {"\\x41bc", {}},                             // hex escapes are not modelled
      {"a\\Q.\\E", {}},
      {"(a", {}},                                  // unbalanced
      {"", {}},
  };
  for (const auto& [pattern, lists] : cases) {
    BOOST_TEST_CONTEXT(pattern) { BOOST_TEST((required_strings(pattern) == lists)); }
  }
  const RequiredCheck check("工作，组织工作仍需加强");
  BOOST_TEST(check.holds(required_strings("工作，\\p{Han}{2,12}?工作(?:仍|还)")));
  BOOST_TEST(!check.holds(required_strings("建设，\\p{Han}{2,12}?建设(?:仍|还)")));
  BOOST_TEST(!check.holds({{"工作，"}, {"工作还"}}));  // every list must hold
  BOOST_TEST(check.holds({}));
}

// The first kDirectBytes of text are matched pattern by pattern, the rest with the RE2::Set:
// both must give exactly the set's answer on every paragraph of the fixtures.
BOOST_AUTO_TEST_CASE(direct_matching_equals_the_set) {
  const RuleSet rules = load_ruleset("common");
  const TextIndex& shared = *rules.text_index;
  std::vector<std::string> paragraphs = {"本单位共有党员*名，XX同志为核心，工作，党支部组织能力提升工作仍有待加强。", "a,b", "中,文"};
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::source_dir() / "fixtures")) {
    if (!entry.is_regular_file() || (entry.path().extension() != ".md" && entry.path().extension() != ".txt")) continue;
    std::istringstream in(test::read_text(entry.path()));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) paragraphs.push_back(line);
    }
  }
  std::size_t total = 0;
  std::size_t with_hits = 0;
  std::vector<int> expected;
  std::vector<int> direct;
  std::vector<int> either;
  TextIndex index;  // the same patterns: it shares the budget, and passes from one path to the other
  index.patterns = shared.patterns;
  index.owners = shared.owners;
  for (const auto& p : paragraphs) {
    BOOST_TEST_CONTEXT(p) {
      expected.clear();
      const bool any = shared.set().Match(re2::StringPiece(p.data(), p.size()), &expected);
      std::sort(expected.begin(), expected.end());
      BOOST_TEST(index.match_directly(p, direct) == any);
      BOOST_TEST(direct == expected, boost::test_tools::per_element());
      BOOST_TEST(index.match(p, either) == any);
      std::sort(either.begin(), either.end());
      BOOST_TEST(either == expected, boost::test_tools::per_element());
      total += p.size();
      with_hits += any ? 1 : 0;
    }
  }
  // The fixtures take `index` past its direct budget, and the patterns do hit.
  BOOST_TEST(total > 2 * TextIndex::kDirectBytes);
  BOOST_TEST(with_hits > 100U);
}

// The repetition kind finds repeated sentences and paragraphs with its own table, stop finder
// and character count (fast paths); they must find exactly what a std::unordered_map, a search
// byte by byte and char_count() find, on random paragraphs of sentences drawn from a small pool.
BOOST_AUTO_TEST_CASE(repeated_sentences_equal_a_plain_search) {
  const RuleSet rules = load_ruleset("common");
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same draft every run
  const std::vector<std::string> pieces = {"党", "建", "工", "作", "学", "习", "理", "论", "a", "B", "7", " ", "，", "、",
                                           "：", "；", "（", "）", "《", "》", "“", "”", "~", "…", "\xEF\xBC\x9E", "\xE3\x80\x81"};
  const std::vector<std::string> stops = {"。", "！", "？"};
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  std::vector<std::string> pool;
  for (int k = 0; k < 60; ++k) {
    std::string sentence = pick(8) == 0 ? "（" : "";
    const std::size_t length = 1 + pick(pick(4) == 0 ? 60 : 20);  // around min_sentence (12) and above
    for (std::size_t c = 0; c < length; ++c) sentence += pieces[pick(pieces.size())];
    if (sentence.starts_with("（")) sentence += "）";
    pool.push_back(sentence);
  }
  std::vector<std::string> paragraphs;
  std::string draft = "关于测试的对照检查材料\n\n";
  for (int k = 0; k < 400; ++k) {
    std::string paragraph = "在";
    if (!paragraphs.empty() && pick(10) == 0) {
      paragraph = paragraphs[pick(paragraphs.size())];  // a paragraph written twice
    } else {
      for (std::size_t n = 1 + pick(6); n > 0; --n) {
        paragraph += pool[pick(pool.size())];
        if (n > 1 || pick(2) == 0) paragraph += stops[pick(stops.size())];
      }
    }
    paragraphs.push_back(paragraph);
    draft += paragraph + "\n\n";
  }
  const Document doc = test::parse(draft);
  // The kind as it was: a map of the sentences and paragraphs seen, each stop tried in turn.
  const TextView view(doc);
  const std::string joined = view.joined();
  const std::string_view text = joined;
  const auto enough = [](std::string_view s) { return char_count(s) >= 12; };
  std::vector<std::pair<ByteRange, ByteRange>> expected;  // the finding, its note
  std::unordered_map<std::string_view, std::size_t> sentences;
  std::unordered_map<std::string_view, std::size_t> whole;
  for (const ByteRange chunk : view.chunks()) {
    const std::string_view all = text.substr(chunk.begin, chunk.size());
    if (enough(all)) {
      const auto [it, fresh] = whole.emplace(all, chunk.begin);
      if (!fresh) {
        expected.emplace_back(view.source(chunk.begin, chunk.end), view.source(it->second, it->second + 3));
        continue;
      }
    }
    std::size_t start = chunk.begin;
    for (std::size_t i = chunk.begin; i <= chunk.end; ++i) {
      const std::string_view rest = text.substr(i);
      if (i < chunk.end && !rest.starts_with("。") && !rest.starts_with("！") && !rest.starts_with("？")) continue;
      const std::string_view sentence = text.substr(start, i - start);
      if (!(sentence.starts_with("（") && sentence.ends_with("）")) && enough(sentence)) {
        const auto [it, fresh] = sentences.emplace(sentence, start);
        if (!fresh) expected.emplace_back(view.source(start, i), view.source(it->second, it->second + 3));
      }
      start = i + 3;
      i = start - 1;
    }
  }
  std::vector<std::pair<ByteRange, ByteRange>> found;
  for (const Diagnostic& d : lint(doc, rules, LintOptions{})) {
    if (d.rule.view() == "wording/repetition" && d.notes.size() == 1) found.emplace_back(d.range, d.notes[0].range);
  }
  const auto key = [](const std::pair<ByteRange, ByteRange>& p) { return std::tuple(p.first.begin, p.first.end, p.second.begin, p.second.end); };
  const auto by_key = [&](const auto& a, const auto& b) { return key(a) < key(b); };
  std::sort(expected.begin(), expected.end(), by_key);
  std::sort(found.begin(), found.end(), by_key);
  BOOST_TEST(expected.size() > 300U);  // the draft does repeat itself, sentences and paragraphs
  BOOST_TEST_REQUIRE(found.size() == expected.size());
  for (std::size_t k = 0; k < found.size(); ++k) BOOST_TEST((key(found[k]) == key(expected[k])));
}

// The repetition kind looks at a character only where its first three bytes come again 3, 6, 9
// or 12 bytes on (found 14 places at a time); it must find the doubled characters and words that
// a look at every character finds, on random text of a few characters, so that most repeat.
BOOST_AUTO_TEST_CASE(doubled_words_equal_a_look_at_every_character) {
  const RuleSet rules = parse_ruleset(
      "[ruleset]\nid = \"rep\"\n[rules.\"t/rep\"]\nkind = \"repetition\"\nchars = [\"的\", \"与\"]\n"
      "allow = [\"研究研究\", \"的的确\"]\nwords = true\nsentences = false\n",
      "rep.toml");
  std::mt19937 random(8);  // NOLINT(cert-msc32-c,cert-msc51-cpp): the same draft every run
  const std::vector<std::string> pieces = {"的", "与", "研", "究", "一", "天", "学", "习", "确", "a", "1", "，", "é", "😀"};
  std::string draft = "测试材料\n\n";
  for (int k = 0; k < 300; ++k) {
    std::string paragraph = "在";
    for (std::size_t n = random() % 40; n > 0; --n) {
      // Words of one to four pieces, a third of them written twice.
      std::string word;
      for (std::size_t c = 1 + random() % 4; c > 0; --c) word += pieces[random() % pieces.size()];
      paragraph += random() % 3 == 0 ? word + word : word;
    }
    draft += paragraph + "\n\n";
  }
  const Document doc = test::parse(draft);
  const TextView view(doc);
  const std::string joined = view.joined();
  const std::string_view text = joined;
  const auto han = [&](std::size_t at) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(text, at, len);
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
  };
  const auto allowed = [&](std::size_t begin, std::size_t end) {
    for (const std::string_view a : {"研究研究", "的的确"}) {
      for (std::size_t at = begin >= a.size() ? begin - a.size() : 0; at <= begin; ++at) {
        if (text.substr(at, a.size()) == a && at + a.size() >= end) return true;
      }
    }
    return false;
  };
  std::vector<ByteRange> expected;
  for (const ByteRange chunk : view.chunks()) {
    for (std::size_t i = chunk.begin; i < chunk.end;) {
      std::size_t len = 1;
      (void)decode_utf8(text, i, len);
      std::size_t found = 0;
      for (std::size_t n = 4; han(i) && n >= 2 && found == 0; --n) {
        const std::size_t bytes = 3 * n;
        if (i + 2 * bytes > chunk.end || text.substr(i, bytes) != text.substr(i + bytes, bytes) || text.substr(i).starts_with("一")) continue;
        bool all_han = true;
        for (std::size_t k = 0; k < bytes; k += 3) all_han = all_han && han(i + k);
        if (all_han) found = 2 * bytes;
      }
      const std::string_view ch = text.substr(i, len);
      if (han(i) && found == 0 && text.substr(i + len, len) == ch && (ch == "的" || ch == "与")) {
        const bool aabb = (i >= chunk.begin + 2 * len && text.substr(i - 2 * len, len) == text.substr(i - len, len)) ||
                          (i + 4 * len <= chunk.end && text.substr(i + 2 * len, len) == text.substr(i + 3 * len, len));
        if (!aabb) found = 2 * len;
      }
      if (found > 0 && !allowed(i, i + found)) {
        expected.push_back(view.source(i, i + found));
        i += found;
        continue;
      }
      i += len;
    }
  }
  std::vector<ByteRange> found;
  for (const Diagnostic& d : lint(doc, rules, LintOptions{})) {
    if (d.rule.view() == "t/rep") found.push_back(d.range);
  }
  BOOST_TEST(expected.size() > 400U);
  BOOST_TEST_REQUIRE(found.size() == expected.size());
  for (std::size_t k = 0; k < found.size(); ++k) {
    BOOST_TEST(found[k].begin == expected[k].begin);
    BOOST_TEST(found[k].end == expected[k].end);
  }
}

// Indexes of one pattern list share one budget: a batch touching several rule sets (all of them
// common.toml's patterns) matches its first kDirectBytes pattern by pattern once, not once per set.
BOOST_AUTO_TEST_CASE(indexes_of_one_pattern_list_share_the_direct_budget) {
  TextIndex first;
  first.patterns = {"甲乙", "丙"};
  first.owners = {{"test/a", 0}, {"test/b", 0}};
  TextIndex second;
  second.patterns = first.patterns;
  second.owners = first.owners;
  const std::string text(TextIndex::kDirectBytes, 'x');
  std::vector<int> hits;
  BOOST_TEST(!first.match(text, hits));  // uses up the budget of this pattern list
  BOOST_TEST(second.matched_bytes() == TextIndex::kDirectBytes);
  BOOST_TEST(second.match("丙", hits));  // through the set now
  BOOST_TEST(hits == std::vector<int>{1}, boost::test_tools::per_element());
  BOOST_TEST(first.matched_bytes() == TextIndex::kDirectBytes + 3);
  TextIndex other;  // another list: a budget of its own
  other.patterns = {"丁"};
  other.owners = {{"test/c", 0}};
  BOOST_TEST(other.match("丁", hits));
  BOOST_TEST(other.matched_bytes() == 3U);
}

// PatternList compiles the alternation alone when every pattern parses; a pattern that is
// invalid alone must still be left out, even where the alternation would hide it.
BOOST_AUTO_TEST_CASE(pattern_lists_leave_out_invalid_patterns) {
  BOOST_TEST(!PatternList({"a)|(b"}).find("xb").has_value());  // "(?:a)|(b)" would compile
  BOOST_TEST(PatternList({"(", "b"}).find("xb").value_or(99) == 1U);
  BOOST_TEST(PatternList({"整改", "措施"}).find("落实措施").value_or(99) == 6U);
  BOOST_TEST(!PatternList({}).matches("x"));
}

BOOST_AUTO_TEST_SUITE_END()
