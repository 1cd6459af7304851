// The section tree builder: title, preamble, then sections nested by their
// numbering level (一、 > （一） > 1. > （1）) and Markdown heading level, with
// run-in items as leaves.
#include <algorithm>
#include <array>

#include "linter/document/document.h"
#include "linter/source/scan.h"

namespace checklint {
namespace {

constexpr std::array<std::string_view, 8> kTitleWords = {"材料", "报告", "提纲", "发言",
                                                         "剖析", "检视", "对照检查", "讲话"};

/// The first sentence end (。！？!? and, when `semicolon`, ；) in [begin, end), or `end`.
std::size_t find_sentence_end(std::string_view s, std::size_t begin, std::size_t end, bool semicolon) {
  // The marks begin with '!', '?' or the lead bytes E3 (。) and EF (！？；), never with a
  // continuation byte: those four bytes are looked for sixteen at a time, and only the characters
  // they begin are compared with the marks (a test of every byte cost as much as the rest of the
  // tree).
  static const ByteFinder mark_leads("!?\xE3\xEF");
  for (std::size_t i = mark_leads.find(s, begin, end); i < end; i = mark_leads.find(s, i + 1, end)) {
    const std::string_view rest = s.substr(i, end - i);
    if (rest[0] == '!' || rest[0] == '?' || rest.starts_with("。") || rest.starts_with("！") ||
        rest.starts_with("？") || (semicolon && rest.starts_with("；"))) {
      return i;
    }
  }
  return end;
}

/// Drops trailing 。：，；:,; and blanks from a heading. At most one of them ends the heading at a
/// time (their last bytes differ), so dropping the one that does until none does is what trying
/// each in turn, over and over, came to; the last byte says which one to compare.
std::size_t trim_heading_end(std::string_view s, std::size_t begin, std::size_t end) {
  while (end > begin) {
    std::string_view mark;
    switch (static_cast<unsigned char>(s[end - 1])) {
      case ':':
      case ',':
      case ';':
      case ' ':
      case '\t': mark = s.substr(end - 1, 1); break;
      case 0x82U: mark = "。"; break;
      case 0x9AU: mark = "："; break;
      case 0x8CU: mark = "，"; break;
      case 0x9BU: mark = "；"; break;
      case 0x80U: mark = "　"; break;
      default: return end;
    }
    if (end - begin < mark.size() || s.substr(end - mark.size(), mark.size()) != mark) return end;
    end -= mark.size();
  }
  return end;
}

std::size_t skip_spaces(std::string_view s, std::size_t offset, std::size_t end) {
  while (offset < end) {
    if (s[offset] == ' ' || s[offset] == '\t') {
      ++offset;
    } else if (s.substr(offset).starts_with("　")) {
      offset += 3;
    } else {
      break;
    }
  }
  return offset;
}

/// Splits [begin, end) into a run-in heading (first sentence) and the body after it.
void split_heading(std::string_view s, std::size_t begin, std::size_t end, bool semicolon, Node& node) {
  begin = skip_spaces(s, begin, end);
  const std::size_t stop = find_sentence_end(s, begin, end, semicolon);
  node.heading = {begin, trim_heading_end(s, begin, stop)};
  std::size_t body = stop;
  if (body < end) {
    std::size_t len = 1;
    decode_utf8(s, body, len);
    body = skip_spaces(s, body + len, end);
  }
  node.body = {body, end};
}

bool looks_like_title(std::string_view text) {
  if (text.empty() || char_count(text) > 80) return false;
  for (std::string_view end : {"。", "；", "：", "！", "？", "，", ":", ";"}) {
    if (text.ends_with(end)) return false;
  }
  if (read_marker(text)) return false;
  return std::any_of(kTitleWords.begin(), kTitleWords.end(),
                     [&](std::string_view w) { return text.find(w) != std::string_view::npos; });
}

/// The line index of the title, if the draft has one among its first lines.
std::optional<std::size_t> find_title(const SourceText& text, const std::vector<Line>& lines) {
  int seen = 0;
  for (std::size_t i = 0; i < lines.size() && seen < 6; ++i) {
    const Line& line = lines[i];
    if (line.kind == LineKind::Blank || line.kind == LineKind::Html || line.kind == LineKind::Rule) continue;
    const auto content = text.slice(line.content);
    if (line.kind == LineKind::Heading) {
      if (read_marker(content)) return std::nullopt;
      if (line.heading_level == 1 || looks_like_title(content)) return i;
      return std::nullopt;
    }
    if (line.kind != LineKind::Paragraph) continue;
    if (read_marker(content)) return std::nullopt;
    if (looks_like_title(content)) return i;
    ++seen;
  }
  return std::nullopt;
}

/// text.line_index(offset), where the line is most likely `hint` (the item markers of a line's
/// paragraph or heading lie in that line): the binary search over all line starts is made only
/// when `offset` does not lie between the start of line `hint` and the start of the next.
std::size_t line_index_near(const SourceText& text, std::size_t offset, std::size_t hint) {
  if (hint < text.line_count() && text.line_range(hint).begin <= offset &&
      (hint + 1 == text.line_count() || offset < text.line_range(hint + 1).begin)) {
    return hint;
  }
  return text.line_index(offset);
}

/// Nesting order: Markdown heading level first (numbered paragraphs sit below
/// every heading), then the numbering level of numbered paragraphs. A node closes every open node
/// whose key is not smaller than its own.
std::pair<int, int> section_key(int heading_level, int numbering_level) {
  // Markdown headings of one level are siblings whatever numbers they carry.
  if (heading_level > 0) return {heading_level, 0};
  return {7, numbering_level};
}

std::pair<int, int> stack_key(const Node& node) {
  if (node.kind == NodeKind::Document) return {0, 0};
  return section_key(node.heading_level, node.numbering ? node.numbering->marker.level : 0);
}

class TreeBuilder {
 public:
  TreeBuilder(const SourceText& text, const std::vector<Line>& lines) : text_(text), lines_(lines) {}

