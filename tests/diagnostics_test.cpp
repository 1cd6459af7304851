// What a finding is made of: interned rule ids, shared messages, and the sink the checks
// report into (findings kept in order, a repeated wording stored once, a suppressed one never kept).
#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>
#include <re2/re2.h>

#include "linter/diagnostics/diagnostic.h"
#include "linter/diagnostics/suppressions.h"

using namespace checklint;

BOOST_AUTO_TEST_SUITE(diagnostics)

BOOST_AUTO_TEST_CASE(rule_ids_are_interned_and_order_as_strings) {
  const std::string name = "numbering/sequence";
  const RuleId a = name;
  const RuleId b = std::string_view("numbering/sequence");
  const RuleId c = "content/placeholder";
  BOOST_TEST(&a.str() == &b.str());  // one copy of the text for the run
  BOOST_TEST((a == b));
  BOOST_TEST((a == name));
  BOOST_TEST((a == "numbering/sequence"));
  BOOST_TEST(!(a == c));
  BOOST_TEST((c < a));
  BOOST_TEST(!(a < b));
  BOOST_TEST(RuleId().empty());
  BOOST_TEST((RuleId("") == RuleId()));
  BOOST_TEST(fmt::format("[{}]", a) == "[numbering/sequence]");
  const std::string& text = a;  // reads as a string where one is wanted
  BOOST_TEST(text == name);
}

BOOST_AUTO_TEST_CASE(messages_are_shared_by_copies) {
  const Message m = std::string("“XXX”是未填写的占位符");
  const Message copy = m;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  BOOST_TEST(copy.shares(m));
  BOOST_TEST((copy == "“XXX”是未填写的占位符"));
  const Message other = "“XXX”是未填写的占位符";
  BOOST_TEST(!other.shares(m));
  BOOST_TEST((other == m));  // equal text, not the same text
  Message moved = Message(m);
  BOOST_TEST(moved.shares(m));
  moved = other;
  BOOST_TEST(moved.shares(other));
  BOOST_TEST(Message().empty());
  BOOST_TEST(fmt::format("{}!", m) == "“XXX”是未填写的占位符!");
}

BOOST_AUTO_TEST_CASE(the_sink_keeps_order_and_stores_a_repeated_wording_once) {
  DiagnosticSink sink;
  const char* wordings[] = {"“*”是占位符", "“XXX”是占位符", "“X+X”是占位符"};  // NOLINT(*-avoid-c-arrays)
  constexpr std::size_t kCount = 10000;  // several blocks
  for (std::size_t i = 0; i < kCount; ++i) {
    Diagnostic d;
    d.rule = "content/placeholder";
    d.message = std::string(wordings[i % 3]);  // a fresh copy each time, as a check makes it
    d.range = {i, i + 1};
    Diagnostic& added = sink.add(std::move(d));
    BOOST_TEST(added.range.begin == i);
  }
  // A wording not among the last few is stored again.
  Diagnostic d;
  d.message = std::string("另一条");
  sink.add(std::move(d));
  BOOST_TEST(sink.size() == kCount + 1);
  const std::vector<Diagnostic> all = sink.take();
  BOOST_TEST(sink.size() == 0U);
  BOOST_TEST_REQUIRE(all.size() == kCount + 1);
  std::set<const std::string*> texts;
  for (std::size_t i = 0; i < kCount; ++i) {
    BOOST_TEST(all[i].range.begin == i);
    BOOST_TEST((all[i].message == wordings[i % 3]));
    texts.insert(&all[i].message.str());
  }
  BOOST_TEST(texts.size() == 3U);
  BOOST_TEST((all.back().message == "另一条"));
}

