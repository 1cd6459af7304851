#include "linter/rules/ruleset.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <re2/re2.h>
#include <toml++/toml.h>

#include "linter/embedded.h"
#include "linter/rules/overlay.h"

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
    case 0: return "a boolean";
    case 1: return "an integer";
    case 2: return "a string";
    default: return "an array of strings";
  }
}


/// An array of strings, or a RuleSetError at the offending value.
std::vector<std::string> string_array(const std::string& path, const toml::node& node, std::string_view what) {
  const auto fail_at = [&](const toml::source_region& at) {
    throw RuleSetError(path, at.begin.line, at.begin.column, fmt::format("'{}' must be an array of strings", what));
  };
  const auto* list = node.as_array();
  if (list == nullptr) fail_at(node.source());
  std::vector<std::string> out;
  for (const auto& entry : *list) {
    if (!entry.is_string()) fail_at(entry.source());
    out.push_back(entry.as_string()->get());
  }
  return out;
}

/// RuleTable over a toml++ table; remembers which keys were read.
class TomlRuleTable final : public RuleTable {
 public:
  TomlRuleTable(const std::string& path, const toml::table& table, bool builtin)
      : path_(path), table_(table), builtin_(builtin) {}

  [[nodiscard]] bool validate_patterns() const override { return !builtin_; }

  [[nodiscard]] bool has(std::string_view key) const override { return table_.contains(key); }

  std::string string(std::string_view key, const std::string& fallback) override {
    const auto* node = get(key);
    if (node == nullptr) return fallback;
    if (!node->is_string()) fail(key, fmt::format("'{}' must be a string", key));
    return node->as_string()->get();
  }

  bool flag(std::string_view key, bool fallback) override {
    const auto* node = get(key);
    if (node == nullptr) return fallback;
    if (!node->is_boolean()) fail(key, fmt::format("'{}' must be true or false", key));
    return node->as_boolean()->get();
  }

  std::int64_t integer(std::string_view key, std::int64_t fallback) override {
    const auto* node = get(key);
    if (node == nullptr) return fallback;
    if (!node->is_integer()) fail(key, fmt::format("'{}' must be an integer", key));
    return node->as_integer()->get();
  }

  std::vector<std::string> strings(std::string_view key) override {
    const auto* node = get(key);
    if (node == nullptr) return {};
    return strings_of(*node, key);
  }

  std::vector<std::vector<std::string>> string_lists(std::string_view key) override {
    const auto* node = get(key);
    if (node == nullptr) return {};
    const auto* list = node->as_array();
    if (list == nullptr) fail(key, fmt::format("'{}' must be an array of arrays of strings", key));
    std::vector<std::vector<std::string>> out;
    for (const auto& entry : *list) out.push_back(strings_of(entry, key));
    return out;
  }

