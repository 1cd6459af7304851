// checklint's command line: a thin front end over parse_document() and lint().
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/analysis/select.h"
#include "linter/embedded.h"
#include "linter/emitters/emitter.h"
#include "linter/lint.h"
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
};

/// Reads and parses one input; on failure prints the error and returns nullopt.
std::optional<Document> load(const std::string& arg, const Options& options) {
  const bool from_stdin = arg == "-";
  const std::string path = from_stdin ? options.stdin_filename : arg;
  std::string bytes;
  try {
    bytes = from_stdin ? read_stream_bytes(std::cin) : read_file_bytes(arg);
    return parse_document(SourceText::from_bytes(path, bytes), format_for_path(path));
  } catch (const InputError& e) {
    std::cerr << describe_input_error(path, bytes, e) << '\n';
    return std::nullopt;
  }
}

Lang lang_of(const Options& options) { return options.lang == "en" ? Lang::En : Lang::Zh; }

/// Emits the lint results in the chosen format to standard output or to `-o FILE`.
bool write_report(const Options& options, const std::vector<FileResult>& results) {
  // Colour is for a terminal: a report file gets it only when asked for explicitly.
  const bool to_terminal = options.output.empty() && isatty(STDOUT_FILENO) != 0;
  EmitOptions emit_options;
  emit_options.lang = lang_of(options);
  emit_options.color = options.color == "always" || (options.color == "auto" && to_terminal);
  emit_options.tool_version = CHECKLINT_VERSION;
  const auto emitter = make_emitter(options.report_format, emit_options);
  if (options.output.empty()) {
    emitter->emit(std::cout, results);
    return true;
  }
  std::ofstream file(options.output, std::ios::binary);
  if (file) emitter->emit(file, results);
  file.close();
  if (!file) {
    std::cerr << fmt::format(fmt::runtime(tr(emit_options.lang, "error: 无法写入报告文件“{}”\n", "error: cannot write report file '{}'\n")),
                             options.output);
    return false;
  }
  return true;
}

int run_lint(const Options& options) {
  if (options.files.empty()) {
    std::cerr << tr(lang_of(options), "error: 没有给出要检查的文件（用 - 表示标准输入）\n",
                    "error: no input files (use - for standard input)\n");
    return kExitUsage;
  }
  std::optional<RuleSet> forced;
  if (!options.ruleset.empty()) {
    try {
      forced = load_ruleset(options.ruleset);
    } catch (const RuleSetError& e) {
      std::cerr << e.what() << '\n';
      return kExitUsage;
    }
  }
  std::vector<Document> docs;
  docs.reserve(options.files.size());
  bool input_failed = false;
  for (const auto& file : options.files) {
    if (auto doc = load(file, options)) {
      docs.push_back(std::move(*doc));
    } else {
      input_failed = true;
    }
  }
  const Lang lang = lang_of(options);
  std::vector<FileResult> results;
  bool has_error = false;
  for (const auto& doc : docs) {
    FileResult result{&doc, {}, {}, nullptr};
    const RuleSet* rules = forced ? &*forced : nullptr;
    if (rules == nullptr) {
      const Selection selection = select_ruleset(doc);
      rules = selection.rules;
      result.notes.push_back(lang == Lang::Zh ? selection.reason_zh : selection.reason_en);
    }
    result.rules = rules;
    result.diagnostics = lint(doc, *rules, LintOptions{lang});
    for (const auto& d : result.diagnostics) has_error = has_error || d.severity == Severity::Error;
    results.push_back(std::move(result));
  }
  if (!write_report(options, results)) return kExitUsage;
  if (input_failed) return kExitUsage;
  return has_error ? kExitFindings : kExitClean;
}

/// The rule set for one draft: the forced one, or the one its title and preamble choose.
std::optional<RuleSet> rules_for(const Document& doc, const Options& options) {
  if (options.ruleset.empty()) return *select_ruleset(doc).rules;
  try {
    return load_ruleset(options.ruleset);
  } catch (const RuleSetError& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }
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

}  // namespace

int run(int argc, char** argv) {
  Options options;
  CLI::App app{"checklint — 民主生活会/组织生活会对照检查材料的检查工具 (a linter for self-inspection drafts)", "checklint"};
  app.set_version_flag("--version", std::string(CHECKLINT_VERSION));
  app.add_option("files", options.files, "drafts to check (.md, .txt; - reads standard input)");
  app.add_option("--ruleset", options.ruleset, "rule set: a built-in id or a .toml path (default: chosen from the draft's title and preamble)");
  app.add_option("--color", options.color, "colour: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--lang", options.lang, "language of messages: zh, en")
      ->check(CLI::IsMember({"zh", "en"}))->capture_default_str();
  app.add_option("--stdin-filename", options.stdin_filename, "the name to report for standard input (its extension picks the format)");
  const std::vector<std::string> report_formats(emitter_formats().begin(), emitter_formats().end());
  app.add_option("--format", options.report_format, "report format: human, json, sarif, github, junit, lsp (see docs/formats.md)")
      ->check(CLI::IsMember(report_formats))->capture_default_str();
  app.add_option("-o,--output", options.output, "write the report to this file instead of standard output");

  auto* outline = app.add_subcommand("outline", "print the section tree of a draft");
  outline->add_option("file", options.files, "the draft (- reads standard input)")->required()->expected(1);
  outline->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  outline->add_option("--stdin-filename", options.stdin_filename, "the name to report for standard input");
  outline->add_option("--lang", options.lang, "zh or en")->check(CLI::IsMember({"zh", "en"}));
  auto* matrix = app.add_subcommand("matrix", "print the coverage matrix: per aspect, its problems, causes and measures");
  matrix->add_option("file", options.files, "the draft (- reads standard input)")->required()->expected(1);
  for (auto* sub : {outline, matrix}) {
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
  return run_lint(options);
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // Whatever escapes is a bug or an exhausted resource; say so plainly instead of aborting.
    std::cerr << "checklint: internal error: " << e.what() << '\n';
    return kExitUsage;
  }
}
