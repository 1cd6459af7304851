#include "linter/checks/kinds/kind.h"

#include <algorithm>

#include "linter/analysis/analysis.h"
#include "linter/source/text.h"

namespace checklint {

ScopeMap::ScopeMap(const Document& doc, const Analysis& analysis) : doc_(doc) {
  walk(doc.root, [&](const Node& node) {
    if (node.kind == NodeKind::Numbered || node.kind == NodeKind::Heading) headings_.push_back(node.heading);
    if (node.numbering) markers_.push_back(node.numbering->range);
    if (node.kind == NodeKind::Title) title_ = node.range;
    if (node.kind == NodeKind::Preamble) preamble_ = node.range;
  });
  for (const auto& part : analysis.parts) parts_.emplace_back(part.node->range, role_id(part.role));
  for (const auto& unit : analysis.problems) {
    if (unit.dimension) aspects_.emplace_back(unit.node->range, "aspect:" + analysis.dimensions[*unit.dimension].id);
  }
}

namespace {

/// The part holding `offset`. Parts are top-level sections, in document order and disjoint,
/// so the last one starting at or before the offset is the only candidate: a bisection, where
/// a scan per rule match made a long draft (thousands of parts) quadratic.
const std::pair<ByteRange, std::string_view>* part_holding(const std::vector<std::pair<ByteRange, std::string_view>>& parts,
                                                            std::size_t offset) {
  const auto after = std::upper_bound(parts.begin(), parts.end(), offset,
                                      [](std::size_t value, const auto& part) { return value < part.first.begin; });
  if (after == parts.begin()) return nullptr;
  const auto& candidate = *std::prev(after);
  return offset >= candidate.first.begin && offset < candidate.first.end ? &candidate : nullptr;
}

}  // namespace

bool ScopeMap::in_marker(std::size_t offset) const {
  const auto it = std::upper_bound(markers_.begin(), markers_.end(), offset,
                                   [](std::size_t value, const CompactRange& r) { return value < r.begin; });
  return it != markers_.begin() && offset < std::prev(it)->end;
}

std::string_view ScopeMap::part_at(std::size_t offset) const {
  if (const auto* part = part_holding(parts_, offset)) return part->second;
  if (preamble_ && offset >= preamble_->begin && offset < preamble_->end) return "preamble";
  return {};
}

bool ScopeMap::contains(std::size_t offset, const std::vector<std::string>& scopes) const {
  const auto in = [offset](ByteRange r) { return offset >= r.begin && offset < r.end; };
  // headings_ is in document order (a pre-order walk), so the one that could hold the offset is found by bisection.
  const auto after = std::upper_bound(headings_.begin(), headings_.end(), offset,
                                      [](std::size_t value, const CompactRange& r) { return value < r.begin; });
  const bool heading = (after != headings_.begin() && in(*std::prev(after))) || (title_ && in(*title_));
  const std::string_view part = part_at(offset);
  return std::any_of(scopes.begin(), scopes.end(), [&](const std::string& scope) {
    if (scope == "document" || scope == part) return true;
    if (scope == "title") return title_ && in(*title_);
    if (scope == "headings") return heading;
    if (scope == "body") return !heading;
    // Problem subsections may nest (an aspect's unit inside another unit): every one is asked.
    return scope.starts_with("aspect:") && std::any_of(aspects_.begin(), aspects_.end(), [&](const auto& aspect) {
             return in(aspect.first) && aspect.second == scope;  // the range first: it rules out nearly all
           });
  });
}

bool TextContext::in_document(const std::vector<std::string>& scopes) {
  return std::find(scopes.begin(), scopes.end(), "document") != scopes.end();
}

bool TextContext::scoped(std::size_t view_begin) const {
  return scopes_.contains(view_.source_offset(view_begin), common_.scope);
}

std::string TextContext::message(const std::vector<std::pair<std::string, std::string>>& values, const char* fallback_zh,
                                 const char* fallback_en) const {
  const bool english = check_.lang() == Lang::En;
  std::string out = english ? (common_.message_en.empty() ? std::string(fallback_en) : common_.message_en)
                            : (common_.message.empty() ? std::string(fallback_zh) : common_.message);
  if (english && common_.message_en.empty() && !common_.message.empty()) out = common_.message;
  const auto fill = [&](std::string text) {
    if (text.find('{') == std::string::npos) return text;  // no placeholder: nothing to look up
    for (const auto& [name, value] : values) {
      const std::string key = "{" + name + "}";
      for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
        text.replace(at, key.size(), value);
      }
    }
    return text;
  };
  out = fill(out);
  // A rule's own message may be written for another kind of finding of the same rule
  // (a repeated sentence has no {single}); then this finding keeps its own wording.
  // (Called once per finding: a draft can have a million, so the regex only runs on a '{'.)
  static const RE2 unfilled(R"(\{[a-z_]+\})");
  if (out.find('{') != std::string::npos && RE2::PartialMatch(out, unfilled)) out = fill(english ? fallback_en : fallback_zh);
  return out;
}