  std::vector<std::pair<std::string, std::string>> string_map(std::string_view key) override {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [k, v] : ordered(key)) {
      if (!v->is_string()) fail_at(v->source(), fmt::format("'{}' values must be strings", key));
      out.emplace_back(k, v->as_string()->get());
    }
    return out;
  }

  std::vector<std::pair<std::string, std::vector<std::string>>> list_map(std::string_view key) override {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& [k, v] : ordered(key)) out.emplace_back(k, strings_of(*v, key));
    return out;
  }

  std::vector<std::string> patterns(std::string_view key) override {
    const auto* node = get(key);
    if (node == nullptr) return {};
    auto out = strings_of(*node, key);
    const auto* list = node->as_array();
    for (std::size_t i = 0; i < out.size() && validate_patterns(); ++i) {
      const RE2 re(out[i], RE2::Quiet);
      if (!re.ok()) fail_at((*list)[i].source(), fmt::format("invalid pattern in '{}': {}", key, re.error()));
    }
    return out;
  }

  [[noreturn]] void fail(std::string_view key, const std::string& message) override {
    const auto* node = table_.get(key);
    fail_at(node != nullptr ? node->source() : table_.source(), message);
  }

  /// Keys the kind never read: unknown for this kind.
  void reject_unread(const std::string& kind) {
    for (auto&& [key, value] : table_) {
      if (!read_.contains(std::string(key.str()))) {
        throw RuleSetError(path_, key.source().begin.line, key.source().begin.column,
                           fmt::format("unknown key '{}' for a rule of kind '{}'", key.str(), kind));
      }
    }
  }

  void mark_read(std::string_view key) { read_.insert(std::string(key)); }

 private:
  const toml::node* get(std::string_view key) {
    read_.insert(std::string(key));
    return table_.get(key);
  }

  [[noreturn]] void fail_at(const toml::source_region& at, const std::string& message) const {
    throw RuleSetError(path_, at.begin.line, at.begin.column, message);
  }

  std::vector<std::string> strings_of(const toml::node& node, std::string_view key) const {
    return string_array(path_, node, key);
  }

  /// A sub-table's entries in the order they are written (toml++ keeps keys sorted).
  std::vector<std::pair<std::string, const toml::node*>> ordered(std::string_view key) {
    const auto* node = get(key);
    if (node == nullptr) return {};
    const auto* table = node->as_table();
    if (table == nullptr) fail_at(node->source(), fmt::format("'{}' must be a table", key));
    std::vector<std::pair<std::string, const toml::node*>> out;
    for (auto&& [k, v] : *table) out.emplace_back(std::string(k.str()), &v);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      const auto& x = a.second->source().begin;
      const auto& y = b.second->source().begin;
      return x.line != y.line ? x.line < y.line : x.column < y.column;
    });
    return out;
  }

  const std::string& path_;
  const toml::table& table_;
  bool builtin_;
  std::set<std::string> read_;
};

constexpr std::array<std::string_view, 12> kScopes = {"document", "title", "headings", "body", "preamble", "preparation",
                                                      "followup", "problems", "cases", "causes", "measures", "closing"};

class Loader {
 public:
  RuleSet load(const std::string& id_or_path) {
    RuleSet set = default_ruleset();
    fresh_ = true;
    load_into(id_or_path, "", set, nullptr);
    return set;
  }

  void parse_into(std::string_view text, const std::string& path, RuleSet& set) {
    chain_.push_back(path);
    apply(text, path, set);
    chain_.pop_back();
  }

  /// A [rules] table applied over an already loaded set (configuration files).
  static void overlay(const std::string& path, const toml::node& rules, RuleSet& set) { apply_rules(path, rules, set); }

 private:
  [[noreturn]] static void fail(const std::string& path, const toml::source_region& at, const std::string& message) {
    throw RuleSetError(path, at.begin.line, at.begin.column, message);
  }

  static bool is_path(const std::string& ref) {
    return ref.find('/') != std::string::npos || ref.ends_with(".toml");
  }

  struct File {
    std::string path;  ///< for display
    std::string text;
    bool builtin = false;
  };

  /// Resolves a reference to its file. `base_dir` anchors relative paths.
  static File read(const std::string& ref, const std::string& base_dir) {
    if (!is_path(ref)) {
      const std::string name = std::string(kBuiltinPrefix) + ref + ".toml";
      if (auto data = find_embedded(name)) return {name, std::string(*data), true};
      throw std::invalid_argument(fmt::format("unknown rule set '{}' (built-in sets: {})", ref,
                                              fmt::join(builtin_ruleset_ids(), ", ")));
    }
    fs::path path(ref);
    if (path.is_relative() && !base_dir.empty()) path = fs::path(base_dir) / path;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(fmt::format("cannot read rule set '{}'", path.string()));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return {path.lexically_normal().string(), buffer.str(), false};
  }

