// Reading a .docx: the zip container (libzip, every part size-capped while it is
// inflated), the main document part found through the package relationships,
// and the body walked paragraph by paragraph with tracked changes resolved to
// the current text. Styles and numbering live in docx_numbering.cpp.
#include "linter/document/docx.h"

#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "linter/document/docx_numbering.h"
#include "linter/document/docx_xml.h"

namespace checklint {
namespace {

using docx::Names;

constexpr int kMaxDepth = 64;  // tables in tables, content controls in content controls
// A real draft has a few hundred paragraphs; these bound what a crafted document.xml
// (millions of empty <w:p/>, each given a number) can make checklint hold.
constexpr std::size_t kMaxParagraphs = 1'000'000;
constexpr std::size_t kMaxTextBytes = std::size_t{128} << 20U;

[[noreturn]] void fail(const std::string& english, const std::string& chinese) {
  throw InputError(english, chinese, 0, false);
}

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// The zip container, read from memory.
class Archive {
 public:
  explicit Archive(std::string_view bytes) {
    if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
      fail("an encrypted (password-protected) Word document or an old .doc file, not a .docx",
           "这是加密（设了密码）的 Word 文档或旧版 .doc 文件，不是可读取的 .docx；请取消密码或另存为 .docx");
    }
    if (!bytes.starts_with("PK")) {
      fail("not a valid .docx (zip) file: Not a zip archive", "不是有效的 .docx（zip）文件：Not a zip archive");
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) fail("cannot read the .docx", "无法读取该 .docx 文件");
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (archive == nullptr) {
      zip_source_free(source);
      const std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      fail(fmt::format("not a valid .docx (zip) file: {}", reason), fmt::format("不是有效的 .docx（zip）文件：{}", reason));
    }
    zip_error_fini(&error);
    archive_.reset(archive);
  }

  /// The inflated part `name`, or nullopt when the package has none. Stops with an
  /// error as soon as more than `limit` bytes come out, whatever the zip claims.
  std::optional<std::string> read(const std::string& name, std::size_t limit) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(archive_.get(), name.c_str(), 0, &st) != 0) return std::nullopt;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      fail(fmt::format("{} in the .docx is encrypted", name), fmt::format(".docx 中的 {} 已加密，无法读取", name));
    }
    if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limit) too_large(name, limit);
    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen(archive_.get(), name.c_str(), 0));
    if (!file) broken(name, zip_strerror(archive_.get()));
    std::string out;
    std::array<char, 65536> buffer{};
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) broken(name, zip_file_strerror(file.get()));
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > limit) too_large(name, limit);
      out.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  [[noreturn]] static void too_large(const std::string& name, std::size_t limit) {
    fail(fmt::format("{} in the .docx inflates to more than {} MB; not read", name, limit >> 20U),
         fmt::format(".docx 中的 {} 解压后超过 {} MB，不予读取（可能是损坏的文件或“压缩炸弹”）", name, limit >> 20U));
  }
  [[noreturn]] static void broken(const std::string& name, const char* reason) {
    fail(fmt::format("cannot inflate {} in the .docx: {}", name, reason), fmt::format("无法解压 .docx 中的 {}：{}", name, reason));
  }

  std::unique_ptr<zip_t, ArchiveCloser> archive_;
};

/// Parses a part; malformed XML is an error naming the part and the byte offset in it.
void parse(pugi::xml_document& xml, const std::string& data, const std::string& name) {
  const pugi::xml_parse_result result =
      xml.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
  if (!result) {
    fail(fmt::format("malformed XML in {} of the .docx at byte {}: {}", name, result.offset, result.description()),
         fmt::format(".docx 中的 {} 不是完好的 XML（第 {} 字节：{}）", name, result.offset, result.description()));
  }
}

