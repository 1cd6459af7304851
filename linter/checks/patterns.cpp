#include "linter/checks/patterns.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <map>

namespace checklint {

struct LazyRegex::Shared {
  std::string pattern;
  RE2::CannedOptions options = RE2::DefaultOptions;
  std::once_flag once;
  std::unique_ptr<RE2> re;
  PatternShape shape;

  void compile() {
    std::call_once(once, [this] {
      re = std::make_unique<RE2>(pattern, options);
      if (re->ok() && options == RE2::DefaultOptions) shape = pattern_shape(pattern);
    });
  }
};

LazyRegex::LazyRegex(const std::string& pattern, RE2::CannedOptions options) {
  // Interned for the whole run: the distinct patterns of the rule sets in use.
  static std::mutex mutex;
  static std::map<std::pair<std::string, int>, std::shared_ptr<Shared>> interned;
  const std::lock_guard lock(mutex);
  auto& slot = interned[{pattern, static_cast<int>(options)}];
  if (!slot) {
    slot = std::make_shared<Shared>();
    slot->pattern = pattern;
    slot->options = options;
  }
  shared_ = slot;
}

const RE2& LazyRegex::get() const {
  shared_->compile();
  return *shared_->re;
}

const PatternShape& LazyRegex::shape() const {
  shared_->compile();
  return shared_->shape;
}

const std::string& LazyRegex::pattern() const { return shared_->pattern; }

LazyRegexes lazy_regexes(const std::vector<std::string>& patterns, RE2::CannedOptions options) {
  LazyRegexes out;
  out.reserve(patterns.size());
  for (const auto& p : patterns) out.push_back(std::make_unique<LazyRegex>(p, options));
  return out;
}

namespace {

using Strings = std::vector<std::string>;

/// Walks a pattern's top level, element by element, keeping the strings that the text just
/// matched must end with (`current_`); what can no longer grow is kept as required.
class RequiredScan {
 public:
  explicit RequiredScan(std::string_view pattern) : p_(pattern) {}

  /// The pattern's top-level elements in order; nullopt when it uses syntax not modelled.
  std::optional<std::vector<PatternElement>> elements() {
    while (i_ < p_.size()) {
      if (!step()) return std::nullopt;
    }
    return std::move(elements_);
  }

  std::vector<Strings> run() {
    while (i_ < p_.size()) {
      if (!step()) return {};
    }
    emit();
    // The most selective first: the longest shortest string, then the fewest strings.
    std::sort(found_.begin(), found_.end(), [](const Strings& a, const Strings& b) {
      const auto shortest = [](const Strings& s) {
        return std::min_element(s.begin(), s.end(), [](const auto& x, const auto& y) { return x.size() < y.size(); })->size();
      };
      if (shortest(a) != shortest(b)) return shortest(a) > shortest(b);
      return a.size() < b.size();
    });
    if (found_.size() > kKept) found_.resize(kKept);
    return found_;
  }

 private:
  static constexpr std::size_t kNpos = std::string_view::npos;
  static constexpr std::size_t kProduct = 16;  // strings per requirement
  static constexpr std::size_t kClass = 8;     // members of a class taken as strings
  static constexpr std::size_t kKept = 3;      // requirements per pattern

