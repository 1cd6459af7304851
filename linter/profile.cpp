#include "linter/profile.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <string>

namespace checklint {
namespace {

struct Totals {
  std::mutex mutex;
  std::map<std::string, std::pair<long long, long long>, std::less<>> stages;  // name → (ns, calls)

  Totals() = default;
  Totals(const Totals&) = delete;
  Totals& operator=(const Totals&) = delete;
  Totals(Totals&&) = delete;
  Totals& operator=(Totals&&) = delete;
  ~Totals() {
    long long total = 0;
    for (const auto& [name, t] : stages) total += t.first;
    std::fprintf(stderr, "checklint profile (stage, CPU ms, calls, %% of profiled):\n");
    for (const auto& [name, t] : stages) {
      std::fprintf(stderr, "  %-40s %10.1f %8lld %6.1f%%\n", name.c_str(), static_cast<double>(t.first) / 1e6, t.second,
                   total > 0 ? 100.0 * static_cast<double>(t.first) / static_cast<double>(total) : 0.0);
    }
  }
};

Totals& totals() {
  static Totals t;  // destroyed at exit, which prints the table
  return t;
}

}  // namespace

bool profiling() {
  static const bool on = [] {
    const char* v = std::getenv("CHECKLINT_PROFILE");  // NOLINT(concurrency-mt-unsafe): read once, before threads
    if (v == nullptr || *v == '\0' || std::string_view(v) == "0") return false;
    totals();  // constructed now so that it outlives every later use
    return true;
  }();
  return on;
}

long long thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void profile_add(std::string_view stage, long long nanoseconds) {
  auto& t = totals();
  const std::lock_guard lock(t.mutex);
  auto it = t.stages.find(stage);
  if (it == t.stages.end()) it = t.stages.emplace(std::string(stage), std::pair{0LL, 0LL}).first;
  it->second.first += nanoseconds;
  it->second.second += 1;
}

}  // namespace checklint
