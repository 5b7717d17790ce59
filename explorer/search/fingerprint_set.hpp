// The set of visited states, as 64-bit fingerprints of their canonical
// encodings (TLC's fingerprint set): 8 bytes a state, whatever its size.
// Open addressing with linear probing; not thread-safe: the BFS gives each
// partition of the fingerprint space to one worker at a time.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>

namespace replicheck {

class FingerprintSet {
 public:
  enum class Insert { Added, Present, Full };

  FingerprintSet();
  ~FingerprintSet();
  FingerprintSet(const FingerprintSet&) = delete;
  FingerprintSet& operator=(const FingerprintSet&) = delete;

  // `may_grow(extra_bytes)` is asked before the table grows; when it says no,
  // the table fills up to 97% and then answers Full.
  template <class MayGrow>
  Insert insert(std::uint64_t fp, MayGrow&& may_grow) {
    fp |= fp == 0;  // 0 marks an empty slot
    if (count_ + 1 > grow_at_) {
      if (may_grow(bytes() / 2)) grow();
      else if (count_ + 1 > capacity_ - capacity_ / 32) return Insert::Full;
    }
    for (std::size_t i = home(fp);; i = i + 1 == capacity_ ? 0 : i + 1) {
      if (slots_[i] == fp) return Insert::Present;
      if (slots_[i] == 0) {
        slots_[i] = fp;
        ++count_;
        return Insert::Added;
      }
    }
  }
  bool contains(std::uint64_t fp) const;
  void prefetch(std::uint64_t fp) const { __builtin_prefetch(&slots_[home(fp | (fp == 0))]); }

  std::size_t size() const { return count_; }
  std::size_t bytes() const { return capacity_ * sizeof(std::uint64_t); }

 private:
  // Maps the fingerprint onto [0, capacity) by multiplication, so capacity
  // need not be a power of two and growth can be by 1.5x.
  std::size_t home(std::uint64_t fp) const {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::size_t>((static_cast<u128>(fp) * capacity_) >> 64);
  }
  void grow();

  std::uint64_t* slots_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t count_ = 0;
  std::size_t grow_at_ = 0;
};

}  // namespace replicheck
