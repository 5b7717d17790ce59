// Exhaustive breadth-first search, level by level, on any Model.
//
// Why this shape:
// - The fingerprint space is cut into 8 partitions, each with its own
//   fingerprint set and trace log. A level is processed in windows of
//   frontier chunks: phase 1 expands the chunks in parallel (any worker, any
//   chunk); phase 2 inserts the successors, each partition by one worker, in
//   the chunks' order. No locks, and the result (which state is found first,
//   so which trace is reported) is the same for any number of workers.
// - The frontier holds canonical encodings, not states; a state is decoded
//   once, when it is expanded. It is read in the order states were
//   generated (see Partition), not partition by partition.
// - A violation found while expanding level d is reported with the earliest
//   state of that level in frontier order: a shortest trace, deterministic.
// - With a model symmetry (symmetry.hpp) every state is canonicalized before
//   it is fingerprinted, so the store and the frontier hold representatives;
//   settle() turns a path of representatives back into a concrete one.
// - With sleep sets (sleep_sets.hpp) each frontier and successor record
//   carries its state's sleep set after the encoding, and a state reached
//   again in the level it was added sleeps on the intersection.
#pragma once
#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <memory>
#include <boost/container/static_vector.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "explorer/search/byte_arena.hpp"
#include "explorer/search/fingerprint_set.hpp"
#include "explorer/search/model.hpp"
#include "explorer/search/persistent_sets.hpp"
#include "explorer/search/property_book.hpp"
#include "explorer/search/run_control.hpp"
#include "explorer/search/sleep_sets.hpp"
#include "explorer/search/symmetry.hpp"
#include "explorer/search/trace_log.hpp"
#include "explorer/search/worker_pool.hpp"

namespace replicheck {

template <Model M>
class Bfs {
 public:
  Bfs(const M& model, const SearchOptions& opt) : model_(model), opt_(opt), book_(model) {}

  Result run();

 private:
  using State = typename M::State;
  using Action = typename M::Action;
  using Sleep = SleepSetFor<M>;
  static constexpr unsigned kPartitionBits = 3;
  static constexpr unsigned kPartitions = 1u << kPartitionBits;
  static constexpr unsigned kLocalBits = 37;  // ids: partition << 37 | index in its log
  static constexpr std::size_t kChunkStates = 256;
  static constexpr std::size_t kChunksPerWorker = 32;
  static constexpr std::size_t kFilterSlots = 4096;
  // Frontier record: [5-byte id][length: 1 byte, or 2 if >= 128][encoding]
  // (the frontier is the largest thing in memory after the fingerprint set).
  // Successor record: [u64 fingerprint][u64 parent id][u16 action][u16 length][encoding].
  // Both end in a sleep set (SleepSetFor<M>) when sleep sets are in use.
  static constexpr std::size_t kIdBytes = 5, kSuccessorHead = 20;
  static_assert(kPartitionBits + kLocalBits <= 8 * kIdBytes);
  static std::size_t frontier_record_size(std::size_t len) { return kIdBytes + (len < 128 ? 1 : 2) + len; }
  static std::uint8_t* put_frontier_head(std::uint8_t* q, std::uint64_t id, std::size_t len) {
    std::memcpy(q, &id, kIdBytes);
    q += kIdBytes;
    if (len < 128) {
      *q++ = std::uint8_t(len);
    } else {
      *q++ = std::uint8_t(0x80 | (len & 0x7f));
      *q++ = std::uint8_t(len >> 7);
    }
    return q;
  }
  static void put_successor(std::uint8_t* q, std::uint64_t fp, std::uint64_t parent, std::size_t action,
                            const ByteWriter& w) {
    std::uint16_t index = std::uint16_t(action), length = std::uint16_t(w.size());
    std::memcpy(q, &fp, 8);
    std::memcpy(q + 8, &parent, 8);
    std::memcpy(q + 16, &index, 2);
    std::memcpy(q + 18, &length, 2);
    copy_bytes(q + kSuccessorHead, w.data(), w.size());
  }
  // Returns the encoding's start; sets id and len.
  static const std::uint8_t* get_frontier_head(const std::uint8_t* p, std::uint64_t& id, std::size_t& len) {
    id = 0;
    std::memcpy(&id, p, kIdBytes);
    p += kIdBytes;
    len = *p++;
    if (len & 0x80) len = (len & 0x7f) | std::size_t(*p++) << 7;
    return p;
  }

