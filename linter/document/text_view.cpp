#include "linter/document/text_view.h"

#include <algorithm>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "linter/document/numbering.h"

namespace checklint {
namespace {

bool is_han(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || cp >= 0x20000; }

/// Inline markup of a Markdown line that is not prose: HTML comments, and
/// **, __ and * delimiters that pair up on the line as CommonMark emphasis
/// (an opening one followed, a closing one preceded, by a non-space). A lone *
/// stays and is a placeholder (中共*局).
std::vector<ByteRange> markup_spans(std::string_view s, ByteRange line) {
  std::vector<ByteRange> spans;
  const std::string_view text = s.substr(line.begin, line.size());
  // Most lines hold none of the bytes markup begins with: three memchr calls, and no table.
  if (text.find('<') == std::string_view::npos && text.find('*') == std::string_view::npos &&
      text.find('_') == std::string_view::npos) {
    return spans;
  }
  for (std::size_t at = text.find("<!--"); at != std::string_view::npos; at = text.find("<!--", at)) {
    const auto end = text.find("-->", at + 4);
    if (end == std::string_view::npos) break;
    spans.push_back({line.begin + at, line.begin + end + 3});
    at = end + 3;
  }
  std::vector<bool> taken(text.size(), false);
  for (const auto& r : spans) std::fill(taken.begin() + static_cast<std::ptrdiff_t>(r.begin - line.begin),
                                        taken.begin() + static_cast<std::ptrdiff_t>(r.end - line.begin), true);
  for (std::string_view delimiter : {"**", "__", "*"}) {
    std::vector<std::size_t> marks;
    for (std::size_t at = text.find(delimiter); at != std::string_view::npos; at = text.find(delimiter, at + delimiter.size())) {
      if (taken[at]) continue;
      // A run of more stars than the delimiter (***, or * inside an unpaired **) is left alone.
      if (delimiter == "*" && ((at > 0 && text[at - 1] == '*') || (at + 1 < text.size() && text[at + 1] == '*'))) continue;
      marks.push_back(at);
    }
    for (std::size_t k = 0; k + 1 < marks.size(); k += 2) {
      const std::size_t open = marks[k];
      const std::size_t close = marks[k + 1];
      const std::size_t width = delimiter.size();
      const bool flanked = close > open + width && text[open + width] != ' ' && text[close - 1] != ' ';
      if (!flanked) continue;
      for (std::size_t at : {open, close}) {
        spans.push_back({line.begin + at, line.begin + at + width});
        std::fill(taken.begin() + static_cast<std::ptrdiff_t>(at), taken.begin() + static_cast<std::ptrdiff_t>(at + width), true);
      }
    }
  }
  std::sort(spans.begin(), spans.end(), [](ByteRange a, ByteRange b) { return a.begin < b.begin; });
  return spans;
}

bool is_blank(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\u3000' || cp == U'\u00A0'; }

/// The first offset in [from, end) where a blank (is_blank) begins, or `end`; `from` starts a
/// character. 。 and 、 (E3 80 82, E3 80 81) begin like U+3000 (E3 80 80) and come every few
/// characters: a search for the blanks' first bytes stopped at each of them. This one compares
/// each place with every byte of the blanks, sixteen places at a time.
std::size_t next_blank(std::string_view s, std::size_t from, std::size_t end) {
  std::size_t i = from;
#if defined(__SSE2__)
  const auto at = [&s](std::size_t k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + k)); };
  const auto bytes = [](unsigned char b) { return _mm_set1_epi8(static_cast<char>(b)); };
  for (; i < end && i + 18 <= s.size(); i += 16) {
    const __m128i first = at(i);
    const __m128i second = at(i + 1);
    const __m128i ascii = _mm_or_si128(_mm_cmpeq_epi8(first, bytes(' ')), _mm_cmpeq_epi8(first, bytes('\t')));
    const __m128i ideographic = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(first, bytes(0xE3U)), _mm_cmpeq_epi8(second, bytes(0x80U))),
        _mm_cmpeq_epi8(at(i + 2), bytes(0x80U)));
    const __m128i no_break = _mm_and_si128(_mm_cmpeq_epi8(first, bytes(0xC2U)), _mm_cmpeq_epi8(second, bytes(0xA0U)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(ascii, _mm_or_si128(ideographic, no_break))));
    if (mask != 0) return std::min(end, i + static_cast<std::size_t>(std::countr_zero(mask)));
  }
#endif
  for (; i < end; ++i) {
    const std::string_view rest = s.substr(i);
    if (rest[0] == ' ' || rest[0] == '\t' || rest.starts_with("\u3000") || rest.starts_with("\u00A0")) return i;
  }
  return end;
}

/// The code point before `at` in `s` (0 at the start).
char32_t before(std::string_view s, std::size_t at) {
  if (at == 0) return 0;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) --start;
  std::size_t len = 1;
  return decode_utf8(s, start, len);
}

/// Marks the lines of `node` and its descendants that open a numbered section.
void mark_numbered(const Node& node, std::vector<bool>& numbered) {
  if (node.kind == NodeKind::Numbered) numbered[node.line] = true;
  for (const Node& child : node.children) mark_numbered(child, numbered);
}

}  // namespace

bool is_cjk(char32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == U'“' || cp == U'”' ||
         cp == U'‘' || cp == U'’' || cp == U'…' || cp == U'—';
}

