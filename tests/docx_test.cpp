// .docx input: runs joined, tracked changes resolved, tables, automatic
// numbering rendered as the reader sees it, paragraph-based positions in every
// output format, and clear errors (never a crash) for broken documents.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include <zip.h>

#include <boost/test/unit_test.hpp>

#include "linter/cli/inputs.h"
#include "linter/document/docx.h"
#include "linter/document/docx_numbering.h"
#include "linter/document/load.h"
#include "support.h"

using namespace checklint;
namespace fs = std::filesystem;

namespace {

const std::string kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A zip in memory, written by libzip.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  BOOST_TEST_REQUIRE(source != nullptr);
  zip_source_keep(source);
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  BOOST_TEST_REQUIRE(archive != nullptr);
  for (const auto& [name, data] : parts) {
    zip_source_t* part = zip_source_buffer(archive, data.data(), data.size(), 0);
    BOOST_TEST_REQUIRE(zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) >= 0);
  }
  BOOST_TEST_REQUIRE(zip_close(archive) == 0);
  BOOST_TEST_REQUIRE(zip_source_open(source) == 0);
  zip_source_seek(source, 0, SEEK_END);
  const auto size = zip_source_tell(source);
  zip_source_seek(source, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(source, out.data(), out.size());
  zip_source_close(source);
  zip_source_free(source);
  zip_error_fini(&error);
  return out;
}

std::string make_docx(const std::string& body, const std::string& numbering = "", const std::string& styles = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"word/document.xml", "<w:document xmlns:w=\"" + kW + "\"><w:body>" + body + "</w:body></w:document>"}};
  if (!numbering.empty()) parts.emplace_back("word/numbering.xml", "<w:numbering xmlns:w=\"" + kW + "\">" + numbering + "</w:numbering>");
  if (!styles.empty()) parts.emplace_back("word/styles.xml", "<w:styles xmlns:w=\"" + kW + "\">" + styles + "</w:styles>");
  return make_zip(parts);
}

std::string p(const std::string& runs, const std::string& props = "") {
  return "<w:p>" + (props.empty() ? "" : "<w:pPr>" + props + "</w:pPr>") + runs + "</w:p>";
}
std::string r(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }
std::string num(int id, int level) {
  return "<w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
}
std::string lvl(int level, const std::string& format, const std::string& text, const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(level) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" + format + "\"/><w:lvlText w:val=\"" +
         text + "\"/><w:suff w:val=\"nothing\"/>" + extra + "</w:lvl>";
}

std::vector<std::string> texts(const std::string& bytes) {
  std::vector<std::string> out;
  for (const auto& paragraph : read_docx(bytes).paragraphs) out.push_back(paragraph.text);
  return out;
}

std::string docx_error(const std::string& bytes) {
  try {
    (void)read_docx(bytes);
  } catch (const InputError& e) {
    return e.chinese();
  }
  return "";
}

std::string fixture(const std::string& name) { return test::read_text(test::source_dir() / "fixtures" / "docx" / name); }

}  // namespace

BOOST_AUTO_TEST_SUITE(docx)

BOOST_AUTO_TEST_CASE(runs_are_joined_across_proofing_marks_and_bookmarks) {
  const auto got = texts(make_docx(p(r("一是") + "<w:proofErr w:type=\"spellStart\"/>" + r("学习") +
                                "<w:bookmarkStart w:id=\"1\" w:name=\"a\"/><w:bookmarkEnd w:id=\"1\"/>" +
                                "<w:r><w:rPr><w:b/></w:rPr><w:t>不够</w:t></w:r>" + "<w:proofErr w:type=\"spellEnd\"/>" +
                                "<w:hyperlink><w:r><w:t>深入</w:t></w:r></w:hyperlink>")));
  BOOST_TEST(got == std::vector<std::string>{"一是学习不够深入"}, boost::test_tools::per_element());
  // The generated fixture: the placeholder XX is split over two runs.
  const auto split = texts(fixture("split-runs.docx"));
  BOOST_TEST_REQUIRE(split.size() == 22U);
  BOOST_TEST(split[3].find("比如，XX县部署的河道") != std::string::npos, split[3]);
}

