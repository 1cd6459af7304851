#include "linter/source/read.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError("is a directory", "这是一个目录", 0);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open file: {}", std::strerror(errno)), fmt::format("无法打开文件：{}", std::strerror(errno)), 0);
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxInputBytes) throw too_large(size);
  std::string bytes;
  // Room for the whole file at once, where growing by blocks took up to twice its size.
  if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  append_stream_bytes(in, bytes);
  if (in.bad()) throw InputError(fmt::format("cannot read file: {}", std::strerror(errno)), fmt::format("无法读取文件：{}", std::strerror(errno)), 0);
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
