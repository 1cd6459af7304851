// Line classification: plain text gives every line a paragraph; Markdown asks
// the tree-sitter block grammar which lines are headings, code, HTML, tables
// and which bytes are container prefixes (> , - ). The inline grammar is never run.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <tree_sitter/api.h>

#include "linter/document/document.h"

extern "C" const TSLanguage* tree_sitter_markdown(void);

namespace checklint {
namespace {

/// Skips ASCII blanks, U+3000 and U+00A0 from `offset` up to `end`.
std::size_t skip_blanks(std::string_view s, std::size_t offset, std::size_t end) {
  while (offset < end) {
    if (s[offset] == ' ' || s[offset] == '\t') {
      ++offset;
    } else if (s.substr(offset).starts_with("\u3000")) {
      offset += 3;
    } else if (s.substr(offset).starts_with("\u00A0")) {
      offset += 2;
    } else {
      break;
    }
  }
  return offset;
}

/// Trims the same blanks from the end of [begin, end).
std::size_t trim_end(std::string_view s, std::size_t begin, std::size_t end) {
  while (end > begin) {
    if (s[end - 1] == ' ' || s[end - 1] == '\t') {
      --end;
    } else if (end - begin >= 3 && s.substr(end - 3, 3) == "\u3000") {
      end -= 3;
    } else if (end - begin >= 2 && s.substr(end - 2, 2) == "\u00A0") {
      end -= 2;
    } else {
      break;
    }
  }
  return end;
}

std::vector<Line> plain_lines(const SourceText& text) {
  std::vector<Line> lines;
  lines.reserve(text.line_count());
  const auto s = text.bytes();
  for (std::size_t i = 0; i < text.line_count(); ++i) {
    Line line;
    line.range = text.line_range(i);
    const std::size_t begin = skip_blanks(s, line.range.begin, line.range.end);
    line.content = {begin, std::max(begin, trim_end(s, begin, line.range.end))};
    line.kind = line.content.empty() ? LineKind::Blank : LineKind::Paragraph;
    lines.push_back(line);
  }
  return lines;
}

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

/// What the classifier makes of a node, by its type's name.
enum class BlockType : std::uint8_t {
  Other,
  FencedCode,         ///< fenced_code_block
  Html,               ///< html_block
  IndentedCode,       ///< indented_code_block
  AtxHeading,         ///< atx_heading
  SetextHeading,      ///< setext_heading
  Rule,               ///< thematic_break, link_reference_definition
  TableRow,           ///< pipe_table_header, pipe_table_row, pipe_table_delimiter_row
  Marker,             ///< block quote, list and task list markers: a line's container prefix
  BlockContinuation,  ///< block_continuation: a container prefix too
  Paragraph,          ///< paragraph
  Inline,             ///< inline
  SetextH1Underline,  ///< setext_h1_underline
  SetextH2Underline,  ///< setext_h2_underline
};

/// Each of the grammar's symbols (as ts_node_symbol gives them) and what the classifier makes
/// of it: comparing a symbol's entry costs a load, where comparing ts_node_type's name with
/// each type the classifier knows cost a dozen string comparisons a node. Built from the
/// names, so that it is what comparing the names was.
struct SymbolInfo {
  BlockType type = BlockType::Other;
  bool atx_marker = false;  ///< atx_h<N>_marker
  int atx_level = 0;        ///< N, for an atx_marker
};

const std::vector<SymbolInfo>& symbol_infos() {
  static const std::vector<SymbolInfo> infos = [] {
    const TSLanguage* language = tree_sitter_markdown();
    std::vector<SymbolInfo> table(ts_language_symbol_count(language));
    for (std::size_t symbol = 0; symbol < table.size(); ++symbol) {
      const char* name_or_null = ts_language_symbol_name(language, static_cast<TSSymbol>(symbol));
      const std::string_view name = name_or_null != nullptr ? name_or_null : "";
      SymbolInfo& info = table[symbol];
      if (name == "fenced_code_block") info.type = BlockType::FencedCode;
      if (name == "html_block") info.type = BlockType::Html;
      if (name == "indented_code_block") info.type = BlockType::IndentedCode;
      if (name == "atx_heading") info.type = BlockType::AtxHeading;
      if (name == "setext_heading") info.type = BlockType::SetextHeading;
      if (name == "thematic_break" || name == "link_reference_definition") info.type = BlockType::Rule;
      if (name == "pipe_table_header" || name == "pipe_table_row" || name == "pipe_table_delimiter_row") {
        info.type = BlockType::TableRow;
      }
      if (name == "block_quote_marker" || name == "list_marker_minus" || name == "list_marker_plus" ||
          name == "list_marker_star" || name == "task_list_marker_checked" || name == "task_list_marker_unchecked") {
        info.type = BlockType::Marker;
      }
      if (name == "block_continuation") info.type = BlockType::BlockContinuation;
      if (name == "paragraph") info.type = BlockType::Paragraph;
      if (name == "inline") info.type = BlockType::Inline;
      if (name == "setext_h1_underline") info.type = BlockType::SetextH1Underline;
      if (name == "setext_h2_underline") info.type = BlockType::SetextH2Underline;
      if (name.starts_with("atx_h") && name.ends_with("_marker")) {
        info.atx_marker = true;
        info.atx_level = name[5] - '0';
      }
    }
    return table;
  }();
  return infos;
}

/// The node's entry in symbol_infos (ERROR and any symbol beyond the table are Other).
const SymbolInfo& symbol_info(TSNode node) {
  static const SymbolInfo other;
  const auto& infos = symbol_infos();
  const TSSymbol symbol = ts_node_symbol(node);
  return symbol < infos.size() ? infos[symbol] : other;
}

BlockType block_type(TSNode node) { return symbol_info(node).type; }

/// A cursor kept for stepping through the children of one node at a time: ts_node_child(node, i)
/// walks the node's children from the first one again (and down through hidden nodes) at each
/// call, a cursor takes one step a child. Reset to each node; its stack is allocated once.
class ChildCursor {
 public:
  explicit ChildCursor(TSNode any) : cursor_(ts_tree_cursor_new(any)) {}
  ChildCursor(const ChildCursor&) = delete;
  ChildCursor& operator=(const ChildCursor&) = delete;
  ChildCursor(ChildCursor&&) = delete;
  ChildCursor& operator=(ChildCursor&&) = delete;
  ~ChildCursor() { ts_tree_cursor_delete(&cursor_); }

  /// Calls `f(child)` for each visible child of `node` in order, as ts_node_child(node, i) for
  /// i from 0 gives them.
  template <typename F>
  void for_each(TSNode node, F&& f) {
    ts_tree_cursor_reset(&cursor_, node);
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    do {
      f(ts_tree_cursor_current_node(&cursor_));
    } while (ts_tree_cursor_goto_next_sibling(&cursor_));
  }

