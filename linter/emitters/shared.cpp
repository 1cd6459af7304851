#include "linter/emitters/shared.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "linter/source/text.h"

namespace checklint::emit {

std::filesystem::path base_dir(const EmitOptions& options) {
  return options.base_dir.empty() ? std::filesystem::current_path() : options.base_dir;
}

std::string relative_path(std::string_view path, const std::filesystem::path& base) {
  std::filesystem::path p{std::string(path)};
  if (p.is_absolute()) {
    // Code scanning and workflow annotations locate files relative to the checkout.
    auto relative = p.lexically_relative(base);
    if (!relative.empty()) p = std::move(relative);
  }
  return p.lexically_normal().generic_string();
}

std::string percent_encode_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                            byte == '-' || byte == '.' || byte == '_' || byte == '~' || byte == '/';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

std::string file_uri(std::string_view path, const std::filesystem::path& base) {
  std::filesystem::path p{std::string(path)};
  if (!p.is_absolute()) p = base / p;
  // An absolute POSIX path starts with '/', which makes the third slash of file:///.
  return "file://" + percent_encode_path(p.lexically_normal().generic_string());
}

Totals count(const std::vector<Diagnostic>& diagnostics) {
  Totals totals;
  for (const auto& d : diagnostics) {
    switch (d.severity) {
      case Severity::Error: ++totals.errors; break;
      case Severity::Warning: ++totals.warnings; break;
      case Severity::Info: ++totals.infos; break;
    }
  }
  return totals;
}

Totals count(const std::vector<FileResult>& results) {
  Totals totals;
  for (const auto& result : results) {
    const Totals file = count(result.diagnostics);
    totals.errors += file.errors;
    totals.warnings += file.warnings;
    totals.infos += file.infos;
  }
  return totals;
}

const char* severity_label(Severity severity, Lang lang) {
  switch (severity) {
    case Severity::Error: return tr(lang, "错误", "error");
    case Severity::Warning: return tr(lang, "警告", "warning");
    case Severity::Info: return tr(lang, "提示", "info");
  }
  return "";
}

void ByteBuffer::grow(std::size_t n) {
  const std::size_t capacity = std::max({capacity_ * 2, size_ + n, std::size_t{4096}});
  // Not zeroed: every byte is written before it is read, and a fresh 2 MB block need not be cleared.
  auto data = std::make_unique_for_overwrite<char[]>(capacity);  // NOLINT(cppcoreguidelines-avoid-c-arrays)
  if (size_ != 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

namespace {

/// "00" "01" … "99": the two digits of each number below 100.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t i = 0; i < 100; ++i) {
    pairs.at(2 * i) = static_cast<char>('0' + i / 10);
    pairs.at(2 * i + 1) = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

char* put_pair(char* p, std::size_t n) {  // n < 100
  std::memcpy(p, kDigitPairs.data() + 2 * n, 2);
  return p + 2;
}

}  // namespace

char* write_decimal(char* p, std::size_t n) {
  constexpr std::size_t kDigits = 20;  // of the largest 64-bit number
  if (n < 100) {
    if (n < 10) {
      *p = static_cast<char>('0' + n);
      return p + 1;
    }
    return put_pair(p, n);
  }
  if (n < 10000) {
    const auto v = static_cast<std::uint32_t>(n);
    if (v < 1000) {
      *p = static_cast<char>('0' + v / 100);
      return put_pair(p + 1, v % 100);
    }
    return put_pair(put_pair(p, v / 100), v % 100);
  }
  if (n < 1000000) {
    const auto v = static_cast<std::uint32_t>(n);
    const std::uint32_t high = v / 10000;  // 1 to 99
    const std::uint32_t low = v % 10000;
    if (high < 10) {
      *p++ = static_cast<char>('0' + high);
    } else {
      p = put_pair(p, high);
    }
    return put_pair(put_pair(p, low / 100), low % 100);
  }
  return std::to_chars(p, p + kDigits, n).ptr;
}

/// Whether `s` is written as it stands: every character ASCII other than a control, '"' and
/// '\\', or a well-formed three-byte one whose lead is neither E0 nor ED (all of CJK and its
/// punctuation: any continuation bytes make a character there, none overlong or a surrogate).
/// Nearly every message and path is, and one look at each character settles it, where
/// validating the UTF-8 and then looking for escapes took two passes. A string it does not take
/// is written the general way, which judges it in full.
bool json_string_as_is(std::string_view s) {
  // Per lead byte: 1 plain ASCII, 3 the lead of a three-byte character taken here, 0 anything else.
  static constexpr std::array<std::uint8_t, 256> kTaken = [] {
    std::array<std::uint8_t, 256> taken{};
    for (unsigned c = 0x20; c < 0x80; ++c) taken.at(c) = 1;
    taken.at('"') = 0;
    taken.at('\\') = 0;
    for (unsigned c = 0xE1; c <= 0xEF; ++c) taken.at(c) = 3;
    taken.at(0xED) = 0;
    return taken;
  }();
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time: each byte plain ASCII, a lead taken here or a continuation, and the
  // continuations exactly the two bytes after each lead (those of a lead in the last two places
  // fall in the next block). Bytes are compared as signed: 0x80-0xBF are -128 to -65, E1-EF -31 to -17.
  const auto set = [](int byte) { return _mm_set1_epi8(static_cast<char>(byte)); };
  const auto mask = [](__m128i bytes) { return static_cast<std::uint32_t>(_mm_movemask_epi8(bytes)); };
  std::uint32_t carried = 0;  // continuations the leads of the block before call for in this one
  std::uint32_t last_leads = 0;
  for (; n - i >= 16; i += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u + i));
    const std::uint32_t plain = mask(_mm_cmpgt_epi8(b, set(0x1F))) & ~mask(_mm_cmpeq_epi8(b, set('"'))) &
                                ~mask(_mm_cmpeq_epi8(b, set('\\')));
    const std::uint32_t continuation = mask(_mm_cmplt_epi8(b, set(-64)));
    const std::uint32_t leads = mask(_mm_and_si128(_mm_cmpgt_epi8(b, set(-32)), _mm_cmplt_epi8(b, set(-16)))) &
                                ~mask(_mm_cmpeq_epi8(b, set(0xED)));
    const std::uint32_t wanted = (((leads << 1U) | (leads << 2U)) & 0xFFFFU) | carried;
    if ((plain | continuation | leads) != 0xFFFFU || continuation != wanted) break;
    carried = ((leads >> 15U) & 1U) * 3U | ((leads >> 14U) & 1U);
    last_leads = leads;
  }
  // A character the last block taken began but did not end is judged again from its lead.
  if ((last_leads & 0x8000U) != 0) {
    i -= 1;
  } else if ((last_leads & 0x4000U) != 0) {
    i -= 2;
  }
#endif
  while (i < n) {
    const unsigned taken = kTaken[u[i]];
    if (taken == 3) {
      if (n - i < 3) return false;
      std::uint16_t next = 0;  // the two bytes after the lead, both continuations (10xxxxxx)
      std::memcpy(&next, u + i + 1, sizeof next);
      if ((next & 0xC0C0U) != 0x8080U) return false;
      i += 3;
    } else if (taken == 1) {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

template <typename Out>
void write_json_string(Out& out, std::string_view s) {
  if (json_string_as_is(s)) {
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return;
  }
  if (first_invalid_utf8(s) != std::string_view::npos) {
    out.append(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  // nlohmann's escapes: the two-character ones, other controls as \u00xx; the rest as is.
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at once while none is a control, '"' or '\\' (bytes of 0x80 and above,
    // whose top bit is set, are none of them).
    while (s.size() - i >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s.data() + i, sizeof word);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kTops = 0x8080808080808080ULL;
      const auto zero_in = [&](std::uint64_t x) { return (x - kOnes) & ~x & kTops; };
      // A byte below 0x20 (its top bit clear), or equal to '"' or '\\'.
      const std::uint64_t special = ((word - 0x20 * kOnes) & ~word & kTops) | zero_in(word ^ ('"' * kOnes)) |
                                    zero_in(word ^ ('\\' * kOnes));
      if (special != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c)); break;
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

template void write_json_string(std::string& out, std::string_view s);
template void write_json_string(ByteBuffer& out, std::string_view s);

}  // namespace checklint::emit
