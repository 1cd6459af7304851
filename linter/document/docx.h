#pragma once
// Word documents (.docx) as drafts. A .docx is decoded into plain text with one
// paragraph per line (LF), so that every position checklint reports for it is
// "paragraph:character": line N is the N-th paragraph of the body, table-cell
// paragraphs included, counted in document order; the column counts characters
// of the paragraph as the reader sees it, automatic numbers (一、（一）1.) included.
// What is read and what is left out is documented in docs/inputs.md.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "linter/document/document.h"

namespace checklint {

/// One paragraph of the body as the reader sees it.
struct DocxParagraph {
  std::string text;              ///< the rendered number (and its tab or space), then the runs
  std::size_t number_length = 0; ///< bytes of `text` taken by the rendered number and its suffix
  int outline_level = -1;        ///< 0–8 from a heading style, a Title style or w:outlineLvl; -1: body text
  bool in_table = false;         ///< inside a table cell
};

struct DocxContent {
  std::vector<DocxParagraph> paragraphs;
};

/// Limits on what read_docx() inflates: the main document part, and each other part.
inline constexpr std::size_t kDocxMaxDocumentBytes = std::size_t{64} << 20U;
inline constexpr std::size_t kDocxMaxPartBytes = std::size_t{16} << 20U;

/// Whether a path names a .docx (by extension, any case).
bool is_docx_path(std::string_view path);

/// Reads the body of a .docx held in `bytes`. Throws InputError (with a Chinese
/// message, offset 0, not located) for anything that is not a readable Word
/// document: not a zip, encrypted, no main document part, a part larger than
/// the limits above, malformed XML.
DocxContent read_docx(std::string_view bytes);

/// The draft for a read .docx: its paragraphs as lines, classified for the
/// section tree. Paragraphs whose text starts with a heading number (typed or
/// automatic) are numbered paragraphs like those of a .txt draft; heading-styled
/// paragraphs without a number become headings of level outline_level + 1.
Document docx_document(std::string path, const DocxContent& content);

}  // namespace checklint