  /// Calls `f(child)` for each named child of `node` in order, and stops at the last one: the
  /// step past it would walk the tokens and hidden nodes after it for nothing.
  template <typename F>
  void for_each_named(TSNode node, F&& f) {
    uint32_t left = ts_node_named_child_count(node);
    if (left == 0) return;
    ts_tree_cursor_reset(&cursor_, node);
    if (!ts_tree_cursor_goto_first_child(&cursor_)) return;
    for (;;) {
      const TSNode child = ts_tree_cursor_current_node(&cursor_);
      if (ts_node_is_named(child)) {
        f(child);
        if (--left == 0) return;
      }
      if (!ts_tree_cursor_goto_next_sibling(&cursor_)) return;
    }
  }

  /// The first visible child of `node`, as ts_node_child(node, 0); the null node if none.
  /// (Only the first: the step past the last child walks down the hidden nodes after it.)
  TSNode first(TSNode node) {
    ts_tree_cursor_reset(&cursor_, node);
    return ts_tree_cursor_goto_first_child(&cursor_) ? ts_tree_cursor_current_node(&cursor_) : TSNode{};
  }

 private:
  TSTreeCursor cursor_;
};

/// Whether the node's children on its last row are only block_continuation: inside a block
/// quote or list item a block ends after the next line's container prefix (> , indentation).
/// The children are read in order: those after the last one that ends before `row` decide.
bool ends_in_continuation(TSNode node, uint32_t row, ChildCursor& children) {
  bool any = false;
  bool only_continuations = true;
  children.for_each(node, [&](TSNode child) {
    if (ts_node_end_point(child).row < row) {
      any = false;
      only_continuations = true;
      return;
    }
    if (block_type(child) != BlockType::BlockContinuation) only_continuations = false;
    any = true;
  });
  return any && only_continuations;
}

/// Rows a node covers; a node ending at column 0, or with the next line's container prefix,
/// does not own its last row.
std::pair<uint32_t, uint32_t> node_rows(TSNode node, ChildCursor& children) {
  const TSPoint start = ts_node_start_point(node);
  const TSPoint end = ts_node_end_point(node);
  uint32_t last = end.row;
  if (end.row > start.row && (end.column == 0 || ends_in_continuation(node, end.row, children))) --last;
  return {start.row, last};
}

bool starts_with_cjk(std::string_view s) {
  std::size_t len = 0;
  if (s.empty()) return false;
  const char32_t cp = decode_utf8(s, 0, len);
  return (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000);
}

/// How a line looks to grammar_input's choice of the lines the grammar need not read.
enum class LineShape : std::uint8_t {
  Other,
  Blank,    ///< nothing but spaces and tabs (blank_line): Markdown's blank line
  Plain,    ///< see plain_line
  Heading,  ///< see simple_heading_level
  Item,     ///< see simple_item_marker and LineShapes
};

/// The bytes a plain line does not hold: < > | [ ] ' " ( ) ` ~ and the control characters.
constexpr std::array<bool, 256> kNotInPlainLine = [] {
  std::array<bool, 256> table{};
  for (std::size_t c = 0; c < 0x20; ++c) table.at(c) = c != '\t';
  table[0x7F] = true;
  for (const char c : std::string_view("<>|[]'\"()`~")) table.at(static_cast<unsigned char>(c)) = true;
  return table;
}();

/// Whether `line` (no terminator) opens at column 0 with a letter, a non-ASCII character or
/// digits not followed by "." or ")", and holds none of kNotInPlainLine. Such a line opens no
/// block wherever it stands (no container or list marker, fence, HTML start, heading, setext
/// underline, thematic break, table delimiter row or link definition: all of them open with
/// other bytes), ends none (no closing fence; HTML blocks end at a blank line or at a line
/// holding ">", link titles at a quote or ")"), and is no container's continuation (which
/// needs "> " or indentation). So it is read the same in every context: as the next line of
/// a paragraph (lazily too), of a code or HTML block, or as a table's row.
bool plain_line(std::string_view line) {
  if (line.empty()) return false;
  const auto first = static_cast<unsigned char>(line[0]);
  if (first >= '0' && first <= '9') {
    const std::size_t after = line.find_first_not_of("0123456789");
    if (after != std::string_view::npos && (line[after] == '.' || line[after] == ')')) return false;
  } else if (first < 0x80U && std::isalpha(first) == 0) {
    return false;
  }
  return std::none_of(line.begin(), line.end(), [](char c) { return kNotInPlainLine.at(static_cast<unsigned char>(c)); });
}

/// The level of a line that is an ATX heading wherever it stands outside code and HTML blocks,
/// and whose text the grammar's heading node would give as it is: 1–6 "#" at column 0, one
/// space, then a plain line (plain_line) without "#" (no closing sequence). 0 for any other line.
int simple_heading_level(std::string_view line) {
  std::size_t hashes = 0;
  while (hashes < line.size() && line[hashes] == '#') ++hashes;
  if (hashes == 0 || hashes > 6 || hashes >= line.size() || line[hashes] != ' ') return 0;
  const std::string_view rest = line.substr(hashes + 1);
  if (!plain_line(rest) || rest.find('#') != std::string_view::npos) return 0;
  return static_cast<int>(hashes);
}

/// The length of the list marker of a line that, after a blank line or after such an item line
/// with the same bullet or delimiter, and outside code and HTML blocks, opens a list item at
/// column 0 whose text starts after one space: "-", "+", "*" or 1–3 digits and "." or ")", one
/// space, then a plain line (plain_line). 0 for any other line.
std::size_t simple_item_marker(std::string_view line) {
  std::size_t marker = 0;
  if (!line.empty() && (line[0] == '-' || line[0] == '+' || line[0] == '*')) {
    marker = 1;
  } else {
    while (marker < line.size() && marker < 4 && line[marker] >= '0' && line[marker] <= '9') ++marker;
    if (marker == 0 || marker > 3 || marker >= line.size() || (line[marker] != '.' && line[marker] != ')')) return 0;
    ++marker;
  }
  if (marker >= line.size() || line[marker] != ' ' || !plain_line(line.substr(marker + 1))) return 0;
  return marker;
}

/// The grammar's scanner saves its open blocks (one per block quote, list item or code
/// block) in tree-sitter's 1 KiB state buffer, which holds at most 254 of them; more
/// overflow it and abort the runtime. Each open block takes at least one column of a line's
/// leading container prefix, so a prefix cut to kMaxPrefixColumns keeps any input safe.
constexpr std::size_t kMaxPrefixColumns = 100;

/// Whether `line` is blank (nothing but spaces and tabs) and cut_deep_prefix leaves it so: one
/// of more than kMaxPrefixColumns columns becomes a line of text ("x"), an indented code line.
bool blank_line(std::string_view line) {
  std::size_t columns = 0;  // as cut_deep_prefix counts them
  for (const char c : line) {
    if (c != ' ' && c != '\t') return false;
    columns += c == '\t' ? 4 : 1;
  }
  return columns <= kMaxPrefixColumns;
}

/// The shapes of lines in order, each from the line and the shape of the one before it.
class LineShapes {
 public:
  LineShape next(std::string_view line) {
    LineShape shape = LineShape::Other;
    char bullet = 0;  // an item line's bullet or delimiter
    if (blank_line(line)) {
      shape = LineShape::Blank;
    } else if (plain_line(line)) {
      shape = LineShape::Plain;
    } else if (simple_heading_level(line) != 0) {
      shape = LineShape::Heading;
    } else if (const std::size_t marker = simple_item_marker(line); marker != 0) {
      // A list item after a blank line, or the next item of the list an item line just opened
      // (the same bullet or delimiter): at column 0 either is an item wherever it stands outside
      // code and HTML blocks. Any other such line may continue a paragraph.
      bullet = line[marker - 1];
      if (previous_ == LineShape::Blank || (previous_ == LineShape::Item && previous_bullet_ == bullet)) {
        shape = LineShape::Item;
      }
    }
    previous_ = shape;
    previous_bullet_ = shape == LineShape::Item ? bullet : 0;
    return shape;
  }

