// A region's copy of the table. Local writes are applied at once (acknowledged
// once durable in the region) and appended to the region's stream. A
// replicated write is applied only if it is newer (last writer wins); a stale
// one is dropped and leaves no stream record (seed 004, streams).
#pragma once
#include <array>
#include <cstdint>
#include <type_traits>

#include "protocol/lww/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::lww {

struct Item {
  Record version;  // the write the item currently holds
  bool present = false;
};

struct RegionReplicaData {
  std::array<Item, kMaxKeys> items{};
  std::array<Record, kStreamCapacity> stream{};
  std::uint8_t stream_length = 0;
  std::uint8_t stale_dropped = 0;          // replicated writes that lost to a newer version
  std::uint8_t overwrote_local = 0;        // replicated writes that replaced a local write
  Bug bug = Bug::None;                     // configuration, not state
};

struct RegionReplicaDef : RoleDef<RegionReplicaDef>, RegionReplicaData {
  using Data = RegionReplicaData;
  struct Serving : msm::front::state<> {};
  using initial_state = Serving;
  struct Outbox {} outbox;  // sends nothing: replicators read the stream

  static void append(RegionReplicaDef& r, const Record& rec) { r.stream[r.stream_length++] = rec; }

  struct ApplyLocal {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      r.items[e.record.key] = {e.record, true};
      append(r, e.record);
    }
  };
  // Why LWW converges: every region keeps the greatest (timestamp, region),
  // whether the write came from a client here or from a replicator. A local
  // write stamped older than the item (a clock behind the one that stamped
  // it) is acknowledged and lost at once: it leaves no stream record.
  struct Newer {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) {
      const Item& cur = r.items[e.record.key];
      if (!cur.present) return true;
      if constexpr (std::is_same_v<E, ApplyReplicated>) {
        if (r.bug == Bug::ApplyWithoutCompare) return true;
        if (r.bug == Bug::NoTiebreak && e.record.ts == cur.version.ts) return true;  // arrival order
      }
      return e.record.newer_than(cur.version);
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
      if (cur.present && cur.version.origin != e.record.origin) ++r.overwrote_local;
      cur = {e.record, true};
      append(r, e.record);
    }
  };
  struct Drop {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& r, S&, T&) { ++r.stale_dropped; }
  };

  // The model offers a write only while the stream has room (its bound).
  struct transition_table
      : rows<Row<Serving, LocalWrite, Serving, ApplyLocal, Newer>,
             Row<Serving, LocalWrite, Serving, none, Stale>,
             Row<Serving, ApplyReplicated, Serving, ApplyRemote, Newer>,
             Row<Serving, ApplyReplicated, Serving, Drop, Stale>> {};
};

using RegionReplica = Role<RegionReplicaDef>;

}  // namespace replicheck::protocol::lww