BOOST_AUTO_TEST_CASE(the_sink_never_keeps_a_finding_a_comment_suppresses) {
  // Lines: 0 title, 1 disable-next-line, 2 covered, 3 open, 4 disable numbering/*, 5 covered for
  // numbering only, 6 enable, 7 open again.
  const std::string text =
      "标题\n"
      "<!-- checklint-disable-next-line -->\n"
      "第二行\n"
      "第三行\n"
      "<!-- checklint-disable numbering/* -->\n"
      "第五行\n"
      "<!-- checklint-enable numbering/* -->\n"
      "第七行\n";
  const Document doc = parse_document(SourceText::from_bytes("t.md", text), InputFormat::Markdown);
  std::vector<Suppression> suppressions = find_suppressions(doc);
  BOOST_TEST_REQUIRE(suppressions.size() == 3U);
  SuppressionFilter filter(doc, suppressions);
  DiagnosticSink sink([&filter](const Diagnostic& d) { return filter.drops(d); });
  const auto add = [&](std::size_t line, const char* rule) -> Diagnostic& {
    Diagnostic d;
    d.rule = rule;
    d.message = std::string(rule);
    d.range = doc.text.line_range(line);
    return sink.add(std::move(d));
  };
  add(0, "content/placeholder");
  // A dropped finding still takes notes and fixes, which go nowhere.
  Diagnostic& dropped = add(2, "content/placeholder");
  dropped.notes.push_back({doc.text.line_range(0), "说明"});
  add(3, "numbering/sequence");
  add(5, "numbering/sequence");
  add(5, "content/placeholder");
  add(7, "numbering/style");
  BOOST_TEST(sink.size() == 4U);
  const std::vector<Diagnostic> kept = sink.take();
  BOOST_TEST_REQUIRE(kept.size() == 4U);
  BOOST_TEST(doc.text.line_index(kept[0].range.begin) == 0U);
  BOOST_TEST(doc.text.line_index(kept[1].range.begin) == 3U);
  BOOST_TEST(doc.text.line_index(kept[2].range.begin) == 5U);
  BOOST_TEST((kept[2].rule == "content/placeholder"));
  BOOST_TEST(doc.text.line_index(kept[3].range.begin) == 7U);
  for (const Diagnostic& d : kept) BOOST_TEST(d.notes.empty());
  BOOST_TEST(suppressions[0].used);
  BOOST_TEST(suppressions[1].used);
  BOOST_TEST(!suppressions[2].used);  // an enable suppresses nothing itself

  // The same findings through apply_suppressions, after the fact, give the same answer.
  std::vector<Suppression> again = find_suppressions(doc);
  std::vector<Diagnostic> all;
  for (const auto& [line, rule] : std::vector<std::pair<std::size_t, const char*>>{
           {0, "content/placeholder"}, {2, "content/placeholder"}, {3, "numbering/sequence"},
           {5, "numbering/sequence"}, {5, "content/placeholder"}, {7, "numbering/style"}}) {
    Diagnostic d;
    d.rule = rule;
    d.range = doc.text.line_range(line);
    all.push_back(std::move(d));
  }
  apply_suppressions(doc, again, all);
  BOOST_TEST_REQUIRE(all.size() == kept.size());
  for (std::size_t i = 0; i < all.size(); ++i) BOOST_TEST((all[i].range == kept[i].range));
  for (std::size_t i = 0; i < again.size(); ++i) BOOST_TEST(again[i].used == suppressions[i].used);
}