 private:
  LineShape previous_ = LineShape::Other;  // the first line follows nothing known
  char previous_bullet_ = 0;
};

/// What the grammar reads for a stretch of the text, and where its bytes lie in the text.
struct GrammarInput {
  /// From byte `at` of `bytes` on (up to the next gap), `skipped` bytes of the text were left out.
  struct Gap {
    uint32_t at = 0;
    uint32_t skipped = 0;  // all left out before `at`, this gap's included
  };
  /// From row `at` of `bytes` on (up to the next one), `skipped` whole lines of the text were left out.
  struct RowGap {
    uint32_t at = 0;
    uint32_t skipped = 0;  // all left out before row `at`, this gap's included
  };
  /// Lines of the text left out, [begin, end) as the text's rows.
  struct Dropped {
    std::size_t begin = 0;
    std::size_t end = 0;
  };
  std::string bytes;
  std::vector<Gap> gaps;         // by `at`
  std::vector<RowGap> row_gaps;  // by `at`
  std::vector<Dropped> dropped;  // in order

  /// The offset in the stretch of the text of byte `at` of `bytes`.
  [[nodiscard]] std::size_t text_offset(uint32_t at) const {
    const auto after = std::upper_bound(gaps.begin(), gaps.end(), at, [](uint32_t v, const Gap& g) { return v < g.at; });
    return after == gaps.begin() ? at : std::size_t{at} + std::prev(after)->skipped;
  }
  /// The row in the stretch of the text of row `row` of `bytes`.
  [[nodiscard]] std::size_t text_row(uint32_t row) const {
    const auto after =
        std::upper_bound(row_gaps.begin(), row_gaps.end(), row, [](uint32_t v, const RowGap& g) { return v < g.at; });
    return after == row_gaps.begin() ? row : std::size_t{row} + std::prev(after)->skipped;
  }
};

/// Where the tree handed to a MarkdownClassifier lies in the text: the grammar parsed the
/// text from byte `byte` (row `row`) on as its own string (`input`, whose bytes and rows map
/// to the text's through its gaps: runs cut short, lines left out), so its offsets and rows
/// are relative.
/// Rows from `end_row` on, and nodes starting at or after byte `cut` of the piece, are left to
/// the next piece.
struct Piece {
  std::size_t byte = 0;
  std::size_t row = 0;
  std::size_t end_row = 0;
  uint32_t cut = UINT32_MAX;
  const GrammarInput* input = nullptr;  // what the grammar parsed: its offsets and rows map through it
};

class MarkdownClassifier {
 public:
  MarkdownClassifier(const SourceText& text, std::vector<Line>& lines, Piece piece, TSNode root)
      : text_(text),
        lines_(lines),
        piece_(piece),
        root_(root),
        children_(root),
        inner_(root),
        prefix_end_(piece.end_row - piece.row, 0),
        heading_row_(piece.end_row - piece.row, false) {}

  void run() {
    TSTreeCursor cursor = ts_tree_cursor_new(root_);
    // The named children left to visit of each node the cursor is below (by depth): past the
    // last one, only tokens follow, which visit passes by (nothing_below), and the step to the
    // next sibling, which would walk them and the hidden nodes after them, is left out.
    std::vector<uint32_t> named_left;
    bool descend = true;
    for (;;) {
      // A node from the cut on, and so each of its later siblings, belongs to the next piece.
      bool beyond = false;
      if (descend) {
        const TSNode node = ts_tree_cursor_current_node(&cursor);
        if (!named_left.empty() && ts_node_is_named(node)) --named_left.back();
        beyond = piece_.cut != UINT32_MAX && ts_node_start_byte(node) >= piece_.cut;
        if (!beyond) {
          descend = visit(node);
          if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
            named_left.push_back(ts_node_named_child_count(node));
            continue;
          }
        }
      }
      const bool more = named_left.empty() || named_left.back() != 0;
      if (!beyond && more && ts_tree_cursor_goto_next_sibling(&cursor)) {
        descend = true;
        continue;
      }
      if (!ts_tree_cursor_goto_parent(&cursor)) break;
      named_left.pop_back();
      descend = false;
    }
    ts_tree_cursor_delete(&cursor);
    fill_dropped_table_rows();
    fill_dropped_simple_rows();
    apply_prefixes();
  }

 private:
  /// The text's row for a row of the tree (rows left out of the grammar's input counted);
  /// end_row when it lies beyond this piece's rows.
  [[nodiscard]] std::size_t text_row(uint32_t tree_row) const {
    return std::min(unclamped_row(tree_row), piece_.end_row);
  }
  [[nodiscard]] std::size_t unclamped_row(uint32_t tree_row) const {
    return piece_.row + piece_.input->text_row(tree_row);
  }
  [[nodiscard]] std::size_t text_byte(uint32_t tree_byte) const {
    return piece_.byte + piece_.input->text_offset(tree_byte);
  }

  void mark(TSNode node, LineKind kind) {
    auto [first, last] = node_rows(node, inner_);
    // Rows left out of the grammar's input between them are the node's too.
    for (std::size_t row = text_row(first); row <= unclamped_row(last) && row < piece_.end_row; ++row) {
      if (lines_[row].kind != LineKind::Blank || kind == LineKind::Code) lines_[row].kind = kind;
    }
  }

  /// The container prefixes a block that is not descended into holds for its rows (and the next one).
  void continuation_prefixes(TSNode node) {
    children_.for_each_named(node, [this](TSNode child) {
      if (block_type(child) == BlockType::BlockContinuation) prefix(child);
    });
  }

