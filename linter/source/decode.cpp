#include "linter/source/decode.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>

#include <fmt/format.h>

#include "linter/source/text.h"

namespace checklint {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LEBom = "\xFF\xFE";
constexpr std::string_view kUtf16BEBom = "\xFE\xFF";

/// An iconv descriptor that closes itself.
class Converter {
 public:
  Converter(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    // iconv_open's documented failure value is (iconv_t)-1.
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
      throw std::runtime_error(fmt::format("iconv cannot convert from {} to {}", from, to));
    }
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  Converter(Converter&&) = delete;
  Converter& operator=(Converter&&) = delete;
  ~Converter() { iconv_close(cd_); }

  /// Converts all of `in`; on an invalid or incomplete sequence returns false with
  /// `bad` set to its offset in `in`.
  bool convert(std::string_view in, std::string& out, std::size_t& bad) {
    out.clear();
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): iconv's API takes char** for input it does not modify
    char* input = const_cast<char*>(in.data());
    std::size_t input_left = in.size();
    std::array<char, 16384> buffer{};
    while (input_left > 0) {
      char* output = buffer.data();
      std::size_t output_left = buffer.size();
      const std::size_t result = iconv(cd_, &input, &input_left, &output, &output_left);
      out.append(buffer.data(), buffer.size() - output_left);
      if (result != static_cast<std::size_t>(-1)) continue;
      if (errno == E2BIG) continue;
      bad = static_cast<std::size_t>(input - in.data());
      return false;
    }
    return true;
  }

 private:
  iconv_t cd_;
};

const char* iconv_name(Encoding encoding) {
  return encoding == Encoding::Gbk ? "GBK" : "GB18030";
}

/// `located`: the raw bytes count lines like the text (ASCII-compatible encodings).
[[noreturn]] void undecodable(Encoding encoding, std::size_t offset, unsigned byte, bool located = false) {
  throw InputError(fmt::format("cannot decode as {}: invalid byte 0x{:02X} at byte offset {}", encoding_name(encoding), byte, offset),
                   fmt::format("无法按 {} 解码：第 {} 字节（从 0 起）处的 0x{:02X} 无效", encoding_name(encoding), offset, byte),
                   offset, located);
}

[[noreturn]] void nul_byte(std::size_t offset) {
  throw InputError(fmt::format("binary file: NUL character at byte offset {}", offset),
                   fmt::format("二进制文件：第 {} 字节（从 0 起）处是 NUL 字符", offset), offset, false);
}

/// UTF-16 by hand: exact offsets for odd lengths and unpaired surrogates.
std::string decode_utf16(std::string_view raw, std::size_t start, bool little) {
  std::string out;
  out.reserve(raw.size() * 3 / 2);
  const auto unit = [&](std::size_t at) {
    const auto a = static_cast<unsigned char>(raw[at]);
    const auto b = static_cast<unsigned char>(raw[at + 1]);
    return static_cast<char32_t>(little ? (b << 8U) | a : (a << 8U) | b);
  };
  const Encoding encoding = little ? Encoding::Utf16LE : Encoding::Utf16BE;
  std::size_t i = start;
  for (; i + 1 < raw.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp == 0) nul_byte(i);
    if (cp >= 0xDC00 && cp <= 0xDFFF) undecodable(encoding, i, static_cast<unsigned char>(raw[i]));
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= raw.size()) undecodable(encoding, i, static_cast<unsigned char>(raw[i]));
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) undecodable(encoding, i, static_cast<unsigned char>(raw[i]));
      cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
      i += 2;
    }
    append_utf8(out, cp);
  }
  if (i < raw.size()) undecodable(encoding, i, static_cast<unsigned char>(raw[i]));
  return out;
}

std::string decode_gb(std::string_view raw, Encoding encoding) {
  if (const auto nul = raw.find('\0'); nul != std::string_view::npos) nul_byte(nul);
  Converter converter("UTF-8", iconv_name(encoding));
  std::string out;
  std::size_t bad = 0;
  if (!converter.convert(raw, out, bad)) undecodable(encoding, bad, static_cast<unsigned char>(raw[bad]), true);
  return out;
}

/// Whether the start of a BOM-less file reads as UTF-16 text in one byte order:
/// nearly every code unit ASCII text, CJK or fullwidth punctuation.
bool plausible_utf16(std::string_view raw, bool little) {
  const std::size_t units = std::min<std::size_t>(raw.size(), 4096) / 2;
  if (units == 0) return false;
  std::size_t good = 0;
  for (std::size_t i = 0; i < units; ++i) {
    const auto a = static_cast<unsigned char>(raw[2 * i]);
    const auto b = static_cast<unsigned char>(raw[2 * i + 1]);
    const unsigned u = little ? (b << 8U) | a : (a << 8U) | b;
    if ((u >= 0x20 && u < 0x7F) || u == '\t' || u == '\n' || u == '\r' || (u >= 0x3000 && u <= 0x9FFF) || (u >= 0xFF00 && u <= 0xFFEF)) ++good;
  }
  return good * 10 >= units * 9;
}

