// rw-register histories whose version orders cannot all be inferred: a
// depth-first search for a serial order of the committed transactions in
// which every read returns the latest write. Only orders that respect the
// graph's edges are tried (every edge holds in any valid order), states
// already explored are remembered (transactions placed, register values),
// and the search gives up (unknown) when its budget runs out.
#include <algorithm>
#include <chrono>
#include <unordered_set>

#include "properties/txn_search.hpp"

namespace replicheck::properties::detail {

namespace {

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Search {
 public:
  Search(const TxnHistory& h, const Inference& inf, unsigned mask, const TxnCheckOptions& options)
      : h_(h), inf_(inf), options_(options), start_(std::chrono::steady_clock::now()) {
    const std::size_t n = h.txns.size();
    preds_.assign(n, 0);
    for (std::size_t t = 0; t < n; ++t) {
      if (!inf.graph.committed[t]) continue;
      nodes_.push_back(t);
      for (const DepEdge& e : inf.graph.out[t]) {
        if ((bit(e.kind) & mask) != 0) ++preds_[e.to];
      }
    }
    std::sort(nodes_.begin(), nodes_.end(), [&](std::size_t a, std::size_t b) { return h.txns[a].invoke < h.txns[b].invoke; });
    mask_ = mask;
    position_.assign(n, 0);
    for (std::size_t i = 0; i < nodes_.size(); ++i) position_[nodes_[i]] = i;
    placed_.assign(n, false);
    values_.assign(inf.graph.keys.size(), {false, 0});
  }

  Holds run() {
    if (dfs()) return Holds::kYes;
    return out_of_budget_ ? Holds::kUnknown : Holds::kNo;
  }

 private:
  using Undo = std::vector<std::pair<std::uint32_t, std::pair<bool, std::int64_t>>>;

  bool fits(std::size_t t) const {
    if (h_.txns[t].status != Status::kOk) return true;  // an :info transaction's reads are unknown
    for (const KeyUse& u : inf_.uses[t]) {
      if (!u.external) continue;
      const auto [set, value] = values_[u.key];
      if (u.first_read.empty() ? set : (!set || value != u.first_read[0])) return false;
    }
    return true;
  }

  // A new state: false if it was explored before or the budget is spent.
  bool enter() {
    if (!seen_.insert(placed_hash_ * 0x100000001b3ULL ^ values_hash_).second) return false;
    if (++steps_ > options_.max_steps && options_.max_steps != 0) return out_of_budget_ = true, false;
    if ((steps_ & 1023) == 0 && options_.max_seconds > 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() > options_.max_seconds)
      return out_of_budget_ = true, false;
    return true;
  }

  // Iterative, so that thousands of transactions do not exhaust the stack:
  // one frame per transaction placed, each remembering which candidate it
  // tries next and how to take back the one it placed.
  bool dfs() {
    struct Frame {
      std::size_t next = SIZE_MAX;  // set on first visit: the first unplaced transaction
      std::size_t placed = SIZE_MAX;
      Undo undo;
    };
    if (nodes_.empty()) return true;
    if (!enter()) return false;
    std::vector<Frame> stack(1);
    std::size_t depth = 0;  // transactions placed
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.placed != SIZE_MAX) {
        unplace(f.placed, f.undo);
        --depth;
        f.placed = SIZE_MAX;
        f.undo.clear();
        if (out_of_budget_) return false;
      }
      if (f.next == SIZE_MAX) f.next = first_unplaced_;
      while (f.next < nodes_.size() && (placed_[nodes_[f.next]] || preds_[nodes_[f.next]] != 0 || !fits(nodes_[f.next]))) ++f.next;
      if (f.next == nodes_.size()) {
        stack.pop_back();
        continue;
      }
      f.placed = nodes_[f.next++];
      place(f.placed, f.undo);
      if (++depth == nodes_.size()) return true;
      if (enter()) stack.emplace_back();
    }
    return false;
  }

  void place(std::size_t t, Undo& undo) {
    placed_[t] = true;
    while (first_unplaced_ < nodes_.size() && placed_[nodes_[first_unplaced_]]) ++first_unplaced_;
    placed_hash_ ^= mix(t);
    for (const DepEdge& e : inf_.graph.out[t]) {
      if ((bit(e.kind) & mask_) != 0) --preds_[e.to];
    }
    for (const KeyUse& u : inf_.uses[t]) {
      if (u.writes.empty()) continue;
      undo.push_back({u.key, values_[u.key]});
      set(u.key, {true, u.writes.back()});
    }
  }

  void unplace(std::size_t t, const Undo& undo) {
    placed_[t] = false;
    first_unplaced_ = std::min(first_unplaced_, position_[t]);
    placed_hash_ ^= mix(t);
    for (const DepEdge& e : inf_.graph.out[t]) {
      if ((bit(e.kind) & mask_) != 0) ++preds_[e.to];
    }
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) set(it->first, it->second);
  }

  void set(std::uint32_t key, std::pair<bool, std::int64_t> v) {
    auto h = [key](std::pair<bool, std::int64_t> x) { return x.first ? mix((std::uint64_t{key} << 32) ^ mix(static_cast<std::uint64_t>(x.second))) : 0; };
    values_hash_ ^= h(values_[key]) ^ h(v);
    values_[key] = v;
  }

  const TxnHistory& h_;
  const Inference& inf_;
  const TxnCheckOptions& options_;
  std::chrono::steady_clock::time_point start_;
  unsigned mask_ = 0;
  std::vector<std::size_t> nodes_;
  std::vector<std::uint32_t> preds_;
  std::vector<std::size_t> position_;  // index in nodes_ of each transaction
  std::size_t first_unplaced_ = 0;     // every node before it is placed: candidates start there
  std::vector<bool> placed_;
  std::vector<std::pair<bool, std::int64_t>> values_;  // per key: written yet, value
  std::uint64_t placed_hash_ = 0, values_hash_ = 0, steps_ = 0;
  bool out_of_budget_ = false;
  std::unordered_set<std::uint64_t> seen_;
};

}  // namespace

Holds search_serial_order(const TxnHistory& h, const Inference& inf, unsigned mask, const TxnCheckOptions& options) {
  Search search(h, inf, mask, options);
  return search.run();
}

}  // namespace replicheck::properties::detail
