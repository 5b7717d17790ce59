// What users of a single-writer, log-shipping database can rely on, as
// properties of the logship model: one writer, secondaries as prefixes of
// the primary's log, what switchover and failover lose, CP availability;
// plus the world's session guarantees and linearizability.
#include "models/logship/model.hpp"
#include "models/world/history_properties.hpp"

namespace replicheck::models {

namespace ls = protocol::logship;
namespace pr = properties;
using VD = ls::VolumeDef;
using world::ClientOp, world::OpKind, world::OpStatus;
using State = LogShipping::State;

namespace {

// Regions whose volume would acknowledge a write now: primaries (in any
// epoch) that are up and, under fencing=lease, hold their lease.
int writers(const LogShipping& m, const State& s) {
  int n = 0;
  for (int r = 0; r < m.regions(); ++r) {
    const auto& v = s.volumes[r];
    n += v.in<VD::Primary>() && !s.net.is_down(r) && (v.data.lease || m.fencing() != LogShipping::Fencing::Lease);
  }
  return n;
}

// Every secondary holds a prefix of the current primary's log.
bool log_prefix(const LogShipping& m, const State& s) {
  const int p = m.primary(s);
  if (p < 0) return true;
  const auto& pv = s.volumes[p].data;
  for (int r = 0; r < m.regions(); ++r) {
    const auto& v = s.volumes[r];
    if (r == p || !v.in<VD::Secondary>()) continue;
    if (v.data.length > pv.length) return false;
    for (int i = 0; i < v.data.length; ++i)
      if (!(v.data.log[i] == pv.log[i])) return false;
  }
  return true;
}

bool converged(const LogShipping& m, const State& s) {
  for (int r = 1; r < m.regions(); ++r) {
    const auto &a = s.volumes[0].data, &b = s.volumes[r].data;
    if (a.length != b.length) return false;
    for (int i = 0; i < a.length; ++i)
      if (!(a.log[i] == b.log[i])) return false;
  }
  return true;
}

// Acknowledged writes missing from the primary's log (by LSN and value).
int lost_writes(const LogShipping& m, const State& s) {
  const int p = m.primary(s);
  int lost = 0;
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& w = s.clients.history[i];
    if (!w.writes() || w.status != OpStatus::Ok) continue;
    const auto* log = p < 0 ? nullptr : &s.volumes[p].data;
    int k = w.key == world::kEveryKey ? 0 : w.key;
    bool kept = log && w.stamp >= 1 && w.stamp <= log->length && log->log[w.stamp - 1].value == w.values[k];
    lost += !kept;
  }
  return lost;
}

// AP: an operation at a region that is up can complete there now, and a
// write succeeds (committed there or forwarded). CP designs break it.
bool available(const LogShipping& m, const State& s) {
  for (int c = 0; c < m.workload().clients; ++c) {
    if (!s.clients.busy(c)) continue;
    const ClientOp& op = s.clients.pending_op(c);
    if (s.net.is_down(op.region)) continue;
    if (!m.ready(s, c) || (op.writes() && m.commits_at(s, op.region) < 0)) return false;
  }
  return true;
}

// A read not failed by an outage was answered where it was sent, at once.
bool reads_available(const LogShipping&, const State& s) {
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& o = s.clients.history[i];
    if (o.kind == OpKind::Read && o.status != OpStatus::Fail && o.response != o.invoke + 1) return false;
  }
  return true;
}

// The acknowledged write that wrote `value` to item k (values are unique per write).
const ClientOp* writer_of(const State& s, int k, std::uint8_t value) {
  for (int j = 0; j < s.clients.length; ++j) {
    const ClientOp& w = s.clients.history[j];
    if (w.writes() && w.status == OpStatus::Ok && w.touches(k) && w.values[k] == value) return &w;
  }
  return nullptr;
}

// A read shows a transaction T whole or not at all: never T on one item and,
// on another item T wrote, something older than T (nil, or a commit with a
// smaller LSN). Writes are stamped with their commit LSN, which orders them
// within one primary's log.
bool no_torn_transaction(const LogShipping& m, const State& s) {
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& t = s.clients.history[i];
    if (!t.writes() || t.key != world::kEveryKey || t.status != OpStatus::Ok) continue;
    for (int j = 0; j < s.clients.length; ++j) {
      const ClientOp& r = s.clients.history[j];
      if (r.kind != OpKind::Read || r.status != OpStatus::Ok) continue;
      bool shows_t = false, shows_older = false;
      for (int k = 0; k < m.workload().keys; ++k) {
        if (r.values[k] == t.values[k]) {
          shows_t = true;
          continue;
        }
        const ClientOp* w = r.values[k] ? writer_of(s, k, r.values[k]) : nullptr;
        shows_older |= !w || w->stamp < t.stamp;
      }
      if (shows_t && shows_older) return false;
    }
  }
  return true;
}

// Reads and writes served at r0, the only primary when no switchover or
// failover can happen, are linearizable.
bool primary_linearizable(const LogShipping& m, const State& s) {
  pr::History all = world::to_history(s.clients, m.workload().keys, true), at_primary;
  for (auto& op : all.ops)
    if (op.session % 4 == 0) at_primary.ops.push_back(op);  // session = client * 4 + region
  return pr::check_linearizability(at_primary, pr::Model::kRegister).verdict != pr::Verdict::kNotLinearizable;
}

}  // namespace

