// Partial-order reduction by sleep sets (Godefroid), in breadth-first search.
//
// A model that declares footprints (models/footprint.hpp) lets the search
// skip a transition whose successor another path of the same length already
// reaches: after taking t and then u from s, taking u and then t reaches
// the same state when t and u are independent, so the state reached by u
// keeps t asleep and does not take it again.
//
// Why sleep sets, and why they keep every property:
// - Sleep sets prune transitions, never states: every reachable state is
//   still visited, at its true BFS depth (argument in docs/ARCHITECTURE.md,
//   "Partial-order reduction"). So every kind of property (always, history,
//   at_quiescence, sometimes) is checked on exactly the same states, traces
//   stay shortest, and the distinct-state count equals the unreduced one,
//   which the tests assert. Persistent or stubborn sets would also prune
//   states, but only with actions invisible to the properties, and nearly
//   every action here changes something some property reads.
// - BFS merges paths: a state reached at its level by several transitions
//   sleeps only on what all of them agree on (the intersection): arrivals
//   within a chunk meet in its filter, the others in SleepArrivals below,
//   applied when the level ends, before any of it is expanded. Arrivals at
//   a state of an earlier level are not needed.
// - What it buys is time: fewer successors are generated, encoded, hashed
//   and looked up. It does not shrink the store.
// - Not combined with symmetry: a sleep set names actions of a concrete
//   successor, and the stored representative renames them.
#pragma once
#include <algorithm>
#include <array>
#include <concepts>
#include <type_traits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>


#include "explorer/search/byte_arena.hpp"
#include "explorer/search/fingerprint_set.hpp"
#include "explorer/search/model.hpp"
#include "explorer/search/result.hpp"
#include "models/footprint.hpp"

namespace replicheck {

// footprint(s, a): what action a, enabled in s, reads and writes.
// action_key(a): names the action across states (equal keys, same action).
template <class M>
concept HasFootprints = requires(const M& m, const typename M::State& s, const typename M::Action& a) {
  { m.footprint(s, a) } -> std::same_as<Footprint>;
  { m.action_key(a) } -> std::same_as<std::uint16_t>;
};

inline constexpr std::string_view kSleepSets = "sleep sets";

// What --partial-order on offers for this model: "sleep sets" or "".
template <Model M>
std::string partial_order_offered(const M&) {
  if constexpr (HasFootprints<M>) return std::string(kSleepSets);
  return "";
}

// What partial-order reduction a search uses: sleep sets when the model
// declares footprints, the options allow it and no symmetry is in use.
template <Model M>
std::string partial_order_in_use(const M&, const SearchOptions& opt, const std::string& symmetry) {
  if constexpr (HasFootprints<M>) {
    if (opt.partial_order && opt.strategy == SearchOptions::Strategy::Bfs && symmetry.empty())
      return std::string(kSleepSets);
  }
  return "";
}

// A sleep set as stored with a frontier or successor state, in one of two
// layouts with the same static interface; `Pending` is a successor's set
// while it is being computed.
//
// SleepList, for any model: [count u8][capacity u8][keys u16 x capacity].
// Intersection lowers the count in place; the capacity keeps the record's
// length.
struct SleepList {
  static constexpr std::size_t kMaxKeys = 255;
  struct Pending {
    std::array<std::uint16_t, kMaxKeys> keys;
    std::size_t n = 0;
  };
  static void clear(Pending& p) { p.n = 0; }
  static void add(Pending& p, std::uint16_t key) {
    if (p.n < kMaxKeys) p.keys[p.n++] = key;  // dropping one only wakes it: safe
  }
  static std::size_t bytes(const Pending& p) { return 2 + 2 * p.n; }
  static constexpr std::size_t kEmptyBytes = 2;
  static std::size_t bytes_at(const std::uint8_t* p) { return 2 + 2 * std::size_t(p[1]); }
  static bool empty_at(const std::uint8_t* p) { return p[0] == 0; }
  static void write(std::uint8_t* p, const Pending& keys) {
    p[0] = p[1] = std::uint8_t(keys.n);
    if (keys.n) copy_bytes(p + 2, reinterpret_cast<const std::uint8_t*>(keys.keys.data()), 2 * keys.n);
  }
  static void write_empty(std::uint8_t* p) { p[0] = p[1] = 0; }
  static bool has(const std::uint8_t* p, std::uint16_t key) {
    for (std::size_t i = 0; i < p[0]; ++i)
      if (key_at(p, i) == key) return true;
    return false;
  }
  // Keeps only the keys also in `keys`.
  static void intersect(std::uint8_t* p, const Pending& keys) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < p[0]; ++i) {
      std::uint16_t k = key_at(p, i);
      if (std::find(keys.keys.begin(), keys.keys.begin() + keys.n, k) != keys.keys.begin() + keys.n)
        std::memcpy(p + 2 + 2 * kept++, &k, 2);
    }
    p[0] = std::uint8_t(kept);
  }
  // Keeps only the keys also in `other` (a record of the same layout).
  static void intersect(std::uint8_t* p, const std::uint8_t* other) {
    Pending keys;
    keys.n = other[0];
    copy_bytes(reinterpret_cast<std::uint8_t*>(keys.keys.data()), other + 2, 2 * keys.n);
    intersect(p, keys);
  }

 private:
  static std::uint16_t key_at(const std::uint8_t* p, std::size_t i) {
    std::uint16_t k;
    std::memcpy(&k, p + 2 + 2 * i, 2);
    return k;
  }
};

