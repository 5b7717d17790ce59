// The storage layer's redo stream from one region to another, its own
// failure domain: it reads the source's log in LSN order from its position
// and ships each record; the destination acknowledges the LSN it has
// applied (cumulatively), so after a crash or a lost record the shipper
// resumes from what was acknowledged. A record shipped twice is harmless:
// a secondary applies only the next LSN.
#pragma once
#include <cstdint>

#include "protocol/logship/records.hpp"
#include "protocol/machine.hpp"

namespace replicheck::protocol::logship {

struct ShipperData {
  std::uint8_t position = 0;  // volatile: LSN of the next record to ship, minus one
  std::uint8_t acked = 0;     // durable: the destination applied every LSN up to this
};

struct ShipperDef : RoleDef<ShipperDef>, ShipperData {
  using Data = ShipperData;
  struct Running : msm::front::state<> {};
  struct Crashed : msm::front::state<> {};
  using initial_state = Running;
  struct Outbox {
    Redo redo;
  } outbox;

  struct AtPosition {
    template <class E, class F, class S, class T>
    bool operator()(const E& e, F& r, S&, T&) { return e.commit.lsn == r.position + 1; }
  };
  struct Send {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      ++r.position;
      r.outbox.redo = {e.commit, 0};  // the model stamps the sender's epoch
    }
  };
  struct Advance {
    template <class E, class F, class S, class T>
    void operator()(const E& e, F& r, S&, T&) {
      if (e.lsn > r.acked) r.acked = e.lsn;
      if (r.position < r.acked) r.position = r.acked;
    }
  };
  struct Unacknowledged {
    template <class E, class F, class S, class T>
    bool operator()(const E&, F& r, S&, T&) { return r.position > r.acked; }
  };
  struct Rewind {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& r, S&, T&) { r.position = r.acked; }
  };
  struct Clear {
    template <class E, class F, class S, class T>
    void operator()(const E&, F& r, S&, T&) { r.position = r.acked = 0; }
  };

  struct transition_table
      : rows<Row<Running, ShipNext, Running, Send, AtPosition>,
             Row<Running, Acked, Running, Advance>,
             Row<Crashed, Acked, Crashed, Advance>,
             Row<Running, Resend, Running, Rewind, Unacknowledged>,
             Row<Running, Crash, Crashed, Rewind>,
             Row<Crashed, Restart, Running>,
             Row<Running, Reset, Running, Clear>,
             Row<Crashed, Reset, Crashed, Clear>> {};
};

using Shipper = Role<ShipperDef>;

}  // namespace replicheck::protocol::logship