  // A level's frontier, in each partition, is cut into segments: segment k
  // holds the states that chunk k of the level before added there. The level
  // is read segment k of every partition, then segment k + 1: the order in
  // which states were generated, so neighbours in the frontier are siblings
  // and cousins and share successors (the chunk filter in expand drops them).
  struct Cut {
    std::size_t end;
    std::uint64_t stored;
  };
  struct Partition {
    FingerprintSet seen;
    TraceLog log;
    ByteArena current, next;
    // Each segment's end: its offset, and the states stored by then (so a
    // level is cut into chunks without reading it); a level's first state
    // is the first_stored'th.
    std::vector<Cut> current_cuts, next_cuts;
    std::uint64_t current_first_stored = 0, next_first_stored = 0;
    SleepArrivals<Sleep> arrivals;  // states reached again while `next` is built
  };
  struct Cell {
    const std::uint8_t* begin;
    const std::uint8_t* end;
  };
  struct Chunk {
    std::size_t first_cell, end_cell;  // in cells_
  };
  struct Finding {
    std::size_t property;
    std::uint64_t id;
  };
  struct ChunkOutput {
    std::array<ByteArena, kPartitions> successors;
    std::vector<Finding> findings;  // in frontier order
    std::uint64_t generated = 0;
    bool cut_by_depth = false;  // a state at the depth bound had unseen successors
  };
  // Each state starts a cache line: a model copies `current` into
  // `successor` for every transition taken, right after decoding wrote it
  // field by field, and a copy whose loads straddle a line cannot take the
  // just-stored bytes from the store buffer. Measured: unaligned, two-phase
  // rm=9 ran 5-10% slower or not depending on where the heap put Scratch.
  struct Scratch {
    alignas(64) State current;
    alignas(64) State successor;
    boost::container::static_vector<Action, M::kMaxActions> actions;
    std::array<std::uint8_t, kMaxEncoding> buffer;
    // Fingerprints recently generated by this chunk (direct-mapped): a hit is
    // a duplicate of an earlier successor of the same chunk, which reaches
    // the fingerprint set first anyway, so dropping it changes no result.
    // Siblings' successors overlap: two-phase rm=9 drops 35% of them here.
    // With sleep sets the first one then sleeps on what both agree on:
    // filter_at is where its sleep set is in its partition's successors.
    std::array<std::uint64_t, kFilterSlots> filter;
    std::array<std::uint64_t, kFilterSlots> filter_at;  // output index << 32 | offset
    SleepExpansion<M> sleep;
    typename Sleep::Pending passed;  // the sleep set a taken transition passes on
    std::uint64_t window;            // the window (from 1) whose outputs filter_at points into
  };

  void insert_initial_states();
  void split_level(std::vector<Chunk>& chunks);
  // Por: sleep sets in use, as a template parameter so that the search
  // without them pays nothing in its two hot loops.
  template <bool Por>
  void expand(const Chunk& chunk, std::size_t output, std::uint64_t window, Scratch& scratch, bool expand_successors);
  template <bool Por>
  void insert(unsigned partition, std::size_t window_chunks);
  void resolve_arrivals(unsigned partition);
  void settle(std::size_t property, std::uint64_t id);
  template <bool Por>
  static std::size_t successor_size(const std::uint8_t* p) {
    std::size_t n = kSuccessorHead + read_u16(p + 18);
    return Por ? n + Sleep::bytes_at(p + n) : n;
  }
  bool frontier_on_disk() const {
    return std::any_of(parts_.begin(), parts_.end(), [](const Partition& p) { return p.next.on_disk(); });
  }
  std::uint64_t distinct() const;
  std::uint64_t store_bytes() const;
  std::string status(const Stopwatch& clock) const;

  // Key within a partition: the partition is the fingerprint's top bits, and
  // the set places keys by their top bits too, so rotate those away.
  static std::uint64_t key(std::uint64_t fp) { return fp << kPartitionBits | fp >> (64 - kPartitionBits); }
  static std::uint64_t read_u64(const std::uint8_t* p) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
  }
  static std::uint16_t read_u16(const std::uint8_t* p) {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
  }

