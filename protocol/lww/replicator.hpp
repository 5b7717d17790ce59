// A replicator: one per ordered pair of regions, its own failure domain
// (seed 004). It reads the source region's stream in order from its position
// and ships only writes that originated in the source (no relay). Its
// checkpoint is durable and advances when the destination acknowledges an
// apply; after a crash it resumes from the checkpoint, so a write may be
// shipped twice -- harmless, since applying a write is idempotent under LWW.
#pragma once
#include <algorithm>
#include <cstdint>

#include "protocol/lww/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::lww {

struct ReplicatorData {
  std::uint8_t position = 0;    // volatile: next stream index to read
  std::uint8_t checkpoint = 0;  // durable: every index below it was applied
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
  struct ReadRecord {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      ++r.position;
      if (e.record.origin == r.source || r.bug == Bug::RelayNoOriginCheck)
        r.outbox = {{e.record, e.index}, true};
      // Skipped records (replicated from elsewhere) need no apply: checkpoint them.
      else if (r.checkpoint == e.index) r.checkpoint = r.position;
      if (r.bug == Bug::CheckpointBeforeApply) r.checkpoint = r.position;
    }
  };
  struct Checkpoint {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      r.checkpoint = std::max<std::uint8_t>(r.checkpoint, std::uint8_t(e.index + 1));
    }
  };
  struct Rewind {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& r, S&, T&) { r.position = r.checkpoint; }
  };

  struct transition_table
      : rows<Row<Running, Ship, Running, ReadRecord, AtPosition>,
             Row<Running, Ack, Running, Checkpoint, none>,
             Row<Paused, Ack, Paused, Checkpoint, none>,
             Row<Running, Crash, Crashed, Rewind, none>,
             Row<Paused, Crash, Crashed, Rewind, none>,
             Row<Crashed, Restart, Running, none, none>,
             Row<Running, Pause, Paused, none, none>,
             Row<Paused, Resume, Running, none, none>> {};
};

using Replicator = Role<ReplicatorDef>;

}  // namespace replicheck::protocol::lww
