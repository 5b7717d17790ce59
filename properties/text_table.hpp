// Interned strings for the key-value spec, whose state is a string that
// appends keep extending. Each distinct string gets a dense id; its text is
// written once into blocks that never move (so no regrowth copies). A
// polynomial hash that composes over concatenation
// (h(s+t) = h(s) * B^|t| + h(t), wrapping) finds s+t without building it;
// candidates are always compared byte for byte, so the hash only ever
// affects speed, never a result.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace replicheck::properties::detail {

class TextTable {
 public:
  TextTable() : slots_(64, 0), pairs_(64, Pair{0, 0}) { intern(""); }

  std::uint32_t intern(std::string_view text) {
    std::uint64_t hash = 0, power = 1;
    for (unsigned char c : text) {
      hash = hash * kBase + c + 1;
      power *= kBase;
    }
    return find_or_add(hash, power, text, {});
  }

  // Remembered per (a, b) pair: the search appends the same suffixes to the
  // same states over and over, and this skips comparing the long strings.
  std::uint32_t concat(std::uint32_t a, std::uint32_t b) {
    if (a == 0) return b;
    if (b == 0) return a;
    const std::uint64_t key = (std::uint64_t{a} << 32 | b) + 1;  // never 0 (= empty)
    std::size_t mask = pairs_.size() - 1, slot = spread(key) & mask;
    for (; pairs_[slot].key != 0; slot = (slot + 1) & mask) {
      if (pairs_[slot].key == key) return pairs_[slot].id;
    }
    const Entry &x = entries_[a], &y = entries_[b];
    const std::uint32_t id = find_or_add(x.hash * y.power + y.hash, x.power * y.power, text(a), text(b));
    pairs_[slot] = {key, id};
    if (++pair_count_ * 2 > pairs_.size()) grow_pairs();
    return id;
  }

  std::string_view text(std::uint32_t id) const { return {entries_[id].data, entries_[id].length}; }

  std::size_t bytes() const {
    return block_bytes_ + entries_.capacity() * sizeof(Entry) + slots_.size() * sizeof(std::uint32_t) +
           pairs_.size() * sizeof(Pair);
  }

 private:
  static constexpr std::uint64_t kBase = 0x100000001b3ULL;  // odd: invertible mod 2^64
  struct Pair {
    std::uint64_t key;  // (a << 32 | b) + 1; 0 = empty slot
    std::uint32_t id;
  };
  struct Entry {
    const char* data;
    std::size_t length;
    std::uint64_t hash;
    std::uint64_t power;  // kBase^length
  };

  static std::size_t spread(std::uint64_t hash) {
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    return static_cast<std::size_t>(hash ^ (hash >> 32));
  }

  bool equals(const Entry& e, std::string_view head, std::string_view tail) const {
    if (e.length != head.size() + tail.size()) return false;
    const std::string_view stored(e.data, e.length);
    return stored.substr(0, head.size()) == head && stored.substr(head.size()) == tail;
  }

  // Room for n chars; earlier texts stay where they are.
  char* reserve(std::size_t n) {
    if (left_ < n) {
      block_size_ = std::max(n, std::min<std::size_t>(kMaxBlock, block_size_ == 0 ? kFirstBlock : 2 * block_size_));
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
      block_bytes_ += block_size_;
      free_ = blocks_.back().get();
      left_ = block_size_;
    }
    char* at = free_;
    free_ += n;
    left_ -= n;
    return at;
  }

  // The id of head+tail, whose hash and power are given.
  std::uint32_t find_or_add(std::uint64_t hash, std::uint64_t power, std::string_view head, std::string_view tail) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = spread(hash) & mask;
    for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
      const Entry& e = entries_[slots_[slot] - 1];
      if (e.hash == hash && equals(e, head, tail)) return slots_[slot] - 1;
    }
    char* at = reserve(head.size() + tail.size());
    if (!head.empty()) std::memcpy(at, head.data(), head.size());
    if (!tail.empty()) std::memcpy(at + head.size(), tail.data(), tail.size());
    const auto id = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back({at, head.size() + tail.size(), hash, power});
    slots_[slot] = id + 1;
    if (entries_.size() * 2 > slots_.size()) grow();
    return id;
  }

  void grow() {
    std::vector<std::uint32_t> slots(slots_.size() * 2, 0);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t id = 0; id < entries_.size(); ++id) {
      std::size_t slot = spread(entries_[id].hash) & mask;
      while (slots[slot] != 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    slots_.swap(slots);
  }

  void grow_pairs() {
    std::vector<Pair> pairs(pairs_.size() * 2, Pair{0, 0});
    const std::size_t mask = pairs.size() - 1;
    for (const Pair& p : pairs_) {
      if (p.key == 0) continue;
      std::size_t slot = spread(p.key) & mask;
      while (pairs[slot].key != 0) slot = (slot + 1) & mask;
      pairs[slot] = p;
    }
    pairs_.swap(pairs);
  }

  static constexpr std::size_t kFirstBlock = 4096, kMaxBlock = 4 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_size_ = 0, block_bytes_ = 0, left_ = 0;
  char* free_ = nullptr;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  // 0 = empty, else id + 1
  std::vector<Pair> pairs_;
  std::size_t pair_count_ = 0;
};

}  // namespace replicheck::properties::detail
