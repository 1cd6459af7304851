// The checklint executable's operator new/delete and tree-sitter's allocator go through the
// per-thread block cache (linter/source/block_cache.h says why). Linked into the executable
// only, and not under the sanitizers (CMakeLists.txt), which must see every allocation. The
// aligned forms are left to the library: they allocate and free among themselves.
#include <tree_sitter/api.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "linter/source/block_cache.h"

namespace {

void* allocate_or_throw(std::size_t size) {
  for (;;) {
    if (void* block = checklint::block_cache::allocate(size)) return block;
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void* allocate_or_null(std::size_t size) noexcept {
  try {
    return allocate_or_throw(size);
  } catch (...) {
    return nullptr;
  }
}

// tree-sitter's default allocator aborts when malloc fails; so do these.
[[noreturn]] void out_of_memory(std::size_t size) {
  std::fprintf(stderr, "tree-sitter failed to allocate %zu bytes", size);
  std::abort();
}

void* ts_allocate(std::size_t size) {
  void* block = checklint::block_cache::allocate(size);
  if (block == nullptr) out_of_memory(size);
  return block;
}

void* ts_allocate_zeroed(std::size_t count, std::size_t size) {
  if (size != 0 && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
  const std::size_t bytes = count * size;
  // Large blocks from calloc itself: fresh pages come zeroed without a memset.
  if (bytes > checklint::block_cache::kClasses * checklint::block_cache::kGranule) {
    void* block = std::calloc(count, size);  // NOLINT(cppcoreguidelines-no-malloc)
    if (block == nullptr) out_of_memory(bytes);
    return block;
  }
  void* block = ts_allocate(bytes);
  std::memset(block, 0, bytes);
  return block;
}

void* ts_reallocate(void* block, std::size_t size) {
  void* grown = std::realloc(block, size);  // NOLINT(cppcoreguidelines-no-malloc): any malloc block
  if (grown == nullptr && size != 0) out_of_memory(size);
  return grown;
}

void ts_release(void* block) { checklint::block_cache::release(block); }

}  // namespace

// Before main, before any parser exists; a block tree-sitter got from plain malloc earlier could
// still be released here, as the cache takes any malloc block.
[[gnu::constructor]] static void route_tree_sitter_through_the_cache() {
  ts_set_allocator(ts_allocate, ts_allocate_zeroed, ts_reallocate, ts_release);
}

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t& /*tag*/) noexcept { return allocate_or_null(size); }
void* operator new[](std::size_t size, const std::nothrow_t& /*tag*/) noexcept { return allocate_or_null(size); }

void operator delete(void* block) noexcept { checklint::block_cache::release(block); }
void operator delete[](void* block) noexcept { checklint::block_cache::release(block); }
void operator delete(void* block, std::size_t size) noexcept { checklint::block_cache::release(block, size); }
void operator delete[](void* block, std::size_t size) noexcept { checklint::block_cache::release(block, size); }
void operator delete(void* block, const std::nothrow_t& /*tag*/) noexcept { checklint::block_cache::release(block); }
void operator delete[](void* block, const std::nothrow_t& /*tag*/) noexcept { checklint::block_cache::release(block); }
