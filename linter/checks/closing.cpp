#include "linter/checks/closing.h"

#include <algorithm>
#include <array>

#include <re2/re2.h>

#include "linter/source/text.h"

namespace checklint {

bool is_organ_line(std::string_view line) {
  // A character is at most four bytes, so a longer line has more than 30 and is not counted
  // (three bytes more for a character cut at the start).
  if (line.size() > 4 * 30 + 3 || char_count(line) > 30) return false;
  // rfind_text: the line is too short for find_text's blocks of 16, and its byte-by-byte tail
  // stops at every lead byte; memrchr for the word's last byte stops at few places.
  const auto in_line = [line](std::string_view word) { return rfind_text(line, word) != std::string_view::npos; };
  static constexpr std::array<std::string_view, 9> kMarks = {"，", "。", "：", "！", "？", "【", "】", ":", "、"};
  static constexpr std::array<std::string_view, 10> kOrgans = {"中共", "党组", "党委", "党工委", "委员会",
                                                               "领导班子", "支部", "政府", "办公室", "人民"};
  // The organs first: most lines name none, and are told apart by fewer searches.
  return std::any_of(kOrgans.begin(), kOrgans.end(), in_line) && std::none_of(kMarks.begin(), kMarks.end(), in_line);
}

bool is_signature_line(std::string_view text) {
  static const RE2 date(R"(^\s*(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月(?:\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?\s*$)");
  if (is_organ_line(text)) return true;
  // A date ends in 月 or 日 before any trailing \s ([\t\n\f\r ]): most lines are told apart by
  // their last bytes without the regex.
  const std::string_view trimmed = text.substr(0, text.find_last_not_of(" \t\n\f\r") + 1);
  if (!trimmed.ends_with("月") && !trimmed.ends_with("日")) return false;
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), date);
}

std::optional<std::size_t> find_closing_line(const Document& doc, const std::vector<std::string>& phrases) {
  std::size_t from = 0;
  for (const Node& node : doc.root.children) {
    if (node.kind == NodeKind::Numbered || node.kind == NodeKind::Heading) from = node.line;
  }
  // The last such line: searched from the end, where it stands, rather than every line of the
  // last part searched for every phrase.
  for (std::size_t i = doc.lines.size(); i-- > from;) {
    if (doc.lines[i].kind != LineKind::Paragraph) continue;
    const std::string_view text = doc.text.slice(doc.lines[i].content);
    if (text.size() > 4 * 80 + 3 || char_count(text) > 80) continue;  // see is_organ_line
    if (std::any_of(phrases.begin(), phrases.end(), [&](const std::string& p) { return find_text(text, p) != std::string_view::npos; })) {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace checklint
