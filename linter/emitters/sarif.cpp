// `--format sarif`: SARIF 2.1.0, as GitHub code scanning ingests it.
// Columns are UTF-16 code units (SARIF's default columnKind, stated on the run
// anyway), 1-based; region ends are exclusive. Every rule that has a result is
// described in tool.driver.rules, with its doc page as help.
#include <map>

#include <nlohmann/json.hpp>

#include "linter/embedded.h"
#include "linter/emitters/shared.h"
#include "linter/emitters/spool.h"
#include "linter/rules/ruleset.h"

namespace checklint::emit {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";

struct RuleMeta {
  std::string id;
  std::string short_text;
  std::string full_text;
  std::string help;  ///< Markdown; empty when the rule has no doc
  Severity level = Severity::Warning;
};

/// SARIF wants an identifier-like "friendly name": numbering/final-stop → NumberingFinalStop.
std::string friendly_name(std::string_view id) {
  std::string name;
  bool capitalize = true;
  for (const char c : id) {
    if (c == '/' || c == '-' || c == '_') {
      capitalize = true;
      continue;
    }
    name += capitalize && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    capitalize = false;
  }
  return name;
}

/// The first paragraph of a doc page under its title — what the rule checks.
/// A paragraph that only introduces a list (ends in "：") says too little alone.
std::string first_paragraph(std::string_view doc) {
  std::string paragraph;
  std::size_t at = 0;
  while (at < doc.size()) {
    const std::size_t end = std::min(doc.find('\n', at), doc.size());
    const std::string_view line = doc.substr(at, end - at);
    at = end + 1;
    if (line.empty() || line.front() == '#') {
      if (!paragraph.empty()) break;
      continue;
    }
    paragraph += line;
  }
  constexpr std::string_view kColon = "：";
  if (paragraph.ends_with(kColon)) return {};
  return paragraph;
}

RuleMeta builtin_meta(const RuleInfo& info, Lang lang) {
  RuleMeta meta{info.id, lang == Lang::Zh ? info.summary_zh : info.summary_en, {}, {}, info.default_severity};
  if (auto doc = find_embedded(info.doc_path)) {
    meta.help = std::string(*doc);
    meta.full_text = first_paragraph(*doc);
  }
  return meta;
}

/// A TOML rule is described the way `checklint explain` shows it: its own text, then its kind's doc.
RuleMeta declared_meta(const DeclaredRule& rule) {
  RuleMeta meta{rule.id, rule.description, rule.description, "# " + rule.id + "\n\n" + rule.description + "\n", rule.severity};
  const Kind* kind = find_kind(rule.kind);
  if (kind == nullptr) return meta;
  if (auto doc = find_embedded(kind->doc_path())) meta.help += "\n" + std::string(*doc);
  return meta;
}

RuleMeta describe(const std::string& id, const RuleSet* rules, Lang lang) {
  RuleMeta meta{id, id, {}, {}, Severity::Warning};
  if (const Check* check = find_check(id)) {
    meta = builtin_meta(check->info(), lang);
  } else if (rules != nullptr) {
    if (const auto found = rules->declared.find(id); found != rules->declared.end()) meta = declared_meta(found->second);
  }
  if (meta.full_text.empty()) meta.full_text = meta.short_text;
  return meta;
}

std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "none";
}

Json descriptor(const RuleMeta& meta) {
  Json rule = {{"id", meta.id},
               {"name", friendly_name(meta.id)},
               {"shortDescription", {{"text", meta.short_text}}},
               {"fullDescription", {{"text", meta.full_text}}}};
  // GitHub shows help.markdown when present; text is the required fallback.
  if (!meta.help.empty()) rule["help"] = {{"text", meta.help}, {"markdown", meta.help}};
  rule["defaultConfiguration"] = {{"level", level(meta.level)}};
  return rule;
}

Json region(const SourceText& text, ByteRange range) {
  const Position start = text.position(range.begin);
  const Position end = text.position(range.end);
  return {{"startLine", start.line},
          {"startColumn", start.utf16_column + 1},
          {"endLine", end.line},
          {"endColumn", end.utf16_column + 1}};
}

Json location(const SourceText& text, const std::string& uri, ByteRange range) {
  return {{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region(text, range)}}}};
}

Json fix(const SourceText& text, const std::string& uri, const FixIt& fix) {
  const Json replacement = {{"deletedRegion", region(text, fix.range)}, {"insertedContent", {{"text", fix.replacement}}}};
  const Json change = {{"artifactLocation", {{"uri", uri}}}, {"replacements", Json::array({replacement})}};
  return {{"artifactChanges", Json::array({change})},
          // SARIF has no notion of a fix safe to apply unattended; --fix applies only these.
          {"properties", {{"safe", fix.safe}}}};
}