  /// What a rule-set file may pull in with `extends`: built-in sets, and regular files named
  /// .toml, so that a rule set in somebody's repository cannot make checklint read a device,
  /// a pipe (which would hang) or a file that is not a rule set. Paths given on the command
  /// line or in a configuration's `ruleset` are the user's own choice and are not limited.
  static void check_extended(const std::string& ref, const std::string& base_dir) {
    if (!is_path(ref)) return;
    if (!ref.ends_with(".toml")) {
      throw std::invalid_argument(fmt::format("'extends' may name only built-in rule sets and .toml files, not '{}'", ref));
    }
    fs::path path(ref);
    if (path.is_relative() && !base_dir.empty()) path = fs::path(base_dir) / path;
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
      throw std::invalid_argument(fmt::format("'{}' is not a regular file", path.string()));
    }
  }

  void load_into(const std::string& ref, const std::string& base_dir, RuleSet& set, const toml::source_region* at) {
    File file;
    try {
      if (at != nullptr) check_extended(ref, base_dir);
      file = read(ref, base_dir);
    } catch (const std::invalid_argument& e) {
      if (at != nullptr) fail(chain_.back(), *at, e.what());
      throw;
    }
    const auto& [path, text, builtin] = file;
    if (std::find(chain_.begin(), chain_.end(), path) != chain_.end()) {
      std::string cycle = fmt::format("{}", fmt::join(chain_, " -> "));
      fail(chain_.back(), *at, fmt::format("rule set extends itself: {} -> {}", cycle, path));
    }
    // A built-in file applied to a fresh set always gives the same set: every built-in set
    // extends common.toml, whose rules were otherwise compiled once per set.
    const bool reusable = builtin && fresh_;
    if (reusable && restore_builtin(path, set)) {
      fresh_ = false;
      return;
    }
    chain_.push_back(path);
    apply(text, path, set, builtin);
    chain_.pop_back();
    fresh_ = false;
    if (reusable) remember_builtin(path, set);
  }

  /// Built-in files applied to a fresh default_ruleset(), by path: loaded once per run.
  struct BuiltinResults {
    std::mutex mutex;
    std::map<std::string, RuleSet> by_path;
  };
  static BuiltinResults& builtin_results() {
    static auto& results = *new BuiltinResults;  // never destroyed: nothing to do at exit
    return results;
  }
  static bool restore_builtin(const std::string& path, RuleSet& set) {
    BuiltinResults& results = builtin_results();
    const std::lock_guard lock(results.mutex);
    const auto found = results.by_path.find(path);
    if (found == results.by_path.end()) return false;
    set = found->second;
    return true;
  }
  static void remember_builtin(const std::string& path, const RuleSet& set) {
    BuiltinResults& results = builtin_results();
    const std::lock_guard lock(results.mutex);
    results.by_path.emplace(path, set);
  }

  /// A built-in file's TOML, parsed once per run: every built-in set extends common.toml.
  static const toml::table& parsed_builtin(std::string_view text, const std::string& path) {
    static std::mutex mutex;
    static auto& parsed = *new std::map<std::string, toml::table>;  // never destroyed: nothing to do at exit
    const std::lock_guard lock(mutex);
    const auto found = parsed.find(path);
    if (found != parsed.end()) return found->second;
    return parsed.emplace(path, toml::parse(text, path)).first->second;
  }

  void apply(std::string_view text, const std::string& path, RuleSet& set, bool builtin = false) {
    toml::table own;
    const toml::table* parsed = &own;
    try {
      if (builtin) {
        parsed = &parsed_builtin(text, path);
      } else {
        own = toml::parse(text, path);
      }
    } catch (const toml::parse_error& e) {
      fail(path, e.source(), std::string(e.description()));
    }
    const toml::table& root = *parsed;
    for (auto&& [key, value] : root) {
      static constexpr std::array<std::string_view, 5> kKnown = {"ruleset", "rules", "detect", "parts", "dimensions"};
      if (std::find(kKnown.begin(), kKnown.end(), key.str()) == kKnown.end()) {
        fail(path, key.source(),
             fmt::format("unknown top-level key '{}' (expected ruleset, detect, parts, dimensions or rules)", key.str()));
      }
    }
    // What the set extends comes first; everything in this file then overrides it.
    if (const auto* meta = root.get("ruleset")) {
      if (!meta->is_table()) fail(path, meta->source(), "'ruleset' must be a table");
      if (const auto* extends = meta->as_table()->get("extends")) apply_extends(path, *extends, set);
      metadata(path, *meta->as_table(), set);
    }
    if (const auto* detect = root.get("detect")) apply_detect(path, *detect, set);
    if (const auto* parts = root.get("parts")) apply_parts(path, *parts, set);
    if (const auto* dims = root.get("dimensions")) apply_dimensions(path, *dims, set);
    if (const auto* rules = root.get("rules")) apply_rules(path, *rules, set, builtin);
    set.origin = path;
  }

  static const std::string& string_of(const std::string& path, const toml::node& node, std::string_view what) {
    const auto* s = node.as_string();
    if (s == nullptr) fail(path, node.source(), fmt::format("'{}' must be a string", what));
    return s->get();
  }

  static std::vector<std::string> strings_of(const std::string& path, const toml::node& node, std::string_view what) {
    return string_array(path, node, what);
  }

  static bool bool_of(const std::string& path, const toml::node& node, std::string_view what) {
    if (!node.is_boolean()) fail(path, node.source(), fmt::format("'{}' must be true or false", what));
    return node.as_boolean()->get();
  }

  static const toml::table& table_of(const std::string& path, const toml::node& node, std::string_view what) {
    const auto* table = node.as_table();
    if (table == nullptr) fail(path, node.source(), fmt::format("'{}' must be a table", what));
    return *table;
  }

  void apply_extends(const std::string& path, const toml::node& node, RuleSet& set) {
    const auto* list = node.as_array();
    if (list == nullptr) fail(path, node.source(), "'ruleset.extends' must be an array of strings");
    const std::string base = fs::path(path).parent_path().string();
    const bool builtin_parent = path.starts_with(kBuiltinPrefix) && find_embedded(path).has_value();
    for (const auto& entry : *list) {
      const std::string& ref = string_of(path, entry, "ruleset.extends entry");
      load_into(ref, builtin_parent ? "" : base, set, &entry.source());
    }
  }

  static void metadata(const std::string& path, const toml::table& table, RuleSet& set) {
    for (auto&& [key, value] : table) {
      if (key == "id") {
        set.id = string_of(path, value, "ruleset.id");
      } else if (key == "name") {
        set.name = string_of(path, value, "ruleset.name");
      } else if (key == "description") {
        set.description = string_of(path, value, "ruleset.description");
      } else if (key == "theme") {
        set.theme = string_of(path, value, "ruleset.theme");
      } else if (key == "year") {
        if (!value.is_integer()) fail(path, value.source(), "'ruleset.year' must be an integer");
        set.year = value.as_integer()->get();
      } else if (key == "dimensions_from_draft") {
        set.dimensions_from_draft = bool_of(path, value, "ruleset.dimensions_from_draft");
      } else if (key == "part_order") {
        set.part_order.clear();
        const auto* list = value.as_array();
        if (list == nullptr) fail(path, value.source(), "'ruleset.part_order' must be an array of part roles");
        for (const auto& entry : *list) {
          PartRole role{};
          if (!entry.is_string() || !parse_role(entry.as_string()->get(), role)) {
            fail(path, entry.source(), "unknown part role (expected preparation, followup, problems, cases, causes, measures, closing)");
          }
          set.part_order.push_back(role);
        }
      } else if (key != "extends") {
        fail(path, key.source(),
             fmt::format("unknown key '{}' in [ruleset] (expected id, name, description, theme, year, extends, "
                         "part_order, dimensions_from_draft)",
                         key.str()));
      }
    }
  }

  static void apply_detect(const std::string& path, const toml::node& node, RuleSet& set) {
    for (auto&& [key, value] : table_of(path, node, "detect")) {
      if (!value.is_integer()) fail(path, value.source(), "a [detect] phrase's weight must be an integer");
      set.detect[std::string(key.str())] = value.as_integer()->get();
    }
  }

  static void apply_parts(const std::string& path, const toml::node& node, RuleSet& set) {
    for (auto&& [key, value] : table_of(path, node, "parts")) {
      PartRole role{};
      if (!parse_role(key.str(), role)) {
        fail(path, key.source(), fmt::format("unknown part role '{}' (expected preparation, followup, problems, cases, causes, measures, closing)", key.str()));
      }
      PartSpec& spec = set.parts.at(static_cast<std::size_t>(role));
      spec.defined = true;
      for (auto&& [field, setting] : table_of(path, value, "parts." + std::string(key.str()))) {
        if (field == "headings") {
          spec.headings = strings_of(path, setting, "headings");
        } else if (field == "required") {
          spec.required = bool_of(path, setting, "required");
        } else {
          fail(path, field.source(), fmt::format("unknown key '{}' in a part (expected headings, required)", field.str()));
        }
      }
    }
  }

  static void apply_dimensions(const std::string& path, const toml::node& node, RuleSet& set) {
    const auto* list = node.as_array();
    if (list == nullptr || !list->is_array_of_tables()) fail(path, node.source(), "'dimensions' must be an array of tables ([[dimensions]])");
    set.dimensions.clear();  // a set's own aspects replace those of what it extends
    for (const auto& entry : *list) {
      DimensionSpec dim;
      for (auto&& [field, value] : *entry.as_table()) {
        if (field == "id") {
          dim.id = string_of(path, value, "id");
        } else if (field == "name") {
          dim.name = string_of(path, value, "name");
        } else if (field == "aliases") {
          dim.aliases = strings_of(path, value, "aliases");
        } else if (field == "causes") {
          dim.causes = strings_of(path, value, "causes");
        } else if (field == "measures") {
          dim.measures = strings_of(path, value, "measures");
        } else {
          fail(path, field.source(), fmt::format("unknown key '{}' in a dimension (expected id, name, aliases, causes, measures)", field.str()));
        }
      }
      if (dim.id.empty() || dim.name.empty()) fail(path, entry.source(), "a dimension needs an id and a name");
      const bool duplicate = std::any_of(set.dimensions.begin(), set.dimensions.end(), [&](const DimensionSpec& d) { return d.id == dim.id; });
      if (duplicate) fail(path, entry.source(), fmt::format("duplicate dimension id '{}'", dim.id));
      set.dimensions.push_back(std::move(dim));
    }
  }

  static void apply_rules(const std::string& path, const toml::node& node, RuleSet& set, bool builtin = false) {
    const auto* table = node.as_table();
    if (table == nullptr) fail(path, node.source(), "'rules' must be a table");
    for (auto&& [key, value] : *table) {
      const auto* settings = value.as_table();
      if (settings == nullptr) fail(path, value.source(), fmt::format("rule '{}' must be a table", key.str()));
      if (key.str().ends_with("*")) {
        apply_family(path, key, *settings, set);
        continue;
      }
      if (settings->contains("kind")) {
        declare(path, key, *settings, set, builtin);
        continue;
      }
      if (const Check* check = find_check(key.str())) {
        apply_rule(path, check->info(), *settings, set.rules[std::string(key.str())]);
        continue;
      }
      const auto declared = set.declared.find(std::string(key.str()));
      if (declared == set.declared.end()) fail(path, key.source(), fmt::format("unknown rule '{}'", key.str()));
      adjust(path, key.str(), *settings, declared->second);
    }
  }

  /// `[rules."content/placeholder"] kind = "existence" …`: a rule written in TOML.
  static void declare(const std::string& path, const toml::key& key, const toml::table& settings, RuleSet& set, bool builtin) {
    const std::string id(key.str());
    if (find_check(id) != nullptr) fail(path, key.source(), fmt::format("'{}' is a built-in rule and cannot be redefined", id));
    const auto* kind_node = settings.get("kind");
    const Kind* kind = kind_node->is_string() ? find_kind(kind_node->as_string()->get()) : nullptr;
    if (kind == nullptr) {
      std::string names;
      for (const Kind* k : all_kinds()) names += (names.empty() ? "" : ", ") + std::string(k->name());
      fail(path, kind_node->source(), fmt::format("unknown check kind (expected one of: {})", names));
    }
    TomlRuleTable table(path, settings, builtin);
    table.mark_read("kind");
    DeclaredRule rule;
    rule.id = id;
    rule.kind = std::string(kind->name());
    rule.origin = path;
    rule.enabled = table.flag("enabled", true);
    const std::string severity = table.string("severity", "warning");
    if (!parse_severity(severity, rule.severity)) {
      table.fail("severity", fmt::format("unknown severity '{}' (expected error, warning or info)", severity));
    }
    rule.description = table.string("description", "");
    rule.common.message = table.string("message", "");
    rule.common.message_en = table.string("message_en", "");
    if (table.has("scope")) {
      rule.common.scope = table.strings("scope");
      for (const auto& scope : rule.common.scope) {
        const bool aspect = scope.starts_with("aspect:") && scope.size() > 7;
        if (!aspect && std::find(kScopes.begin(), kScopes.end(), scope) == kScopes.end()) {
          table.fail("scope", fmt::format("unknown scope '{}' (expected document, title, headings, body, preamble, a part role "
                                          "or aspect:<id>)",
                                          scope));
        }
      }
    }
    rule.rule = kind->compile(table);
    table.reject_unread(rule.kind);
    set.declared[id] = std::move(rule);
  }

  /// `enabled` and `severity`, which every rule has; false for any other key.
  static bool switch_setting(const std::string& path, std::string_view key, const toml::node& value, bool& enabled,
                             Severity& severity) {
    if (key == "enabled") {
      if (!value.is_boolean()) fail(path, value.source(), "'enabled' must be true or false");
      enabled = value.as_boolean()->get();
      return true;
    }
    if (key == "severity") {
      const auto& name = string_of(path, value, "severity");
      if (!parse_severity(name, severity)) {
        fail(path, value.source(), fmt::format("unknown severity '{}' (expected error, warning or info)", name));
      }
      return true;
    }
    return false;
  }

  /// `[rules."content/placeholder"] severity = "error"` in a set that extends its definer.
  static void adjust(const std::string& path, std::string_view id, const toml::table& settings, DeclaredRule& rule) {
    for (auto&& [field, value] : settings) {
      if (!switch_setting(path, field.str(), value, rule.enabled, rule.severity)) {
        fail(path, field.source(),
             fmt::format("'{}' is defined in {}: only enabled and severity may be changed here (give `kind` to redefine it)", id,
                         rule.origin));
      }
    }
  }

  /// `[rules."structure/*"]`: enabled and severity for every rule whose id starts with the prefix.
  static void apply_family(const std::string& path, const toml::key& key, const toml::table& settings, RuleSet& set) {
    const std::string_view prefix = key.str().substr(0, key.str().size() - 1);
    std::size_t matched = 0;
    for (auto& [id, rule] : set.declared) {
      if (!id.starts_with(prefix)) continue;
      ++matched;
      adjust(path, id, settings, rule);
    }
    for (const Check* check : all_checks()) {
      if (!check->info().id.starts_with(prefix)) continue;
      ++matched;
      for (auto&& [field, value] : settings) {
        if (field != "enabled" && field != "severity") {
          fail(path, field.source(), fmt::format("'{}' covers several rules: only enabled and severity may be set", key.str()));
        }
      }
      apply_rule(path, check->info(), settings, set.rules[check->info().id]);
    }
    if (matched == 0) fail(path, key.source(), fmt::format("no rule matches '{}'", key.str()));
  }

  static void apply_rule(const std::string& path, const RuleInfo& info, const toml::table& settings, RuleConfig& config) {
    for (auto&& [key, value] : settings) {
      const std::string_view name = key.str();
      if (!switch_setting(path, name, value, config.enabled, config.severity)) {
        const auto spec = std::find_if(info.options.begin(), info.options.end(),
                                       [name](const OptionSpec& o) { return o.name == name; });
        if (spec == info.options.end()) {
          fail(path, key.source(), fmt::format("unknown option '{}' for rule '{}'", key.str(), info.id));
        }
        config.options[spec->name] = option_value(path, *spec, value);
      }
    }
  }

  static OptionValue option_value(const std::string& path, const OptionSpec& spec, const toml::node& value) {
    const auto mismatch = [&] {
      fail(path, value.source(), fmt::format("option '{}' must be {}", spec.name, type_name(spec.default_value)));
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
          if (spec.regex) {
            const RE2 re(out.back(), RE2::Quiet);
            if (!re.ok()) fail(path, entry.source(), fmt::format("invalid pattern in '{}': {}", spec.name, re.error()));
          }
        }
        return out;
      }
    }
  }

  std::vector<std::string> chain_;
  bool fresh_ = false;  ///< nothing has been applied to the set being loaded yet
};

