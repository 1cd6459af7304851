// Encodings of text drafts: detection (BOMs, UTF-8, GB18030), --encoding,
// undecodable bytes reported at their offset in the file, positions in the
// decoded text, and --fix writing back in the original encoding.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "linter/document/load.h"
#include "linter/fix/fix.h"
#include "linter/source/decode.h"
#include "linter/source/read.h"
#include "support.h"

using namespace checklint;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

// 一、存在的问题 in GBK.
const std::string kGbkHeading = "\xD2\xBB\xA1\xA2\xB4\xE6\xD4\xDA\xB5\xC4\xCE\xCA\xCC\xE2";

std::string utf16le(std::u16string_view text, bool bom) {
  std::string out = bom ? "\xFF\xFE" : "";
  for (const char16_t unit : text) {
    out += static_cast<char>(unit & 0xFFU);
    out += static_cast<char>(unit >> 8U);
  }
  return out;
}

/// The message of the InputError that decoding `raw` throws, and its offset.
std::pair<std::string, std::size_t> decode_error(const std::string& raw, std::optional<Encoding> forced = std::nullopt) {
  try {
    (void)SourceText::from_file_bytes("d.txt", raw, forced);
  } catch (const InputError& e) {
    return {e.chinese(), e.offset()};
  }
  return {"", 0};
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("checklint-encoding-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(encoding)

BOOST_AUTO_TEST_CASE(utf8_with_and_without_bom) {
  const auto plain = SourceText::from_file_bytes("d.txt", "一、存在的问题\n");
  BOOST_TEST((plain.encoding() == Encoding::Utf8));
  BOOST_TEST(!plain.had_bom());
  const auto bom = SourceText::from_file_bytes("d.txt", "\xEF\xBB\xBF一、存在的问题\n");
  BOOST_TEST((bom.encoding() == Encoding::Utf8));
  BOOST_TEST(bom.had_bom());
  BOOST_TEST(bom.bytes() == "一、存在的问题\n");
}

BOOST_AUTO_TEST_CASE(adopted_bytes_become_the_text_only_when_they_are_it_already) {
  std::string body;
  for (int i = 0; i < 200; ++i) body += "一、存在的问题\n";
  // UTF-8 as it stands: the buffer itself becomes the text.
  std::string raw = body;
  const char* buffer = raw.data();
  const auto adopted = SourceText::adopt_file_bytes("d.txt", std::move(raw));
  BOOST_TEST(static_cast<const void*>(adopted.bytes().data()) == static_cast<const void*>(buffer));
  BOOST_TEST(adopted.bytes() == body);
  BOOST_TEST(adopted.line_count() == 200U);
  // With a BOM, or in another encoding, it is decoded as by from_file_bytes.
  std::string with_bom = "\xEF\xBB\xBF" + body;
  const auto bom = SourceText::adopt_file_bytes("d.txt", std::move(with_bom));
  BOOST_TEST(bom.had_bom());
  BOOST_TEST(bom.bytes() == body);
  std::string gbk = kGbkHeading;
  const auto decoded = SourceText::adopt_file_bytes("d.txt", std::move(gbk));
  BOOST_TEST((decoded.encoding() == Encoding::Gb18030));
  // Refused input is left as it was, for the error's line and column.
  const auto refused = [](std::string bytes, std::optional<Encoding> forced) {
    const std::string before = bytes;
    bool thrown = false;
    try {
      (void)SourceText::adopt_file_bytes("d.txt", std::move(bytes), forced);
    } catch (const InputError&) {
      thrown = true;
    }
    return thrown && bytes == before;  // NOLINT(bugprone-use-after-move): not moved from on a throw
  };
  BOOST_TEST(refused(body + std::string(1, '\0'), std::nullopt));
  BOOST_TEST(refused(body + "\xFF", Encoding::Utf8));
}

BOOST_AUTO_TEST_CASE(utf16_by_its_bom_with_positions_in_the_decoded_text) {
  // 𠮷 is a surrogate pair in UTF-16 and 4 bytes in UTF-8.
  const auto le = SourceText::from_file_bytes("d.txt", utf16le(u"一、𠮷\r\n二是XX", true));
  BOOST_TEST((le.encoding() == Encoding::Utf16LE));
  BOOST_TEST(le.had_bom());
  BOOST_TEST(le.bytes() == "一、𠮷\r\n二是XX");
  BOOST_TEST((le.line_ending() == LineEnding::CRLF));
  const Position p = le.position(le.bytes().find("XX"));
  BOOST_TEST(p.line == 2U);
  BOOST_TEST(p.column == 3U);

  const std::string be = "\xFE\xFF\x4E\x00\x30\x01"s;  // 一、
  const auto big = SourceText::from_file_bytes("d.txt", be);
  BOOST_TEST((big.encoding() == Encoding::Utf16BE));
  BOOST_TEST(big.bytes() == "一、");
}

BOOST_AUTO_TEST_CASE(gb18030_when_not_utf8_and_gbk_when_asked) {
  const auto detected = SourceText::from_file_bytes("d.txt", kGbkHeading + "\n");
  BOOST_TEST((detected.encoding() == Encoding::Gb18030));
  BOOST_TEST(detected.bytes() == "一、存在的问题\n");
  const auto forced = SourceText::from_file_bytes("d.txt", kGbkHeading, Encoding::Gbk);
  BOOST_TEST((forced.encoding() == Encoding::Gbk));
  BOOST_TEST(forced.bytes() == "一、存在的问题");
  // Valid UTF-8 stays UTF-8 even when GB18030 could also decode it.
  BOOST_TEST((SourceText::from_file_bytes("d.txt", "一").encoding() == Encoding::Utf8));
}

BOOST_AUTO_TEST_CASE(parse_encoding_names) {
  BOOST_TEST((parse_encoding("UTF-8") == Encoding::Utf8));
  BOOST_TEST((parse_encoding("utf-16le") == Encoding::Utf16LE));
  BOOST_TEST((parse_encoding("UTF-16BE") == Encoding::Utf16BE));
  BOOST_TEST((parse_encoding("gb18030") == Encoding::Gb18030));
  BOOST_TEST((parse_encoding("GBK") == Encoding::Gbk));
  BOOST_TEST(!parse_encoding("latin1").has_value());
}

BOOST_AUTO_TEST_CASE(undecodable_bytes_are_reported_at_their_offset_in_the_file) {
  // 0xFF is neither UTF-8 nor GB18030: the UTF-8 error at byte 3.
  auto [message, offset] = decode_error("abc\xFF" "def");
  BOOST_TEST(offset == 3U);
  BOOST_TEST(message == "第 3 字节（从 0 起）处的 0xFF 不是有效的 UTF-8 编码（GBK、GB18030 或 UTF-16 的文件可用 --encoding 指定编码）");
  // Forced GBK: the first byte GBK cannot decode.
  std::tie(message, offset) = decode_error(kGbkHeading + "\xFF", Encoding::Gbk);
  BOOST_TEST(offset == kGbkHeading.size());
  BOOST_TEST(message == "无法按 GBK 解码：第 14 字节（从 0 起）处的 0xFF 无效");
  // UTF-16: an odd byte at the end, and an unpaired surrogate (D800 at byte 4).
  std::tie(message, offset) = decode_error(utf16le(u"一", true) + "x");
  BOOST_TEST(offset == 4U);
  std::tie(message, offset) = decode_error("\xFF\xFE" "A\x00" "\x00\xD8" "B\x00"s);
  BOOST_TEST(offset == 4U);
  BOOST_TEST(message == "无法按 UTF-16LE 解码：第 4 字节（从 0 起）处的 0x00 无效");
  // A NUL character inside UTF-16 text is binary, at its byte offset.
  std::tie(message, offset) = decode_error("\xFF\xFE" "A\x00\x00\x00"s);
  BOOST_TEST(offset == 4U);
  BOOST_TEST(message == "二进制文件：第 4 字节（从 0 起）处是 NUL 字符");
}

BOOST_AUTO_TEST_CASE(utf16_without_bom_gets_a_hint) {
  const auto [message, offset] = decode_error(utf16le(u"一、存在的问题", false));
  BOOST_TEST(message == "二进制文件：含 NUL 字节；如果这是没有字节顺序标记（BOM）的 UTF-16LE 文本，请加 --encoding utf-16le");
  BOOST_TEST((SourceText::from_file_bytes("d.txt", utf16le(u"一、", false), Encoding::Utf16LE).bytes() == "一、"));
}

BOOST_AUTO_TEST_CASE(encoding_round_trips_and_refuses_what_it_cannot_write) {
  for (const auto& name : {"gbk.txt", "utf16le-bom.txt", "utf16be-bom.txt"}) {
    const std::string raw = test::read_text(test::source_dir() / "fixtures" / "encoding" / name);
    const auto text = SourceText::from_file_bytes(name, raw);
    BOOST_TEST(file_bytes(text, text.bytes()) == raw, name);
  }
  // 𠮷 has no GBK code; GB18030 has one for every code point.
  BOOST_CHECK_THROW(encode_text("一𠮷", Encoding::Gbk, false), EncodeError);
  BOOST_TEST(encode_text("一𠮷", Encoding::Gb18030, false) == "\xD2\xBB\x95\x34\xB2\x35");
}

BOOST_AUTO_TEST_CASE(cli_notes_the_encoding_and_reports_decoded_positions) {
  const auto r = test::run_checklint("--color=never --format json fixtures/encoding/gbk.txt");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("\"按 GB18030 编码读取（不是 UTF-8）；位置按解码后的文字计\"") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\"start\": {\n            \"line\": 4,\n            \"column\": 46,") != std::string::npos, r.out);
  const auto en = test::run_checklint("--color=never --lang en fixtures/encoding/utf16le-bom.txt");
  BOOST_TEST(en.out.find("fixtures/encoding/utf16le-bom.txt: note: read as UTF-16LE (not UTF-8); positions count the decoded text") !=
                 std::string::npos,
             en.out);
}

