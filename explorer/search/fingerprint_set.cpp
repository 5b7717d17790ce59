#include "explorer/search/fingerprint_set.hpp"

#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace replicheck {
namespace {
constexpr std::size_t kInitialCapacity = 1024;
// Linear probing stays short up to this load; above it lookups slow sharply.
constexpr double kMaxLoad = 0.85;

std::uint64_t* allocate(std::size_t n) {
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
}  // namespace

FingerprintSet::FingerprintSet()
    : slots_(allocate(kInitialCapacity)),
      capacity_(kInitialCapacity),
      grow_at_(static_cast<std::size_t>(kInitialCapacity * kMaxLoad)) {}

FingerprintSet::~FingerprintSet() { std::free(slots_); }

bool FingerprintSet::contains(std::uint64_t fp) const {
  fp |= fp == 0;
  for (std::size_t i = home(fp);; i = i + 1 == capacity_ ? 0 : i + 1) {
    if (slots_[i] == fp) return true;
    if (slots_[i] == 0) return false;
  }
}

void FingerprintSet::grow() {
  std::uint64_t* old = slots_;
  std::size_t old_capacity = capacity_;
  capacity_ = old_capacity + old_capacity / 2;
  slots_ = allocate(capacity_);
  grow_at_ = static_cast<std::size_t>(static_cast<double>(capacity_) * kMaxLoad);
  for (std::size_t j = 0; j < old_capacity; ++j) {
    std::uint64_t fp = old[j];
    if (!fp) continue;
    std::size_t i = home(fp);
    while (slots_[i]) i = i + 1 == capacity_ ? 0 : i + 1;
    slots_[i] = fp;
  }
  std::free(old);
}

}  // namespace replicheck
