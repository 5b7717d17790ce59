// A growable byte buffer that does not zero what it hands out: records are
// written in full right after append(), so clearing them first is waste.
//
// With spill_past(n), an arena that outgrows n bytes moves into an unlinked
// temporary file ($TMPDIR, else /tmp) mapped MAP_SHARED, as TLC keeps its
// queue on disk: the BFS frontier is then page cache, which the kernel can
// write back and evict, where heap memory (with no swap) could only end in
// the run being stopped or killed. Disk blocks are reserved (fallocate) as
// the file grows, so a full disk shows as a failed growth, never as SIGBUS
// on a write; the arena then moves back to the heap with a warning on
// stderr, and the memory bound stops the run as it would have anyway.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

namespace replicheck {

// Where spilled arenas go ($TMPDIR, else /tmp), and how much room is left
// there for this user (UINT64_MAX when the file system cannot say).
std::string temp_dir();
std::uint64_t temp_dir_free_bytes();

// Copies n bytes that do not overlap, for the short copies in the search's
// hot loops (an encoding, a sleep set): GCC inlines a memcpy of unknown
// length as `rep movs`, whose start-up cost then dominates (measured, two-
// phase rm=9 with sleep sets: 17% of insertion, 8% of expansion). Fixed-size
// copies, overlapping at the end, compile to plain loads and stores.
inline void copy_bytes(std::uint8_t* to, const std::uint8_t* from, std::size_t n) {
  if (n >= 16) {
    for (std::size_t i = 0; i + 16 < n; i += 16) std::memcpy(to + i, from + i, 16);
    std::memcpy(to + n - 16, from + n - 16, 16);
  } else if (n >= 8) {
    std::memcpy(to, from, 8);
    std::memcpy(to + n - 8, from + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + n - 4, from + n - 4, 4);
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
}

class ByteArena {
 public:
  ByteArena() = default;
  ByteArena(const ByteArena&) = delete;
  ByteArena& operator=(const ByteArena&) = delete;
  ByteArena(ByteArena&& o) noexcept { swap(o); }
  ~ByteArena() { release(); }

  // Past this many bytes the arena lives in a file; 0 (the default) never.
  void spill_past(std::size_t bytes) { spill_past_ = bytes; }
  bool on_disk() const { return fd_ >= 0; }
  // Disk blocks reserved now (0 on the heap).
  std::size_t file_bytes() const { return on_disk() ? capacity_ : 0; }
  // How many arenas of this process have moved to a file so far.
  static std::uint64_t files_opened();

  // Returns room for n more bytes at the end. Moves data() when it grows.
  std::uint8_t* append(std::size_t n) {
    if (size_ + n > capacity_) grow(size_ + n);
    std::uint8_t* p = data_ + size_;
    size_ += n;
    return p;
  }
  // Gives back the last n bytes appended (n may be 0): lets a caller write
  // a record and then drop it without a branch.
  void take_back(std::size_t n) { size_ -= n; }
  // On disk, also gives the file's pages and blocks back: disk use is what
  // the arena holds now, not all it ever held.
  void clear() {
    size_ = 0;
    if (on_disk()) drop_file();
  }
  void swap(ByteArena& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    std::swap(mapped_, o.mapped_);
    std::swap(fd_, o.fd_);
    std::swap(spill_past_, o.spill_past_);
  }
  const std::uint8_t* data() const { return data_; }
  std::uint8_t* mutable_data() { return data_; }
  std::size_t size() const { return size_; }

 private:
  void grow(std::size_t need);
  void grow_heap(std::size_t need);
  bool grow_file(std::size_t need);
  bool to_file(std::size_t need);
  void to_heap(std::size_t need, int error);
  void drop_file();
  void release();

  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;  // bytes writable: allocated, or the file's length
  std::size_t mapped_ = 0;    // on disk: the mapping's length (>= capacity_)
  int fd_ = -1;
  std::size_t spill_past_ = 0;
};

}  // namespace replicheck
