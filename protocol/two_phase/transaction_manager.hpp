// The transaction manager: collects Prepared votes, then decides. It may
// abort at any time before deciding (a timeout, in a real system).
#pragma once
#include <cstdint>

#include "protocol/machine.hpp"
#include "protocol/two_phase/messages.hpp"

namespace replicheck::protocol::two_phase {

struct TransactionManagerData {
  std::uint16_t prepared = 0;  // bit r: a Prepared from RM r was received
  std::uint8_t rm_count = 3;   // configuration, not state
  bool commit_early = false;   // seeded bug: commit after the first vote
};

struct TransactionManagerDef : RoleDef<TransactionManagerDef>, TransactionManagerData {
  using Data = TransactionManagerData;
  struct Undecided : msm::front::state<> {};
  struct Committed : msm::front::state<> {};
  struct Aborted : msm::front::state<> {};
  using initial_state = Undecided;

  Outbox outbox;

  struct NotYetCounted {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& tm, S&, T&) { return !(tm.prepared >> e.rm & 1); }
  };
  struct CountVote {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& tm, S&, T&) { tm.prepared |= std::uint16_t(1u << e.rm); }
  };
  // Why the protocol is safe: commit only once every RM has promised.
  struct EveryoneVoted {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& tm, S&, T&) {
      if (tm.commit_early) return tm.prepared != 0;
      return tm.prepared == (1u << tm.rm_count) - 1;
    }
  };
  struct SendCommit {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& tm, S&, T&) { tm.outbox.send({Message::Commit}); }
  };
  struct SendAbort {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& tm, S&, T&) { tm.outbox.send({Message::Abort}); }
  };

  struct transition_table
      : rows<Row<Undecided, RcvPrepared, Undecided, CountVote, NotYetCounted>,
             Row<Undecided, DecideCommit, Committed, SendCommit, EveryoneVoted>,
             Row<Undecided, DecideAbort, Aborted, SendAbort, none>> {};
};

using TransactionManager = Role<TransactionManagerDef>;

}  // namespace replicheck::protocol::two_phase
