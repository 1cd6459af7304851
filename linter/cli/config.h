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

#include "linter/document/document.h"
#include "linter/rules/ruleset.h"

namespace checklint {

inline constexpr std::string_view kConfigName = ".checklint.toml";

/// Globs and the folder they are relative to: that of the configuration file that wrote them.
struct GlobList {
  std::filesystem::path dir;
  std::vector<std::string> globs;
};

/// A [rules] table and the file it was read from, which its errors name.
struct RulesOverlay {
  const toml::node* rules = nullptr;
  std::string path;
};

/// A rule-set reference and where a configuration file wrote it.
struct RulesetRef {
  std::string ref;  ///< resolved: a built-in id, or a path made absolute against the file's folder
  std::string path;  ///< the configuration file
  toml::source_region at;
};

/// One [[overrides]] entry: settings for the files its globs match.
struct ConfigOverride {
  GlobList files;
  RulesetRef ruleset;    ///< empty ref: keep the outer choice
  RulesOverlay rules;    ///< rules.rules is null when the entry has no [overrides.rules]
};

/// A configuration file with everything it `extends` folded in: what it extends comes first,
/// and its own settings are applied over them.
struct Config {
  std::string path;           ///< the file, as named in errors
  std::filesystem::path dir;  ///< its folder, absolute
  RulesetRef ruleset;         ///< its own, else the last extended file's; empty ref: chosen per draft
  std::vector<GlobList> ignore;
  std::vector<RulesOverlay> rules;        ///< [rules] tables, the extended files' first
  std::vector<ConfigOverride> overrides;  ///< the extended files' first; later entries win
  std::vector<std::unique_ptr<Config>> bases;  ///< the extended files, which own their nodes
  toml::table root;  ///< owns the nodes this file's overlays point to
};

/// The rule set chosen for one draft and, when the draft chose it itself, why (for a note).
struct Resolution {
  const RuleSet* rules = nullptr;
  std::string note;
};

/// Loads and checks one configuration file; throws RuleSetError (`path:line:col: error: …`).
std::unique_ptr<Config> load_config(const std::string& path);

/// `path` relative to the configuration's folder, with '/' separators; empty when outside it.
std::string config_relative(const Config& config, const std::string& path);

/// Whether the configuration's `ignore` globs skip this file in a directory walk.
bool config_ignores(const Config& config, const std::string& path);

class ConfigResolver;

/// Finds each input's configuration (standard input, "-", is looked up as `stdin_name`) and
/// drops the walked files whose configuration's `ignore` skips them; the files named on the
/// command line (`named`) are always kept. `configs` gets one entry per kept path. Throws
/// std::runtime_error with a configuration's error.
void configure_paths(ConfigResolver& resolver, const std::vector<std::string>& named, const std::string& stdin_name,
                     std::vector<std::string>& paths, std::vector<const Config*>& configs);

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

  /// The whole choice for one draft, as lint, --fix and the language server make it: the
  /// reference ruleset_ref() names, else the set the draft's title and preamble choose (with the
  /// reason as a note in `lang`), with the configuration's [rules] applied. Throws
  /// std::runtime_error with the configuration's or the rule set's error.
  Resolution resolve(const Document& doc, const std::string& path, const Config* config, const std::string& cli, Lang lang);

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
