#pragma once
// Check kinds: generic checks over the draft's prose (existence, substitution,
// occurrence, consistency, enumeration, pairs, repetition). A kind is C++ in
// its own file with its own doc; every concrete rule is a TOML table with
// `kind = "..."` in a rule set, compiled once when the rule set loads.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "linter/checks/check.h"
#include "linter/checks/patterns.h"
#include "linter/document/text_view.h"
#include "linter/rules/rule_table.h"

namespace checklint {

/// Where in a draft a rule looks.
enum class Zone { Title, Heading, Body };

/// Per line of the draft: its zone and the part (and aspect) it belongs to.
class ScopeMap {
 public:
  ScopeMap(const Document& doc, const Analysis& analysis);
  /// Whether a source offset lies in any of `scopes` ("document", "title", "headings",
  /// "body", "preamble", a part role such as "problems", or "aspect:<id>" — the
  /// problem subsection of one aspect, e.g. "aspect:theory").
  [[nodiscard]] bool contains(std::size_t offset, const std::vector<std::string>& scopes) const;
  /// The part role's id at a source offset ("" outside any part; "preamble" before the first).
  [[nodiscard]] std::string_view part_at(std::size_t offset) const;
  /// Whether a source offset lies in a heading number (（一）, (1) …), which numbering/* judges.
  [[nodiscard]] bool in_marker(std::size_t offset) const;

 private:
  const Document& doc_;
  std::vector<CompactRange> headings_;                         // heading text of sections
  std::vector<CompactRange> markers_;                          // heading numbers, in order
  std::vector<std::pair<ByteRange, std::string_view>> parts_;  // part extents and role ids
  std::vector<std::pair<ByteRange, std::string>> aspects_;     // problem subsections and their aspect ids
  std::optional<ByteRange> title_;
  std::optional<ByteRange> preamble_;
};

/// The settings every declarative rule has, whatever its kind.
struct TextRuleCommon {
  std::string message;     ///< Chinese message template; {match} {replacement} {expected} … are filled in
  std::string message_en;  ///< English template (optional)
  std::vector<std::string> scope{"document"};
};

/// What a compiled rule sees while it runs.
class TextContext {
 public:
  TextContext(CheckContext& check, const TextView& view, const ScopeMap& scopes, const TextRuleCommon& common)
      : check_(check), view_(view), scopes_(scopes), common_(common), everywhere_(in_document(common.scope)) {}

  [[nodiscard]] const TextView& view() const { return view_; }
  [[nodiscard]] CheckContext& check() { return check_; }
  [[nodiscard]] const Document& doc() const { return check_.doc(); }
  /// Whether a view range lies in the rule's scope.
  [[nodiscard]] bool in_scope(std::size_t view_begin) const { return everywhere_ || scoped(view_begin); }
  [[nodiscard]] const ScopeMap& scopes() const { return scopes_; }
  /// Whether a view offset lies in a heading number.
  [[nodiscard]] bool in_marker(std::size_t view_offset) const { return scopes_.in_marker(view_.source_offset(view_offset)); }

  /// The rule's message with `{name}` placeholders replaced; `fallback_zh/en` when the rule sets none.
  [[nodiscard]] std::string message(const std::vector<std::pair<std::string, std::string>>& values,
                                    const char* fallback_zh, const char* fallback_en) const;

  /// Reports a view range (mapped back to source bytes).
  Diagnostic& report(std::size_t view_begin, std::size_t view_end, Message message);

 private:
  static bool in_document(const std::vector<std::string>& scopes);
  [[nodiscard]] bool scoped(std::size_t view_begin) const;

  CheckContext& check_;
  const TextView& view_;
  const ScopeMap& scopes_;
  const TextRuleCommon& common_;
  /// The scopes include "document": every offset is in scope, and a finding (there can be a
  /// million) costs no mapping back to the source and no look-up in the ScopeMap.
  bool everywhere_;
};

/// A rule compiled from its TOML table. Pattern rules hand their patterns to
/// the rule set's shared index, which matches all of them in one pass per
/// paragraph, and are then called only for the paragraphs where they hit.
class TextRule {
 public:
  TextRule() = default;
  TextRule(const TextRule&) = delete;
  TextRule& operator=(const TextRule&) = delete;
  TextRule(TextRule&&) = delete;
  TextRule& operator=(TextRule&&) = delete;
  virtual ~TextRule() = default;

  /// RE2 patterns for the shared index (empty for whole-text rules).
  [[nodiscard]] virtual std::vector<std::string> patterns() const { return {}; }
  /// Called per paragraph (a range of the view) with the indices of this rule's patterns that hit it.
  virtual void run_chunk(TextContext& /*ctx*/, const ViewChunk& /*chunk*/, const std::vector<int>& /*hits*/) const {}
  /// Called once per document.
  virtual void run(TextContext& /*ctx*/) const {}
};

/// A rule's unless_before / unless_after words, asked once per match: whether one of them
/// stands just before an offset (Before) or begins at it (After). The two bytes next to the
/// offset are looked up first in a bitmap of those every word ends (begins) with, so that a
/// match in a paragraph of a million placeholders is rarely compared with any word.
class NeighbourWords {
 public:
  enum class Side { Before, After };
  NeighbourWords(std::vector<std::string> words, Side side);
  [[nodiscard]] bool at(std::string_view text, std::size_t offset) const;

