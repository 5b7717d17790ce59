// How regions serve clients under multi-region strong consistency (see
// models/journal/model.hpp): a write or a strongly consistent read goes
// through the journal and is answered once its region has applied its entry;
// an eventually consistent read is answered from the local table at once; a
// region that reaches no other region fails writes and strong reads at once;
// transactions are refused. The steps around it are the world's.
#include "models/journal/model.hpp"

namespace replicheck::models {

namespace jr = protocol::journal;
using world::ClientOp, world::OpKind, world::OpStatus;

namespace {
bool transaction(const ClientOp& op) { return op.writes() && op.key == world::kEveryKey; }
}  // namespace

bool Mrsc::uses_journal(const ClientOp& op) const {
  if (transaction(op)) return false;
  if (op.kind == OpKind::Read) return !op.eventual && bug_ != jr::Bug::NoReadFence;
  return true;
}

// The witness serves no clients: a read meant for it goes to the other full region.
void Mrsc::route(const State&, ClientOp& op, State&) const {
  if (!full(op.region)) op.region = std::uint8_t(1 - workload().home(op.client));
  op.origin = op.region;
}

bool Mrsc::ready(const State& s, int c) const {
  const ClientOp& op = s.clients.pending_op(c);
  const Session& session = s.sessions[c];
  if (s.net.is_down(op.region)) return false;
  if (!uses_journal(op) || session.outcome != jr::Outcome::None || session.lost || abandoned(s, c)) return true;
  // Nothing appended yet and no way to the journal: fail with an error.
  return session.slot == 0 && !in_majority(s, op.region);
}

OpStatus Mrsc::serve(State& out, int c, int) const {
  ClientOp& op = out.clients.pending_op(c);
  Session& session = out.sessions[c];
  const Session was = session;
  const bool timed_out = abandoned(out, c);
  session = {};
  if (transaction(op)) return OpStatus::Refused;  // not supported with strong consistency
  const auto& table = out.engines[op.region].data.items;
  if (op.kind == OpKind::Read && !uses_journal(op)) {  // local, maybe stale
    for (int k = 0; k < workload().keys; ++k) op.values[k] = table[k].value;
    return OpStatus::Ok;
  }
  if (was.lost || timed_out) return OpStatus::Info;  // a timeout: it may or may not take effect
  if (was.outcome == jr::Outcome::None) return OpStatus::Fail;  // the region reaches no other
  if (was.outcome == jr::Outcome::Conflict) return OpStatus::Refused;  // retries exhausted
  op.stamp = was.slot;
  if (op.kind == OpKind::Read)
    for (int k = 0; k < workload().keys; ++k) op.values[k] = table[k].value;
  else if (op.kind == OpKind::Increment)
    op.values[op.key] = jr::Entry::unpack(was.entry).value;  // the entry its region applied
  return OpStatus::Ok;
}

}  // namespace replicheck::models