/// Collects every declarative rule's patterns into the set's shared index; `compile` compiles
/// it now (a user's set: errors belong to loading), else on first use (the built-in sets).
void build_text_index(RuleSet& set, bool compile = true) {
  // aspect:<id> scopes must name an aspect of the set (a typo would silently never match).
  for (const auto& [id, rule] : set.declared) {
    for (const auto& scope : rule.common.scope) {
      if (!scope.starts_with("aspect:") || set.dimensions_from_draft) continue;
      const std::string aspect = scope.substr(7);
      const bool known = std::any_of(set.dimensions.begin(), set.dimensions.end(), [&](const DimensionSpec& d) { return d.id == aspect; });
      if (!known) {
        throw RuleSetError(rule.origin, 0, 0, fmt::format("rule '{}': scope '{}' names no aspect of rule set '{}'", id, scope, set.id));
      }
    }
  }
  auto index = std::make_shared<TextIndex>();
  index->origin = set.origin;
  for (const auto& [id, rule] : set.declared) {
    auto patterns = rule.rule->patterns();
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      index->patterns.push_back(std::move(patterns[i]));
      index->owners.emplace_back(id, static_cast<int>(i));
    }
  }
  if (compile) (void)index->set();
  set.text_index = std::move(index);
}

}  // namespace