/// "word/document.xml" + "styles.xml" → "word/styles.xml"; "/word/x.xml" is absolute.
std::string resolve_target(const std::string& base_part, std::string target) {
  if (target.starts_with('/')) return target.substr(1);
  const auto slash = base_part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : base_part.substr(0, slash + 1);
  while (target.starts_with("../")) {
    target.erase(0, 3);
    if (!dir.empty()) dir.pop_back();
    const auto up = dir.rfind('/');
    dir = up == std::string::npos ? "" : dir.substr(0, up + 1);
  }
  return dir + target;
}

/// The relationship targets of a part by type suffix (officeDocument, styles, numbering).
class Relationships {
 public:
  Relationships(Archive& archive, const std::string& part) {
    const auto slash = part.rfind('/');
    const std::string rels = (slash == std::string::npos ? "" : part.substr(0, slash + 1)) + "_rels/" +
                             part.substr(slash == std::string::npos ? 0 : slash + 1) + ".rels";
    const auto data = archive.read(rels, kDocxMaxPartBytes);
    if (!data) return;
    pugi::xml_document xml;
    parse(xml, *data, rels);
    for (const pugi::xml_node r : xml.document_element().children()) {
      const std::string_view name = r.name();
      if (!name.ends_with("Relationship")) continue;
      const std::string_view type = r.attribute("Type").value();
      if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
      const auto slash_at = type.rfind('/');
      targets_.emplace_back(std::string(type.substr(slash_at == std::string_view::npos ? 0 : slash_at + 1)),
                            resolve_target(part, r.attribute("Target").value()));
    }
  }

  [[nodiscard]] std::optional<std::string> find(std::string_view type) const {
    for (const auto& [t, target] : targets_) {
      if (t == type) return target;
    }
    return std::nullopt;
  }

 private:
  std::vector<std::pair<std::string, std::string>> targets_;
};

/// Text of w:t as one line: a paragraph never spans lines.
void append_text(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (byte < 0x20 && c != '\t') {
      continue;
    } else {
      out += c;
    }
  }
}

class BodyReader {
 public:
  BodyReader(const Names& w, const docx::Styles& styles, docx::Numbering& numbering, DocxContent& out)
      : w_(w), styles_(styles), numbering_(numbering), out_(out) {}

  /// Block-level content: paragraphs, tables, content controls, custom XML.
  void blocks(const pugi::xml_node& parent, int depth, bool in_table) {
    if (depth > kMaxDepth) nested_too_deeply();
    for (const pugi::xml_node node : parent.children()) {
      if (w_.is(node, "p")) {
        paragraph(node, in_table);
      } else if (w_.is(node, "tbl")) {
        table(node, depth + 1);
      } else if (w_.is(node, "sdt")) {
        blocks(w_.child(node, "sdtContent"), depth + 1, in_table);
      } else if (w_.is(node, "customXml") || w_.is(node, "ins") || w_.is(node, "moveTo")) {
        blocks(node, depth + 1, in_table);
      }
      // w:del, w:moveFrom (whole deleted or moved-away blocks), w:sectPr, bookmarks: nothing to read.
    }
    flush_merged(in_table);
  }

 private:
  void table(const pugi::xml_node& tbl, int depth) {
    if (depth > kMaxDepth) nested_too_deeply();
    for (const pugi::xml_node row : tbl.children()) {
      if (w_.is(row, "tr")) {
        this->row(row, depth);
      } else if (w_.is(row, "sdt") || w_.is(row, "customXml")) {
        const pugi::xml_node content = w_.is(row, "sdt") ? w_.child(row, "sdtContent") : row;
        for (const pugi::xml_node r : content.children()) {
          if (w_.is(r, "tr")) this->row(r, depth);
        }
      }
    }
  }

  void row(const pugi::xml_node& tr, int depth) {
    // A row deleted with tracked changes is gone from the current text.
    if (w_.child(w_.child(tr, "trPr"), "del")) return;
    for (const pugi::xml_node cell : tr.children()) {
      if (w_.is(cell, "tc")) {
        blocks(cell, depth + 1, true);
      } else if (w_.is(cell, "sdt")) {
        for (const pugi::xml_node c : w_.child(cell, "sdtContent").children()) {
          if (w_.is(c, "tc")) blocks(c, depth + 1, true);
        }
      }
    }
  }