 private:
  static std::size_t pair_key(char a, char b) {
    return (static_cast<std::size_t>(static_cast<unsigned char>(a)) << 8U) | static_cast<unsigned char>(b);
  }
  [[nodiscard]] bool has_pair(char a, char b) const {
    const std::size_t key = pair_key(a, b);
    return !pairs_.empty() && ((pairs_[key / 64] >> (key % 64)) & 1U) != 0;
  }

  Side side_;
  bool any_empty_ = false;               // an empty word stands everywhere
  std::array<bool, 256> singles_{};      // the one-byte words
  std::vector<std::uint64_t> pairs_;     // bits of the longer words' two bytes next to the offset (none: empty)
  std::vector<std::string> longer_;      // the words of two bytes or more
};

/// Base of the rules whose findings are pattern matches (existence, substitution):
/// compiles the patterns, and yields each match in scope that no neighbour cancels.
class PatternRule : public TextRule {
 public:
  PatternRule(std::vector<std::string> patterns, std::vector<std::string> unless_before, std::vector<std::string> unless_after);
  [[nodiscard]] std::vector<std::string> patterns() const override { return sources_; }

 protected:
  /// Calls `found(begin, end, pattern, text)` for every match to report in a chunk (`text`: the
  /// matched bytes).
  template <typename Found>
  void for_each_match(TextContext& ctx, const ViewChunk& chunk, const std::vector<int>& hits, Found found) const;
  [[nodiscard]] const RE2& compiled(int pattern) const { return compiled_.at(static_cast<std::size_t>(pattern))->get(); }

 private:
  std::vector<std::string> sources_;
  LazyRegexes compiled_;  // compiled when the shared index first reports a hit
  NeighbourWords unless_before_;
  NeighbourWords unless_after_;
};

/// A pattern match in the view.
struct TextMatch {
  std::size_t begin;
  std::size_t end;
  int pattern;
};

/// The matches of the hit patterns in a chunk, leftmost-longest, without overlaps, one at a
/// time: `for (ChunkMatches m(…); m.next(match);)`. Each pattern is searched on only when its
/// match ahead is taken, and the patterns' matches are merged as they come, so nothing is
/// stored (a paragraph of a million placeholders held two lists of all its matches, 40 MB).
class ChunkMatches {
 public:
  ChunkMatches(const ViewChunk& chunk, const LazyRegexes& patterns, const std::vector<int>& hits);
  /// The next match into `match`; false when there is none.
  bool next(TextMatch& match);

 private:
  struct Cursor {
    const RE2* re;
    const PatternShape* shape;
    int pattern;
    std::size_t pos = 0;       // where its search goes on, in the chunk
    bool ahead = false;        // `match` holds its next match
    TextMatch match{};
    /// Per shape->starts: where it next stands in the chunk, at or after where it was last looked
    /// for (npos: nowhere). A string is searched for again only once the cursor has passed it.
    std::array<std::size_t, PatternShape::kMostStarts> next_start{};
  };
  void advance(Cursor& cursor) const;
  void advance_regex(Cursor& cursor) const;
  /// The first offset at or after `from` in the chunk where one of the cursor's starts stands.
  std::size_t next_start(Cursor& cursor, std::size_t from) const;

  re2::StringPiece input_;  // the paragraph alone, so that ^ and $ mean its start and end
  std::size_t chunk_begin_;
  std::vector<Cursor> cursors_;  // per hit pattern, in the order of `hits`
  bool any_ = false;             // a match has been given
  std::size_t last_end_ = 0;     // where it ended
};

class Kind {
 public:
  Kind() = default;
  Kind(const Kind&) = delete;
  Kind& operator=(const Kind&) = delete;
  Kind(Kind&&) = delete;
  Kind& operator=(Kind&&) = delete;
  virtual ~Kind() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual std::string_view summary_zh() const = 0;
  [[nodiscard]] virtual std::string_view doc_path() const = 0;
  /// Reads the kind's own keys from `table` (errors go through table.fail).
  [[nodiscard]] virtual std::shared_ptr<const TextRule> compile(RuleTable& table) const = 0;
};

/// Every check kind, in one explicit list (kinds/registry.cpp).
const std::vector<const Kind*>& all_kinds();
const Kind* find_kind(std::string_view name);

/// Match helpers shared by the kinds.
/// Literal strings as one RE2 alternation-safe pattern each.
std::string quote_literal(std::string_view literal);

template <typename Found>
void PatternRule::for_each_match(TextContext& ctx, const ViewChunk& chunk, const std::vector<int>& hits, Found found) const {
  // The neighbours are looked for within the paragraph: no word of them holds a line break.
  const std::string_view text = chunk.text;
  const std::size_t base = chunk.range.begin;
  TextMatch m{};
  for (ChunkMatches matches(chunk, compiled_, hits); matches.next(m);) {
    if (unless_before_.at(text, m.begin - base) || unless_after_.at(text, m.end - base)) continue;
    if (ctx.in_scope(m.begin)) found(m.begin, m.end, m.pattern, text.substr(m.begin - base, m.end - m.begin));
  }
}

}  // namespace checklint
