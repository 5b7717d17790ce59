#include "properties/session_graph.hpp"

#include <algorithm>
#include <deque>

namespace replicheck::properties::detail {

// Tarjan's strongly connected components, iterative so that long session
// chains cannot overflow the stack.
std::vector<int> DemandGraph::components() const {
  const std::size_t n = edges_.size();
  std::vector<int> component(n, -1), index(n, -1), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<Node> stack;
  struct Frame {
    Node node;
    std::size_t next_edge;
  };
  std::vector<Frame> calls;
  int counter = 0, components = 0;
  auto visit = [&](Node v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = 1;
    calls.push_back({v, 0});
  };
  for (Node root = 0; root < n; ++root) {
    if (index[root] != -1) continue;
    visit(root);
    while (!calls.empty()) {
      const Node v = calls.back().node;
      if (calls.back().next_edge < edges_[v].size()) {
        const Node w = edges_[v][calls.back().next_edge++].to;
        if (index[w] == -1) visit(w);
        else if (on_stack[w]) low[v] = std::min(low[v], index[w]);
        continue;
      }
      if (low[v] == index[v]) {
        Node w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          component[w] = components;
        } while (w != v);
        ++components;
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().node] = std::min(low[calls.back().node], low[v]);
    }
  }
  return component;
}

// Shortest path inside one component (breadth first), as edges.
std::vector<DemandGraph::Step> DemandGraph::path(Node from, Node to, const std::vector<int>& component) const {
  std::vector<Step> parent(edges_.size(), Step{kNone, nullptr});
  std::deque<Node> queue{from};
  std::vector<char> seen(edges_.size(), 0);
  seen[from] = 1;
  while (!queue.empty() && !seen[to]) {
    const Node v = queue.front();
    queue.pop_front();
    for (const Edge& e : edges_[v]) {
      if (seen[e.to] || component[e.to] != component[from]) continue;
      seen[e.to] = 1;
      parent[e.to] = {v, &e};
      queue.push_back(e.to);
    }
  }
  std::vector<Step> steps;
  if (from == to) return steps;
  for (Node v = to; v != from; v = parent[v].from) steps.push_back(parent[v]);
  std::reverse(steps.begin(), steps.end());
  return steps;
}

std::optional<SessionViolation> DemandGraph::find_violation() const {
  const std::vector<int> component = components();
  for (Node u = 0; u < edges_.size(); ++u) {
    for (const Edge& e : edges_[u]) {
      if (!e.strict || component[u] != component[e.to]) continue;
      std::vector<Step> cycle{{u, &e}};
      for (const Step& s : path(e.to, u, component)) cycle.push_back(s);
      return fold(std::move(cycle));
    }
  }
  std::vector<Node> first_version(edges_.size(), kNone);  // per component
  for (Node v = 0; v < edges_.size(); ++v) {
    if (!is_version_[v]) continue;
    Node& first = first_version[static_cast<std::size_t>(component[v])];
    if (first == kNone) {
      first = v;
      continue;
    }
    std::vector<Step> cycle = path(first, v, component);
    for (const Step& s : path(v, first, component)) cycle.push_back(s);
    return fold(std::move(cycle));
  }
  return std::nullopt;
}

// Rewrites a cycle over versions and joins as demands between versions only.
SessionViolation DemandGraph::fold(std::vector<Step> cycle) const {
  const auto start = std::find_if(cycle.begin(), cycle.end(), [&](const Step& s) { return is_version_[s.from]; });
  std::rotate(cycle.begin(), start, cycle.end());  // every cycle passes a version: joins only lead forward
  SessionViolation out;
  VersionDemand current;
  bool open = false;
  for (const Step& s : cycle) {
    if (!open) {
      current = VersionDemand{write_op_[s.from], {}, false, s.edge->because, s.edge->why, {}};
      open = true;
    }
    current.strict = current.strict || s.edge->strict;
    for (std::size_t op : {s.edge->first_op, s.edge->second_op}) {
      if (op != kNoOp && std::find(current.ops.begin(), current.ops.end(), op) == current.ops.end())
        current.ops.push_back(op);
    }
    if (s.edge->because && std::find(out.guarantees.begin(), out.guarantees.end(), *s.edge->because) == out.guarantees.end())
      out.guarantees.push_back(*s.edge->because);
    if (is_version_[s.edge->to]) {
      current.to = write_op_[s.edge->to];
      out.cycle.push_back(std::move(current));
      open = false;
    }
  }
  std::sort(out.guarantees.begin(), out.guarantees.end());
  return out;
}

}  // namespace replicheck::properties::detail
