// A region's storage volume and database: the primary's takes writes and
// appends them to the redo log, acknowledging once durable in the region; a
// secondary's applies shipped redo in LSN order and serves reads at its
// applied LSN, so it is always a prefix of the primary's log. A deposed
// primary is Fenced until it rejoins, discarding what it never shipped.
#pragma once
#include <array>
#include <cstdint>

#include "protocol/logship/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::logship {

struct VolumeData {
  std::array<Commit, kMaxLog> log{};
  std::uint8_t length = 0;    // the last LSN written (primary) or applied (secondary)
  std::uint8_t epoch = 0;     // the primary it writes as, or follows
  std::uint8_t lease = 1;     // a primary holds a write lease (fencing=lease only checks it)
  std::uint8_t rejoined = 0;  // 1 once a deposed primary came back as a secondary
  std::uint8_t needs_lease = 0;  // configuration: fencing=lease
  Bug bug = Bug::None;           // configuration
  // The newest record that wrote item k, if any.
  const Commit* newest(int k) const {
    for (int i = length - 1; i >= 0; --i)
      if (log[i].touches(k)) return &log[i];
    return nullptr;
  }
};

struct VolumeDef : RoleDef<VolumeDef>, VolumeData {
  using Data = VolumeData;
  struct Primary : msm::front::state<> {};
  struct ReadOnly : msm::front::state<> {};
  struct Secondary : msm::front::state<> {};
  struct Fenced : msm::front::state<> {};
  using initial_state = Secondary;  // the model promotes r0 in epoch 1
  struct Outbox {} outbox;          // the model ships from the log; a volume sends nothing

  struct CanWrite {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& v, S&, T&) { return v.length < kMaxLog && (v.lease || !v.needs_lease); }
  };
  struct Append {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& v, S&, T&) {
      Commit c{std::uint8_t(v.length + 1), e.keys, e.value, v.epoch};
      v.log[v.length++] = c;
    }
  };
  // In order, and only from the primary it follows. The seeded bug applies
  // whatever arrives next, gaps included.
  struct NextInOrder {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& v, S&, T&) {
      if (e.epoch != v.epoch) return false;
      if (v.bug == Bug::ApplyOutOfOrder) return e.commit.lsn > v.length && v.length < kMaxLog;
      return e.commit.lsn == v.length + 1;
    }
  };
  struct Apply {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& v, S&, T&) { v.log[v.length++] = e.commit; }
  };
  struct TakeEpoch {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& v, S&, T&) { v.epoch = e.epoch, v.lease = 1; }
  };
  struct Newer {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& v, S&, T&) { return e.epoch > v.epoch; }
  };
  // Discard the tail the new primary never had (a new volume in the real
  // system); the seeded bug keeps it.
  struct Truncate {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& v, S&, T&) {
      v.epoch = e.epoch;
      if (v.bug != Bug::RejoinWithoutDiscard && e.length < v.length) v.length = e.length;
    }
  };
  struct Rejoin {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& v, S& s, T& t) {
      Truncate{}(e, v, s, t);
      v.rejoined = 1;
    }
  };
  struct DropLease {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& v, S&, T&) { v.lease = 0; }
  };
  struct RenewLease {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& v, S&, T&) { v.lease = 1; }
  };

  struct transition_table
      : rows<Row<Primary, LocalCommit, Primary, Append, CanWrite>,
             Row<Secondary, ApplyRedo, Secondary, Apply, NextInOrder>,
             Row<Primary, Demote, ReadOnly>,
             Row<Secondary, Promote, Primary, TakeEpoch>,
             Row<ReadOnly, Follow, Secondary, TakeEpoch>,
             Row<Primary, Deposed, Fenced, none, Newer>,
             Row<Secondary, Reattach, Secondary, Truncate>,
             Row<Fenced, Reattach, Secondary, Rejoin>,
             Row<Primary, LeaseLost, Primary, DropLease>,
             Row<Primary, LeaseRenewed, Primary, RenewLease>> {};
};

using Volume = Role<VolumeDef>;

}  // namespace replicheck::protocol::logship