  static bool digit(char c) { return c >= '0' && c <= '9'; }
  static bool alnum(char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool meta(char c) { return std::string_view(".[](){}*+?|^$\\").find(c) != kNpos; }
  static std::size_t rune_length(char lead) {
    const auto b = static_cast<unsigned char>(lead);
    if (b >= 0xF0) return 4;
    if (b >= 0xE0) return 3;
    if (b >= 0xC0) return 2;
    return 1;
  }

  /// One element and its repetition; false when the pattern uses syntax this does not model.
  bool step() {
    std::optional<Strings> element;  // nullopt: matches something that is not a few strings
    if (!parse_element(element)) return false;
    std::size_t min = 1;
    std::size_t max = 1;
    if (!parse_repeat(min, max)) return false;
    elements_.push_back({element, min, max, lazy_});
    if (!element || min == 0) {  // not a few strings, or may be absent
      emit();
    } else {
      extend(*element);
      if (min >= 2) extend(*element);
      if (min >= 1 && repeated_) {  // what follows comes after its last repetition
        emit();
        current_ = *element;
      }
    }
    return true;
  }

  bool parse_element(std::optional<Strings>& element) {
    const char c = p_[i_];
    switch (c) {
      case '|':  // an alternative without any of it
      case ')':
      case '*':
      case '+':
      case '?':
        return false;
      case '(': {
        // (?i), (?P<name>…) and the like change what matches; only (?: is plain.
        const bool plain = !p_.substr(i_).starts_with("(?") || p_.substr(i_).starts_with("(?:");
        if (!plain) return false;
        const std::size_t end = group_end(i_);
        if (end == kNpos) return false;
        const std::size_t open = p_.substr(i_).starts_with("(?:") ? i_ + 3 : i_ + 1;
        element = alternatives(p_.substr(open, end - 1 - open));
        i_ = end;
        return true;
      }
      case '[': {
        const std::size_t end = class_end(i_);
        if (end == kNpos) return false;
        element = members(p_.substr(i_ + 1, end - 2 - i_));
        i_ = end;
        return true;
      }
      case '.':
      case '^':
      case '$':
        ++i_;
        return true;
      case '\\':
        return escape(element);
      default:
        element = Strings{std::string(p_.substr(i_, rune_length(c)))};
        i_ += rune_length(c);
        return true;
    }
  }

  bool escape(std::optional<Strings>& element) {
    if (i_ + 1 >= p_.size()) return false;
    const char n = p_[i_ + 1];
    if (!alnum(n)) {  // an escaped mark or character stands for itself
      element = Strings{std::string(p_.substr(i_ + 1, rune_length(n)))};
      i_ += 1 + rune_length(n);
      return true;
    }
    if (n == 'p' || n == 'P') {  // \pL, \p{Han}
      if (i_ + 2 < p_.size() && p_[i_ + 2] == '{') {
        const std::size_t close = p_.find('}', i_ + 3);
        if (close == kNpos) return false;
        i_ = close + 1;
        return true;
      }
      i_ += 3;
      return i_ <= p_.size();
    }
    // Classes and assertions of one letter; anything else (\x41, \Q…\E, \1) is not modelled.
    if (std::string_view("dDsSwWbBAzC").find(n) == kNpos) return false;
    i_ += 2;
    return true;
  }

  /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (and a lazy `?` after them): the least and the
  /// most count (kNpos: no bound). A `{` that is no repetition is a literal, left for the next element.
  bool parse_repeat(std::size_t& min, std::size_t& max) {
    repeated_ = false;
    lazy_ = false;
    if (i_ >= p_.size()) return true;
    const char c = p_[i_];
    if (c == '?' || c == '*' || c == '+') {
      min = c == '+' ? 1 : 0;
      max = c == '?' ? 1 : kNpos;
      ++i_;
    } else if (c == '{') {
      std::size_t j = i_ + 1;
      std::size_t n = 0;
      while (j < p_.size() && digit(p_[j]) && n < 1000) n = n * 10 + static_cast<std::size_t>(p_[j++] - '0');
      if (j == i_ + 1) return true;
      std::size_t m = n;
      if (j < p_.size() && p_[j] == ',') {
        ++j;
        m = j < p_.size() && digit(p_[j]) ? 0 : kNpos;
        while (j < p_.size() && digit(p_[j])) m = std::min<std::size_t>(m * 10 + static_cast<std::size_t>(p_[j++] - '0'), kNpos / 16);
      }
      if (j >= p_.size() || p_[j] != '}') return true;
      min = n;
      max = m;
      i_ = j + 1;
    } else {
      return true;
    }
    repeated_ = true;
    if (i_ < p_.size() && p_[i_] == '?') {
      lazy_ = true;
      ++i_;
    }
    return true;
  }

  /// `a|bc|d` of plain characters as strings; nullopt for anything else.
  static std::optional<Strings> alternatives(std::string_view inner) {
    Strings out(1);
    for (const char c : inner) {
      if (c == '|') {
        out.emplace_back();
      } else if (meta(c)) {
        return std::nullopt;
      } else {
        out.back() += c;
      }
    }
    if (out.size() > kProduct || std::any_of(out.begin(), out.end(), [](const std::string& a) { return a.empty(); })) return std::nullopt;
    return out;
  }

  /// A class's members when it lists a few characters (no ranges, negation or escapes).
  static std::optional<Strings> members(std::string_view inner) {
    Strings out;
    for (std::size_t k = 0; k < inner.size();) {
      if (std::string_view("\\[]^-").find(inner[k]) != kNpos) return std::nullopt;  // escapes, ranges, negation
      const std::size_t length = rune_length(inner[k]);
      out.emplace_back(inner.substr(k, length));
      k += length;
    }
    if (out.empty() || out.size() > kClass) return std::nullopt;
    return out;
  }

  /// The strings so far followed by one of `element`'s; a new start when that is too many.
  void extend(const Strings& element) {
    if (current_.empty()) {
      current_ = element;
      return;
    }
    if (current_.size() * element.size() > kProduct) {
      emit();
      current_ = element;
      return;
    }
    Strings product;
    for (const auto& a : current_) {
      for (const auto& b : element) product.push_back(a + b);
    }
    current_ = std::move(product);
  }

  void emit() {
    if (!current_.empty() && (found_.empty() || found_.back() != current_)) found_.push_back(std::move(current_));
    current_.clear();
  }

  [[nodiscard]] std::size_t class_end(std::size_t at) const {
    std::size_t j = at + 1;
    if (j < p_.size() && p_[j] == '^') ++j;
    if (j < p_.size() && p_[j] == ']') ++j;  // a leading ] is a member
    while (j < p_.size()) {
      if (p_[j] == '\\') {
        j += 2;
      } else if (p_.substr(j).starts_with("[:")) {
        const std::size_t close = p_.find(":]", j + 2);
        if (close == kNpos) return kNpos;
        j = close + 2;
      } else if (p_[j] == ']') {
        return j + 1;
      } else {
        ++j;
      }
    }
    return kNpos;
  }

  [[nodiscard]] std::size_t group_end(std::size_t at) const {
    int depth = 0;
    std::size_t j = at;
    while (j < p_.size()) {
      const char c = p_[j];
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '[') {
        j = class_end(j);
        if (j == kNpos) return kNpos;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) return j + 1;
      ++j;
    }
    return kNpos;
  }

