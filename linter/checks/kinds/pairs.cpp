// Kind `pairs`: paired punctuation balanced and properly nested within a
// paragraph (“” ‘’ 《》 （） 【】 〔〕), and double quotes inside double quotes,
// which should be single (GB/T 15834-2011 4.1.3.2).
//   pairs = [["“", "”"], ["《", "》"], …]   nested_quotes = true
#include <algorithm>

#include "linter/checks/kinds/kind.h"
#include "linter/checks/kinds/mark_finder.h"

namespace checklint {
namespace {

struct Open {
  std::size_t pair;
  std::size_t at;
  std::optional<std::size_t> nested;  // a “ opened inside this “
};

class PairsRule final : public TextRule {
 public:
  PairsRule(std::vector<std::pair<std::string, std::string>> pairs, bool nested)
      : pairs_(std::move(pairs)), nested_(nested), marks_(marks(pairs_)) {}

  static std::vector<std::string> marks(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<std::string> out;
    for (const auto& [o, c] : pairs) {
      out.push_back(o);
      out.push_back(c);
    }
    return out;
  }

  void run(TextContext& ctx) const override {
    for (std::size_t c = 0; c < ctx.view().chunks().size(); ++c) check_chunk(ctx, ctx.view().chunk(c));
  }

 private:
  [[nodiscard]] bool is_double_quote(std::size_t pair) const { return pairs_[pair].first == "“"; }

  void unclosed(TextContext& ctx, const Open& open) const {
    const auto& [o, c] = pairs_[open.pair];
    if (!ctx.in_scope(open.at)) return;
    ctx.report(open.at, open.at + o.size(),
               ctx.message({{"open", o}, {"close", c}}, "“{open}”没有对应的“{close}”", "'{open}' is never closed by '{close}'"));
  }

  void check_chunk(TextContext& ctx, const ViewChunk& chunk) const {
    // Offsets into the paragraph; base + i is the view's offset of its byte i.
    const std::string_view text = chunk.text;
    const std::size_t base = chunk.range.begin;
    std::vector<Open> stack;
    for (std::size_t i = 0; i < text.size();) {
      // Most characters begin no open or close mark: skip them without the marker lookup and
      // the comparisons (either way the scan moves one character on). Marks begin with an
      // ASCII or a lead byte, never with a continuation byte, so stepping bytes lands on
      // every character that can open or close one.
      i = marks_.find(text, i, text.size());
      if (i >= text.size()) break;
      // Brackets of a heading number ((一), （1)) are numbering/style's business.
      bool matched = ctx.in_marker(base + i);
      if (matched) {
        std::size_t len = 1;
        decode_utf8(text, i, len);
        i += len;
        continue;
      }
      for (std::size_t p = 0; p < pairs_.size() && !matched; ++p) {
        const auto& [o, c] = pairs_[p];
        if (text.substr(i).starts_with(o)) {
          if (nested_ && is_double_quote(p)) {
            for (auto& open : stack) {
              if (is_double_quote(open.pair) && !open.nested) open.nested = base + i;
            }
          }
          stack.push_back({p, base + i, std::nullopt});
          i += o.size();
          matched = true;
        } else if (text.substr(i).starts_with(c)) {
          close(ctx, stack, p, base + i);
          i += c.size();
          matched = true;
        }
      }
      if (!matched) {
        std::size_t len = 1;
        decode_utf8(text, i, len);
        i += len;
      }
    }
    for (const auto& open : stack) unclosed(ctx, open);
  }

  void close(TextContext& ctx, std::vector<Open>& stack, std::size_t pair, std::size_t at) const {
    const auto found = std::find_if(stack.rbegin(), stack.rend(), [&](const Open& o) { return o.pair == pair; });
    if (found == stack.rend()) {
      if (!ctx.in_scope(at)) return;
      const auto& [o, c] = pairs_[pair];
      ctx.report(at, at + c.size(),
                 ctx.message({{"open", o}, {"close", c}}, "多出的“{close}”：前面没有对应的“{open}”",
                             "stray '{close}' with no '{open}' before it"));
      return;
    }
    // Anything opened after the matching opener was never closed.
    const auto keep = static_cast<std::size_t>(stack.rend() - found) - 1;
    for (std::size_t k = keep + 1; k < stack.size(); ++k) unclosed(ctx, stack[k]);
    const Open outer = stack[keep];
    stack.resize(keep);
    if (outer.nested && ctx.in_scope(*outer.nested)) {
      auto& d = ctx.report(*outer.nested, *outer.nested + 3,
                           ctx.message({}, "引号内又用双引号：内层应改用单引号‘’", "double quotes inside double quotes: use ‘’ inside"));
      d.notes.push_back({ctx.view().source(outer.at, outer.at + 3), ctx.check().tr("外层引号从此开始", "the outer quotation starts here")});
    }
  }

  std::vector<std::pair<std::string, std::string>> pairs_;
  bool nested_;
  MarkFinder marks_;
};

class Pairs final : public Kind {
 public:
  [[nodiscard]] std::string_view name() const override { return "pairs"; }
  [[nodiscard]] std::string_view summary_zh() const override { return "成对标点须配对、嵌套正确"; }
  [[nodiscard]] std::string_view doc_path() const override { return "linter/checks/kinds/pairs.md"; }
  [[nodiscard]] std::shared_ptr<const TextRule> compile(RuleTable& table) const override {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& p : table.string_lists("pairs")) {
      if (p.size() != 2 || p[0].empty() || p[1].empty() || p[0] == p[1]) {
        table.fail("pairs", R"(each pair is ["open", "close"], two different non-empty strings)");
      }
      pairs.emplace_back(p[0], p[1]);
    }
    if (pairs.empty()) table.fail("pairs", R"(a pairs rule needs 'pairs', e.g. [["“", "”"]])");
    return std::make_shared<PairsRule>(std::move(pairs), table.flag("nested_quotes", true));
  }
};

}  // namespace

const Kind& pairs_kind() {
  static const Pairs kind;
  return kind;
}

}  // namespace checklint
