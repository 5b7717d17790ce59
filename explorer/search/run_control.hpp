// What every search shares besides the model: stopping (bounds, Ctrl-C),
// measuring memory and time, and the progress line.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "explorer/search/result.hpp"

namespace replicheck {

std::uint64_t physical_memory_bytes();
// The memory a search may use: --max-memory, or 80% of physical memory, so
// a run ends "incomplete" before the kernel would kill it.
inline std::uint64_t memory_budget(std::uint64_t max_memory) {
  return max_memory ? max_memory : physical_memory_bytes() / 10 * 8;
}
// Resident memory the kernel could not reclaim (there may be no swap): the
// anonymous pages, heap and fingerprint set. The BFS frontier's file pages
// (byte_arena.hpp) are not counted: the kernel writes them back and evicts
// them. This is what the memory budget is checked against.
std::uint64_t anonymous_rss_bytes();
// The largest anonymous_rss_bytes() seen by this process: sampled at every
// call (a BFS calls it between windows and before the fingerprint set grows).
std::uint64_t peak_anonymous_rss_bytes();
// The kernel's peak resident set (getrusage), file pages included.
std::uint64_t peak_rss_bytes();

// The statistics every search reports at its end.
inline void finish_stats(Stats& s, std::uint64_t distinct, std::uint64_t store_bytes, double seconds) {
  s.distinct_states = distinct;
  s.store_bytes = store_bytes;
  s.seconds = seconds;
  s.peak_rss_bytes = peak_rss_bytes();
  s.peak_anonymous_bytes = peak_anonymous_rss_bytes();
}

// Installs SIGINT and SIGTERM handlers for the lifetime of the object:
// Ctrl-C, and the SIGTERM that `timeout` and CI runners send, ask the search
// to stop and report "incomplete" rather than killing the process silently.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  static bool interrupted();
  // "SIGINT" or "SIGTERM": the signal that asked to stop, "" if none.
  static const char* signal_name();
};

// Prints `status()` on stderr after the first two seconds, when progress was
// asked for: on a terminal rewritten in place once a second; elsewhere (a CI
// log, a file) as a line of its own every five seconds, so a long run in CI
// shows it is alive without flooding the log.
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::function<std::string()> status);
  ~ProgressLine();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool printed_ = false;
  std::thread thread_;
};

// The progress line's text, the same for every search: "4,916,097 states,
// 2,456,535/s, <detail>depth 10, 131 MiB, 2 s" (distinct states, their rate,
// the search's own detail such as "queue 1,327,116, ", the depth, anonymous
// resident memory (what the budget counts), time).
std::string progress_text(std::uint64_t states, std::uint64_t depth, double seconds, const std::string& detail = "");

// 1234567 -> "1,234,567"
std::string grouped(std::uint64_t n);

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace replicheck
