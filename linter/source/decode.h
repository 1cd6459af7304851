#pragma once
// Character encodings of text drafts: drafts saved on Chinese Windows machines
// often arrive as GBK/GB18030 or UTF-16 ("Unicode" in Notepad). checklint
// decodes them to UTF-8 once, on the way in, so that every byte offset inside
// refers to the decoded UTF-8 text; --fix encodes the result back the same way.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace checklint {

enum class Encoding { Utf8, Utf16LE, Utf16BE, Gb18030, Gbk };

/// "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "GBK".
std::string_view encoding_name(Encoding encoding);

/// Parses an --encoding value (utf-8, utf8, utf-16le, utf-16be, gb18030, gbk, cp936; any case).
std::optional<Encoding> parse_encoding(std::string_view name);

/// The decoded text and how it was written.
struct Decoded {
  std::string text;  ///< UTF-8, without a byte order mark
  Encoding encoding = Encoding::Utf8;
  bool bom = false;  ///< the file started with a byte order mark
  bool utf8_checked = false;  ///< UTF-8 that first_invalid_utf8() has passed (to tell the encoding)
};

/// Decodes a file's bytes. With `forced`, only that encoding is tried (a BOM
/// matching it is dropped). Otherwise: a UTF-8 or UTF-16 BOM decides; bytes that
/// are valid UTF-8 are UTF-8; bytes that are not, but decode as GB18030, are
/// GB18030. UTF-8 is returned unvalidated unless detection checked it (SourceText
/// validates it with its own messages); for the other encodings a NUL or an undecodable byte throws
/// InputError with the byte offset in `raw`.
Decoded decode_text(std::string_view raw, std::optional<Encoding> forced);

/// Raised when text has a character the target encoding cannot represent.
class EncodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

/// Encodes UTF-8 text as `encoding`, with a BOM when `bom` (UTF-8 and UTF-16 only).
std::string encode_text(std::string_view utf8, Encoding encoding, bool bom);

}  // namespace checklint
