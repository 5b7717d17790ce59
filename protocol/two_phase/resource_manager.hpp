// A resource manager: votes Prepared (a promise to commit if told) or aborts
// on its own, then obeys the transaction manager's decision.
#pragma once
#include <cstdint>

#include "protocol/machine.hpp"
#include "protocol/two_phase/messages.hpp"

namespace replicheck::protocol::two_phase {

struct ResourceManagerData {
  std::uint8_t id = 0;  // configuration, not state
};

struct ResourceManagerDef : RoleDef<ResourceManagerDef>, ResourceManagerData {
  using Data = ResourceManagerData;
  struct Working : msm::front::state<> {};
  struct Prepared : msm::front::state<> {};
  struct Committed : msm::front::state<> {};
  struct Aborted : msm::front::state<> {};
  using initial_state = Working;

  Outbox outbox;

  struct SendPrepared {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& rm, S&, T&) { rm.outbox.send({Message::Prepared, rm.id}); }
  };

  // As in the spec, a decision is applied from any other state: a correct
  // TM never sends Commit to an RM that aborted, and the invariant checks it.
  struct transition_table
      : rows<Row<Working, Prepare, Prepared, SendPrepared>,
             Row<Working, ChooseToAbort, Aborted, none>,
             Row<Working, RcvCommit, Committed, none>,
             Row<Prepared, RcvCommit, Committed, none>,
             Row<Aborted, RcvCommit, Committed, none>,
             Row<Working, RcvAbort, Aborted, none>,
             Row<Prepared, RcvAbort, Aborted, none>,
             Row<Committed, RcvAbort, Aborted, none>> {};
};

using ResourceManager = Role<ResourceManagerDef>;

}  // namespace replicheck::protocol::two_phase
