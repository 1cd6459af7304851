#pragma once
// What the machine-readable emitters share: paths as their readers want them
// (relative, forward slashes, percent-encoded URIs), totals, and one factory
// per format (each defined in its own file, chosen by make_emitter).
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linter/emitters/emitter.h"

namespace checklint::emit {

/// options.base_dir, or the current directory when it is empty.
std::filesystem::path base_dir(const EmitOptions& options);

/// The path with forward slashes, made relative to `base` when it is absolute and
/// lies anywhere `base` can reach by "../" steps ("./a/../b" becomes "b").
std::string relative_path(std::string_view path, const std::filesystem::path& base);

/// Percent-encodes every byte of a UTF-8 path except RFC 3986 unreserved
/// characters and '/', so CJK names and ':' survive as URI references.
std::string percent_encode_path(std::string_view path);

/// An append-only byte buffer for an emitter's hot path: room for a piece is made with one
/// test and the piece written through a pointer (each std::string append is a call that checks
/// and may grow on its own, which was most of the cost of a number in the JSON report).
class ByteBuffer {
 public:
  using value_type = char;  // for std::back_inserter

  /// Room for `n` more bytes; write them at the pointer returned, then commit().
  char* room(std::size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return data_.get() + size_;
  }
  /// Keeps what was written from room() up to `end`.
  void commit(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(const char* bytes, std::size_t n) {
    if (n == 0) return;
    std::memcpy(room(n), bytes, n);
    size_ += n;
  }
  void append(std::string_view s) { append(s.data(), s.size()); }
  void push_back(char c) {
    *room(1) = c;
    ++size_;
  }
  [[nodiscard]] std::string_view view() const { return {data_.get(), size_}; }
  [[nodiscard]] std::size_t size() const { return size_; }
  void clear() { size_ = 0; }

 private:
  void grow(std::size_t n);

  std::unique_ptr<char[]> data_;  // NOLINT(cppcoreguidelines-avoid-c-arrays): a buffer of bytes
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// Writes `n` in decimal at `p` (room for 20 bytes), as std::to_chars does; returns the end.
/// The numbers of a report (lines, columns, offsets) mostly have one to five digits, written
/// here two at a time from a table with no count of digits first: to_chars' count and 64-bit
/// divisions cost some 45 instructions a number, and a finding holds six to eighteen.
char* write_decimal(char* p, std::size_t n);

/// Whether write_json_string() writes `s` as it stands between quotes, found in one look at
/// each character: true for plain ASCII and well-formed three-byte characters (all of CJK),
/// nearly every message and path; false means only "ask write_json_string".
bool json_string_as_is(std::string_view s);

/// `s` as a JSON string, byte for byte as nlohmann's dump() writes it: UTF-8 kept, quotes,
/// backslashes and controls escaped, invalid bytes replaced by U+FFFD. Appended to `out`
/// (a std::string or a ByteBuffer).
template <typename Out>
void write_json_string(Out& out, std::string_view s);
extern template void write_json_string(std::string& out, std::string_view s);
extern template void write_json_string(ByteBuffer& out, std::string_view s);

/// The absolute file:// URI of a path as given (relative paths resolved against `base`).
std::string file_uri(std::string_view path, const std::filesystem::path& base);

/// What a reader calls a severity: 错误 / 警告 / 提示, or error / warning / info.
const char* severity_label(Severity severity, Lang lang);

struct Totals {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t infos = 0;
};
Totals count(const std::vector<Diagnostic>& diagnostics);
Totals count(const std::vector<FileResult>& results);

/// A report of one independent part per file and nothing around them (github, lsp).
class PerFileEmitter : public StreamingEmitter {
 public:
  explicit PerFileEmitter(EmitOptions options) : options_(std::move(options)) {}
  void begin(std::ostream& out) override {
    out_ = &out;
    base_ = base_dir(options_);
  }
  void end() override {}

 protected:
  [[nodiscard]] const EmitOptions& options() const { return options_; }
  [[nodiscard]] std::ostream& out() const { return *out_; }
  /// Where relative paths are resolved (base_dir()).
  [[nodiscard]] const std::filesystem::path& base() const { return base_; }

 private:
  EmitOptions options_;
  std::ostream* out_ = nullptr;
  std::filesystem::path base_;
};

std::unique_ptr<Emitter> make_json_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_sarif_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_github_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_junit_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_lsp_emitter(const EmitOptions& options);
std::unique_ptr<Emitter> make_html_emitter(const EmitOptions& options);

}  // namespace checklint::emit
