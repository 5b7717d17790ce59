// What each transaction read and wrote, order edges, and list-append's
// version orders: a read returns the whole list, so the longest read of a key
// is its version order (every other read must be a prefix of it), and an
// element appended but never read comes after every read.
#include <algorithm>

#include <fmt/format.h>

#include "properties/txn_graph.hpp"

namespace replicheck::properties::detail {

std::uint32_t KeyIndex::id(const std::string& key) {
  auto [it, added] = ids_.emplace(key, static_cast<std::uint32_t>(names.size()));
  if (added) names.push_back(key);
  return it->second;
}

const KeyUse* find_use(const TxnUses& uses, std::uint32_t key) {
  for (const KeyUse& u : uses) {
    if (u.key == key) return &u;
  }
  return nullptr;
}

void note(std::vector<Anomaly>& anomalies, Anomaly a) {
  constexpr std::size_t kKeepPerName = 4;
  std::size_t same = 0;
  Anomaly* first = nullptr;
  for (Anomaly& x : anomalies) {
    if (x.name != a.name) continue;
    if (same++ == 0) first = &x;
  }
  if (same < kKeepPerName) anomalies.push_back(std::move(a));
  else ++first->more;
}

namespace {
std::string show(const std::vector<std::int64_t>& v, Workload w) {
  if (w == Workload::kRwRegister) return v.empty() ? "nil" : std::to_string(v[0]);
  return fmt::format("[{}]", fmt::join(v, " "));
}
}  // namespace

std::vector<TxnUses> analyse(const TxnHistory& h, Workload w, KeyIndex& keys, std::vector<Anomaly>& anomalies) {
  const bool lists = w == Workload::kListAppend;
  std::vector<TxnUses> all(h.txns.size());
  for (std::size_t t = 0; t < h.txns.size(); ++t) {
    TxnUses& uses = all[t];
    std::vector<std::vector<std::int64_t>> state;  // parallel to uses: what a read must return now
    std::vector<bool> known;
    for (const Mop& mop : h.txns[t].mops) {
      const std::uint32_t key = keys.id(mop.key);
      auto it = std::find_if(uses.begin(), uses.end(), [&](const KeyUse& u) { return u.key == key; });
      if (it == uses.end()) {
        uses.push_back({.key = key});
        state.emplace_back();
        known.push_back(false);
        it = uses.end() - 1;
      }
      KeyUse& u = *it;
      const std::size_t i = static_cast<std::size_t>(it - uses.begin());
      if (mop.writes()) {
        u.writes.push_back(mop.value);
        if (!lists) state[i] = {mop.value}, known[i] = true;
        else if (known[i]) state[i].push_back(mop.value);
        continue;
      }
      if (!mop.known) continue;
      const std::vector<std::int64_t>& r = mop.read;
      bool consistent = true;
      if (known[i]) {
        consistent = r == state[i];
      } else {  // list-append only: own appends, no read yet; the read must end with them
        consistent = r.size() >= u.writes.size() && std::equal(u.writes.begin(), u.writes.end(), r.end() - static_cast<std::ptrdiff_t>(u.writes.size()));
        if (consistent) {
          u.external = true;
          u.first_read = std::span(r).first(r.size() - u.writes.size());
        }
      }
      if (!consistent) {
        const std::string expected = known[i] ? show(state[i], w)
                                              : fmt::format("a list ending with [{}]", fmt::join(u.writes, " "));
        note(anomalies, {.name = "internal",
                         .explanation = fmt::format("T{} read key {} = {}, but its own earlier operations imply {}",
                                                    t + 1, mop.key, show(r, w), expected),
                         .txns = {t}});
      }
      u.read_any = true;
      u.last_read = r;
      state[i] = r;
      known[i] = true;
    }
    // Future read: what a transaction read before writing already held what
    // it writes afterwards (writes are unique, so no one else wrote it).
    for (const KeyUse& u : uses) {
      for (std::int64_t v : u.writes) {
        if (!u.external || std::find(u.first_read.begin(), u.first_read.end(), v) == u.first_read.end()) continue;
        note(anomalies, {.name = "future-read",
                         .explanation = fmt::format("T{} read key {} = {} before it wrote {} there itself", t + 1,
                                                    keys.names[u.key], show({u.first_read.begin(), u.first_read.end()}, w), v),
                         .txns = {t}});
        break;
      }
    }
  }
  return all;
}

void add_order_edges(const TxnHistory& h, TxnGraph& g) {
  std::vector<std::size_t> nodes;
  for (std::size_t t = 0; t < h.txns.size(); ++t) {
    if (g.committed[t]) nodes.push_back(t);
  }
  std::sort(nodes.begin(), nodes.end(), [&](std::size_t a, std::size_t b) { return h.txns[a].invoke < h.txns[b].invoke; });
  // Process order: each process's transactions, by invocation. A transaction
  // that timed out (:info) orders nothing after it.
  std::unordered_map<std::int64_t, std::size_t> last;
  for (std::size_t t : nodes) {
    const Txn& txn = h.txns[t];
    if (txn.process == kNoProcess) continue;
    if (auto it = last.find(txn.process); it != last.end() && h.txns[it->second].status == Status::kOk)
      g.add(it->second, {.to = static_cast<std::uint32_t>(t), .kind = EdgeKind::kProcess, .reason = Reason::kOrder});
    last[txn.process] = t;
  }
  // Real-time order, transitively reduced (as Elle does): at each invocation,
  // an edge from every transaction of the frontier (completed, and not
  // followed in real time by another completed one); a completion removes
  // from the frontier what was in it at its own invocation.
  struct Event {
    std::uint64_t at;
    bool completes;
    std::size_t txn;
  };
  std::vector<Event> events;
  for (std::size_t t : nodes) {
    events.push_back({h.txns[t].invoke, false, t});
    if (h.txns[t].complete != kNever) events.push_back({h.txns[t].complete, true, t});
  }
  // At equal times invocations first: equal clock values do not order.
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.at != b.at ? a.at < b.at : (a.completes < b.completes);
  });
  std::vector<std::size_t> frontier;
  std::unordered_map<std::size_t, std::vector<std::size_t>> seen_at_invoke;
  for (const Event& e : events) {
    if (!e.completes) {
      for (std::size_t f : frontier)
        g.add(f, {.to = static_cast<std::uint32_t>(e.txn), .kind = EdgeKind::kRealtime, .reason = Reason::kOrder});
      seen_at_invoke[e.txn] = frontier;
      continue;
    }
    const auto& before = seen_at_invoke[e.txn];
    std::erase_if(frontier, [&](std::size_t f) { return std::find(before.begin(), before.end(), f) != before.end(); });
    frontier.push_back(e.txn);
    seen_at_invoke.erase(e.txn);
  }
}

