// Fuzz target: arbitrary bytes as a .docx (zip + WordprocessingML). Anything that is
// not a readable Word document must be an InputError; memory stays within the
// inflation limits of docx.h, and the draft made from it parses like any other.
#include "fuzz/common.h"
#include "linter/document/docx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT(readability-identifier-naming): libFuzzer's name
  using namespace checklint;
  try {
    const DocxContent content = read_docx(fuzz::bytes_of(data, size));
    const Document doc = docx_document("fuzz.docx", content);
    if (doc.lines.size() < content.paragraphs.size()) __builtin_trap();
  } catch (const InputError&) {
    // Not a readable .docx.
  }
  return 0;
}
