#pragma once
// Linting many drafts at once: a small pool of std::threads over an index range.
#include <cstddef>
#include <functional>

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

}  // namespace checklint