  /// A container prefix (marker or block_continuation) reaches the node's end on its row.
  void prefix(TSNode node) {
    const auto row = text_row(ts_node_start_point(node).row);
    if (row < piece_.end_row) {
      std::size_t& end = prefix_end_[row - piece_.row];
      end = std::max(end, text_byte(ts_node_end_byte(node)));
    }
  }

  /// Returns whether to descend into the node's children.
  bool visit(TSNode node) {
    const BlockType type = block_type(node);
    if (type == BlockType::FencedCode || type == BlockType::Html) {
      mark(node, type == BlockType::Html ? LineKind::Html : LineKind::Code);
      continuation_prefixes(node);
      return false;
    }
    if (type == BlockType::IndentedCode) {
      // Chinese prose indented by four spaces is still prose, not code.
      const auto row = text_row(ts_node_start_point(node).row);
      if (row < piece_.end_row) {
        const auto& line = lines_[row];
        const auto s = text_.bytes();
        const std::size_t begin = skip_blanks(s, line.range.begin, line.range.end);
        if (!starts_with_cjk(s.substr(begin, line.range.end - begin))) mark(node, LineKind::Code);
      }
      continuation_prefixes(node);
      return false;
    }
    if (type == BlockType::AtxHeading || type == BlockType::SetextHeading) {
      return heading(node, type == BlockType::SetextHeading);
    }
    if (type == BlockType::Rule) {
      mark(node, LineKind::Rule);
      continuation_prefixes(node);
      return false;
    }
    if (type == BlockType::TableRow) {
      mark(node, LineKind::Table);
      continuation_prefixes(node);
      return false;
    }
    if (type == BlockType::Marker || type == BlockType::BlockContinuation) {
      prefix(node);
      return false;
    }
    return !nothing_below(node, type);
  }

  /// Whether visiting the node's descendants would do nothing, so that the walk need not step
  /// through them: each node visit acts on is named (markers, block_continuation, blocks), and
  /// the grammar's anonymous nodes are punctuation tokens without children. So there is nothing
  /// below a node without named children (an inline node's children are such tokens: "%", "*"),
  /// nor below a paragraph whose one named child is an inline node without named children (no
  /// container prefix inside). The counts are stored, where the cursor would step through
  /// every token and hidden node to find that out.
  bool nothing_below(TSNode node, BlockType type) {
    const uint32_t named = ts_node_named_child_count(node);
    if (named == 0) return true;
    if (named == 1 && type == BlockType::Paragraph) {
      const TSNode first = inner_.first(node);
      return block_type(first) == BlockType::Inline && ts_node_named_child_count(first) == 0;
    }
    return false;
  }

  /// Returns whether to descend into the heading's children (whether visit would act on any).
  bool heading(TSNode node, bool setext) {
    int level = 1;
    TSNode content{};
    bool has_content = false;
    bool descend = false;
    // All the types looked for are named.
    children_.for_each_named(node, [&](TSNode child) {
      const SymbolInfo& info = symbol_info(child);
      // What visit passes by: its markers, its text (inline, or a setext heading's paragraph),
      // a setext underline, when nothing is below them.
      const bool passed = info.type == BlockType::Other || info.type == BlockType::Inline ||
                          info.type == BlockType::Paragraph || info.type == BlockType::SetextH1Underline ||
                          info.type == BlockType::SetextH2Underline;
      if (!passed || !nothing_below(child, info.type)) descend = true;
      if (info.atx_marker) level = info.atx_level;
      if (info.type == BlockType::SetextH2Underline) level = 2;
      if (info.type == BlockType::SetextH1Underline || info.type == BlockType::SetextH2Underline) {
        mark(child, LineKind::Rule);
      }
      if (info.type == BlockType::Inline || info.type == BlockType::Paragraph) {
        content = child;
        has_content = true;
      }
    });
    const auto row = text_row(ts_node_start_point(node).row);
    if (row >= piece_.end_row) return descend;
    Line& line = lines_[row];
    line.kind = LineKind::Heading;
    line.heading_level = level;
    if (has_content) {
      const auto s = text_.bytes();
      const std::size_t begin = skip_blanks(s, text_byte(ts_node_start_byte(content)), line.range.end);
      const std::size_t end = std::min<std::size_t>(text_byte(ts_node_end_byte(content)), line.range.end);
      line.content = {begin, std::max(begin, trim_end(s, begin, end))};
    } else {
      line.content = {line.range.end, line.range.end};
    }
    heading_row_[row - piece_.row] = true;
    if (setext) {
      // Text lines of a multi-line setext heading beyond the first stay headings too.
      auto [first, last] = node_rows(node, inner_);
      for (std::size_t r = text_row(first) + 1; r <= unclamped_row(last) && r < piece_.end_row; ++r) {
        if (lines_[r].kind == LineKind::Paragraph) {
          lines_[r].kind = LineKind::Heading;
          lines_[r].heading_level = level;
        }
      }
    }
    return descend;
  }

  /// A table's rows need no pipe: plain lines left out between two of its rows were rows too
  /// (no other block marks its lines one node a line; left-out lines inside a code or HTML
  /// block, or a setext heading, are marked with the node that spans them).
  void fill_dropped_table_rows() {
    for (const auto& d : piece_.input->dropped) {
      if (d.begin <= piece_.row || d.end >= piece_.end_row) continue;
      if (lines_[d.begin - 1].kind != LineKind::Table || lines_[d.end].kind != LineKind::Table) continue;
      for (std::size_t row = d.begin; row < d.end; ++row) {
        if (lines_[row].kind != LineKind::Blank) lines_[row].kind = LineKind::Table;
      }
    }
  }

  /// The headings and list items among the lines left out of the grammar's input (see
  /// lines_to_leave_out): where they are not in a code or HTML block (whose nodes took in the
  /// rows between their read lines), they are what their shapes say, as the grammar reads
  /// them: a heading's text is the rest of its line, a bulleted item's starts after its bullet.
  void fill_dropped_simple_rows() {
    const auto s = text_.bytes();
    for (const auto& d : piece_.input->dropped) {
      for (std::size_t row = std::max(d.begin, piece_.row); row < std::min(d.end, piece_.end_row); ++row) {
        Line& line = lines_[row];
        if (line.kind != LineKind::Paragraph) continue;
        const std::string_view text = s.substr(line.range.begin, line.range.size());
        if (const int level = simple_heading_level(text); level != 0) {
          const std::size_t begin = skip_blanks(s, line.range.begin + static_cast<std::size_t>(level), line.range.end);
          line.kind = LineKind::Heading;
          line.heading_level = static_cast<std::uint8_t>(level);
          line.content = {begin, std::max(begin, trim_end(s, begin, line.range.end))};
          heading_row_[row - piece_.row] = true;
          continue;
        }
        // A line left out that looks like an item is one (LineShapes: lines of other shapes do
        // not look like items, and lines that look like one but may not be one are read). Only
        // a bullet is a container prefix (symbol_infos): an ordered item's "1." stays in its
        // text, for the section tree.
        if (simple_item_marker(text) == 1) prefix_end_[row - piece_.row] = line.range.begin + 1;
      }
    }
  }

