#include "linter/source/read.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace checklint {

std::string read_file_bytes(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError("is a directory", "这是一个目录", 0);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("cannot open file: {}", std::strerror(errno)), fmt::format("无法打开文件：{}", std::strerror(errno)), 0);
  std::string bytes = read_stream_bytes(in);
  if (in.bad()) throw InputError(fmt::format("cannot read file: {}", std::strerror(errno)), fmt::format("无法读取文件：{}", std::strerror(errno)), 0);
  return bytes;
}

std::string read_stream_bytes(std::istream& in) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
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
