// The set of visited states, as 64-bit fingerprints of their canonical
// encodings (TLC's fingerprint set): 8 bytes a slot, whatever the state's size.
// Not thread-safe: the BFS gives each partition of the fingerprint space to
// one worker at a time.
//
// Ordered linear probing (Amble & Knuth): a key's home slot is monotone in
// the key, and the table is kept sorted, like a sorted array with gaps. So
// - a lookup scans from the home only while slots hold smaller keys: a miss
//   stops as early as a hit, even at 90% load (plain linear probing would
//   scan ~50 slots there), which lets the table run full: 9.4-11.8 bytes a
//   state (growth by 1.25x between 68% and 85% load, once a table is past
//   64 MiB; below, it doubles at 70%);
// - growing needs no second table: homes only move right when the table
//   grows, so the table is extended in place (its address range is reserved
//   up front) and rearranged from its end, block by block, in two sequential
//   passes. Growing often in small steps is cheap, and a growth costs only
//   the new slots, not a whole second table beside the old one.
// There is no wrap-around: runs at the end spill into kOverflow extra slots,
// whose last one stays empty as the scans' sentinel.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace replicheck {

class FingerprintSet {
 public:
  enum class Insert { Added, Present, Full };

  // reserve_at_most: address space to reserve at first, if not the default
  // (tests use a small one to make the table move).
  explicit FingerprintSet(std::size_t reserve_at_most = 0);
  ~FingerprintSet();
  FingerprintSet(const FingerprintSet&) = delete;
  FingerprintSet& operator=(const FingerprintSet&) = delete;

  // `may_grow(extra_bytes)` is asked before the table grows (extra: the
  // slots a growth adds: twice the slots below 64 MiB, else a quarter more;
  // when that is refused, half as much, down to a 32nd, so a search uses
  // what memory it has); when it says no to all, the table fills up to 97%
  // and then answers Full for new keys.
  template <class MayGrow>
  Insert insert(std::uint64_t fp, MayGrow&& may_grow) {
    fp |= fp == 0;  // 0 marks an empty slot
    for (;;) {
      std::size_t i = position(fp);
      if (slots_[i] == fp) return Insert::Present;
      std::size_t e = i;
      while (slots_[e] != 0) ++e;
      bool crowded = count_ + 1 > grow_at_ || e + 1 >= capacity_ + kOverflow;
      if (crowded) {
        // Doubling while the table is small (fewer growths, lower load:
        // two-phase rm=10 13.8-14.1 s instead of 14.4-15.4, at 10.9 bytes a
        // state instead of 10.1), then by a quarter; near the memory bound
        // by less, down to 1/32.
        std::size_t step = bytes() < kDoubleBelow ? 1 : 4;
        while (step <= 32 && !may_grow(growth_bytes(step))) step *= 2;
        if (step <= 32) {
          grow(step);
          continue;  // homes moved
        }
        // Refused: ask again after another 1/256 of the capacity (asking
        // reads /proc), and at 97% full stop.
        grow_at_ = std::min(count_ + 1 + capacity_ / 256, capacity_ - capacity_ / 32);
        if (count_ + 1 > capacity_ - capacity_ / 32 || e + 1 >= capacity_ + kOverflow) return Insert::Full;
      }
      std::memmove(&slots_[i + 1], &slots_[i], (e - i) * sizeof(std::uint64_t));
      slots_[i] = fp;
      ++count_;
      return Insert::Added;
    }
  }
  bool contains(std::uint64_t fp) const;
  void prefetch(std::uint64_t fp) const {
    const std::uint64_t* at = &slots_[home(fp)];
    __builtin_prefetch(at);
    __builtin_prefetch(at + 8);
  }

  std::size_t size() const { return count_; }
  std::size_t bytes() const { return (capacity_ + kOverflow) * sizeof(std::uint64_t); }

 private:
  static constexpr std::size_t kOverflow = 4096;
  static constexpr std::size_t kDoubleBelow = std::size_t{64} << 20;  // bytes: 8 partitions, 512 MiB
  // Maps the fingerprint onto [0, capacity) by multiplication: monotone in
  // the fingerprint (the table's order), and any capacity will do.
  std::size_t home(std::uint64_t fp) const {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::size_t>((static_cast<u128>(fp) * capacity_) >> 64);
  }
  // The first slot from fp's home that is empty or holds a key >= fp: where
  // fp is, or goes. The table is sorted, so within the 8 slots from the
  // home that is the home plus the number of keys < fp there (an empty slot
  // ends a run, and keys after it have later homes, so are larger): counted
  // without a branch, as a loop whose length depends on the table
  // mispredicts on nearly every lookup. Past 8, the scan goes on.
  std::size_t position(std::uint64_t fp) const {
    std::size_t i = home(fp), below = 0;
    for (std::size_t k = 0; k < 8; ++k) below += slots_[i + k] - 1 < fp - 1;  // 0 < slot < fp
    i += below;
    if (below == 8)
      while (slots_[i] != 0 && slots_[i] < fp) ++i;
    return i;
  }
  // Growth by capacity / step slots.
  std::size_t next_capacity(std::size_t step) const { return capacity_ + capacity_ / step; }
  std::size_t next_bytes(std::size_t step) const {
    return (next_capacity(step) + kOverflow) * sizeof(std::uint64_t);
  }
  // What a growth adds; if it outgrows the reserved range, the copy too.
  std::size_t growth_bytes(std::size_t step) const {
    return next_bytes(step) <= reserved_bytes_ ? next_bytes(step) - bytes() : next_bytes(step);
  }
  void commit(std::size_t bytes);  // makes the first `bytes` of the range usable
  void relocate(std::size_t at_least);
  void grow(std::size_t step);

  std::size_t reserve_at_most_;
  std::uint64_t* slots_ = nullptr;   // the start of the reserved range
  std::size_t reserved_bytes_ = 0;   // address space reserved for slots_
  std::size_t committed_bytes_ = 0;  // of which readable and writable
  std::size_t capacity_ = 0;  // home slots; the table has kOverflow more
  std::size_t count_ = 0;
  std::size_t grow_at_ = 0;
};

}  // namespace replicheck