  const M& model_;
  SearchOptions opt_;
  std::string symmetry_;  // what is reduced by, "" for nothing
  bool por_ = false;      // sleep sets in use
  bool alone_ = false;    // persistent sets in use
  PropertyBook<M> book_;
  std::array<Partition, kPartitions> parts_;
  std::vector<ChunkOutput> outputs_;
  std::vector<Scratch> scratch_;
  std::vector<Cell> cells_;  // the level being expanded, in frontier order
  std::uint64_t budget_ = 0;
  std::atomic<bool> table_full_{false};
  std::atomic<std::uint64_t> progress_states_{0}, progress_queue_{0}, progress_depth_{0};
};

template <Model M>
Result Bfs<M>::run() {
  Stopwatch clock;
  InterruptGuard interrupt_guard;
  budget_ = memory_budget(opt_.max_memory);
  for (auto& p : parts_)
    for (ByteArena* a : {&p.current, &p.next}) a->spill_past(opt_.frontier_spill_bytes);
  WorkerPool pool(opt_.workers);
  State prototype = model_.initial_states().at(0);
  scratch_.assign(pool.size(), Scratch{prototype, prototype, {}, {}, {}, {}, {}, {}, 0});
  outputs_.resize(std::size_t(pool.size()) * kChunksPerWorker);
  ProgressLine progress(opt_.progress, [&] { return status(clock); });

  Result result;
  Stats& stats = result.stats;
  symmetry_ = result.symmetry = symmetry_in_use(model_, opt_);
  result.partial_order = partial_order_in_use(model_, opt_, symmetry_);
  por_ = !result.partial_order.empty();
  alone_ = opt_.persistent_sets && !por_ && !persistent_sets_offered(model_).empty();
  if (alone_) result.partial_order = std::string(kPersistentSets), result.shortest = false;
  insert_initial_states();
  std::uint64_t depth = 0;
  std::vector<Chunk> chunks;
  std::uint64_t windows = 0;
  while (result.incomplete_reason.empty()) {
    for (auto& p : parts_) {
      p.current.swap(p.next);
      p.next.clear();
      p.current_cuts.swap(p.next_cuts);
      p.next_cuts.clear();
      p.current_first_stored = p.next_first_stored;
      p.next_first_stored = p.seen.size();
      p.arrivals.clear();
    }
    split_level(chunks);
    if (chunks.empty()) break;
    stats.max_depth = depth;
    progress_depth_ = depth;
    bool expand_successors = depth < opt_.max_depth;
    for (std::size_t first = 0; first < chunks.size() && result.incomplete_reason.empty();
         first += outputs_.size()) {
      std::size_t n = std::min(outputs_.size(), chunks.size() - first);
      std::atomic<std::size_t> next_chunk{0};
      ++windows;
      pool.run([&](unsigned w) {
        for (std::size_t c; (c = next_chunk++) < n;)
          por_ ? expand<true>(chunks[first + c], c, windows, scratch_[w], expand_successors)
               : expand<false>(chunks[first + c], c, windows, scratch_[w], expand_successors);
      });
      for (std::size_t c = 0; c < n; ++c) {
        for (const Finding& f : outputs_[c].findings)
          if (!book_.settled(f.property)) settle(f.property, f.id);
        stats.generated_states += outputs_[c].generated;
        if (outputs_[c].cut_by_depth) result.incomplete_reason = "max-depth";
      }
      std::atomic<unsigned> next_partition{0};
      pool.run([&](unsigned) {
        for (unsigned p; (p = next_partition++) < kPartitions;) por_ ? insert<true>(p, n) : insert<false>(p, n);
      });
      std::uint64_t seen = distinct();
      progress_states_ = seen;
      if (InterruptGuard::interrupted()) result.incomplete_reason = "interrupted";
      else if (table_full_ || anonymous_rss_bytes() > budget_) result.incomplete_reason = "max-memory";
      else if (frontier_on_disk() && temp_dir_free_bytes() < opt_.min_free_disk) result.incomplete_reason = "max-disk";
      else if (seen >= opt_.max_states) result.incomplete_reason = "max-states";
      else if (opt_.max_seconds > 0 && clock.seconds() >= opt_.max_seconds)
        result.incomplete_reason = "max-seconds";
    }
    // With sleep sets: states reached again in the level they were added
    // sleep on what all their arrivals agree on, before they are expanded.
    if (por_ && result.incomplete_reason.empty()) {
      std::atomic<unsigned> next_partition{0};
      pool.run([&](unsigned) {
        for (unsigned p; (p = next_partition++) < kPartitions;) resolve_arrivals(p);
      });
    }
    ++depth;
  }
  finish_stats(stats, distinct(), store_bytes(), clock.seconds());
  book_.finish(model_, result.incomplete_reason.empty(), result);
  if (result.verdict == Verdict::Incomplete && result.incomplete_reason.empty())
    result.incomplete_reason = "unknown";
  return result;
}

