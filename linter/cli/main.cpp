// checklint's command line: a thin front end over parse_document() and lint().
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/cli/fix.h"
#include "linter/diagnostics/baseline.h"
#include "linter/analysis/select.h"
#include "linter/cli/batch.h"
#include "linter/cli/config.h"
#include "linter/cli/gate.h"
#include "linter/cli/inputs.h"
#include "linter/embedded.h"
#include "linter/emitters/emitter.h"
#include "linter/document/load.h"
#include "linter/lint.h"
#include "linter/lsp/server.h"
#include "linter/source/read.h"

namespace {

using namespace checklint;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

struct Options {
  std::vector<std::string> files;
  std::string ruleset;  ///< empty: choose per draft from its title and preamble
  std::string color = "auto";
  std::string lang = "zh";
  std::string stdin_filename = "<stdin>";
  std::string format = "text";          ///< outline/matrix: text or json
  std::string report_format = "human";  ///< lint: one of emitter_formats()
  std::string output;                   ///< lint: report file; empty: standard output
  std::string rule;
  std::string encoding;                 ///< --encoding; empty: detect (see docs/inputs.md)
  // lint: batch runs and gating
  std::vector<std::string> include;  ///< globs over paths relative to a walked directory
  std::vector<std::string> exclude;
  unsigned jobs = 0;  ///< worker threads; 0: one per core
  long max_warnings = -1;
  std::string severity_threshold = "error";
  bool exit_zero = false;
  bool statistics = false;
  // lint: baselines and fixes
  std::string baseline;        ///< --baseline: accept the findings recorded in this file
  std::string write_baseline;  ///< --write-baseline: record today's findings here and exit
  bool fix = false;            ///< --fix: apply the safe fix-its and write the files back
  bool unsafe_fixes = false;   ///< --unsafe-fixes: with --fix or --diff, apply the unsafe fix-its too
  bool diff = false;           ///< --diff: print the fixes as a unified diff; write nothing
  // configuration files
  std::string config;      ///< --config: use this file for every draft
  bool no_config = false;  ///< --no-config: look for no .checklint.toml
  bool force = false;      ///< init --force: overwrite an existing .checklint.toml
};

/// Reads and parses one input; on failure returns nullopt and sets `error` to the message.
std::optional<Document> load(const std::string& arg, const Options& options, std::string& error) {
  const bool from_stdin = arg == "-";
  const std::string path = from_stdin ? options.stdin_filename : arg;
  std::string bytes;
  try {
    bytes = from_stdin ? read_stream_bytes(std::cin) : read_file_bytes(arg);
    // The bytes become the document's text (most drafts): a long one is not held twice.
    return load_document(path, std::move(bytes), LoadOptions{parse_encoding(options.encoding)});
  } catch (const InputError& e) {
    error = describe_input_error(path, bytes, e, options.lang != "en");
    return std::nullopt;
  }
}

/// load(), printing the error.
std::optional<Document> load(const std::string& arg, const Options& options) {
  std::string error;
  auto doc = load(arg, options, error);
  if (!doc) std::cerr << error << '\n';
  return doc;
}

Lang lang_of(const Options& options) { return options.lang == "en" ? Lang::En : Lang::Zh; }

/// `-o DIR/` (or an existing directory) takes an HTML report as an index and one page per draft.
bool html_directory(const std::string& output) {
  std::error_code ec;
  return !output.empty() && (output.ends_with('/') || std::filesystem::is_directory(output, ec));
}

/// The --ruleset given for every draft, if any; false when it cannot be loaded.
bool load_forced(const Options& options, std::optional<RuleSet>& forced) {
  if (options.ruleset.empty()) return true;
  try {
    forced = load_ruleset(options.ruleset);
    return true;
  } catch (const RuleSetError& e) {
    std::cerr << e.what() << '\n';
    return false;
  }
}

/// One draft of a run: its document, or why it could not be read, and what lint found.
struct Slot {
  std::optional<Document> doc;
  std::string error;
  FileResult result;
};

/// The report of a lint run, to standard output or `-o FILE`. Every format but HTML streams:
/// each draft is written and dropped as soon as it comes, so a batch of thousands of drafts is
/// never held whole. HTML needs every draft at the end (its index comes first, worst first).
class Report {
 public:
  explicit Report(const Options& options) : options_(options) {
    // Colour is for a terminal: a report file gets it only when asked for explicitly.
    const bool to_terminal = options.output.empty() && isatty(STDOUT_FILENO) != 0;
    emit_options_.lang = lang_of(options);
    emit_options_.color = options.color == "always" || (options.color == "auto" && to_terminal);
    emit_options_.tool_version = CHECKLINT_VERSION;
    emitter_ = make_emitter(options.report_format, emit_options_);
    streaming_ = dynamic_cast<StreamingEmitter*>(emitter_.get());
  }

