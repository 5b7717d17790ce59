#include "explorer/search/run_control.hpp"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

namespace replicheck {
namespace {
volatile std::sig_atomic_t g_interrupted = 0;  // the signal's number
void on_signal(int sig) { g_interrupted = sig; }
struct sigaction g_previous_int, g_previous_term;
}  // namespace

std::uint64_t physical_memory_bytes() {
  return std::uint64_t(sysconf(_SC_PHYS_PAGES)) * std::uint64_t(sysconf(_SC_PAGESIZE));
}

namespace {
std::atomic<std::uint64_t> g_peak_anonymous{0};
}  // namespace

std::uint64_t anonymous_rss_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  // Resident less shared: "shared" counts resident file pages (and shmem),
  // so what is left is anonymous memory, what the kernel cannot evict.
  unsigned long size = 0, resident = 0, shared = 0;
  int n = std::fscanf(f, "%lu %lu %lu", &size, &resident, &shared);
  std::fclose(f);
  if (n != 3 || shared > resident) return 0;
  std::uint64_t bytes = std::uint64_t(resident - shared) * std::uint64_t(sysconf(_SC_PAGESIZE));
  std::uint64_t peak = g_peak_anonymous;
  while (bytes > peak && !g_peak_anonymous.compare_exchange_weak(peak, bytes)) {
  }
  return bytes;
}

std::uint64_t peak_anonymous_rss_bytes() {
  return std::max(g_peak_anonymous.load(), anonymous_rss_bytes());
}

std::uint64_t peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return std::uint64_t(u.ru_maxrss) * 1024;
}

InterruptGuard::InterruptGuard() {
  g_interrupted = 0;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &g_previous_int);
  sigaction(SIGTERM, &sa, &g_previous_term);
}
InterruptGuard::~InterruptGuard() {
  // After a signal, keep recording instead of dying: a sender may signal
  // twice (`timeout` signals the process and then its process group), and a
  // second signal landing after the default action came back would kill
  // the run while it reports what the first one stopped (exit 143, not 3).
  if (g_interrupted) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}
bool InterruptGuard::interrupted() { return g_interrupted != 0; }
const char* InterruptGuard::signal_name() {
  return g_interrupted == SIGINT ? "SIGINT" : g_interrupted == SIGTERM ? "SIGTERM" : "";
}

ProgressLine::ProgressLine(bool enabled, std::function<std::string()> status) {
  if (!enabled) return;
  const bool terminal = isatty(fileno(stderr));
  thread_ = std::thread([this, terminal, status = std::move(status)] {
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, std::chrono::seconds(2), [this] { return done_; })) return;
    do {
      if (terminal) {
        std::fprintf(stderr, "\r\033[K%s", status().c_str());
        printed_ = true;
      } else {
        std::fprintf(stderr, "replicheck: progress: %s\n", status().c_str());
      }
      std::fflush(stderr);
    } while (!cv_.wait_for(lock, std::chrono::seconds(terminal ? 1 : 5), [this] { return done_; }));
  });
}

ProgressLine::~ProgressLine() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (printed_) std::fprintf(stderr, "\r\033[K");
}

std::string progress_text(std::uint64_t states, std::uint64_t depth, double seconds, const std::string& detail) {
  const auto rate = std::uint64_t(seconds > 0 ? double(states) / seconds : 0.0);
  return grouped(states) + " states, " + grouped(rate) + "/s, " + detail + "depth " + std::to_string(depth) + ", " +
         std::to_string(anonymous_rss_bytes() >> 20) + " MiB, " + std::to_string(std::uint64_t(seconds)) + " s";
}

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace replicheck
