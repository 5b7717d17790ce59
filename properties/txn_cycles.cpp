// Cycles of the dependency graph. Whether a cycle exists is decided exactly
// by strongly connected components (Tarjan); finding a short one to explain
// is a breadth-first search from an edge of the component back to its start,
// bounded by a work budget since it is only for explanation.
#include <algorithm>
#include <deque>
#include <map>

#include "properties/txn_graph.hpp"

namespace replicheck::properties::detail {

namespace {

using Cycle = std::vector<std::pair<std::size_t, DepEdge>>;

bool allowed(const DepEdge& e, unsigned mask) { return (bit(e.kind) & mask) != 0; }

// Component id of each node over the edges in `mask` (iterative Tarjan);
// `sizes` gets each component's size.
std::vector<std::uint32_t> components(const TxnGraph& g, unsigned mask, std::vector<std::uint32_t>& sizes) {
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  const std::size_t n = g.out.size();
  std::vector<std::uint32_t> index(n, kUnseen), low(n, 0), comp(n, kUnseen);
  std::vector<std::uint32_t> stack;
  std::vector<std::pair<std::uint32_t, std::size_t>> call;  // node, next edge
  std::uint32_t next_index = 0;
  sizes.clear();
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnseen || !g.committed[root]) continue;
    call.push_back({root, 0});
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    while (!call.empty()) {
      auto& [v, i] = call.back();
      if (i < g.out[v].size()) {
        const DepEdge& e = g.out[v][i++];
        if (!allowed(e, mask)) continue;
        const std::uint32_t w = e.to;
        if (index[w] == kUnseen) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          call.push_back({w, 0});
        } else if (comp[w] == kUnseen) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const std::uint32_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] == index[done]) {
        const auto id = static_cast<std::uint32_t>(sizes.size());
        sizes.push_back(0);
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          comp[w] = id;
          ++sizes[id];
        } while (w != done);
      }
    }
  }
  return comp;
}

// Shortest path from `from` to `to` over `mask` edges inside component `c`.
Cycle path(const TxnGraph& g, std::uint32_t from, std::uint32_t to, unsigned mask,
           const std::vector<std::uint32_t>& comp, std::uint64_t& work) {
  std::unordered_map<std::uint32_t, std::pair<std::uint32_t, const DepEdge*>> parent;
  std::deque<std::uint32_t> queue{from};
  parent[from] = {from, nullptr};
  while (!queue.empty() && !parent.contains(to)) {
    const std::uint32_t v = queue.front();
    queue.pop_front();
    for (const DepEdge& e : g.out[v]) {
      ++work;
      if (!allowed(e, mask) || comp[e.to] != comp[from] || parent.contains(e.to)) continue;
      parent[e.to] = {v, &e};
      queue.push_back(e.to);
    }
  }
  Cycle out;
  if (!parent.contains(to)) return out;
  for (std::uint32_t v = to; v != from; v = parent[v].first) out.push_back({parent[v].first, *parent[v].second});
  std::reverse(out.begin(), out.end());
  return out;
}

struct Pass {
  unsigned scc_mask;   // the graph whose components are searched
  unsigned start;      // kinds of the cycle's first edge
  unsigned rest_mask;  // kinds of the path back
};

}  // namespace

bool has_cycle(const TxnGraph& g, unsigned mask) {
  std::vector<std::uint32_t> sizes;
  components(g, mask, sizes);
  return std::any_of(sizes.begin(), sizes.end(), [](std::uint32_t s) { return s > 1; });
}

std::string classify(const Cycle& cycle, bool si_search) {
  int rw = 0, wr = 0, process = 0, realtime = 0;
  for (const auto& [from, e] : cycle) {
    rw += e.kind == EdgeKind::kRW;
    wr += e.kind == EdgeKind::kWR;
    process += e.kind == EdgeKind::kProcess;
    realtime += e.kind == EdgeKind::kRealtime;
  }
  std::string name = rw == 0 ? (wr == 0 ? "G0" : "G1c") : rw == 1 ? "G-single" : si_search ? "G-nonadjacent" : "G2-item";
  if (realtime > 0) name += "-realtime";
  else if (process > 0) name += "-process";
  return name;
}

