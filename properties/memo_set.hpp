// Lowe's memo for the linearizability search: the set of (linearized ops,
// spec state) configurations already explored. Keys live back to back in
// fixed-size blocks (state word, then the bitset words), so they never move;
// an open-addressing table of (hash, entry) slots points into them. Inserting
// allocates only when a block fills or the table doubles.
#pragma once
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <memory>
#include <vector>

namespace replicheck::properties::detail {

class MemoSet {
 public:
  MemoSet() = default;
  explicit MemoSet(std::size_t words) { reset(words); }
  void reset(std::size_t words) {
    words_ = words;
    count_ = 0;
    slots_.assign(kInitialSlots, Slot{0, 0});
    blocks_.clear();
    keys_per_block_ = std::max<std::size_t>(1, kBlockWords / (words + 1));
  }

  // Adds (bits, state) unless present; true if it was new. `hash` must be a
  // function of (bits, state) alone.
  bool insert(std::uint64_t hash, const std::uint64_t* bits, std::uint64_t state) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      const Slot& s = slots_[slot];
      if (s.entry == 0) {
        slots_[slot] = {hash, static_cast<std::uint32_t>(count_ + 1)};
        std::uint64_t* key = allocate();
        key[0] = state;
        if (words_ != 0) std::memcpy(key + 1, bits, words_ * sizeof(std::uint64_t));
        return true;
      }
      if (s.hash == hash && same(s.entry, bits, state)) return false;
    }
  }

  std::size_t size() const { return count_; }
  std::size_t bytes() const { return blocks_.size() * kBlockWords * sizeof(std::uint64_t) + slots_.size() * sizeof(Slot); }

 private:
  static constexpr std::size_t kInitialSlots = 1024;  // a power of two
  static constexpr std::size_t kBlockWords = 1 << 16;
  struct Slot {
    std::uint64_t hash;
    std::uint32_t entry;  // 0 = empty, else entry number + 1
  };

  std::uint64_t* key_of(std::uint32_t entry) const {
    const std::size_t index = entry - 1;
    return blocks_[index / keys_per_block_].get() + (index % keys_per_block_) * (words_ + 1);
  }

  std::uint64_t* allocate() {
    if (count_ % keys_per_block_ == 0) blocks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(kBlockWords));
    return key_of(static_cast<std::uint32_t>(++count_));
  }

  bool same(std::uint32_t entry, const std::uint64_t* bits, std::uint64_t state) const {
    const std::uint64_t* key = key_of(entry);
    return key[0] == state && (words_ == 0 || std::memcmp(key + 1, bits, words_ * sizeof(std::uint64_t)) == 0);
  }

  void grow() {
    std::vector<Slot> slots(slots_.size() * 2, Slot{0, 0});
    const std::size_t mask = slots.size() - 1;
    for (const Slot& s : slots_) {
      if (s.entry == 0) continue;
      std::size_t slot = s.hash & mask;
      while (slots[slot].entry != 0) slot = (slot + 1) & mask;
      slots[slot] = s;
    }
    slots_.swap(slots);
  }

  std::size_t words_ = 0;
  std::size_t count_ = 0;
  std::size_t keys_per_block_ = 1;
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<std::uint64_t[]>> blocks_;
};

}  // namespace replicheck::properties::detail