  void paragraph(const pugi::xml_node& p, bool in_table) {
    std::string text;
    runs(p, text, 0);
    const pugi::xml_node ppr = w_.child(p, "pPr");
    // A deleted paragraph mark joins this paragraph's text to the next one, whose
    // properties (kept in its own mark) the joined paragraph takes.
    if (w_.child(w_.child(ppr, "rPr"), "del") || w_.child(w_.child(ppr, "rPr"), "moveFrom")) {
      merged_ += text;
      return;
    }
    const std::string style = w_.value(ppr, "pStyle").value_or("");
    docx::NumberRef ref;
    if (const pugi::xml_node numpr = w_.child(ppr, "numPr")) {
      ref.num_id = w_.value(numpr, "numId");
      ref.level = docx::to_int(w_.value(numpr, "ilvl"));
    }
    DocxParagraph out;
    out.in_table = in_table;
    out.text = numbering_.next(ref, style, styles_);
    out.number_length = out.text.size();
    out.text += merged_;
    out.text += text;
    merged_.clear();
    const auto outline = docx::to_int(w_.value(ppr, "outlineLvl"));
    if (outline) {
      out.outline_level = *outline >= 0 && *outline < 9 ? *outline : -1;
    } else if (const auto level = styles_.resolve(style).outline_level) {
      out.outline_level = *level;
    }
    add(std::move(out));
  }

  void add(DocxParagraph paragraph) {
    text_bytes_ += paragraph.text.size() + 1;
    if (out_.paragraphs.size() >= kMaxParagraphs || text_bytes_ > kMaxTextBytes) {
      fail(fmt::format("the .docx has more than {} paragraphs or {} MB of text; not read", kMaxParagraphs, kMaxTextBytes >> 20U),
           fmt::format(".docx 的正文超过 {} 段或 {} MB，不予读取", kMaxParagraphs, kMaxTextBytes >> 20U));
    }
    out_.paragraphs.push_back(std::move(paragraph));
  }

  /// Text left over from a deleted paragraph mark at the end of a cell or the body.
  void flush_merged(bool in_table) {
    if (merged_.empty()) return;
    DocxParagraph out;
    out.in_table = in_table;
    out.text = std::move(merged_);
    merged_.clear();
    add(std::move(out));
  }

  /// Inline content: runs and the containers Word puts around them.
  void runs(const pugi::xml_node& parent, std::string& out, int depth) {
    if (depth > kMaxDepth) nested_too_deeply();
    for (const pugi::xml_node node : parent.children()) {
      if (w_.is(node, "r")) {
        run(node, out);
      } else if (w_.is(node, "ins") || w_.is(node, "moveTo") || w_.is(node, "hyperlink") || w_.is(node, "smartTag") ||
                 w_.is(node, "customXml") || w_.is(node, "fldSimple") || w_.is(node, "dir") || w_.is(node, "bdo")) {
        runs(node, out, depth + 1);
      } else if (w_.is(node, "sdt")) {
        runs(w_.child(node, "sdtContent"), out, depth + 1);
      }
      // w:del and w:moveFrom: deleted or moved-away text. proofErr, bookmarks,
      // comment ranges, permissions: markers without text.
    }
  }

  void run(const pugi::xml_node& r, std::string& out) {
    const pugi::xml_node rpr = w_.child(r, "rPr");
    if (w_.on(rpr, "vanish") && !w_.on(rpr, "specVanish")) return;  // hidden text is not what the reader sees
    for (const pugi::xml_node node : r.children()) {
      if (w_.is(node, "t")) {
        append_text(out, node.child_value());
      } else if (w_.is(node, "tab") || w_.is(node, "ptab")) {
        out += '\t';
      } else if (w_.is(node, "br") || w_.is(node, "cr")) {
        // A line break inside a paragraph: a space keeps the paragraph one line.
        // Page and column breaks separate nothing the reader reads as words.
        const std::string_view type = w_.attr(node, "type").value();
        if (type != "page" && type != "column") out += ' ';
      } else if (w_.is(node, "noBreakHyphen")) {
        out += '-';
      }
      // w:delText and w:instrText (deleted text, field codes), drawings, footnote
      // and endnote references, symbols: not read.
    }
  }

