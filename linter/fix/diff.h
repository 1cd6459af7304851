#pragma once
// A unified diff writer for --diff: line based, as `diff -u` prints it, so the
// output can be read in review or applied with `patch -p1` / `git apply`.
#include <cstddef>
#include <string>
#include <string_view>

namespace checklint {

/// A unified diff from `before` to `after`, with `context` lines of context and
/// `--- a/PATH` / `+++ b/PATH` headers; empty when the two are equal. Lines end
/// after each '\n' and are compared with their terminator, so a CRLF line stays
/// CRLF in the diff; a last line without '\n' gets "\ No newline at end of file".
std::string unified_diff(std::string_view before, std::string_view after, std::string_view path,
                         std::size_t context = 3);

}  // namespace checklint