BOOST_AUTO_TEST_CASE(fill_message_equals_fmt_format) {
  // Patterns with Chinese and ASCII text and "{}" anywhere (first, last, side by side), values of
  // every kind (empty, with braces, Chinese): fill_message makes what fmt::format makes.
  const std::vector<std::string> pieces = {"序号", "“", "”", "，", "a", " ", "'", ":", "。"};
  const std::vector<std::string> values = {"", "一", "（三）", "3.", "{}", "{", "}}", "第十二", "x y"};
  std::uint32_t seed = 8;
  const auto next = [&seed](std::uint32_t n) {
    seed = seed * 1664525U + 1013904223U;
    return (seed >> 8U) % n;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string pattern;
    for (int slot = 0; slot < 3; ++slot) {
      if (slot > 0) pattern += "{}";
      for (std::uint32_t n = next(4); n > 0; --n) pattern += pieces[next(static_cast<std::uint32_t>(pieces.size()))];
    }
    const std::string& a = values[next(static_cast<std::uint32_t>(values.size()))];
    const std::string& b = values[next(static_cast<std::uint32_t>(values.size()))];
    BOOST_TEST(fill_message(pattern, {a, b}) == fmt::format(fmt::runtime(pattern), a, b), pattern << " / " << a << " / " << b);
    const std::string one = pattern.substr(0, pattern.rfind("{}")) + "。";
    BOOST_TEST(fill_message(one, {b}) == fmt::format(fmt::runtime(one), b), one << " / " << b);
  }
}

BOOST_AUTO_TEST_CASE(suppression_comments_are_found_as_the_regex_finds_them) {
  // find_suppression_comment() stands for this regex, consumed match after match along a line:
  // on random lines of comment-like pieces (blanks of every kind, keywords run into names and
  // into the closing "--", a '>' inside, comments inside comments) both find the same comments
  // with the same groups.
  static const RE2 comment(R"((<!--\s*(checklint-[a-z-]+)((?:\s+[^\s>]+)*)\s*-->))");
  const std::vector<std::string> pieces = {"<!--", "<!-", "-->", "--", "-", ">", "<", "!", " ", "  ", "\t", "\r", "\f", "\v",
                                           "checklint-", "checklint", "disable", "enable-line", "a", "z", "_", "A", ",",
                                           "numbering/*", "中", "。", "checklint-disable", "<!-- checklint-disable-next-line "};
  std::uint32_t seed = 8;
  const auto next = [&seed](std::uint32_t n) {
    seed = seed * 1664525U + 1013904223U;
    return (seed >> 8U) % n;
  };
  int found = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string line;
    for (std::uint32_t n = next(14); n > 0; --n) line += pieces[next(static_cast<std::uint32_t>(pieces.size()))];
    re2::StringPiece input(line);
    std::string_view rest(line);
    while (true) {
      re2::StringPiece whole;
      re2::StringPiece keyword;
      re2::StringPiece names;
      const bool matched = RE2::FindAndConsume(&input, comment, &whole, &keyword, &names);
      const auto fast = find_suppression_comment(rest);
      BOOST_TEST_REQUIRE(matched == fast.has_value(), "line: " << line);
      if (!matched) break;
      ++found;
      BOOST_TEST_REQUIRE((fast->whole.data() == whole.data() && fast->whole.size() == whole.size()), "line: " << line);
      BOOST_TEST_REQUIRE((fast->keyword.data() == keyword.data() && fast->keyword.size() == keyword.size()), "line: " << line);
      BOOST_TEST_REQUIRE(fast->names.size() == names.size(), "line: " << line);
      if (!names.empty()) BOOST_TEST_REQUIRE((fast->names.data() == names.data()), "line: " << line);
      rest = rest.substr(static_cast<std::size_t>(fast->whole.data() - rest.data()) + fast->whole.size());
    }
  }
  BOOST_TEST(found > 1000);
}

