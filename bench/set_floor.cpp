// The floor for pattern rules: every paragraph of a folder of drafts through the shared RE2::Set of
// each built-in rule set, alone, twice (the first pass builds the DFA, the second runs warm).
// Not part of bench/run.sh; build it against a checklint build and run it by hand:
//   c++ -O2 -std=c++20 -I. -Ibuild-bench/generated -o set_floor bench/set_floor.cpp \
//     build-bench/libchecklint_core.a build-bench/libts_markdown.a -ltree-sitter -lre2 -lutf8proc -lpugixml -ldl
//   ./set_floor build-bench/corpus/drafts
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <re2/set.h>

#include "linter/rules/ruleset.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: set_floor FOLDER\n");
    return 2;
  }
  std::vector<std::string> paragraphs;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      bytes += line.size();
      paragraphs.push_back(line);
    }
  }
  const double mib = static_cast<double>(bytes) / 1048576.0;
  for (const auto& set : checklint::builtin_rulesets()) {
    if (!set.text_index) continue;
    const auto start = std::chrono::steady_clock::now();
    const RE2::Set& compiled = set.text_index->set();
    const double compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::vector<int> hits;
    for (int pass = 0; pass < 2; ++pass) {
      std::size_t hit_count = 0;
      const auto begin = std::chrono::steady_clock::now();
      for (const auto& p : paragraphs) {
        if (compiled.Match(p, &hits)) hit_count += hits.size();
      }
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
      std::printf("%s: %zu patterns, compile %.1f ms, pass %d: %.3f s for %.1f MiB = %.1f MB/s (%zu hits)\n", set.id.c_str(),
                  set.text_index->patterns.size(), compile_ms, pass, s, mib, mib / s, hit_count);
    }
  }
  return 0;
}
