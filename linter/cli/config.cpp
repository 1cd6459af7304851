#include "linter/cli/config.h"

#include <algorithm>
#include <fstream>
#include <ranges>
#include <sstream>

#include <fmt/format.h>

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
std::string ruleset_of(const std::string& path, const Config& config, const toml::node& node) {
  if (!node.is_string()) fail(path, node.source(), "'ruleset' must be a string");
  std::string ref = node.as_string()->get();
  if (ref.empty()) fail(path, node.source(), "'ruleset' must not be empty");
  if (is_path_ref(ref) && fs::path(ref).is_relative()) ref = (config.dir / ref).lexically_normal().string();
  return ref;
}

const toml::node& rules_table(const std::string& path, const toml::node& node) {
  if (!node.is_table()) fail(path, node.source(), "'rules' must be a table");
  return node;
}

ConfigOverride override_of(const std::string& path, const Config& config, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) fail(path, node.source(), "'overrides' must be an array of tables ([[overrides]])");
  ConfigOverride entry;
  for (auto&& [key, value] : *table) {
    if (key == "files") {
      entry.files = globs_of(path, value, "overrides.files");
    } else if (key == "ruleset") {
      entry.ruleset = ruleset_of(path, config, value);
    } else if (key == "rules") {
      entry.rules = &rules_table(path, value);
    } else {
      fail(path, key.source(), fmt::format("unknown key '{}' in [[overrides]] (expected files, ruleset or rules)", key.str()));
    }
  }
  if (entry.files.empty()) fail(path, node.source(), "an [[overrides]] entry needs a non-empty 'files' list");
  return entry;
}

void read_overrides(const std::string& path, Config& config, const toml::node& node) {
  const auto* list = node.as_array();
  if (list == nullptr) fail(path, node.source(), "'overrides' must be an array of tables ([[overrides]])");
  for (const auto& entry : *list) config.overrides.push_back(override_of(path, config, entry));
}

void read_root(const std::string& path, Config& config) {
  for (auto&& [key, value] : config.root) {
    if (key == "ruleset") {
      config.ruleset = ruleset_of(path, config, value);
    } else if (key == "ignore") {
      config.ignore = globs_of(path, value, "ignore");
    } else if (key == "rules") {
      config.rules = &rules_table(path, value);
    } else if (key == "overrides") {
      read_overrides(path, config, value);
    } else {
      fail(path, key.source(),
           fmt::format("unknown top-level key '{}' (expected ruleset, ignore, rules or overrides)", key.str()));
    }
  }
}

bool matches_any(const std::vector<std::string>& globs, const std::string& relative) {
  return !relative.empty() &&
         std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) { return glob_match(glob, relative); });
}

/// Applies each [rules] table in turn, checking rule ids against the set at hand.
void apply_overlays(RuleSet& set, const std::vector<const toml::node*>& overlays, const std::string& path) {
  for (const auto* rules : overlays) apply_rules_overlay(set, *rules, path);
}

/// Checks the [rules] tables against the sets they will modify, where the file names them,
/// so that mistakes show up once, at load time, rather than per draft.
void validate_rules(const Config& config) {
  if (!config.ruleset.empty()) {
    RuleSet set = load_ruleset(config.ruleset);
    if (config.rules != nullptr) apply_rules_overlay(set, *config.rules, config.path);
  }
  for (const auto& entry : config.overrides) {
    const std::string& ref = entry.ruleset.empty() ? config.ruleset : entry.ruleset;
    if (ref.empty() || entry.rules == nullptr) continue;
    RuleSet set = load_ruleset(ref);
    apply_rules_overlay(set, *entry.rules, config.path);
  }
}

}  // namespace

std::unique_ptr<Config> load_config(const std::string& path) {
  auto config = std::make_unique<Config>();
  config->path = path;
  config->dir = fs::absolute(path).lexically_normal().parent_path();
  const std::string text = read_all(path);
  try {
    config->root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    fail(path, e.source(), std::string(e.description()));
  }
  read_root(path, *config);
  validate_rules(*config);
  return config;
}

std::string config_relative(const Config& config, const std::string& path) {
  const fs::path relative = fs::absolute(path).lexically_normal().lexically_relative(config.dir);
  std::string out = relative.generic_string();
  if (out.empty() || out == ".." || out.starts_with("../")) return {};
  return out;
}

bool config_ignores(const Config& config, const std::string& path) {
  return matches_any(config.ignore, config_relative(config, path));
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
  const std::string relative = config_relative(*config, path);
  for (const auto& entry : std::views::reverse(config->overrides)) {  // later entries win
    if (!entry.ruleset.empty() && matches_any(entry.files, relative)) return entry.ruleset;
  }
  return config->ruleset;
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
  std::vector<const toml::node*> overlays;
  std::string key = fmt::format("{}|{}|", config->path, ref.empty() ? "auto:" + start->origin : ref);
  if (config->rules != nullptr) overlays.push_back(config->rules);
  const std::string relative = config_relative(*config, path);
  std::size_t index = 0;
  for (const auto& entry : config->overrides) {
    if (entry.rules != nullptr && matches_any(entry.files, relative)) {
      overlays.push_back(entry.rules);
      key += fmt::format("{},", index);
    }
    ++index;
  }
  if (overlays.empty()) return start;
  auto& slot = sets_[key];
  if (!slot) {
    auto set = std::make_unique<RuleSet>(*start);
    apply_overlays(*set, overlays, config->path);
    slot = std::move(set);
  }
  return slot.get();
}

}  // namespace checklint

namespace checklint {

std::string_view starter_config() {
  return R"(# checklint 配置文件（说明见 docs/config.md）。
# 检查某份材料时，checklint 使用该材料所在文件夹或其上级文件夹中最近的 .checklint.toml。
# 以下各项都是示例，默认全部注释掉；去掉行首的“#”即可启用。

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