  void apply_prefixes() {
    const auto s = text_.bytes();
    for (std::size_t row = piece_.row; row < piece_.end_row; ++row) {
      Line& line = lines_[row];
      if (heading_row_[row - piece_.row]) continue;
      std::size_t begin = std::clamp<std::size_t>(prefix_end_[row - piece_.row], line.range.begin, line.range.end);
      begin = skip_blanks(s, begin, line.range.end);
      line.content = {begin, std::max(begin, trim_end(s, begin, line.range.end))};
      if (line.content.empty() && line.kind == LineKind::Paragraph) line.kind = LineKind::Blank;
    }
  }

  const SourceText& text_;
  std::vector<Line>& lines_;
  Piece piece_;
  TSNode root_;
  // Two cursors: heading, continuation_prefixes and visit step through a node's children with
  // the first; what is called within those steps (node_rows, nothing_below) uses the second.
  ChildCursor children_;
  ChildCursor inner_;
  std::vector<std::size_t> prefix_end_;  // by row - piece_.row
  std::vector<bool> heading_row_;        // by row - piece_.row
};

bool is_prefix_byte(char c) {
  return c == ' ' || c == '\t' || c == '>' || c == '-' || c == '*' || c == '+' || c == '.' || c == ')' ||
         (c >= '0' && c <= '9');
}

/// Replaces what lies beyond kMaxPrefixColumns in a line's container prefix with letters of
/// the same length, so that offsets hold and the line reads as text from there on.
void cut_deep_prefix(std::string& source, ByteRange line) {
  std::size_t columns = 0;
  for (std::size_t i = line.begin; i < line.end && is_prefix_byte(source[i]); ++i) {
    columns += source[i] == '\t' ? 4 : 1;
    if (columns > kMaxPrefixColumns) source[i] = 'x';
  }
}

/// Where two texts differ: the common prefix and suffix left out, as tree-sitter's edit.
TSInputEdit edit_between(std::string_view old_text, std::string_view new_text) {
  const std::size_t shorter = std::min(old_text.size(), new_text.size());
  std::size_t prefix = 0;
  while (prefix < shorter && old_text[prefix] == new_text[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < shorter - prefix && old_text[old_text.size() - 1 - suffix] == new_text[new_text.size() - 1 - suffix]) ++suffix;
  const auto point = [](std::string_view text, std::size_t offset) {
    const std::string_view before = text.substr(0, offset);
    const auto row = static_cast<uint32_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    return TSPoint{row, static_cast<uint32_t>(offset - line_start)};
  };
  TSInputEdit edit{};
  edit.start_byte = static_cast<uint32_t>(prefix);
  edit.old_end_byte = static_cast<uint32_t>(old_text.size() - suffix);
  edit.new_end_byte = static_cast<uint32_t>(new_text.size() - suffix);
  edit.start_point = point(new_text, prefix);
  edit.old_end_point = point(old_text, edit.old_end_byte);
  edit.new_end_point = point(new_text, edit.new_end_byte);
  return edit;
}

std::unique_ptr<TSParser, ParserDeleter> markdown_parser() {
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  ts_parser_set_language(parser.get(), tree_sitter_markdown());
  return parser;
}

/// The calling thread's parser, made at its first parse and kept: a parser made and deleted
/// for each draft cost the allocation of its buffers each time. tree-sitter resets a parser at
/// the end of each parse, so that any text may follow any other.
TSParser* thread_parser() {
  thread_local const std::unique_ptr<TSParser, ParserDeleter> parser = markdown_parser();
  return parser.get();
}

}  // namespace

struct MarkdownParseCache::State {
  std::mutex mutex;
  std::unique_ptr<TSParser, ParserDeleter> parser;
  std::string source;  // what the grammar parsed last
  std::unique_ptr<TSTree, TreeDeleter> tree;
  std::size_t reused = 0;
};

MarkdownParseCache::MarkdownParseCache() : state_(std::make_unique<State>()) {}
MarkdownParseCache::~MarkdownParseCache() = default;

std::size_t MarkdownParseCache::reused() const {
  const std::lock_guard lock(state_->mutex);
  return state_->reused;
}

namespace {

/// Drafts above this size are parsed in pieces (markdown_lines_in_pieces): the grammar's tree
/// costs about 13 bytes per byte of text, so a whole 20 MB draft would take 260 MB. Smaller
/// ones are parsed whole, through the language server's cache when it has one.
constexpr std::size_t kPiecesAbove = std::size_t{1} << 20U;
/// The size of a piece. Smaller pieces parse no slower (read_lines on bench's 20 MB big.md, three
/// runs on a shared machine: 1.0-1.2 s of CPU in 64 KiB pieces, 1.0-1.4 s in 1 MiB pieces,
/// 1.2-1.6 s whole) and take less memory; each cut costs a re-parse of the few lines after it.
constexpr std::size_t kPieceBytes = std::size_t{64} << 10U;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

/// Where the run of non-ASCII bytes in `line` from `at` on ends. Eight bytes at a time while
/// all of them are: the runs of a Chinese draft are long, and byte by byte this was the most
/// of append_cut_line's cost.
std::size_t non_ascii_run_end(std::string_view line, std::size_t at) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  while (at + sizeof(std::uint64_t) <= line.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, line.data() + at, sizeof word);
    if ((word & kHighBits) != kHighBits) break;
    at += sizeof word;
  }
  while (at < line.size() && static_cast<unsigned char>(line[at]) >= 0x80U) ++at;
  return at;
}

/// Appends `line` (no terminator) to `in`, each run of three or more non-ASCII characters cut to
/// its first and last ones. The block grammar tells no two non-ASCII characters apart (its
/// lexer's character classes are ASCII; its scanner reads line prefixes, fences, markers and
/// HTML starts, all ASCII) and counts none of them, so the cut text has the same blocks on
/// the same rows, with every ASCII byte kept: the parse costs instructions per character
/// (~30 % of them on Chinese drafts). The exceptions are kept whole: a line holding "<"
/// (the scanner asks iswalpha of a tag name's characters), "[" (a link label's length is
/// limited) or "|" (table cells).
void append_cut_line(GrammarInput& in, std::string_view line, uint32_t& skipped) {
  // One memchr a byte each, not find_first_of's search of the set at every byte.
  const auto holds = [line](char c) { return !line.empty() && std::memchr(line.data(), c, line.size()) != nullptr; };
  if (holds('<') || holds('[') || holds('|')) {
    in.bytes.append(line);
    return;
  }
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t run = i;
    while (run < line.size() && static_cast<unsigned char>(line[run]) < 0x80U) ++run;
    in.bytes.append(line.substr(i, run - i));
    if (run == line.size()) break;
    const std::size_t run_end = non_ascii_run_end(line, run);
    std::size_t first_end = run + 1;  // past the run's first character
    while (first_end < run_end && is_continuation_byte(line[first_end])) ++first_end;
    std::size_t last = run_end - 1;  // where its last character starts
    while (last > first_end && is_continuation_byte(line[last])) --last;
    if (last > first_end) {
      in.bytes.append(line.substr(run, first_end - run));
      skipped += static_cast<uint32_t>(last - first_end);
      in.gaps.push_back({static_cast<uint32_t>(in.bytes.size()), skipped});
      in.bytes.append(line.substr(last, run_end - last));
    } else {
      in.bytes.append(line.substr(run, run_end - run));
    }
    i = run_end;
  }
}

