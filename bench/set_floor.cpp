// The floor for pattern rules: every paragraph (line) of the drafts of a folder through the
// RE2::Set that holds every pattern of the built-in rule set `common` (110 patterns; the other
// built-in sets hold the same ones), alone: what the design's one pass of RE2 over the text costs
// before any check, tree or report. A cold pass builds the DFA, then the best of five warm passes
// is reported. bench/run.sh builds and runs it on the .txt drafts, for the .txt target's verdict:
//   set_floor FOLDER [SUFFIX]     prints "BYTES<TAB>SECONDS" (the best warm pass) on standard output
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <re2/set.h>

#include "linter/rules/ruleset.h"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: set_floor FOLDER [SUFFIX]\n");
    return 2;
  }
  const std::string suffix = argc == 3 ? argv[2] : "";
  std::vector<std::string> paragraphs;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (!entry.path().string().ends_with(suffix)) continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      bytes += line.size();
      paragraphs.push_back(line);
    }
  }
  const auto& sets = checklint::builtin_rulesets();
  const auto common = std::find_if(sets.begin(), sets.end(), [](const auto& s) { return s.id == "common"; });
  if (common == sets.end() || !common->text_index) {
    std::fprintf(stderr, "set_floor: no built-in rule set 'common'\n");
    return 1;
  }
  const RE2::Set& compiled = common->text_index->set();
  std::vector<int> hits;
  double best = 1e9;
  for (int pass = 0; pass < 6; ++pass) {
    std::size_t hit_count = 0;
    const auto begin = std::chrono::steady_clock::now();
    for (const auto& p : paragraphs) {
      if (compiled.Match(p, &hits)) hit_count += hits.size();
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    if (pass > 0) best = std::min(best, s);
    std::fprintf(stderr, "set_floor: %zu patterns, pass %d: %.3f s for %.1f MiB = %.1f MB/s (%zu hits)\n",
                 common->text_index->patterns.size(), pass, s, static_cast<double>(bytes) / 1048576.0,
                 static_cast<double>(bytes) / 1048576.0 / s, hit_count);
  }
  std::printf("%zu\t%.6f\n", bytes, best);
  return 0;
}
