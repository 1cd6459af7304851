#pragma once
// `checklint lsp`: a Language Server Protocol 3.17 server over a byte stream
// (stdio in practice; tests also run it on in-memory streams). Requests are
// answered in order on the reading thread; diagnostics are linted and published
// by one worker thread after a short debounce, each with the version it was
// linted from, and dropped when the buffer has changed meanwhile.
#include <chrono>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "linter/diagnostics/diagnostic.h"

namespace checklint::lsp {

struct ServerOptions {
  std::optional<Lang> lang;  ///< --lang; otherwise initializationOptions, then the client's locale, then Chinese
  std::string version;       ///< serverInfo.version
  /// Quiet time after the last edit before a buffer is linted and published.
  std::chrono::milliseconds debounce{30};
  /// While edits keep coming, a buffer is still published at least this often.
  std::chrono::milliseconds max_delay{300};
};

/// Serves one client until `exit` or the end of `in`. Protocol errors are answered and logged to
/// `log`. Returns the process exit code: 0 after shutdown → exit, 1 for an exit without shutdown
/// or the end of input (the diagnostics still pending are published first).
int serve(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options);

/// serve() on standard input and output, logging to standard error.
int run_lsp(const ServerOptions& options);

}  // namespace checklint::lsp
