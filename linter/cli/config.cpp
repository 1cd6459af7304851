#include "linter/cli/config.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "linter/analysis/select.h"
#include "linter/cli/inputs.h"
#include "linter/rules/overlay.h"

namespace checklint {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const toml::source_region& at, const std::string& message) {
  throw RuleSetError(path, at.begin.line, at.begin.column, message);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuleSetError(path, 0, 0, "cannot read configuration file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Why a glob is not usable, or empty when it is.
std::string glob_problem(const std::string& glob) {
  if (glob.empty()) return "it is empty";
  if (glob.starts_with('/')) return "it must be relative to the configuration file's folder";
  if (glob.find("***") != std::string::npos) return "'***' is not a pattern (use '**')";
  if (glob == ".." || glob.starts_with("../") || glob.find("/../") != std::string::npos) return "it must not climb out with '..'";
  return {};
}

std::vector<std::string> globs_of(const std::string& path, const toml::node& node, std::string_view key) {
  const auto* list = node.as_array();
  if (list == nullptr) fail(path, node.source(), fmt::format("'{}' must be an array of strings", key));
  std::vector<std::string> out;
  for (const auto& entry : *list) {
    if (!entry.is_string()) fail(path, entry.source(), fmt::format("'{}' must be an array of strings", key));
    const std::string& glob = entry.as_string()->get();
    if (const auto problem = glob_problem(glob); !problem.empty()) {
      fail(path, entry.source(), fmt::format("invalid glob '{}' in '{}': {}", glob, key, problem));
    }
    out.push_back(glob);
  }
  return out;
}

bool is_path_ref(const std::string& ref) { return ref.find('/') != std::string::npos || ref.ends_with(".toml"); }

/// A `ruleset` value: a built-in id as it is, a path made relative to the configuration's folder.
RulesetRef ruleset_of(const std::string& path, const Config& config, const toml::node& node) {
  if (!node.is_string()) fail(path, node.source(), "'ruleset' must be a string");
  std::string ref = node.as_string()->get();
  if (ref.empty()) fail(path, node.source(), "'ruleset' must not be empty");
  if (is_path_ref(ref) && fs::path(ref).is_relative()) ref = (config.dir / ref).lexically_normal().string();
  return {ref, path, node.source()};
}

RulesOverlay rules_table(const std::string& path, const toml::node& node) {
  if (!node.is_table()) fail(path, node.source(), "'rules' must be a table");
  return {&node, path};
}

ConfigOverride override_of(const std::string& path, const Config& config, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) fail(path, node.source(), "'overrides' must be an array of tables ([[overrides]])");
  ConfigOverride entry;
  entry.files.dir = config.dir;
  for (auto&& [key, value] : *table) {
    if (key == "files") {
      entry.files.globs = globs_of(path, value, "overrides.files");
    } else if (key == "ruleset") {
      entry.ruleset = ruleset_of(path, config, value);
    } else if (key == "rules") {
      entry.rules = rules_table(path, value);
    } else {
      fail(path, key.source(), fmt::format("unknown key '{}' in [[overrides]] (expected files, ruleset or rules)", key.str()));
    }
  }
  if (entry.files.globs.empty()) fail(path, node.source(), "an [[overrides]] entry needs a non-empty 'files' list");
  return entry;
}

void read_overrides(const std::string& path, Config& config, const toml::node& node) {
  const auto* list = node.as_array();
  if (list == nullptr) fail(path, node.source(), "'overrides' must be an array of tables ([[overrides]])");
  for (const auto& entry : *list) config.overrides.push_back(override_of(path, config, entry));
}

/// Folds an extended configuration in: its settings come before the extending file's own.
void inherit(Config& config, std::unique_ptr<Config> base) {
  if (!base->ruleset.ref.empty()) config.ruleset = base->ruleset;
  config.ignore.insert(config.ignore.end(), base->ignore.begin(), base->ignore.end());
  config.rules.insert(config.rules.end(), base->rules.begin(), base->rules.end());
  config.overrides.insert(config.overrides.end(), base->overrides.begin(), base->overrides.end());
  config.bases.push_back(std::move(base));
}

std::unique_ptr<Config> load_chain(const std::string& path, std::vector<std::string>& chain);

/// `extends`: one path or a list of paths, relative to the configuration's folder; loaded in order.
void read_extends(const std::string& path, Config& config, const toml::node& node, std::vector<std::string>& chain) {
  std::vector<const toml::node*> entries;
  if (node.is_string()) {
    entries.push_back(&node);
  } else if (const auto* list = node.as_array()) {
    for (const auto& entry : *list) entries.push_back(&entry);
  }
  if (entries.empty() && !node.is_array()) fail(path, node.source(), "'extends' must be a path or an array of paths");
  for (const auto* entry : entries) {
    if (!entry->is_string() || entry->as_string()->get().empty()) {
      fail(path, entry->source(), "'extends' must be a path or an array of paths");
    }
    if (!entry->as_string()->get().ends_with(".toml")) {
      fail(path, entry->source(), "'extends' may name only .toml files");  // never a device, a pipe or a secret
    }
    fs::path target(entry->as_string()->get());
    if (target.is_relative()) target = config.dir / target;
    const std::string base = target.lexically_normal().string();
    const std::string canonical = fs::weakly_canonical(base).string();
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      fail(path, entry->source(), fmt::format("configuration extends itself: {} -> {}", fmt::join(chain, " -> "), canonical));
    }
    std::error_code ec;
    if (!fs::is_regular_file(base, ec)) {
      fail(path, entry->source(), fmt::format("cannot read the configuration file '{}' that 'extends' names", base));
    }
    inherit(config, load_chain(base, chain));
  }
}