void apply_rules_overlay(RuleSet& set, const toml::node& rules, const std::string& path) {
  Loader::overlay(path, rules, set);
  build_text_index(set);
}

/// What indexes with the same pattern list share: the built-in sets mostly share one list
/// (common.toml's rules), and one compiled set means one DFA to warm up instead of one per rule
/// set; one budget means a batch matches its first kDirectBytes pattern by pattern once, not once
/// per rule set it touches.
struct TextIndex::Shared {
  std::once_flag set_once;
  std::unique_ptr<RE2::Set> set;
  std::size_t bad_entry = 0;  ///< when the set does not compile: the entry that failed
  std::string error;          ///< and why (empty: too large as a whole)
  std::once_flag direct_once;
  LazyRegexes regexes;
  std::vector<std::vector<std::vector<std::string>>> required;  ///< per entry: required_strings()
  std::atomic<std::size_t> matched_bytes{0};
};

namespace {

struct SharedIndexes {
  std::mutex mutex;
  std::map<std::vector<std::string>, std::shared_ptr<TextIndex::Shared>> by_patterns;
};
SharedIndexes& shared_indexes() {
  static auto& indexes = *new SharedIndexes;  // never destroyed: nothing to do at exit
  return indexes;
}

}  // namespace

TextIndex::Shared& TextIndex::shared() const {
  std::call_once(once_, [this] {
    SharedIndexes& cache = shared_indexes();
    const std::lock_guard lock(cache.mutex);
    auto& slot = cache.by_patterns[patterns];
    if (!slot) slot = std::make_shared<Shared>();
    shared_ = slot;
  });
  return *shared_;
}

