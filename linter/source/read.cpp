#include "linter/source/read.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <istream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace checklint {
namespace {

InputError too_large(std::uintmax_t size) {
  constexpr double kMiB = 1024.0 * 1024.0;
  return {fmt::format("the file is too large ({:.1f} MiB; checklint reads at most {} MiB)", static_cast<double>(size) / kMiB,
                      kMaxInputBytes >> 20),
          fmt::format("文件过大（{:.1f} MiB，checklint 最多读取 {} MiB），不像是一份材料", static_cast<double>(size) / kMiB,
                      kMaxInputBytes >> 20),
          0, false};
}

InputError cannot_read() {
  return {fmt::format("cannot read file: {}", std::strerror(errno)), fmt::format("无法读取文件：{}", std::strerror(errno)), 0};
}

/// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  explicit FileDescriptor(int descriptor) : fd(descriptor) {}
  int fd;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  FileDescriptor(FileDescriptor&&) = delete;
  FileDescriptor& operator=(FileDescriptor&&) = delete;
  ~FileDescriptor() { ::close(fd); }
};

/// Appends what is left of a stream to `bytes`.
void append_stream_bytes(std::istream& in, std::string& bytes) {
  // In blocks, so that an endless stream stops at the limit instead of filling memory.
  std::array<char, 1 << 16> block{};
  while (in.read(block.data(), block.size()) || in.gcount() > 0) {
    bytes.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxInputBytes) throw too_large(bytes.size());
  }
}

}  // namespace

std::string read_file_bytes(const std::string& path) {
  // POSIX reads straight into the string: an ifstream copied every byte through its own buffer and a
  // block on the stack (5 instructions a byte, 1 % of a batch run).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(fmt::format("cannot open file: {}", std::strerror(errno)), fmt::format("无法打开文件：{}", std::strerror(errno)), 0);
  const FileDescriptor owner{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) throw cannot_read();
  if (S_ISDIR(info.st_mode)) throw InputError("is a directory", "这是一个目录", 0);
  const bool sized = S_ISREG(info.st_mode);
  if (sized && static_cast<std::uintmax_t>(info.st_size) > kMaxInputBytes) throw too_large(static_cast<std::uintmax_t>(info.st_size));
  std::string bytes;
  // The file's size at once (a file that grows meanwhile is read on, in blocks, up to the limit);
  // pipes and devices report no size and are read in blocks only. A full buffer is grown only
  // when a probe finds more bytes: growing it to look for the end would reallocate and copy the
  // whole file into a buffer twice its size.
  std::size_t filled = 0;
  bytes.resize(sized ? static_cast<std::size_t>(info.st_size) : std::size_t{1} << 16);
  std::array<char, 1 << 12> probe{};
  for (;;) {
    const bool full = filled == bytes.size();
    char* into = full ? probe.data() : bytes.data() + filled;
    const std::size_t room = full ? probe.size() : bytes.size() - filled;
    const ssize_t got = ::read(fd, into, room);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw cannot_read();
    }
    if (got == 0) break;
    if (full) {
      if (bytes.size() > kMaxInputBytes) throw too_large(bytes.size());
      bytes.append(probe.data(), static_cast<std::size_t>(got));
      bytes.resize(bytes.size() + (std::size_t{1} << 16));
    }
    filled += static_cast<std::size_t>(got);
  }
  bytes.resize(filled);
  if (bytes.size() > kMaxInputBytes) throw too_large(bytes.size());
  return bytes;
}

std::string read_stream_bytes(std::istream& in) {
  std::string bytes;
  append_stream_bytes(in, bytes);
  return bytes;
}

std::string describe_input_error(const std::string& path, const std::string& bytes, const InputError& error) {
  return describe_input_error(path, bytes, error, false);
}

std::string describe_input_error(const std::string& path, const std::string& bytes, const InputError& error, bool chinese) {
  const std::string message = chinese && !error.chinese().empty() ? error.chinese() : std::string(error.what());
  if (bytes.empty() || error.offset() > bytes.size() || !error.located()) return fmt::format("{}: error: {}", path, message);
  // Line and byte column of the offending byte, counted over the raw bytes.
  const auto begin = bytes.begin();
  const auto at = begin + static_cast<std::ptrdiff_t>(error.offset());
  const auto line = 1 + std::count(begin, at, '\n');
  const auto last_newline = std::find(std::make_reverse_iterator(at), bytes.rend(), '\n');
  const auto column = 1 + (at - last_newline.base());
  return fmt::format("{}:{}:{}: error: {}", path, line, column, message);
}

}  // namespace checklint
