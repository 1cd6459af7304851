#pragma once
// Start-up work, in two halves at once. A run over one small draft spends about a quarter
// of its time loading the seven built-in rule sets (to choose one), and a sixth compiling the
// checks' own patterns (Check::prepare). A second thread loads the sets while the first
// compiles the patterns, then reads and parses the draft; about 10 M instructions of 33 M
// leave the critical path. Both only fill caches that the lint would fill itself on first use
// (each guarded by its own once-initialisation or lock), so nothing but the time can differ.
#include <thread>

namespace checklint {

class Warmup {
 public:
  /// Starts the thread, then compiles the checks' patterns on this one.
  Warmup();
  Warmup(const Warmup&) = delete;
  Warmup& operator=(const Warmup&) = delete;
  Warmup(Warmup&&) = delete;
  Warmup& operator=(Warmup&&) = delete;
  /// Waits for it (its work is bounded: a few milliseconds).
  ~Warmup() = default;

 private:
  std::jthread thread_;
};

}  // namespace checklint
