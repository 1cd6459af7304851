#pragma once
// Text written while a report streams and read back once at its end, for formats whose head
// depends on every file after it (JUnit's counts, SARIF's rule table). The first few MB stay
// in memory; the rest goes to an unlinked temporary file, so a batch's report is not held
// whole in memory.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace checklint::emit {

class Spool {
 public:
  /// `memory_limit`: how many bytes are kept in memory before the rest goes to a file.
  explicit Spool(std::size_t memory_limit = std::size_t{2} << 20U) : limit_(memory_limit) {}

  void write(std::string_view text);
  /// Hands everything written, in order and in pieces, to `sink`; the spool is empty after.
  /// Throws std::runtime_error when the temporary file cannot be read back.
  void drain(const std::function<void(std::string_view)>& sink);
  [[nodiscard]] bool empty() const { return buffer_.empty() && file_ == nullptr; }

 private:
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }  // NOLINT(cppcoreguidelines-owning-memory)
  };
  void spill();

  std::size_t limit_;
  std::string buffer_;
  std::unique_ptr<std::FILE, Close> file_;
  bool no_file_ = false;  ///< no temporary file could be made: everything stays in memory
};

}  // namespace checklint::emit