void read_root(const std::string& path, Config& config, std::vector<std::string>& chain) {
  // What the file extends comes first, wherever the key is written.
  if (const auto* extends = config.root.get("extends")) read_extends(path, config, *extends, chain);
  for (auto&& [key, value] : config.root) {
    if (key == "extends") continue;
    if (key == "ruleset") {
      config.ruleset = ruleset_of(path, config, value);
    } else if (key == "ignore") {
      config.ignore.push_back({config.dir, globs_of(path, value, "ignore")});
    } else if (key == "rules") {
      config.rules.push_back(rules_table(path, value));
    } else if (key == "overrides") {
      read_overrides(path, config, value);
    } else {
      fail(path, key.source(),
           fmt::format("unknown top-level key '{}' (expected extends, ruleset, ignore, rules or overrides)", key.str()));
    }
  }
}

/// `path` relative to `dir`, with '/' separators; empty when outside it.
std::string relative_to(const fs::path& dir, const std::string& path) {
  const fs::path relative = fs::absolute(path).lexically_normal().lexically_relative(dir);
  std::string out = relative.generic_string();
  if (out.empty() || out == ".." || out.starts_with("../")) return {};
  return out;
}

bool matches(const GlobList& list, const std::string& path) {
  const std::string relative = relative_to(list.dir, path);
  return !relative.empty() && std::any_of(list.globs.begin(), list.globs.end(),
                                          [&](const std::string& glob) { return glob_match(glob, relative); });
}

/// Loads the rule set a configuration names; a reference that names no set is reported
/// where the configuration wrote it (an error inside the set points into the set's own file).
RuleSet load_referenced(const RulesetRef& ref) {
  try {
    return load_ruleset(ref.ref);
  } catch (const RuleSetError& e) {
    if (!e.path().empty()) throw;
    std::string message = e.what();
    if (message.starts_with("error: ")) message.erase(0, 7);
    fail(ref.path, ref.at, message);
  }
}

void apply_overlays(RuleSet& set, const std::vector<RulesOverlay>& overlays) {
  for (const auto& overlay : overlays) apply_rules_overlay(set, *overlay.rules, overlay.path);
}

/// Checks the rule-set references and the [rules] tables against the sets they will modify,
/// where the file names them, so that mistakes show up once, at load time, rather than per draft.
void validate_rules(const Config& config) {
  if (!config.ruleset.ref.empty()) {
    RuleSet set = load_referenced(config.ruleset);
    apply_overlays(set, config.rules);
  }
  for (const auto& entry : config.overrides) {
    if (!entry.ruleset.ref.empty()) {
      RuleSet set = load_referenced(entry.ruleset);
      if (entry.rules.rules != nullptr) apply_overlays(set, {entry.rules});
    } else if (!config.ruleset.ref.empty() && entry.rules.rules != nullptr) {
      RuleSet set = load_referenced(config.ruleset);
      apply_overlays(set, {entry.rules});
    }
  }
}

std::unique_ptr<Config> load_chain(const std::string& path, std::vector<std::string>& chain) {
  auto config = std::make_unique<Config>();
  config->path = path;
  config->dir = fs::absolute(path).lexically_normal().parent_path();
  const std::string text = read_all(path);
  try {
    config->root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(path, e.source(), std::string(e.description()));
  }
  chain.push_back(fs::weakly_canonical(path).string());
  read_root(path, *config, chain);
  chain.pop_back();
  return config;
}

}  // namespace

std::unique_ptr<Config> load_config(const std::string& path) {
  std::vector<std::string> chain;
  auto config = load_chain(path, chain);
  validate_rules(*config);
  return config;
}

std::string config_relative(const Config& config, const std::string& path) { return relative_to(config.dir, path); }

bool config_ignores(const Config& config, const std::string& path) {
  return std::any_of(config.ignore.begin(), config.ignore.end(), [&](const GlobList& list) { return matches(list, path); });
}

void configure_paths(ConfigResolver& resolver, const std::vector<std::string>& named, const std::string& stdin_name,
                     std::vector<std::string>& paths, std::vector<const Config*>& configs) {
  const std::set<std::string> given(named.begin(), named.end());
  std::vector<std::string> kept;
  for (auto& path : paths) {
    const Config* config = resolver.config_for(path == "-" ? stdin_name : path);
    if (config != nullptr && !given.contains(path) && config_ignores(*config, path)) continue;
    kept.push_back(std::move(path));
    configs.push_back(config);
  }
  paths = std::move(kept);
}

