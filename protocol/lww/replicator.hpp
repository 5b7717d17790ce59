// A replicator: one per ordered pair of regions, its own failure domain
// (seed 004). It reads the source region's stream in order from its position
// and ships only writes that originated in the source (no relay). Its
// checkpoint is durable: every stream index below it was applied at the
// destination. Acknowledgements may arrive out of order (per-key or no
// ordering on the link), so the checkpoint advances only over a contiguous
// run of acknowledged indices. After a crash, or when its link holds nothing
// yet something is unacknowledged (a write was lost), it re-reads from the
// checkpoint, so a write may be shipped twice -- harmless, since applying a
// write is idempotent under LWW.
#pragma once
#include <cstdint>

#include "protocol/lww/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::lww {

struct ReplicatorData {
  std::uint8_t position = 0;    // volatile: next stream index to read
  std::uint8_t checkpoint = 0;  // durable: every index below it was applied
  std::uint32_t acked = 0;      // volatile: bit i = index checkpoint + i acknowledged
  std::uint8_t source = 0;      // configuration, not state
  Bug bug = Bug::None;          // configuration, not state
};

struct ReplicatorDef : RoleDef<ReplicatorDef>, ReplicatorData {
  using Data = ReplicatorData;
  struct Running : msm::front::state<> {};
  struct Paused : msm::front::state<> {};
  struct Crashed : msm::front::state<> {};
  using initial_state = Running;
  // At most one write a step; the model puts it on the link.
  struct Outbox {
    ReplicatedWrite write;
    bool sent = false;
  } outbox;

  struct AtPosition {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) { return e.index == r.position; }
  };
  static void acknowledge(ReplicatorDef& r, int index) {
    if (index < r.checkpoint) return;  // already below the checkpoint: shipped twice
    r.acked |= std::uint32_t{1} << (index - r.checkpoint);
    for (; r.acked & 1; r.acked >>= 1) ++r.checkpoint;
  }
  struct ReadRecord {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      ++r.position;
      if (e.record.origin == r.source || r.bug == Bug::RelayNoOriginCheck)
        r.outbox = {{e.record, e.index}, true};
      else
        acknowledge(r, e.index);  // replicated from elsewhere: nothing to apply
      if (r.bug == Bug::CheckpointBeforeApply) r.checkpoint = r.position, r.acked = 0;
    }
  };
  struct Checkpoint {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) { acknowledge(r, e.index); }
  };
  struct Unacknowledged {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& r, S&, T&) { return r.position > r.checkpoint; }
  };
  struct Rewind {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& r, S&, T&) { r.position = r.checkpoint, r.acked = 0; }
  };

  struct transition_table
      : rows<Row<Running, Ship, Running, ReadRecord, AtPosition>,
             Row<Running, Ack, Running, Checkpoint, none>,
             Row<Paused, Ack, Paused, Checkpoint, none>,
             Row<Running, Retry, Running, Rewind, Unacknowledged>,
             Row<Running, Crash, Crashed, Rewind, none>,
             Row<Paused, Crash, Crashed, Rewind, none>,
             Row<Crashed, Restart, Running, none, none>,
             Row<Running, Pause, Paused, none, none>,
             Row<Paused, Resume, Running, none, none>> {};
};

using Replicator = Role<ReplicatorDef>;

}  // namespace replicheck::protocol::lww
