#pragma once
// Start-up work on a second thread. A run over one small draft spends about a quarter of
// its time loading the seven built-in rule sets (to choose one) and more compiling the
// checks' own patterns; the draft is read and parsed meanwhile on the first thread. The
// thread only fills caches that the lint would fill itself on first use (each guarded by
// its own once-initialisation or lock), so nothing but the time can differ.
#include <thread>

namespace checklint {

class Warmup {
 public:
  /// Starts the thread.
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
