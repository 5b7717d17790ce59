// LWW's symmetry: the world's renamings (models/world/symmetry.hpp) applied
// to LWW's roles too, and the least encoding over them as the orbit's
// representative (explorer/search/symmetry.hpp).
#include <algorithm>
#include <array>

#include "models/lww/model.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;

std::string Lww::symmetry() const {
  return world::described(symmetries_, "by rotation");
}

namespace {
lww::Record renamed_record(lww::Record r, const world::Renaming& g) {
  r.value = g.value(r.value);
  r.origin = g.region[r.origin];
  return r;
}
lww::Item renamed_item(lww::Item i, const world::Renaming& g) {
  if (i.present) i.version = renamed_record(i.version, g);
  return i;
}
}  // namespace

lww::RegionReplicaData Lww::renamed_region(const State& s, int r, const world::Renaming& g) const {
  const auto& from = s.regions[std::size_t(r)].data;
  lww::RegionReplicaData to = from;
  for (int k = 0; k < workload().keys; ++k) to.items[std::size_t(k)] = renamed_item(from.items[std::size_t(k)], g);
  for (int i = 0; i < from.stream_length; ++i) to.stream[std::size_t(i)] = renamed_record(from.stream[std::size_t(i)], g);
  return to;
}

Lww::State Lww::renamed(const State& s, const world::Renaming& g) const {
  auto record = [&g](lww::Record r) { return renamed_record(r, g); };
  auto item = [&g](lww::Item i) { return renamed_item(i, g); };
  State out = s;
  out.net = s.net.renamed(g.region, regions(), [&](lww::ReplicatedWrite m) {
    m.record = record(m.record);
    return m;
  });
  out.clients = world::renamed(s.clients, g, workload().clients);
  for (int r = 0; r < regions(); ++r) {
    auto& to = out.regions[g.region[std::size_t(r)]].data;
    const lww::RegionReplicaData data = renamed_region(s, r, g);
    to.items = data.items;
    to.stream_length = data.stream_length;
    std::copy(data.stream.begin(), data.stream.begin() + data.stream_length, to.stream.begin());
    to.stale_dropped = data.stale_dropped;
    to.overwrote_local = data.overwrote_local;
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
  // best: the least encoding so far; until a renaming ties or wins on its
  // first region, only the identity's first region is encoded (the search
  // encodes the result anyway).
  std::array<std::uint8_t, kMaxEncoding> best{}, candidate{};
  ByteWriter first(best.data(), best.size());
  encode_region(s.regions[0].data, first);
  std::size_t best_size = first.size();
  bool whole = false, moved = false;
  for (const auto& g : symmetries_) {
    // The encoding starts with region 0's replica: the renamed state's is
    // the one g moves there. It alone decides most comparisons, so the
    // whole renamed state is built only when it ties or wins.
    int to_first = int(std::find(g.region.begin(), g.region.end(), 0) - g.region.begin());
    ByteWriter head(candidate.data(), candidate.size());
    encode_region(renamed_region(s, to_first, g), head);
    std::size_t common = std::min(head.size(), best_size);
    auto [c, b] = std::mismatch(candidate.begin(), candidate.begin() + std::ptrdiff_t(common), best.begin());
    if (c != candidate.begin() + std::ptrdiff_t(common) && *b < *c) continue;
    if (!whole) {
      ByteWriter w(best.data(), best.size());
      encode(s, w);
      best_size = w.size();
      whole = true;
    }
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
