#pragma once
// From a file's bytes to a parsed draft, whatever it is written as: a .docx is
// read by its paragraphs (docx.h), any other file is text in UTF-8, UTF-16 or
// GB18030/GBK (decode.h) and parsed as Markdown or plain text by its name.
// The command line, --fix and the tests all load drafts through here.
#include <optional>
#include <string>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"

namespace checklint {

struct LoadOptions {
  std::optional<Encoding> encoding;  ///< --encoding; nullopt: detect
};

/// Parses the draft `path` from its bytes. Throws InputError (see describe_input_error()).
Document load_document(const std::string& path, const std::string& bytes, const LoadOptions& options = {});
/// The same, taking the bytes (SourceText::adopt_file_bytes: most drafts' bytes become the
/// text without a copy); `bytes` is left as it was when this throws InputError while decoding.
Document load_document(const std::string& path, std::string&& bytes, const LoadOptions& options = {});

/// Run-level notes on how a draft was read, for FileResult::notes: the encoding
/// assumed when it was not UTF-8, and what a .docx contributed.
std::vector<std::string> load_notes(const Document& doc, Lang lang);

}  // namespace checklint