/// Whether the line at `offset`, past its leading blanks, opens with --- or +++: a piece of
/// its own starting there could be read as a front matter block, which the grammar only
/// looks for at the start of its input.
bool opens_like_front_matter(std::string_view s, std::size_t offset) {
  while (offset < s.size() && (s[offset] == ' ' || s[offset] == '\t')) ++offset;
  const std::string_view rest = s.substr(offset);
  return rest.starts_with("---") || rest.starts_with("+++");
}

/// Which of the lines of `shapes` the grammar need not read, as true. Within a stretch of
/// blank, plain, heading and item lines (their context cannot change inside it, see plain_line,
/// simple_heading_level and simple_item_marker):
/// - the lines between the first and the last of consecutive plain lines: the last one
///   continues what the first one continued (a paragraph, a list item's paragraph lazily, a
///   code or HTML block, a table);
/// - the lines after the first plain, heading or item line that follows a blank line, up to
///   the stretch's last blank line: past a blank line such a line at column 0 has closed every
///   container and every block that a blank line ends (a list too, unless it is the list's next
///   item), so it opens a top-level paragraph, heading or list item, or continues a top-level
///   code or HTML block, and what lies between it and the last blank line is more of the same,
///   with no effect on what comes after (the paragraph after the last blank line, which a
///   setext underline or a table could take, is read). A list item may be open at a blank
///   line, and what is open there decides how an indented line after it reads: in a stretch
///   with item lines, that blank line must be followed by a line of the stretch (which closes
///   every list item, being at column 0). The lines left out are told apart again after the
///   parse (MarkdownClassifier::fill_dropped_simple_rows): those outside code and HTML blocks
///   are paragraph lines, headings and list items, as their shapes say.
/// Every line left out has a read line before and after it in the stretch.
std::vector<bool> lines_to_leave_out(const std::vector<LineShape>& shapes) {
  std::vector<bool> out(shapes.size(), false);
  for (std::size_t i = 0; i < shapes.size();) {
    if (shapes[i] == LineShape::Other) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool items = false;  // the stretch [i, j) holds an item line
    for (; j < shapes.size() && shapes[j] != LineShape::Other; ++j) {
      if (shapes[j] == LineShape::Item) items = true;
    }
    for (std::size_t k = i; k < j;) {
      if (shapes[k] != LineShape::Plain) {
        ++k;
        continue;
      }
      std::size_t run_end = k;
      while (run_end < j && shapes[run_end] == LineShape::Plain) ++run_end;
      for (std::size_t r = k + 1; r + 1 < run_end; ++r) out[r] = true;
      k = run_end;
    }
    std::size_t opened = j;  // the first plain, heading or item line after a blank line
    for (std::size_t k = i + 1; k < j; ++k) {
      if (shapes[k - 1] == LineShape::Blank && shapes[k] != LineShape::Blank) {
        opened = k;
        break;
      }
    }
    std::size_t last_blank = i;
    for (std::size_t k = j; k > i; --k) {
      const bool closed_after = k < j && shapes[k] != LineShape::Blank;
      if (shapes[k - 1] == LineShape::Blank && (!items || closed_after)) {
        last_blank = k - 1;
        break;
      }
    }
    for (std::size_t k = opened + 1; k < last_blank; ++k) out[k] = true;
    i = j;
  }
  return out;
}

/// What the grammar reads for bytes [begin, end) of the text, which start and end at line
/// starts: lone CRs become LFs of the same length (the grammar sees a lone CR as a plain
/// byte), deep container prefixes are cut (cut_deep_prefix) and, `reduced`, lines that read
/// the same as their neighbours are left out (lines_to_leave_out; not in a text that opens
/// like front matter, nor from the first line that could open a link reference definition
/// on, see first_definition_like_line) and runs of non-ASCII characters are cut
/// (append_cut_line). Offsets and rows map back through the gaps.
GrammarInput grammar_input(const SourceText& text, const std::vector<Line>& lines, std::size_t begin,
                           std::size_t end, bool reduced) {
  GrammarInput in;
  in.bytes.reserve(end - begin);
  const std::string_view s = text.bytes();
  const std::size_t first_row = text.line_index(begin);
  std::size_t end_row = first_row;
  while (end_row < lines.size() && lines[end_row].range.begin < end) ++end_row;
  std::vector<bool> leave_out;
  if (reduced && !(begin == 0 && opens_like_front_matter(s, 0))) {
    std::vector<LineShape> shapes;
    shapes.reserve(end_row - first_row);
    LineShapes shape_of;
    for (std::size_t row = first_row; row < end_row; ++row) {
      const std::string_view line = s.substr(lines[row].range.begin, lines[row].range.size());
      std::size_t i = 0;
      while (i < line.size() && is_prefix_byte(line[i])) ++i;
      if (i < line.size() && line[i] == '[') break;  // this line and the rest are read
      shapes.push_back(shape_of.next(line));
    }
    leave_out = lines_to_leave_out(shapes);
  }
  std::size_t at = begin;
  uint32_t skipped = 0;
  uint32_t skipped_rows = 0;
  for (std::size_t row = first_row; row < end_row; ++row) {
    const std::size_t line_begin = std::max<std::size_t>(lines[row].range.begin, at);
    const std::size_t line_end = std::min<std::size_t>(lines[row].range.end, end);
    in.bytes.append(s.substr(at, line_begin - at));
    if (row - first_row < leave_out.size() && leave_out[row - first_row]) {
      // The line and its terminator; the line before and after are read (lines_to_leave_out).
      // A lone CR before becomes its LF now: an empty line after would make it a CRLF.
      if (line_begin > at && s[line_begin - 1] == '\r') in.bytes.back() = '\n';
      const std::size_t next = row + 1 < lines.size() ? lines[row + 1].range.begin : s.size();
      skipped += static_cast<uint32_t>(next - line_begin);
      ++skipped_rows;
      if (in.dropped.empty() || in.dropped.back().end != row) in.dropped.push_back({row, row});
      ++in.dropped.back().end;
      at = next;
      continue;
    }
    if (skipped_rows != 0 && (in.row_gaps.empty() || in.row_gaps.back().skipped != skipped_rows)) {
      in.gaps.push_back({static_cast<uint32_t>(in.bytes.size()), skipped});
      in.row_gaps.push_back({static_cast<uint32_t>(row - first_row - skipped_rows), skipped_rows});
    }
    const std::size_t out_begin = in.bytes.size();
    if (reduced) {
      append_cut_line(in, s.substr(line_begin, line_end - line_begin), skipped);
    } else {
      in.bytes.append(s.substr(line_begin, line_end - line_begin));
    }
    cut_deep_prefix(in.bytes, {out_begin, in.bytes.size()});
    at = line_end;
  }
  in.bytes.append(s.substr(at, end - at));
  std::string& source = in.bytes;
  for (std::size_t i = source.find('\r'); i != std::string::npos; i = source.find('\r', i + 1)) {
    if (i + 1 >= source.size() || source[i + 1] != '\n') source[i] = '\n';
  }
  // A text's last line need not end in a line break, but the grammar reads a short last line
  // without one wrongly ("# 中文" at the very end is an error, "# 中文字" a heading; an HTML
  // block's last line is given only a container prefix's node), and whether a line is short
  // depends on how its runs were cut. Markdown reads a last line the same with a break or
  // without: the grammar is given one, a byte past the text that maps to nothing in it.
  if (end == s.size() && !source.empty() && source.back() != '\n') source.push_back('\n');
  return in;
}

