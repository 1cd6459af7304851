#include "linter/document/load.h"

#include <optional>

#include <fmt/format.h>

#include "linter/document/docx.h"
#include "linter/profile.h"

namespace checklint {

Document load_document(const std::string& path, const std::string& bytes, const LoadOptions& options) {
  std::string copy = bytes;
  return load_document(path, std::move(copy), options);
}

Document load_document(const std::string& path, std::string&& bytes, const LoadOptions& options) {
  if (is_docx_path(path)) return docx_document(path, read_docx(bytes));
  std::optional<ProfileScope> decoding(std::in_place, "decode (bytes to SourceText)");
  SourceText text = SourceText::adopt_file_bytes(path, std::move(bytes), options.encoding);
  decoding.reset();
  const ProfileScope parsing("tree (lines, Markdown blocks, section tree)");
  return parse_document(std::move(text), format_for_path(path));
}

std::vector<std::string> load_notes(const Document& doc, Lang lang) {
  std::vector<std::string> notes;
  const SourceText& text = doc.text;
  if (is_docx_path(text.path())) {
    notes.emplace_back(fmt::format(
        fmt::runtime(tr(lang, "按 Word 文档读取：正文 {} 段（含表格中的段落，自动编号按显示的样子计入），行号即段落序号；脚注、尾注、批注、页眉页脚和文本框未检查",
                        "read as a Word document: {} paragraphs of the body (table cells included, automatic numbers as shown); "
                        "line numbers are paragraph numbers; footnotes, endnotes, comments, headers, footers and text boxes are not checked")),
        text.bytes().empty() ? 0 : text.line_count()));
  } else if (text.encoding() != Encoding::Utf8) {
    notes.emplace_back(fmt::format(fmt::runtime(tr(lang, "按 {} 编码读取（不是 UTF-8）；位置按解码后的文字计", "read as {} (not UTF-8); positions count the decoded text")),
                                   encoding_name(text.encoding())));
  }
  return notes;
}

}  // namespace checklint
