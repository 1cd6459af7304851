#pragma once
// .checklint.toml: per-folder settings for lint runs (see docs/config.md). A draft
// uses the nearest configuration file in its folder or a parent folder.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "linter/rules/ruleset.h"

namespace checklint {

inline constexpr std::string_view kConfigName = ".checklint.toml";

/// One [[overrides]] entry: settings for the files its globs match.
struct ConfigOverride {
  std::vector<std::string> files;
  std::string ruleset;                ///< resolved reference; empty: keep the outer choice
  const toml::node* rules = nullptr;  ///< its [overrides.rules] table, if any
};

struct Config {
  std::string path;           ///< the file, as named in errors
  std::filesystem::path dir;  ///< its folder, absolute: globs are relative to it
  std::string ruleset;        ///< resolved reference (built-in id or path); empty: chosen per draft
  std::vector<std::string> ignore;
  const toml::node* rules = nullptr;
  std::vector<ConfigOverride> overrides;
  toml::table root;  ///< owns the nodes `rules` point to
};

/// Loads and checks one configuration file; throws RuleSetError (`path:line:col: error: …`).
std::unique_ptr<Config> load_config(const std::string& path);

/// `path` relative to the configuration's folder, with '/' separators; empty when outside it.
std::string config_relative(const Config& config, const std::string& path);

/// Whether the configuration's `ignore` globs skip this file in a directory walk.
bool config_ignores(const Config& config, const std::string& path);

/// The starter file `checklint init` writes.
std::string_view starter_config();

/// Finds, loads and caches configurations and the rule sets they make; safe across threads.
class ConfigResolver {
 public:
  /// `forced`: --config FILE (empty: discover, unless `discover` is false).
  ConfigResolver(std::string forced, bool discover);

  /// The configuration for a file (for standard input, a name in the current folder);
  /// nullptr when there is none. Throws std::runtime_error with the configuration's error.
  const Config* config_for(const std::string& path);

  /// The rule-set reference that applies: `cli` (--ruleset) if given, else the last matching
  /// override's, else the configuration's; empty when the draft chooses its own.
  static std::string ruleset_ref(const Config* config, const std::string& path, const std::string& cli);

  /// The rule set for a draft: `ref` loaded (or `selected` when `ref` is empty) with the
  /// configuration's and matching overrides' [rules] applied. Throws RuleSetError.
  const RuleSet* rules_for(const Config* config, const std::string& path, const std::string& ref, const RuleSet* selected);

 private:
  const Config* discover(const std::filesystem::path& start);
  const Config* load_cached(const std::string& path);
  const RuleSet* base(const std::string& ref);

  struct Entry {
    std::unique_ptr<Config> config;
    std::string error;
  };

  std::string forced_;
  bool discover_;
  std::mutex mutex_;
  std::map<std::filesystem::path, std::string> found_;  ///< folder → its nearest configuration ("" none)
  std::map<std::string, Entry> configs_;
  std::map<std::string, std::unique_ptr<RuleSet>> sets_;
};

}  // namespace checklint
