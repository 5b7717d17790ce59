// Log shipping's symmetry: the world's renamings (models/world/symmetry.hpp)
// applied to the volumes, shippers and sessions too. Region 0 holds the
// first primary, so it stays; the secondaries may move among themselves
// with their clients (any permutation: no order among secondaries matters
// to the control plane, which may promote any of them). Clients must still
// send each operation where the renaming takes it, so the default two
// operations (write and read at home) allow it and a third (a read at the
// next region) does not. Every log-shipping property quantifies over all
// regions and clients.
#include "models/logship/model.hpp"
#include "models/world/symmetry.hpp"

namespace replicheck::models {

namespace ls = protocol::logship;

std::string LogShipping::symmetry() const {
  return world::described(symmetries_, "the secondaries, any permutation");
}

LogShipping::State LogShipping::renamed(const State& s, const world::Renaming& g) const {
  auto commit = [&g](ls::Commit c) {
    c.value = g.value(c.value);
    return c;
  };
  State out = s;
  out.net = s.net.renamed(g.region, regions(), [&](Msg m) {
    if (!m.holds<ls::Redo>()) return m;
    ls::Redo redo = m.get<ls::Redo>();
    redo.commit = commit(redo.commit);
    return Msg(redo);
  });
  out.clients = world::renamed(s.clients, g, workload().clients);
  for (int r = 0; r < regions(); ++r) {
    auto& volume = out.volumes[g.region[std::size_t(r)]];
    volume = s.volumes[std::size_t(r)];
    for (int i = 0; i < volume.data.length; ++i) volume.data.log[std::size_t(i)] = commit(volume.data.log[std::size_t(i)]);
    for (int d = 0; d < regions(); ++d)
      if (d != r)
        out.shippers[g.region[std::size_t(r)] * kRegions + g.region[std::size_t(d)]] =
            s.shippers[std::size_t(r * kRegions + d)];
  }
  if (s.switching_to) out.switching_to = std::uint8_t(g.region[s.switching_to - 1u] + 1);
  for (int c = 0; c < workload().clients; ++c) out.sessions[g.client[std::size_t(c)]] = s.sessions[std::size_t(c)];
  return out;
}

void LogShipping::canonicalize(State& s) const { world::least_renaming(*this, s, symmetries_); }

}  // namespace replicheck::models