BOOST_AUTO_TEST_CASE(cli_undecodable_file_is_an_error_with_its_offset) {
  const fs::path bad = scratch("bad.txt");
  test::write_text(bad, "一、存在\n\xFF的问题\n");
  const auto r = test::run_checklint("'" + bad.string() + "'");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == bad.string() + ":2:1: error: 第 13 字节（从 0 起）处的 0xFF 不是有效的 UTF-8 编码（GBK、GB18030 或 UTF-16 的文件可用 --encoding 指定编码）\n");
  const auto forced = test::run_checklint("--encoding gbk '" + bad.string() + "'");
  BOOST_TEST(forced.exit_code == 2);
  BOOST_TEST(forced.err == bad.string() + ":1:12: error: 无法按 GBK 解码：第 11 字节（从 0 起）处的 0xA8 无效\n");
  fs::remove_all(bad.parent_path());
}

BOOST_AUTO_TEST_CASE(fix_writes_gbk_and_utf16_back_in_their_encoding) {
  for (const auto& name : {"gbk.txt", "utf16le-bom.txt"}) {
    BOOST_TEST_CONTEXT(name) {
      const std::string raw = test::read_text(test::source_dir() / "fixtures" / "encoding" / name);
      const fs::path copy = scratch(name);
      test::write_text(copy, raw);
      const auto r = test::run_checklint("--fix '" + copy.string() + "'");
      BOOST_TEST(r.exit_code == 0, r.err);
      BOOST_TEST(r.err == copy.string() + ": 已修复 1 处，跳过 0 处重叠，0 处不安全的修改未应用\n");
      const std::string written = test::read_text(copy);
      // Same encoding, BOM and line endings; only the number changed.
      const SourceText before = SourceText::from_file_bytes(name, raw);
      std::string expected_text(before.bytes());
      const std::string from = "（五）带头履行";
      expected_text.replace(expected_text.find(from), from.size(), "（四）带头履行");
      BOOST_TEST(written == encode_text(expected_text, before.encoding(), before.had_bom()));
      const SourceText after = SourceText::from_file_bytes(name, written);
      BOOST_TEST((after.encoding() == before.encoding()));
      BOOST_TEST((after.line_ending() == before.line_ending()));
      fs::remove_all(copy.parent_path());
    }
  }
}