template <Model M>
void Bfs<M>::insert_initial_states() {
  auto inits = model_.initial_states();
  for (std::size_t i = 0; i < inits.size(); ++i) {
    auto& buf = scratch_[0].buffer;
    if (!symmetry_.empty()) canonicalize(model_, inits[i]);
    ByteWriter w(buf.data(), buf.size());
    model_.encode(inits[i], w);
    std::uint64_t fp = XXH3_64bits(w.data(), w.size());
    Partition& part = parts_[fp >> (64 - kPartitionBits)];
    if (part.seen.insert(key(fp), [](std::size_t) { return true; }) != FingerprintSet::Insert::Added)
      continue;
    std::uint64_t id = std::uint64_t(fp >> (64 - kPartitionBits)) << kLocalBits |
                       part.log.append(TraceLog::kRoot, std::uint16_t(i));
    std::uint16_t len = std::uint16_t(w.size());
    std::uint8_t* q = part.next.append(frontier_record_size(len) + (por_ ? Sleep::kEmptyBytes : 0));
    q = put_frontier_head(q, id, len);
    copy_bytes(q, w.data(), len);
    if (por_) Sleep::write_empty(q + len);
  }
  for (auto& part : parts_) part.next_cuts.push_back({part.next.size(), part.seen.size()});
}

template <Model M>
void Bfs<M>::split_level(std::vector<Chunk>& chunks) {
  chunks.clear();
  cells_.clear();
  std::uint64_t position = 0, in_chunk = 0;
  std::size_t segments = parts_[0].current_cuts.size();
  for (std::size_t k = 0; k < segments; ++k) {
    for (const Partition& part : parts_) {
      const Cut& cut = part.current_cuts[k];
      const Cut before = k ? part.current_cuts[k - 1] : Cut{0, part.current_first_stored};
      if (cut.end == before.end) continue;
      cells_.push_back({part.current.data() + before.end, part.current.data() + cut.end});
      in_chunk += cut.stored - before.stored;
      position += cut.stored - before.stored;
      if (in_chunk >= kChunkStates) {
        chunks.push_back({chunks.empty() ? 0 : chunks.back().end_cell, cells_.size()});
        in_chunk = 0;
      }
    }
  }
  if (in_chunk) chunks.push_back({chunks.empty() ? 0 : chunks.back().end_cell, cells_.size()});
  progress_queue_ = position;
}

