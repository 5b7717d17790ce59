// A region's copy of the table. Local writes are applied at once (acknowledged
// once durable in the region) and appended to the region's stream. A
// replicated write is applied only if it is newer (last writer wins); a stale
// one is dropped and leaves no stream record (seed 004, streams).
#pragma once
#include <array>
#include <cstdint>

#include "protocol/lww/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::lww {

struct RegionReplicaData {
  std::array<Item, kMaxKeys> items{};
  std::array<Record, kStreamCapacity> stream{};
  std::uint8_t stream_length = 0;
  std::uint8_t stale_dropped = 0;          // 1 once a replicated write lost to another region's
  std::uint8_t overwrote_local = 0;        // 1 once a replicated write replaced a local write
  Bug bug = Bug::None;                     // configuration, not state
};

struct RegionReplicaDef : RoleDef<RegionReplicaDef>, RegionReplicaData {
  using Data = RegionReplicaData;
  struct Serving : msm::front::state<> {};
  using initial_state = Serving;
  // Replicators read the stream, so a replica sends nothing; it tells the
  // client what its write became.
  struct Outbox {
    std::uint8_t value = 0;  // an increment's result
  } outbox;

  static void append(RegionReplicaDef& r, const Record& rec) { r.stream[r.stream_length++] = rec; }
  // Why LWW converges: every region keeps the greatest (timestamp, region),
  // whether the write came from a client here or from a replicator.
  static bool newer(const RegionReplicaDef& r, const Record& rec) {
    const Item& cur = r.items[rec.key];
    return !cur.present || rec.newer_than(cur.version);
  }
  // A local write stamped older than the item (a clock behind the one that
  // stamped it) is acknowledged and lost at once: it leaves no stream record.
  static void apply_local(RegionReplicaDef& r, const Record& rec) {
    if (!newer(r, rec)) return;
    r.items[rec.key] = {rec, true};
    append(r, rec);
  }

  // A transaction is atomic here: one stamp, every item in one step.
  struct ApplyLocal {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      for (int i = 0; i < e.count; ++i) apply_local(r, e.records[i]);
    }
  };
  struct ConditionHolds {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) {
      if (!e.conditional) return true;
      for (int i = 0; i < e.count; ++i) {
        const Item& cur = r.items[e.records[i].key];
        const Item& x = e.expected[i];
        if (cur.present != x.present) return false;
        if (cur.present && (cur.version.ts != x.version.ts || cur.version.origin != x.version.origin)) return false;
      }
      return true;
    }
  };
  struct ReadModifyWrite {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      const Item& cur = r.items[e.stamp.key];
      Record rec = e.stamp;
      rec.value = std::uint8_t(cur.present ? cur.version.value + 1 : 1);
      r.outbox.value = rec.value;
      apply_local(r, rec);
    }
  };

  struct Newer {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) {
      const Item& cur = r.items[e.record.key];
      if (cur.present && r.bug == Bug::ApplyWithoutCompare) return true;
      if (cur.present && r.bug == Bug::NoTiebreak && e.record.ts == cur.version.ts) return true;  // arrival order
      return newer(r, e.record);
    }
  };
  struct Stale {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S& s, T& t) { return !Newer{}(e, r, s, t); }
  };
  struct ApplyRemote {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      Item& cur = r.items[e.record.key];
      if (cur.present && cur.version.origin != e.record.origin) r.overwrote_local = 1;
      cur = {e.record, true};
      append(r, e.record);
    }
  };
  // A write shipped again after a replicator restart is dropped too (LWW
  // makes applying idempotent), but only a write that lost to one from
  // another region is a conflict.
  struct Drop {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      const Record& cur = r.items[e.record.key].version;
      if (cur.newer_than(e.record) && cur.origin != e.record.origin) r.stale_dropped = 1;
    }
  };

  // The model offers a write only while the stream has room (its bound).
  // A refused conditional write takes no transition: the client sees it fail.
  struct transition_table
      : rows<Row<Serving, LocalWrite, Serving, ApplyLocal, ConditionHolds>,
             Row<Serving, LocalIncrement, Serving, ReadModifyWrite>,
             Row<Serving, ApplyReplicated, Serving, ApplyRemote, Newer>,
             Row<Serving, ApplyReplicated, Serving, Drop, Stale>> {};
};

using RegionReplica = Role<RegionReplicaDef>;

// Reads change nothing, so they are queries, not events. A strongly
// consistent read sees every write applied in the region (and nothing from
// elsewhere that has not arrived: seed 004). An eventually consistent read is
// served by one of the region's storage replicas, which may not have applied
// the region's newest `lag` stream records yet.
inline Item read_item(const RegionReplicaData& r, int key, int lag) {
  if (lag == 0) return r.items[key];
  Item out{};
  for (int i = 0; i < r.stream_length - lag; ++i)
    if (r.stream[i].key == key) out = {r.stream[i], true};
  return out;
}

}  // namespace replicheck::protocol::lww