std::vector<Property<LogShipping>> LogShipping::properties() const {
  using K = PropertyKind;
  std::vector<Property<LogShipping>> out = {
      {"single-writer", K::Always, "at most one region acknowledges writes at any time",
       [](const LogShipping& m, const State& s) { return writers(m, s) <= 1; }},
      {"log-prefix", K::Always, "every secondary holds a prefix of the primary's log (so no torn transaction)",
       log_prefix},
      {"converge", K::AtQuiescence, "once shipping drains and links heal, every region holds the same log", converged},
      {"no-lost-write", K::AtQuiescence, "every acknowledged write is in the primary's log",
       [](const LogShipping& m, const State& s) { return lost_writes(m, s) == 0; }},
      {"available", K::Always, "every operation at a region that is up can succeed there (AP)", available},
      world::history_property<LogShipping>("reads-available",
                                           "every read at a region that is up is answered there at once",
                                           reads_available),
  };
  if (workload().keys > 1)
    out.push_back(world::history_property<LogShipping>(
        "no-torn-transaction", "a read anywhere, a secondary's included, sees all of a transaction or none of it",
        no_torn_transaction));
  if (rpo_ > 0)
    out.push_back({"lost-within-rpo", K::AtQuiescence, "each failover loses at most rpo acknowledged writes",
                   [](const LogShipping& m, const State& s) { return lost_writes(m, s) <= m.rpo() * s.failovers; }});
  for (auto& p : world::register_history_properties<LogShipping>()) out.push_back(std::move(p));
  // Without a failover the log only grows, across switchovers too: an item's
  // versions are in LSN order.
  const auto lsn = [](const ClientOp& o) { return std::uint64_t(o.stamp); };
  const auto everywhere = [](const ClientOp&) { return true; };
  if (max_failovers_ == 0) {
    out.push_back(world::transactional_property<LogShipping>(
        "serializable", "transactions and reads, secondaries' included, take effect in one serial order",
        pr::Consistency::kSerializable, lsn, everywhere));
    out.push_back(world::transactional_property<LogShipping>(
        "strict-serializable", "transactions and reads take effect in one serial order that respects real time",
        pr::Consistency::kStrictSerializable,
        lsn, everywhere));
  }
  if (max_switchovers_ == 0 && max_failovers_ == 0)
    out.push_back(world::transactional_property<LogShipping>(
        "strict-serializable-at-primary", "transactions and reads at the primary: one serial order respecting real time",
        pr::Consistency::kStrictSerializable, lsn, [](const ClientOp& o) { return o.region == 0; }));
  if (max_switchovers_ == 0 && max_failovers_ == 0)
    out.push_back(world::history_property<LogShipping>(
        "linearizable-at-primary", "operations at the primary are linearizable", primary_linearizable));
  if (max_switchovers_ > 0)
    out.push_back({"switchover-completes", K::Sometimes, "a switchover promotes its target",
                   [](const LogShipping&, const State& s) { return s.switched != 0; }});
  if (max_failovers_ > 0)
    out.push_back({"failover-happens", K::Sometimes, "a failover promotes a secondary",
                   [](const LogShipping&, const State& s) { return s.failovers > 0; }});
  if (max_failovers_ > 0 && fencing_ != Fencing::None)
    out.push_back({"old-primary-rejoins", K::Sometimes, "a deposed primary rejoins as a secondary",
                   [](const LogShipping& m, const State& s) {
                     for (int r = 0; r < m.regions(); ++r)
                       if (s.volumes[r].data.rejoined) return true;
                     return false;
                   }});
  bool client_at_secondary = false;  // r0 starts as the primary
  for (int c = 0; c < workload().clients; ++c) client_at_secondary |= workload().home(c) != 0;
  if (client_at_secondary && forwarding_ == Forwarding::Off && pattern_ != Pattern::ReadPrimary)
    out.push_back({"write-refused-at-secondary", K::Sometimes, "a secondary refuses a client's write (CP)",
                   [](const LogShipping&, const State& s) { return world::any_operation(s.clients, OpStatus::Refused); }});
  if (rpo_ > 0)
    out.push_back({"rpo-blocks", K::Sometimes, "managed RPO holds a commit back",
                   [](const LogShipping& m, const State& s) {
                     for (int c = 0; c < m.workload().clients; ++c)
                       if (s.clients.busy(c) && s.clients.pending_op(c).writes() &&
                           m.rpo_blocks(s, s.clients.pending_op(c).region) &&
                           s.volumes[s.clients.pending_op(c).region].in<VD::Primary>())
                         return true;
                     return false;
                   }});
  if (forwarding_ != Forwarding::Off)
    out.push_back({"forwarded-write", K::Sometimes, "a secondary forwards a write to the primary, which commits it",
                   [](const LogShipping&, const State& s) {
                     for (int i = 0; i < s.clients.length; ++i) {
                       const ClientOp& o = s.clients.history[i];
                       if (o.writes() && o.status == OpStatus::Ok && o.origin != o.region) return true;
                     }
                     return false;
                   }});
  if (world_.faults.outages > 0) out.push_back(world::outage_refuses_client<LogShipping>());
  return out;
}

}  // namespace replicheck::models
