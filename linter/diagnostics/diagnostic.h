#pragma once
// A finding, in byte ranges. Emitters turn ranges into what their readers count.
//
// A draft can have a million findings (a 20 MB paragraph of placeholders), so a Diagnostic is
// kept small: its rule is an interned id (one pointer) and its message is shared text that
// findings with the same wording hold once. Both convert to and from std::string, so code
// that builds or reads diagnostics uses them as strings.
#include <atomic>
#include <compare>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "linter/source/text.h"

namespace checklint {

enum class Severity : std::uint8_t { Info, Warning, Error };

std::string_view severity_name(Severity severity);  ///< "info" / "warning" / "error"
bool parse_severity(std::string_view name, Severity& severity);

/// A rule id ("numbering/sequence"), interned: each distinct id is stored once for the whole
/// run, and a RuleId is a pointer to it. Equal ids are the same pointer; ids order as strings.
class RuleId {
 public:
  RuleId();
  RuleId(std::string_view id);  // NOLINT(google-explicit-constructor): a rule id is written as a string
  RuleId(const std::string& id) : RuleId(std::string_view(id)) {}  // NOLINT(google-explicit-constructor)
  RuleId(const char* id) : RuleId(std::string_view(id)) {}         // NOLINT(google-explicit-constructor)

  [[nodiscard]] const std::string& str() const { return *id_; }
  [[nodiscard]] std::string_view view() const { return *id_; }
  [[nodiscard]] bool empty() const { return id_->empty(); }
  [[nodiscard]] bool starts_with(std::string_view prefix) const { return id_->starts_with(prefix); }
  operator const std::string&() const { return *id_; }  // NOLINT(google-explicit-constructor)

  friend bool operator==(const RuleId& a, const RuleId& b) { return a.id_ == b.id_; }
  friend bool operator==(const RuleId& a, const std::string& b) { return *a.id_ == b; }
  friend bool operator==(const RuleId& a, std::string_view b) { return *a.id_ == b; }
  friend bool operator==(const RuleId& a, const char* b) { return *a.id_ == b; }
  friend std::strong_ordering operator<=>(const RuleId& a, const RuleId& b) {
    return a.id_ == b.id_ ? std::strong_ordering::equal : *a.id_ <=> *b.id_;
  }
  friend std::strong_ordering operator<=>(const RuleId& a, std::string_view b) { return a.view() <=> b; }

