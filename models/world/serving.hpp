// Clients' steps and the serving skeleton, written once for every protocol.
//
// A client invokes its next planned operation in one step and gets its
// response in a later one, except a read that can be answered at once. An
// outage fails the operation at invocation (its region serves nobody).
// Between the two steps the operation is pending, and other clients, the
// network and faults act.
//
// The protocol supplies, as members of its model P:
//   void route(const State& s, ClientOp& op, State& out) const
//       where the operation goes and what the session remembers (client
//       patterns); `out` is a copy of `s` before the invocation is recorded;
//   bool ready(const State& s, int c) const
//       client c's pending operation can complete in the next step (shared
//       with the `available` property, so action and property agree);
//   OpStatus serve(State& out, int c, int lag) const
//       performs client c's pending operation in `out` and says how it ended;
//       `lag` > 0 for an eventually consistent read that many records behind.
#pragma once
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "models/step_info.hpp"
#include "models/world/clients.hpp"
#include "models/world/region.hpp"

namespace replicheck::world {

// A client's step: invoke its next operation (with `lag` > 0, as an
// eventually consistent read) or complete its pending one.
struct ClientStep {
  enum Kind : std::uint8_t { Invoke, Complete } kind = Invoke;
  std::uint8_t client = 0, lag = 0;
};

// Calls out(ClientStep) for every client step on offer, in a fixed order.
// With `eventual_reads`, a read may also be invoked one record behind.
template <class ClientRecord, class Out>
void client_steps(const ClientRecord& clients, const Workload& w, bool eventual_reads, Out&& out) {
  for (int c = 0; c < w.clients; ++c) {
    auto i = std::uint8_t(c);
    if (clients.busy(c)) out(ClientStep{ClientStep::Complete, i, 0});
    else if (clients.started[c] < w.ops) {
      out(ClientStep{ClientStep::Invoke, i, 0});
      if (eventual_reads && w.planned(c, clients.started[c], ClientRecord::kMaxOps).kind == OpKind::Read)
        out(ClientStep{ClientStep::Invoke, i, 1});
    }
  }
}

template <class P, class State>
bool complete(const P& p, const State& s, int c, int lag, State& out) {
  if (!p.ready(s, c)) return false;
  out = s;
  out.clients.respond(c, p.serve(out, c, lag));
  return true;
}

template <class P, class State>
bool invoke(const P& p, const State& s, int c, int lag, State& out) {
  ClientOp op = p.workload().planned(c, s.clients.started[c], State::kMaxOps);
  op.eventual = lag > 0;
  out = s;
  p.route(s, op, out);
  out.clients.invoke(op);
  if (s.net.is_down(op.region)) {  // an outage: the region serves nobody
    out.clients.respond(c, OpStatus::Fail);
    return true;
  }
  // Served in place: what complete() does, without its two copies of the
  // whole state (a read answered at once is most invocations).
  if (op.kind == OpKind::Read && p.ready(out, c)) out.clients.respond(c, p.serve(out, c, lag));
  return true;
}

// Either step, as an action of the protocol's model.
template <class P, class State>
bool take(const P& p, const State& s, const ClientStep& step, State& out) {
  return step.kind == ClientStep::Invoke ? invoke(p, s, step.client, step.lag, out)
                                         : complete(p, s, step.client, 0, out);
}

inline std::string describe(const ClientStep& step) {
  if (step.kind == ClientStep::Complete) return fmt::format("client{}'s operation completes", step.client);
  if (step.lag)
    return fmt::format("client{} reads, eventually consistent, from a replica {} record{} behind", step.client,
                       step.lag, step.lag == 1 ? "" : "s");
  return fmt::format("client{} invokes its next operation", step.client);
}

}  // namespace replicheck::world