BOOST_AUTO_TEST_CASE(tabs_breaks_hidden_text_and_field_codes) {
  const auto got = texts(make_docx(p("<w:r><w:t>一、</w:t><w:tab/><w:t>存在</w:t><w:br/><w:t>问题</w:t><w:br w:type=\"page\"/></w:r>"
                                "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
                                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
                                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
                                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") +
                              p("<w:r><w:t>第二段&#10;不换行</w:t></w:r>")));
  BOOST_TEST(got == (std::vector<std::string>{"一、\t存在 问题3", "第二段 不换行"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tracked_changes_resolve_to_the_current_text) {
  const auto got = texts(make_docx(p(r("开展") + "<w:del w:id=\"1\"><w:r><w:delText>XXX</w:delText></w:r></w:del>" +
                                "<w:ins w:id=\"2\">" + r("专题") + "</w:ins>" + "<w:moveFrom w:id=\"3\">" + r("旧") + "</w:moveFrom>" +
                                "<w:moveTo w:id=\"4\">" + r("研讨") + "</w:moveTo>") +
                              // A deleted paragraph mark joins this paragraph with the next.
                              p(r("一是"), "<w:rPr><w:del w:id=\"5\"/></w:rPr>") + p(r("学习不够。")) +
                              // A deleted table row is gone.
                              "<w:tbl><w:tr><w:trPr><w:del w:id=\"6\"/></w:trPr><w:tc>" + p(r("删掉的行")) + "</w:tc></w:tr>" +
                              "<w:tr><w:tc>" + p(r("留下的行")) + "</w:tc></w:tr></w:tbl>"));
  BOOST_TEST(got == (std::vector<std::string>{"开展专题研讨", "一是学习不够。", "留下的行"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(tables_give_one_line_per_cell_paragraph_in_order) {
  const std::string inner = "<w:tbl><w:tr><w:tc>" + p(r("内层")) + "</w:tc></w:tr></w:tbl>";
  const auto content = read_docx(make_docx(p(r("前")) + "<w:tbl><w:tr><w:tc>" + p(r("甲1")) + p(r("甲2")) + "</w:tc><w:tc>" + p(r("乙")) +
                                      inner + "</w:tc></w:tr><w:tr><w:tc>" + p(r("丙")) + "</w:tc></w:tr></w:tbl>" + p(r("后"))));
  std::vector<std::string> got;
  std::vector<bool> in_table;
  for (const auto& paragraph : content.paragraphs) {
    got.push_back(paragraph.text);
    in_table.push_back(paragraph.in_table);
  }
  BOOST_TEST(got == (std::vector<std::string>{"前", "甲1", "甲2", "乙", "内层", "丙", "后"}), boost::test_tools::per_element());
  BOOST_TEST(in_table == (std::vector<bool>{false, true, true, true, true, true, false}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(chinese_multilevel_numbering_counts_and_restarts) {
  const std::string numbering = "<w:abstractNum w:abstractNumId=\"7\">" + lvl(0, "chineseCounting", "%1、") +
                                lvl(1, "chineseCounting", "（%2）") + lvl(2, "decimal", "%3.") +
                                lvl(3, "decimalEnclosedCircle", "%4", "<w:lvlRestart w:val=\"1\"/>") +
                                "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
                                "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/>"
                                "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"9\"/></w:lvlOverride></w:num>";
  const auto got = texts(make_docx(p(r("存在的问题"), num(1, 0)) + p(r("学习方面"), num(1, 1)) + p(r("甲"), num(1, 2)) + p(r("乙"), num(1, 2)) +
                                  p(r("作风方面"), num(1, 1)) + p(r("丙"), num(1, 2)) + p(r("圈"), num(1, 3)) + p(r("原因分析"), num(1, 0)) +
                                  p(r("第一"), num(1, 1)) + p(r("不编号"), "<w:numPr><w:numId w:val=\"0\"/></w:numPr>") +
                                  p(r("圈二"), num(1, 3)) + p(r("另起"), num(2, 0)),
                              numbering));
  BOOST_TEST(got == (std::vector<std::string>{"一、存在的问题", "（一）学习方面", "1.甲", "2.乙", "（二）作风方面", "1.丙", "①圈",
                                              "二、原因分析", "（一）第一", "不编号", "①圈二", "九、另起"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(numbering_through_the_heading_style_and_suffixes) {
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"x\"><w:name w:val=\"My heading\"/><w:basedOn w:val=\"1\"/></w:style>";
  const std::string numbering =
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/>"
      "<w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:isLgl/>"
      "<w:lvlText w:val=\"%1.%2\"/><w:suff w:val=\"space\"/></w:lvl></w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>";
  const auto content = read_docx(make_docx(p(r("存在的问题"), "<w:pStyle w:val=\"1\"/>") + p(r("细目"), "<w:pStyle w:val=\"1\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr>") +
                                          p(r("原因"), "<w:pStyle w:val=\"x\"/>"),
                                      numbering, styles));
  BOOST_TEST_REQUIRE(content.paragraphs.size() == 3U);
  BOOST_TEST(content.paragraphs[0].text == "一、\t存在的问题");  // the default suffix is a tab
  BOOST_TEST(content.paragraphs[0].number_length == std::string("一、\t").size());
  BOOST_TEST(content.paragraphs[0].outline_level == 0);
  BOOST_TEST(content.paragraphs[1].text == "1.1 细目");
  BOOST_TEST(content.paragraphs[2].text == "二、\t原因");
  BOOST_TEST(content.paragraphs[2].outline_level == 0);
}

BOOST_AUTO_TEST_CASE(number_formats) {
  using checklint::docx::format_number;
  BOOST_TEST(format_number(1, "chineseCounting") == "一");
  BOOST_TEST(format_number(10, "chineseCounting") == "十");
  BOOST_TEST(format_number(12, "chineseCounting") == "十二");
  BOOST_TEST(format_number(20, "chineseCountingThousand") == "二十");
  BOOST_TEST(format_number(105, "chineseCountingThousand") == "一百零五");
  BOOST_TEST(format_number(3, "ideographTraditional") == "丙");
  BOOST_TEST(format_number(2, "decimalEnclosedParen") == "⑵");
  BOOST_TEST(format_number(3, "decimalEnclosedCircleChinese") == "③");
  BOOST_TEST(format_number(12, "decimalFullWidth") == "１２");
  BOOST_TEST(format_number(4, "upperRoman") == "IV");
  BOOST_TEST(format_number(28, "lowerLetter") == "bb");
  BOOST_TEST(format_number(11, "chineseLegalSimplified") == "壹拾壹");
  BOOST_TEST(format_number(7, "decimal") == "7");
  BOOST_TEST(format_number(7, "none") == "");
}

BOOST_AUTO_TEST_CASE(headings_without_numbers_become_sections_numbered_ones_stay_numbered) {
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style>";
  const auto bytes = make_docx(p(r("某局班子对照检查材料"), "<w:outlineLvl w:val=\"0\"/>") + p(r("存在的问题"), "<w:pStyle w:val=\"2\"/>") +
                              p(r("一、学习方面"), "<w:pStyle w:val=\"2\"/>") + p(r("正文。")),
                          "", styles);
  const Document doc = docx_document("d.docx", read_docx(bytes));
  BOOST_TEST_REQUIRE(doc.lines.size() == 4U);
  BOOST_TEST((doc.lines[0].kind == LineKind::Heading));
  BOOST_TEST(doc.lines[0].heading_level == 1);
  BOOST_TEST((doc.lines[1].kind == LineKind::Heading));
  BOOST_TEST(doc.lines[1].heading_level == 2);
  BOOST_TEST((doc.lines[2].kind == LineKind::Paragraph));
  BOOST_TEST(doc.text.bytes() == "某局班子对照检查材料\n存在的问题\n一、学习方面\n正文。\n");
  BOOST_TEST_REQUIRE(doc.root.children.size() == 2U);
  BOOST_TEST((doc.root.children[0].kind == NodeKind::Title));
  BOOST_TEST((doc.root.children[1].kind == NodeKind::Heading));
  BOOST_TEST_REQUIRE(doc.root.children[1].children.size() == 1U);
  BOOST_TEST((doc.root.children[1].children[0].kind == NodeKind::Numbered));
}

BOOST_AUTO_TEST_CASE(broken_documents_are_clear_errors) {
  BOOST_TEST(docx_error(fixture("bad/not-a-zip.docx")) == "不是有效的 .docx（zip）文件：Not a zip archive");
  BOOST_TEST(docx_error(fixture("bad/no-document.docx")) == ".docx 中没有正文部分 word/document.xml，不是 Word 文档");
  BOOST_TEST(docx_error(fixture("bad/encrypted.docx")) ==
             "这是加密（设了密码）的 Word 文档或旧版 .doc 文件，不是可读取的 .docx；请取消密码或另存为 .docx");
  BOOST_TEST(docx_error(fixture("bad/malformed.docx")) == ".docx 中的 word/document.xml 不是完好的 XML（第 117 字节：Start-end tags mismatch）");
  BOOST_TEST(docx_error(fixture("bad/deep-tables.docx")) == ".docx 中表格或内容控件嵌套超过 64 层，不予读取");
  const std::string bomb = ".docx 中的 word/document.xml 解压后超过 64 MB，不予读取（可能是损坏的文件或“压缩炸弹”）";
  BOOST_TEST(docx_error(fixture("bad/bomb.docx")) == bomb);
  // The zip headers claim 100 bytes: the limit holds while inflating, not just by the header.
  BOOST_TEST(docx_error(fixture("bad/bomb-lying-header.docx")) == bomb);
  BOOST_TEST(docx_error("") == "不是有效的 .docx（zip）文件：Not a zip archive");
  BOOST_TEST(docx_error(make_zip({{"word/document.xml", "<w:document xmlns:w=\"" + kW + "\"/>"}})) ==
             ".docx 中的 word/document.xml 没有正文（w:body），不是 Word 文档");
  BOOST_TEST(read_docx(make_docx("")).paragraphs.empty());
}

BOOST_AUTO_TEST_CASE(crafted_documents_cannot_multiply_memory) {
  // A million and one empty paragraphs (6 MB of XML) is more than any draft: refused, not held.
  std::string body;
  body.reserve(6 * 1'000'001);
  for (int i = 0; i < 1'000'001; ++i) body += "<w:p/>";
  BOOST_TEST(docx_error(make_docx(body)) == ".docx 的正文超过 1000000 段或 128 MB，不予读取");
  // A level text is cut to 64 bytes, at a character boundary: 21 three-byte characters.
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "长";
  const std::string numbering = "<w:abstractNum w:abstractNumId=\"0\">" + lvl(0, "decimal", long_text + "%1") +
                                "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
  const auto got = texts(make_docx(p(r("甲"), num(1, 0)), numbering));
  BOOST_TEST_REQUIRE(got.size() == 1U);
  BOOST_TEST(got[0] == long_text.substr(0, 63) + "甲");
  BOOST_TEST(checklint::docx::format_number(100000, "upperLetter") == "100000");
}

BOOST_AUTO_TEST_CASE(cli_errors_exit_2_with_the_path) {
  const auto r = test::run_checklint("fixtures/docx/bad/no-document.docx fixtures/docx/numbering.docx");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "fixtures/docx/bad/no-document.docx: error: .docx 中没有正文部分 word/document.xml，不是 Word 文档\n");
  const auto en = test::run_checklint("--lang en fixtures/docx/bad/bomb.docx");
  BOOST_TEST(en.exit_code == 2);
  BOOST_TEST(en.err == "fixtures/docx/bad/bomb.docx: error: word/document.xml in the .docx inflates to more than 64 MB; not read\n");
}

BOOST_AUTO_TEST_CASE(fix_refuses_docx) {
  for (const char* mode : {"--fix", "--diff"}) {
    const auto r = test::run_checklint(std::string(mode) + " fixtures/docx/split-runs.docx");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err == "fixtures/docx/split-runs.docx: error: 暂不支持修复 .docx 文件（可先另存为 .txt 或 .md）\n");
  }
}

BOOST_AUTO_TEST_CASE(positions_are_paragraph_and_character_in_every_format) {
  // The placeholder XX is at paragraph 4, character 46 (all BMP: UTF-16 column 46, LSP 45 from 0).
  const std::string path = "fixtures/docx/split-runs.docx";
  const auto human = test::run_checklint("--color=never " + path);
  BOOST_TEST(human.out.find(path + ":4:46: 警告: 未填写的占位符“XX”") != std::string::npos, human.out);
  const auto json = test::run_checklint("--format json " + path);
  BOOST_TEST(json.out.find("\"line\": 4,\n            \"column\": 46,") != std::string::npos, json.out);
  const auto github = test::run_checklint("--format github " + path);
  BOOST_TEST(github.out.find("file=" + path + ",line=4,col=46,endLine=4,endColumn=48") != std::string::npos, github.out);
  const auto junit = test::run_checklint("--format junit " + path);
  BOOST_TEST(junit.out.find(path + ":4:46") != std::string::npos, junit.out);
  const auto sarif = test::run_checklint("--format sarif " + path);
  BOOST_TEST(sarif.out.find("\"startLine\": 4,\n                  \"startColumn\": 46,") != std::string::npos, sarif.out);
  const auto lsp = test::run_checklint("--format lsp " + path);
  BOOST_TEST(lsp.out.find("\"start\":{\"line\":3,\"character\":45}") != std::string::npos, lsp.out);
}

BOOST_AUTO_TEST_CASE(directory_walks_pick_docx_but_not_word_lock_files) {
  BOOST_TEST(is_draft_name("稿.DOCX"));
  BOOST_TEST(!is_draft_name("~$稿.docx"));
  const Inputs inputs = expand_inputs({(test::source_dir() / "fixtures" / "docx").string()}, {});
  std::size_t docx_files = 0;
  for (const auto& path : inputs.paths) docx_files += is_docx_path(path) ? 1 : 0;
  BOOST_TEST(docx_files == inputs.paths.size());
  BOOST_TEST(docx_files >= 11U);
}

BOOST_AUTO_TEST_CASE(load_notes_say_how_a_docx_was_read) {
  const Document doc = load_document("fixtures/docx/table.docx", fixture("table.docx"));
  const auto notes = load_notes(doc, Lang::Zh);
  BOOST_TEST_REQUIRE(notes.size() == 1U);
  BOOST_TEST(notes[0] ==
             "按 Word 文档读取：正文 33 段（含表格中的段落，自动编号按显示的样子计入），行号即段落序号；脚注、尾注、批注、页眉页脚和文本框未检查");
}

BOOST_AUTO_TEST_SUITE_END()
