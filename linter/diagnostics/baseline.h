#pragma once
// Baselines: accept the findings a draft already has and fail only on new
// ones. A finding is keyed by its rule, the headings of the sections around
// it and a fingerprint of the text it points at, never by line number, so
// editing another part of the draft does not disturb the baseline.
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "linter/diagnostics/diagnostic.h"
#include "linter/document/document.h"

namespace checklint {

struct BaselineKey {
  std::string file;
  std::string rule;
  std::string section;      ///< headings of the enclosing sections, outermost first, joined by " / "
  std::string fingerprint;  ///< hex FNV-1a of the finding's text and a few characters around it
  auto operator<=>(const BaselineKey&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads <=>
};

/// The key of one finding.
BaselineKey baseline_key(const std::string& file, const Document& doc, const Diagnostic& d);

class Baseline {
 public:
  /// Reads a baseline written by save(); throws std::runtime_error with the reason.
  static Baseline load(const std::string& path);
  void save(const std::string& path) const;

  void add(const BaselineKey& key) { ++counts_[key]; }
  /// Removes from `diagnostics` the findings the baseline accepts (each entry accepts as
  /// many findings as it counts) and returns how many were removed.
  std::size_t filter(const std::string& file, const Document& doc, std::vector<Diagnostic>& diagnostics);

  [[nodiscard]] std::size_t size() const { return counts_.size(); }

 private:
  std::map<BaselineKey, std::size_t> counts_;
};

}  // namespace checklint
