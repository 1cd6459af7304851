#include "linter/lsp/transport.h"

#include <charconv>
#include <optional>

namespace checklint::lsp {
namespace {

/// Header names are case-insensitive (RFC 7230), so `content-length` counts too.
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Header lines longer than this are cut (the rest is read and dropped), so that junk
/// without newlines cannot make the server buffer without bound.
constexpr std::size_t kMaxHeaderLine = 4096;

/// One header line without its terminator; a lone \n ends a line too (lenient); nullopt at end of input.
std::optional<std::string> read_line(std::istream& in) {
  std::string line;
  bool any = false;
  for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
    any = true;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (line.size() < kMaxHeaderLine) line.push_back(static_cast<char>(c));
  }
  if (!any) return std::nullopt;
  return line;
}

}  // namespace

Frame read_frame(std::istream& in) {
  Frame frame;
  std::size_t length = 0;
  bool has_length = false;
  std::string problem;
  bool any_line = false;
  for (;;) {
    auto line = read_line(in);
    if (!line) {
      frame.status = Frame::Status::End;
      if (any_line) frame.error = "end of input inside a message header";
      return frame;
    }
    if (line->empty()) {
      if (!any_line) continue;  // stray blank lines between messages
      break;
    }
    any_line = true;
    const auto colon = line->find(':');
    if (colon == std::string::npos) {
      problem = "header line without ':': " + line->substr(0, 80);
      continue;
    }
    const std::string_view name = trim(std::string_view(*line).substr(0, colon));
    const std::string_view value = trim(std::string_view(*line).substr(colon + 1));
    if (!iequals(name, "Content-Length")) continue;  // Content-Type and others: nothing to do
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || end != value.data() + value.size()) {
      problem = "bad Content-Length: " + std::string(value.substr(0, 40));
      has_length = false;
      continue;
    }
    length = n;
    has_length = true;
  }
  if (!has_length) {
    frame.status = Frame::Status::Malformed;
    frame.error = problem.empty() ? "message header without Content-Length" : problem;
    return frame;
  }
  if (length > kMaxMessageBytes) {
    // Skipped without buffering, so that the next message can still be read.
    in.ignore(static_cast<std::streamsize>(length));
    frame.status = in.gcount() == static_cast<std::streamsize>(length) ? Frame::Status::Malformed : Frame::Status::End;
    frame.error = "Content-Length " + std::to_string(length) + " exceeds the limit of " + std::to_string(kMaxMessageBytes) + " bytes";
    return frame;
  }
  frame.body.resize(length);
  in.read(frame.body.data(), static_cast<std::streamsize>(length));
  if (in.gcount() != static_cast<std::streamsize>(length)) {
    frame.status = Frame::Status::End;
    frame.error = "end of input after " + std::to_string(in.gcount()) + " of " + std::to_string(length) + " body bytes";
    frame.body.clear();
    return frame;
  }
  frame.status = Frame::Status::Ok;
  return frame;
}

void Writer::write(const std::string& body) {
  const std::lock_guard lock(mutex_);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace checklint::lsp
