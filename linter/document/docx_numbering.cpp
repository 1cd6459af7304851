#include "linter/document/docx_numbering.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "linter/source/decode.h"

namespace checklint::docx {
namespace {

constexpr int kLevels = 9;
constexpr int kMaxStyleChain = 32;  // w:basedOn loops in a broken file end here
constexpr std::size_t kMaxLevelText = 64;

struct ChineseDigits {
  std::array<const char*, 10> digits;
  std::array<const char*, 3> units;  // 十 百 千
  bool short_teens;                  // 十一 rather than 一十一
};

constexpr ChineseDigits kCounting = {{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}, {"十", "百", "千"}, true};
constexpr ChineseDigits kLegalSimplified = {{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}, {"拾", "佰", "仟"}, false};
constexpr ChineseDigits kLegalTraditional = {{"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"}, {"拾", "佰", "仟"}, false};

/// 1–9999 in Chinese counting words (一、十一、一百零五、两千 is written 二千 as Word does).
std::string chinese_counting(int n, const ChineseDigits& d) {
  if (n <= 0 || n > 9999) return std::to_string(n);
  if (d.short_teens && n >= 10 && n < 20) return std::string(d.units[0]) + (n > 10 ? d.digits[n - 10] : "");
  const std::array<int, 4> parts = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10};
  std::string out;
  bool zero = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const int digit = parts[i];
    if (digit == 0) {
      zero = !out.empty();
      continue;
    }
    if (zero) out += d.digits[0];
    zero = false;
    out += d.digits[static_cast<std::size_t>(digit)];
    if (i < 3) out += d.units[2 - i];
  }
  return out;
}

std::string roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::array<std::pair<int, const char*>, 13> kTable = {
      {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}};
  std::string out;
  for (const auto& [value, letters] : kTable) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  if (!upper) std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string letters(int n, bool upper) {
  if (n <= 0 || n > 26 * 8) return std::to_string(n);  // AAAAAAAAA… for a huge w:start would be megabytes
  const char letter = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
  // Not braces: std::string{n, c} would be the two characters n and c.
  return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), letter);  // NOLINT(modernize-return-braced-init-list)
}

/// ①… ⑴… ⒈… for 1–20, plain digits beyond.
std::string enclosed(int n, char32_t first) {
  if (n < 1 || n > 20) return std::to_string(n);
  std::string out;
  append_utf8(out, first + static_cast<char32_t>(n - 1));
  return out;
}

std::string cycle(int n, std::initializer_list<const char*> names) {
  if (n <= 0) return std::to_string(n);
  return *(names.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(n - 1) % names.size()));
}

std::string per_digit(int n, char32_t zero, const ChineseDigits* chinese) {
  std::string out;
  for (const char c : std::to_string(n)) {
    if (c < '0' || c > '9') {
      out += c;
    } else if (chinese != nullptr) {
      out += c == '0' ? "〇" : chinese->digits[static_cast<std::size_t>(c - '0')];
    } else {
      append_utf8(out, zero + static_cast<char32_t>(c - '0'));
    }
  }
  return out;
}

/// A bullet's lvlText: symbol-font code points (U+F0xx) are shown as •.
std::string bullet_text(const std::string& text) {
  if (text.empty()) return text;
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead == 0xEF && text.size() >= 3) return "•";  // U+F000–U+FFFF: private use in Symbol/Wingdings
  return text;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

/// heading 1 → 0, 标题 2 → 1, Title / 标题 → 0.
std::optional<int> heading_level_of_name(const std::string& name) {
  const std::string n = lower(name);
  for (const std::string_view prefix : {"heading", "标题"}) {
    if (!n.starts_with(prefix)) continue;
    std::string_view rest = std::string_view(n).substr(prefix.size());
    while (rest.starts_with(' ')) rest.remove_prefix(1);
    if (rest.empty()) return prefix == "标题" ? std::optional<int>(0) : std::nullopt;
    if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '9') return rest[0] - '1';
    return std::nullopt;
  }
  if (n == "title") return 0;
  return std::nullopt;
}

}  // namespace