CycleFinds find_cycles(const TxnGraph& g, std::uint64_t max_work) {
  // Weakest anomalies first, as Elle does: G0, G1c, G-single, G2-item, then
  // the cycles that need process or real-time order.
  static constexpr Pass kPasses[] = {
      {kWW, kWW, kWW},
      {kWW | kWR, kWR, kWW | kWR},
      {kData, kRW, kWW | kWR},
      {kData, kRW, kData},
      {kData | bit(EdgeKind::kProcess), bit(EdgeKind::kProcess), kData | bit(EdgeKind::kProcess)},
      {kData | kOrder, bit(EdgeKind::kRealtime), kData | kOrder},
  };
  constexpr std::size_t kTriesPerComponent = 16, kComponentsPerPass = 8;
  CycleFinds out;
  std::map<std::string, Cycle> best;
  std::uint64_t work = 0;
  for (const Pass& pass : kPasses) {
    std::vector<std::uint32_t> sizes;
    const auto comp = components(g, pass.scc_mask, sizes);
    std::vector<std::size_t> tries(sizes.size(), 0);
    std::size_t components_tried = 0;
    for (std::uint32_t v = 0; v < g.out.size() && components_tried <= kComponentsPerPass; ++v) {
      if (!g.committed[v] || sizes[comp[v]] < 2) continue;
      for (const DepEdge& e : g.out[v]) {
        if (!allowed(e, pass.start) || comp[e.to] != comp[v] || tries[comp[v]] >= kTriesPerComponent) continue;
        if (work > max_work) {
          out.truncated = true;
          break;
        }
        components_tried += tries[comp[v]]++ == 0;
        Cycle back = path(g, e.to, v, pass.rest_mask, comp, work);
        if (back.empty() && e.to != v) continue;
        back.insert(back.begin(), {v, e});
        const std::string name = classify(back, false);
        auto [it, added] = best.emplace(name, back);
        if (!added && back.size() < it->second.size()) it->second = std::move(back);
      }
    }
  }
  for (auto& [name, cycle] : best) out.cycles.push_back(std::move(cycle));
  return out;
}

Cycle si_cycle(const TxnGraph& g) {
  // Composite edges: a dependency (ww or wr), optionally followed by one
  // anti-dependency. A cycle of them is a cycle of the graph in which no two
  // rw edges are adjacent; snapshot isolation allows every other cycle.
  TxnGraph composite;
  composite.committed = g.committed;
  composite.out.assign(g.out.size(), {});
  std::vector<std::vector<std::pair<const DepEdge*, const DepEdge*>>> parts(g.out.size());
  for (std::size_t a = 0; a < g.out.size(); ++a) {
    for (const DepEdge& d : g.out[a]) {
      if (!allowed(d, kWW | kWR)) continue;
      // A composite edge's `key` is its index into parts[a].
      composite.out[a].push_back({.to = d.to, .key = static_cast<std::uint32_t>(parts[a].size())});
      parts[a].push_back({&d, nullptr});
      for (const DepEdge& r : g.out[d.to]) {
        if (r.kind != EdgeKind::kRW) continue;
        if (r.to == a) return {{a, d}, {d.to, r}};  // a two-edge cycle
        composite.out[a].push_back({.to = r.to, .key = static_cast<std::uint32_t>(parts[a].size())});
        parts[a].push_back({&d, &r});
      }
    }
  }
  std::vector<std::uint32_t> sizes;
  const auto comp = components(composite, kWW, sizes);
  for (std::uint32_t v = 0; v < composite.out.size(); ++v) {
    if (!composite.committed[v] || sizes[comp[v]] < 2) continue;
    for (std::size_t i = 0; i < composite.out[v].size(); ++i) {
      const std::uint32_t w = composite.out[v][i].to;
      if (comp[w] != comp[v]) continue;
      std::uint64_t work = 0;
      Cycle steps = path(composite, w, v, kWW, comp, work);
      steps.insert(steps.begin(), {v, composite.out[v][i]});
      Cycle out;  // expand each composite step into its one or two edges
      for (const auto& [from, step] : steps) {
        const auto [d, r] = parts[from][step.key];
        out.push_back({from, *d});
        if (r) out.push_back({d->to, *r});
      }
      return out;
    }
  }
  return {};
}

}  // namespace replicheck::properties::detail
