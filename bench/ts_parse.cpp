// The floor for Markdown input: read each file, parse it with the tree-sitter
// Markdown block grammar that checklint uses (the ts_markdown target), and walk
// every node of the tree once. Prints files, bytes and nodes.
//   ts_parse FILE...            (bench/run.sh builds it against build-bench/libts_markdown.a)
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include <tree_sitter/api.h>

extern "C" const TSLanguage* tree_sitter_markdown(void);

int main(int argc, char** argv) {
  std::unique_ptr<TSParser, decltype(&ts_parser_delete)> parser(ts_parser_new(), &ts_parser_delete);
  ts_parser_set_language(parser.get(), tree_sitter_markdown());
  unsigned long long bytes = 0;
  unsigned long long nodes = 0;
  for (int a = 1; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += source.size();
    std::unique_ptr<TSTree, decltype(&ts_tree_delete)> tree(
        ts_parser_parse_string(parser.get(), nullptr, source.data(), static_cast<uint32_t>(source.size())), &ts_tree_delete);
    if (!tree) continue;
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree.get()));
    for (bool more = true; more;) {
      ++nodes;
      if (ts_tree_cursor_goto_first_child(&cursor)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          more = false;
          break;
        }
      }
    }
    ts_tree_cursor_delete(&cursor);
  }
  std::printf("%d files, %llu bytes, %llu nodes\n", argc - 1, bytes, nodes);
  return 0;
}