std::string format_number(int value, const std::string& format) {
  if (format == "none") return {};
  if (format == "chineseCounting" || format == "chineseCountingThousand" || format == "japaneseCounting" ||
      format == "taiwaneseCounting" || format == "taiwaneseCountingThousand" || format == "koreanCounting") {
    return chinese_counting(value, kCounting);
  }
  if (format == "chineseLegalSimplified") return chinese_counting(value, kLegalSimplified);
  if (format == "ideographLegalTraditional" || format == "japaneseLegal") return chinese_counting(value, kLegalTraditional);
  if (format == "ideographDigital" || format == "japaneseDigitalTenThousand" || format == "taiwaneseDigital") {
    return per_digit(value, 0, &kCounting);
  }
  if (format == "ideographTraditional") return cycle(value, {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"});
  if (format == "ideographZodiac") {
    return cycle(value, {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"});
  }
  if (format == "decimalEnclosedCircle" || format == "decimalEnclosedCircleChinese" || format == "ideographEnclosedCircle") {
    return enclosed(value, U'\u2460');
  }
  if (format == "decimalEnclosedParen") return enclosed(value, U'\u2474');
  if (format == "decimalEnclosedFullstop") return enclosed(value, U'\u2488');
  if (format == "decimalFullWidth" || format == "decimalFullWidth2") return per_digit(value, U'\uFF10', nullptr);
  if (format == "decimalZero") return value >= 0 && value < 10 ? "0" + std::to_string(value) : std::to_string(value);
  if (format == "upperRoman") return roman(value, true);
  if (format == "lowerRoman") return roman(value, false);
  if (format == "upperLetter") return letters(value, true);
  if (format == "lowerLetter") return letters(value, false);
  return std::to_string(value);  // decimal, decimalHalfWidth, ordinal, cardinalText … as digits
}

void Styles::load(const pugi::xml_node& root) {
  w_ = Names(root);
  for (const pugi::xml_node style : root.children()) {
    if (!w_.is(style, "style")) continue;
    const std::string id = w_.attr(style, "styleId").value();
    Style s;
    s.based_on = w_.value(style, "basedOn").value_or("");
    if (const auto name = w_.value(style, "name")) s.heading_level = heading_level_of_name(*name);
    const pugi::xml_node ppr = w_.child(style, "pPr");
    if (const pugi::xml_node numpr = w_.child(ppr, "numPr")) {
      s.number.num_id = w_.value(numpr, "numId");
      s.number.level = to_int(w_.value(numpr, "ilvl"));
    }
    s.outline_level = to_int(w_.value(ppr, "outlineLvl"));
    const std::string_view type = w_.attr(style, "type").value();
    if ((type == "paragraph" || type.empty()) && w_.attr(style, "default").as_bool() && default_.empty()) default_ = id;
    styles_.emplace(id, std::move(s));
  }
}

StyleProps Styles::resolve(const std::string& id) const {
  StyleProps props;
  std::string at = id.empty() ? default_ : id;
  bool outline_known = false;
  for (int depth = 0; depth < kMaxStyleChain && !at.empty(); ++depth) {
    const auto found = styles_.find(at);
    if (found == styles_.end()) break;
    const Style& s = found->second;
    if (!props.number.num_id && s.number.num_id) props.number.num_id = s.number.num_id;
    if (!props.number.level && s.number.level) props.number.level = s.number.level;
    if (!outline_known && (s.outline_level || s.heading_level)) {
      outline_known = true;
      const int level = s.outline_level ? *s.outline_level : *s.heading_level;
      if (level >= 0 && level < kLevels) props.outline_level = level;
    }
    at = s.based_on;
  }
  return props;
}

std::optional<std::string> Styles::numbering_style_num(const std::string& id) const {
  const auto found = styles_.find(id);
  if (found == styles_.end()) return std::nullopt;
  return found->second.number.num_id;
}

Numbering::Level Numbering::read_level(const Names& w, const pugi::xml_node& lvl) {
  Level level;
  level.defined = true;
  level.start = to_int(w.value(lvl, "start")).value_or(0);
  level.format = w.value(lvl, "numFmt").value_or("decimal");
  level.text = w.value(lvl, "lvlText").value_or("");
  // Word's level texts are a few characters; a huge one, shown before every paragraph, would multiply the text.
  if (level.text.size() > kMaxLevelText) {
    std::size_t cut = kMaxLevelText;
    while (cut > 0 && (static_cast<unsigned char>(level.text[cut]) & 0xC0U) == 0x80U) --cut;
    level.text.resize(cut);
  }
  level.restart = to_int(w.value(lvl, "lvlRestart"));
  level.suffix = w.value(lvl, "suff").value_or("tab");
  level.legal = w.on(lvl, "isLgl");
  level.style = w.value(lvl, "pStyle").value_or("");
  return level;
}

void Numbering::load(const pugi::xml_node& root) {
  w_ = Names(root);
  for (const pugi::xml_node node : root.children()) {
    if (w_.is(node, "abstractNum")) {
      Abstract a;
      for (const pugi::xml_node lvl : node.children()) {
        if (!w_.is(lvl, "lvl")) continue;
        const int index = w_.attr(lvl, "ilvl").as_int(-1);
        if (index >= 0 && index < kLevels) a.levels[static_cast<std::size_t>(index)] = read_level(w_, lvl);
      }
      a.num_style_link = w_.value(node, "numStyleLink").value_or("");
      abstracts_[w_.attr(node, "abstractNumId").value()] = std::move(a);
    } else if (w_.is(node, "num")) {
      Num n;
      n.abstract_id = w_.value(node, "abstractNumId").value_or("");
      for (const pugi::xml_node over : node.children()) {
        if (!w_.is(over, "lvlOverride")) continue;
        const int index = w_.attr(over, "ilvl").as_int(-1);
        if (index < 0 || index >= kLevels) continue;
        if (const auto start = to_int(w_.value(over, "startOverride"))) n.start_override[index] = *start;
        if (const pugi::xml_node lvl = w_.child(over, "lvl")) n.level_override[index] = read_level(w_, lvl);
      }
      nums_[w_.attr(node, "numId").value()] = std::move(n);
    }
  }
}

const Numbering::Abstract* Numbering::abstract_of(const Num& num, const Styles& styles) const {
  const Num* at = &num;
  for (int depth = 0; depth < kMaxStyleChain; ++depth) {
    const auto found = abstracts_.find(at->abstract_id);
    if (found == abstracts_.end()) return nullptr;
    const Abstract& a = found->second;
    if (a.num_style_link.empty()) return &a;
    // w:numStyleLink: the list's levels live in the abstract numbering of a numbering style.
    const auto linked = styles.numbering_style_num(a.num_style_link);
    if (!linked) return &a;
    const auto next = nums_.find(*linked);
    if (next == nums_.end() || &next->second == at) return &a;
    at = &next->second;
  }
  return nullptr;
}

std::string Numbering::next(const NumberRef& ref, const std::string& style_id, const Styles& styles) {
  const StyleProps props = styles.resolve(style_id);
  const std::optional<std::string> num_id = ref.num_id ? ref.num_id : props.number.num_id;
  if (!num_id || *num_id == "0") return {};
  const auto num_found = nums_.find(*num_id);
  if (num_found == nums_.end()) return {};
  const Num& num = num_found->second;
  const Abstract* abstract = abstract_of(num, styles);
  if (abstract == nullptr) return {};
  int level = 0;
  if (ref.level) {
    level = *ref.level;
  } else if (!ref.num_id && props.number.level) {
    level = *props.number.level;
  } else {
    // A level linked to the paragraph's style by w:pStyle.
    for (int i = 0; i < kLevels; ++i) {
      if (!style_id.empty() && abstract->levels[static_cast<std::size_t>(i)].style == style_id) level = i;
    }
  }
  level = std::clamp(level, 0, kLevels - 1);
  const auto level_def = [&](int i) -> const Level& {
    const auto over = num.level_override.find(i);
    if (over != num.level_override.end()) return over->second;
    return abstract->levels[static_cast<std::size_t>(i)];
  };
  const Level& def = level_def(level);
  if (!def.defined) return {};

  // Lists sharing an abstract numbering continue one another, as in Word.
  const std::string key = fmt::format("{}", static_cast<const void*>(abstract));
  Counters& c = counters_[key];
  auto& used = num_used_[*num_id];
  std::array<std::optional<int>, kLevels> restart_at{};
  if (!used) {
    used = true;
    for (const auto& [i, start] : num.start_override) {
      c.started[static_cast<std::size_t>(i)] = false;
      restart_at[static_cast<std::size_t>(i)] = start;
    }
  }
  const auto l = static_cast<std::size_t>(level);
  if (c.started[l]) {
    ++c.value[l];
  } else {
    c.value[l] = restart_at[l].value_or(def.start);
    c.started[l] = true;
  }
  for (int k = level + 1; k < kLevels; ++k) {
    const Level& deeper = level_def(k);
    // w:lvlRestart n: restart after level n (1-based) or a higher one; 0: never.
    if (!deeper.restart || (*deeper.restart != 0 && level < *deeper.restart)) c.started[static_cast<std::size_t>(k)] = false;
  }

  std::string shown;
  if (def.format == "bullet") {
    shown = bullet_text(def.text);
  } else {
    for (std::size_t i = 0; i < def.text.size(); ++i) {
      const char ch = def.text[i];
      if (ch == '%' && i + 1 < def.text.size() && def.text[i + 1] >= '1' && def.text[i + 1] <= '9') {
        const int ref_level = def.text[i + 1] - '1';
        const auto r = static_cast<std::size_t>(ref_level);
        const Level& ref_def = level_def(ref_level);
        const int value = c.started[r] ? c.value[r] : ref_def.start;
        shown += format_number(value, def.legal ? "decimal" : (ref_level == level ? def.format : ref_def.format));
        ++i;
      } else {
        shown += ch;
      }
    }
  }
  if (shown.empty()) return {};
  if (def.suffix == "space") return shown + " ";
  if (def.suffix == "nothing") return shown;
  return shown + "\t";
}

}  // namespace checklint::docx