namespace {

struct Writer {
  std::size_t txn;
  bool last;  // the transaction's last append to the key
};

// Version order of one key: the longest read, if every read is a prefix of it.
struct KeyOrder {
  std::span<const std::int64_t> longest{};
  bool read = false;
  std::size_t longest_txn = 0;
  bool broken = false;
  std::unordered_map<std::int64_t, std::size_t> position;
};

}  // namespace

Inference infer_list_append(const TxnHistory& h) {
  Inference inf;
  KeyIndex keys;
  inf.uses = analyse(h, Workload::kListAppend, keys, inf.anomalies);
  const std::size_t n = h.txns.size(), nkeys = keys.names.size();
  std::vector<std::unordered_map<std::int64_t, Writer>> writer(nkeys);
  std::vector<KeyOrder> order(nkeys);
  for (std::size_t t = 0; t < n; ++t) {
    for (const KeyUse& u : inf.uses[t]) {
      for (std::size_t i = 0; i < u.writes.size(); ++i) writer[u.key].emplace(u.writes[i], Writer{t, i + 1 == u.writes.size()});
      KeyOrder& o = order[u.key];
      if (h.txns[t].status == Status::kOk && u.read_any && (!o.read || u.last_read.size() > o.longest.size()))
        o.longest = u.last_read, o.longest_txn = t, o.read = true;
    }
  }
  auto anomaly = [&](std::string name, std::string text, std::vector<std::size_t> txns) {
    note(inf.anomalies, {.name = std::move(name), .explanation = std::move(text), .txns = std::move(txns)});
  };
  // Every read a prefix of the longest; no element twice; every element appended by someone.
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const Mop& mop : h.txns[t].mops) {
      if (mop.kind != MopKind::kRead || !mop.known) continue;
      KeyOrder& o = order[keys.id(mop.key)];
      if (!o.broken && (mop.read.size() > o.longest.size() || !std::equal(mop.read.begin(), mop.read.end(), o.longest.begin()))) {
        o.broken = true;
        anomaly("incompatible-order",
                fmt::format("key {}: T{} read [{}] and T{} read [{}]; neither is a prefix of the other", mop.key,
                            t + 1, fmt::join(mop.read, " "), o.longest_txn + 1, fmt::join(o.longest, " ")),
                {t, o.longest_txn});
      }
    }
  }
  inf.graph.committed.assign(n, false);
  for (std::size_t t = 0; t < n; ++t) inf.graph.committed[t] = h.txns[t].status == Status::kOk;
  for (std::uint32_t k = 0; k < nkeys; ++k) {
    KeyOrder& o = order[k];
    if (!o.read || o.broken) continue;
    for (std::size_t i = 0; i < o.longest.size(); ++i) {
      const std::int64_t e = o.longest[i];
      if (!o.position.emplace(e, i).second) {
        o.broken = true;
        anomaly("duplicate-elements", fmt::format("T{} read key {} = [{}], with {} twice", o.longest_txn + 1,
                                                  keys.names[k], fmt::join(o.longest, " "), e), {o.longest_txn});
        break;
      }
      const auto w = writer[k].find(e);
      if (w == writer[k].end()) {
        o.broken = true;  // no version order to speak of
        anomaly("garbage-read", fmt::format("T{} read element {} of key {}, which no transaction appended",
                                            o.longest_txn + 1, e, keys.names[k]), {o.longest_txn});
      } else if (h.txns[w->second.txn].status == Status::kFail) {
        anomaly("G1a", fmt::format("T{} read element {} of key {}, appended by T{}, which failed (aborted)",
                                   o.longest_txn + 1, e, keys.names[k], w->second.txn + 1), {o.longest_txn, w->second.txn});
      } else {
        inf.graph.committed[w->second.txn] = true;  // an :info transaction that was read did commit
      }
    }
  }
  inf.graph.out.assign(n, {});
  inf.graph.keys = keys.names;
  for (std::size_t t = 0; t < n; ++t) {  // a transaction's appends appear in its order, and a prefix of them
    if (!inf.graph.committed[t]) continue;
    for (const KeyUse& u : inf.uses[t]) {
      const KeyOrder& o = order[u.key];
      if (o.broken || u.writes.empty()) continue;
      std::size_t next = 0;
      bool seen_gap = false, ok = true;
      for (std::int64_t e : u.writes) {
        const auto p = o.position.find(e);
        if (p == o.position.end()) { seen_gap = true; continue; }
        ok = ok && !seen_gap && p->second >= next;
        next = p->second + 1;
      }
      if (!ok)
        anomaly("internal", fmt::format("T{} appended [{}] to key {} in this order, but the reads of key {} show them otherwise",
                                        t + 1, fmt::join(u.writes, " "), keys.names[u.key], keys.names[u.key]), {t});
    }
  }
  auto edge = [&](std::size_t from, std::size_t to, EdgeKind kind, Reason why, std::uint32_t key, const std::int64_t* a,
                  std::int64_t b) {
    if (from == to || !inf.graph.committed[from] || !inf.graph.committed[to]) return;
    inf.graph.add(from, {.to = static_cast<std::uint32_t>(to), .kind = kind, .reason = why, .a_nil = a == nullptr,
                         .key = key, .a = a ? *a : 0, .b = b});
  };
  // Appends no read saw: after every read of their key.
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> unobserved(nkeys);
  for (std::size_t t = 0; t < n; ++t) {
    if (!inf.graph.committed[t]) continue;
    for (const KeyUse& u : inf.uses[t]) {
      for (std::int64_t e : u.writes) {
        if (!order[u.key].position.contains(e)) unobserved[u.key].push_back({t, e});
      }
    }
  }
  for (std::uint32_t k = 0; k < nkeys; ++k) {
    const KeyOrder& o = order[k];
    if (!o.read || o.broken) continue;
    const auto v = o.longest;
    for (std::size_t i = 1; i < v.size(); ++i)
      edge(writer[k].at(v[i - 1]).txn, writer[k].at(v[i]).txn, EdgeKind::kWW, Reason::kNext, k, &v[i - 1], v[i]);
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      const KeyOrder& o = order[u.key];
      if (!u.read_any || o.broken) continue;
      const auto v = o.longest;
      if (u.external && !u.first_read.empty()) {
        const std::int64_t e = u.first_read.back();
        const Writer& w = writer[u.key].at(e);
        edge(w.txn, t, EdgeKind::kWR, Reason::kRead, u.key, &u.first_read.back(), e);
        if (!w.last && w.txn != t)
          anomaly("G1b", fmt::format("T{} read key {} = [{}], ending with {}, an intermediate append of T{} (it appended more to key {})",
                                     t + 1, keys.names[u.key], fmt::join(u.first_read, " "), e, w.txn + 1, keys.names[u.key]),
                  {t, w.txn});
      }
      for (std::size_t p : {u.first_read.size(), u.last_read.size()}) {
        if (p == 0 && !u.external) continue;
        const std::int64_t* a = p == 0 ? nullptr : &v[p - 1];
        if (p < v.size()) edge(t, writer[u.key].at(v[p]).txn, EdgeKind::kRW, Reason::kNext, u.key, a, v[p]);
        else
          for (auto [w, e] : unobserved[u.key]) edge(t, w, EdgeKind::kRW, Reason::kUnobserved, u.key, a, e);
      }
    }
  }
  // Lost update: two transactions read the same version of a key and both append to it.
  std::unordered_map<std::uint64_t, std::size_t> first_updater;  // (key, length read) -> txn
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      if (!u.external || u.writes.empty() || order[u.key].broken) continue;
      const auto [it, first] = first_updater.emplace((std::uint64_t{u.key} << 32) | u.first_read.size(), t);
      if (!first)
        anomaly("lost-update", fmt::format("T{} and T{} both read key {} = [{}] and both appended to it", it->second + 1,
                                           t + 1, keys.names[u.key], fmt::join(u.first_read, " ")), {it->second, t});
    }
  }
  // Fractured read (read atomic): T saw W's append to one key but not W's last append to another.
  for (std::size_t t = 0; t < n; ++t) {
    if (h.txns[t].status != Status::kOk) continue;
    for (const KeyUse& u : inf.uses[t]) {
      if (!u.external || u.first_read.empty() || order[u.key].broken) continue;
      const std::size_t w = writer[u.key].at(u.first_read.back()).txn;
      if (w == t || !inf.graph.committed[w]) continue;
      for (const KeyUse& wu : inf.uses[w]) {
        const KeyUse* mine = find_use(inf.uses[t], wu.key);
        if (wu.key == u.key || wu.writes.empty() || !mine || !mine->external || order[wu.key].broken) continue;
        const auto p = order[wu.key].position.find(wu.writes.back());
        const std::size_t at = p == order[wu.key].position.end() ? SIZE_MAX : p->second;
        if (at >= mine->first_read.size())
          anomaly("fractured-read", fmt::format("T{} saw T{}'s append of {} to key {} but not its append of {} to key {} (read [{}])",
                                                t + 1, w + 1, u.first_read.back(), keys.names[u.key], wu.writes.back(),
                                                keys.names[wu.key], fmt::join(mine->first_read, " ")), {t, w});
      }
    }
  }
  add_order_edges(h, inf.graph);
  return inf;
}

}  // namespace replicheck::properties::detail