  /// The next draft's result, in report order; false when the report cannot be written. A
  /// report that is not streamed takes the slot (it needs every draft at the end).
  bool add(std::unique_ptr<Slot>& slot) {
    if (streaming_ == nullptr) {
      kept_.push_back(std::move(slot));
      return true;
    }
    if (!started() && !start()) return false;
    streaming_->add(slot->result);
    return true;
  }

  /// Writes the rest of the report; `skip`: none at all unless a draft has been written
  /// already. False when the report cannot be written.
  bool finish(bool skip) {
    if (skip && !started()) return true;
    if (streaming_ == nullptr && options_.report_format == "html" && html_directory(options_.output)) {
      try {
        write_html_directory(options_.output, kept_results(), emit_options_);
        return true;
      } catch (const std::runtime_error& e) {
        std::cerr << "error: " << e.what() << '\n';
        return false;
      }
    }
    if (!started() && !start()) return false;
    if (streaming_ != nullptr) {
      streaming_->end();
    } else {
      emitter_->emit(*out_, kept_results());
    }
    if (!file_.is_open()) return true;
    file_.close();
    if (!file_) return cannot_write();
    return true;
  }

 private:
  [[nodiscard]] bool started() const { return out_ != nullptr; }

  /// Opens the destination and starts a streamed report.
  bool start() {
    if (options_.output.empty()) {
      out_ = &std::cout;
    } else {
      file_.open(options_.output, std::ios::binary);
      if (!file_) return cannot_write();
      out_ = &file_;
    }
    if (streaming_ != nullptr) streaming_->begin(*out_);
    return true;
  }

  bool cannot_write() const {
    std::cerr << fmt::format(fmt::runtime(tr(emit_options_.lang, "error: 无法写入报告文件“{}”\n", "error: cannot write report file '{}'\n")),
                             options_.output);
    return false;
  }

  std::vector<FileResult> kept_results() {
    std::vector<FileResult> results;
    results.reserve(kept_.size());
    for (auto& slot : kept_) results.push_back(std::move(slot->result));
    return results;
  }

