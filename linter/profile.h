#pragma once
// Per-stage CPU-time totals for the benchmark (bench/run.sh): with
// CHECKLINT_PROFILE=1 in the environment, every ProfileScope adds the CPU time its
// thread spent in it (so a loaded machine does not inflate it) to its stage and the totals go to standard error when the program exits. Off (the
// default), a scope costs one test of a constant bool, so it stays in release builds.
#include <string_view>

namespace checklint {

/// Whether CHECKLINT_PROFILE is set (read once).
bool profiling();
/// The calling thread's CPU time in nanoseconds.
long long thread_cpu_ns();
/// Adds `nanoseconds` to `stage` (thread-safe; the name must outlive the program, e.g. a literal or a rule id in a rule set).
void profile_add(std::string_view stage, long long nanoseconds);

class ProfileScope {
 public:
  explicit ProfileScope(std::string_view stage) : stage_(stage), on_(profiling()) {
    if (on_) start_ = thread_cpu_ns();
  }
  ProfileScope(const ProfileScope&) = delete;
  ProfileScope& operator=(const ProfileScope&) = delete;
  ProfileScope(ProfileScope&&) = delete;
  ProfileScope& operator=(ProfileScope&&) = delete;
  ~ProfileScope() {
    if (on_) profile_add(stage_, thread_cpu_ns() - start_);
  }

 private:
  std::string_view stage_;
  bool on_;
  long long start_ = 0;
};

}  // namespace checklint