 private:
  const std::string* id_;
};

/// A message: immutable text that copies share (counted), so that findings with the same
/// wording hold it once.
class Message {
 public:
  Message() = default;
  Message(std::string text);  // NOLINT(google-explicit-constructor): a message is written as a string
  Message(std::string_view text) : Message(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  Message(const char* text) : Message(std::string(text)) {}       // NOLINT(google-explicit-constructor)
  Message(const Message& other) noexcept : text_(other.text_) { retain(); }
  Message(Message&& other) noexcept : text_(other.text_) { other.text_ = nullptr; }
  Message& operator=(const Message& other) noexcept;
  Message& operator=(Message&& other) noexcept;
  ~Message() { release(); }

  [[nodiscard]] const std::string& str() const;
  [[nodiscard]] std::string_view view() const { return str(); }
  [[nodiscard]] bool empty() const { return str().empty(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  /// Whether both hold the very same text (not only equal text).
  [[nodiscard]] bool shares(const Message& other) const { return text_ == other.text_; }

  friend bool operator==(const Message& a, const Message& b) { return a.text_ == b.text_ || a.str() == b.str(); }
  friend bool operator==(const Message& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const Message& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const Message& a, const char* b) { return a.str() == b; }

 private:
  struct Text {
    std::atomic<std::size_t> refs{1};
    std::string text;
  };
  void retain() const {
    if (text_ != nullptr) text_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release();

  Text* text_ = nullptr;
};

/// A replacement the user can apply; safe ones are applied by --fix.
struct FixIt {
  ByteRange range;
  std::string replacement;
  bool safe = true;
};

/// A related place ("note:" line in the terminal).
struct DiagnosticNote {
  ByteRange range;
  std::string message;
};

/// A vector that costs one pointer while empty, as most findings' notes and fixes are; used
/// like a std::vector (push_back, range for, size, front, [i]).
template <typename T>
class CompactList {
 public:
  CompactList() = default;
  CompactList(std::vector<T> items) { *this = std::move(items); }  // NOLINT(google-explicit-constructor)
  CompactList(std::initializer_list<T> items) : CompactList(std::vector<T>(items)) {}
  CompactList(const CompactList& other) : items_(other.items_ ? std::make_unique<std::vector<T>>(*other.items_) : nullptr) {}
  CompactList(CompactList&&) noexcept = default;
  CompactList& operator=(const CompactList& other) {
    if (this != &other) items_ = other.items_ ? std::make_unique<std::vector<T>>(*other.items_) : nullptr;
    return *this;
  }
  CompactList& operator=(CompactList&&) noexcept = default;
  CompactList& operator=(std::vector<T> items) {
    items_ = items.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(items));
    return *this;
  }
  ~CompactList() = default;

  [[nodiscard]] bool empty() const { return !items_ || items_->empty(); }
  [[nodiscard]] std::size_t size() const { return items_ ? items_->size() : 0; }
  T* begin() { return items_ ? items_->data() : nullptr; }
  T* end() { return items_ ? items_->data() + items_->size() : nullptr; }
  [[nodiscard]] const T* begin() const { return items_ ? items_->data() : nullptr; }
  [[nodiscard]] const T* end() const { return items_ ? items_->data() + items_->size() : nullptr; }
  T& operator[](std::size_t i) { return (*items_)[i]; }
  const T& operator[](std::size_t i) const { return (*items_)[i]; }
  T& front() { return items_->front(); }
  [[nodiscard]] const T& front() const { return items_->front(); }
  T& back() { return items_->back(); }
  [[nodiscard]] const T& back() const { return items_->back(); }
  void push_back(const T& item) { list().push_back(item); }
  void push_back(T&& item) { list().push_back(std::move(item)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return list().emplace_back(std::forward<Args>(args)...);
  }
  void clear() { items_.reset(); }
  /// A copy as a std::vector.
  [[nodiscard]] std::vector<T> vector() const { return items_ ? *items_ : std::vector<T>{}; }

 private:
  std::vector<T>& list() {
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    return *items_;
  }
  std::unique_ptr<std::vector<T>> items_;
};

struct Diagnostic {
  RuleId rule;  ///< e.g. "numbering/sequence"
  Severity severity = Severity::Warning;
  Message message;
  CompactRange range;  ///< 32-bit, as the source's offsets: a long draft can have a million findings
  CompactList<DiagnosticNote> notes;
  CompactList<FixIt> fixes;
};

/// Where the checks put their findings while lint() runs. Blocks that never move, so that a
/// million findings do not peak at three times their size while a vector doubles; and a
/// finding worded like one of the last few shares its message. With a filter (`drops`: whether
/// a suppression comment covers a finding, SuppressionFilter), the findings it drops are never
/// kept: a 20 MB draft under checklint-disable-file holds none of them.
class DiagnosticSink {
 public:
  using Filter = std::function<bool(const Diagnostic&)>;
  explicit DiagnosticSink(Filter drops = nullptr) : drops_(std::move(drops)) {}

  /// Adds `d` at the end; the reference stays valid until take(). A finding the filter drops
  /// is not added: the reference is then to a scratch finding, reused by the next one dropped,
  /// so that the caller may still add notes and fixes to it.
  Diagnostic& add(Diagnostic d);
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Every finding in the order added, in a vector of exactly that size; the sink is empty after.
  std::vector<Diagnostic> take();

 private:
  static constexpr std::size_t kFirstBlock = 64;
  static constexpr std::size_t kBlock = 4096;
  std::vector<std::unique_ptr<std::vector<Diagnostic>>> blocks_;
  std::size_t size_ = 0;
  Filter drops_;
  Diagnostic dropped_;
};

enum class Lang { Zh, En };

/// Picks the Chinese or English text of a message.
inline const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::Zh ? zh : en; }

/// `pattern` with each "{}" replaced by the next of `values`: what fmt::format(fmt::runtime(pattern),
/// values…) makes of a pattern with as many "{}" as values and no other braces, without its parse
/// of the pattern into a buffer and the copy out (most of the cost of a finding of a rule whose
/// findings are many, numbering/sequence).
std::string fill_message(std::string_view pattern, std::initializer_list<std::string_view> values);

}  // namespace checklint

template <>
struct fmt::formatter<checklint::RuleId> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const checklint::RuleId& id, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(id.view(), ctx);
  }
};

template <>
struct fmt::formatter<checklint::Message> : fmt::formatter<std::string_view> {
  template <typename Context>
  auto format(const checklint::Message& message, Context& ctx) const {
    return fmt::formatter<std::string_view>::format(message.view(), ctx);
  }
};
