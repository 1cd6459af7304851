#include "linter/source/block_cache.h"

#include <malloc.h>

#include <array>
#include <cstdlib>

namespace checklint::block_cache {
namespace {

struct FreeBlock {
  FreeBlock* next;
};

struct List {
  FreeBlock* head = nullptr;
  std::size_t count = 0;
};

// Blocks kept per class: kKeepBytes' worth.
constexpr std::array<std::size_t, kClasses + 1> kLimits = [] {
  std::array<std::size_t, kClasses + 1> limits{};
  for (std::size_t c = 1; c <= kClasses; ++c) limits[c] = kKeepBytes / (c * kGranule);
  return limits;
}();

// Constant-initialised, so that reaching them costs no guard: index 0 is unused.
thread_local std::array<List, kClasses + 1> lists{};
thread_local bool armed = false;   // the thread's Flusher exists
thread_local bool closed = false;  // the thread is ending: free at once

/// Frees the thread's blocks when it ends. Made on the first block kept, so that a thread that
/// keeps none registers nothing; what is released after it ran goes straight to free().
// NOLINTNEXTLINE(cppcoreguidelines-special-member-functions,hicpp-special-member-functions): one per thread, never copied
struct Flusher {
  ~Flusher() {
    flush();
    closed = true;
  }
};

void arm() noexcept {
  thread_local const Flusher flusher;
  armed = true;
}

/// The class that serves a request of `size` bytes (0 if none does).
std::size_t class_of_request(std::size_t size) noexcept {
  const std::size_t c = size <= kGranule ? 1 : (size + kGranule - 1) / kGranule;
  return c <= kClasses ? c : 0;
}

void keep(void* block, std::size_t c) noexcept {
  List& list = lists[c];
  if (list.count >= kLimits[c] || closed) {
    std::free(block);  // NOLINT(cppcoreguidelines-no-malloc): the cache sits in front of malloc
    return;
  }
  if (!armed) arm();
  auto* b = static_cast<FreeBlock*>(block);
  b->next = list.head;
  list.head = b;
  ++list.count;
}

}  // namespace

void* allocate(std::size_t size) noexcept {
  const std::size_t c = class_of_request(size);
  if (c == 0) return std::malloc(size);  // NOLINT(cppcoreguidelines-no-malloc)
  List& list = lists[c];
  if (FreeBlock* b = list.head) {
    list.head = b->next;
    --list.count;
    return b;
  }
  return std::malloc(c * kGranule);  // NOLINT(cppcoreguidelines-no-malloc)
}

void release(void* block) noexcept {
  if (block == nullptr) return;
  // Whatever allocated it, the block holds at least c * kGranule bytes for this c: it can serve
  // that class (glibc gives malloc(16 c) 16 c + 8 usable bytes, so blocks come back to their class).
  const std::size_t c = malloc_usable_size(block) / kGranule;
  if (c == 0 || c > kClasses) {
    std::free(block);  // NOLINT(cppcoreguidelines-no-malloc)
    return;
  }
  keep(block, c);
}

void release(void* block, std::size_t size) noexcept {
  if (block == nullptr) return;
  const std::size_t c = class_of_request(size);
  if (c == 0) {
    std::free(block);  // NOLINT(cppcoreguidelines-no-malloc)
    return;
  }
  keep(block, c);  // allocate(size) gave a block of at least c * kGranule bytes
}

void flush() noexcept {
  for (List& list : lists) {
    while (FreeBlock* b = list.head) {
      list.head = b->next;
      std::free(b);  // NOLINT(cppcoreguidelines-no-malloc)
    }
    list.count = 0;
  }
}

std::size_t kept(std::size_t size_class) noexcept { return size_class <= kClasses ? lists[size_class].count : 0; }

}  // namespace checklint::block_cache
