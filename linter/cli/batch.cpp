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
  // Waking a thread is what costs here (a futex call, and on two cores a worker preempted by
  // the reporting thread): the calling thread sleeps until `batch` drafts are ready in order
  // (or the last ones are), and is woken only then; a worker sleeps only when the window is
  // full and is woken only if it sleeps. With the window at 4 x workers the calling thread
  // wakes once for every 2 x workers drafts instead of once for each.
  const std::size_t batch = std::max<std::size_t>(window / 2, 1);
  std::mutex mutex;
  std::condition_variable space;  // a worker waits here for the window to move on
  std::condition_variable ready;  // the calling thread waits here for drafts ready in order
  std::size_t next = 0;           // the next index to produce
  std::size_t consumed = 0;       // indices below this are consumed
  std::size_t in_order = 0;       // indices below this are produced
  unsigned waiting_workers = 0;
  bool consumer_waiting = false;
  std::vector<char> done(count, 0);
  bool stop = false;
  std::exception_ptr failure;
  // The count of drafts the calling thread waits for: a batch, or what is left.
  const auto enough = [&] { return in_order >= std::min(count, consumed + batch); };
  const auto fail = [&](std::exception_ptr e) {
    const std::lock_guard lock(mutex);
    if (!failure) failure = std::move(e);
    stop = true;
    space.notify_all();
    ready.notify_all();
  };
  const auto work = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        while (!stop && next < count && next >= consumed + window) {
          ++waiting_workers;
          space.wait(lock);
          --waiting_workers;
        }
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
      while (in_order < count && done[in_order] != 0) ++in_order;
      if (consumer_waiting && enough()) ready.notify_one();
    }
  };
  bool completed = true;
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) pool.emplace_back(work);
    for (std::size_t i = 0; i < count;) {
      std::size_t available = 0;
      {
        std::unique_lock lock(mutex);
        consumer_waiting = true;
        ready.wait(lock, [&] { return stop || enough(); });
        consumer_waiting = false;
        if (stop) break;
        available = in_order;
      }
      bool more = true;
      for (; i < available && more; ++i) {
        try {
          more = consume(i);
        } catch (...) {
          fail(std::current_exception());
          more = false;
          break;
        }
        const std::lock_guard lock(mutex);
        consumed = i + 1;
        if (!more) {
          stop = true;
          completed = false;
        }
        if (waiting_workers != 0 || !more) space.notify_all();
      }
      if (!more) break;
    }
    const std::lock_guard lock(mutex);
    stop = true;
    space.notify_all();
  }  // the jthreads join here
  if (failure) std::rethrow_exception(failure);
  return completed;
}

}  // namespace checklint
