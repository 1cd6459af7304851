#include "linter/emitters/spool.h"

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace checklint::emit {
namespace {

/// An anonymous temporary file: made in the system's temporary folder ($TMPDIR) and unlinked
/// at once, so that nothing is left behind however the run ends. nullptr when none can be made.
std::FILE* anonymous_file() {
  std::error_code ec;
  const auto dir = std::filesystem::temp_directory_path(ec);
  if (ec) return nullptr;
  std::string name = (dir / "checklint-spool-XXXXXX").string();
  std::vector<char> path(name.begin(), name.end());
  path.push_back('\0');
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return nullptr;
  ::unlink(path.data());
  std::FILE* file = ::fdopen(fd, "w+b");
  if (file == nullptr) ::close(fd);
  return file;
}

}  // namespace

void Spool::write(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() >= limit_) spill();
}

void Spool::spill() {
  if (no_file_) return;
  if (!file_) {
    file_.reset(anonymous_file());
    if (!file_) {
      no_file_ = true;  // a full or read-only temporary folder costs memory, not the report
      return;
    }
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
    throw std::runtime_error("cannot write the report's temporary file");
  }
  buffer_.clear();
}

void Spool::drain(const std::function<void(std::string_view)>& sink) {
  if (file_) {
    if (std::fflush(file_.get()) != 0 || std::fseek(file_.get(), 0, SEEK_SET) != 0) {
      throw std::runtime_error("cannot read back the report's temporary file");
    }
    std::string piece(std::size_t{1} << 20U, '\0');
    for (;;) {
      const std::size_t n = std::fread(piece.data(), 1, piece.size(), file_.get());
      if (n > 0) sink(std::string_view(piece.data(), n));
      if (n < piece.size()) break;
    }
    if (std::ferror(file_.get()) != 0) throw std::runtime_error("cannot read back the report's temporary file");
    file_.reset();
  }
  if (!buffer_.empty()) sink(buffer_);
  buffer_.clear();
  buffer_.shrink_to_fit();
}

}  // namespace checklint::emit
