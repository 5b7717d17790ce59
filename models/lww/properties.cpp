// What users of an asynchronous global table can and cannot rely on, as
// properties of the LWW model (issue 3's table, plus counters and the
// client patterns' costs). Session guarantees, linearizability, availability
// and outages are the world's (models/world/history_properties.hpp).
#include <fmt/format.h>

#include "models/lww/model.hpp"
#include "models/world/history_properties.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
using world::ClientOp, world::OpKind, world::OpStatus;

namespace {

bool same(const lww::Item& a, const lww::Item& b) {
  return a.present == b.present && (!a.present || (a.version.value == b.version.value && a.version.ts == b.version.ts &&
                                                   a.version.origin == b.version.origin));
}

bool converged(const Lww& m, const Lww::State& s) {
  for (int r = 1; r < m.regions(); ++r)
    for (int k = 0; k < m.workload().keys; ++k)
      if (!same(s.regions[0].data.items[k], s.regions[r].data.items[k])) return false;
  return true;
}

// The write that wrote `value` to item k (values are unique per write).
const ClientOp* writer_of(const Lww::State& s, int k, std::uint8_t value) {
  for (int j = 0; j < s.clients.length; ++j) {
    const ClientOp& v = s.clients.history[j];
    if (v.writes() && v.status == OpStatus::Ok && v.touches(k) && v.values[k] == value) return &v;
  }
  return nullptr;
}

// Every acknowledged write is still visible, or was overwritten by a write
// invoked after it was acknowledged (one that came after it in real time),
// in every region: at quiescence they agree unless `converge` fails, and
// naming one region would make the property depend on region numbers
// (a symmetry could then change its verdict).
bool no_lost_write(const Lww& m, const Lww::State& s) {
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& w = s.clients.history[i];
    if (!w.writes() || w.status != OpStatus::Ok) continue;
    for (int k = 0; k < m.workload().keys; ++k)
      for (int r = 0; r < m.regions() && w.touches(k); ++r) {
        const lww::Item& final_item = s.regions[r].data.items[k];
        if (final_item.present && final_item.version.value == w.values[k]) continue;
        const ClientOp* v = final_item.present ? writer_of(s, k, final_item.version.value) : nullptr;
        if (!v || v->invoke <= w.response) return false;
      }
  }
  return true;
}

// Of two acknowledged writes of an item, one after the other in real time,
// the later carries the greater stamp, so it wins everywhere. Clock skew
// breaks this; a single clock per item (home-region) restores it.
bool later_write_wins(const Lww& m, const Lww::State& s) {
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& a = s.clients.history[i];
    if (!a.writes() || a.status != OpStatus::Ok) continue;
    for (int j = 0; j < s.clients.length; ++j) {
      const ClientOp& b = s.clients.history[j];
      if (!b.writes() || b.status != OpStatus::Ok || b.invoke <= a.response) continue;
      for (int k = 0; k < m.workload().keys; ++k)
        if (a.touches(k) && b.touches(k) && !lww::Record{0, 0, b.stamp, b.origin}.newer_than({0, 0, a.stamp, a.origin}))
          return false;
    }
  }
  return true;
}

// Counters: the final value counts every acknowledged increment, in every region.
bool no_lost_increment(const Lww& m, const Lww::State& s) {
  for (int k = 0; k < m.workload().keys; ++k) {
    int acknowledged = 0;
    for (int i = 0; i < s.clients.length; ++i) {
      const ClientOp& o = s.clients.history[i];
      acknowledged += o.kind == OpKind::Increment && o.status == OpStatus::Ok && o.key == k;
    }
    for (int r = 0; r < m.regions(); ++r) {
      const lww::Item& item = s.regions[r].data.items[k];
      if ((item.present ? item.version.value : 0) != acknowledged) return false;
    }
  }
  return true;
}

// A transaction T is torn in a read that shows T on one item and, on
// another, something older than T (nil or a write that loses to T). With
// `remote`, only reads in regions other than T's; else only reads in T's.
bool no_torn_transaction(const Lww& m, const Lww::State& s, bool remote) {
  const int keys = m.workload().keys;
  for (int i = 0; i < s.clients.length; ++i) {
    const ClientOp& t = s.clients.history[i];
    if (!t.writes() || t.key != world::kEveryKey || t.status != OpStatus::Ok) continue;
    const lww::Record stamp{0, 0, t.stamp, t.origin};
    for (int j = 0; j < s.clients.length; ++j) {
      const ClientOp& r = s.clients.history[j];
      if (r.kind != OpKind::Read || r.status != OpStatus::Ok || (r.region != t.origin) != remote) continue;
      bool shows_t = false, shows_older = false;
      for (int k = 0; k < keys; ++k) {
        if (r.values[k] == t.values[k]) {
          shows_t = true;
          continue;
        }
        const ClientOp* w = r.values[k] ? writer_of(s, k, r.values[k]) : nullptr;
        shows_older |= !w || stamp.newer_than({0, 0, w->stamp, w->origin});
      }
      if (shows_t && shows_older) return false;
    }
  }
  return true;
}