bool TextIndex::match(std::string_view text, std::vector<int>& hits) const {
  // A paragraph as long as the whole budget goes to the set at once: one pass of its DFA costs
  // less than the required strings' bitmap and a search per pattern (20 MB in one paragraph:
  // ~35 against ~20 instructions a byte), and far more than the set's compilation.
  if (shared().matched_bytes.fetch_add(text.size(), std::memory_order_relaxed) >= kDirectBytes || text.size() >= kDirectBytes) {
    hits.clear();
    return set().Match(re2::StringPiece(text.data(), text.size()), &hits);
  }
  return match_directly(text, hits);
}

std::size_t TextIndex::matched_bytes() const { return shared().matched_bytes.load(std::memory_order_relaxed); }

bool TextIndex::match_directly(std::string_view text, std::vector<int>& hits) const {
  hits.clear();
  Shared& s = shared();
  std::call_once(s.direct_once, [&] {
    s.regexes = lazy_regexes(patterns);
    s.required.reserve(patterns.size());
    for (const auto& p : patterns) s.required.push_back(required_strings(p));
  });
  const RequiredCheck check(text);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    if (!check.holds(s.required[i])) continue;
    const RE2& re = s.regexes[i]->get();
    if (!re.ok()) {
      (void)set();  // throws the error the set would have given
      continue;
    }
    if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re)) hits.push_back(static_cast<int>(i));
  }
  return !hits.empty();
}

