#include "explorer/search/fingerprint_set.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

namespace replicheck {
namespace {
constexpr std::size_t kInitialCapacity = 1024;
// Ordered probing keeps lookups short (~5 slots, one or two cache lines) up
// to this load; the fill level drops to 68% after each 1.25x growth.
constexpr double kMaxLoad = 0.85;
// While a table still doubles (below kDoubleBelow) it grows at 70%: the scan
// to a run's end, which an insertion does, is about half as long there as
// between 70% and 85%, and a table that doubles at either load ends the
// same size as often as not (two-phase rm=9, rm=10: the same peaks; rm=9
// with sleep sets 1.21-1.26 s -> 1.15-1.24 s, eight alternating runs).
constexpr double kMaxLoadDoubling = 0.7;
constexpr std::size_t kHuge = std::size_t{2} << 20;
constexpr std::size_t kPage = 4096;
// Growth rearranges the table this many slots at a time (a block's keys are
// held aside while its slots are cleared).
constexpr std::size_t kBlockSlots = 4096;

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// Address space for one table, reserved without memory behind it
// (PROT_NONE) and 2 MiB-aligned so that the slots can live on transparent
// huge pages: as much as the machine has memory, which no table outgrows,
// or a 16th of the address space when that is limited (ulimit -v), so that
// the 8 partitions' tables leave room for the rest; at most `at_most` if
// not 0. At least `at_least`; bad_alloc when not even that can be had.
std::uint64_t* reserve(std::size_t at_least, std::size_t at_most, std::size_t& bytes) {
  std::size_t want = std::size_t(sysconf(_SC_PHYS_PAGES)) * std::size_t(sysconf(_SC_PAGESIZE));
  if (at_most) want = std::min(want, at_most);
  rlimit limit{};
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    want = std::min<std::size_t>(want, limit.rlim_cur / 16);
  at_least = round_up(at_least, kHuge);
  for (want = std::max(round_up(want, kHuge), at_least);; want = std::max(round_up(want / 2, kHuge), at_least)) {
    void* p = mmap(nullptr, want + kHuge, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      auto begin = reinterpret_cast<std::uintptr_t>(p);
      auto aligned = round_up(begin, kHuge);
      if (aligned > begin) munmap(p, aligned - begin);
      munmap(reinterpret_cast<void*>(aligned + want), begin + kHuge - aligned);
      madvise(reinterpret_cast<void*>(aligned), want, MADV_HUGEPAGE);
      bytes = want;
      return reinterpret_cast<std::uint64_t*>(aligned);
    }
    if (want == at_least) throw std::bad_alloc();
  }
}
}  // namespace

FingerprintSet::FingerprintSet(std::size_t reserve_at_most)
    : reserve_at_most_(reserve_at_most), capacity_(kInitialCapacity), grow_at_(static_cast<std::size_t>(kInitialCapacity * kMaxLoadDoubling)) {
  slots_ = reserve(bytes(), reserve_at_most_, reserved_bytes_);  // here: members are initialised in declaration order
  commit(bytes());
}

FingerprintSet::~FingerprintSet() { munmap(slots_, reserved_bytes_); }

void FingerprintSet::commit(std::size_t bytes) {
  std::size_t want = std::min(round_up(bytes, kPage), reserved_bytes_);
  if (want <= committed_bytes_) return;
  auto* at = reinterpret_cast<char*>(slots_) + committed_bytes_;
  if (mprotect(at, want - committed_bytes_, PROT_READ | PROT_WRITE) != 0) throw std::bad_alloc();
  committed_bytes_ = want;  // fresh pages read as zero: empty slots
}

// Only when the reserved range is too small (a limited address space): the
// table moves to a larger range, old and new side by side while it is copied.
void FingerprintSet::relocate(std::size_t at_least) {
  std::size_t bytes = 0;
  std::uint64_t* moved = reserve(std::max(at_least, 2 * reserved_bytes_), reserve_at_most_, bytes);
  if (mprotect(moved, committed_bytes_, PROT_READ | PROT_WRITE) != 0) {
    munmap(moved, bytes);
    throw std::bad_alloc();
  }
  std::memcpy(moved, slots_, committed_bytes_);
  munmap(slots_, reserved_bytes_);
  slots_ = moved;
  reserved_bytes_ = bytes;
}

bool FingerprintSet::contains(std::uint64_t fp) const {
  fp |= fp == 0;
  return slots_[position(fp)] == fp;
}

// Where each key goes is fixed by the keys alone: at its home, or right after
// the key before it, whichever is later. A larger capacity moves no home to
// the left, so no key moves left either, and the table can be rearranged in
// place from its end: a block's keys may land in later blocks' slots, which
// are already final and free there, but never in earlier blocks', which
// still hold keys not yet moved. Pass 1 finds where each block's first key
// may go at the earliest; pass 2 moves the blocks, last first.
void FingerprintSet::grow(std::size_t step) {
  const std::size_t old_slots = capacity_ + kOverflow;
  const std::size_t blocks = (old_slots + kBlockSlots - 1) / kBlockSlots;
  capacity_ = next_capacity(step);
  const std::size_t new_slots = capacity_ + kOverflow;
  std::vector<std::size_t> earliest(blocks);  // for each block's first key
  std::size_t next = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    earliest[b] = next;
    for (std::size_t j = b * kBlockSlots, end = std::min(old_slots, j + kBlockSlots); j < end; ++j)
      if (slots_[j]) next = std::max(home(slots_[j]), next) + 1;
  }
  // A key's home moves right by at most the slots added, so its place does
  // too, and the old table kept its last slot empty: so does the new one
  // (the scans' sentinel).
  if (next >= new_slots) throw std::logic_error("FingerprintSet::grow: overflow");
  if (new_slots * sizeof(std::uint64_t) > reserved_bytes_) relocate(new_slots * sizeof(std::uint64_t));
  commit(new_slots * sizeof(std::uint64_t));
  auto held = std::make_unique<std::array<std::uint64_t, kBlockSlots>>();
  for (std::size_t b = blocks; b-- > 0;) {
    std::size_t first = b * kBlockSlots, end = std::min(old_slots, first + kBlockSlots), n = 0;
    for (std::size_t j = first; j < end; ++j)
      if (slots_[j]) (*held)[n++] = slots_[j];
    std::fill(slots_ + first, slots_ + end, 0);
    next = earliest[b];
    for (std::size_t k = 0; k < n; ++k) {
      std::size_t i = std::max(home((*held)[k]), next);
      slots_[i] = (*held)[k];
      next = i + 1;
    }
  }
  const double load = bytes() < kDoubleBelow ? kMaxLoadDoubling : kMaxLoad;
  grow_at_ = static_cast<std::size_t>(static_cast<double>(capacity_) * load);
}

}  // namespace replicheck
