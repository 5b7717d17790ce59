// How regions serve clients under log shipping (see models/logship/model.hpp):
// the primary commits writes; a secondary refuses them (CP) unless it
// forwards them to the primary, and serves reads at its applied LSN, or
// once it has applied what the session must see (LSN tokens, forwarding's
// read consistency); during a switchover the read-only primary holds writes
// back. The steps around it (invoke, complete, outages) are the world's.
#include <algorithm>

#include "models/logship/model.hpp"

namespace replicheck::models {

namespace ls = protocol::logship;
using VD = ls::VolumeDef;
using world::ClientOp, world::OpKind, world::OpStatus;

void LogShipping::route(const State& s, ClientOp& op, State& out) const {
  const int p = primary(s);
  Session& session = out.sessions[op.client];
  if (pattern_ == Pattern::ReadPrimary && p >= 0) op.region = std::uint8_t(p);  // the writer endpoint
  if (pattern_ == Pattern::Sticky) {
    if (op.writes()) session.sticky_left = std::uint8_t(sticky_window_);
    else if (session.sticky_left > 0 && p >= 0) op.region = std::uint8_t(p), --session.sticky_left;
  }
  op.origin = op.region;
  // A global read waits for everything committed when it began.
  if (forwarding_ == Forwarding::Global && op.kind == OpKind::Read)
    session.fence = p < 0 ? 0 : s.volumes[p].data.length;
}

int LogShipping::read_waits_for(const State& s, int c) const {
  const Session& session = s.sessions[c];
  int lsn = 0;
  if (pattern_ == Pattern::LsnToken && bug_ != ls::Bug::TokenIgnored) lsn = session.token;
  if (forwarding_ == Forwarding::Session && bug_ != ls::Bug::ForwardEventualAsSession) lsn = session.token;
  if (forwarding_ == Forwarding::Global) lsn = std::max(int(session.token), int(session.fence));
  return lsn;
}

int LogShipping::commits_at(const State& s, int r) const {
  if (s.volumes[r].in<VD::Primary>()) return r;
  const int p = primary(s);
  if (forwarding_ == Forwarding::Off || p < 0 || !s.volumes[p].in<VD::Primary>()) return -1;
  return p;
}

bool LogShipping::ready(const State& s, int c) const {
  const ClientOp& op = s.clients.pending_op(c);
  const int r = op.region;
  if (s.net.is_down(r)) return false;
  if (op.kind == OpKind::Read) return s.volumes[r].data.length >= read_waits_for(s, c);
  if (s.volumes[r].in<VD::ReadOnly>()) return false;  // a switchover holds writes back
  const int at = commits_at(s, r);
  if (at < 0) return true;  // refused at once
  // A forwarded write needs the way to the primary and back.
  if (at != r && !(s.net.carries(r, at) && s.net.carries(at, r))) return false;
  return can_commit(s, at);
}

OpStatus LogShipping::serve(State& out, int c, int) const {
  ClientOp& op = out.clients.pending_op(c);
  Session& session = out.sessions[c];
  if (op.kind == OpKind::Read) {
    // At the region's applied LSN: a prefix of the log, so whole transactions.
    const auto& v = out.volumes[op.region].data;
    for (int k = 0; k < workload().keys; ++k)
      if (op.touches(k)) {
        const ls::Commit* w = v.newest(k);
        op.values[k] = w ? w->value : 0;
      }
    op.stamp = v.length;
    session.token = std::max(session.token, v.length);
    return OpStatus::Ok;
  }
  const int at = commits_at(out, op.region);
  if (at < 0) return OpStatus::Refused;
  std::uint8_t keys = 0, value = 0;
  for (int k = 0; k < workload().keys; ++k)
    if (op.touches(k)) keys |= std::uint8_t(1 << k), value = op.values[k];
  auto& v = out.volumes[at];
  if (!v.fire(ls::LocalCommit{keys, value})) return OpStatus::Refused;  // cannot happen: ready() checked
  op.stamp = v.data.length;  // the commit's LSN
  op.origin = std::uint8_t(at);
  session.token = std::max(session.token, v.data.length);
  return OpStatus::Ok;
}

}  // namespace replicheck::models
