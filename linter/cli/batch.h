#pragma once
// Linting many drafts at once: a small pool of std::threads over an index range.
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace checklint {

/// The number of worker threads for `tasks` tasks: `requested` (--jobs), or one per
/// core when it is 0; never more than there are tasks, never fewer than one.
unsigned worker_count(unsigned requested, std::size_t tasks);

/// Calls `task(i)` once for every i in [0, count), spread over `workers` threads, and
/// returns when all are done. Each task should write only to its own slot; the first
/// exception a task throws is rethrown here after every thread has stopped.
void parallel_for(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& task);

/// Calls `produce(i)` for every i in [0, count) on `workers` threads and `consume(i)` on the
/// calling thread in index order, each as soon as `produce(i)` is done. No task starts more
/// than `window` indices ahead of the one consumed last, so a task may keep its result in
/// slot i % window of a ring the caller owns, and a run of any length holds at most `window`
/// results (a report streams instead of waiting for the whole batch). With one worker the
/// two simply alternate on the calling thread. `consume` returns false to stop: no further
/// task starts. Returns false when stopped so; the first exception `produce` or `consume`
/// throws is rethrown after every thread has stopped.
bool ordered_for(std::size_t count, unsigned workers, std::size_t window, const std::function<void(std::size_t)>& produce,
                 const std::function<bool(std::size_t)>& consume);

/// Results made on worker threads and finished with on the calling thread of ordered_for, to
/// be destroyed on a worker: the calling thread put()s each one it is done with, and a worker
/// empties the bin before its next task. Freed there, a result's blocks go back to the thread
/// that allocates the next one (the per-thread block cache, linter/source/block_cache.h)
/// instead of piling up in the reporting thread's cache and reaching malloc from a foreign
/// thread: -j2 on the 1,000-draft corpus cost 2.8 % more instructions than -j1 that way, and
/// 0.3 % with the bin (docs/performance.md).
/// What is left when the bin goes is destroyed with it.
template <typename T>
class RetireBin {
 public:
  void put(std::unique_ptr<T> item) {
    if (!item) return;
    const std::lock_guard lock(mutex_);
    items_.push_back(std::move(item));
  }

  /// Destroys, on the calling thread, everything put so far.
  void empty() {
    std::vector<std::unique_ptr<T>> mine;
    {
      const std::lock_guard lock(mutex_);
      mine.swap(items_);
    }
  }  // destroyed here, outside the lock

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> items_;
};

}  // namespace checklint
