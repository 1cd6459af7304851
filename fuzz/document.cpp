// Fuzz target: bytes → decoded text (UTF-8, UTF-16 or GB18030 as detected) → section
// tree, as Markdown and as plain text. Input that is not a draft must come back as an
// InputError, never as a crash or a hang. As Markdown, its lines must read the same as when
// the grammar reads every line whole (read_lines leaves out lines that read like their
// neighbours and cuts runs of non-ASCII characters short).
#include "fuzz/common.h"
#include "linter/document/document.h"
#include "linter/document/load.h"

namespace {

using namespace checklint;

/// Walks the tree and checks the invariants every consumer relies on.
void check_node(const Node& node, std::size_t size) {
  if (node.range.begin > node.range.end || node.range.end > size) __builtin_trap();
  if (node.heading.end > size || node.body.end > size) __builtin_trap();
  for (const auto& child : node.children) check_node(child, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT(readability-identifier-naming): libFuzzer's name
  const std::string bytes = fuzz::bytes_of(data, size);
  try {
    for (const char* path : {"fuzz.md", "fuzz.txt"}) {
      const Document doc = load_document(path, bytes);
      if (doc.lines.size() != doc.text.line_count()) __builtin_trap();
      check_node(doc.root, doc.text.bytes().size());
      for (const auto& line : doc.lines) {
        if (line.range.end > doc.text.bytes().size()) __builtin_trap();
        (void)doc.text.position(line.content.begin);
      }
      if (doc.format == InputFormat::Markdown) {
        const auto whole = detail::read_markdown_lines_in_pieces(doc.text, doc.text.bytes().size() + 1, nullptr, false);
        if (whole.size() != doc.lines.size()) __builtin_trap();
        for (std::size_t i = 0; i < whole.size(); ++i) {
          const Line& a = whole[i];
          const Line& b = doc.lines[i];
          if (a.kind != b.kind || a.heading_level != b.heading_level || a.content.begin != b.content.begin ||
              a.content.end != b.content.end) {
            __builtin_trap();
          }
        }
      }
    }
  } catch (const InputError&) {
    // Binary, or no encoding fits: reported to the user with an offset.
  }
  return 0;
}
