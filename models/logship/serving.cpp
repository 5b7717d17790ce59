// How regions serve clients under log shipping (see models/logship/model.hpp):
// the primary commits writes; a secondary refuses them (CP) and serves reads
// at its applied LSN; during a switchover the read-only primary holds writes
// back. The steps around it (invoke, complete, outages) are the world's.
#include "models/logship/model.hpp"

namespace replicheck::models {

namespace ls = protocol::logship;
using VD = ls::VolumeDef;
using world::ClientOp, world::OpKind, world::OpStatus;

void LogShipping::route(const State&, ClientOp& op, State&) const { op.origin = op.region; }

bool LogShipping::ready(const State& s, int c) const {
  const ClientOp& op = s.clients.pending_op(c);
  const int r = op.region;
  if (s.net.is_down(r)) return false;
  if (op.kind == OpKind::Read) return true;
  const auto& v = s.volumes[r];
  if (v.in<VD::Primary>()) return can_commit(s, r);
  return !v.in<VD::ReadOnly>();  // a secondary or a deposed primary refuses at once
}

OpStatus LogShipping::serve(State& out, int c, int) const {
  ClientOp& op = out.clients.pending_op(c);
  auto& v = out.volumes[op.region];
  if (op.kind == OpKind::Read) {
    // At the region's applied LSN: a prefix of the log, so whole transactions.
    for (int k = 0; k < workload().keys; ++k)
      if (op.touches(k)) {
        const ls::Commit* w = v.data.newest(k);
        op.values[k] = w ? w->value : 0;
      }
    op.stamp = v.data.length;
    return OpStatus::Ok;
  }
  if (!v.in<VD::Primary>()) return OpStatus::Refused;
  std::uint8_t keys = 0, value = 0;
  for (int k = 0; k < workload().keys; ++k)
    if (op.touches(k)) keys |= std::uint8_t(1 << k), value = op.values[k];
  if (!v.fire(ls::LocalCommit{keys, value})) return OpStatus::Refused;  // cannot happen: ready() checked
  op.stamp = v.data.length;  // the commit's LSN
  return OpStatus::Ok;
}

}  // namespace replicheck::models