void TextView::append(std::string_view bytes, std::size_t source_begin) {
  const auto delta = static_cast<std::uint32_t>(source_begin - text_.size());
  if (jumps_.empty() || jumps_.back().delta != delta) jumps_.push_back({static_cast<std::uint32_t>(text_.size()), delta});
  text_ += bytes;
}

TextView::TextView(const Document& doc) {
  const std::string_view s = doc.text.bytes();
  // The view is never longer than the source: each line adds at most its content, and each '\n'
  // between two lines stands for the terminator at least between them. Reserving that much once
  // spares the copies (and the twice-too-large buffer) of growing by +=; the pages the view does
  // not fill are never touched, so they take no memory.
  text_.reserve(s.size());
  bool open = false;            // a paragraph is being built
  bool previous_opens = false;  // the line before opened a section
  std::size_t chunk_begin = 0;
  // A paragraph line opens a numbered section exactly when it begins with a marker (build_tree
  // read each one's, leaving out only the title, which has none): the tree says which, and only
  // table rows are read here.
  std::vector<bool> numbered_paragraphs(doc.lines.size(), false);
  mark_numbered(doc.root, numbered_paragraphs);
  for (std::size_t index = 0; index < doc.lines.size(); ++index) {
    const Line& line = doc.lines[index];
    const bool prose = line.kind == LineKind::Paragraph || line.kind == LineKind::Heading || line.kind == LineKind::Table;
    if (!prose || line.content.empty()) {
      if (open) chunks_.push_back({chunk_begin, text_.size()});
      open = false;
      continue;
    }
    std::size_t i = line.content.begin;
    std::size_t len = 1;
    const char32_t first = decode_utf8(s, i, len);
    // Read once for this line's break and the next line's (previous_opens).
    const bool numbered = line.kind == LineKind::Heading ||
                          (line.kind == LineKind::Paragraph ? numbered_paragraphs[index]
                                                            : read_marker(doc.text.slice(line.content)).has_value());
    if (open) {
      // A hard break inside a phrase is no break (习近\n平): the line before ends
      // mid-sentence on a Han character and this one opens no new section or item.
      const char32_t last = before(text_, text_.size());
      // Only whether an item starts the line matters: the rest of the line is not scanned.
      const bool opens = numbered || item_marker_at(doc.text.slice(line.content), 0).has_value();
      // In Markdown the lines of one block are one paragraph whatever they end with.
      const bool wrapped = doc.format == InputFormat::Markdown || (is_han(last) && is_cjk(first));
      if (!wrapped || opens || previous_opens) {
        chunks_.push_back({chunk_begin, text_.size()});
        text_ += '\n';
        chunk_begin = text_.size();
      }
    } else {
      if (!text_.empty()) text_ += '\n';
      chunk_begin = text_.size();
      open = true;
    }
    previous_opens = numbered;
    // Copy the line, dropping blanks that sit between two CJK characters and,
    // in Markdown, inline HTML comments and ** / __ emphasis markers.
    const auto hidden = doc.format == InputFormat::Markdown ? markup_spans(s, line.content) : std::vector<ByteRange>{};
    // The characters between two blanks are passed over without decoding them.
    std::size_t next_hidden = 0;
    std::size_t run = i;
    while (i < line.content.end) {
      const bool hidden_ahead = next_hidden < hidden.size() && hidden[next_hidden].begin >= i;
      if (hidden_ahead && i == hidden[next_hidden].begin) {
        append(s.substr(run, i - run), run);
        i = hidden[next_hidden++].end;
        run = i;
        continue;
      }
      // Candidates are lead or ASCII bytes, so i stays on a character's first byte.
      i = next_blank(s, i, hidden_ahead ? hidden[next_hidden].begin : line.content.end);
      if (i >= line.content.end || (hidden_ahead && i == hidden[next_hidden].begin)) continue;
      const char32_t cp = decode_utf8(s, i, len);
      if (is_blank(cp)) {
        std::size_t j = i;
        std::size_t blank_len = 1;
        while (j < line.content.end && is_blank(decode_utf8(s, j, blank_len))) j += blank_len;
        std::size_t next_len = 1;
        const char32_t next = j < line.content.end ? decode_utf8(s, j, next_len) : 0;
        const char32_t prev = i > line.content.begin ? before(s, i) : 0;
        if (is_cjk(prev) && is_cjk(next)) {
          append(s.substr(run, i - run), run);
          run = j;
        }
        i = j;
        continue;
      }
      i += len;
    }
    append(s.substr(run, line.content.end - run), run);
  }
  if (open) chunks_.push_back({chunk_begin, text_.size()});
}

std::size_t TextView::source_offset(std::size_t offset) const {
  const auto it = std::upper_bound(jumps_.begin(), jumps_.end(), offset,
                                   [](std::size_t value, const Jump& jump) { return value < jump.at; });
  if (it == jumps_.begin()) return offset;
  return offset + std::prev(it)->delta;
}

ByteRange TextView::source(std::size_t begin, std::size_t end) const {
  if (end <= begin) {
    const std::size_t at = source_offset(begin);
    return {at, at};
  }
  // The end maps from the last byte of the range, so a range never swallows a removed gap.
  return {source_offset(begin), source_offset(end - 1) + 1};
}

}  // namespace checklint
