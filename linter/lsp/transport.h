#pragma once
// LSP base protocol framing: `Content-Length: N\r\n\r\n` then N bytes of JSON.
// Reading never trusts the peer: malformed headers are reported and skipped, a
// length beyond kMaxMessageBytes is refused (its bytes skipped, not buffered), and
// a body cut short by the end of input ends the stream.
#include <cstddef>
#include <istream>
#include <mutex>
#include <ostream>
#include <string>

namespace checklint::lsp {

/// Larger bodies are refused; a 50 KB draft is about 60 KB of JSON, so this leaves ample room.
inline constexpr std::size_t kMaxMessageBytes = 64UL * 1024 * 1024;

struct Frame {
  enum class Status {
    Ok,         ///< `body` holds one message
    Malformed,  ///< a header block without a usable Content-Length, or a length too large; `error` says why
    End,        ///< end of input (a truncated body too; `error` says so then)
  };
  Status status = Status::End;
  std::string body;
  std::string error;
};

/// Reads the next framed message.
Frame read_frame(std::istream& in);

/// Writes framed messages; whole messages only, from any thread.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  void write(const std::string& body);

 private:
  std::ostream& out_;
  std::mutex mutex_;
};

}  // namespace checklint::lsp
