#include <algorithm>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "linter/emitters/emitter.h"
#include "linter/emitters/shared.h"

namespace checklint {
namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kMagenta = "\x1b[1;35m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kGreen = "\x1b[1;32m";

/// A source line cut to what is shown, with the caret span in display cells.
struct Snippet {
  std::string text;
  std::size_t caret_start = 0;  ///< display cells before the span
  std::size_t caret_width = 1;  ///< display cells of the span (at least one)
};

/// Takes the characters of [begin, end) of `line`, tabs as single spaces.
std::string render(std::string_view line, std::size_t begin, std::size_t end) {
  std::string out(line.substr(begin, end - begin));
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

/// Steps back/forward over whole characters until `cells` display cells are covered.
std::size_t back_by_cells(std::string_view line, std::size_t at, std::size_t cells) {
  std::size_t covered = 0;
  while (at > 0 && covered < cells) {
    std::size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(line[start]) & 0xC0U) == 0x80U) --start;
    covered += display_width(line.substr(start, at - start));
    at = start;
  }
  return at;
}

std::size_t forward_by_cells(std::string_view line, std::size_t at, std::size_t cells) {
  std::size_t covered = 0;
  while (at < line.size() && covered < cells) {
    std::size_t len = 1;
    covered += static_cast<std::size_t>(display_width(decode_utf8(line, at, len)));
    at += len;
  }
  return at;
}

Snippet make_snippet(std::string_view line, std::size_t begin, std::size_t end, std::size_t max_width) {
  begin = std::min(begin, line.size());
  end = std::clamp(end, begin, line.size());
  Snippet s;
  std::size_t from = 0;
  std::size_t to = line.size();
  // Only whether the line is wider than max_width matters: stop counting there.
  if (forward_by_cells(line, 0, max_width + 1) < line.size()) {
    const std::size_t context = max_width / 3;
    from = back_by_cells(line, begin, context);
    // A span wider than the rest of the window shows its start only (it may be the whole
    // 5 MB line); measuring stops there too.
    const std::size_t room = max_width - context;
    const std::size_t span_stop = forward_by_cells(line, begin, room);
    if (span_stop < end) {
      to = span_stop;
    } else {
      const std::size_t span_cells = display_width(line.substr(begin, end - begin));
      to = forward_by_cells(line, end, std::max(context, room - std::min(room, span_cells)));
    }
  }
  const std::string lead = from > 0 ? "..." : "";
  s.text = lead + render(line, from, to) + (to < line.size() ? "..." : "");
  s.caret_start = lead.size() + display_width(line.substr(from, begin - from));
  s.caret_width = std::max<std::size_t>(1, display_width(line.substr(begin, std::min(end, to) - begin)));
  return s;
}

class Printer {
 public:
  Printer(std::ostream& out, const HumanOptions& options) : out_(out), options_(options) {}

  void diagnostic(const Document& doc, const Diagnostic& d) {
    const auto color = d.severity == Severity::Error ? kRed : d.severity == Severity::Warning ? kMagenta : kCyan;
    const char* label = emit::severity_label(d.severity, options_.lang);
    header(doc, d.range, color, label, d.message, d.rule);
    const FixIt* fix = d.fixes.empty() ? nullptr : &d.fixes.front();
    snippet(doc, d.range, fix);
    for (const auto& note : d.notes) {
      header(doc, note.range, kCyan, tr(options_.lang, "注", "note"), note.message, {});
      snippet(doc, note.range, nullptr);
    }
  }

  std::string paint(std::string_view color, std::string_view text) const {
    if (!options_.color) return std::string(text);
    return fmt::format("{}{}{}", color, text, kReset);
  }

 private:
  void header(const Document& doc, ByteRange range, std::string_view color, std::string_view label,
              const std::string& message, const std::string& rule) {
    const Position pos = doc.text.position(range.begin);
    const std::string where = fmt::format("{}:{}:{}:", doc.text.path(), pos.line, pos.column);
    std::string line = fmt::format("{} {} {}", paint(kBold, where), paint(color, std::string(label) + ":"),
                                   paint(kBold, message));
    if (!rule.empty()) line += fmt::format(" [{}]", rule);
    out_ << line << '\n';
  }

  void snippet(const Document& doc, ByteRange range, const FixIt* fix) {
    const std::size_t index = doc.text.line_index(range.begin);
    const ByteRange line_range = doc.text.line_range(index);
    const std::string_view line = doc.text.line_text(index);
    const std::size_t begin = range.begin - line_range.begin;
    const std::size_t end = std::min(range.end, line_range.end) - line_range.begin;
    const Snippet s = make_snippet(line, begin, std::max(begin, end), options_.max_line_width);
    const std::string number = std::to_string(index + 1);
    const std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
    out_ << fmt::format("{:>{}} | {}\n", number, gutter.size(), s.text);
    const std::string caret = "^" + std::string(s.caret_width - 1, '~');
    out_ << gutter << " | " << std::string(s.caret_start, ' ') << paint(kGreen, caret) << '\n';
    if (fix != nullptr && !fix->replacement.empty()) {
      out_ << gutter << " | " << std::string(s.caret_start, ' ') << paint(kGreen, fix->replacement) << '\n';
    }
  }

  std::ostream& out_;
  const HumanOptions& options_;
};

}  // namespace

void HumanEmitter::begin(std::ostream& out) {
  out_ = &out;
  counts_ = {};
  files_ = 0;
}

void HumanEmitter::add(const FileResult& file) {
  std::ostream& out = *out_;
  Printer printer(out, options_);
  for (const auto& note : file.notes) {
    out << printer.paint(kBold, file.doc->text.path() + ":") << ' '
        << printer.paint(kCyan, tr(options_.lang, "注:", "note:")) << ' ' << note << '\n';
  }
  for (const auto& d : file.diagnostics) {
    printer.diagnostic(*file.doc, d);
    ++counts_.at(static_cast<std::size_t>(d.severity));
  }
  ++files_;
}

void HumanEmitter::end() {
  std::ostream& out = *out_;
  const auto [infos, warnings, errors] = counts_;
  if (errors + warnings + infos == 0) {
    out << fmt::format(fmt::runtime(tr(options_.lang, "未发现问题（{} 个文件）\n", "no problems found ({} file(s))\n")), files_);
    return;
  }
  out << fmt::format(fmt::runtime(tr(options_.lang, "共 {} 个错误、{} 个警告、{} 个提示（{} 个文件）\n",
                                     "{} error(s), {} warning(s), {} info(s) in {} file(s)\n")),
                     errors, warnings, infos, files_);
}

}  // namespace checklint