  std::string_view p_;
  std::size_t i_ = 0;
  bool repeated_ = false;  // the element just read had a repetition
  bool lazy_ = false;      // and it was lazy
  std::vector<PatternElement> elements_;
  Strings current_;
  std::vector<Strings> found_;
};

}  // namespace

std::vector<std::vector<std::string>> required_strings(std::string_view pattern) { return RequiredScan(pattern).run(); }

std::optional<std::vector<PatternElement>> pattern_elements(std::string_view pattern) { return RequiredScan(pattern).elements(); }

PatternShape pattern_shape(std::string_view pattern) {
  PatternShape shape;
  const auto elements = pattern_elements(pattern);
  if (!elements || elements->empty()) return shape;
  const auto single = [](const PatternElement& e) { return e.strings && e.strings->size() == 1 && e.min == 1 && e.max == 1; };
  if (std::all_of(elements->begin(), elements->end(), single)) {
    shape.form = PatternShape::Form::Literal;
    shape.starts.emplace_back();
    for (const auto& e : *elements) shape.starts.front() += e.strings->front();
    return shape;
  }
  const PatternElement& first = elements->front();
  if (!first.strings || first.min == 0) return shape;  // a match may begin with anything
  const auto distinct = [](Strings strings) {
    std::sort(strings.begin(), strings.end());
    strings.erase(std::unique(strings.begin(), strings.end()), strings.end());
    return strings;
  };
  // One character each: no member is a prefix of another, so a run is read one way only.
  const bool characters = std::all_of(first.strings->begin(), first.strings->end(), [](const std::string& s) {
    const auto lead = static_cast<unsigned char>(s.front());
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return s.size() == length;
  });
  if (elements->size() == 1 && characters && !first.lazy && first.max >= first.min) {
    Strings members = distinct(*first.strings);
    if (members.size() > PatternShape::kMostStarts) return shape;
    shape.form = PatternShape::Form::Run;
    shape.starts = std::move(members);
    shape.min = first.min;
    shape.max = first.max;
    return shape;
  }
  // Every match begins with one string of each element up to the first that is not there
  // exactly once, and one of that one's: the longer these are, the fewer places RE2 is sent to.
  Strings starts{""};
  for (const auto& e : *elements) {
    if (!e.strings || e.min == 0 || starts.size() * e.strings->size() > PatternShape::kMostStarts) break;
    Strings longer;
    for (const auto& a : starts) {
      for (const auto& b : *e.strings) longer.push_back(a + b);
    }
    starts = std::move(longer);
    if (e.min != 1 || e.max != 1) break;
  }
  if (!starts.front().empty()) shape.starts = distinct(std::move(starts));
  return shape;
}

namespace {

std::size_t pair_bit(unsigned char a, unsigned char b) { return ((static_cast<std::size_t>(a) << 4U) ^ b) & 4095U; }

}  // namespace

RequiredCheck::RequiredCheck(std::string_view text) : text_(text) {
  for (std::size_t k = 0; k < text.size(); ++k) {
    const auto b = static_cast<unsigned char>(text[k]);
    bytes_.at(b >> 6U) |= std::uint64_t{1} << (b & 63U);
    if (k + 1 < text.size()) {
      const std::size_t bit = pair_bit(b, static_cast<unsigned char>(text[k + 1]));
      pairs_.at(bit >> 6U) |= std::uint64_t{1} << (bit & 63U);
    }
  }
}

bool RequiredCheck::may_hold(std::string_view s) const {
  if (s.size() == 1) {
    const auto b = static_cast<unsigned char>(s[0]);
    return (bytes_.at(b >> 6U) >> (b & 63U) & 1U) != 0;
  }
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    const std::size_t bit = pair_bit(static_cast<unsigned char>(s[k]), static_cast<unsigned char>(s[k + 1]));
    if ((pairs_.at(bit >> 6U) >> (bit & 63U) & 1U) == 0) return false;
  }
  return true;
}

