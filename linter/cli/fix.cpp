// `checklint --fix`: reads each draft, fixes it until stable, then writes it
// back atomically or prints a diff, and says in one line per file what it did.
#include "linter/cli/fix.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "linter/cli/config.h"
#include "linter/fix/diff.h"
#include "linter/fix/fix.h"
#include "linter/source/read.h"

namespace checklint {
namespace {

constexpr int kExitClean = 0;
constexpr int kExitError = 2;

bool is_docx(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".docx";
}

/// Why a file was left alone, in the user's language.
std::string describe(const WriteError& e, Lang lang) {
  switch (e.reason()) {
    case WriteError::Reason::ReadOnly:
      return fmt::format(fmt::runtime(tr(lang, "文件或其所在目录是只读的，文件未修改（{}）",
                                         "the file or its directory is read-only; file left unchanged ({})")),
                         e.what());
    case WriteError::Reason::Changed:
      return fmt::format(fmt::runtime(tr(lang, "文件在读取之后被其他程序修改过，为免覆盖别人的修改，未写入（{}）",
                                         "the file changed after it was read; not overwritten ({})")),
                         e.what());
    case WriteError::Reason::Io:
      break;
  }
  return fmt::format(fmt::runtime(tr(lang, "无法写入，文件未修改（{}）", "cannot write; file left unchanged ({})")),
                     e.what());
}

/// One draft as read: the name it is reported under, its bytes as in the file, and the text.
struct Input {
  std::string path;
  std::string raw;
  SourceText source;
};

class FixCommand {
 public:
  FixCommand(const FixOptions& options, ConfigResolver& resolver, std::istream& in, std::ostream& out, std::ostream& err)
      : options_(options), resolver_(resolver), in_(in), out_(out), err_(err) {}

  /// Fixes one file, or standard input for "-", under its configuration; false when it failed
  /// (the error is printed).
  bool fix(const std::string& arg, const Config* config) {
    const bool from_stdin = arg == "-";
    const auto input = read(arg, from_stdin);
    if (!input) return false;
    const auto outcome = fix_text(*input, config);
    if (!outcome) return false;
    std::string fixed;
    try {
      fixed = file_bytes(input->source, outcome->text);
    } catch (const EncodeError& e) {
      error(input->path, fmt::format(fmt::runtime(tr(options_.lang, "修复后的文字无法按原编码 {} 写回，文件未修改（{}）",
                                                     "the fixed text cannot be written back as {}; file left unchanged ({})")),
                                     encoding_name(input->source.encoding()), e.what()));
      return false;
    }
    if (!emit(arg, from_stdin, *input, fixed)) return false;
    summarise_file(input->path, outcome->report);
    return true;
  }

  /// The closing lines: totals when there were several files, and the hint about unsafe fixes.
  void summarise() const {
    const Lang lang = options_.lang;
    if (files_ > 1) {
      err_ << fmt::format(fmt::runtime(tr(lang, "共 {} 个文件：{}\n", "{} files: {}\n")), files_, counts(totals_));
    }
    if (totals_.unsafe > 0) {
      err_ << tr(lang, "加 --unsafe-fixes 可同时应用不安全的修改（见 docs/fix.md）\n",
                 "use --unsafe-fixes to apply the unsafe fixes too (see docs/fix.md)\n");
    }
  }

 private:
  std::optional<Input> read(const std::string& arg, bool from_stdin) {
    const std::string path = from_stdin ? options_.stdin_filename : arg;
    if (is_docx(path)) {
      error(path, tr(options_.lang, "暂不支持修复 .docx 文件（可先另存为 .txt 或 .md）",
                     "fixing .docx files is not supported yet (save as .txt or .md first)"));
      return std::nullopt;
    }
    std::string raw;
    try {
      raw = from_stdin ? read_stream_bytes(in_) : read_file_bytes(arg);
      SourceText source = SourceText::from_file_bytes(path, raw, options_.encoding);
      if (source.encoding() != Encoding::Utf8 && file_bytes(source, source.bytes()) != raw) {
        // Decoding and encoding again must give the file back byte for byte, or a fix would change more than it says.
        error(path, fmt::format(fmt::runtime(tr(options_.lang, "按 {} 解码后无法原样写回，为免损坏文件，不予修复",
                                                "decoded as {}, the file would not be written back byte for byte; not fixed")),
                                encoding_name(source.encoding())));
        return std::nullopt;
      }
      return Input{path, std::move(raw), std::move(source)};
    } catch (const InputError& e) {
      err_ << describe_input_error(path, raw, e, options_.lang == Lang::Zh) << '\n';
      return std::nullopt;
    }
  }

