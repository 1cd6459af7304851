#include "linter/cli/batch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace checklint {

unsigned worker_count(unsigned requested, std::size_t tasks) {
  const unsigned wanted = requested != 0 ? requested : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::clamp<std::size_t>(tasks, 1, wanted));
}

void parallel_for(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  };
  if (workers <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (unsigned i = 0; i < workers; ++i) pool.emplace_back(work);
  }  // the jthreads join here
  if (failure) std::rethrow_exception(failure);
}

bool ordered_for(std::size_t count, unsigned workers, std::size_t window, const std::function<void(std::size_t)>& produce,
                 const std::function<bool(std::size_t)>& consume) {
  window = std::max<std::size_t>(window, 1);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      produce(i);
      if (!consume(i)) return false;
    }
    return true;
  }
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;      // the next index to produce
  std::size_t consumed = 0;  // indices below this are consumed
  std::vector<char> done(count, 0);
  bool stop = false;
  std::exception_ptr failure;
  const auto fail = [&](std::exception_ptr e) {
    const std::lock_guard lock(mutex);
    if (!failure) failure = std::move(e);
    stop = true;
    changed.notify_all();
  };
  const auto work = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
        if (stop || next >= count) return;
        i = next++;
      }
      try {
        produce(i);
      } catch (...) {
        fail(std::current_exception());
        return;
      }
      const std::lock_guard lock(mutex);
      done[i] = 1;
      changed.notify_all();
    }
  };
  bool completed = true;
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) pool.emplace_back(work);
    for (std::size_t i = 0; i < count; ++i) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || done[i] != 0; });
        if (stop) break;
      }
      bool more = false;
      try {
        more = consume(i);
      } catch (...) {
        fail(std::current_exception());
        break;
      }
      const std::lock_guard lock(mutex);
      consumed = i + 1;
      if (!more) {
        stop = true;
        completed = false;
      }
      changed.notify_all();
      if (!more) break;
    }
    const std::lock_guard lock(mutex);
    stop = true;
    changed.notify_all();
  }  // the jthreads join here
  if (failure) std::rethrow_exception(failure);
  return completed;
}

}  // namespace checklint