bool RequiredCheck::holds(const std::vector<std::vector<std::string>>& required) const {
  return std::all_of(required.begin(), required.end(), [&](const std::vector<std::string>& any) {
    return std::any_of(any.begin(), any.end(), [&](const std::string& s) {
      return may_hold(s) && memmem(text_.data(), text_.size(), s.data(), s.size()) != nullptr;
    });
  });
}

std::string alternation(const std::vector<std::string>& patterns) {
  std::string joined;
  for (const auto& p : patterns) {
    joined += joined.empty() ? "(?:" : "|(?:";
    joined += p;
    joined += ')';
  }
  return joined;
}

namespace {

/// Whether RE2 parses `pattern`, without compiling it: with no memory for a program, a pattern
/// that parses fails only as too large.
bool parses(const std::string& pattern) {
  RE2::Options options(RE2::Quiet);
  options.set_max_mem(3);
  const RE2 re(pattern, options);
  return re.ok() || re.error_code() == RE2::ErrorPatternTooLarge;
}

}  // namespace

PatternList::PatternList(const std::vector<std::string>& patterns) {
  // Usually every pattern is valid, and compiling the alternation alone is enough (compiling
  // each one first as well cost a check's whole first run).
  if (!patterns.empty() && std::all_of(patterns.begin(), patterns.end(), parses)) {
    any_ = std::make_unique<RE2>(alternation(patterns), RE2::Quiet);
    if (any_->ok()) return;
    any_.reset();
  }
  // Invalid patterns (already reported by the loader) are left out rather than spoiling the rest.
  std::vector<std::string> valid;
  std::copy_if(patterns.begin(), patterns.end(), std::back_inserter(valid), [](const std::string& p) { return RE2(p, RE2::Quiet).ok(); });
  if (!valid.empty()) any_ = std::make_unique<RE2>(alternation(valid), RE2::Quiet);
}

const PatternList& PatternList::cached(const std::vector<std::string>& patterns) {
  static std::mutex mutex;
  static std::map<std::vector<std::string>, std::unique_ptr<PatternList>> lists;
  const std::lock_guard lock(mutex);
  auto& slot = lists[patterns];
  if (!slot) slot = std::make_unique<PatternList>(patterns);
  return *slot;
}

bool PatternList::matches(std::string_view text) const { return find(text).has_value(); }

std::optional<std::size_t> PatternList::find(std::string_view text) const {
  if (!any_ || !any_->ok()) return std::nullopt;
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  if (!any_->Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) return std::nullopt;
  return static_cast<std::size_t>(match.data() - text.data());
}

}  // namespace checklint
