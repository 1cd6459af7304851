// punctuation/final-stop: a body paragraph that ends without a full stop (or
// other closing punctuation). Headings, the title and lines introducing a
// list (ending in ：) are not body paragraphs.
#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "linter/checks/check.h"
#include "linter/analysis/similarity.h"
#include "linter/checks/closing.h"

namespace checklint {
namespace {

/// Whether `text` ends with a Han character (or a closing quote/bracket after one).
bool ends_open(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kClosers = {"”", "’", "）", "》"};
  // Every closer is three bytes: a fixed-size compare each, which the compiler inlines.
  const auto closer_at_end = [&text] {
    return text.size() >= 3 && std::any_of(kClosers.begin(), kClosers.end(), [&text](std::string_view closer) {
             return std::memcmp(text.data() + text.size() - 3, closer.data(), 3) == 0;
           });
  };
  while (closer_at_end()) text.remove_suffix(3);
  if (text.size() < 3) return false;
  std::size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0U) == 0x80U) --start;
  std::size_t len = 1;
  const char32_t cp = decode_utf8(text, start, len);
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= U'0' && cp <= U'9') || cp == U'%' || cp == U'％';
}

class FinalStop final : public Check {
 public:
  [[nodiscard]] const RuleInfo& info() const override {
    static const RuleInfo info{"punctuation/final-stop", Severity::Warning, "正文段落末尾缺少句号",
                               "A body paragraph ends without a full stop", "linter/checks/punctuation_final_stop.md", {}};
    return info;
  }

  void run(CheckContext& ctx) const override {
    std::optional<std::size_t> title;
    for (const Node& node : ctx.doc().root.children) {
      if (node.kind == NodeKind::Title) title = node.line;
    }
    walk(ctx.doc().root, [&](const Node& node) {
      if (node.kind == NodeKind::Preamble) {
        // The preamble is body text too, once past the title (lines above it are stray text).
        for (std::size_t p : node.paragraphs) {
          if (!title || p > *title) check(ctx, ctx.doc().lines[p].content);
        }
      }
      if (node.kind != NodeKind::Numbered && node.kind != NodeKind::Heading) return;
      // A run-in body on the heading's own line.
      if (!node.body.empty()) check(ctx, node.body);
      for (std::size_t p : node.paragraphs) check(ctx, ctx.doc().lines[p].content);
    });
  }

 private:
  static void check(CheckContext& ctx, ByteRange range) {
    const std::string_view text = ctx.slice(range);
    // The end decides most paragraphs; only a short one is counted (a character is at most four
    // bytes, three more for one cut at the start, so 35 bytes hold at least 8).
    if (!ends_open(text) || (text.size() < 4 * 8 + 3 && char_count(text) < 8) || is_signature_line(text)) return;
    // 。（责任科室：业务科）: a note in brackets after the full stop takes none of its own.
    if (text.ends_with("）") && text.find("。（") != std::string_view::npos) return;
    // QQ群：365218940, 电话：…: a label and its value, not a sentence.
    if (const auto colon = rfind_text(text, "："); colon != std::string_view::npos && han_runs(text.substr(colon)).empty()) return;
    ctx.report({range.end, range.end}, ctx.tr("段落末尾缺少句号", "the paragraph ends without a full stop"));
  }
};

}  // namespace

const Check& punctuation_final_stop_check() {
  static const FinalStop check;
  return check;
}

}  // namespace checklint
