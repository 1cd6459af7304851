// What a finding is made of: interned rule ids, shared messages, and the sink the checks
// report into (findings kept in order, a repeated wording stored once).
#include <set>

#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include "linter/diagnostics/diagnostic.h"

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

BOOST_AUTO_TEST_SUITE_END()
