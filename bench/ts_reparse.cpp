// How much tree-sitter's incremental re-parse saves on the Markdown block grammar
// checklint uses: parse FILE, then insert one byte at the start of a line near the
// beginning, the middle and the end, re-parsing with the edited old tree each time.
// Prints the mean full and incremental parse times in ms (20 rounds each).
//   c++ -std=c++20 -O2 bench/ts_reparse.cpp BUILD/libts_markdown.a -ltree-sitter -o ts_reparse
//   ./ts_reparse DRAFT.md
// (docs/editors.md gives the numbers for the 50 KB draft of scripts/lsp-latency.py.)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <tree_sitter/api.h>

extern "C" const TSLanguage* tree_sitter_markdown(void);

namespace {

constexpr int kRounds = 20;

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / kRounds;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ts_reparse FILE\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_markdown());
  const auto length = static_cast<uint32_t>(source.size());
  auto start = std::chrono::steady_clock::now();
  TSTree* tree = nullptr;
  for (int i = 0; i < kRounds; ++i) {
    if (tree != nullptr) ts_tree_delete(tree);
    tree = ts_parser_parse_string(parser, nullptr, source.data(), length);
  }
  std::printf("full parse: %.2f ms\n", ms_since(start));
  for (const double where : {0.01, 0.5, 0.99}) {
    // The start of the line after the chosen byte, and its row.
    std::size_t at = source.find('\n', static_cast<std::size_t>(where * static_cast<double>(source.size())));
    at = at == std::string::npos ? source.size() : at + 1;
    uint32_t row = 0;
    for (std::size_t i = 0; i < at; ++i) row += source[i] == '\n' ? 1 : 0;
    std::string edited = source;
    edited.insert(at, "X");
    const auto byte = static_cast<uint32_t>(at);
    const TSInputEdit edit{byte, byte, byte + 1, {row, 0}, {row, 0}, {row, 1}};
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) {
      TSTree* old = ts_tree_copy(tree);
      ts_tree_edit(old, &edit);
      TSTree* fresh = ts_parser_parse_string(parser, old, edited.data(), length + 1);
      ts_tree_delete(old);
      ts_tree_delete(fresh);
    }
    std::printf("incremental, one byte inserted at %.0f%%: %.2f ms\n", where * 100, ms_since(start));
  }
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return 0;
}