Diagnostic& TextContext::report(std::size_t view_begin, std::size_t view_end, Message message) {
  return check_.report(view_.source(view_begin, view_end), std::move(message));
}

PatternRule::PatternRule(std::vector<std::string> patterns, std::vector<std::string> unless_before,
                         std::vector<std::string> unless_after)
    : sources_(std::move(patterns)),
      compiled_(lazy_regexes(sources_)),
      unless_before_(std::move(unless_before), NeighbourWords::Side::Before),
      unless_after_(std::move(unless_after), NeighbourWords::Side::After) {}

namespace {

/// The length of the member of a Run that stands at the start of `rest`, 0 when none does.
std::size_t member_length(std::string_view rest, const std::vector<std::string>& members) {
  for (const std::string& member : members) {
    if (rest.starts_with(member)) return member.size();
  }
  return 0;
}

}  // namespace

ChunkMatches::ChunkMatches(const ViewChunk& chunk, const LazyRegexes& patterns, const std::vector<int>& hits)
    : input_(chunk.text.data(), chunk.text.size()), chunk_begin_(chunk.range.begin) {
  cursors_.reserve(hits.size());
  for (int hit : hits) {
    const LazyRegex& pattern = *patterns.at(static_cast<std::size_t>(hit));
    Cursor& cursor = cursors_.emplace_back(Cursor{&pattern.get(), &pattern.shape(), hit});
    const std::string_view chunk_text(input_.data(), input_.size());
    for (std::size_t k = 0; k < cursor.shape->starts.size(); ++k) cursor.next_start.at(k) = find_text(chunk_text, cursor.shape->starts[k], 0);
    advance(cursor);
  }
}

std::size_t ChunkMatches::next_start(Cursor& cursor, std::size_t from) const {
  const std::string_view chunk_text(input_.data(), input_.size());
  std::size_t first = std::string_view::npos;
  for (std::size_t k = 0; k < cursor.shape->starts.size(); ++k) {
    std::size_t& at = cursor.next_start.at(k);
    if (at < from) at = find_text(chunk_text, cursor.shape->starts[k], from);
    first = std::min(first, at);
  }
  return first;
}

// Most patterns of the rule sets are a word, a run of placeholder characters (*, XXX) or begin with
// one of a few strings. Their matches are found by find_text, and RE2 (a forward search for
// the end, a backward one for the start, some 2,500 instructions a match in a paragraph of
// placeholders) runs only for the others, from where one of their first strings stands, not over
// every byte before it. The matches are the same: those of a pattern's shape (tests/ruleset_test.cpp).
void ChunkMatches::advance(Cursor& cursor) const {
  const PatternShape& shape = *cursor.shape;
  cursor.ahead = false;
  if (shape.form == PatternShape::Form::Regex) {
    advance_regex(cursor);
    return;
  }
  for (std::size_t at = next_start(cursor, cursor.pos); at != std::string_view::npos; at = next_start(cursor, cursor.pos)) {
    std::size_t end = at + shape.starts.front().size();
    if (shape.form == PatternShape::Form::Run) {
      // Greedy: as many members as stand there, up to max. A run too short here is shorter
      // from any of its later members, so the search goes on after it.
      end = at;
      std::size_t count = 0;
      const std::string_view chunk_text(input_.data(), input_.size());
      for (std::size_t length = 0; count < shape.max && (length = member_length(chunk_text.substr(end), shape.starts)) != 0; ++count) {
        end += length;
      }
      if (count < shape.min) {
        cursor.pos = end;
        continue;
      }
    }
    cursor.pos = end;
    cursor.match = {chunk_begin_ + at, chunk_begin_ + end, cursor.pattern};
    cursor.ahead = true;
    return;
  }
}