  Node build() {
    root_.kind = NodeKind::Document;
    root_.range = {0, text_.bytes().size()};
    const auto title = find_title(text_, lines_);
    stack_.push_back(&root_);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      if (title && i == *title) {
        add_title(i);
      } else if (line.kind == LineKind::Heading) {
        open_section(i, read_marker(text_.slice(line.content)));
      } else if (line.kind == LineKind::Paragraph) {
        // The marker is read once here and handed on: open_section used to read it again.
        if (auto marker = read_marker(text_.slice(line.content))) {
          open_section(i, marker);
        } else {
          add_paragraph(i);
        }
      }
    }
    finish(root_);
    return std::move(root_);
  }

 private:
  void add_title(std::size_t i) {
    Node title;
    title.kind = NodeKind::Title;
    title.line = i;
    title.range = lines_[i].range;
    title.heading = lines_[i].content;
    root_.children.push_back(std::move(title));
  }

  Node& top() { return *stack_.back(); }

  void add_paragraph(std::size_t i) {
    if (stack_.size() == 1) {
      // Text before the first section is the preamble (导语).
      // Lines above the title (watermarks, notes) and below it form one preamble.
      auto found = std::find_if(root_.children.begin(), root_.children.end(),
                                [](const Node& n) { return n.kind == NodeKind::Preamble; });
      if (found == root_.children.end()) {
        Node preamble;
        preamble.kind = NodeKind::Preamble;
        preamble.line = i;
        preamble.range = lines_[i].range;
        root_.children.push_back(std::move(preamble));
        found = std::prev(root_.children.end());
      }
      Node& preamble = *found;
      preamble.paragraphs.push_back(i);
      find_item_markers(text_.slice(lines_[i].content), std::string_view::npos, markers_);
      add_items(preamble, lines_[i].content, markers_, i);
      return;
    }
    Node& owner = top();
    owner.paragraphs.push_back(i);
    // One scan of the paragraph: its markers both say whether it has items and make them.
    find_item_markers(text_.slice(lines_[i].content), std::string_view::npos, markers_);
    // A paragraph with no item of its own continues the item before it (比如… on the next line).
    if (markers_.empty() && !owner.children.empty() && owner.children.back().kind == NodeKind::Item) {
      owner.children.back().range.end = lines_[i].range.end;
      return;
    }
    add_items(owner, lines_[i].content, markers_, i);
  }

