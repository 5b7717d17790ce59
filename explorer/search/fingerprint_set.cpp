#include "explorer/search/fingerprint_set.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <stdexcept>

#include <sys/mman.h>

namespace replicheck {
namespace {
constexpr std::size_t kInitialCapacity = 1024;
// Ordered probing keeps lookups short (~5 slots, one or two cache lines) up
// to this load; the fill level drops to 72% after each 1.25x growth.
constexpr double kMaxLoad = 0.9;

}  // namespace

std::uint64_t* allocate_slots(std::size_t n) {
  auto* p = static_cast<std::uint64_t*>(std::calloc(n, sizeof(std::uint64_t)));
  if (!p) throw std::bad_alloc();
  // Lookups land on random slots: with 4 KiB pages nearly every one is also
  // a TLB miss. Ask for transparent huge pages on the 2 MiB-aligned interior
  // (a large calloc is fresh mmap memory, not yet touched).
  constexpr std::uintptr_t kHuge = 2u << 20;
  auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(p + n)) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  return p;
}

FingerprintSet::FingerprintSet()
    : slots_(allocate_slots(kInitialCapacity + kOverflow)),
      capacity_(kInitialCapacity),
      grow_at_(static_cast<std::size_t>(kInitialCapacity * kMaxLoad)) {}

FingerprintSet::~FingerprintSet() { std::free(slots_); }

bool FingerprintSet::contains(std::uint64_t fp) const {
  fp |= fp == 0;
  std::size_t i = home(fp);
  while (slots_[i] != 0 && slots_[i] < fp) ++i;
  return slots_[i] == fp;
}

// The old table is sorted and homes are monotone, so each key goes to its
// new home or right after the previous key, whichever is later: the result
// is sorted, and no key has an empty slot between its home and itself.
void FingerprintSet::grow() {
  std::uint64_t* old = slots_;
  std::size_t old_slots = capacity_ + kOverflow;
  capacity_ = next_capacity();
  slots_ = allocate_slots(capacity_ + kOverflow);
  grow_at_ = static_cast<std::size_t>(static_cast<double>(capacity_) * kMaxLoad);
  std::size_t next = 0;
  for (std::size_t j = 0; j < old_slots; ++j) {
    std::uint64_t fp = old[j];
    if (!fp) continue;
    std::size_t i = std::max(home(fp), next);
    slots_[i] = fp;
    next = i + 1;
  }
  std::free(old);
  // The old table fitted, at a higher load, in fewer slots; the new one's
  // overflow cannot be fuller than the old one's was.
  if (next + 1 >= capacity_ + kOverflow) throw std::logic_error("FingerprintSet::grow: overflow");
}

}  // namespace replicheck