void ChunkMatches::advance_regex(Cursor& cursor) const {
  const bool skip = !cursor.shape->starts.empty();
  re2::StringPiece found;
  while (cursor.pos <= input_.size()) {
    // No match begins before the next of its first strings.
    if (skip && (cursor.pos = next_start(cursor, cursor.pos)) == std::string_view::npos) return;
    if (!cursor.re->Match(input_, cursor.pos, input_.size(), RE2::UNANCHORED, &found, 1)) return;
    const auto begin = static_cast<std::size_t>(found.data() - input_.data());
    const std::size_t end = begin + found.size();
    // One pattern's matches do not overlap: each search goes on from the last match's end.
    cursor.pos = end > begin ? end : begin + 1;
    if (end > begin) {
      cursor.match = {chunk_begin_ + begin, chunk_begin_ + end, cursor.pattern};
      cursor.ahead = true;
      return;
    }
  }
}

bool ChunkMatches::next(TextMatch& match) {
  for (;;) {
    // The leftmost match ahead, the longest of those; of equal ones, the first pattern's.
    Cursor* first = nullptr;
    for (Cursor& c : cursors_) {
      if (!c.ahead) continue;
      if (first == nullptr || c.match.begin < first->match.begin ||
          (c.match.begin == first->match.begin && c.match.end > first->match.end)) {
        first = &c;
      }
    }
    if (first == nullptr) return false;
    const TextMatch candidate = first->match;
    advance(*first);
    if (any_ && candidate.begin < last_end_) continue;  // overlaps a longer, earlier match
    any_ = true;
    last_end_ = candidate.end;
    match = candidate;
    return true;
  }
}

std::string quote_literal(std::string_view literal) { return RE2::QuoteMeta(re2::StringPiece(literal.data(), literal.size())); }

NeighbourWords::NeighbourWords(std::vector<std::string> words, Side side) : side_(side) {
  for (auto& w : words) {
    if (w.empty()) {
      any_empty_ = true;
    } else if (w.size() == 1) {
      singles_.at(static_cast<unsigned char>(w[0])) = true;
    } else {
      // The two bytes next to the offset: a word's last two before it, its first two after it.
      const std::size_t k = side == Side::Before ? w.size() - 2 : 0;
      const std::size_t key = pair_key(w[k], w[k + 1]);
      if (pairs_.empty()) pairs_.resize(std::size_t{65536} / 64);
      pairs_[key / 64] |= std::uint64_t{1} << (key % 64);
      longer_.push_back(std::move(w));
    }
  }
}

bool NeighbourWords::at(std::string_view text, std::size_t offset) const {
  if (any_empty_) return true;
  if (side_ == Side::Before) {
    if (offset == 0 || offset > text.size()) return false;
    if (singles_.at(static_cast<unsigned char>(text[offset - 1]))) return true;
    if (offset < 2 || !has_pair(text[offset - 2], text[offset - 1])) return false;
    return std::any_of(longer_.begin(), longer_.end(), [&](const std::string& w) {
      return offset >= w.size() && text.substr(offset - w.size(), w.size()) == w;
    });
  }
  if (offset >= text.size()) return false;
  if (singles_.at(static_cast<unsigned char>(text[offset]))) return true;
  if (offset + 1 >= text.size() || !has_pair(text[offset], text[offset + 1])) return false;
  return std::any_of(longer_.begin(), longer_.end(), [&](const std::string& w) { return text.substr(offset).starts_with(w); });
}

}  // namespace checklint