  const Options& options_;
  EmitOptions emit_options_;
  std::unique_ptr<Emitter> emitter_;
  StreamingEmitter* streaming_ = nullptr;
  std::ofstream file_;
  std::ostream* out_ = nullptr;
  std::vector<std::unique_ptr<Slot>> kept_;  ///< for a report that is not streamed
};

/// The path a draft's configuration sees: standard input is named by --stdin-filename.
std::string config_path_of(const std::string& arg, const Options& options) {
  return arg == "-" ? options.stdin_filename : arg;
}

/// The rule set for one draft (ConfigResolver::resolve), noting why when the draft chose it;
/// nullptr with `error` set on a bad configuration or rule set.
const RuleSet* resolve_rules(const Document& doc, const std::string& path, const Config* config, const Options& options,
                             ConfigResolver& resolver, FileResult& result, std::string& error) {
  try {
    Resolution resolution = resolver.resolve(doc, path, config, options.ruleset, lang_of(options));
    if (!resolution.note.empty()) result.notes.push_back(std::move(resolution.note));
    return resolution.rules;
  } catch (const std::runtime_error& e) {
    error = e.what();
    return nullptr;
  }
}

/// Loads and lints one draft into its slot; runs on a worker thread, touching nothing else
/// but the resolver's caches, which lock.
void lint_slot(const std::string& arg, const Options& options, const Config* config, ConfigResolver& resolver, Slot& slot) {
  slot.doc = load(arg, options, slot.error);
  if (!slot.doc) return;
  FileResult& result = slot.result;
  result.doc = &*slot.doc;
  result.notes = load_notes(*slot.doc, lang_of(options));
  result.rules = resolve_rules(*slot.doc, config_path_of(arg, options), config, options, resolver, result, slot.error);
  if (result.rules == nullptr) {
    slot.doc.reset();
    return;
  }
  result.diagnostics = lint(*slot.doc, *result.rules, LintOptions{lang_of(options)});
  // Most of a draft's memory is its lines and section tree, and most reports need only its
  // text: drop them now, so that a folder of thousands of drafts is not held whole until the
  // report is written. The HTML report and baselines read the tree.
  const bool tree_needed = options.report_format == "html" || !options.baseline.empty() || !options.write_baseline.empty();
  if (!tree_needed) {
    slot.doc->root = Node{};
    slot.doc->lines = std::vector<Line>{};
  }
}

/// configure_paths(), printing a configuration's error; false when one cannot be loaded.
bool configure_inputs(const Options& options, ConfigResolver& resolver, std::vector<std::string>& paths,
                      std::vector<const Config*>& configs) {
  try {
    configure_paths(resolver, options.files, options.stdin_filename, paths, configs);
  } catch (const std::runtime_error& e) {
    std::cerr << e.what() << '\n';
    return false;
  }
  return true;
}

ConfigResolver resolver_of(const Options& options) { return {options.config, !options.no_config}; }

/// Reports directories that could not be read or held no draft; true when one could not be read.
bool report_walk(const Inputs& inputs, Lang lang) {
  for (const auto& error : inputs.errors) std::cerr << error << '\n';
  for (const auto& dir : inputs.empty) {
    std::cerr << fmt::format(fmt::runtime(tr(lang, "warning: 目录“{}”中没有找到要检查的文件（.md、.markdown、.txt、.docx）\n",
                                             "warning: no drafts (.md, .markdown, .txt, .docx) found in directory '{}'\n")),
                             dir);
  }
  return !inputs.errors.empty();
}

Gate gate_of(const Options& options) {
  Gate gate;
  parse_severity(options.severity_threshold, gate.threshold);
  gate.max_warnings = options.max_warnings;
  gate.exit_zero = options.exit_zero;
  return gate;
}

/// --statistics: after a human report on standard output; to standard error for the
/// machine formats, so that their output stays parseable.
void print_statistics(const Options& options, const Tally& counts) {
  const bool human = options.report_format == "human";
  std::ostream& out = human ? std::cout : std::cerr;
  if (human && options.output.empty()) out << '\n';
  write_statistics(out, counts, lang_of(options));
}

/// --write-baseline: saves the findings of this run, recorded draft by draft.
int write_baseline_file(const Options& options, const Baseline& baseline, std::size_t count, bool input_failed) {
  try {
    baseline.save(options.write_baseline);
  } catch (const std::runtime_error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kExitUsage;
  }
  std::cerr << fmt::format(fmt::runtime(tr(lang_of(options), "已把 {} 条现有问题写入基线文件 {}\n", "wrote {} existing finding(s) to the baseline {}\n")),
                           count, options.write_baseline);
  return input_failed ? kExitUsage : kExitClean;
}

/// --baseline: the file whose findings are accepted; false when it cannot be read.
bool load_baseline(const Options& options, std::optional<Baseline>& baseline) {
  if (options.baseline.empty()) return true;
  try {
    baseline = Baseline::load(options.baseline);
  } catch (const std::runtime_error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return false;
  }
  return true;
}

/// How many drafts may be linted ahead of the one being reported: enough to keep every
/// worker busy while one slow draft holds up the report, few enough to hold little memory.
std::size_t reorder_window(unsigned workers) { return std::size_t{4} * workers; }

int run_lint(const Options& options) {
  const Lang lang = lang_of(options);
  if (options.files.empty()) {
    std::cerr << tr(lang, "error: 没有给出要检查的文件（用 - 表示标准输入）\n",
                    "error: no input files (use - for standard input)\n");
    return kExitUsage;
  }
  std::optional<RuleSet> forced;
  if (!load_forced(options, forced)) return kExitUsage;
  Inputs inputs = expand_inputs(options.files, InputFilter{options.include, options.exclude});
  bool input_failed = report_walk(inputs, lang);
  ConfigResolver resolver = resolver_of(options);
  std::vector<const Config*> configs;
  if (!configure_inputs(options, resolver, inputs.paths, configs)) return kExitUsage;
  std::optional<Baseline> baseline;
  if (!load_baseline(options, baseline)) return kExitUsage;
  const bool recording = !options.write_baseline.empty();
  Baseline recorded;  // --write-baseline
  std::size_t recorded_count = 0;
  Report report(options);
  Tally counts;
  bool any_read = false;
  std::set<std::string> reported;  // a bad configuration's error, once however many drafts it governs
  // Each draft is linted into its slot of a ring and reported, in order, as soon as it and
  // every draft before it are done; then it is dropped.
  const unsigned workers = worker_count(options.jobs, inputs.paths.size());
  const std::size_t window = reorder_window(workers);
  std::vector<std::unique_ptr<Slot>> ring(window);
  RetireBin<Slot> retired;  // reported drafts, freed by the workers
  const auto produce = [&](std::size_t i) {
    retired.empty();
    auto slot = std::make_unique<Slot>();
    lint_slot(inputs.paths[i], options, configs[i], resolver, *slot);
    ring[i % window] = std::move(slot);
  };
  const auto report_slot = [&](std::unique_ptr<Slot>& slot) {
    if (!slot->doc) {
      if (reported.insert(slot->error).second) std::cerr << slot->error << '\n';
      input_failed = true;
      return true;
    }
    any_read = true;
    FileResult& result = slot->result;
    if (recording) {
      for (const auto& d : result.diagnostics) recorded.add(baseline_key(result.doc->text.path(), *result.doc, d));
      recorded_count += result.diagnostics.size();
      return true;
    }
    if (baseline) baseline->filter(result.doc->text.path(), *result.doc, result.diagnostics);
    count_file(counts, result);
    return report.add(slot);
  };
  const auto consume = [&](std::size_t i) {
    std::unique_ptr<Slot> slot = std::move(ring[i % window]);
    const bool more = report_slot(slot);
    retired.put(std::move(slot));
    return more;
  };
  if (!ordered_for(inputs.paths.size(), workers, window, produce, consume)) return kExitUsage;
  if (recording) return write_baseline_file(options, recorded, recorded_count, input_failed);
  // A human report on no draft at all after read errors would only say "no problems found".
  const bool nothing_read = !any_read && input_failed && options.report_format == "human";
  if (!report.finish(nothing_read)) return kExitUsage;
  if (options.statistics) print_statistics(options, counts);
  if (input_failed) return kExitUsage;
  return fails(counts, gate_of(options)) ? kExitFindings : kExitClean;
}

/// The rule set for one draft: the forced one, else its configuration's, else the one its
/// title and preamble choose, with the configuration's [rules] applied.
std::optional<RuleSet> rules_for(const Document& doc, const Options& options) {
  ConfigResolver resolver = resolver_of(options);
  const std::string path = config_path_of(options.files.front(), options);
  try {
    const Config* config = resolver.config_for(path);
    FileResult ignored;
    std::string error;
    const RuleSet* rules = resolve_rules(doc, path, config, options, resolver, ignored, error);
    if (rules != nullptr) return *rules;
    std::cerr << error << '\n';
  } catch (const std::runtime_error& e) {
    std::cerr << e.what() << '\n';
  }
  return std::nullopt;
}

/// Loads the one draft of `outline`/`matrix`, analyses it, and hands both to `emit`.
template <typename Emit>
int with_analysis(const Options& options, Emit emit) {
  auto doc = load(options.files.front(), options);
  if (!doc) return kExitUsage;
  const auto rules = rules_for(*doc, options);
  if (!rules) return kExitUsage;
  const Analysis analysis = analyse(*doc, *rules);
  emit(*doc, *rules, analysis, options.format == "json");
  return kExitClean;
}

int run_outline(const Options& options) {
  return with_analysis(options, [&](const Document& doc, const RuleSet&, const Analysis& analysis, bool json) {
    if (json) {
      emit_outline_json(std::cout, doc, &analysis);
    } else {
      emit_outline_text(std::cout, doc, &analysis, lang_of(options));
    }
  });
}

int run_matrix(const Options& options) {
  return with_analysis(options, [&](const Document& doc, const RuleSet& rules, const Analysis& analysis, bool json) {
    if (json) {
      emit_matrix_json(std::cout, doc, rules, analysis);
    } else {
      emit_matrix_text(std::cout, doc, rules, analysis, lang_of(options));
    }
  });
}

/// The rule set `rules` and `explain` describe: the one given, else `common`.
std::optional<RuleSet> reference_ruleset(const Options& options) {
  try {
    return load_ruleset(options.ruleset.empty() ? "common" : options.ruleset);
  } catch (const RuleSetError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }
}

int run_rules(const Options& options) {
  const Lang lang = lang_of(options);
  const auto set = reference_ruleset(options);
  if (!set) return kExitUsage;
  std::cout << tr(lang, "内置检查（C++）：\n", "built-in checks (C++):\n");
  for (const Check* check : all_checks()) {
    const auto& info = check->info();
    const auto& config = set->rules.at(info.id);
    std::cout << fmt::format("  {:<26} {:<8}{} {}\n", info.id, severity_name(config.severity), config.enabled ? " " : "-",
                             lang == Lang::Zh ? info.summary_zh : info.summary_en);
  }
  std::cout << fmt::format(fmt::runtime(tr(lang, "\n规则集 {} 中用 TOML 写的规则：\n", "\nrules written in TOML in rule set {}:\n")), set->id);
  for (const auto& [id, rule] : set->declared) {
    std::cout << fmt::format("  {:<26} {:<8}{} [{}] {}\n", id, severity_name(rule.severity), rule.enabled ? " " : "-", rule.kind,
                             rule.description);
  }
  std::cout << '\n' << tr(lang, "检查类型：", "check kinds: ");
  for (const Kind* kind : all_kinds()) std::cout << kind->name() << ' ';
  std::cout << '\n' << tr(lang, "内置规则集：", "built-in rule sets: ") << fmt::format("{}", fmt::join(builtin_ruleset_ids(), ", "))
            << '\n' << tr(lang, "（“-”表示该规则在此规则集中默认关闭）\n", "('-' marks a rule that is off in this rule set)\n");
  return kExitClean;
}

int run_explain(const Options& options) {
  const Lang lang = lang_of(options);
  if (const Check* check = find_check(options.rule)) {
    const auto& info = check->info();
    if (auto doc = find_embedded(info.doc_path)) std::cout << *doc;
    std::cout << '\n' << tr(lang, "默认级别：", "default severity: ") << severity_name(info.default_severity) << '\n';
    for (const auto& option : info.options) std::cout << "  " << option.name << ": " << option.description << '\n';
    return kExitClean;
  }
  if (const Kind* kind = find_kind(options.rule)) {
    if (auto doc = find_embedded(kind->doc_path())) std::cout << *doc;
    return kExitClean;
  }
  const auto set = reference_ruleset(options);
  if (!set) return kExitUsage;
  const auto found = set->declared.find(options.rule);
  if (found == set->declared.end()) {
    std::cerr << fmt::format(fmt::runtime(tr(lang, "error: 未知规则“{}”；`checklint rules` 列出全部规则\n",
                                             "error: unknown rule '{}'; `checklint rules` lists them\n")),
                             options.rule);
    return kExitUsage;
  }
  const DeclaredRule& rule = found->second;
  std::cout << fmt::format("# {}\n\n{}\n\n", rule.id, rule.description);
  std::cout << fmt::format(fmt::runtime(tr(lang, "级别：{}；类型：{}；定义于：{}\n\n", "severity: {}; kind: {}; defined in: {}\n\n")),
                           severity_name(rule.severity), rule.kind, rule.origin);
  if (auto doc = find_embedded(find_kind(rule.kind)->doc_path())) std::cout << *doc;
  return kExitClean;
}

/// `checklint init`: writes the starter .checklint.toml into the current folder.
int run_init(const Options& options) {
  const Lang lang = lang_of(options);
  std::error_code ec;
  if (!options.force && std::filesystem::exists(kConfigName, ec)) {
    std::cerr << fmt::format(fmt::runtime(tr(lang, "error: {} 已存在；用 --force 覆盖\n", "error: {} already exists; use --force to overwrite it\n")),
                             kConfigName);
    return kExitUsage;
  }
  std::ofstream file{std::string(kConfigName), std::ios::binary | std::ios::trunc};
  file << starter_config();
  file.close();
  if (!file) {
    std::cerr << fmt::format(fmt::runtime(tr(lang, "error: 无法写入 {}\n", "error: cannot write {}\n")), kConfigName);
    return kExitUsage;
  }
  std::cerr << fmt::format(fmt::runtime(tr(lang, "已写入 {}\n", "wrote {}\n")), kConfigName);
  return kExitClean;
}

/// --config and --no-config, for lint and for the subcommands that read a draft.
void add_config_options(CLI::App& app, Options& options) {
  auto* config = app.add_option("--config", options.config, "use this configuration file for every draft (see docs/config.md)");
  auto* none = app.add_flag("--no-config", options.no_config, "look for no .checklint.toml");
  config->excludes(none);
}

/// The lint options for batch runs (--include, --exclude, --jobs) and for gating.
void add_batch_options(CLI::App& app, Options& options) {
  app.add_option("--include", options.include, "in a directory, lint only files matching this glob (repeatable; * ** ?)")
      ->allow_extra_args(false);
  app.add_option("--exclude", options.exclude, "in a directory, skip files and folders matching this glob (repeatable)")
      ->allow_extra_args(false);
  app.add_option("-j,--jobs", options.jobs, "lint this many files at once (default: one per core)")
      ->check(CLI::Range(1U, 1024U));
  app.add_option("--max-warnings", options.max_warnings, "exit 1 when there are more warnings than this")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--severity-threshold", options.severity_threshold, "the lowest severity that fails the run: error, warning, info")
      ->check(CLI::IsMember({"error", "warning", "info"}))->capture_default_str();
  app.add_flag("--exit-zero", options.exit_zero, "exit 0 even when there are findings (input and usage errors still exit 2)");
  app.add_flag("--statistics", options.statistics, "after the report, count the findings per rule");
  app.add_option("--baseline", options.baseline, "accept the findings recorded in this baseline file; report only new ones");
  app.add_option("--write-baseline", options.write_baseline, "record the current findings in this baseline file and exit 0");
  app.add_flag("--fix", options.fix, "apply the safe fix-its and write the files back (see docs/fix.md)");
  app.add_flag("--unsafe-fixes", options.unsafe_fixes, "with --fix or --diff: apply the unsafe fix-its too");
  app.add_flag("--diff", options.diff, "print the fixes as a unified diff instead of writing the files");
}

}  // namespace