/// Where the first line of `piece` starts that could open a link reference definition: "[" is
/// the first byte after the line's container prefix, and "]:" follows before the next blank
/// line. piece.size() if none.
///
/// Whether such a line is a definition or a paragraph is the grammar's one ambiguity that can
/// outlive the block: tree-sitter follows both readings, and when they differ in what comes
/// after (one reads a later "# " line as a heading, the other as HTML), they may not meet again,
/// and text any number of lines and blank lines further on decides which one is kept (seen in
/// a random test: a line 42 lines on, past two blank lines, turned a definition into a
/// paragraph). A piece's tree cannot tell, so no cut follows such a line in its piece.
std::size_t first_definition_like_line(std::string_view piece) {
  // Where the blank line after the current paragraph starts (its LF before), and up to where
  // no "]:" follows: each byte is looked at a bounded number of times.
  std::size_t blank = 0;
  for (std::size_t line = 0; line < piece.size();) {
    std::size_t i = line;
    while (i < piece.size() && piece[i] != '\n' && is_prefix_byte(piece[i])) ++i;
    if (i < piece.size() && piece[i] == '[' && i >= blank) {
      blank = piece.size();
      for (std::size_t lf = piece.find('\n', i); lf != std::string_view::npos; lf = piece.find('\n', lf + 1)) {
        std::size_t j = lf + 1;
        while (j < piece.size() && (piece[j] == ' ' || piece[j] == '\t' || piece[j] == '\r')) ++j;
        if (j >= piece.size() || piece[j] == '\n') {
          blank = lf;
          break;
        }
      }
      if (piece.substr(i, blank - i).find("]:") != std::string_view::npos) return line;
    }
    const std::size_t lf = piece.find('\n', i);
    if (lf == std::string_view::npos) break;
    line = lf + 1;
  }
  return piece.size();
}

/// The last byte of `piece` (the grammar input of a piece, `tree` its parse) at which a new
/// piece can start and be parsed on its own with exactly the result of parsing on: 0 if none.
///
/// Such a byte starts a line at whose column 0 a block starts that is a child of the document
/// (or of its sections, which are only groupings of top-level blocks and carry no block state),
/// the block before it ends by then, and the line before is blank or is a top-level ATX heading. Then every container (block quote,
/// list item) and every block that runs over blank lines (fenced or indented code, HTML
/// blocks, which all end where a sibling starts) was closed before that line, and no
/// paragraph is open that the line could continue lazily or underline as a setext heading:
/// CommonMark's block state is empty, as at the start of a document. All of that is read from
/// the tree. The tree is that of a truncated text, but the block a line opens depends only on
/// the lines up to it, and candidates leave at least one line after them in the piece.
///
/// Front matter (--- or +++ blocks) is the grammar's one exception, since it is read only at
/// the start of the input and looked for over any number of lines: no piece starts on a line
/// that opens like one, and if the text itself opens like one and the piece's tree shows no
/// front matter (its closing line may lie beyond the piece), there is no cut. A tree with a
/// syntax error has no cut either (error recovery may reach back), and neither has a piece
/// after a line that could open a link reference definition (first_definition_like_line).
uint32_t last_safe_cut(TSNode root, std::string_view piece, bool at_text_start) {
  if (ts_node_has_error(root)) return 0;
  const std::size_t limit = first_definition_like_line(piece);
  const uint32_t rows = ts_node_end_point(root).row;
  uint32_t best = 0;
  bool front_matter = false;
  std::string_view previous;  // the type of the top-level block before
  uint32_t previous_row = 0;
  uint32_t previous_end = 0;
  // Top-level blocks in order: the document's children, with sections opened.
  std::vector<TSNode> stack{root};
  std::vector<uint32_t> next_child{0};
  while (!stack.empty()) {
    const TSNode parent = stack.back();
    const uint32_t i = next_child.back()++;
    if (i >= ts_node_child_count(parent)) {
      stack.pop_back();
      next_child.pop_back();
      continue;
    }
    const TSNode node = ts_node_child(parent, i);
    const std::string_view type = ts_node_type(node);
    if (type == "section") {
      stack.push_back(node);
      next_child.push_back(0);
      continue;
    }
    if (type == "minus_metadata" || type == "plus_metadata") front_matter = true;
    const TSPoint start = ts_node_start_point(node);
    const uint32_t line = ts_node_start_byte(node);
    const bool after_blank_or_heading = [&] {
      // A block that starts past column 0, or a block before that reaches into the line (a list
      // ends after the indentation it took of the next line), says that the line did not start
      // with the state empty.
      if (start.row == 0 || start.column != 0 || line == 0 || previous_end > line) return false;
      if (previous == "atx_heading" && previous_row + 1 == start.row) return true;
      // The line before, back from its LF (any CR left in the input is that of a CRLF).
      std::size_t j = line - 1;
      while (j > 0 && (piece[j - 1] == ' ' || piece[j - 1] == '\t' || piece[j - 1] == '\r')) --j;
      return j == 0 || piece[j - 1] == '\n';
    }();
    if (line > limit) break;
    if (after_blank_or_heading && start.row + 2 <= rows && !opens_like_front_matter(piece, line)) {
      best = line;
    }
    previous = type;
    previous_row = start.row;
    previous_end = ts_node_end_byte(node);
  }
  if (at_text_start && opens_like_front_matter(piece, 0) && !front_matter) return 0;
  return best;
}

