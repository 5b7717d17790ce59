#include "explorer/fingerprint_set.hpp"

#include <cstdlib>
#include <new>

namespace replicheck {
namespace {
constexpr std::size_t kInitialCapacity = 1024;
// Linear probing stays short up to this load; above it lookups slow sharply.
constexpr double kMaxLoad = 0.85;

std::uint64_t* allocate(std::size_t n) {
  auto* p = static_cast<std::uint64_t*>(std::calloc(n, sizeof(std::uint64_t)));
  if (!p) throw std::bad_alloc();
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
