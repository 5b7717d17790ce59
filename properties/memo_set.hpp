// Lowe's memo for the linearizability search: the set of (linearized ops,
// spec state) configurations already explored. Keys live back to back in
// blocks (state word, then the bitset words) that never move and grow
// geometrically, so tiny histories (the explorer checks one per state) stay
// cheap; an open-addressing table of (hash, key) slots points into them.
// Inserting allocates only when a block fills or the table doubles.
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
    slots_.assign(kInitialSlots, Slot{0, nullptr});
    blocks_.clear();
    block_words_ = 0;
    allocated_words_ = 0;
    free_ = nullptr;
    left_ = 0;
  }

  // Adds (bits, state) unless present; true if it was new. `hash` must be a
  // function of (bits, state) alone.
  bool insert(std::uint64_t hash, const std::uint64_t* bits, std::uint64_t state) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      const Slot& s = slots_[slot];
      if (s.key == nullptr) {
        std::uint64_t* key = allocate();
        key[0] = state;
        if (words_ != 0) std::memcpy(key + 1, bits, words_ * sizeof(std::uint64_t));
        slots_[slot] = {hash, key};
        ++count_;
        return true;
      }
      if (s.hash == hash && same(s.key, bits, state)) return false;
    }
  }

  std::size_t size() const { return count_; }
  std::size_t bytes() const { return allocated_words_ * sizeof(std::uint64_t) + slots_.size() * sizeof(Slot); }

 private:
  static constexpr std::size_t kInitialSlots = 64;  // a power of two
  static constexpr std::size_t kFirstBlockWords = 256, kMaxBlockWords = 1 << 16;
  struct Slot {
    std::uint64_t hash;
    const std::uint64_t* key;  // nullptr = empty
  };

  std::uint64_t* allocate() {
    const std::size_t need = words_ + 1;
    if (left_ < need) {
      block_words_ = std::max(need, std::min(kMaxBlockWords, block_words_ == 0 ? kFirstBlockWords : 2 * block_words_));
      blocks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(block_words_));
      allocated_words_ += block_words_;
      free_ = blocks_.back().get();
      left_ = block_words_;
    }
    std::uint64_t* key = free_;
    free_ += need;
    left_ -= need;
    return key;
  }

  bool same(const std::uint64_t* key, const std::uint64_t* bits, std::uint64_t state) const {
    return key[0] == state && (words_ == 0 || std::memcmp(key + 1, bits, words_ * sizeof(std::uint64_t)) == 0);
  }

  void grow() {
    std::vector<Slot> slots(slots_.size() * 2, Slot{0, nullptr});
    const std::size_t mask = slots.size() - 1;
    for (const Slot& s : slots_) {
      if (s.key == nullptr) continue;
      std::size_t slot = s.hash & mask;
      while (slots[slot].key != nullptr) slot = (slot + 1) & mask;
      slots[slot] = s;
    }
    slots_.swap(slots);
  }

  std::size_t words_ = 0;
  std::size_t count_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<std::uint64_t[]>> blocks_;
  std::size_t block_words_ = 0;      // size of the newest block
  std::size_t allocated_words_ = 0;  // all blocks
  std::uint64_t* free_ = nullptr;    // next free word in the newest block
  std::size_t left_ = 0;             // free words there
};

}  // namespace replicheck::properties::detail