// One pass over each stream, for every item at once: checked on every state.
bool stream_matches_table(const Lww& m, const Lww::State& s) {
  for (int r = 0; r < m.regions(); ++r) {
    const auto& d = s.regions[r].data;
    std::array<const lww::Record*, lww::kMaxKeys> newest{};
    for (int i = 0; i < d.stream_length; ++i) {
      const lww::Record& rec = d.stream[i];
      if (rec.key >= m.workload().keys) continue;  // no such item: not checked, as before
      if (newest[rec.key] && !rec.newer_than(*newest[rec.key])) return false;
      newest[rec.key] = &rec;
    }
    for (int k = 0; k < m.workload().keys; ++k)
      if (!same(d.items[k], newest[k] ? lww::Item{*newest[k], true} : lww::Item{})) return false;
  }
  return true;
}

bool any_region(const Lww& m, const Lww::State& s, std::uint8_t lww::RegionReplicaData::*flag) {
  for (int r = 0; r < m.regions(); ++r)
    if (s.regions[r].data.*flag) return true;
  return false;
}

// Seed 004's broken link: a write has reached a third region, but not the
// region its origin cannot reach, and no region relays it there.
bool stranded_by_broken_link(const Lww& m, const Lww::State& s) {
  for (int a = 0; a < m.regions(); ++a)
    for (int c = 0; c < m.regions(); ++c) {
      if (a == c || s.net.carries(a, c)) continue;
      for (int b = 0; b < m.regions(); ++b) {
        if (b == a || b == c) continue;
        for (int k = 0; k < m.workload().keys; ++k) {
          const lww::Item &held = s.regions[b].data.items[k], &lacking = s.regions[c].data.items[k];
          if (held.present && held.version.origin == a &&
              (!lacking.present || held.version.newer_than(lacking.version)))
            return true;
        }
      }
    }
  return false;
}

}  // namespace

std::vector<Property<Lww>> Lww::properties() const {
  using K = PropertyKind;
  using P = Property<Lww>;
  const bool counter = workload().kind == world::Workload::Counter;
  std::vector<P> out = {
      {"converge", K::AtQuiescence, "once replication is drained and links healed, every region holds the same items",
       converged},
  };
  if (counter)
    out.push_back({"no-lost-increment", K::AtQuiescence,
                   "once replication is drained, each counter counts every acknowledged increment", no_lost_increment});
  else
    out.push_back({"no-lost-write", K::AtQuiescence,
                   "every acknowledged write is visible or overwritten by a write that came after it in real time",
                   no_lost_write});
  out.push_back(world::history_property<Lww>(
      "later-write-wins", "of two writes of an item one after the other in real time, the later wins everywhere",
      later_write_wins));
  out.push_back({"no-relay", K::Always, "a replicator ships only writes that originated in its source region",
                 [](const Lww& m, const State& s) {
                   for (int src = 0; src < m.regions(); ++src)
                     for (int dst = 0; dst < m.regions(); ++dst)
                       if (src != dst)
                         for (const auto& w : s.net.in_flight(src, dst))
                           if (w.record.origin != src) return false;
                   return true;
                 }});
  out.push_back({"stream-matches-table", K::Always,
                 "a region's stream records exactly the writes it applied: its newest record for an item is the item",
                 stream_matches_table});
  out.push_back(world::available<Lww>());
  if (!counter)
    for (auto& p : world::register_history_properties<Lww>()) out.push_back(std::move(p));
  if (!counter && workload().keys > 1) {
    // Each item's versions in LWW's order: timestamp, then region.
    out.push_back(world::transactional_property<Lww>(
        "serializable", "transactions and reads take effect in one serial order", properties::Consistency::kSerializable,
        [](const ClientOp& o) { return std::uint64_t(o.stamp) << 2 | o.origin; }, [](const ClientOp&) { return true; }));
    out.push_back(world::history_property<Lww>(
        "no-torn-transaction-in-region", "a read in a transaction's own region sees all of it or none of it",
        [](const Lww& m, const State& s) { return no_torn_transaction(m, s, false); }));
    out.push_back(world::history_property<Lww>(
        "no-torn-transaction-remote", "a read in another region sees all of a transaction or none of it",
        [](const Lww& m, const State& s) { return no_torn_transaction(m, s, true); }));
  }
  // A conflict needs writes made in two regions: with every client in one
  // region (one client, homes=0,0) it cannot happen, and a sometimes
  // property that cannot happen would only fail the run as vacuous.
  if (workload().writing_regions() > 1) {
    out.push_back({"stale-write-dropped", K::Sometimes,
                   "a conflict happens: a replicated write loses to a newer one and is dropped",
                   [](const Lww& m, const State& s) {
                     return any_region(m, s, &lww::RegionReplicaData::stale_dropped);
                   }});
    out.push_back({"replicated-overwrites-local", K::Sometimes,
                   "a replicated write replaces a write made in the destination region",
                   [](const Lww& m, const State& s) {
                     return any_region(m, s, &lww::RegionReplicaData::overwrote_local);
                   }});
  }
  if (pattern_ == Pattern::Conditional && !counter)  // increments carry no condition
    out.push_back({"conditional-write-refused", K::Sometimes,
                   "a conditional write is refused: its item changed since the client read it",
                   [](const Lww&, const State& s) { return world::any_operation(s.clients, OpStatus::Refused); }});
  const auto& faults = world_.faults;
  if (regions() > 2 && (faults.cuts > 0 || faults.isolations > 0 || faults.outages > 0))
    out.push_back({"stranded-by-broken-link", K::Sometimes,
                   "a write reaches a third region but not one its origin cannot reach: no region relays it",
                   stranded_by_broken_link});
  if (faults.outages > 0) out.push_back(world::outage_refuses_client<Lww>());
  return out;
}

}  // namespace replicheck::models
