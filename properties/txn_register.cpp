// rw-register version orders. A read returns one value, so the order of a
// key's versions is known only in part: the initial nil comes first, and a
// transaction that read a and then wrote b installed b after a
// (writes-follow-reads). Where those facts chain every installed value of a
// key into one sequence, or the caller gives the order, the key's order is
// exact; otherwise the edges below are what is certain, and the serial-order
// search (txn_search.cpp) decides.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "properties/txn_graph.hpp"

namespace replicheck::properties::detail {

namespace {

struct Writer {
  std::size_t txn;
  bool final;  // the transaction's last write to the key
};

struct Key {
  std::unordered_map<std::int64_t, Writer> writer;  // unique values assumed; see docs
  std::vector<std::size_t> nil_readers;
  std::unordered_map<std::int64_t, std::vector<std::size_t>> readers;
  std::vector<std::int64_t> installed;                 // committed final writes
  std::vector<std::pair<bool, std::int64_t>> follows;  // (a is nil, a) -> b pairs, below
  std::vector<std::int64_t> follows_b;
  std::vector<std::int64_t> order;                     // exact order, when known
  bool exact = false;
};

// The chain nil -> x1 -> x2 ... through writes-follow-reads pairs, if it
// covers every installed value and never branches.
bool chain(Key& k) {
  std::map<std::pair<bool, std::int64_t>, std::vector<std::int64_t>> next;
  for (std::size_t i = 0; i < k.follows.size(); ++i) next[{!k.follows[i].first, k.follows[i].second}].push_back(k.follows_b[i]);
  std::vector<std::int64_t> out;
  std::pair<bool, std::int64_t> at{false, 0};  // (is a value, value): nil first
  while (true) {
    auto it = next.find(at);
    if (it == next.end()) break;
    if (it->second.size() != 1) return false;
    out.push_back(it->second[0]);
    at = {true, it->second[0]};
    if (out.size() > k.installed.size()) return false;  // a cycle
  }
  if (out.size() != k.installed.size()) return false;
  k.order = std::move(out);
  return true;
}

}  // namespace

Inference infer_rw_register(const TxnHistory& h, const TxnCheckOptions& options) {
  Inference inf;
  KeyIndex keys;
  inf.uses = analyse(h, Workload::kRwRegister, keys, inf.anomalies);
  const std::size_t n = h.txns.size(), nkeys = keys.names.size();
  std::vector<Key> key(nkeys);
  auto anomaly = [&](std::string name, std::string text, std::vector<std::size_t> txns) {
    note(inf.anomalies, {.name = std::move(name), .explanation = std::move(text), .txns = std::move(txns)});
  };
  TxnGraph& g = inf.graph;
  g.committed.assign(n, false);
  for (std::size_t t = 0; t < n; ++t) {
    g.committed[t] = h.txns[t].status == Status::kOk;
    for (const KeyUse& u : inf.uses[t]) {
      for (std::size_t i = 0; i < u.writes.size(); ++i) key[u.key].writer.emplace(u.writes[i], Writer{t, i + 1 == u.writes.size()});
    }
  }
  for (std::size_t t = 0; t < n; ++t) {  // what the committed transactions read
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      if (!u.external) continue;
      Key& k = key[u.key];
      if (u.first_read.empty()) { k.nil_readers.push_back(t); continue; }
      const std::int64_t v = u.first_read[0];
      k.readers[v].push_back(t);
      const auto w = k.writer.find(v);
      if (w == k.writer.end())
        anomaly("garbage-read", fmt::format("T{} read key {} = {}, which no transaction wrote", t + 1, keys.names[u.key], v), {t});
      else if (h.txns[w->second.txn].status == Status::kFail)
        anomaly("G1a", fmt::format("T{} read key {} = {}, written by T{}, which failed (aborted)", t + 1, keys.names[u.key], v,
                                   w->second.txn + 1), {t, w->second.txn});
      else if (!w->second.final)
        anomaly("G1b", fmt::format("T{} read key {} = {}, an intermediate write of T{} (it wrote key {} again)", t + 1,
                                   keys.names[u.key], v, w->second.txn + 1, keys.names[u.key]), {t, w->second.txn});
      else
        g.committed[w->second.txn] = true;  // an :info transaction that was read did commit
    }
  }
  g.out.assign(n, {});
  g.keys = keys.names;
  auto edge = [&](std::size_t from, std::size_t to, EdgeKind kind, Reason why, std::uint32_t k, bool a_nil,
                  std::int64_t a, std::int64_t b) {
    if (from == SIZE_MAX || to == SIZE_MAX || from == to || !g.committed[from] || !g.committed[to]) return;
    g.add(from, {.to = static_cast<std::uint32_t>(to), .kind = kind, .reason = why, .a_nil = a_nil, .key = k, .a = a, .b = b});
  };
  auto writer_of = [&](Key& k, std::int64_t v) -> std::size_t {
    const auto w = k.writer.find(v);
    return w == k.writer.end() || !w->second.final ? SIZE_MAX : w->second.txn;
  };
  for (std::size_t t = 0; t < n; ++t) {
    if (!g.committed[t]) continue;
    for (const KeyUse& u : inf.uses[t]) {
      Key& k = key[u.key];
      if (u.writes.empty()) continue;
      k.installed.push_back(u.writes.back());
      if (u.external && h.txns[t].status == Status::kOk) {
        k.follows.push_back({u.first_read.empty(), u.first_read.empty() ? 0 : u.first_read[0]});
        k.follows_b.push_back(u.writes.back());
      }
    }
  }
  for (std::uint32_t ki = 0; ki < nkeys; ++ki) {
    Key& k = key[ki];
    std::sort(k.installed.begin(), k.installed.end());
    const bool unique = std::adjacent_find(k.installed.begin(), k.installed.end()) == k.installed.end();
    if (options.version_orders) {
      if (const auto it = options.version_orders->find(keys.names[ki]); it != options.version_orders->end()) {
        for (std::int64_t v : it->second) {
          if (std::binary_search(k.installed.begin(), k.installed.end(), v)) k.order.push_back(v);
        }
        k.exact = unique && k.order.size() == k.installed.size();
      }
    }
    if (!k.exact) k.exact = unique && chain(k);
    inf.exact = inf.exact && k.exact;
    auto readers = [&](bool nil, std::int64_t a) -> const std::vector<std::size_t>& {
      static const std::vector<std::size_t> none;
      if (nil) return k.nil_readers;
      const auto it = k.readers.find(a);
      return it == k.readers.end() ? none : it->second;
    };
    if (k.exact) {
      for (std::size_t i = 0; i < k.order.size(); ++i) {
        const std::size_t w = writer_of(k, k.order[i]);
        const bool first = i == 0;
        const std::int64_t a = first ? 0 : k.order[i - 1];
        if (!first) edge(writer_of(k, a), w, EdgeKind::kWW, Reason::kNext, ki, false, a, k.order[i]);
        for (std::size_t r : readers(first, a)) edge(r, w, EdgeKind::kRW, first ? Reason::kInitial : Reason::kNext, ki, first, a, k.order[i]);
      }
    } else {
      for (std::int64_t b : k.installed) {
        for (std::size_t r : k.nil_readers) edge(r, writer_of(k, b), EdgeKind::kRW, Reason::kInitial, ki, true, 0, b);
      }
      for (std::size_t i = 0; i < k.follows.size(); ++i) {
        const auto [nil, a] = k.follows[i];
        const std::int64_t b = k.follows_b[i];
        if (nil) continue;  // covered by the initial value's edges
        const std::size_t w = writer_of(k, b);
        edge(writer_of(k, a), w, EdgeKind::kWW, Reason::kFollowsRead, ki, false, a, b);
        for (std::size_t r : readers(false, a)) edge(r, w, EdgeKind::kRW, Reason::kFollowsRead, ki, false, a, b);
      }
    }
    for (const auto& [v, rs] : k.readers) {
      const std::size_t w = writer_of(k, v);
      if (w == SIZE_MAX) continue;
      for (std::size_t r : rs) edge(w, r, EdgeKind::kWR, Reason::kRead, ki, false, v, v);
    }
  }
  // Lost update: two transactions read the same value of a key and both wrote it.
  std::map<std::tuple<std::uint32_t, bool, std::int64_t>, std::size_t> first_updater;
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      if (!u.external || u.writes.empty()) continue;
      const bool nil = u.first_read.empty();
      const auto [it, first] = first_updater.emplace(std::tuple{u.key, nil, nil ? 0 : u.first_read[0]}, t);
      if (!first)
        anomaly("lost-update", fmt::format("T{} and T{} both read key {} = {} and both wrote it", it->second + 1, t + 1,
                                           keys.names[u.key], nil ? "nil" : std::to_string(u.first_read[0])), {it->second, t});
    }
  }
  // Fractured read: T saw W's write to one key and an older version of another key W wrote.
  auto before = [&](Key& k, bool a_nil, std::int64_t a, std::int64_t b) {
    if (a_nil) return true;
    if (k.exact) {
      const auto ia = std::find(k.order.begin(), k.order.end(), a), ib = std::find(k.order.begin(), k.order.end(), b);
      return ia != k.order.end() && ib != k.order.end() && ia < ib;
    }
    for (std::size_t i = 0; i < k.follows.size(); ++i) {
      if (!k.follows[i].first && k.follows[i].second == a && k.follows_b[i] == b) return true;
    }
    return false;
  };
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      if (!u.external || u.first_read.empty()) continue;
      const std::size_t w = writer_of(key[u.key], u.first_read[0]);
      if (w == SIZE_MAX || w == t) continue;
      for (const KeyUse& wu : inf.uses[w]) {
        const KeyUse* mine = find_use(inf.uses[t], wu.key);
        if (wu.key == u.key || wu.writes.empty() || !mine || !mine->external) continue;
        const bool nil = mine->first_read.empty();
        const std::int64_t a = nil ? 0 : mine->first_read[0];
        if ((nil || a != wu.writes.back()) && before(key[wu.key], nil, a, wu.writes.back()))
          anomaly("fractured-read", fmt::format("T{} saw T{}'s write of {} to key {} but read key {} = {}, older than T{}'s write of {}",
                                                t + 1, w + 1, u.first_read[0], keys.names[u.key], keys.names[wu.key],
                                                nil ? "nil" : std::to_string(a), w + 1, wu.writes.back()), {t, w});
      }
    }
  }
  add_order_edges(h, g);
  return inf;
}

}  // namespace replicheck::properties::detail
