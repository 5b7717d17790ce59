// The world's symmetries, written once (explorer/search/symmetry.hpp says
// how a search uses them): which renamings of regions and clients map the
// world onto itself, and how the world's part of a state is renamed. A
// protocol adds its roles' part and says how its roles let regions move
// (RegionMoves: a home per item pins them, a first primary pins region 0).
//
// Why these and no others:
// - Regions move as the protocol allows (RegionMoves below), and a client's
//   operations must go where the renaming takes them: a client's third
//   operation reads at its home's *next* region, which a rotation preserves
//   and a transposition of two of three regions does not. And only when
//   every region's clock has the same skew: then every stamp is the tick of
//   a distinct step, no two writes tie, and LWW's tie-break on the region
//   id (the one place a region's number matters) never decides.
// - A client moves with its home: client c may become client d only if d
//   lives where the renaming takes c's home and runs the same workload
//   (the same kinds and items in the same order; values are renamed with
//   their writer).
// - Values are unique per write, 1 + client * MaxOps + index (clients.hpp),
//   so renaming a client renames its values; counters count, and a count
//   is not renamed.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "models/world/clients.hpp"
#include "models/world/world.hpp"
#include "protocol/codec.hpp"

namespace replicheck::world {

// A renaming: region r becomes region[r], client c becomes client[c].
struct Renaming {
  std::array<std::uint8_t, 4> region{0, 1, 2, 3}, client{0, 1, 2, 3};
  int max_ops = 0;
  bool values_name_writers = true;  // false: values are counts

  std::uint8_t value(std::uint8_t v) const {
    if (!values_name_writers || v == 0) return v;
    int writer = (v - 1) / max_ops, index = (v - 1) % max_ops;
    return std::uint8_t(1 + client[std::size_t(writer)] * max_ops + index);
  }
};

// How a protocol's roles let regions move: not at all (a home per item);
// by rotation (every region alike, but an order among them matters, as in
// "append with the next region up that answers"); or by any permutation that
// keeps region 0 (where the first primary is) in place.
enum class RegionMoves { None, Rotations, AllButFirst };

// Every renaming other than the identity that maps the world onto itself,
// with regions moved as `moves` allows. The result is a group (with the
// identity left out), so the least encoding over it is a true orbit
// representative.
inline std::vector<Renaming> symmetries(const Config& c, int max_ops, RegionMoves moves) {
  const Workload& w = c.workload;
  using Map = std::array<std::uint8_t, 4>;
  std::vector<Map> region_maps;
  bool same_skew = std::all_of(c.faults.skew.begin(), c.faults.skew.begin() + c.regions,
                               [&](int s) { return s == c.faults.skew[0]; });
  Map map{0, 1, 2, 3};
  region_maps.push_back(map);
  if (moves == RegionMoves::Rotations && same_skew)
    for (int k = 1; k < c.regions; ++k) {
      for (int r = 0; r < c.regions; ++r) map[std::size_t(r)] = std::uint8_t((r + k) % c.regions);
      region_maps.push_back(map);
    }
  if (moves == RegionMoves::AllButFirst && same_skew)
    while (std::next_permutation(map.begin() + 1, map.begin() + c.regions)) region_maps.push_back(map);
  // Client a may become client b under region map g: same kinds and items in
  // the same order, each operation sent where g takes a's (a rotation keeps
  // "the next region"; a transposition of two of three regions does not).
  auto same_shape = [&](int a, int b, const Map& g) {
    for (int i = 0; i < w.ops; ++i) {
      ClientOp x = w.planned(a, i, max_ops), y = w.planned(b, i, max_ops);
      if (x.kind != y.kind || x.key != y.key || g[x.region] != y.region) return false;
    }
    return true;
  };
  std::vector<Renaming> out;
  for (const Map& regions : region_maps) {
    Renaming g;
    g.max_ops = max_ops;
    g.values_name_writers = w.kind == Workload::Register;
    g.region = regions;
    const bool moved = regions != Map{0, 1, 2, 3};
    std::array<int, 4> perm{};
    std::iota(perm.begin(), perm.begin() + w.clients, 0);
    do {
      bool fits = true;
      for (int x = 0; x < w.clients && fits; ++x)
        fits = w.home(perm[std::size_t(x)]) == g.region[std::size_t(w.home(x))] &&
               same_shape(x, perm[std::size_t(x)], g.region);
      if (!fits || (!moved && std::is_sorted(perm.begin(), perm.begin() + w.clients))) continue;
      for (int x = 0; x < w.clients; ++x) g.client[std::size_t(x)] = std::uint8_t(perm[std::size_t(x)]);
      out.push_back(g);
    } while (std::next_permutation(perm.begin(), perm.begin() + w.clients));
  }
  return out;
}

// A group in words, for `list` and reports ("" when empty); `regions_how`
// says how regions move ("by rotation").
inline std::string described(const std::vector<Renaming>& group, const std::string& regions_how) {
  bool regions_move = false, clients_swap = false;
  for (const auto& g : group) {
    const bool moved = !std::equal(g.region.begin(), g.region.end(), std::array<std::uint8_t, 4>{0, 1, 2, 3}.begin());
    (moved ? regions_move : clients_swap) = true;
  }
  const std::string regions = "regions (" + regions_how + ", with their clients)";
  if (regions_move && clients_swap) return regions + " and clients of one home";
  if (regions_move) return regions;
  return clients_swap ? "clients of one home with the same workload" : "";
}

// The clients' record renamed: each client's progress moves to its new
// name; the history keeps its order (it is real time), each operation
// naming the new client, regions and values.
template <class C>
C renamed(const C& in, const Renaming& g, int clients) {
  C out = in;
  for (int c = 0; c < clients; ++c) {
    out.started[g.client[std::size_t(c)]] = in.started[std::size_t(c)];
    out.pending[g.client[std::size_t(c)]] = in.pending[std::size_t(c)];
  }
  for (int i = 0; i < in.length; ++i) {
    ClientOp& o = out.history[std::size_t(i)];
    o.client = g.client[o.client];
    o.region = g.region[o.region];
    o.origin = g.region[o.origin];
    for (auto& v : o.values) v = g.value(v);
  }
  return out;
}

// Rewrites s into the least encoding of its renamings under `group` (the
// identity included): a true orbit representative, since the renamings form
// a group. For models whose states are small enough that encoding every
// renaming whole is cheap (LWW's canonicalize prunes on its first region).
template <class M>
void least_renaming(const M& m, typename M::State& s, const std::vector<Renaming>& group) {
  if (group.empty()) return;
  std::array<std::uint8_t, kMaxEncoding> one, two;  // written before read
  std::uint8_t *best = one.data(), *candidate = two.data();
  ByteWriter first(best, one.size());
  m.encode(s, first);
  std::size_t best_size = first.size();
  const Renaming* least = nullptr;
  for (const Renaming& g : group) {
    ByteWriter w(candidate, two.size());
    m.encode(m.renamed(s, g), w);
    if (std::lexicographical_compare(candidate, candidate + w.size(), best, best + best_size)) {
      std::swap(best, candidate);
      best_size = w.size();
      least = &g;
    }
  }
  if (least) s = m.renamed(s, *least);
}

}  // namespace replicheck::world
