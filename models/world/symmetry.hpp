// The world's symmetries, written once (explorer/search/symmetry.hpp says
// how a search uses them): which renamings of regions and clients map the
// world onto itself, and how the world's part of a state is renamed. A
// protocol adds its roles' part and decides whether its roles allow a
// region to move at all (a primary, a leader, a home per item do not).
//
// Why these and no others:
// - Regions move only by rotation (r -> r + k mod regions): a client's
//   third operation reads at its home's *next* region, which a rotation
//   preserves and a transposition of two of three regions does not. And
//   only when every region's clock has the same skew: then every stamp is
//   the tick of a distinct step, no two writes tie, and LWW's tie-break on
//   the region id (the one place a region's number matters) never decides.
// - A client moves with its home: client c may become client d only if d
//   lives where the rotation takes c's home and runs the same workload
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
#include <vector>

#include "models/world/clients.hpp"
#include "models/world/world.hpp"

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

// Every renaming other than the identity that maps the world onto itself.
// `regions_move`: the protocol's roles are the same in every region. The
// result is a group (with the identity left out), so the least encoding
// over it is a true orbit representative.
inline std::vector<Renaming> symmetries(const Config& c, int max_ops, bool regions_move) {
  const Workload& w = c.workload;
  std::vector<int> rotations{0};
  bool same_skew = std::all_of(c.faults.skew.begin(), c.faults.skew.begin() + c.regions,
                               [&](int s) { return s == c.faults.skew[0]; });
  if (regions_move && same_skew)
    for (int k = 1; k < c.regions; ++k) rotations.push_back(k);
  auto same_shape = [&](int a, int b) {
    for (int i = 0; i < w.ops; ++i) {
      ClientOp x = w.planned(a, i, max_ops), y = w.planned(b, i, max_ops);
      if (x.kind != y.kind || x.key != y.key) return false;
    }
    return true;
  };
  std::vector<Renaming> out;
  for (int k : rotations) {
    Renaming g;
    g.max_ops = max_ops;
    g.values_name_writers = w.kind == Workload::Register;
    for (int r = 0; r < c.regions; ++r) g.region[std::size_t(r)] = std::uint8_t((r + k) % c.regions);
    std::array<int, 4> perm{};
    std::iota(perm.begin(), perm.begin() + w.clients, 0);
    do {
      bool fits = true;
      for (int x = 0; x < w.clients && fits; ++x)
        fits = w.home(perm[std::size_t(x)]) == g.region[std::size_t(w.home(x))] && same_shape(x, perm[std::size_t(x)]);
      if (!fits || (k == 0 && std::is_sorted(perm.begin(), perm.begin() + w.clients))) continue;
      for (int x = 0; x < w.clients; ++x) g.client[std::size_t(x)] = std::uint8_t(perm[std::size_t(x)]);
      out.push_back(g);
    } while (std::next_permutation(perm.begin(), perm.begin() + w.clients));
  }
  return out;
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

}  // namespace replicheck::world
