#include "linter/diagnostics/baseline.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace checklint {
namespace {

constexpr int kVersion = 1;
constexpr std::size_t kContextBytes = 12;  // about four CJK characters each side

/// The headings of the sections enclosing `offset`, outermost first.
void section_path(const Document& doc, const Node& node, std::size_t offset, std::string& path) {
  for (const Node& child : node.children) {
    if (child.kind == NodeKind::Item || offset < child.range.begin || offset >= child.range.end) continue;
    if (child.kind == NodeKind::Numbered || child.kind == NodeKind::Heading) {
      path += (path.empty() ? "" : " / ") + std::string(doc.text.slice(child.heading));
    }
    section_path(doc, child, offset, path);
    return;
  }
}

std::string fnv1a(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", hash);
}

/// Moves a byte offset back to the start of the UTF-8 character holding it.
std::size_t char_start(std::string_view s, std::size_t at) {
  while (at > 0 && at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0U) == 0x80U) --at;
  return at;
}

}  // namespace

BaselineKey baseline_key(const std::string& file, const Document& doc, const Diagnostic& d) {
  const std::string_view s = doc.text.bytes();
  const std::size_t begin = char_start(s, d.range.begin >= kContextBytes ? d.range.begin - kContextBytes : 0);
  const std::size_t end = char_start(s, std::min(s.size(), d.range.end + kContextBytes));
  BaselineKey key{file, d.rule, {}, fnv1a(s.substr(begin, end - begin))};
  section_path(doc, doc.root, d.range.begin, key.section);
  return key;
}

Baseline Baseline::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read baseline '{}'", path));
  nlohmann::json j;
  try {
    in >> j;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a checklint baseline: {}", path, e.what()));
  }
  if (!j.is_object() || j.value("version", 0) != kVersion || !j.contains("findings") || !j["findings"].is_array()) {
    throw std::runtime_error(fmt::format("{}: not a checklint baseline (version {} expected)", path, kVersion));
  }
  Baseline b;
  for (const auto& f : j["findings"]) {
    try {
      BaselineKey key{f.at("file").get<std::string>(), f.at("rule").get<std::string>(), f.at("section").get<std::string>(),
                      f.at("fingerprint").get<std::string>()};
      b.counts_[key] += f.value("count", std::size_t{1});
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(fmt::format("{}: malformed finding: {}", path, e.what()));
    }
  }
  return b;
}

void Baseline::save(const std::string& path) const {
  nlohmann::ordered_json j;
  j["version"] = kVersion;
  j["tool"] = "checklint";
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& [key, count] : counts_) {
    findings.push_back(
        {{"file", key.file}, {"rule", key.rule}, {"section", key.section}, {"fingerprint", key.fingerprint}, {"count", count}});
  }
  j["findings"] = std::move(findings);
  std::ofstream out(path, std::ios::binary);
  out << j.dump(2) << '\n';
  if (!out) throw std::runtime_error(fmt::format("cannot write baseline '{}'", path));
}

std::size_t Baseline::filter(const std::string& file, const Document& doc, std::vector<Diagnostic>& diagnostics) {
  std::map<BaselineKey, std::size_t> left = counts_;
  const auto before = diagnostics.size();
  std::erase_if(diagnostics, [&](const Diagnostic& d) {
    const auto found = left.find(baseline_key(file, doc, d));
    if (found == left.end() || found->second == 0) return false;
    --found->second;
    return true;
  });
  return before - diagnostics.size();
}

}  // namespace checklint
