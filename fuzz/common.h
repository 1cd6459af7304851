#pragma once
// Helpers shared by the fuzz targets: every target is also built as a replay
// program (replay_main.cpp) that the test suite runs over fuzz/regressions/.
#include <cstddef>
#include <cstdint>
#include <string>

namespace checklint::fuzz {

inline std::string bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace checklint::fuzz
