#pragma once
// `checklint lsp`: a Language Server Protocol 3.17 server over a byte stream
// (stdio in practice; tests also run it on in-memory streams). The reading thread
// applies notifications and answers cheap requests; requests that need a lint are
// answered by a request thread, where $/cancelRequest can overtake them. Diagnostics
// are linted and published by one worker thread: at once when it is idle, and edits
// that come during a lint are linted together right after it. Each publication
// carries the version it was linted from and is dropped when the buffer has changed
// meanwhile.
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "linter/diagnostics/diagnostic.h"

namespace checklint::lsp {

struct ServerOptions {
  std::optional<Lang> lang;  ///< --lang; otherwise initializationOptions, then the client's locale, then Chinese
  std::string version;       ///< serverInfo.version
};

/// Serves one client until `exit` or the end of `in`. Protocol errors are answered and logged to
/// `log`. Returns the process exit code: 0 after shutdown → exit, 1 for an exit without shutdown
/// or the end of input (the diagnostics still pending are published first).
int serve(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options);

/// serve() on standard input and output, logging to standard error.
int run_lsp(const ServerOptions& options);

}  // namespace checklint::lsp