// SleepMask, where every action key is below 64 (a model's kActionKeys):
// one bit a key in a u64. Membership is a bit test and intersection an AND,
// where the list needs a scan and a search per key: on two-phase that was
// most of what sleep sets cost per state.
struct SleepMask {
  using Pending = std::uint64_t;
  static void clear(Pending& p) { p = 0; }
  static void add(Pending& p, std::uint16_t key) { p |= std::uint64_t{1} << key; }
  static std::size_t bytes(const Pending&) { return 8; }
  static constexpr std::size_t kEmptyBytes = 8;
  static std::size_t bytes_at(const std::uint8_t*) { return 8; }
  static bool empty_at(const std::uint8_t* p) { return load(p) == 0; }
  static void write(std::uint8_t* p, const Pending& m) { std::memcpy(p, &m, 8); }
  static void write_empty(std::uint8_t* p) { write(p, 0); }
  static bool has(const std::uint8_t* p, std::uint16_t key) { return load(p) >> key & 1; }
  static void intersect(std::uint8_t* p, const Pending& m) { write(p, load(p) & m); }
  static void intersect(std::uint8_t* p, const std::uint8_t* other) { write(p, load(p) & load(other)); }

 private:
  static std::uint64_t load(const std::uint8_t* p) {
    std::uint64_t m;
    std::memcpy(&m, p, 8);
    return m;
  }
};

// A model whose action keys all lie below kActionKeys <= 64 gets the mask.
template <class M>
concept HasSmallActionKeys = requires { M::kActionKeys; } && (M::kActionKeys <= 64);

// A model whose footprints depend on the action's key alone (and so not on
// the state) says so with key_footprint(key): independence is then a table
// of one bit word a key, built once, and a successor's sleep set one AND.
template <class M>
concept HasKeyFootprints = HasSmallActionKeys<M> && requires(const M& m, std::uint16_t key) {
  { m.key_footprint(key) } -> std::same_as<Footprint>;
};

// A model with key footprints may also give a state's candidates as one
// bit word of their keys (candidate_keys) and an action from its key
// (action_for_key), with actions() listing the candidates in ascending key
// order (so a candidate's index is the number of candidate keys below its
// own). The search then runs through the awake keys only: an asleep
// candidate is never built, and no candidate is looked at one by one to
// find whether it sleeps (on two-phase that was a quarter of expansion).
template <class M>
concept HasKeyedCandidates =
    HasKeyFootprints<M> && requires(const M& m, const typename M::State& s, std::uint16_t key) {
      { m.candidate_keys(s) } -> std::same_as<std::uint64_t>;
      { m.action_for_key(key) } -> std::same_as<typename M::Action>;
    };

template <class M>
using SleepSetFor = std::conditional_t<HasSmallActionKeys<M>, SleepMask, SleepList>;

