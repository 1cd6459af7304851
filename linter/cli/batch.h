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

}  // namespace checklint
