#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace checklint::test {

std::filesystem::path source_dir() { return CHECKLINT_SOURCE_DIR; }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

Document parse(const std::string& text, InputFormat format, const std::string& path) {
  return parse_document(SourceText::from_bytes(path, text), format);
}

RunResult run_checklint(const std::string& args, const std::string& input) {
  const auto dir = std::filesystem::temp_directory_path() / ("checklint-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto in = dir / "stdin";
  const auto out = dir / "stdout";
  const auto err = dir / "stderr";
  write_text(in, input);
  const std::string command = "cd '" + source_dir().string() + "' && '" + CHECKLINT_BINARY + "' " + args + " <'" + in.string() + "' >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove_all(dir);
  return result;
}

std::filesystem::path fresh_dir(const std::string& area, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("checklint-" + area + "-test") / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

bool update_golden() {
  const char* flag = std::getenv("CHECKLINT_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

}  // namespace checklint::test
