// `--format json`: checklint's own documented, versioned format (docs/formats.md).
// Positions carry both what people count (1-based line, column in characters)
// and what programs index by (the byte offset), so no reader has to convert.
//
// Written as it goes, file by file, in exactly the layout of nlohmann's dump(2):
// building the whole report as one JSON tree first cost a seventh of a batch run
// and, for a draft with millions of findings, gigabytes.
#include <array>
#include <charconv>
#include <cstring>
#include <optional>

#include "linter/emitters/shared.h"
#include "linter/rules/ruleset.h"

namespace checklint::emit {
namespace {

/// Bumped only when a key changes meaning or disappears; new keys keep the version.
constexpr int kFormatVersion = 1;

/// A pretty-printing JSON writer: objects and arrays opened and closed in order, into a
/// buffer that goes to the stream in large pieces. Each piece (a key with its line break and
/// indentation, a number) is written into room made for it at once: a report holds a dozen
/// keys and numbers per finding.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  Writer(Writer&&) = delete;
  Writer& operator=(Writer&&) = delete;
  ~Writer() { flush(); }

  void open(char bracket) {
    value_prefix();
    buf_.push_back(bracket);
    fresh_.push_back(1);
  }
  void close(char bracket) {
    const bool empty = fresh_.back() != 0;
    fresh_.pop_back();
    if (!empty) newline();
    buf_.push_back(bracket);
    if (buf_.size() >= kFlushBytes) flush();
  }
  /// A key inside an object; the value follows. Keys are this format's own names, which
  /// need no escaping.
  void key(std::string_view name) {
    item_prefix();
    char* p = buf_.room(name.size() + 4);
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    constexpr std::string_view kAfter = "\": ";
    std::memcpy(p, kAfter.data(), kAfter.size());
    buf_.commit(p + kAfter.size());
    after_key_ = true;
  }
  void value(std::string_view s) {
    value_prefix();
    string(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(std::size_t n) {
    value_prefix();
    constexpr std::size_t kDigits = 20;  // of the largest 64-bit number
    char* p = buf_.room(kDigits);
    buf_.commit(std::to_chars(p, p + kDigits, n).ptr);
  }
  void value(bool b) {
    value_prefix();
    buf_.append(b ? "true" : "false");
  }
  void null() {
    value_prefix();
    buf_.append("null");
  }
  /// A key and its value.
  template <typename T>
  void field(std::string_view name, const T& v) {
    key(name);
    value(v);
  }
  void flush() {
    out_.write(buf_.view().data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20U;

  void newline() {
    const std::size_t width = 2 * fresh_.size();
    char* p = buf_.room(width + 1);
    *p = '\n';
    std::memset(p + 1, ' ', width);
    buf_.commit(p + 1 + width);
  }
  void item_prefix() {
    if (fresh_.empty()) return;
    if (fresh_.back() == 0) buf_.push_back(',');
    fresh_.back() = 0;
    newline();
  }
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    item_prefix();
  }
  void string(std::string_view s) { write_json_string(buf_, s); }

  std::ostream& out_;
  ByteBuffer buf_;
  std::vector<char> fresh_;  // per open bracket: 1 while nothing is written inside (vector<bool>'s bits cost more)
  bool after_key_ = false;
};

void position(Writer& w, std::string_view name, LineColumnCursor& text, std::size_t offset) {
  const auto pos = text(offset);
  w.key(name);
  w.open('{');
  w.field("line", pos.line);
  w.field("column", pos.column);
  w.field("offset", offset);
  w.close('}');
}

void diagnostic(Writer& w, LineColumnCursor& text, const Diagnostic& d) {
  w.open('{');
  w.field("rule", d.rule.view());
  w.field("severity", severity_name(d.severity));
  w.field("message", d.message.view());
  position(w, "start", text, d.range.begin);
  position(w, "end", text, d.range.end);
  w.key("fixes");
  w.open('[');
  for (const auto& fix : d.fixes) {
    w.open('{');
    position(w, "start", text, fix.range.begin);
    position(w, "end", text, fix.range.end);
    w.field("replacement", fix.replacement);
    w.field("safe", fix.safe);
    w.close('}');
  }
  w.close(']');
  w.key("notes");
  w.open('[');
  for (const auto& note : d.notes) {
    w.open('{');
    w.field("message", note.message);
    position(w, "start", text, note.range.begin);
    position(w, "end", text, note.range.end);
    w.close('}');
  }
  w.close(']');
  w.close('}');
}

void file(Writer& w, const FileResult& result) {
  const SourceText& text = result.doc->text;
  w.open('{');
  w.field("path", text.path());
  w.key("ruleset");
  if (result.rules != nullptr) {
    w.open('{');
    w.field("id", result.rules->id);
    w.field("name", result.rules->name);
    w.close('}');
  } else {
    w.null();
  }
  w.key("notes");
  w.open('[');
  for (const auto& note : result.notes) w.value(note);
  w.close(']');
  w.key("diagnostics");
  w.open('[');
  // Findings come in order of position: each start and end is counted on from the one before.
  LineColumnCursor positions(text);
  for (const auto& d : result.diagnostics) diagnostic(w, positions, d);
  w.close(']');
  w.close('}');
}

class JsonEmitter final : public StreamingEmitter {
 public:
  void begin(std::ostream& out) override {
    out_ = &out;
    totals_ = {};
    files_ = 0;
    writer_.emplace(out);
    Writer& w = *writer_;
    w.open('{');
    w.field("version", static_cast<std::size_t>(kFormatVersion));
    w.field("tool", "checklint");
    w.key("files");
    w.open('[');
  }

  void add(const FileResult& result) override {
    file(*writer_, result);
    const Totals totals = count(result.diagnostics);
    totals_.errors += totals.errors;
    totals_.warnings += totals.warnings;
    totals_.infos += totals.infos;
    ++files_;
  }

  void end() override {
    Writer& w = *writer_;
    w.close(']');
    w.key("summary");
    w.open('{');
    w.field("errors", totals_.errors);
    w.field("warnings", totals_.warnings);
    w.field("infos", totals_.infos);
    w.field("files", files_);
    w.close('}');
    w.close('}');
    writer_.reset();  // flushes
    *out_ << '\n';
  }

 private:
  std::ostream* out_ = nullptr;
  std::optional<Writer> writer_;
  Totals totals_;
  std::size_t files_ = 0;
};

}  // namespace

std::unique_ptr<Emitter> make_json_emitter(const EmitOptions& /*options*/) { return std::make_unique<JsonEmitter>(); }

}  // namespace checklint::emit
