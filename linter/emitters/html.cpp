// `--format html`: the review report a person reads, one self-contained page
// (inline CSS; no script, font or image from anywhere). At the top the draft's
// name, its rule set and why, the counts and the coverage matrix; then the list
// of findings; then the outline and the draft itself with every finding
// highlighted at its bytes and its message beside the line. Several drafts make
// an index first (worst first); `-o DIR/` writes the index and one page per draft.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "linter/analysis/analysis.h"
#include "linter/document/docx.h"
#include "linter/emitters/matrix.h"
#include "linter/emitters/shared.h"
#include "linter/rules/ruleset.h"

namespace checklint {
namespace {

constexpr std::string_view kStyle = R"css(
:root { --ink: #1f2328; --muted: #656d76; --line: #d8dee4; --paper: #ffffff; --bg: #f6f8fa;
  --error: #cf222e; --error-bg: #ffebe9; --warning: #9a6700; --warning-bg: #fff8c5; --info: #0969da; --info-bg: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.7 "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; word-break: break-all; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
a { color: var(--info); text-decoration: none; }
a:hover { text-decoration: underline; }
.meta { color: var(--muted); margin: 0 0 8px; }
.notes-run { margin: 6px 0 0; padding-left: 20px; color: var(--muted); }
.counts { display: flex; gap: 10px; margin: 14px 0 0; flex-wrap: wrap; }
.count { border-radius: 6px; padding: 6px 14px; font-weight: 600; border: 1px solid var(--line); background: var(--paper); }
.count b { font-size: 20px; margin-right: 4px; }
.count.error { color: var(--error); border-color: var(--error); }
.count.warning { color: var(--warning); border-color: #d4a72c; }
.count.info { color: var(--info); border-color: var(--info); }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { border: 1px solid var(--line); padding: 6px 10px; vertical-align: top; text-align: left; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.missing { background: var(--error-bg); color: var(--error); font-weight: 600; }
td.na { color: var(--muted); }
td .n { color: var(--muted); font-size: 13px; margin-left: 4px; }
td ul { margin: 0; padding-left: 18px; }
.sev { display: inline-block; min-width: 3em; text-align: center; border-radius: 4px; padding: 0 6px; font-size: 13px; font-weight: 600; }
.sev.error { background: var(--error-bg); color: var(--error); }
.sev.warning { background: var(--warning-bg); color: var(--warning); }
.sev.info { background: var(--info-bg); color: var(--info); }
.rule { color: var(--muted); font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; white-space: nowrap; }
.where { white-space: nowrap; }
.outline ul { list-style: none; padding-left: 20px; margin: 0; }
.outline > ul { padding-left: 0; }
.outline .role { color: var(--muted); font-size: 13px; margin-left: 6px; }
.draft { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 8px 0; }
.line { display: grid; grid-template-columns: 4.5em 1fr; }
.line:target, .line:has(:target) { background: #fff8c5; }
.ln { color: var(--muted); text-align: right; padding-right: 14px; user-select: none; font-size: 13px; line-height: 26px; }
.tx { white-space: pre-wrap; word-break: break-all; padding-right: 18px; min-height: 1.7em; }
.hl { border-radius: 2px; }
.hl.error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
.hl.warning { background: var(--warning-bg); border-bottom: 2px solid #d4a72c; }
.hl.info { background: var(--info-bg); border-bottom: 2px solid var(--info); }
.hl.overlap { box-shadow: inset 0 -4px 0 rgba(0, 0, 0, 0.18); }
.mark { display: inline-block; width: 0; border-left: 2px solid var(--error); height: 1.2em; vertical-align: -0.2em; }
.mark.warning { border-color: #d4a72c; }
.mark.info { border-color: var(--info); }
.msgs { grid-column: 2; margin: 2px 18px 8px 0; }
.msg { border-left: 3px solid var(--line); background: var(--bg); padding: 3px 10px; margin: 3px 0; font-size: 14px; }
.msg.error { border-color: var(--error); }
.msg.warning { border-color: #d4a72c; }
.msg.info { border-color: var(--info); }
.msg .sub { color: var(--muted); margin-left: 1em; }
.fix { font-family: inherit; background: #dafbe1; border-radius: 3px; padding: 0 4px; }
.index td.num { text-align: right; }
.back { margin: 0 0 12px; }
footer { color: var(--muted); font-size: 13px; margin-top: 32px; }
section.file + section.file { margin-top: 48px; border-top: 3px solid var(--line); padding-top: 8px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .card, .draft, table { border-color: #999; }
  .line, .msg, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  section.file + section.file { break-before: page; border-top: none; }
  .back { display: none; }
  a { color: inherit; }
}
)css";

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* severity_class(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "info";
}

/// "第 12 行第 5 列", or for a .docx "第 12 段第 5 字": a .docx line is a paragraph.
std::string where(const Document& doc, std::size_t offset, Lang lang) {
  const Position p = doc.text.position(offset);
  if (is_docx_path(doc.text.path())) {
    return fmt::format(fmt::runtime(tr(lang, "第 {} 段第 {} 字", "paragraph {}, character {}")), p.line, p.column);
  }
  return fmt::format(fmt::runtime(tr(lang, "第 {} 行第 {} 列", "line {}, column {}")), p.line, p.column);
}

/// One draft's page body; anchors carry `prefix` so that several drafts can share a page.
class DraftWriter {
 public:
  DraftWriter(std::ostream& out, const FileResult& result, Lang lang, std::string prefix)
      : out_(out), result_(result), doc_(*result.doc), lang_(lang), prefix_(std::move(prefix)) {}

  void write() {
    header();
    if (result_.rules != nullptr) matrix(analyse(doc_, *result_.rules));
    findings();
    if (result_.rules != nullptr) outline(analyse(doc_, *result_.rules));
    draft();
  }

 private:
  [[nodiscard]] std::string line_anchor(std::size_t line) const { return fmt::format("{}L{}", prefix_, line); }
  [[nodiscard]] std::string diag_anchor(std::size_t i) const { return fmt::format("{}d{}", prefix_, i + 1); }

  void header() {
    out_ << "<h1>" << esc(doc_.text.path()) << "</h1>\n";
    if (result_.rules != nullptr) {
      out_ << "<p class=\"meta\">" << tr(lang_, "规则集：", "rule set: ") << "<b>" << esc(result_.rules->id) << "</b>（"
           << esc(result_.rules->name) << "）</p>\n";
    }
    if (!result_.notes.empty()) {
      out_ << "<ul class=\"notes-run\">\n";
      for (const auto& note : result_.notes) out_ << "<li>" << esc(note) << "</li>\n";
      out_ << "</ul>\n";
    }
    const emit::Totals t = emit::count(result_.diagnostics);
    out_ << "<div class=\"counts\">";
    out_ << fmt::format("<span class=\"count error\"><b>{}</b>{}</span>", t.errors, tr(lang_, "错误", "errors"));
    out_ << fmt::format("<span class=\"count warning\"><b>{}</b>{}</span>", t.warnings, tr(lang_, "警告", "warnings"));
    out_ << fmt::format("<span class=\"count info\"><b>{}</b>{}</span>", t.infos, tr(lang_, "提示", "infos"));
    out_ << "</div>\n";
  }

  void cells(const std::vector<MatrixCell>& list, bool judged = true) {
    if (!judged) {
      out_ << "<td class=\"na\">" << tr(lang_, "通用规则集不按方面判断原因", "not judged per aspect for the generic set") << "</td>";
      return;
    }
    if (list.empty()) {
      out_ << "<td class=\"missing\">" << tr(lang_, "空缺", "none") << "</td>";
      return;
    }
    out_ << "<td><ul>";
    for (const auto& c : list) {
      out_ << "<li><a href=\"#" << line_anchor(c.line) << "\">" << esc(c.marker) << esc(c.heading) << "</a></li>";
    }
    out_ << "</ul></td>";
  }

  void matrix(const Analysis& analysis) {
    out_ << "<h2>" << tr(lang_, "覆盖矩阵", "Coverage matrix") << "</h2>\n";
    const auto rows = matrix_rows(doc_, analysis);
    if (rows.empty()) {
      out_ << "<p class=\"meta\">" << tr(lang_, "没有识别出要对照的方面。", "No aspects to check coverage against.") << "</p>\n";
      return;
    }
    out_ << "<p class=\"meta\">"
         << fmt::format(fmt::runtime(tr(lang_, "方面依据：{}。每格列出覆盖该方面的小标题，空缺的格子标红。",
                                        "Aspects from: {}. Each cell lists the headings that cover the aspect; empty cells are red.")),
                        esc(analysis.dimension_frame))
         << "</p>\n";
    out_ << "<table class=\"matrix\"><thead><tr><th>" << tr(lang_, "方面", "aspect") << "</th><th>" << tr(lang_, "问题", "problems")
         << "</th><th>" << tr(lang_, "原因", "causes") << "</th><th>" << tr(lang_, "措施", "measures") << "</th></tr></thead><tbody>\n";
    const bool causes_judged = result_.rules == nullptr || !result_.rules->dimensions_from_draft;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const MatrixRow& row = rows[i];
      out_ << "<tr><th>" << i + 1 << ". " << esc(analysis.dimensions[i].name);
      out_ << fmt::format(fmt::runtime(tr(lang_, "<div class=\"n\">问题 {}、条目 {}、原因 {}、措施 {}</div>",
                                          "<div class=\"n\">{} problems, {} items, {} causes, {} measures</div>")),
                          row.problems.size(), row.items.size(), row.causes.size(), row.measures.size());
      out_ << "</th>";
      cells(row.problems);
      cells(row.causes, causes_judged);
      cells(row.measures);
      out_ << "</tr>\n";
    }
    out_ << "</tbody></table>\n";
    const auto unmapped = unmapped_problems(doc_, analysis);
    if (!unmapped.empty()) {
      out_ << "<p>" << tr(lang_, "对应不到任何方面的问题：", "Problems that map to no aspect: ");
      for (const auto& c : unmapped) {
        out_ << "<a href=\"#" << line_anchor(c.line) << "\">" << esc(c.marker) << esc(c.heading) << "</a> ";
      }
      out_ << "</p>\n";
    }
  }

  void findings() {
    out_ << "<h2>" << tr(lang_, "问题清单", "Findings") << "</h2>\n";
    if (result_.diagnostics.empty()) {
      out_ << "<p class=\"meta\">" << tr(lang_, "未发现问题。", "No findings.") << "</p>\n";
      return;
    }
    out_ << "<table class=\"findings\"><thead><tr><th>" << tr(lang_, "级别", "severity") << "</th><th>" << tr(lang_, "位置", "where")
         << "</th><th>" << tr(lang_, "问题", "message") << "</th><th>" << tr(lang_, "规则", "rule") << "</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < result_.diagnostics.size(); ++i) {
      const Diagnostic& d = result_.diagnostics[i];
      out_ << R"(<tr class="diag"><td><span class="sev )" << severity_class(d.severity) << R"(">)" << emit::severity_label(d.severity, lang_)
           << R"(</span></td><td class="where"><a href="#)" << diag_anchor(i) << R"(">)" << esc(where(doc_, d.range.begin, lang_))
           << "</a></td><td class=\"message\">" << esc(d.message.view()) << "</td><td class=\"rule\">" << esc(d.rule.view()) << "</td></tr>\n";
    }
    out_ << "</tbody></table>\n";
  }

  void outline_node(const Node& node, const Analysis& analysis) {
    if (node.kind == NodeKind::Item) return;
    out_ << "<li><a href=\"#" << line_anchor(node.line + 1) << "\">";
    if (node.kind == NodeKind::Title) {
      out_ << tr(lang_, "标题：", "title: ") << esc(doc_.text.slice(node.heading));
    } else if (node.kind == NodeKind::Preamble) {
      out_ << tr(lang_, "导语", "preamble");
    } else {
      if (node.numbering) out_ << esc(doc_.text.slice(node.numbering->range));
      out_ << esc(doc_.text.slice(node.heading));
    }
    out_ << "</a>";
    for (const auto& part : analysis.parts) {
      if (part.node == &node) out_ << "<span class=\"role\">〔" << esc(role_name_zh(part.role)) << "〕</span>";
    }
    const bool sections = std::any_of(node.children.begin(), node.children.end(), [](const Node& c) { return c.kind != NodeKind::Item; });
    if (sections) {
      out_ << "<ul>";
      for (const Node& child : node.children) outline_node(child, analysis);
      out_ << "</ul>";
    }
    out_ << "</li>\n";
  }

  void outline(const Analysis& analysis) {
    out_ << "<h2>" << tr(lang_, "章节结构", "Outline") << "</h2>\n<nav class=\"outline card\"><ul>\n";
    for (const Node& child : doc_.root.children) outline_node(child, analysis);
    out_ << "</ul></nav>\n";
  }

  /// The draft, line by line: segments between every span boundary, each highlighted by the
  /// most severe finding covering it; anchors where findings start; messages under their line.
  void draft() {
    out_ << "<h2>" << tr(lang_, "原文", "The draft") << "</h2>\n<div class=\"draft\">\n";
    const SourceText& text = doc_.text;
    const auto& ds = result_.diagnostics;
    std::vector<std::vector<std::size_t>> starting(text.line_count());  // per line: findings that start there
    std::vector<std::vector<std::size_t>> touching(text.line_count());  // per line: findings whose span reaches into it
    for (std::size_t i = 0; i < ds.size(); ++i) {
      const std::size_t first = text.line_index(ds[i].range.begin);
      starting[first].push_back(i);
      const std::size_t last = ds[i].range.end > ds[i].range.begin ? text.line_index(ds[i].range.end - 1) : first;
      for (std::size_t line = first; line <= last; ++line) touching[line].push_back(i);
    }
    for (std::size_t line = 0; line < text.line_count(); ++line) {
      out_ << R"(<div class="line" id=")" << line_anchor(line + 1) << R"("><div class="ln">)" << line + 1 << R"(</div><div class="tx">)";
      line_text(text.line_range(line), starting[line], touching[line]);
      out_ << "</div>";
      if (!starting[line].empty()) messages(starting[line]);
      out_ << "</div>\n";
    }
    out_ << "</div>\n";
  }

  /// One line's text. A sweep over the span boundaries keeps the findings that cover each
  /// segment, so that overlapping spans cost no more than the boundaries they add.
  void line_text(ByteRange range, const std::vector<std::size_t>& starting, const std::vector<std::size_t>& touching) {
    const SourceText& text = doc_.text;
    const auto& ds = result_.diagnostics;
    const auto clamp = [&](std::size_t at) { return std::clamp(at, range.begin, range.end); };
    std::vector<std::pair<std::size_t, std::size_t>> opens;   // (offset, finding)
    std::vector<std::pair<std::size_t, std::size_t>> closes;  // (offset, finding)
    std::set<std::size_t> cuts = {range.begin, range.end};
    for (const std::size_t i : touching) {
      const ByteRange r = ds[i].range;
      if (r.end <= r.begin) continue;
      opens.emplace_back(clamp(r.begin), i);
      closes.emplace_back(clamp(r.end), i);
      cuts.insert(clamp(r.begin));
      cuts.insert(clamp(r.end));
    }
    std::multimap<std::size_t, std::size_t> anchors;  // offset → findings starting there
    for (const std::size_t i : starting) {
      anchors.emplace(clamp(ds[i].range.begin), i);
      cuts.insert(clamp(ds[i].range.begin));
    }
    std::sort(opens.begin(), opens.end());
    std::sort(closes.begin(), closes.end());
    std::set<std::size_t> active;
    std::size_t next_open = 0;
    std::size_t next_close = 0;
    for (auto it = cuts.begin(); it != cuts.end(); ++it) {
      const std::size_t at = *it;
      while (next_close < closes.size() && closes[next_close].first <= at) active.erase(closes[next_close++].second);
      while (next_open < opens.size() && opens[next_open].first <= at) active.insert(opens[next_open++].second);
      for (auto [a, end] = anchors.equal_range(at); a != end; ++a) {
        const ByteRange r = ds[a->second].range;
        const bool empty = r.end <= r.begin || clamp(r.end) <= clamp(r.begin);
        out_ << "<a id=\"" << diag_anchor(a->second) << "\""
             << (empty ? fmt::format(" class=\"mark {}\"", severity_class(ds[a->second].severity)) : "") << "></a>";
      }
      const auto next = std::next(it);
      if (next == cuts.end()) break;
      const std::string_view piece = text.slice({at, *next});
      if (active.empty()) {
        out_ << esc(piece);
        continue;
      }
      Severity worst = Severity::Info;
      std::string title;
      std::size_t shown = 0;
      for (const std::size_t i : active) {
        worst = std::max(worst, ds[i].severity);
        if (shown++ < 5) title += (title.empty() ? "" : "\n") + ds[i].message.str();
      }
      out_ << "<span class=\"hl " << severity_class(worst) << (active.size() > 1 ? " overlap" : "") << "\" title=\"" << esc(title)
           << "\">" << esc(piece) << "</span>";
    }
  }

  void messages(const std::vector<std::size_t>& which) {
    out_ << "<div class=\"msgs\">";
    for (const std::size_t i : which) {
      const Diagnostic& d = result_.diagnostics[i];
      out_ << "<div class=\"msg " << severity_class(d.severity) << "\"><span class=\"sev " << severity_class(d.severity) << "\">"
           << emit::severity_label(d.severity, lang_) << "</span> <a href=\"#" << diag_anchor(i) << "\">"
           << esc(where(doc_, d.range.begin, lang_)) << "</a>：" << esc(d.message.view()) << " <span class=\"rule\">[" << esc(d.rule.view()) << "]</span>";
      for (const auto& fix : d.fixes) {
        // A fix-it that renumbers several places names each place.
        out_ << "<div class=\"sub\">";
        if (d.fixes.size() > 1) {
          const std::size_t line = doc_.text.position(fix.range.begin).line;
          out_ << "<a href=\"#" << line_anchor(line) << "\">" << esc(where(doc_, fix.range.begin, lang_)) << "</a> ";
        }
        if (fix.replacement.empty()) {
          out_ << tr(lang_, "建议删除", "suggested: delete");
        } else {
          out_ << tr(lang_, "建议改为：", "suggested: ") << "<span class=\"fix\">" << esc(fix.replacement) << "</span>";
        }
        out_ << (fix.safe ? "" : tr(lang_, "（需人工确认）", " (needs review)")) << "</div>";
      }
      for (const auto& note : d.notes) {
        const std::size_t line = doc_.text.position(note.range.begin).line;
        out_ << R"(<div class="sub"><a href="#)" << line_anchor(line) << R"(">)" << esc(where(doc_, note.range.begin, lang_)) << "</a>："
             << esc(note.message) << "</div>";
      }
      out_ << "</div>";
    }
    out_ << "</div>";
  }

  std::ostream& out_;
  const FileResult& result_;
  const Document& doc_;
  Lang lang_;
  std::string prefix_;
};

void page_start(std::ostream& out, const std::string& title, Lang lang) {
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == Lang::Zh ? "zh-CN" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << esc(title) << "</title>\n<style>"
      << kStyle << "</style>\n</head>\n<body>\n<main>\n";
}

void page_end(std::ostream& out, const EmitOptions& options) {
  out << "<footer>" << tr(options.lang, "由 checklint ", "Made by checklint ") << esc(options.tool_version)
      << tr(options.lang, " 生成；材料只在本机处理。", "; the drafts never left this machine.") << "</footer>\n</main>\n</body>\n</html>\n";
}

/// The drafts worst first: by errors, then warnings, then infos; ties keep the command line's order.
std::vector<std::size_t> worst_first(const std::vector<FileResult>& results) {
  std::vector<std::size_t> order(results.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const emit::Totals ta = emit::count(results[a].diagnostics);
    const emit::Totals tb = emit::count(results[b].diagnostics);
    return std::tie(tb.errors, tb.warnings, tb.infos) < std::tie(ta.errors, ta.warnings, ta.infos);
  });
  return order;
}

/// The index of several drafts; `link(i)` is where draft i's report is.
template <typename Link>
void index_table(std::ostream& out, const std::vector<FileResult>& results, Lang lang, Link link) {
  const emit::Totals all = emit::count(results);
  out << "<h1>" << tr(lang, "对照检查材料审阅报告", "Review report") << "</h1>\n<p class=\"meta\">"
      << fmt::format(fmt::runtime(tr(lang, "共 {} 份材料：错误 {}、警告 {}、提示 {}。按问题轻重排列，最需要修改的在前。",
                                     "{} drafts: {} errors, {} warnings, {} infos. Worst first.")),
                     results.size(), all.errors, all.warnings, all.infos)
      << "</p>\n<table class=\"index\"><thead><tr><th>" << tr(lang, "材料", "draft") << "</th><th>" << tr(lang, "错误", "errors")
      << "</th><th>" << tr(lang, "警告", "warnings") << "</th><th>" << tr(lang, "提示", "infos") << "</th><th>"
      << tr(lang, "规则集", "rule set") << "</th></tr></thead><tbody>\n";
  for (const std::size_t i : worst_first(results)) {
    const FileResult& r = results[i];
    const emit::Totals t = emit::count(r.diagnostics);
    out << R"(<tr class="draft-row"><td><a href=")" << link(i) << R"(">)" << esc(r.doc->text.path()) << R"(</a></td><td class="num">)"
        << t.errors << "</td><td class=\"num\">" << t.warnings << "</td><td class=\"num\">" << t.infos << "</td><td>"
        << (r.rules != nullptr ? esc(r.rules->id) : "") << "</td></tr>\n";
  }
  out << "</tbody></table>\n";
}

class HtmlEmitter final : public Emitter {
 public:
  explicit HtmlEmitter(EmitOptions options) : options_(std::move(options)) {}

  void emit(std::ostream& out, const std::vector<FileResult>& results) override {
    const Lang lang = options_.lang;
    if (results.size() == 1) {
      page_start(out, results.front().doc->text.path() + tr(lang, " — checklint 审阅报告", " — checklint report"), lang);
      out << "<section class=\"file\">\n";
      DraftWriter(out, results.front(), lang, "").write();
      out << "</section>\n";
    } else {
      page_start(out, tr(lang, "checklint 审阅报告", "checklint report"), lang);
      index_table(out, results, lang, [](std::size_t i) { return fmt::format("#f{}", i + 1); });
      for (std::size_t i = 0; i < results.size(); ++i) {
        out << R"(<section class="file" id="f)" << i + 1 << "\">\n";
        DraftWriter(out, results[i], lang, fmt::format("f{}-", i + 1)).write();
        out << "</section>\n";
      }
    }
    page_end(out, options_);
  }

 private:
  EmitOptions options_;
};

/// A page's file name: its place on the command line and the draft's name, safe on any file system.
std::string page_name(std::size_t i, const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (char& c : name) {
    if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|' || c == '#' || c == '%') c = '_';
  }
  return fmt::format("{}-{}.html", i + 1, name);
}

}  // namespace

namespace emit {

std::unique_ptr<Emitter> make_html_emitter(const EmitOptions& options) { return std::make_unique<HtmlEmitter>(options); }

}  // namespace emit

void write_html_directory(const std::filesystem::path& dir, const std::vector<FileResult>& results, const EmitOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create directory {}: {}", dir.string(), ec.message()));
  const auto write = [](const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
  };
  const Lang lang = options.lang;
  for (std::size_t i = 0; i < results.size(); ++i) {
    std::ostringstream page;
    page_start(page, results[i].doc->text.path() + tr(lang, " — checklint 审阅报告", " — checklint report"), lang);
    page << R"(<p class="back"><a href="index.html">)" << tr(lang, "← 返回全部材料", "← all drafts") << "</a></p>\n<section class=\"file\">\n";
    DraftWriter(page, results[i], lang, "").write();
    page << "</section>\n";
    page_end(page, options);
    write(dir / page_name(i, results[i].doc->text.path()), page.str());
  }
  std::ostringstream index;
  page_start(index, tr(lang, "checklint 审阅报告", "checklint report"), lang);
  index_table(index, results, lang, [&](std::size_t i) { return emit::percent_encode_path(page_name(i, results[i].doc->text.path())); });
  page_end(index, options);
  write(dir / "index.html", index.str());
}

}  // namespace checklint
