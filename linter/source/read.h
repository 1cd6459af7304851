#pragma once
#include <istream>
#include <string>

#include "linter/source/text.h"

namespace checklint {

/// The largest input checklint reads: hundreds of times the longest real draft, and small
/// enough that a stray log or disk image in a folder of drafts costs nothing.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// Reads a whole file as bytes. Throws InputError (offset 0) when it cannot be read or is
/// larger than kMaxInputBytes (checked before reading).
std::string read_file_bytes(const std::string& path);
/// Reads a whole stream as bytes; throws InputError past kMaxInputBytes.
std::string read_stream_bytes(std::istream& in);

/// `path: error: message` or `path:line:col: error: ...` for an InputError, with the
/// line and column of the offending byte where the bytes are at hand.
std::string describe_input_error(const std::string& path, const std::string& bytes, const InputError& error);
/// The same in `chinese` (the error's Chinese message, when it has one; the English one otherwise).
std::string describe_input_error(const std::string& path, const std::string& bytes, const InputError& error, bool chinese);

}  // namespace checklint