int run(int argc, char** argv) {
  Options options;
  CLI::App app{"checklint — 民主生活会/组织生活会对照检查材料的检查工具 (a linter for self-inspection drafts)", "checklint"};
  app.set_version_flag("--version", std::string(CHECKLINT_VERSION));
  app.add_option("files", options.files, "drafts or directories to check (.md, .txt; - reads standard input)");
  app.add_option("--ruleset", options.ruleset, "rule set: a built-in id or a .toml path (default: chosen from the draft's title and preamble)");
  app.add_option("--color", options.color, "colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--lang", options.lang, "language of messages: zh, en")
      ->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
  app.add_option("--stdin-filename", options.stdin_filename, "the name to report for standard input (its extension picks the format)");
  const std::vector<std::string> report_formats(emitter_formats().begin(), emitter_formats().end());
  app.add_option("--format", options.report_format, "report format: human, json, sarif, github, junit, lsp, html (see docs/formats.md)")
      ->check(CLI::IsMember(report_formats))->capture_default_str();
  app.add_option("-o,--output", options.output, "write the report to this file instead of standard output");
  add_batch_options(app, options);
  app.add_option("--encoding", options.encoding, "encoding of text drafts: utf-8, utf-16le, utf-16be, gb18030, gbk (default: detect)")
      ->check(CLI::IsMember({"utf-8", "utf8", "utf-16le", "utf-16be", "gb18030", "gbk"}, CLI::ignore_case));
  add_config_options(app, options);

  auto* outline = app.add_subcommand("outline", "print the section tree of a draft");
  outline->add_option("file", options.files, "the draft (- reads standard input)")->required()->expected(1);
  outline->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  outline->add_option("--stdin-filename", options.stdin_filename, "the name to report for standard input");
  outline->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto* matrix = app.add_subcommand("matrix", "print the coverage matrix: per aspect, its problems, causes and measures");
  matrix->add_option("file", options.files, "the draft (- reads standard input)")->required()->expected(1);
  for (auto* sub : {outline, matrix}) {
    add_config_options(*sub, options);
    sub->add_option("--ruleset", options.ruleset, "rule set: a built-in id or a .toml path (default: chosen from the draft)");
  }
  matrix->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  matrix->add_option("--stdin-filename", options.stdin_filename, "the name to report for standard input");
  matrix->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto* rules = app.add_subcommand("rules", "list the rules and built-in rule sets");
  rules->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  rules->add_option("--ruleset", options.ruleset, "describe this rule set's rules (default: common)");
  auto* explain = app.add_subcommand("explain", "show a rule's or a check kind's documentation");
  explain->add_option("rule", options.rule, "rule id (numbering/sequence, content/placeholder) or kind (existence)")->required();
  explain->add_option("--ruleset", options.ruleset, "the rule set that defines the rule (default: common)");
  explain->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto* init = app.add_subcommand("init", "write a commented starter .checklint.toml into the current folder");
  init->add_flag("--force", options.force, "overwrite an existing .checklint.toml");
  init->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto* lsp = app.add_subcommand("lsp", "run the language server on standard input and output (see docs/editors.md)");
  lsp->add_option("--lang", options.lang, "zh or en (default: the client's locale, else zh)")->check(CLI::IsMember({"zh", "en"}));
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitClean : kExitUsage;
  }
  if (outline->parsed()) return run_outline(options);
  if (matrix->parsed()) return run_matrix(options);
  if (rules->parsed()) return run_rules(options);
  if (explain->parsed()) return run_explain(options);
  if (init->parsed()) return run_init(options);
  if (lsp->parsed()) {
    lsp::ServerOptions server;
    if (lsp->count("--lang") > 0) server.lang = lang_of(options);
    server.version = CHECKLINT_VERSION;
    return lsp::run_lsp(server);
  }
  if (options.fix || options.diff) {
    const Inputs inputs = expand_inputs(options.files, InputFilter{options.include, options.exclude});
    const bool walk_failed = report_walk(inputs, lang_of(options));
    FixOptions fix_options{options.unsafe_fixes, options.diff,       options.ruleset, lang_of(options),
                           options.stdin_filename, options.config, !options.no_config, options.files};
    fix_options.encoding = parse_encoding(options.encoding);
    const int status = run_fix_command(inputs.paths, fix_options);
    return walk_failed ? kExitUsage : status;
  }
  if (options.unsafe_fixes) {
    std::cerr << tr(lang_of(options), "error: --unsafe-fixes 须与 --fix 或 --diff 同用\n", "error: --unsafe-fixes goes with --fix or --diff\n");
    return kExitUsage;
  }
  return run_lint(options);
}

int main(int argc, char** argv) {
  // glibc raises its mmap threshold to the size of the largest block freed so far (up to 32 MB):
  // after a long draft's first big buffer, every block below that comes from the heap and stays
  // resident when freed, so the buffers a long draft passes through add up instead of taking
  // turns (stars.txt: 143 MB peak instead of about 100). A fixed threshold keeps big blocks mapped.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Whatever escapes is a bug or an exhausted resource; say so plainly instead of aborting.
    std::cerr << "checklint: internal error: " << e.what() << '\n';
    return kExitUsage;
  }
}
