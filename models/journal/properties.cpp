// What users of multi-region strong consistency can rely on, as properties
// of the mrsc model: linearizable writes and strong reads, one order of
// entries everywhere, no acknowledged write lost with a region (RPO 0),
// entries applied once and no false conflicts after a crash, every
// increment counted, and availability wherever a region reaches another.
#include <algorithm>

#include "models/journal/model.hpp"
#include "models/world/history_properties.hpp"

namespace replicheck::models {

namespace jr = protocol::journal;
namespace pr = properties;
using world::ClientOp, world::OpKind, world::OpStatus;
using State = Mrsc::State;

namespace {

// The history without eventually consistent reads.
template <class C>
C strong_only(const C& clients) {
  C out = clients;
  out.length = 0;
  for (int i = 0; i < clients.length; ++i)
    if (!(clients.history[i].kind == OpKind::Read && clients.history[i].eventual))
      out.history[out.length++] = clients.history[i];
  return out;
}

template <class C>
bool linearizable(const C& clients, int keys) {
  return pr::check_linearizability(world::to_history(clients, keys, false), pr::Model::kRegister).verdict !=
         pr::Verdict::kNotLinearizable;
}

// Each table is what applying the journal's entries in journal order gives,
// as far as the table shows effects (after a crash the table is ahead of the
// engine's position): regions apply the same entries in the same order.
bool tables_follow_journal(const Mrsc& m, const State& s) {
  for (int r = 0; r < m.regions(); ++r) {
    if (!m.full(r)) continue;
    const auto& engine = s.engines[r].data;
    const int upto = std::max(int(engine.applied), engine.high());
    if (upto > s.journal.data.length) return false;
    jr::EngineData fresh;
    fresh.bug = m.bug();
    for (int p = 1; p <= upto; ++p) jr::apply_entry(fresh, s.journal.data.entries[p - 1], p);
    for (int k = 0; k < m.workload().keys; ++k)
      if (!(fresh.items[k] == engine.items[k])) return false;
  }
  return true;
}

bool converged(const Mrsc& m, const State& s) {
  for (int r = 1; r < m.regions(); ++r)
    if (m.full(r) && !(s.engines[r].data.items == s.engines[0].data.items)) return false;
  return true;
}

// RPO 0: every acknowledged write is in the journal (the replicated one:
// its leader's log), at the position it was acknowledged with.
bool no_lost_write(const Mrsc& m, const State& s) {
  const int l = m.replicated() ? m.leader(s) : -1;
  const int length = l >= 0 ? s.replicas[l].data.length : s.journal.data.length;
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& w = s.clients.history[i];
    if (!w.writes() || w.status != OpStatus::Ok) continue;
    if (w.stamp < 1 || w.stamp > length) return false;
    const jr::Entry e = l >= 0 ? jr::Slot::entry(s.replicas[l].data.log[w.stamp - 1]) : s.journal.data.entries[w.stamp - 1];
    if (e.kind != jr::Entry::Put || e.client != w.client || e.value != w.values[w.key]) return false;
  }
  return true;
}

// Every replica's committed prefix is a prefix of the one sequence of
// committed entries (the atomic journal's): nothing committed is lost or moved.
bool refines_atomic_journal(const Mrsc& m, const State& s) {
  const auto& ghost = s.journal.data;
  for (int r = 0; r < m.regions(); ++r) {
    const auto& replica = s.replicas[r].data;
    // A replica that lost part of what it had committed (a new leader's log
    // cut it short) holds fewer entries than it committed.
    if (replica.commit > ghost.length || replica.commit > replica.length) return false;
    for (int p = 1; p <= replica.commit; ++p)
      if (!(jr::Slot::entry(replica.log[p - 1]) == ghost.entries[p - 1])) return false;
  }
  return true;
}

// Every acknowledged increment counted, and nothing more than those and the
// ones whose client never learnt the outcome (a timeout may have taken effect).
bool no_lost_increment(const Mrsc& m, const State& s) {
  for (int k = 0; k < m.workload().keys; ++k) {
    int acknowledged = 0, unknown = 0;
    for (int i = 0; i < s.clients.length; ++i) {
      const ClientOp& o = s.clients.history[i];
      if (o.kind != OpKind::Increment || o.key != k) continue;
      acknowledged += o.status == OpStatus::Ok;
      unknown += o.status == OpStatus::Info;
    }
    for (int r = 0; r < m.regions(); ++r) {
      const int value = s.engines[r].data.items[k].value;
      if (m.full(r) && (value < acknowledged || value > acknowledged + unknown)) return false;
    }
  }
  return true;
}

// Wherever a region reaches another (directly or relayed), its pending
// writes and strong reads can take their next step: an isolated region is
// the only one that waits for the network.
bool available_with_majority(const Mrsc& m, const State& s) {
  // A second fault: an entry whose other copy was lost with a region's
  // storage is held by one region only; the others must wait for it.
  if (!m.replicated())
    for (int p = 1; p <= s.journal.data.length; ++p) {
      int holders = 0;
      for (auto h : s.journal.data.held) holders += h >= p;
      if (holders < 2) return true;
    }
  for (int c = 0; c < m.workload().clients; ++c) {
    if (!s.clients.busy(c)) continue;
    const int r = s.clients.pending_op(c).region;
    if (!s.net.is_down(r) && m.in_majority(s, r) && !m.advances(s, c)) return false;
  }
  return true;
}

// A strong read's fence is in the journal behind a write its region has
// not applied yet: the read must wait for it.
bool fence_waits_for_write(const Mrsc& m, const State& s) {
  for (int c = 0; c < m.workload().clients; ++c) {
    const auto& ss = s.sessions[c];
    if (!s.clients.busy(c) || !ss.slot || s.clients.pending_op(c).kind != OpKind::Read) continue;
    const int r = s.clients.pending_op(c).region;
    // The journal the fence went to: the atomic one, or the leader's log.
    const int l = m.replicated() ? m.leader(s) : -1;
    const int length = l >= 0 ? s.replicas[l].data.length : s.journal.data.length;
    for (int p = s.engines[r].data.applied + 1; p < ss.slot && p <= length; ++p) {
      const jr::Entry e = l >= 0 ? jr::Slot::entry(s.replicas[l].data.log[p - 1]) : s.journal.data.entries[p - 1];
      if (e.kind == jr::Entry::Put) return true;
    }
  }
  return false;
}

bool any_engine(const Mrsc& m, const State& s, std::uint8_t jr::EngineData::*flag) {
  for (int r = 0; r < m.regions(); ++r)
    if (m.full(r) && s.engines[r].data.*flag) return true;
  return false;
}

bool any_session(const State& s, bool (*pred)(const Mrsc::Session&)) {
  for (const auto& ss : s.sessions)
    if (pred(ss)) return true;
  return false;
}

// What the planned workload can show: two clients writing one item (a
// conflict), a client writing and another reading strongly (a fence behind
// a write). Transactions are refused, so they write nothing.
struct Plan {
  bool shared_item = false, write_and_read = false;
};
Plan plan(const Mrsc& m) {
  const auto& w = m.workload();
  std::array<int, world::kMaxKeys> writers{};
  int writing = 0, reading = 0;
  for (int c = 0; c < w.clients; ++c)
    for (int i = 0; i < w.ops; ++i) {
      const ClientOp op = w.planned(c, i, Mrsc::kMaxOps);
      if (op.kind == OpKind::Read) reading |= 1 << c;
      else if (op.key != world::kEveryKey) writers[op.key] |= 1 << c, writing |= 1 << c;
    }
  Plan p;
  for (int bits : writers) p.shared_item |= (bits & (bits - 1)) != 0;
  for (int a = 0; a < w.clients; ++a)
    for (int b = 0; b < w.clients; ++b) p.write_and_read |= a != b && (writing >> a & 1) && (reading >> b & 1);
  return p;
}

}  // namespace

