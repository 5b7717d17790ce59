#include "explorer/search/byte_arena.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace replicheck {

std::string temp_dir() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

std::uint64_t temp_dir_free_bytes() {
  struct statvfs fs {};
  if (::statvfs(temp_dir().c_str(), &fs) != 0) return UINT64_MAX;  // unknown: the file's own errors still tell
  return std::uint64_t(fs.f_bavail) * fs.f_frsize;
}

namespace {

// An unlinked file: gone when the run ends, however it ends. Returns -errno.
int open_temp() {
  std::string dir = temp_dir();
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string name = dir + "/replicheck-frontier-XXXXXX";  // file systems without O_TMPFILE
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) return -errno;
  ::unlink(name.c_str());
  return fd;
}

std::atomic<std::uint64_t> g_files_opened{0};

std::size_t page_round(std::size_t n) {
  const auto page = std::size_t(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}

// Once a run for each case: every partition's arena would say the same.
void warn_heap(std::atomic<bool>& warned, const char* what, int error) {
  if (warned.exchange(true)) return;
  std::fprintf(stderr, "replicheck: warning: the BFS frontier %s: temporary file in %s: %s\n", what,
               temp_dir().c_str(), std::strerror(error));
}
std::atomic<bool> g_warned_create{false}, g_warned_grow{false};

}  // namespace

std::uint64_t ByteArena::files_opened() { return g_files_opened; }

void ByteArena::grow(std::size_t need) {
  if (on_disk()) {
    if (!grow_file(need)) to_heap(need, errno);
    return;
  }
  if (spill_past_ && need > spill_past_) {
    if (to_file(need)) return;
    warn_heap(g_warned_create, "stays in memory", errno);
    spill_past_ = 0;
  }
  grow_heap(need);
}

void ByteArena::grow_heap(std::size_t need) {
  // 1.5x: the frontier's slack is memory the fingerprint set could use.
  std::size_t n = std::max(need, capacity_ + capacity_ / 2 + 4096);
  auto* p = static_cast<std::uint8_t*>(std::realloc(data_, n));
  if (!p) throw std::bad_alloc();
  data_ = p;
  capacity_ = n;
}

// Sets errno and returns false on failure, leaving the arena as it was.
bool ByteArena::grow_file(std::size_t need) {
  // Steps of an eighth, at least the size the arena spilled at: the slack is
  // reserved disk, which is what big runs run out of first (mrsc clients=3
  // filled 65 GB; at 1.5x steps up to a third of a file is slack), and a
  // step costs only a system call or two.
  std::size_t n = page_round(std::max({need, capacity_ + capacity_ / 8, spill_past_}));
  if (int e = ::posix_fallocate(fd_, off_t(capacity_), off_t(n - capacity_))) {
    errno = e;
    return false;
  }
  if (n > mapped_) {
    // The mapping may reach past the file's end: those pages are not touched.
    std::size_t len = std::max(n, 2 * mapped_);
    void* p = mapped_ ? ::mremap(data_, mapped_, len, MREMAP_MAYMOVE)
                      : ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) return false;
    // Written once in order, read once in order: read ahead, and let the
    // kernel evict what was read before anything else.
    ::madvise(p, len, MADV_SEQUENTIAL);
    data_ = static_cast<std::uint8_t*>(p);
    mapped_ = len;
  }
  capacity_ = n;
  return true;
}

bool ByteArena::to_file(std::size_t need) {
  int fd = open_temp();
  if (fd < 0) {
    errno = -fd;
    return false;
  }
  std::uint8_t* heap = data_;
  std::size_t heap_capacity = capacity_;
  data_ = nullptr;
  capacity_ = mapped_ = 0;
  fd_ = fd;
  if (!grow_file(need)) {
    int e = errno;
    ::close(fd);
    fd_ = -1;
    data_ = heap;
    capacity_ = heap_capacity;
    errno = e;
    return false;
  }
  if (size_) std::memcpy(data_, heap, size_);
  std::free(heap);
  ++g_files_opened;
  return true;
}

void ByteArena::to_heap(std::size_t need, int error) {
  warn_heap(g_warned_grow, "moves back to memory", error);
  std::size_t n = std::max(need, size_ + size_ / 2 + 4096);
  auto* p = static_cast<std::uint8_t*>(std::malloc(n));
  if (!p) throw std::bad_alloc();
  if (size_) std::memcpy(p, data_, size_);
  release();
  data_ = p;
  capacity_ = n;
  fd_ = -1;
  mapped_ = 0;
  spill_past_ = 0;
}

void ByteArena::drop_file() {
  // Truncating drops the pages, written back or not, without writing them.
  if (::ftruncate(fd_, 0) == 0) capacity_ = 0;
}

void ByteArena::release() {
  if (on_disk()) {
    if (mapped_) ::munmap(data_, mapped_);
    ::close(fd_);
  } else {
    std::free(data_);
  }
}

}  // namespace replicheck
