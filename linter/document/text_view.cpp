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

void TextView::append(std::string_view source, std::size_t begin, std::size_t end) {
  const auto delta = static_cast<std::uint32_t>(begin - size_);
  if (jumps_.empty() || jumps_.back().delta != delta) jumps_.push_back({static_cast<std::uint32_t>(size_), delta});
  if (end == begin) return;
  const std::size_t held = size_ - chunk_begin_;  // bytes of the open chunk so far
  if (held == 0) {
    in_pieces_ = false;
    piece_begin_ = begin;
  } else if (!in_pieces_ && begin != piece_begin_ + held) {
    // The chunk goes on elsewhere in the source: from here on it is a copy.
    in_pieces_ = true;
    owned_begin_ = owned_.size();
    owned_.append(source, piece_begin_, held);
  }
  if (in_pieces_) owned_.append(source, begin, end - begin);
  size_ += end - begin;
  last_ = before(source, end);
}

void TextView::separate() {
  ++size_;
  last_ = U'\n';
}

void TextView::close_chunk(std::string_view source) {
  chunks_.emplace_back(chunk_begin_, size_);
  if (size_ == chunk_begin_) {
    data_.push_back(source.data());
  } else if (in_pieces_) {
    data_.push_back(nullptr);  // in owned_, which may still move: set once it is complete
    owned_at_.push_back(owned_begin_);
  } else {
    data_.push_back(source.data() + piece_begin_);
  }
  in_pieces_ = false;
}

TextView::TextView(const Document& doc) : source_(doc.text.bytes()) {
  const std::string_view s = source_;
  // The copies are never longer than the source (each line adds at most its content): reserving
  // that much once spares the copies of growing by +=, and the pages they do not fill are never
  // touched, so they take no memory.
  owned_.reserve(s.size());
  bool open = false;            // a paragraph is being built
  bool previous_opens = false;  // the line before opened a section
  // A paragraph line opens a numbered section exactly when it begins with a marker (build_tree
  // read each one's, leaving out only the title, which has none): the tree says which, and only
  // table rows are read here.
  std::vector<bool> numbered_paragraphs(doc.lines.size(), false);
  mark_numbered(doc.root, numbered_paragraphs);
  for (std::size_t index = 0; index < doc.lines.size(); ++index) {
    const Line& line = doc.lines[index];
    const bool prose = line.kind == LineKind::Paragraph || line.kind == LineKind::Heading || line.kind == LineKind::Table;
    if (!prose || line.content.empty()) {
      if (open) close_chunk(s);
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
      // Only whether an item starts the line matters: the rest of the line is not scanned.
      const bool opens = numbered || item_marker_at(doc.text.slice(line.content), 0).has_value();
      // In Markdown the lines of one block are one paragraph whatever they end with.
      const bool wrapped = doc.format == InputFormat::Markdown || (is_han(last_) && is_cjk(first));
      if (!wrapped || opens || previous_opens) {
        close_chunk(s);
        separate();
        chunk_begin_ = size_;
      }
    } else {
      if (size_ != 0) separate();
      chunk_begin_ = size_;
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
        append(s, run, i);
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
          append(s, run, i);
          run = j;
        }
        i = j;
        continue;
      }
      i += len;
    }
    append(s, run, line.content.end);
  }
  if (open) close_chunk(s);
  // The copies are complete: point their chunks at them.
  std::size_t next_owned = 0;
  for (const char*& data : data_) {
    if (data == nullptr) data = owned_.data() + owned_at_[next_owned++];
  }
  owned_at_ = {};
}

std::size_t TextView::chunk_at(std::size_t offset) const {
  const auto it = std::upper_bound(chunks_.begin(), chunks_.end(), offset, [](std::size_t value, const CompactRange& c) { return value < c.begin; });
  return it == chunks_.begin() ? 0 : static_cast<std::size_t>(it - chunks_.begin()) - 1;
}

std::string_view TextView::slice(std::size_t begin, std::size_t end) const {
  if (chunks_.empty()) return {};
  const std::size_t index = chunk_at(begin);
  const ByteRange chunk = chunks_[index];
  return chunk_text(index).substr(begin - chunk.begin, end - begin);
}

void TextView::literal_starts(const LiteralStarts& literals, std::vector<std::size_t>& out) const {
  std::vector<std::size_t> hits;
  for (std::size_t k = 0; k < chunks_.size();) {
    if (chunks_[k].empty()) {
      ++k;
      continue;
    }
    if (!in_source(k)) {
      literals.in(chunk_text(k), chunks_[k].begin, out);
      ++k;
      continue;
    }
    // A run of chunks that are pieces of the source, in its order: one search from the first's
    // start to the last's end, and each place found kept when a literal written there ends
    // within the chunk it starts in (the bytes between chunks are no paragraph's).
    std::size_t last = k;
    while (last + 1 < chunks_.size() && in_source(last + 1)) ++last;
    const auto source_begin = [this](std::size_t c) { return static_cast<std::size_t>(data_[c] - source_.data()); };
    const std::size_t from = source_begin(k);
    hits.clear();
    literals.in(source_.substr(from, source_begin(last) + chunks_[last].size() - from), from, hits);
    std::size_t c = k;
    for (const std::size_t at : hits) {
      while (c <= last && source_begin(c) + chunks_[c].size() <= at) ++c;
      if (c > last) break;
      if (at < source_begin(c)) continue;
      const std::size_t local = at - source_begin(c);
      // A literal is written at `at`: it ends within the chunk when the longest would.
      if (local + literals.longest() <= chunks_[c].size() || literals.starts_at(chunk_text(c), local)) {
        out.push_back(chunks_[c].begin + local);
      }
    }
    k = last + 1;
  }
}

std::string TextView::joined() const {
  std::string out;
  for (std::size_t k = 0; k < chunks_.size(); ++k) {
    out.resize(chunks_[k].begin, '\n');
    out += chunk_text(k);
  }
  out.resize(size_, '\n');
  return out;
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
