#include "linter/analysis/similarity.h"

#include <algorithm>
#include <array>

#include "linter/source/text.h"

namespace checklint {
namespace {

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

/// Words that frame a heading rather than name its subject.
constexpr std::array<std::string_view, 40> kFrameWords = {
    "方面", "认真", "学习贯彻", "持续", "深入", "开展", "推进", "着力", "解决", "压实", "构建", "进一步",
    "加强", "坚持", "落实", "坚决", "切实", "全面", "不够", "不足", "有待", "还不", "存在", "问题",
    "情况", "工作", "有所", "提高", "提升", "强化", "增强", "严格", "做到", "主要", "突出", "具体",
    "表现", "不到位", "不强", "不深"};

}  // namespace

std::vector<std::vector<std::string>> han_runs(std::string_view text) {
  std::vector<std::vector<std::string>> runs(1);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(text, i, len);
    if (is_han(cp)) {
      runs.back().emplace_back(text.substr(i, len));
    } else if (!runs.back().empty()) {
      runs.emplace_back();
    }
    i += len;
  }
  if (runs.back().empty()) runs.pop_back();
  return runs;
}

std::string without_book_titles(std::string_view text) {
  // The text between the marks is copied a run at a time, the marks found by find_text: it was
  // copied a byte at a time, each byte after a test for either mark. The next of each mark is
  // remembered until passed, so that a text of many marks is not searched to its end for each.
  constexpr std::string_view kOpen = "《";
  constexpr std::string_view kClose = "》";
  std::string out;
  int depth = 0;
  std::size_t next_open = find_text(text, kOpen);
  std::size_t next_close = 0;  // searched only once inside a title
  for (std::size_t i = 0; i < text.size();) {
    if (next_open < i) next_open = find_text(text, kOpen, i);
    if (depth == 0) {
      // Outside a title (a stray 》 is text): everything up to the next 《.
      if (next_open == std::string_view::npos) {
        out.append(text.substr(i));
        break;
      }
      out.append(text.substr(i, next_open - i));
      ++depth;
      i = next_open + kOpen.size();
      continue;
    }
    if (next_close < i) next_close = find_text(text, kClose, i);
    if (next_open == std::string_view::npos && next_close == std::string_view::npos) break;  // the rest is inside a title
    if (next_open < next_close) {
      ++depth;
      i = next_open + kOpen.size();
    } else {
      --depth;
      out += "，";
      i = next_close + kClose.size();
    }
  }
  return out;
}

std::set<std::string> key_phrases(std::string_view heading) {
  std::string cleaned(heading);
  for (auto word : kFrameWords) {
    for (auto at = cleaned.find(word); at != std::string::npos; at = cleaned.find(word, at)) {
      cleaned.replace(at, word.size(), "，");
    }
  }
  // The Han runs of `cleaned` as where each character begins and ends: a phrase of consecutive
  // characters is cut from `cleaned` in one piece, not joined from a string made for each
  // character (han_runs), which cost more than the rest.
  std::vector<ByteRange> chars;
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // first character, count
  for (std::size_t i = 0; i < cleaned.size();) {
    std::size_t len = 1;
    const char32_t cp = decode_utf8(cleaned, i, len);
    if (is_han(cp)) {
      if (runs.empty() || chars.back().end != i) runs.emplace_back(chars.size(), 0);  // not next to the last one
      chars.push_back({i, i + len});
      ++runs.back().second;
    }
    i += len;
  }
  const auto phrase = [&](std::size_t first, std::size_t count) {
    return cleaned.substr(chars[first].begin, chars[first + count - 1].end - chars[first].begin);
  };
  std::set<std::string> phrases;
  for (const auto& [first, count] : runs) {
    if (count == 3) {
      phrases.insert(phrase(first, 3));
      continue;
    }
    for (std::size_t i = 0; i + 4 <= count; ++i) phrases.insert(phrase(first + i, 4));
  }
  // A short heading (工作作风 → 作风) still names its subject in two characters.
  if (phrases.empty()) {
    for (const auto& [first, count] : runs) {
      if (count == 2) phrases.insert(phrase(first, 2));
    }
  }
  return phrases;
}

std::set<std::string> bigrams(std::string_view text) {
  std::set<std::string> out;
  for (const auto& run : han_runs(text)) {
    for (std::size_t i = 0; i + 1 < run.size(); ++i) out.insert(run[i] + run[i + 1]);
  }
  return out;
}

std::set<std::string> content_bigrams(std::string_view text) {
  static const std::set<std::string> filler = {
      "不够", "不足", "不强", "不高", "不到", "到位", "不深", "不严", "不实", "缺乏", "存在", "问题", "工作", "进一",
      "一步", "有待", "还不", "尚需", "仍需", "需要", "有所", "方面", "能够", "没有", "提高", "提升", "加强", "意识",
      "程度", "力度", "情况", "现象", "够强", "够高", "够严", "待提", "待加", "强化"};
  std::set<std::string> out = bigrams(text);
  for (const auto& word : filler) out.erase(word);
  return out;
}

double containment(const std::set<std::string>& part, const std::set<std::string>& whole) {
  if (part.empty()) return 0.0;
  std::size_t found = 0;
  for (const auto& x : part) found += whole.count(x);
  return static_cast<double>(found) / static_cast<double>(part.size());
}

double dice(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

}  // namespace checklint