/// Where the line holding `offset` ends, terminator included: the next line's start.
std::size_t next_line_start(const SourceText& text, const std::vector<Line>& lines, std::size_t offset) {
  if (offset >= text.bytes().size()) return text.bytes().size();
  const std::size_t row = text.line_index(offset);
  if (lines[row].range.begin == offset) return offset;
  return row + 1 < lines.size() ? lines[row + 1].range.begin : text.bytes().size();
}

/// The next length to try for a piece [begin, end) without a safe cut: twice as long, and at
/// least past the next line after it that could give one (a line after a blank line or an ATX
/// heading, with two more lines after it, as last_safe_cut needs); with no such line left, the
/// rest of the text at once, so that a text without blank lines is not parsed over and over.
std::size_t longer_piece(const SourceText& text, const std::vector<Line>& lines, std::size_t begin, std::size_t end,
                         std::size_t length) {
  const std::size_t size = text.bytes().size();
  const std::string_view s = text.bytes();
  for (std::size_t i = end < size ? text.line_index(end) : lines.size(); i < lines.size(); ++i) {
    const bool blank = lines[i].kind == LineKind::Blank;
    const bool heading = !blank && s[lines[i].content.begin] == '#';
    if (!blank && !heading) continue;
    const std::size_t past = std::min(i + 3, lines.size());
    const std::size_t reach = past < lines.size() ? lines[past].range.begin : size;
    return std::max(std::min(length, size) * 2, reach - begin);
  }
  return size - begin;
}

/// markdown_lines for a large text: parses it piece by piece, each piece (about `piece_bytes`,
/// whole lines) as a string of its own, classifies the lines up to the piece's last safe cut
/// (last_safe_cut) from its tree and frees the tree before the next piece starts there. The
/// lines come out exactly as from one parse of the whole text, and the peak memory is that of
/// one piece's tree. Where a piece has no safe cut (no blank line at top level, say), it is
/// parsed again longer (longer_piece). A text without any safe cut costs the memory that one
/// parse of the whole text costs, as without pieces; a text with no blank line or heading at all
/// is parsed once more as a whole after its first piece, and one whose every candidate is refused
/// (a 20 MB fenced block, say) costs the shorter tries on top (under twice the last one's CPU).
/// (Extending a piece by an edit and an incremental re-parse instead saved little of that and
/// held the old and the new tree at once: 277 MB instead of 226 MB.)
std::vector<Line> markdown_lines_in_pieces(const SourceText& text, std::size_t piece_bytes, std::size_t* pieces,
                                          bool reduced) {
  std::vector<Line> lines = plain_lines(text);
  TSParser* parser = thread_parser();
  const std::size_t size = text.bytes().size();
  std::size_t begin = 0;
  std::size_t length = std::max<std::size_t>(piece_bytes, 1);
  while (begin < size) {
    const std::size_t end = next_line_start(text, lines, begin + std::min(length, size - begin));
    const GrammarInput input = grammar_input(text, lines, begin, end, reduced);
    const std::string& source = input.bytes;
    const std::unique_ptr<TSTree, TreeDeleter> tree(
        ts_parser_parse_string(parser, nullptr, source.data(), static_cast<uint32_t>(source.size())));
    if (!tree) return lines;
    const TSNode root = ts_tree_root_node(tree.get());
    const bool last = end == size;
    const uint32_t cut = last ? UINT32_MAX : last_safe_cut(root, source, begin == 0);
    if (cut == 0) {
      length = longer_piece(text, lines, begin, end, length);
      continue;
    }
    const std::size_t stop = last ? size : begin + input.text_offset(cut);
    const Piece piece{begin, text.line_index(begin), last ? lines.size() : text.line_index(stop), cut, &input};
    MarkdownClassifier(text, lines, piece, root).run();
    if (pieces != nullptr) ++*pieces;
    begin = stop;
    length = std::max<std::size_t>(piece_bytes, 1);
  }
  return lines;
}

/// Texts above kPiecesAbove are parsed in pieces and without the cache (whose tree would be
/// that of the whole text, which is what pieces avoid): the cache is emptied, and the next
/// parse through it starts afresh.
std::vector<Line> markdown_lines(const SourceText& text, MarkdownParseCache::State* cache) {
  if (text.bytes().size() > kPiecesAbove) {
    if (cache != nullptr) {
      const std::lock_guard lock(cache->mutex);
      cache->tree.reset();
      cache->source.clear();
      cache->source.shrink_to_fit();
    }
    return markdown_lines_in_pieces(text, kPieceBytes, nullptr, true);
  }
  std::vector<Line> lines = plain_lines(text);
  GrammarInput input = grammar_input(text, lines, 0, text.bytes().size(), true);
  std::string& source = input.bytes;
  std::optional<std::lock_guard<std::mutex>> lock;
  TSParser* parser = nullptr;
  TSTree* old_tree = nullptr;
  if (cache != nullptr) {
    lock.emplace(cache->mutex);
    if (!cache->parser) cache->parser = markdown_parser();
    parser = cache->parser.get();
    if (cache->tree) {
      // The old tree, told where the text changed: tree-sitter re-parses around the change only.
      const TSInputEdit edit = edit_between(cache->source, source);
      ts_tree_edit(cache->tree.get(), &edit);
      old_tree = cache->tree.get();
      ++cache->reused;
    }
  } else {
    parser = thread_parser();
  }
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_string(parser, old_tree, source.data(), static_cast<uint32_t>(source.size())));
  if (cache != nullptr) {
    cache->tree.reset();
    cache->source.clear();
  }
  if (!tree) return lines;
  MarkdownClassifier(text, lines, Piece{0, 0, lines.size(), UINT32_MAX, &input}, ts_tree_root_node(tree.get())).run();
  if (cache != nullptr) {
    cache->source = std::move(source);
    cache->tree = std::move(tree);
  }
  return lines;
}

}  // namespace

std::vector<Line> read_lines(const SourceText& text, InputFormat format, MarkdownParseCache* cache) {
  if (format != InputFormat::Markdown) return plain_lines(text);
  return markdown_lines(text, cache != nullptr ? cache->state_.get() : nullptr);
}

namespace detail {

std::vector<Line> read_markdown_lines_in_pieces(const SourceText& text, std::size_t piece_bytes, std::size_t* pieces,
                                                bool reduced) {
  return markdown_lines_in_pieces(text, piece_bytes, pieces, reduced);
}

std::size_t lines_the_grammar_reads(const SourceText& text) {
  const std::vector<Line> lines = plain_lines(text);
  const GrammarInput input = grammar_input(text, lines, 0, text.bytes().size(), true);
  std::size_t read = lines.size();
  for (const auto& d : input.dropped) read -= d.end - d.begin;
  return read;
}

}  // namespace detail

InputFormat format_for_path(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.ends_with(".md") || lower.ends_with(".markdown") ? InputFormat::Markdown : InputFormat::PlainText;
}

}  // namespace checklint