  [[noreturn]] static void nested_too_deeply() {
    fail(fmt::format("the .docx nests tables or content controls more than {} deep", kMaxDepth),
         fmt::format(".docx 中表格或内容控件嵌套超过 {} 层，不予读取", kMaxDepth));
  }

  const Names& w_;
  const docx::Styles& styles_;
  docx::Numbering& numbering_;
  DocxContent& out_;
  std::string merged_;
  std::size_t text_bytes_ = 0;
};

}  // namespace

bool is_docx_path(std::string_view path) {
  if (path.size() < 5) return false;
  std::string tail(path.substr(path.size() - 5));
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ".docx";
}

DocxContent read_docx(std::string_view bytes) {
  Archive archive(bytes);
  const std::string main_part = Relationships(archive, "").find("officeDocument").value_or("word/document.xml");
  const auto main_data = archive.read(main_part, kDocxMaxDocumentBytes);
  if (!main_data) {
    fail(fmt::format("no main document part ({}) in the .docx: not a Word document", main_part),
         fmt::format(".docx 中没有正文部分 {}，不是 Word 文档", main_part));
  }
  const Relationships rels(archive, main_part);
  docx::Styles styles;
  pugi::xml_document styles_xml;
  const std::string styles_part = rels.find("styles").value_or("word/styles.xml");
  if (const auto data = archive.read(styles_part, kDocxMaxPartBytes)) {
    parse(styles_xml, *data, styles_part);
    styles.load(styles_xml.document_element());
  }
  docx::Numbering numbering;
  pugi::xml_document numbering_xml;
  const std::string numbering_part = rels.find("numbering").value_or("word/numbering.xml");
  if (const auto data = archive.read(numbering_part, kDocxMaxPartBytes)) {
    parse(numbering_xml, *data, numbering_part);
    numbering.load(numbering_xml.document_element());
  }

  pugi::xml_document xml;
  parse(xml, *main_data, main_part);
  const pugi::xml_node root = xml.document_element();
  const Names w(root);
  const pugi::xml_node body = w.child(root, "body");
  if (!w.is(root, "document") || !body) {
    fail(fmt::format("{} of the .docx has no w:body: not a Word document", main_part),
         fmt::format(".docx 中的 {} 没有正文（w:body），不是 Word 文档", main_part));
  }
  DocxContent content;
  BodyReader(w, styles, numbering, content).blocks(body, 0, false);
  return content;
}

Document docx_document(std::string path, const DocxContent& content) {
  std::string text;
  for (const auto& p : content.paragraphs) {
    text += p.text;
    text += '\n';
  }
  SourceText source;
  try {
    source = SourceText::from_bytes(std::move(path), std::move(text));
  } catch (const InputError& e) {
    fail(fmt::format("the text of the .docx is not valid UTF-8 ({})", e.what()), "该 .docx 的正文含有无效的 UTF-8 字符");
  }
  Document doc{std::move(source), InputFormat::PlainText, {}, {}};
  doc.lines = read_lines(doc.text, InputFormat::PlainText);
  for (std::size_t i = 0; i < doc.lines.size() && i < content.paragraphs.size(); ++i) {
    Line& line = doc.lines[i];
    const DocxParagraph& p = content.paragraphs[i];
    if (line.kind != LineKind::Paragraph || p.outline_level < 0) continue;
    if (read_marker(doc.text.slice(line.content))) continue;  // numbered: a section like a .txt's
    line.kind = LineKind::Heading;
    line.heading_level = std::min(p.outline_level + 1, 6);
  }
  doc.root = build_tree(doc.text, doc.lines);
  return doc;
}

}  // namespace checklint
