#pragma once
// The section tree of a draft. Lines are paragraphs; sections come from
// Markdown headings and from GB/T 9704 numbering at the start of a line; run-in
// items (一是…) are leaves inside a section. Every node keeps byte ranges only.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <memory>
#include <vector>

#include "linter/document/numbering.h"
#include "linter/source/text.h"

namespace checklint {

enum class InputFormat { Markdown, PlainText };

/// What a physical line is, as far as structure goes.
enum class LineKind : std::uint8_t {
  Blank,
  Paragraph,  ///< ordinary text: one paragraph per line
  Heading,    ///< a Markdown ATX or setext heading
  Code,       ///< inside a fenced or indented code block: never read for structure
  Html,       ///< inside an HTML block (comments included)
  Table,      ///< a row of a Markdown table
  Rule,       ///< a thematic break, or a setext underline
};

/// 20 bytes (40 with 64-bit ranges): a 20 MB draft has some 370,000 lines.
struct Line {
  CompactRange range;      ///< the line without its terminator
  CompactRange content;    ///< the text after container prefixes (> , list bullets) and indentation
  LineKind kind = LineKind::Paragraph;
  std::uint8_t heading_level = 0;  ///< 1–6 for Markdown headings
};

enum class NodeKind : std::uint8_t {
  Document,
  Title,     ///< the draft's title line
  Preamble,  ///< text before the first section (导语)
  Heading,   ///< a Markdown heading with no numbering
  Numbered,  ///< a line opened by a heading number (一、（一）1.（1） or a wrong form)
  Item,      ///< a run-in item: 一是 / 第一 / 首先
};

/// The heading number of a Numbered node (or of a Markdown heading that carries one).
struct Numbering {
  Marker marker;       ///< level, ordinal, standard (canonical() spells it the standard way)
  CompactRange range;  ///< where the marker is written
};

/// 120 bytes (136 with 32-bit markers, 176 with 64-bit ranges, 224 before the markers lost their canonical strings): a
/// 20 MB draft has some 200,000 nodes. build_tree sizes every children and paragraphs vector exactly.
struct Node {
  NodeKind kind = NodeKind::Document;
  std::uint8_t heading_level = 0;      ///< Markdown heading level, when the node is a heading
  std::uint32_t line = 0;              ///< 0-based index of the opening line
  std::optional<Numbering> numbering;  ///< for Numbered nodes (and numbered Markdown headings)
  std::optional<ItemMarker> item;      ///< for Item nodes; offset is absolute
  CompactRange range;                  ///< the node's whole extent, children included
  CompactRange heading;                ///< heading text: no marker, no closing punctuation
  CompactRange body;                   ///< run-in text after the heading on the same line
  std::vector<std::size_t> paragraphs; ///< lines of text owned directly by this node
  std::vector<Node> children;
};

struct Document {
  SourceText text;
  InputFormat format = InputFormat::PlainText;
  std::vector<Line> lines;
  Node root;
};

/// What one Markdown parse of a buffer leaves for the next (the language server keeps one per
/// open buffer): the grammar's input and tree, so that the next parse edits the old tree where
/// the text changed and tree-sitter re-parses only around the change. Thread-safe; any text may
/// follow any other (the change is found by comparing the two), the result is always exactly
/// that of a fresh parse. A text above 1 MiB is parsed in pieces without the cache, which it
/// empties: the next parse through the cache is a fresh one.
class MarkdownParseCache {
 public:
  MarkdownParseCache();
  MarkdownParseCache(const MarkdownParseCache&) = delete;
  MarkdownParseCache& operator=(const MarkdownParseCache&) = delete;
  MarkdownParseCache(MarkdownParseCache&&) = delete;
  MarkdownParseCache& operator=(MarkdownParseCache&&) = delete;
  ~MarkdownParseCache();

  /// How many parses reused the previous tree (for tests and the profile).
  [[nodiscard]] std::size_t reused() const;

  struct State;  // lines.cpp

 private:
  friend std::vector<Line> read_lines(const SourceText& text, InputFormat format, MarkdownParseCache* cache);
  std::unique_ptr<State> state_;
};

/// Splits lines and classifies them (Markdown via the tree-sitter block grammar).
std::vector<Line> read_lines(const SourceText& text, InputFormat format, MarkdownParseCache* cache = nullptr);

namespace detail {
/// read_lines for a Markdown text, parsed in pieces of about `piece_bytes` whatever its size
/// (read_lines does so above 1 MiB, with no cache), so that tests can force tiny pieces; adds
/// the number of pieces it parsed to `*pieces` when given. Not `reduced`, the grammar reads
/// every line of the text whole (read_lines leaves out lines that read like their neighbours
/// and cuts runs of non-ASCII characters short, which must not change a line), so that tests
/// can compare.
std::vector<Line> read_markdown_lines_in_pieces(const SourceText& text, std::size_t piece_bytes,
                                                std::size_t* pieces = nullptr, bool reduced = true);
/// How many of the text's lines the grammar reads when read_lines reads it whole (the rest
/// are left out as reading like their neighbours), so that tests can tell that some are.
std::size_t lines_the_grammar_reads(const SourceText& text);
}  // namespace detail

/// Builds the section tree over classified lines.
Node build_tree(const SourceText& text, const std::vector<Line>& lines);

/// read_lines + build_tree.
Document parse_document(SourceText text, InputFormat format, MarkdownParseCache* cache = nullptr);

/// The format implied by a file name: .md/.markdown are Markdown, anything else plain text.
InputFormat format_for_path(const std::string& path);

}  // namespace checklint
