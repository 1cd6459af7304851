#include "linter/diagnostics/diagnostic.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <set>
#include <shared_mutex>

namespace checklint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

bool parse_severity(std::string_view name, Severity& severity) {
  if (name == "info") {
    severity = Severity::Info;
  } else if (name == "warning") {
    severity = Severity::Warning;
  } else if (name == "error") {
    severity = Severity::Error;
  } else {
    return false;
  }
  return true;
}

namespace {

/// Every rule id seen in this run; a set's nodes never move, so pointers to them stay valid.
/// Read far more often than written (worker threads intern the same few ids), hence the shared lock.
struct Interned {
  std::shared_mutex mutex;
  std::set<std::string, std::less<>> ids;
};

Interned& interned() {
  static auto* table = new Interned;  // NOLINT(cppcoreguidelines-owning-memory): lives as long as the ids it hands out
  return *table;
}

/// The set behind intern(): a lock and a search of the set, some 400 instructions.
const std::string* intern_in_table(std::string_view id) {
  Interned& table = interned();
  {
    const std::shared_lock lock(table.mutex);
    if (const auto found = table.ids.find(id); found != table.ids.end()) return &*found;
  }
  const std::unique_lock lock(table.mutex);
  return &*table.ids.emplace(id).first;
}

/// intern() through a small cache per thread: a check's context interns its rule id each time it
/// is made (once per rule and paragraph or draft, ~70,000 times on 1,000 drafts), from strings
/// of the draft's own rule table, rebuilt for each draft. A slot is chosen by the length and
/// the first and last eight bytes of the id and taken only if its interned text equals it.
const std::string* intern(std::string_view id) {
  constexpr unsigned kSlotBits = 8;
  thread_local std::array<const std::string*, std::size_t{1} << kSlotBits> cache{};
  std::uint64_t key = id.size();
  if (id.size() >= 8) {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    std::memcpy(&first, id.data(), sizeof first);
    std::memcpy(&last, id.data() + id.size() - sizeof last, sizeof last);
    key ^= first ^ (last * 31U);
  } else {
    for (const char c : id) key = key * 131U + static_cast<unsigned char>(c);
  }
  constexpr std::uint64_t kGolden = 0x9E3779B97F4A7C15ULL;  // Fibonacci hashing: the top bits mix all of the key
  const std::string*& slot = cache.at((key * kGolden) >> (64U - kSlotBits));
  if (slot != nullptr && *slot == id) return slot;
  slot = intern_in_table(id);
  return slot;
}

const std::string& empty_text() {
  static const std::string empty;
  return empty;
}

}  // namespace

RuleId::RuleId() : id_(&empty_text()) {}

RuleId::RuleId(std::string_view id) : id_(id.empty() ? &empty_text() : intern(id)) {}

Message::Message(std::string text) : text_(new Text) {  // NOLINT(cppcoreguidelines-owning-memory): counted by hand
  text_->text = std::move(text);
}

Message& Message::operator=(const Message& other) noexcept {
  if (this != &other && text_ != other.text_) {
    other.retain();
    release();
    text_ = other.text_;
  }
  return *this;
}

Message& Message::operator=(Message&& other) noexcept {
  if (this != &other) {
    release();
    text_ = other.text_;
    other.text_ = nullptr;
  }
  return *this;
}

void Message::release() {
  if (text_ != nullptr && text_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete text_;  // NOLINT(cppcoreguidelines-owning-memory)
  }
  text_ = nullptr;
}

const std::string& Message::str() const { return text_ != nullptr ? text_->text : empty_text(); }

Diagnostic& DiagnosticSink::add(Diagnostic d) {
  if (drops_ && drops_(d)) {
    dropped_ = std::move(d);
    return dropped_;
  }
  // A kind reporting every match in a long paragraph repeats a handful of wordings.
  constexpr std::size_t kLookBack = 8;
  std::size_t looked = 0;
  for (auto block = blocks_.rbegin(); block != blocks_.rend() && looked < kLookBack; ++block) {
    for (auto it = (*block)->rbegin(); it != (*block)->rend() && looked < kLookBack; ++it, ++looked) {
      if (it->message == d.message) {
        d.message = it->message;
        looked = kLookBack;
        break;
      }
    }
  }
  if (blocks_.empty() || blocks_.back()->size() == blocks_.back()->capacity()) {
    // Small blocks first: most drafts have a few hundred findings.
    blocks_.push_back(std::make_unique<std::vector<Diagnostic>>());
    blocks_.back()->reserve(std::clamp<std::size_t>(size_, kFirstBlock, kBlock));
  }
  ++size_;
  return blocks_.back()->emplace_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticSink::take() {
  std::vector<Diagnostic> out;
  out.reserve(size_);
  for (auto& block : blocks_) {
    std::move(block->begin(), block->end(), std::back_inserter(out));
    block.reset();  // freed as it goes: the findings are never held twice
  }
  blocks_.clear();
  size_ = 0;
  return out;
}

std::string fill_message(std::string_view pattern, std::initializer_list<std::string_view> values) {
  std::size_t size = pattern.size() - 2 * values.size();
  for (const std::string_view value : values) size += value.size();
  std::string out;
  out.reserve(size);
  std::size_t from = 0;
  for (const std::string_view value : values) {
    const std::size_t at = pattern.find("{}", from);
    out.append(pattern.substr(from, at - from)).append(value);
    from = at + 2;
  }
  out.append(pattern.substr(from));
  return out;
}

}  // namespace checklint
