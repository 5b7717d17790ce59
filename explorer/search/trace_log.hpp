// How each stored state was first reached: its parent's id and the index of
// the action taken, 8 bytes a state. Kept in a temporary file (as TLC keeps
// its trace file), so a run's memory is the fingerprint set and the frontier
// only; read back only to rebuild a counterexample.
#pragma once
#include <cstdint>
#include <cstdio>
#include <vector>

namespace replicheck {

class TraceLog {
 public:
  static constexpr std::uint64_t kRoot = (std::uint64_t{1} << 48) - 1;  // parent of an initial state

  TraceLog();
  ~TraceLog();
  TraceLog(const TraceLog&) = delete;
  TraceLog& operator=(const TraceLog&) = delete;

  // Returns the new entry's index.
  std::uint64_t append(std::uint64_t parent, std::uint16_t action) {
    buffer_.push_back(parent << 16 | action);
    if (buffer_.size() == kBufferEntries) flush();
    return flushed_ + buffer_.size() - 1;
  }
  struct Entry {
    std::uint64_t parent;
    std::uint16_t action;
  };
  Entry get(std::uint64_t index) const;
  std::size_t memory_bytes() const { return buffer_.capacity() * sizeof(std::uint64_t); }

 private:
  static constexpr std::size_t kBufferEntries = 1 << 15;
  void flush();
  std::FILE* file_ = nullptr;
  std::uint64_t flushed_ = 0;
  std::vector<std::uint64_t> buffer_;
};

}  // namespace replicheck
