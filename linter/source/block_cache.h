#pragma once
// A per-thread cache of small freed heap blocks, in front of malloc.
//
// Why: a lint makes some 2,000 small allocations a draft (RE2::Set::Match alone makes two for
// every paragraph, tree-sitter's parse and the tree make most of the rest), and glibc keeps only
// seven freed blocks of a size in its per-thread cache, so most of them went through malloc's
// bins: about 12 % of all instructions on the 1,000-draft corpus. Linking mimalloc or jemalloc
// cut 5-7 % but raised the 20 MB drafts' peak memory by 20 MB (docs/performance.md); this
// cache keeps at most kKeepBytes of blocks of each of kClasses sizes per thread (4 MB in all).
//
// Every block it hands out is a malloc() block and every block it takes may be any malloc()
// block, so pointers can cross freely between it, malloc/free and realloc, and between threads:
// a block freed by another thread simply joins that thread's cache. The checklint executable
// routes operator new/delete and tree-sitter's allocator through it (linter/cli/global_new.cpp);
// under the sanitizers it is not used, so that they see every allocation.
#include <cstddef>

namespace checklint::block_cache {

inline constexpr std::size_t kGranule = 16;   ///< size classes are multiples of this
inline constexpr std::size_t kClasses = 32;        ///< cached sizes: 16, 32, ..., 512 bytes
inline constexpr std::size_t kKeepBytes = 131072;  ///< kept per class and thread: 8,192 blocks of 16 bytes, 256 of 512

/// A block of at least `size` bytes (malloc's alignment), from this thread's cache when it holds
/// one of the size's class; nullptr when malloc fails.
void* allocate(std::size_t size) noexcept;

/// Takes back a malloc() block (nullptr is ignored): kept for this thread's next requests of
/// its class, or freed when it is large or the class already holds kKeepBytes of blocks.
void release(void* block) noexcept;

/// The same, for a block that allocate(size) gave (saves asking malloc for the block's size).
void release(void* block, std::size_t size) noexcept;

/// Frees every block this thread keeps (also done when the thread ends); for tests.
void flush() noexcept;

/// Blocks this thread keeps in a class (1..kClasses); for tests.
std::size_t kept(std::size_t size_class) noexcept;

}  // namespace checklint::block_cache