BOOST_AUTO_TEST_CASE(the_filter_equals_a_walk_over_every_comment) {
  // Random drafts of comments of every kind (for every rule, for some, for a family) and random
  // findings of several rules, in an order that goes back and forth between rules as checks do:
  // what the filter drops, and which comments it marks used, equal a walk over all comments in
  // order (the meaning the index of candidates, and its lists cached per rule, must keep).
  const std::vector<std::string> rules = {"numbering/sequence", "numbering/style", "content/placeholder", "wording/repetition"};
  const std::vector<std::string> kinds = {"disable", "enable", "disable-line", "disable-next-line", "disable-file"};
  const std::vector<std::string> names = {"", " numbering/*", " content/placeholder", " numbering/style, wording/repetition", " content/*"};
  std::uint32_t seed = 8;
  const auto next = [&seed](std::uint32_t n) {
    seed = seed * 1664525U + 1013904223U;
    return (seed >> 8U) % n;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text = "标题\n";
    const std::uint32_t lines = 3 + next(30);
    for (std::uint32_t i = 0; i < lines; ++i) {
      const std::uint32_t pick = next(10);
      if (pick < 3) {
        // a disable-file is rare, as it covers everything after it
        const std::string& kind = kinds[next(round % 2 == 0 ? 5 : 4)];
        text += "<!-- checklint-" + kind + names[next(names.size())] + " -->\n";
      } else if (pick == 3) {
        text += "\n";
      } else {
        text += "第" + std::to_string(i) + "行\n";
      }
    }
    const Document doc = parse_document(SourceText::from_bytes("t.md", text), InputFormat::Markdown);
    std::vector<Suppression> filtered = find_suppressions(doc);
    std::vector<Suppression> walked = filtered;
    SuppressionFilter filter(doc, filtered);
    for (int k = 0; k < 60; ++k) {
      Diagnostic d;
      d.rule = rules[next(rules.size())];
      d.range = doc.text.line_range(next(static_cast<std::uint32_t>(doc.lines.size())));
      const std::size_t line = doc.text.line_index(d.range.begin);
      Suppression* covering = nullptr;
      for (Suppression& s : walked) {
        if (!suppression_names(s, d.rule)) continue;
        using K = Suppression::Kind;
        // A comment that covers the line takes the finding; an enable gives back one a disable took.
        const bool covers = s.kind == K::DisableFile || (s.kind == K::DisableLine && s.line == line) ||
                            (s.kind == K::DisableNextLine && s.target_line == line) || (s.kind == K::Disable && s.line <= line);
        if (covers) {
          covering = &s;
        } else if (s.kind == K::Enable && s.line <= line && covering != nullptr && covering->kind == K::Disable) {
          covering = nullptr;
        }
      }
      if (covering != nullptr) covering->used = true;
      BOOST_TEST(filter.drops(d) == (covering != nullptr), "round " << round << " finding " << k << " in\n" << text);
    }
    for (std::size_t i = 0; i < walked.size(); ++i) BOOST_TEST(filtered[i].used == walked[i].used);
  }
}

BOOST_AUTO_TEST_CASE(rule_ids_interned_through_the_cache_equal_those_of_the_set) {
  // RuleId(string_view) keeps recent ids per thread in slots chosen by their length and first
  // and last eight bytes: ids alike in all of those (same slot), short ones, and the same bytes
  // rewritten with another id at one address and at others each still get their own pointer,
  // the same as made from a fresh copy of the text.
  const std::vector<std::string> ids = {"numbering/sequence", "numbering/style", "content/placeholder", "a", "b",
                                        "numbering/sequencf", "numbering/aaa/sequence", "numbering/bbb/sequence"};
  std::array<char, 32> buffer{};
  std::uint32_t seed = 8;
  const auto next = [&seed](std::size_t n) {
    seed = seed * 1664525U + 1013904223U;
    return static_cast<std::size_t>(seed >> 8U) % n;
  };
  for (int round = 0; round < 5000; ++round) {
    const std::string& id = ids[next(ids.size())];
    const std::size_t at = next(8);
    std::copy(id.begin(), id.end(), buffer.begin() + static_cast<std::ptrdiff_t>(at));
    const RuleId from_buffer = std::string_view(buffer.data() + at, id.size());
    const RuleId from_copy = std::string(id);
    BOOST_TEST(&from_buffer.str() == &from_copy.str(), "round " << round);
    BOOST_TEST(from_buffer.str() == id);
  }
}

BOOST_AUTO_TEST_SUITE_END()