template <Model M>
template <bool Por>
void Bfs<M>::expand(const Chunk& chunk, std::size_t output, std::uint64_t window, Scratch& s,
                    bool expand_successors) {
  ChunkOutput& out = outputs_[output];
  for (auto& v : out.successors) v.clear();
  out.findings.clear();
  out.generated = 0;
  out.cut_by_depth = false;
  const bool reduce = !symmetry_.empty();
  if (Por && s.window != window) s.filter.fill(0);
  s.window = window;
  for (std::size_t cell = chunk.first_cell; cell < chunk.end_cell; ++cell)
  for (const std::uint8_t* p = cells_[cell].begin; p < cells_[cell].end;) {
    std::uint64_t id;
    std::size_t len;
    const std::uint8_t* encoding = get_frontier_head(p, id, len);
    ByteReader r(encoding, len);
    model_.decode(r, s.current);
    p = encoding + len;

    bool any_enabled = false;
    // The successor of candidate i, just computed: encoded, fingerprinted
    // and appended to its partition's successors.
    auto emit = [&](std::size_t i) {
      if (reduce) canonicalize(model_, s.successor);
      ByteWriter w(s.buffer.data(), s.buffer.size());
      model_.encode(s.successor, w);
      std::uint64_t fp = XXH3_64bits(w.data(), w.size());
      unsigned part = unsigned(fp >> (64 - kPartitionBits));
      if (!expand_successors) {
        if (!parts_[part].seen.contains(key(fp))) out.cut_by_depth = true;
        return;
      }
      ++out.generated;
      std::uint64_t& recent = s.filter[fp % kFilterSlots];
      if constexpr (!Por) {
        // Written, then taken back if a repeat: a third of successors are
        // repeats, at random, and a branch on it mispredicts.
        bool repeat = recent == fp && fp != 0;
        recent = fp;
        std::size_t size = kSuccessorHead + w.size();
        put_successor(out.successors[part].append(size), fp, id, i, w);
        out.successors[part].take_back(repeat ? size : 0);
      } else {
        std::uint64_t& at = s.filter_at[fp % kFilterSlots];
        if (recent == fp && fp != 0) {
          Sleep::intersect(outputs_[at >> 32].successors[part].mutable_data() + std::uint32_t(at), s.passed);
          return;
        }
        recent = fp;
        ByteArena& to = out.successors[part];
        std::uint8_t* q = to.append(kSuccessorHead + w.size() + Sleep::bytes(s.passed));
        put_successor(q, fp, id, i, w);
        q += kSuccessorHead + w.size();
        at = std::uint64_t(output) << 32 | std::uint32_t(q - to.data());
        Sleep::write(q, s.passed);
      }
    };
    if constexpr (Por && HasKeyedCandidates<M>) {
      // Only the awake keys; a candidate's index is its rank among the keys.
      const std::uint64_t candidates = model_.candidate_keys(s.current);
      std::uint64_t awake = s.sleep.start_keyed(model_, candidates, p);
      p += Sleep::bytes_at(p);
      any_enabled = s.sleep.any_asleep();  // an action asleep here is enabled
      for (; awake; awake &= awake - 1) {
        const auto k = std::uint16_t(__builtin_ctzll(awake));
        if (!model_.next(s.current, model_.action_for_key(k), s.successor)) continue;
        any_enabled = true;
        s.sleep.take_key(k, s.passed);
        emit(std::size_t(__builtin_popcountll(candidates & ((std::uint64_t{1} << k) - 1))));
      }
    } else {
      s.actions.clear();
      model_.actions(s.current, [&s](const Action& a) { s.actions.push_back(a); });
      if constexpr (Por) {
        if constexpr (HasFootprints<M>) s.sleep.start(model_, s.current, s.actions.data(), s.actions.size(), p);
        p += Sleep::bytes_at(p);
        // An action asleep here is enabled: another path takes it.
        any_enabled = s.sleep.any_asleep();
      }
      const std::size_t only =
          alone_ ? alone_action(model_, s.current, s.actions.data(), s.actions.size(), s.successor) : kNotAlone;
      for (std::size_t i = 0; i < s.actions.size(); ++i) {
        if (Por && s.sleep.asleep(i)) continue;
        if (only != kNotAlone && i != only) continue;
        if (!model_.next(s.current, s.actions[i], s.successor)) continue;
        any_enabled = true;
        if constexpr (HasFootprints<M>)
          if constexpr (Por) s.sleep.take(model_, s.current, s.actions[i], s.passed);
        emit(i);
      }
    }
    bool quiescent = !any_enabled || model_.quiescent(s.current);
    book_.check(s.current, quiescent, [&](std::size_t prop) { out.findings.push_back({prop, id}); });
  }
}

