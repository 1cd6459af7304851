#include "linter/rules/ruleset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "linter/embedded.h"

namespace checklint {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBuiltinPrefix = "rules/";

RuleConfig defaults_for(const RuleInfo& info) {
  RuleConfig config;
  config.severity = info.default_severity;
  for (const auto& option : info.options) config.options[option.name] = option.default_value;
  return config;
}

std::string type_name(const OptionValue& value) {
  switch (value.index()) {
    case 0: return "boolean";
    case 1: return "integer";
    case 2: return "string";
    default: return "array of strings";
  }
}

class Loader {
 public:
  RuleSet load(const std::string& id_or_path) {
    RuleSet set = default_ruleset();
    load_into(id_or_path, "", set, nullptr);
    return set;
  }

  void parse_into(std::string_view text, const std::string& path, RuleSet& set) {
    chain_.push_back(path);
    apply(text, path, set);
    chain_.pop_back();
  }

 private:
  [[noreturn]] static void fail(const std::string& path, const toml::source_region& at, const std::string& message) {
    throw RuleSetError(path, at.begin.line, at.begin.column, message);
  }

  static bool is_path(const std::string& ref) {
    return ref.find('/') != std::string::npos || ref.ends_with(".toml");
  }

  /// Resolves a reference to (display path, text). `base_dir` anchors relative paths.
  static std::pair<std::string, std::string> read(const std::string& ref, const std::string& base_dir) {
    if (!is_path(ref)) {
      const std::string name = std::string(kBuiltinPrefix) + ref + ".toml";
      if (auto data = find_embedded(name)) return {name, std::string(*data)};
      throw std::invalid_argument(fmt::format("unknown rule set '{}' (built-in sets: {})", ref,
                                              fmt::join(builtin_ruleset_ids(), ", ")));
    }
    fs::path path(ref);
    if (path.is_relative() && !base_dir.empty()) path = fs::path(base_dir) / path;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(fmt::format("cannot read rule set '{}'", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return {path.lexically_normal().string(), buffer.str()};
  }

  void load_into(const std::string& ref, const std::string& base_dir, RuleSet& set, const toml::source_region* at) {
    std::pair<std::string, std::string> file;
    try {
      file = read(ref, base_dir);
    } catch (const std::invalid_argument& e) {
      if (at != nullptr) fail(chain_.back(), *at, e.what());
      throw;
    }
    const auto& [path, text] = file;
    if (std::find(chain_.begin(), chain_.end(), path) != chain_.end()) {
      std::string cycle = fmt::format("{}", fmt::join(chain_, " -> "));
      fail(chain_.back(), *at, fmt::format("rule set extends itself: {} -> {}", cycle, path));
    }
    chain_.push_back(path);
    apply(text, path, set);
    chain_.pop_back();
  }

  void apply(std::string_view text, const std::string& path, RuleSet& set) {
    toml::table root;
    try {
      root = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
      fail(path, e.source(), std::string(e.description()));
    }
    // A file's own [ruleset] metadata wins over what it extends.
    RuleSet own;
    for (auto&& [key, value] : root) {
      if (key == "ruleset") {
        metadata(path, value, own, set);
      } else if (key == "rules") {
        // applied after extends, below
      } else {
        fail(path, key.source(), fmt::format("unknown top-level key '{}' (expected [ruleset] or [rules])", key.str()));
      }
    }
    if (auto* rules = root.get("rules")) apply_rules(path, *rules, set);
    set.id = own.id.empty() ? set.id : own.id;
    set.name = own.name.empty() ? set.name : own.name;
    set.description = own.description.empty() ? set.description : own.description;
    set.origin = path;
  }

  static const std::string& string_of(const std::string& path, const toml::node& node, std::string_view what) {
    const auto* s = node.as_string();
    if (s == nullptr) fail(path, node.source(), fmt::format("'{}' must be a string", what));
    return s->get();
  }

  void metadata(const std::string& path, toml::node& node, RuleSet& own, RuleSet& set) {
    auto* table = node.as_table();
    if (table == nullptr) fail(path, node.source(), "'ruleset' must be a table");
    for (auto&& [key, value] : *table) {
      if (key == "id") {
        own.id = string_of(path, value, "ruleset.id");
      } else if (key == "name") {
        own.name = string_of(path, value, "ruleset.name");
      } else if (key == "description") {
        own.description = string_of(path, value, "ruleset.description");
      } else if (key == "extends") {
        auto* list = value.as_array();
        if (list == nullptr) fail(path, value.source(), "'ruleset.extends' must be an array of strings");
        const std::string base = fs::path(path).parent_path().string();
        for (auto& entry : *list) {
          const std::string& ref = string_of(path, entry, "ruleset.extends entry");
          const bool builtin_parent = path.starts_with(kBuiltinPrefix) && find_embedded(path).has_value();
          load_into(ref, builtin_parent ? "" : base, set, &entry.source());
        }
      } else {
        fail(path, key.source(), fmt::format("unknown key '{}' in [ruleset] (expected id, name, description, extends)", key.str()));
      }
    }
  }

  static void apply_rules(const std::string& path, toml::node& node, RuleSet& set) {
    auto* table = node.as_table();
    if (table == nullptr) fail(path, node.source(), "'rules' must be a table");
    for (auto&& [key, value] : *table) {
      const Check* check = find_check(key.str());
      if (check == nullptr) fail(path, key.source(), fmt::format("unknown rule '{}'", key.str()));
      auto* settings = value.as_table();
      if (settings == nullptr) fail(path, value.source(), fmt::format("rule '{}' must be a table", key.str()));
      RuleConfig& config = set.rules[std::string(key.str())];
      apply_rule(path, check->info(), *settings, config);
    }
  }

  static void apply_rule(const std::string& path, const RuleInfo& info, toml::table& settings, RuleConfig& config) {
    for (auto&& [key, value] : settings) {
      if (key == "enabled") {
        if (!value.is_boolean()) fail(path, value.source(), "'enabled' must be true or false");
        config.enabled = value.as_boolean()->get();
      } else if (key == "severity") {
        const auto& name = string_of(path, value, "severity");
        if (!parse_severity(name, config.severity)) {
          fail(path, value.source(), fmt::format("unknown severity '{}' (expected error, warning or info)", name));
        }
      } else {
        const auto spec = std::find_if(info.options.begin(), info.options.end(),
                                       [&](const OptionSpec& o) { return o.name == key.str(); });
        if (spec == info.options.end()) {
          fail(path, key.source(), fmt::format("unknown option '{}' for rule '{}'", key.str(), info.id));
        }
        config.options[spec->name] = option_value(path, *spec, value);
      }
    }
  }

  static OptionValue option_value(const std::string& path, const OptionSpec& spec, const toml::node& value) {
    const auto mismatch = [&] {
      fail(path, value.source(), fmt::format("option '{}' must be a {}", spec.name, type_name(spec.default_value)));
    };
    switch (spec.default_value.index()) {
      case 0:
        if (!value.is_boolean()) mismatch();
        return value.as_boolean()->get();
      case 1:
        if (!value.is_integer()) mismatch();
        return value.as_integer()->get();
      case 2:
        if (!value.is_string()) mismatch();
        return value.as_string()->get();
      default: {
        const auto* list = value.as_array();
        if (list == nullptr) mismatch();
        std::vector<std::string> out;
        for (const auto& entry : *list) {
          if (!entry.is_string()) mismatch();
          out.push_back(entry.as_string()->get());
        }
        return out;
      }
    }
  }

  std::vector<std::string> chain_;
};

}  // namespace

RuleSetError::RuleSetError(std::string path, std::size_t line, std::size_t column, const std::string& message)
    : std::runtime_error(path.empty()   ? fmt::format("error: {}", message)
                         : line == 0    ? fmt::format("{}: error: {}", path, message)
                                        : fmt::format("{}:{}:{}: error: {}", path, line, column, message)),
      path_(std::move(path)),
      line_(line),
      column_(column) {}

RuleSet default_ruleset() {
  RuleSet set;
  set.id = "default";
  set.name = "默认";
  for (const Check* check : all_checks()) set.rules[check->info().id] = defaults_for(check->info());
  return set;
}

RuleSet load_ruleset(const std::string& id_or_path) {
  try {
    return Loader().load(id_or_path);
  } catch (const std::invalid_argument& e) {
    throw RuleSetError("", 0, 0, e.what());
  }
}

RuleSet parse_ruleset(std::string_view toml_text, const std::string& path) {
  RuleSet set = default_ruleset();
  Loader().parse_into(toml_text, path, set);
  return set;
}

std::vector<std::string> builtin_ruleset_ids() {
  std::vector<std::string> ids;
  for (const auto& file : embedded_files()) {
    if (file.path.starts_with(kBuiltinPrefix) && file.path.ends_with(".toml")) {
      auto name = file.path.substr(kBuiltinPrefix.size());
      name.remove_suffix(5);
      ids.emplace_back(name);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace checklint
