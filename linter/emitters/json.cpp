// `--format json`: checklint's own documented, versioned format (docs/formats.md).
// Positions carry both what people count (1-based line, column in characters)
// and what programs index by (the byte offset), so no reader has to convert.
//
// Written as it goes, file by file, in exactly the layout of nlohmann's dump(2):
// building the whole report as one JSON tree first cost a seventh of a batch run
// and, for a draft with millions of findings, gigabytes.
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

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
  /// A key inside an object; the value follows. Keys are this format's own names, literals
  /// that need no escaping, written with the comma and line break before them into one room
  /// by copies of known size (a finding has five keys besides its positions).
  template <std::size_t N>
  void key(const char (&name)[N]) {  // NOLINT(*-avoid-c-arrays)
    char* p = put_item_prefix(buf_.room(item_prefix_room() + N + 3));
    *p++ = '"';
    p = put(p, std::string_view(name, N - 1));
    buf_.commit(put(p, "\": "));
    after_key_ = true;
  }
  void value(std::string_view s) {
    value_prefix();
    string(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  /// A key and a string that many findings share by address (an interned rule id, a shared
  /// message's text), escaped once: the escaped forms are kept by the text's address until
  /// forget_shared(), which must come before any text so kept can be freed.
  template <std::size_t N>
  void shared_field(const char (&name)[N], std::string_view s) {  // NOLINT(*-avoid-c-arrays)
    key(name);
    value_prefix();
    Escaped& slot = escaped_.at((reinterpret_cast<std::uintptr_t>(s.data()) >> 4U) % escaped_.size());
    if (slot.data != s.data() || slot.size != s.size()) {
      slot.data = s.data();
      slot.size = s.size();
      // Nearly every message is written as it stands: between quotes from where it is, not
      // escaped into the slot and copied again.
      slot.as_is = json_string_as_is(s);
      slot.bytes.clear();
      if (!slot.as_is) write_json_string(slot.bytes, s);
    }
    if (slot.as_is) {
      char* p = buf_.room(s.size() + 2);
      *p++ = '"';
      p = put(p, s);
      *p++ = '"';
      buf_.commit(p);
    } else {
      buf_.append(slot.bytes);
    }
  }
  void forget_shared() {
    for (Escaped& slot : escaped_) slot = {};
  }
  void value(std::size_t n) {
    value_prefix();
    constexpr std::size_t kDigits = 20;  // of the largest 64-bit number
    char* p = buf_.room(kDigits);
    buf_.commit(write_decimal(p, n));
  }
  /// A key and a value already written as JSON (a constant of this format's own).
  template <std::size_t N>
  void raw_field(const char (&name)[N], std::string_view json) {  // NOLINT(*-avoid-c-arrays)
    key(name);
    value_prefix();
    buf_.append(json);
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
  template <std::size_t N, typename T>
  void field(const char (&name)[N], const T& v) {  // NOLINT(*-avoid-c-arrays)
    key(name);
    value(v);
  }
  /// `"name": {"line": …, "column": …, "offset": …}`, byte for byte as key(), open(), three
  /// field()s and close() write it, in one piece: a finding holds two to six of them, and
  /// piece by piece they cost a third of the report. The name is a literal, copied by a
  /// copy of known size.
  template <std::size_t N>
  void position(const char (&name)[N], std::size_t line, std::size_t column, std::size_t offset) {  // NOLINT(*-avoid-c-arrays)
    item_prefix();
    const std::size_t outer = 2 * fresh_.size();
    const std::size_t inner = outer + 2;
    constexpr std::size_t kDigits = 20;  // of the largest 64-bit number
    constexpr std::string_view kKeys = R"("line": "column": "offset": )";
    char* p = buf_.room(N + 5 + 3 * (inner + 2 + kDigits) + kKeys.size() + outer + 2 + kNewlineSlack);
    *p++ = '"';
    p = put(p, std::string_view(name, N - 1));
    p = put(p, "\": {");
    p = put_number(put(put_newline(p, inner), "\"line\": "), line);
    *p++ = ',';
    p = put_number(put(put_newline(p, inner), "\"column\": "), column);
    *p++ = ',';
    p = put_number(put(put_newline(p, inner), "\"offset\": "), offset);
    p = put_newline(p, outer);
    *p++ = '}';
    buf_.commit(p);
    if (buf_.size() >= kFlushBytes) flush();
  }
  void flush() {
    out_.write(buf_.view().data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20U;
  /// A line break and the indentation of up to 63 places, copied whole by a copy of constant
  /// size (a few vector moves) and kept as far as the indentation goes: memset of a varying
  /// width is a call into libc for each of the report's five or so line breaks per finding.
  static constexpr std::array<char, 64> kNewlineIndent = [] {
    std::array<char, 64> bytes{};
    bytes.fill(' ');
    bytes[0] = '\n';
    return bytes;
  }();
  /// The room a line break may take beyond its own: the rest of kNewlineIndent.
  static constexpr std::size_t kNewlineSlack = kNewlineIndent.size();

  static char* put(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
  /// A line break and `width` spaces; there must be room for kNewlineSlack bytes more.
  static char* put_newline(char* p, std::size_t width) {
    if (width < kNewlineIndent.size()) {
      std::memcpy(p, kNewlineIndent.data(), kNewlineIndent.size());
      return p + 1 + width;
    }
    *p++ = '\n';
    std::memset(p, ' ', width);
    return p + width;
  }
  static char* put_number(char* p, std::size_t n) { return write_decimal(p, n); }
  void newline() {
    const std::size_t width = 2 * fresh_.size();
    char* p = buf_.room(width + 1 + kNewlineSlack);
    buf_.commit(put_newline(p, width));
  }
  /// The room put_item_prefix() may take: a comma, a line break, the indentation and kNewlineSlack.
  [[nodiscard]] std::size_t item_prefix_room() const { return 2 + 2 * fresh_.size() + kNewlineSlack; }
  /// The comma and line break before an item inside a bracket (nothing at the top level), at `p`,
  /// which has item_prefix_room() bytes of room; returns the end.
  char* put_item_prefix(char* p) {
    if (fresh_.empty()) return p;
    if (fresh_.back() == 0) *p++ = ',';
    fresh_.back() = 0;
    return put_newline(p, 2 * fresh_.size());
  }
  void item_prefix() {
    if (fresh_.empty()) return;
    buf_.commit(put_item_prefix(buf_.room(item_prefix_room())));
  }
  void value_prefix() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    item_prefix();
  }
  void string(std::string_view s) { write_json_string(buf_, s); }

  struct Escaped {
    const char* data = nullptr;
    std::size_t size = 0;
    bool as_is = false;  // written as it stands between quotes; else `bytes` holds it escaped
    std::string bytes;
  };

  std::ostream& out_;
  ByteBuffer buf_;
  std::array<Escaped, 16> escaped_{};  // shared_field's strings, by address
  std::vector<char> fresh_;  // per open bracket: 1 while nothing is written inside (vector<bool>'s bits cost more)
  bool after_key_ = false;
};

template <std::size_t N>
void position(Writer& w, const char (&name)[N], LineColumnCursor& text, std::size_t offset) {  // NOLINT(*-avoid-c-arrays)
  const auto pos = text(offset);
  w.position(name, pos.line, pos.column, offset);
}

/// A severity's name as a JSON string, as value() writes it; made once from severity_name(),
/// so that the two cannot differ.
std::string_view severity_json(Severity severity) {
  static const std::array<std::string, 3> quoted = [] {
    std::array<std::string, 3> names;
    for (const Severity each : {Severity::Info, Severity::Warning, Severity::Error}) {
      names.at(static_cast<std::size_t>(each)) = '"' + std::string(severity_name(each)) + '"';
    }
    return names;
  }();
  return quoted.at(static_cast<std::size_t>(severity));
}

void fixes(Writer& w, LineColumnCursor& text, const Diagnostic& d) {
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
}

void notes(Writer& w, LineColumnCursor& text, const Diagnostic& d) {
  w.open('[');
  for (const auto& note : d.notes) {
    w.open('{');
    w.field("message", note.message);
    position(w, "start", text, note.range.begin);
    position(w, "end", text, note.range.end);
    w.close('}');
  }
  w.close(']');
}

void diagnostic(Writer& w, LineColumnCursor& text, const Diagnostic& d) {
  w.open('{');
  w.shared_field("rule", d.rule.view());
  w.raw_field("severity", severity_json(d.severity));
  w.shared_field("message", d.message.view());
  position(w, "start", text, d.range.begin);
  position(w, "end", text, d.range.end);
  // Most findings have neither fixes nor notes: "[]" as open() and close() write it.
  if (d.fixes.empty()) {
    w.raw_field("fixes", "[]");
  } else {
    w.key("fixes");
    fixes(w, text, d);
  }
  if (d.notes.empty()) {
    w.raw_field("notes", "[]");
  } else {
    w.key("notes");
    notes(w, text, d);
  }
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
  // The messages of this file's findings may be freed once it is written.
  w.forget_shared();
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
