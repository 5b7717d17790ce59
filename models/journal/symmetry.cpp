// MRSC's symmetry: the world's renamings (models/world/symmetry.hpp) applied
// to the journal and the engines too. Regions move by rotation only, and
// only with the atomic journal and no witness:
// - a region appends with the first region it can reach counting up from
//   itself (append_peer): a rotation keeps that order, a transposition of
//   two regions does not;
// - the witness (r2) and the replicated journal's first leader (r0) are
//   region numbers the protocol singles out (with a witness, clients of one
//   home may still swap; the replicated journal declares nothing).
// Every MRSC property quantifies over all regions and clients (the tables
// agree; every operation's history is linearizable; ...).
#include "models/journal/model.hpp"
#include "models/world/symmetry.hpp"

namespace replicheck::models {

namespace jr = protocol::journal;

std::vector<world::Renaming> Mrsc::renamings() const {
  if (replicated_) return {};  // the replicas' logs name clients too; not renamed here
  // With a witness, clients of one home may still swap (every region fixed).
  return world::symmetries(world_, kMaxOps, witness_ ? world::RegionMoves::None : world::RegionMoves::Rotations);
}

std::string Mrsc::symmetry() const {
  return world::described(symmetries_, "by rotation");
}

namespace {
jr::Entry renamed_entry(jr::Entry e, const world::Renaming& g) {
  e.origin = g.region[e.origin];
  e.client = g.client[e.client];
  if (e.kind == jr::Entry::Put) e.value = g.value(e.value);
  return e;
}
}  // namespace

Mrsc::State Mrsc::renamed(const State& s, const world::Renaming& g) const {
  State out = s;
  out.net = s.net.renamed(g.region, kRegions, [](NoMessage m) { return m; });
  out.clients = world::renamed(s.clients, g, workload().clients);
  auto& j = out.journal.data;
  for (int i = 0; i < j.length; ++i) j.entries[std::size_t(i)] = renamed_entry(s.journal.data.entries[std::size_t(i)], g);
  out.lost = 0;
  for (int r = 0; r < kRegions; ++r) {
    const auto to = g.region[std::size_t(r)];
    j.held[to] = s.journal.data.held[std::size_t(r)];
    if (s.lost & 1 << r) out.lost |= std::uint8_t(1 << to);
    auto& engine = out.engines[to];
    engine = s.engines[std::size_t(r)];
    engine.data.region = to;  // configuration: the region it serves
    for (int k = 0; k < workload().keys; ++k) {
      auto& item = engine.data.items[std::size_t(k)];
      item.value = g.value(item.value);
    }
    for (int c = 0; c < workload().clients; ++c)
      engine.data.answers[g.client[std::size_t(c)]] = s.engines[std::size_t(r)].data.answers[std::size_t(c)];
  }
  for (int c = 0; c < workload().clients; ++c) {
    Session session = s.sessions[std::size_t(c)];
    if (session.slot) session.entry = renamed_entry(jr::Entry::unpack(session.entry), g).pack();
    out.sessions[g.client[std::size_t(c)]] = session;
  }
  return out;
}

void Mrsc::canonicalize(State& s) const { world::least_renaming(*this, s, symmetries_); }

}  // namespace replicheck::models