// The arrivals, in one partition and level, of states already stored: each
// one's fingerprint and the sleep set it passes on, appended as they come
// (no random access while the level is inserted). When the level ends, the
// search scans the level's new records once and intersects each with the
// arrivals of its state (find), so a state reached again in the level it
// was added sleeps only on what all its arrivals agree on; arrivals of
// states from earlier levels find no record and are dropped.
// Why not a map from fingerprint to record, kept as records are added:
// every new state then cost a random access to index it, and only one in
// ten was ever reached again in its level (two-phase rm=9); the arrivals
// are few (0.9 M there, for 10.3 M states) and their table stays in cache.
template <class Set>
class SleepArrivals {
 public:
  bool empty() const { return count_ == 0; }
  void add(std::uint64_t fp, const std::uint8_t* sleep) {
    std::size_t n = Set::bytes_at(sleep);
    std::uint8_t* q = log_.append(8 + n);
    std::memcpy(q, &fp, 8);
    copy_bytes(q + 8, sleep, n);
    ++count_;
  }
  // Makes find() answer: one slot per distinct state, several arrivals of
  // one state intersected into its first.
  void build() {
    std::size_t capacity = 1024;
    while (3 * capacity < 4 * count_) capacity *= 2;
    slots_.assign(capacity, Slot{});
    marks_.assign(capacity / 8, 0);  // 8 bits a slot: over 10 an arrival
    for (std::size_t at = 0; at < log_.size();) {
      const std::uint8_t* q = log_.data() + at;
      std::uint64_t fp = fingerprint(q);
      marks_[mark_word(fp)] |= mark_bit(fp);
      std::size_t i = slot_of(fp);
      if (slots_[i].at) Set::intersect(log_.mutable_data() + slots_[i].at - 1 + 8, q + 8);
      else slots_[i] = {fp, at + 1};
      at += 8 + Set::bytes_at(q + 8);
    }
  }
  // The sleep set all of fp's arrivals agree on, or null if none came.
  const std::uint8_t* find(std::uint64_t fp) const {
    if (!(marks_[mark_word(fp)] & mark_bit(fp))) return nullptr;
    std::size_t i = slot_of(fp);
    return slots_[i].at ? log_.data() + slots_[i].at - 1 + 8 : nullptr;
  }
  void clear() {
    log_.clear();
    count_ = 0;
  }
  std::size_t bytes() const {
    return log_.size() + slots_.capacity() * sizeof(Slot) + marks_.capacity() * sizeof(std::uint64_t);
  }

 private:
  std::uint64_t fingerprint(const std::uint8_t* q) const {
    std::uint64_t fp;
    std::memcpy(&fp, q, 8);
    return fp;
  }
  // fp's slot, or the empty one where it would go (linear probing on the
  // fingerprint's low bits: the partition takes its top bits). Nearly every
  // find is for a state no arrival came to: the slot holds the fingerprint,
  // so such a miss reads slots, not the log: the table can run to 3/4 full
  // in the memory 8-byte slots took at 1/2 (rm=10 with sleep sets: 1,011
  // MiB, 1,028 at 1/2).
  std::size_t slot_of(std::uint64_t fp) const {
    std::size_t mask = slots_.size() - 1, i = std::size_t(fp) & mask;
    while (slots_[i].at && slots_[i].fp != fp) i = (i + 1) & mask;
    return i;
  }
  // A bit an arrival, in a word array small enough to stay in L1 while the
  // level's records stream past: nearly every find is a miss, and most
  // misses end here instead of at a slot (rm=9's arrival slots miss L2).
  // Its bits come from the fingerprint's middle: the slots use the low ones.
  std::size_t mark_word(std::uint64_t fp) const { return std::size_t(fp >> 38) & (marks_.size() - 1); }
  static std::uint64_t mark_bit(std::uint64_t fp) { return std::uint64_t{1} << (fp >> 32 & 63); }
  struct Slot {
    std::uint64_t fp = 0;
    std::uint64_t at = 0;  // 1 + an arrival's offset in log_, or 0: empty
  };
  ByteArena log_;            // [u64 fingerprint][sleep set], as they came
  std::vector<Slot> slots_;
  std::vector<std::uint64_t> marks_;  // capacity/8 words: 64 bits per 8 slots
  std::size_t count_ = 0;
};

// One state's expansion under its sleep set: which candidates sleep, and
// the sleep set each taken transition passes to its successor. Plain arrays
// and bit words: this runs once per state and once per transition taken.
template <Model M>
class SleepExpansion {
 public:
  using Action = typename M::Action;
  using State = typename M::State;
  using Set = SleepSetFor<M>;

