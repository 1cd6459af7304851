// Fuzz target: a whole language-server session read from arbitrary bytes (framing,
// JSON, requests in any order, edits with any ranges). The server must answer or log
// every bad message and end at the end of input, never crash or hang.
#include <sstream>

#include "fuzz/common.h"
#include "linter/lsp/server.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {  // NOLINT(readability-identifier-naming): libFuzzer's name
  std::istringstream in(checklint::fuzz::bytes_of(data, size));
  std::ostringstream out;
  std::ostringstream log;
  const checklint::lsp::ServerOptions options;
  (void)checklint::lsp::serve(in, out, log, options);
  return 0;
}
