// Properties every protocol's clients can ask of it, written once: the
// session guarantees and linearizability of the clients' history,
// availability (AP), and that an outage refuses clients. A protocol picks
// the ones that apply and adds its own.
//
// The model M provides `workload()`, `world_config()` (world::Config) and
// `ready(s, c)` (models/world/serving.hpp); its State derives from world::Part.
#pragma once
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <xxhash.h>

#include "models/world/clients.hpp"
#include "properties/linearizability.hpp"
#include "properties/property.hpp"
#include "properties/session.hpp"
#include "properties/txn_check.hpp"

namespace replicheck::world {

// History properties read only the clients' history, which most steps
// (replication, faults) leave as it was: each thread remembers verdicts per
// distinct history, by a 64-bit hash of it (seeded with the number of items,
// which the checks also read), as the explorer identifies states by a 64-bit
// fingerprint. Without this, checking histories took most of the search time.
//
// One entry per history holds every property's verdict, a bit each (`known`
// says which are in), and the thread keeps the last history it hashed: the
// properties checked one after another on a state hash its history once and
// read one cache line. Before, each property packed and hashed the history
// and had entries of its own, so nine LWW properties shared 64 K entries and
// evicted each other's verdicts, and the checkers ran again.
struct VerdictCache {
  struct Entry {
    std::uint64_t key = 0, known = 0, verdicts = 0;
  };
  static constexpr int kBits = 17;  // 3 MiB a thread, on the heap (not in every thread's TLS block)
  static Entry& slot(std::uint64_t key) {
    thread_local std::unique_ptr<Entry[]> table(new Entry[std::size_t{1} << kBits]());
    return table[key >> (64 - kBits)];
  }
};

// Where a property's verdicts live: its bit in every entry, given out per
// salt (the model and property names) once per process; after 64 salts, a
// property gets entries of its own, keyed by the history's hash and its salt.
struct VerdictId {
  int bit = -1;
  std::uint64_t salt = 0;
  static VerdictId of(std::uint64_t salt) {
    static std::mutex mutex;
    static std::map<std::uint64_t, int> bits;
    std::lock_guard<std::mutex> lock(mutex);
    auto [it, added] = bits.try_emplace(salt, int(bits.size()));
    return {it->second < 64 ? it->second : -1, salt};
  }
};

// The last history this thread hashed, per history type.
template <class C>
struct LastHistory {
  std::array<ClientOp, C::kMaxHistory> ops;
  int length = -1;
  std::uint64_t seed = 0, key = 0;
  static LastHistory& get() {
    thread_local LastHistory last;
    return last;
  }
};

// The verdict of `check` on this history: cached, computed on a miss. The
// history is hashed as its raw bytes: every ClientOp member is one byte.
template <class C, class Check>
bool history_verdict(const C& clients, VerdictId id, std::uint64_t seed, Check&& check) {
  static_assert(sizeof(ClientOp) == 14, "ClientOp has no padding");
  LastHistory<C>& last = LastHistory<C>::get();
  const std::size_t bytes = clients.length * sizeof(ClientOp);
  if (last.length != clients.length || last.seed != seed ||
      std::memcmp(last.ops.data(), clients.history.data(), bytes) != 0) {
    std::memcpy(last.ops.data(), clients.history.data(), bytes);
    last.length = clients.length, last.seed = seed;
    last.key = XXH3_64bits_withSeed(clients.history.data(), bytes, seed) | 1;
  }
  std::uint64_t key = last.key;
  if (id.bit < 0) key = XXH3_64bits_withSeed(&key, sizeof key, id.salt) | 1;
  const std::uint64_t bit = std::uint64_t{1} << (id.bit < 0 ? 0 : id.bit);
  VerdictCache::Entry& e = VerdictCache::slot(key);
  if (e.key != key) e = {key, 0, 0};
  if (!(e.known & bit)) {
    bool verdict = check();
    e.known |= bit;
    if (verdict) e.verdicts |= bit;
  }
  return (e.verdicts & bit) != 0;
}

// With a bare salt (tests): looks its bit up on every call.
template <class C, class Check>
bool history_verdict(const C& clients, std::uint64_t salt, Check&& check) {
  return history_verdict(clients, VerdictId::of(salt), 0, std::forward<Check>(check));
}

// A history property: `check(m, s)` must read nothing but the history and
// the number of items, so its verdict is cached per distinct history. The
// salt is the model's name and the property's: two properties, even of two
// models checked in one process (the matrix), never share a verdict.
template <class M, class Check>
Property<M> history_property(std::string name, std::string meaning, Check check) {
  std::string qualified = std::string(M::kName) + "/" + name;
  VerdictId id = VerdictId::of(XXH3_64bits(qualified.data(), qualified.size()));
  return {std::move(name), PropertyKind::History, std::move(meaning),
          [id, check](const M& m, const typename M::State& s) {
            return history_verdict(s.clients, id, std::uint64_t(m.workload().keys), [&] { return check(m, s); });
          }};
}

// Session guarantees (properties/session.hpp) per client, or with
// `per_region` per client and region (a client routed elsewhere starts anew).
template <class M>
Property<M> session_property(std::string name, std::string meaning, bool per_region, properties::Guarantee g) {
  return history_property<M>(std::move(name), std::move(meaning), [per_region, g](const M& m, const auto& s) {
    auto h = to_history(s.clients, m.workload().keys, per_region);
    return properties::check_session_guarantees(h, properties::Model::kRegister, {g}).ok();
  });
}

// Reads and writes of registers: the four session guarantees, in a region
// and routed, then linearizability.
template <class M>
std::vector<Property<M>> register_history_properties() {
  using G = properties::Guarantee;
  return {
      session_property<M>("read-your-writes-in-region", "a client reading in the region it wrote to sees its own writes",
                          true, G::kReadYourWrites),
      session_property<M>("read-your-writes-routed", "a client routed to another region still sees its own writes",
                          false, G::kReadYourWrites),
      session_property<M>("monotonic-reads-in-region", "per item, reads in one region never go back in time", true,
                          G::kMonotonicReads),
      session_property<M>("monotonic-reads-routed",
                          "per item, a client's reads never go back in time, even when it switches regions", false,
                          G::kMonotonicReads),
      history_property<M>("linearizable", "reads are linearizable",
                          [](const M& m, const auto& s) {
                            auto h = to_history(s.clients, m.workload().keys, false);
                            return properties::check_linearizability(h, properties::Model::kRegister).verdict !=
                                   properties::Verdict::kNotLinearizable;
                          }),
  };
}

// The clients' history as transactions (properties/txn_check.hpp): each
// acknowledged operation a transaction writing or reading every item it
// touches (a value of 0 reads as nil), kept when `keep(op)`. Each item's
// version order is exact, from the protocol: `version(op)` orders the
// acknowledged writes of an item as the protocol installs them (LWW's
// timestamp, a log's LSN). Only acknowledged writes are in it: in the
// protocols that use this, a write takes effect in the step that answers it.
template <class C, class Version, class Keep>
properties::TxnCheckResult check_transactions(const C& clients, int keys, Version version, Keep keep) {
  namespace pr = properties;
  pr::TxnHistory h;
  std::map<std::string, std::vector<std::pair<std::uint64_t, std::int64_t>>> installs;
  for (int i = 0; i < clients.length; ++i) {
    const ClientOp& o = clients.history[i];
    if (o.status != OpStatus::Ok || !keep(o)) continue;
    pr::Txn t;
    t.process = o.client, t.invoke = o.invoke, t.complete = o.response;
    for (int k = 0; k < keys; ++k) {
      if (!o.touches(k)) continue;
      pr::Mop mop;
      mop.key = key_name(k);
      if (o.kind == OpKind::Read) {
        if (o.values[k]) mop.read = {o.values[k]};
      } else {
        mop.kind = pr::MopKind::kWrite, mop.value = o.values[k];
        installs[mop.key].emplace_back(version(o), o.values[k]);
      }
      t.mops.push_back(std::move(mop));
    }
    h.txns.push_back(std::move(t));
  }
  std::map<std::string, std::vector<std::int64_t>> orders;
  for (auto& [key, writes] : installs) {
    std::sort(writes.begin(), writes.end());
    for (const auto& w : writes) orders[key].push_back(w.second);
  }
  pr::TxnCheckOptions options;
  options.version_orders = &orders;
  return pr::check_transactions(h, pr::Workload::kRwRegister, options);
}

// A transactional consistency level as a history property of model M,
// over the operations `keep` selects; `version` as above.
template <class M, class Version, class Keep>
Property<M> transactional_property(std::string name, std::string meaning, properties::Consistency level,
                                   Version version, Keep keep) {
  return history_property<M>(std::move(name), std::move(meaning), [=](const M& m, const auto& s) {
    return check_transactions(s.clients, m.workload().keys, version, keep).holds_model(level) !=
           properties::Holds::kNo;
  });
}

// AP: an operation waits only on its own region being down.
template <class M>
Property<M> available() {
  return {"available", PropertyKind::Always,
          "every operation at a region that is up can complete there, whatever the partitions (AP)",
          [](const M& m, const typename M::State& s) {
            for (int c = 0; c < m.workload().clients; ++c)
              if (s.clients.busy(c) && !s.net.is_down(s.clients.pending_op(c).region) && !m.ready(s, c)) return false;
            return true;
          }};
}

template <class C>
bool any_operation(const C& clients, OpStatus status) {
  for (int i = 0; i < clients.length; ++i)
    if (clients.history[i].status == status) return true;
  return false;
}

// Reachability of outages (when the budget allows them): a client is refused.
template <class M>
Property<M> outage_refuses_client() {
  return {"outage-refuses-client", PropertyKind::Sometimes, "a client's operation fails because its region is down",
          [](const M&, const typename M::State& s) { return any_operation(s.clients, OpStatus::Fail); }};
}

}  // namespace replicheck::world