  // `record`: the state's sleep set. Marks the candidates it names.
  void start(const M& m, const State& s, const Action* actions, std::size_t n, const std::uint8_t* record) {
    asleep_.fill(0);
    known_ = 0;
    if constexpr (HasKeyFootprints<M>) {
      done_ = 0;
      std::memcpy(&sleeping_, record, 8);
      if (!sleeping_) return;
      if (!independent_[M::kActionKeys]) build_independence(m);
      std::uint64_t offered = 0;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint16_t key = m.action_key(actions[i]);
        offered |= std::uint64_t{1} << key;
        asleep_[i / 64] |= (sleeping_ >> key & 1) << (i % 64);
      }
      sleeping_ &= offered;  // see below: a key no candidate has is woken
      known_ = sleeping_ != 0;
      return;
    }
    if (Set::empty_at(record)) return;
    // A key it names that no candidate has cannot happen with a sound
    // footprint; leaving it out wakes it, which is safe.
    for (std::size_t i = 0; i < n; ++i) {
      std::uint16_t key = m.action_key(actions[i]);
      if (!Set::has(record, key)) continue;
      asleep_[i / 64] |= std::uint64_t{1} << (i % 64);
      known_keys_[known_] = key;
      known_footprints_[known_++] = m.footprint(s, actions[i]);
    }
  }
  // Keyed candidates (HasKeyedCandidates): the state's sleep set among
  // `candidates`; returns the keys awake.
  std::uint64_t start_keyed(const M& m, std::uint64_t candidates, const std::uint8_t* record)
    requires HasKeyedCandidates<M>
  {
    if (!independent_[M::kActionKeys]) build_independence(m);
    std::memcpy(&sleeping_, record, 8);
    sleeping_ &= candidates;
    done_ = 0;
    known_ = sleeping_ != 0;
    return candidates & ~sleeping_;
  }
  // The candidate with this key was taken (key footprints).
  void take_key(std::uint16_t key, typename Set::Pending& successor)
    requires HasKeyFootprints<M>
  {
    successor = (sleeping_ | done_) & independent_[key];
    done_ |= std::uint64_t{1} << key;
  }
  bool asleep(std::size_t i) const { return asleep_[i / 64] >> (i % 64) & 1; }
  bool any_asleep() const { return known_ != 0; }

  // Candidate a was taken: sets its successor's sleep set, then counts a
  // among those taken before the next.
  void take(const M& m, const State& s, const Action& a, typename Set::Pending& successor) {
    if constexpr (HasKeyFootprints<M>) {
      if (!independent_[M::kActionKeys]) build_independence(m);
      take_key(m.action_key(a), successor);
      return;
    }
    Footprint f = m.footprint(s, a);
    Set::clear(successor);
    for (std::size_t k = 0; k < known_; ++k)
      if (known_footprints_[k].independent_of(f)) Set::add(successor, known_keys_[k]);
    known_keys_[known_] = m.action_key(a);
    known_footprints_[known_++] = f;
  }

 private:
  void build_independence(const M& m) {
    if constexpr (HasKeyFootprints<M>) {
      for (std::uint16_t k = 0; k < M::kActionKeys; ++k)
        for (std::uint16_t j = 0; j < M::kActionKeys; ++j)
          if (m.key_footprint(k).independent_of(m.key_footprint(j))) independent_[k] |= std::uint64_t{1} << j;
      independent_[M::kActionKeys] = 1;  // built
    }
  }
  // With key footprints: the candidates asleep, those taken so far, and
  // which keys each key is independent of (the last word: built or not).
  std::uint64_t sleeping_ = 0, done_ = 0;
  static constexpr std::size_t independence_words() {
    if constexpr (HasKeyFootprints<M>) return M::kActionKeys + 1;
    return 1;
  }
  std::array<std::uint64_t, independence_words()> independent_{};
  std::array<std::uint64_t, (M::kMaxActions + 63) / 64> asleep_{};
  std::array<std::uint16_t, M::kMaxActions> known_keys_{};
  std::array<Footprint, M::kMaxActions> known_footprints_{};
  std::size_t known_ = 0;
};

}  // namespace replicheck