  /// Lints and fixes the text with the rule set lint would use: --ruleset, else the
  /// configuration's, else the one its title and preamble choose, with the [rules] applied.
  std::optional<FixOutcome> fix_text(const Input& input, const Config* config) {
    const InputFormat format = format_for_path(input.path);
    const RuleSet* rules = nullptr;
    try {
      rules = resolver_.resolve(parse_document(input.source, format), input.path, config, options_.ruleset, options_.lang).rules;
    } catch (const std::runtime_error& e) {
      err_ << e.what() << '\n';
      return std::nullopt;
    }
    try {
      return fix_until_stable(input.source, format, *rules, LintOptions{options_.lang}, options_.unsafe);
    } catch (const InputError& e) {
      // The input was valid, so a fix broke it: a bug in a check. The file is not touched.
      error(input.path,
            tr(options_.lang, "修复后的文本无效，文件未修改：", "a fix produced invalid text; file left unchanged: ") +
                std::string(e.what()));
      return std::nullopt;
    }
  }

  /// Prints the diff or the fixed text, or writes the file; false when writing failed.
  bool emit(const std::string& arg, bool from_stdin, const Input& input, const std::string& fixed) {
    if (options_.diff_only) {
      if (input.source.encoding() == Encoding::Utf8) {
        out_ << unified_diff(input.raw, fixed, input.path);
      } else {
        // A diff of GBK or UTF-16 bytes is unreadable on a UTF-8 terminal: show the decoded texts.
        const SourceText after = SourceText::from_file_bytes(input.path, fixed, input.source.encoding());
        out_ << unified_diff(input.source.bytes(), after.bytes(), input.path);
      }
      return true;
    }
    if (from_stdin) {
      out_ << fixed;
      return true;
    }
    if (fixed == input.raw) return true;  // nothing to do: leave the file, and its timestamp, alone
    try {
      write_file_atomically(arg, fixed, input.raw);
      return true;
    } catch (const WriteError& e) {
      error(input.path, describe(e, options_.lang));
      return false;
    }
  }

  [[nodiscard]] std::string counts(const FixReport& report) const {
    const Lang lang = options_.lang;
    const char* fixed = options_.diff_only ? tr(lang, "可修复", "would fix") : tr(lang, "已修复", "fixed");
    return fmt::format(fmt::runtime(tr(lang, "{} {} 处，跳过 {} 处重叠，{} 处不安全的修改未应用",
                                       "{} {}, skipped {} overlapping, {} unsafe not applied")),
                       fixed, report.applied, report.overlapping, report.unsafe);
  }

  void summarise_file(const std::string& path, const FixReport& report) {
    err_ << path << ": " << counts(report) << '\n';
    if (!report.stable) {
      err_ << path << ": "
           << fmt::format(
                  fmt::runtime(
                      tr(options_.lang, "修复 {} 轮后仍未稳定（可能有规则相互冲突），结果中还可能有可修复之处\n",
                         "not stable after {} rounds of fixes (rules may undo each other); more may be fixable\n")),
                  kMaxFixRounds);
    }
    ++files_;
    totals_.applied += report.applied;
    totals_.overlapping += report.overlapping;
    totals_.unsafe += report.unsafe;
  }

  void error(const std::string& path, const std::string& message) { err_ << path << ": error: " << message << '\n'; }

  const FixOptions& options_;
  ConfigResolver& resolver_;
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  std::size_t files_ = 0;
  FixReport totals_;
};

}  // namespace

int run_fix_command(const std::vector<std::string>& paths, const FixOptions& options, std::istream& in,
                    std::ostream& out, std::ostream& err) {
  if (paths.empty()) {
    err << tr(options.lang, "error: 没有给出要修复的文件（用 - 表示标准输入）\n",
              "error: no files to fix (use - for standard input)\n");
    return kExitError;
  }
  ConfigResolver resolver(options.config, options.discover_config);
  std::vector<std::string> kept = paths;
  std::vector<const Config*> configs;
  try {
    if (!options.ruleset.empty()) load_ruleset(options.ruleset);  // a bad --ruleset stops the run before any file
    configure_paths(resolver, options.named.empty() ? paths : options.named, options.stdin_filename, kept, configs);
  } catch (const std::runtime_error& e) {
    err << e.what() << '\n';
    return kExitError;
  }
  FixCommand command(options, resolver, in, out, err);
  bool ok = true;
  for (std::size_t i = 0; i < kept.size(); ++i) ok = command.fix(kept[i], configs[i]) && ok;
  command.summarise();
  return ok ? kExitClean : kExitError;
}

int run_fix_command(const std::vector<std::string>& paths, const FixOptions& options) {
  return run_fix_command(paths, options, std::cin, std::cout, std::cerr);
}

}  // namespace checklint