BOOST_AUTO_TEST_CASE(files_are_read_whole_at_every_size_and_from_a_pipe) {
  // Sizes around the pipe block (64 KiB) and the probe that looks past a full buffer (4 KiB).
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{65535},
                                 std::size_t{65536}, std::size_t{65537}, std::size_t{69633}, std::size_t{300001}}) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
    const fs::path file = scratch("read-" + std::to_string(size) + ".txt");
    test::write_text(file, bytes);
    const std::string read = read_file_bytes(file.string());
    BOOST_TEST((read == bytes), size << " bytes");
    // A regular file is read into a buffer of its size: no second, larger one to look for the end.
    BOOST_TEST(read.capacity() <= std::max<std::size_t>(size, 15) + 64, size << " bytes, capacity " << read.capacity());
    // The same bytes through a FIFO, whose size is unknown and which is read in blocks.
    const fs::path fifo = scratch("read-" + std::to_string(size) + ".fifo");
    fs::remove(fifo);
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] { test::write_text(fifo, bytes); });
    const std::string piped = read_file_bytes(fifo.string());
    writer.join();
    BOOST_TEST((piped == bytes), size << " bytes through a FIFO");
    fs::remove(fifo);
    fs::remove(file);
  }
}

BOOST_AUTO_TEST_CASE(diff_of_a_gbk_file_is_shown_decoded) {
  const auto r = test::run_checklint("--diff fixtures/encoding/gbk.txt");
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("+（四）带头履行全面从严治党政治责任方面。") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_SUITE_END()