std::optional<Encoding> looks_like_utf16(std::string_view raw) {
  if (plausible_utf16(raw, true)) return Encoding::Utf16LE;
  if (plausible_utf16(raw, false)) return Encoding::Utf16BE;
  return std::nullopt;
}

Decoded decode_as(std::string_view raw, Encoding encoding) {
  Decoded d;
  d.encoding = encoding;
  switch (encoding) {
    case Encoding::Utf8:
      d.bom = raw.starts_with(kUtf8Bom);
      d.text = std::string(raw.substr(d.bom ? kUtf8Bom.size() : 0));
      return d;
    case Encoding::Utf16LE:
      d.bom = raw.starts_with(kUtf16LEBom);
      d.text = decode_utf16(raw, d.bom ? 2 : 0, true);
      return d;
    case Encoding::Utf16BE:
      d.bom = raw.starts_with(kUtf16BEBom);
      d.text = decode_utf16(raw, d.bom ? 2 : 0, false);
      return d;
    case Encoding::Gb18030:
    case Encoding::Gbk:
      d.text = decode_gb(raw, encoding);
      return d;
  }
  return d;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string_view encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::Utf8: return "UTF-8";
    case Encoding::Utf16LE: return "UTF-16LE";
    case Encoding::Utf16BE: return "UTF-16BE";
    case Encoding::Gb18030: return "GB18030";
    case Encoding::Gbk: return "GBK";
  }
  return "UTF-8";
}

std::optional<Encoding> parse_encoding(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::erase(lower, '_');
  if (lower == "utf-8" || lower == "utf8") return Encoding::Utf8;
  if (lower == "utf-16le" || lower == "utf16le") return Encoding::Utf16LE;
  if (lower == "utf-16be" || lower == "utf16be") return Encoding::Utf16BE;
  if (lower == "gb18030") return Encoding::Gb18030;
  if (lower == "gbk" || lower == "cp936") return Encoding::Gbk;
  return std::nullopt;
}

Decoded decode_text(std::string_view raw, std::optional<Encoding> forced) {
  if (forced) return decode_as(raw, *forced);
  if (raw.starts_with(kUtf8Bom)) return decode_as(raw, Encoding::Utf8);
  if (raw.starts_with(kUtf16LEBom)) return decode_as(raw, Encoding::Utf16LE);
  if (raw.starts_with(kUtf16BEBom)) return decode_as(raw, Encoding::Utf16BE);
  if (first_invalid_utf8(raw) == std::string_view::npos) {
    Decoded d = decode_as(raw, Encoding::Utf8);
    d.utf8_checked = true;
    return d;
  }
  if (raw.find('\0') == std::string_view::npos) {
    try {
      return decode_as(raw, Encoding::Gb18030);
    } catch (const InputError&) {
      // Neither UTF-8 nor GB18030: SourceText reports the first byte that is not UTF-8.
    }
  } else if (const auto utf16 = looks_like_utf16(raw)) {
    throw InputError(
        fmt::format("binary file: NUL bytes; if this is {} text without a byte order mark, use --encoding {}", encoding_name(*utf16),
                    *utf16 == Encoding::Utf16LE ? "utf-16le" : "utf-16be"),
        fmt::format("二进制文件：含 NUL 字节；如果这是没有字节顺序标记（BOM）的 {} 文本，请加 --encoding {}", encoding_name(*utf16),
                    *utf16 == Encoding::Utf16LE ? "utf-16le" : "utf-16be"),
        raw.find('\0'), false);
  }
  return decode_as(raw, Encoding::Utf8);
}

std::string encode_text(std::string_view utf8, Encoding encoding, bool bom) {
  std::string out;
  switch (encoding) {
    case Encoding::Utf8:
      if (bom) out = kUtf8Bom;
      out.append(utf8);
      return out;
    case Encoding::Utf16LE:
    case Encoding::Utf16BE: {
      const bool little = encoding == Encoding::Utf16LE;
      if (bom) out = little ? kUtf16LEBom : kUtf16BEBom;
      const auto put = [&](char32_t u) {
        const auto hi = static_cast<char>((u >> 8U) & 0xFFU);
        const auto lo = static_cast<char>(u & 0xFFU);
        out += little ? lo : hi;
        out += little ? hi : lo;
      };
      for (std::size_t i = 0; i < utf8.size();) {
        std::size_t length = 1;
        const char32_t cp = decode_utf8(utf8, i, length);
        if (cp >= 0x10000) {
          put(0xD800 + ((cp - 0x10000) >> 10U));
          put(0xDC00 + ((cp - 0x10000) & 0x3FFU));
        } else {
          put(cp);
        }
        i += length;
      }
      return out;
    }
    case Encoding::Gb18030:
    case Encoding::Gbk: {
      Converter converter(iconv_name(encoding), "UTF-8");
      std::size_t bad = 0;
      if (!converter.convert(utf8, out, bad)) {
        std::size_t length = 1;
        const char32_t cp = decode_utf8(utf8, bad, length);
        throw EncodeError(fmt::format("U+{:04X} cannot be written in {}", static_cast<unsigned>(cp), encoding_name(encoding)));
      }
      return out;
    }
  }
  return out;
}

}  // namespace checklint
