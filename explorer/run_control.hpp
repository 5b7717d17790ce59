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

namespace replicheck {

std::uint64_t physical_memory_bytes();
std::uint64_t current_rss_bytes();
std::uint64_t peak_rss_bytes();

// Installs a SIGINT handler for the lifetime of the object: Ctrl-C asks the
// search to stop and report "incomplete" rather than killing the process.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  static bool interrupted();
};

// Prints `status()` on stderr once a second after the first two seconds,
// when stderr is a terminal and progress was asked for.
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

class Stopwatch {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace replicheck