std::vector<Property<Mrsc>> Mrsc::properties() const {
  using K = PropertyKind;
  using P = Property<Mrsc>;
  const bool counter = workload().kind == world::Workload::Counter;
  const auto& faults = world_.faults;
  std::vector<P> out = {
      world::history_property<Mrsc>("linearizable", "writes and strongly consistent reads are linearizable",
                                    [](const Mrsc& m, const State& s) {
                                      return linearizable(strong_only(s.clients), m.workload().keys);
                                    }),
      {"tables-follow-journal", K::Always,
       "every region's table is what applying the journal's entries in journal order gives (one order everywhere)",
       tables_follow_journal},
      {"converge", K::AtQuiescence, "once every region has applied the whole journal, their tables are equal",
       converged},
      {"no-lost-write", K::AtQuiescence, "every acknowledged write is in the journal where it was acknowledged (RPO 0)",
       no_lost_write},
      {"applied-once", K::Always, "no entry changes a table twice, crashes and replays included",
       [](const Mrsc& m, const State& s) { return !any_engine(m, s, &jr::EngineData::twice); }},
      {"no-false-conflict", K::Always, "a replayed entry never turns a write that succeeded into a conflict",
       [](const Mrsc& m, const State& s) { return !any_engine(m, s, &jr::EngineData::false_conflict); }},
      {"available-with-majority", K::Always,
       "a write or strong read at a region that reaches another region (directly or relayed) can make progress "
       "(while every entry is durable in two regions)",
       available_with_majority},
      {"isolated-region-cannot-commit", K::Always,
       "a region that reaches no other region commits nothing to the journal",
       [](const Mrsc&, const State& s) { return !s.isolated_commit; }},
  };
  if (replicated_) {
    out.push_back({"refines-atomic-journal", K::Always,
                   "every replica's committed entries are a prefix of one sequence: none lost or moved",
                   refines_atomic_journal});
    if (max_elections_ > 0 && (faults.isolations > 0 || faults.outages > 0 || faults.cuts > 1))
      out.push_back({"leader-change", K::Sometimes, "a region takes over the journal with a higher ballot",
                     [](const Mrsc&, const State& s) { return s.elections > 0; }});
  }
  if (counter)
    out.push_back({"no-lost-increment", K::AtQuiescence,
                   "once applied everywhere, each counter counts every acknowledged increment", no_lost_increment});
  if (mixed_reads_)
    out.push_back(world::history_property<Mrsc>(
        "eventual-reads-linearizable", "with eventually consistent reads included, reads are linearizable",
        [](const Mrsc& m, const State& s) { return linearizable(s.clients, m.workload().keys); }));
  const Plan planned = plan(*this);
  if (planned.shared_item && retries_ > 0)
    out.push_back({"write-conflict-retried", K::Sometimes,
                   "a replicated write conflict: an entry's condition fails, its client retries",
                   [](const Mrsc&, const State& s) {
                     return any_session(s, [](const Mrsc::Session& ss) { return ss.tries > 0; });
                   }});
  if (planned.write_and_read && bug_ != jr::Bug::NoReadFence)
    out.push_back({"fence-waits-for-write", K::Sometimes,
                   "a strong read's fence is behind a write its region has not applied: the read waits",
                   fence_waits_for_write});
  // The replicated journal relays over a route of two hops, which only a cut link calls for.
  if (faults.cuts > 0 || (!replicated_ && faults.isolations > 0))
    out.push_back({"relayed-entry", K::Sometimes,
                   "a region receives an entry its maker cannot send it, from the third region",
                   [](const Mrsc&, const State& s) { return s.relayed; }});
  if (faults.isolations > 0 || faults.cuts > 1)
    out.push_back({"cut-off-region-refuses", K::Sometimes,
                   "a write or strong read fails at once: its region reaches no other (or is down)",
                   [](const Mrsc&, const State& s) { return world::any_operation(s.clients, OpStatus::Fail); }});
  if (workload().keys > 1 && !counter)
    out.push_back({"transaction-refused", K::Sometimes, "a transaction is refused (not supported in this mode)",
                   [](const Mrsc&, const State& s) { return world::any_operation(s.clients, OpStatus::Refused); }});
  if (faults.crashes > 0)
    out.push_back({"engine-replays", K::Sometimes,
                   "an engine restarted from its checkpoint re-applies an entry it had applied",
                   [](const Mrsc& m, const State& s) {
                     for (int r = 0; r < m.regions(); ++r)
                       for (const auto& item : s.engines[r].data.items)
                         if (m.full(r) && item.version > s.engines[r].data.applied) return true;
                     return false;
                   }});
  if (max_losses_ > 0)
    out.push_back({"lost-region-rebuilds", K::Sometimes, "a region whose storage was lost holds the journal again",
                   [](const Mrsc& m, const State& s) {
                     for (int r = 0; r < m.regions(); ++r)
                       if ((s.lost >> r & 1) && s.journal.data.held[r] > 0) return true;
                     return false;
                   }});
  if (faults.outages > 0) out.push_back(world::outage_refuses_client<Mrsc>());
  return out;
}

}  // namespace replicheck::models