  /// Opens the section of line `i`; `marker` is read_marker of its content.
  void open_section(std::size_t i, const std::optional<Marker>& marker) {
    const Line& line = lines_[i];
    const auto s = text_.bytes();
    // The node is made where it stays, at the end of its parent's children, instead of aside and
    // then moved there: where that is (its key) is known from the line alone.
    const int heading_level = line.kind == LineKind::Heading ? line.heading_level : 0;
    const auto key = section_key(heading_level, marker ? marker->level : 0);
    while (stack_.size() > 1 && stack_key(top()) >= key) stack_.pop_back();
    Node& node = top().children.emplace_back();
    stack_.push_back(&node);
    node.line = i;
    node.range = line.range;
    node.heading_level = heading_level;
    std::size_t rest = line.content.begin;
    if (marker) {
      node.kind = NodeKind::Numbered;
      node.numbering = Numbering{*marker, {line.content.begin, line.content.begin + marker->length}};
      rest += marker->length;
    } else {
      node.kind = NodeKind::Heading;
    }
    split_heading(s, rest, line.content.end, false, node);
    // "（一）在学习方面，一是……": an item inside the first sentence ends the heading there. Only
    // the heading is scanned for it (the body is scanned once, by add_items).
    find_item_markers(s.substr(node.heading.begin, line.content.end - node.heading.begin), node.heading.size(),
                      markers_);
    if (!markers_.empty()) {
      const std::size_t item = node.heading.begin + markers_.front().offset;
      node.heading.end = trim_heading_end(s, node.heading.begin, item);
      node.body = {item, line.content.end};
    }
    find_item_markers(text_.slice(node.body), std::string_view::npos, markers_);
    add_items(node, node.body, markers_, i);
  }

  /// Adds the items of `markers` (find_item_markers of `range`, which lies in line `line`) to `parent`.
  void add_items(Node& parent, ByteRange range, const std::vector<ItemMarker>& markers, std::size_t line) {
    const auto s = text_.bytes();
    for (std::size_t k = 0; k < markers.size(); ++k) {
      const std::size_t begin = range.begin + markers[k].offset;
      const std::size_t end = k + 1 < markers.size() ? range.begin + markers[k + 1].offset : range.end;
      Node& item = parent.children.emplace_back();  // made in place, as a section is
      item.kind = NodeKind::Item;
      item.item = markers[k];
      item.item->offset = begin;
      item.line = line_index_near(text_, begin, line);
      item.range = {begin, end};
      std::size_t after = begin + markers[k].length;
      // 第一， / 首先， carry a comma after the marker.
      if (markers[k].scheme != ItemScheme::Shi) {
        for (std::string_view mark : {"，", "、", "：", ",", ":"}) {
          if (s.substr(after).starts_with(mark)) {
            after += mark.size();
            break;
          }
        }
      }
      split_heading(s, after, end, true, item);
    }
  }

  /// Drops 首先 or 第一 standing alone (ordinary prose), and fixes ranges.
  /// A lone 第三 is kept: it belongs to some list, and the checks say which.
  void finish(Node& node) {
    // One pass counts the items of both schemes; the children are gone through again only to drop
    // a lone one (most nodes have none, and there is nothing to drop when there are none).
    std::size_t di = 0;
    std::size_t sequence = 0;
    for (const Node& c : node.children) {
      if (c.kind != NodeKind::Item) continue;
      di += c.item->scheme == ItemScheme::Di ? 1 : 0;
      sequence += c.item->scheme == ItemScheme::Sequence ? 1 : 0;
    }
    if (di == 1) {
      std::erase_if(node.children, [](const Node& c) {
        return c.kind == NodeKind::Item && c.item->scheme == ItemScheme::Di && c.item->ordinal <= 1;
      });
    }
    if (sequence == 1) {
      std::erase_if(node.children,
                    [](const Node& c) { return c.kind == NodeKind::Item && c.item->scheme == ItemScheme::Sequence; });
    }
    for (std::size_t p : node.paragraphs) node.range.end = std::max<std::size_t>(node.range.end, lines_[p].range.end);
    // push_back left up to twice the room needed: a 20 MB draft's tree held 56 MB, not 43.
    node.paragraphs.shrink_to_fit();
    node.children.shrink_to_fit();
    for (Node& child : node.children) {
      finish(child);
      node.range.end = std::max(node.range.end, child.range.end);
    }
  }

  const SourceText& text_;
  const std::vector<Line>& lines_;
  Node root_;
  std::vector<Node*> stack_;
  std::vector<ItemMarker> markers_;  ///< find_item_markers' result for the line at hand, reused
};

}  // namespace

Node build_tree(const SourceText& text, const std::vector<Line>& lines) {
  return TreeBuilder(text, lines).build();
}

Document parse_document(SourceText text, InputFormat format, MarkdownParseCache* cache) {
  Document doc{std::move(text), format, {}, {}};
  doc.lines = read_lines(doc.text, format, cache);
  doc.root = build_tree(doc.text, doc.lines);
  return doc;
}

}  // namespace checklint