ConfigResolver::ConfigResolver(std::string forced, bool discover) : forced_(std::move(forced)), discover_(discover) {}

const Config* ConfigResolver::config_for(const std::string& path) {
  const std::lock_guard lock(mutex_);
  if (!forced_.empty()) return load_cached(forced_);
  if (!discover_) return nullptr;
  return discover(fs::absolute(path).lexically_normal().parent_path());
}

const Config* ConfigResolver::discover(const std::filesystem::path& start) {
  std::vector<fs::path> visited;
  std::string found;
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (const auto known = found_.find(dir); known != found_.end()) {
      found = known->second;
      break;
    }
    visited.push_back(dir);
    std::error_code ec;
    if (fs::is_regular_file(dir / kConfigName, ec)) {
      found = (dir / kConfigName).string();
      break;
    }
    if (dir == dir.parent_path()) break;
  }
  for (const auto& dir : visited) found_[dir] = found;
  return found.empty() ? nullptr : load_cached(found);
}

const Config* ConfigResolver::load_cached(const std::string& path) {
  auto [it, inserted] = configs_.try_emplace(path);
  if (inserted) {
    try {
      it->second.config = load_config(path);
    } catch (const std::runtime_error& e) {
      it->second.error = e.what();
    }
  }
  if (!it->second.error.empty()) throw std::runtime_error(it->second.error);
  return it->second.config.get();
}

std::string ConfigResolver::ruleset_ref(const Config* config, const std::string& path, const std::string& cli) {
  if (!cli.empty() || config == nullptr) return cli;
  // Later entries win. (A reverse iterator, not std::views::reverse: clang 14, which builds
  // the fuzz targets, cannot compile libstdc++ 12's ranges.)
  for (auto entry = config->overrides.rbegin(); entry != config->overrides.rend(); ++entry) {
    if (!entry->ruleset.ref.empty() && matches(entry->files, path)) return entry->ruleset.ref;
  }
  return config->ruleset.ref;
}

const RuleSet* ConfigResolver::base(const std::string& ref) {
  auto& slot = sets_["base:" + ref];
  if (!slot) slot = std::make_unique<RuleSet>(load_ruleset(ref));
  return slot.get();
}

const RuleSet* ConfigResolver::rules_for(const Config* config, const std::string& path, const std::string& ref,
                                         const RuleSet* selected) {
  const std::lock_guard lock(mutex_);
  const RuleSet* start = ref.empty() ? selected : base(ref);
  if (config == nullptr) return start;
  std::vector<RulesOverlay> overlays = config->rules;
  std::string key = fmt::format("{}|{}|", config->path, ref.empty() ? "auto:" + start->origin : ref);
  std::size_t index = 0;
  for (const auto& entry : config->overrides) {
    if (entry.rules.rules != nullptr && matches(entry.files, path)) {
      overlays.push_back(entry.rules);
      key += fmt::format("{},", index);
    }
    ++index;
  }
  if (overlays.empty()) return start;
  auto& slot = sets_[key];
  if (!slot) {
    auto set = std::make_unique<RuleSet>(*start);
    apply_overlays(*set, overlays);
    slot = std::move(set);
  }
  return slot.get();
}

Resolution ConfigResolver::resolve(const Document& doc, const std::string& path, const Config* config,
                                   const std::string& cli, Lang lang) {
  const std::string ref = ruleset_ref(config, path, cli);
  Resolution out;
  const RuleSet* selected = nullptr;
  if (ref.empty()) {
    Selection selection = select_ruleset(doc);
    selected = selection.rules;
    out.note = lang == Lang::Zh ? std::move(selection.reason_zh) : std::move(selection.reason_en);
  }
  out.rules = rules_for(config, path, ref, selected);
  return out;
}

}  // namespace checklint

namespace checklint {

std::string_view starter_config() {
  return R"(# checklint 配置文件（说明见 docs/config.md）。
# 检查某份材料时，checklint 使用该材料所在文件夹或其上级文件夹中最近的 .checklint.toml。
# 以下各项都是示例，默认全部注释掉；去掉行首的“#”即可启用。

# 继承另一份配置文件（如团队共用的设置），路径相对于本文件；本文件的设置覆盖被继承的。
# extends = "../团队.toml"

# 规则集：内置规则集的 id（如 "2024-annual"、"generic"），或相对于本文件的 .toml 路径。
# 不写时，按每份材料的标题和导语自动选择；命令行的 --ruleset 优先于此处。
# ruleset = "2024-annual"

# 目录遍历时跳过的文件：相对于本文件所在文件夹的通配符（* 不跨“/”，** 跨多级目录）。
# ignore = ["归档/**", "*.bak.md"]

# 调整规则：写法与规则集文件中的 [rules] 完全相同（enabled、severity、各规则的选项，或 "family/*"）。
# [rules."numbering/style"]
# severity = "error"

# 对部分文件另作设置：files 为通配符列表；后写的条目优先。
# [[overrides]]
# files = ["个人/**"]
# ruleset = "generic"
# [overrides.rules."numbering/style"]
# enabled = false
)";
}

}  // namespace checklint