const RE2::Set& TextIndex::set() const {
  Shared& s = shared();
  std::call_once(s.set_once, [&] {
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      if (compiled->Add(patterns[i], &s.error) < 0) {
        s.bad_entry = i;
        if (s.error.empty()) s.error = "invalid";
        return;
      }
    }
    if (!compiled->Compile()) return;
    s.set = std::move(compiled);
  });
  if (!s.set) {
    const std::string message = s.error.empty()
                                    ? std::string("the rule set's patterns are too large to compile together")
                                    : fmt::format("rule '{}': invalid pattern '{}': {}", owners.at(s.bad_entry).first,
                                                  patterns.at(s.bad_entry), s.error);
    throw RuleSetError(origin, 0, 0, message);
  }
  return *s.set;
}

RuleSetError::RuleSetError(std::string path, std::size_t line, std::size_t column, const std::string& message)
    : std::runtime_error(path.empty()   ? fmt::format("error: {}", message)
                         : line == 0    ? fmt::format("{}: error: {}", path, message)
                                        : fmt::format("{}:{}:{}: error: {}", path, line, column, message)),
      path_(std::move(path)),
      line_(line),
      column_(column) {}

namespace {

struct RoleNames {
  PartRole role;
  std::string_view id;
  std::string_view zh;
};
constexpr std::array<RoleNames, kPartRoleCount> kRoles = {{
    {PartRole::Preparation, "preparation", "会前准备情况"},
    {PartRole::Followup, "followup", "上次整改落实情况"},
    {PartRole::Problems, "problems", "存在的问题"},
    {PartRole::Cases, "cases", "典型案例剖析"},
    {PartRole::Causes, "causes", "原因分析"},
    {PartRole::Measures, "measures", "整改措施"},
    {PartRole::Closing, "closing", "结束语"},
}};

}  // namespace