Json result(const SourceText& text, const std::string& uri, const Diagnostic& d, std::size_t rule_index) {
  Json r = {{"ruleId", d.rule.str()},
            {"ruleIndex", rule_index},
            {"level", level(d.severity)},
            {"message", {{"text", d.message.str()}}},
            {"locations", Json::array({location(text, uri, d.range)})}};
  if (!d.notes.empty()) {
    Json related = Json::array();
    for (const auto& note : d.notes) {
      Json place = location(text, uri, note.range);
      place["message"] = {{"text", note.message}};
      related.push_back(std::move(place));
    }
    r["relatedLocations"] = std::move(related);
  }
  if (!d.fixes.empty()) {
    Json fixes = Json::array();
    for (const auto& f : d.fixes) fixes.push_back(fix(text, uri, f));
    r["fixes"] = std::move(fixes);
  }
  return r;
}

/// Between two of these bytes, a result's ruleIndex waits in the spool for the rule table:
/// the rule's number in order of first appearance. JSON text never holds a raw control byte.
constexpr char kIndexMark = '\x01';

/// The same text as nlohmann's dump(2) of the whole log: the results are dumped one by one,
/// indented to where they stand in the log, and spooled until the rules that have results,
/// which come first, are known.
class SarifEmitter final : public StreamingEmitter {
 public:
  explicit SarifEmitter(EmitOptions options) : options_(std::move(options)) {}

  void begin(std::ostream& out) override {
    out_ = &out;
    base_ = base_dir(options_);
    rules_.clear();
    results_ = Spool();
    any_ = false;
  }

  void add(const FileResult& file) override {
    const std::string uri = percent_encode_path(relative_path(file.doc->text.path(), base_));
    std::string text;
    for (const auto& d : file.diagnostics) {
      auto found = rules_.find(d.rule);
      // The first file's rule set describes a TOML rule that several files share.
      if (found == rules_.end()) found = rules_.emplace(d.rule, Seen{describe(d.rule, file.rules, options_.lang), rules_.size()}).first;
      const std::string dumped = result(file.doc->text, uri, d, 0).dump(2, ' ', false, Json::error_handler_t::replace);
      constexpr std::string_view kKey = "\"ruleIndex\": ";  // its first occurrence: ruleId's value is escaped
      const std::size_t at = dumped.find(kKey) + kKey.size();
      text.clear();
      text += any_ ? ",\n" : "\n";
      text += kIndent;
      for (std::size_t i = 0; i < dumped.size(); ++i) {
        if (i == at) {
          text += kIndexMark;
          text += std::to_string(found->second.number);
          text += kIndexMark;
          ++i;  // the placeholder 0
          if (i >= dumped.size()) break;
        }
        text += dumped[i];
        if (dumped[i] == '\n') text += kIndent;
      }
      any_ = true;
      results_.write(text);
    }
  }

  void end() override {
    std::vector<std::size_t> index(rules_.size());  // by number of first appearance
    Json rules = Json::array();
    for (const auto& [id, seen] : rules_) {
      index[seen.number] = rules.size();
      rules.push_back(descriptor(seen.meta));
    }
    Json driver = {{"name", "checklint"}};
    if (!options_.tool_version.empty()) driver["version"] = options_.tool_version;
    driver["rules"] = std::move(rules);
    const Json run = {{"tool", {{"driver", std::move(driver)}}}, {"columnKind", "utf16CodeUnits"}, {"results", Json::array()}};
    const Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    const std::string head = log.dump(2, ' ', false, Json::error_handler_t::replace);
    // The last "results": [] of the text is the run's: inside a string, quotes are escaped.
    constexpr std::string_view kResults = "\"results\": [";
    const std::size_t split = head.rfind(std::string(kResults) + "]") + kResults.size();
    std::ostream& out = *out_;
    out.write(head.data(), static_cast<std::streamsize>(split));
    bool in_mark = false;
    std::string number;
    results_.drain([&](std::string_view piece) {
      while (!piece.empty()) {
        const std::size_t mark = std::min(piece.find(kIndexMark), piece.size());
        if (in_mark) {
          number.append(piece.substr(0, mark));
        } else {
          out.write(piece.data(), static_cast<std::streamsize>(mark));
        }
        if (mark == piece.size()) break;
        if (in_mark) {
          out << index.at(std::stoul(number));
          number.clear();
        }
        in_mark = !in_mark;
        piece.remove_prefix(mark + 1);
      }
    });
    if (any_) out << "\n      ";
    out.write(head.data() + split, static_cast<std::streamsize>(head.size() - split));
    out << '\n';
  }

 private:
  static constexpr std::string_view kIndent = "        ";  // a result's depth in the log: runs[0].results[i]

  struct Seen {
    RuleMeta meta;
    std::size_t number = 0;  ///< order of first appearance
  };

  EmitOptions options_;
  std::ostream* out_ = nullptr;
  std::filesystem::path base_;
  std::map<std::string, Seen> rules_;  // by id: the table's order
  Spool results_;
  bool any_ = false;
};

}  // namespace

std::unique_ptr<Emitter> make_sarif_emitter(const EmitOptions& options) { return std::make_unique<SarifEmitter>(options); }

}  // namespace checklint::emit