template <Model M>
template <bool Por>
void Bfs<M>::insert(unsigned partition, std::size_t window_chunks) {
  Partition& part = parts_[partition];
  auto may_grow = [this](std::size_t extra) { return anonymous_rss_bytes() + extra <= budget_; };
  // Prefetch the fingerprint slot a few records ahead: the table is far
  // larger than the caches and this lookup is the search's main cost. The
  // cursor ahead runs on into the next chunks' records, so that the misses
  // stay overlapped across chunks (with sleep sets a chunk leaves a
  // partition only ~40 records).
  std::size_t ahead_chunk = 0;
  const std::uint8_t *ahead = nullptr, *ahead_end = nullptr;
  auto prefetch_next = [&] {
    while (ahead == ahead_end) {
      if (ahead_chunk == window_chunks) return;
      const auto& a = outputs_[ahead_chunk++].successors[partition];
      ahead = a.data(), ahead_end = a.data() + a.size();
    }
    part.seen.prefetch(key(read_u64(ahead)));
    ahead += successor_size<Por>(ahead);
  };
  for (int k = 0; k < 24; ++k) prefetch_next();
  for (std::size_t c = 0; c < window_chunks; ++c) {
    const auto& in = outputs_[c].successors[partition];
    const std::uint8_t* end = in.data() + in.size();
    for (const std::uint8_t* p = in.data(); p < end;) {
      prefetch_next();
      std::uint64_t fp = read_u64(p);
      std::uint16_t len = read_u16(p + 18);
      const std::uint8_t* sleep = p + kSuccessorHead + len;
      auto outcome = part.seen.insert(key(fp), may_grow);
      if (outcome == FingerprintSet::Insert::Added) {
        std::uint64_t id = std::uint64_t(partition) << kLocalBits |
                           part.log.append(read_u64(p + 8), read_u16(p + 16));
        std::uint8_t* q = part.next.append(frontier_record_size(len) + (Por ? Sleep::bytes_at(sleep) : 0));
        q = put_frontier_head(q, id, len);
        copy_bytes(q, p + kSuccessorHead, len);
        if constexpr (Por) copy_bytes(q + len, sleep, Sleep::bytes_at(sleep));
      } else if (outcome == FingerprintSet::Insert::Present && Por) {
        // Reached again: if it was added in this level, it will sleep only
        // on what both ways agree on (resolve_arrivals, when the level ends).
        part.arrivals.add(fp, sleep);
      } else if (outcome == FingerprintSet::Insert::Full) {
        table_full_ = true;
      }
      p += successor_size<Por>(p);
    }
    part.next_cuts.push_back({part.next.size(), part.seen.size()});
  }
}

// One pass over the partition's new records: each one with a sleep set
// that arrivals of its state came to in this level sleeps on their
// intersection. Its fingerprint is its encoding's, as in expand().
template <Model M>
void Bfs<M>::resolve_arrivals(unsigned partition) {
  Partition& part = parts_[partition];
  if (part.arrivals.empty()) return;
  part.arrivals.build();
  std::uint8_t* base = part.next.mutable_data();
  for (const std::uint8_t* p = part.next.data(), *end = p + part.next.size(); p < end;) {
    std::uint64_t id;
    std::size_t len;
    const std::uint8_t* encoding = get_frontier_head(p, id, len);
    std::uint8_t* sleep = base + (encoding + len - part.next.data());
    if (!Sleep::empty_at(sleep))
      if (const std::uint8_t* agreed = part.arrivals.find(XXH3_64bits(encoding, len))) Sleep::intersect(sleep, agreed);
    p = sleep + Sleep::bytes_at(sleep);
  }
  part.arrivals.clear();
}

template <Model M>
void Bfs<M>::settle(std::size_t property, std::uint64_t id) {
  Path path;
  for (;;) {
    auto entry = parts_[id >> kLocalBits].log.get(id & ((std::uint64_t{1} << kLocalBits) - 1));
    if (entry.parent == TraceLog::kRoot) {
      path.initial = entry.action;
      break;
    }
    path.actions.push_back(entry.action);
    id = entry.parent;
  }
  std::reverse(path.actions.begin(), path.actions.end());
  if (!symmetry_.empty()) path = concretize(model_, path);
  book_.settle(property, std::move(path));
}

template <Model M>
std::uint64_t Bfs<M>::distinct() const {
  std::uint64_t n = 0;
  for (const auto& p : parts_) n += p.seen.size();
  return n;
}

template <Model M>
std::uint64_t Bfs<M>::store_bytes() const {
  std::uint64_t n = 0;
  for (const auto& p : parts_) n += p.seen.bytes() + p.log.memory_bytes() + p.arrivals.bytes();
  return n;
}

template <Model M>
std::string Bfs<M>::status(const Stopwatch& clock) const {
  return progress_text(progress_states_, progress_depth_, clock.seconds(),
                       "queue " + grouped(progress_queue_.load()) + ", ");
}

}  // namespace replicheck