std::string_view role_id(PartRole role) { return kRoles.at(static_cast<std::size_t>(role)).id; }
std::string_view role_name_zh(PartRole role) { return kRoles.at(static_cast<std::size_t>(role)).zh; }

bool parse_role(std::string_view id, PartRole& role) {
  for (const auto& r : kRoles) {
    if (r.id == id) {
      role = r.role;
      return true;
    }
  }
  return false;
}

RuleSet default_ruleset() {
  RuleSet set;
  set.id = "default";
  set.name = "默认";
  for (const auto& r : kRoles) set.part_order.push_back(r.role);
  for (const Check* check : all_checks()) set.rules[check->info().id] = defaults_for(check->info());
  return set;
}

RuleSet load_ruleset(const std::string& id_or_path) {
  try {
    RuleSet set = Loader().load(id_or_path);
    build_text_index(set);
    return set;
  } catch (const std::invalid_argument& e) {
    throw RuleSetError("", 0, 0, e.what());
  }
}

RuleSet parse_ruleset(std::string_view toml_text, const std::string& path) {
  RuleSet set = default_ruleset();
  Loader().parse_into(toml_text, path, set);
  build_text_index(set);
  return set;
}

const std::vector<RuleSet>& builtin_rulesets() {
  // Loaded to choose one per draft: each set's shared index compiles when a draft first uses it.
  // Never destroyed: freeing seven rule sets was most of the work left at exit.
  static const auto& sets = *new std::vector<RuleSet>([] {
    std::vector<RuleSet> out;
    for (const auto& id : builtin_ruleset_ids()) {
      RuleSet set = Loader().load(id);
      build_text_index(set, false);
      out.push_back(std::move(set));
    }
    return out;
  }());
  return sets;
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
