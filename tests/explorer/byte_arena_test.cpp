// The frontier's byte arena, on the heap and in a temporary file: what is
// appended reads back intact across growths, moves between the two, clear
// and swap, and a failing file leaves the arena on the heap, not crashed.
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <string>

#include <sys/resource.h>

#include "explorer/search/byte_arena.hpp"

using namespace replicheck;

namespace {
// Records of 1 to 300 bytes, each byte a function of the record's index.
std::size_t record_size(std::size_t i) { return 1 + (i * 7919) % 300; }
std::uint8_t record_byte(std::size_t i, std::size_t k) { return std::uint8_t(i * 31 + k); }

std::size_t fill(ByteArena& a, std::size_t records, std::size_t first = 0) {
  for (std::size_t i = first; i < first + records; ++i) {
    std::uint8_t* p = a.append(record_size(i));
    for (std::size_t k = 0; k < record_size(i); ++k) p[k] = record_byte(i, k);
  }
  return records;
}

// True when the arena holds exactly records [first, first + records).
bool intact(const ByteArena& a, std::size_t records, std::size_t first = 0) {
  const std::uint8_t* p = a.data();
  for (std::size_t i = first; i < first + records; ++i)
    for (std::size_t k = 0; k < record_size(i); ++k)
      if (*p++ != record_byte(i, k)) return false;
  return p == a.data() + a.size();
}
}  // namespace

TEST_CASE("an arena spilled to a file keeps its contents across many growths") {
  ByteArena a;
  a.spill_past(4096);
  std::uint64_t opened = ByteArena::files_opened();
  fill(a, 10);
  CHECK_FALSE(a.on_disk());  // under the threshold: heap
  fill(a, 200'000, 10);      // about 30 MB: the file grows by 1.5x from 4 KiB, many times
  REQUIRE(a.on_disk());
  CHECK(ByteArena::files_opened() == opened + 1);
  CHECK(a.file_bytes() >= a.size());
  CHECK(intact(a, 200'010));
}

TEST_CASE("clearing a file arena gives its blocks back and it can be reused") {
  ByteArena a;
  a.spill_past(1);
  fill(a, 50'000);
  REQUIRE(a.on_disk());
  a.clear();
  CHECK(a.size() == 0);
  CHECK(a.file_bytes() == 0);
  CHECK(a.on_disk());
  fill(a, 70'000, 5);
  CHECK(intact(a, 70'000, 5));
}

TEST_CASE("swapping a file arena and a heap arena swaps contents and storage") {
  ByteArena disk, heap;
  disk.spill_past(1);
  fill(disk, 20'000);
  fill(heap, 3'000, 100);
  REQUIRE(disk.on_disk());
  REQUIRE_FALSE(heap.on_disk());
  disk.swap(heap);
  CHECK_FALSE(disk.on_disk());
  CHECK(heap.on_disk());
  CHECK(intact(disk, 3'000, 100));
  CHECK(intact(heap, 20'000));
  // As the BFS uses them: it reads `current` through data() while `next`
  // grows, so growing one arena must not move or change the other.
  const std::uint8_t* reading = heap.data();
  disk.spill_past(1);
  fill(disk, 40'000, 3'100);
  CHECK(heap.data() == reading);
  CHECK(intact(heap, 20'000));
  CHECK(intact(disk, 43'000, 100));
  ByteArena moved(std::move(disk));
  CHECK(intact(moved, 43'000, 100));
  CHECK(disk.size() == 0);
}

TEST_CASE("an unusable temporary directory leaves the arena on the heap") {
  const char* old = std::getenv("TMPDIR");
  std::string saved = old ? old : "";
  setenv("TMPDIR", "/nonexistent/replicheck-test", 1);
  ByteArena a;
  a.spill_past(1);
  fill(a, 10'000);
  if (old) setenv("TMPDIR", saved.c_str(), 1);
  else unsetenv("TMPDIR");
  CHECK_FALSE(a.on_disk());
  CHECK(intact(a, 10'000));
}

TEST_CASE("a file that cannot grow (disk full) moves the arena back to the heap") {
  // The file size limit makes fallocate fail with EFBIG, as ENOSPC would.
  rlimit saved{};
  getrlimit(RLIMIT_FSIZE, &saved);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 1 << 20;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  ByteArena a;
  a.spill_past(64 << 10);
  fill(a, 1'000);
  bool was_on_disk = a.on_disk();
  fill(a, 30'000, 1'000);  // about 4.5 MB, past the limit
  setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  CHECK(was_on_disk);
  CHECK_FALSE(a.on_disk());
  CHECK(intact(a, 31'000));
}
