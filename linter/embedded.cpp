#include "linter/embedded.h"

namespace checklint {

std::optional<std::string_view> find_embedded(std::string_view path) {
  for (const auto& file : embedded_files()) {
    if (file.path == path) return file.data;
  }
  return std::nullopt;
}

}  // namespace checklint
