// The per-thread block cache in front of malloc (linter/source/block_cache.h). The tests call it
// directly, so they also run under the sanitizers (where the executable does not use it):
// AddressSanitizer then checks that no block is used past its size, and LeakSanitizer that a
// thread's blocks are freed when it ends.
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "linter/source/block_cache.h"

namespace bc = checklint::block_cache;

namespace {

struct Live {
  unsigned char* block;
  std::size_t size;
  unsigned char fill;
};

// Every byte of every live block still holds its fill, and no two blocks share a byte.
void check_live(std::vector<Live>& live) {
  for (const Live& l : live) {
    BOOST_TEST_REQUIRE(malloc_usable_size(l.block) >= l.size);
    BOOST_TEST_REQUIRE(std::all_of(l.block, l.block + l.size, [&](unsigned char b) { return b == l.fill; }));
  }
  std::sort(live.begin(), live.end(), [](const Live& a, const Live& b) { return a.block < b.block; });
  for (std::size_t k = 1; k < live.size(); ++k) {
    const auto end = reinterpret_cast<std::uintptr_t>(live[k - 1].block) + std::max<std::size_t>(live[k - 1].size, 1);
    BOOST_TEST_REQUIRE(end <= reinterpret_cast<std::uintptr_t>(live[k].block));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(block_cache)

BOOST_AUTO_TEST_CASE(a_freed_block_serves_the_next_request_of_its_class) {
  bc::flush();
  void* a = bc::allocate(40);  // class 3: 33-48 bytes
  BOOST_TEST(malloc_usable_size(a) >= 48U);
  bc::release(a, 40);
  BOOST_TEST(bc::kept(3) == 1U);
  BOOST_TEST(bc::allocate(33) == a);  // the same class, handed back
  BOOST_TEST(bc::kept(3) == 0U);
  bc::release(a);  // unsized: its class from malloc's own count of its bytes
  BOOST_TEST(bc::kept(3) == 1U);
  BOOST_TEST(bc::allocate(48) == a);
  bc::release(a);
  // Blocks of more than the largest class and its granule are not kept.
  void* big = bc::allocate((bc::kClasses + 1) * bc::kGranule);
  BOOST_TEST(malloc_usable_size(big) >= (bc::kClasses + 1) * bc::kGranule);
  bc::release(big);
  for (std::size_t c = 1; c <= bc::kClasses; ++c) BOOST_TEST(bc::kept(c) == (c == 3 ? 1U : 0U));
  bc::flush();
  BOOST_TEST(bc::kept(3) == 0U);
}

BOOST_AUTO_TEST_CASE(blocks_from_plain_malloc_are_taken_and_given_out) {
  bc::flush();
  std::vector<void*> plain;
  for (std::size_t size = 1; size <= bc::kClasses * bc::kGranule + 64; size += 7) {
    void* p = std::malloc(size);  // NOLINT(cppcoreguidelines-no-malloc)
    BOOST_TEST_REQUIRE(p != nullptr);
    plain.push_back(p);
  }
  for (void* p : plain) bc::release(p);
  // Each request is served with a block of at least its size, cached or not.
  std::vector<void*> given;
  for (std::size_t size = 0; size <= bc::kClasses * bc::kGranule; ++size) {
    void* p = bc::allocate(size);
    BOOST_TEST_REQUIRE(malloc_usable_size(p) >= size);
    std::memset(p, 0x5a, size);
    given.push_back(p);
  }
  for (void* p : given) bc::release(p);
  bc::flush();
}

BOOST_AUTO_TEST_CASE(random_requests_keep_every_block_whole_and_apart) {
  bc::flush();
  std::mt19937 rng(8);
  std::vector<Live> live;
  for (int step = 0; step < 60000; ++step) {
    if (live.empty() || rng() % 100 < 55) {
      // Mostly small sizes, some past the cached ones.
      const std::size_t size = rng() % 10 == 0 ? rng() % 2048 : rng() % (bc::kClasses * bc::kGranule + 1);
      auto* block = static_cast<unsigned char*>(bc::allocate(size));
      BOOST_TEST_REQUIRE(block != nullptr);
      BOOST_TEST_REQUIRE(malloc_usable_size(block) >= size);
      const auto fill = static_cast<unsigned char>(rng());
      std::memset(block, fill, size);
      live.push_back({block, size, fill});
    } else {
      const std::size_t k = rng() % live.size();
      const Live l = live[k];
      BOOST_TEST_REQUIRE(std::all_of(l.block, l.block + l.size, [&](unsigned char b) { return b == l.fill; }));
      live[k] = live.back();
      live.pop_back();
      if (rng() % 2 == 0) {
        bc::release(l.block, l.size);
      } else {
        bc::release(l.block);
      }
    }
    if (step % 5000 == 0) check_live(live);
    for (std::size_t c = 1; c <= bc::kClasses; ++c) {
      BOOST_TEST_REQUIRE(bc::kept(c) * c * bc::kGranule <= bc::kKeepBytes);
    }
  }
  check_live(live);
  for (const Live& l : live) bc::release(l.block, l.size);
  bc::flush();
}

BOOST_AUTO_TEST_CASE(a_class_keeps_at_most_its_share) {
  bc::flush();
  const std::size_t limit = bc::kKeepBytes / (2 * bc::kGranule);  // class 2
  std::vector<void*> blocks;
  for (std::size_t k = 0; k < limit + 100; ++k) blocks.push_back(bc::allocate(32));
  for (void* p : blocks) bc::release(p, 32);
  BOOST_TEST(bc::kept(2) == limit);  // the rest went back to free()
  bc::flush();
}

BOOST_AUTO_TEST_CASE(blocks_cross_threads_and_leave_with_them) {
  // Blocks made here are released on other threads, which keep them and end: their blocks are
  // freed as they end (LeakSanitizer reports them otherwise), and blocks released after a
  // thread's cache is gone go to free().
  std::vector<void*> blocks;
  blocks.reserve(2000);
  for (int k = 0; k < 2000; ++k) blocks.push_back(bc::allocate(static_cast<std::size_t>(k % 300)));
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&blocks, t] {
      for (auto k = static_cast<std::size_t>(t); k < blocks.size(); k += 4) bc::release(blocks[k]);
      // And some of the thread's own, given out again from what it keeps.
      std::vector<void*> own;
      own.reserve(500);
      for (int k = 0; k < 500; ++k) own.push_back(bc::allocate(static_cast<std::size_t>(k % 200)));
      for (void* p : own) bc::release(p);
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t c = 1; c <= bc::kClasses; ++c) BOOST_TEST(bc::kept(c) == 0U);  // nothing came here
}

BOOST_AUTO_TEST_SUITE_END()
