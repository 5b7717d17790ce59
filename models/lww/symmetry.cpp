// LWW's symmetry: the world's renamings (models/world/symmetry.hpp) applied
// to LWW's roles too, and the least encoding over them as the orbit's
// representative (explorer/search/symmetry.hpp).
#include <algorithm>
#include <array>

#include "models/lww/model.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;

std::string Lww::symmetry() const {
  bool regions_move = false, clients_swap = false;
  for (const auto& g : symmetries_) (g.region[0] != 0 ? regions_move : clients_swap) = true;
  if (regions_move && clients_swap) return "regions (by rotation, with their clients) and clients of one home";
  if (regions_move) return "regions (by rotation, with their clients)";
  return clients_swap ? "clients of one home with the same workload" : "";
}

Lww::State Lww::renamed(const State& s, const world::Renaming& g) const {
  auto record = [&g](lww::Record r) {
    r.value = g.value(r.value);
    r.origin = g.region[r.origin];
    return r;
  };
  auto item = [&](lww::Item i) {
    if (i.present) i.version = record(i.version);
    return i;
  };
  State out = s;
  out.net = s.net.renamed(g.region, regions(), [&](lww::ReplicatedWrite m) {
    m.record = record(m.record);
    return m;
  });
  out.clients = world::renamed(s.clients, g, workload().clients);
  for (int r = 0; r < regions(); ++r) {
    const auto& from = s.regions[std::size_t(r)].data;
    auto& to = out.regions[g.region[std::size_t(r)]].data;
    for (int k = 0; k < workload().keys; ++k) to.items[std::size_t(k)] = item(from.items[std::size_t(k)]);
    to.stream_length = from.stream_length;
    for (int i = 0; i < from.stream_length; ++i) to.stream[std::size_t(i)] = record(from.stream[std::size_t(i)]);
    to.stale_dropped = from.stale_dropped;
    to.overwrote_local = from.overwrote_local;
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      auto& to = out.replicators[g.region[std::size_t(src)] * kRegions + g.region[std::size_t(dst)]];
      to = s.replicators[std::size_t(src * kRegions + dst)];
      to.data.source = g.region[std::size_t(src)];  // configuration: where the replicator reads
    }
  for (int c = 0; c < workload().clients; ++c) {
    Session session = s.sessions[std::size_t(c)];
    session.sticky_region = session.sticky_left ? g.region[session.sticky_region] : 0;
    for (auto& seen : session.seen) seen = item(seen);
    out.sessions[g.client[std::size_t(c)]] = session;
  }
  return out;
}

void Lww::canonicalize(State& s) const {
  if (symmetries_.empty()) return;
  // A sticky region no operation will use again is read by nothing: say 0,
  // as renamed() does, or the renaming of a state would not be one the
  // protocol reaches (every session starts at region 0, unused).
  for (auto& session : s.sessions)
    if (!session.sticky_left) session.sticky_region = 0;
  std::array<std::uint8_t, kMaxEncoding> best{}, candidate{};
  ByteWriter first(best.data(), best.size());
  encode(s, first);
  std::size_t best_size = first.size();
  bool moved = false;
  for (const auto& g : symmetries_) {
    ByteWriter w(candidate.data(), candidate.size());
    encode(renamed(s, g), w);
    if (std::lexicographical_compare(candidate.begin(), candidate.begin() + w.size(), best.begin(),
                                     best.begin() + best_size)) {
      std::copy(candidate.begin(), candidate.begin() + w.size(), best.begin());
      best_size = w.size();
      moved = true;
    }
  }
  if (!moved) return;
  ByteReader r(best.data(), best_size);
  decode(r, s);
}

}  // namespace replicheck::models
