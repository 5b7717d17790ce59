// The transactional checker against the brute-force oracle on random small
// histories. The generator runs transactions against a store that misbehaves
// on purpose, per transaction: reads from a stale snapshot (lost updates,
// write skew), from a different snapshot per key (torn reads), failed
// transactions whose writes stay visible (dirty reads), a transaction's first
// write visible before the rest (intermediate reads); and times drawn
// independently of the commit order (real-time inversions).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <map>

#include "properties/txn_check.hpp"
#include "properties/txn_io.hpp"
#include "tests/history/txn_oracle.hpp"
#include "tests/history/txn_ops.hpp"

using namespace replicheck::properties;
using namespace replicheck::testing;

namespace {

struct Generated {
  TxnHistory history;
  std::map<std::string, std::vector<std::int64_t>> version_orders;  // what the store really installed
};

enum class Fault { kNone, kStale, kTorn, kDirty, kIntermediate };

Generated random_history(Workload workload) {
  const bool lists = workload == Workload::kListAppend;
  const int n = *rc::gen::inRange(2, 8);
  const bool random_times = *rc::gen::arbitrary<bool>();
  std::vector<std::map<std::string, std::vector<std::int64_t>>> snapshots(1);  // state after each commit
  Generated out;
  std::int64_t next_value = 1;
  for (int i = 0; i < n; ++i) {
    const Status status = *rc::gen::weightedElement<Status>({{8, Status::kOk}, {1, Status::kFail}, {1, Status::kInfo}});
    const Fault fault = *rc::gen::weightedElement<Fault>({{3, Fault::kNone}, {3, Fault::kStale}, {3, Fault::kTorn}, {1, Fault::kDirty}, {1, Fault::kIntermediate}});
    const std::size_t now = snapshots.size() - 1;
    const std::size_t stale = fault == Fault::kStale ? *rc::gen::inRange<std::size_t>(0, now + 1) : now;
    std::map<std::string, std::vector<std::int64_t>> local;  // what this transaction sees, own writes included
    std::map<std::string, bool> loaded;
    std::vector<Mop> mops;
    const int m = *rc::gen::inRange(1, 5);
    for (int j = 0; j < m; ++j) {
      const std::string key = std::to_string(*rc::gen::inRange(0, 2));
      if (!loaded[key]) {
        const std::size_t at = fault == Fault::kTorn ? *rc::gen::inRange<std::size_t>(0, now + 1) : stale;
        local[key] = snapshots[at][key];
        loaded[key] = true;
      }
      if (*rc::gen::arbitrary<bool>()) {
        mops.push_back(read(key, local[key]));
      } else {
        const std::int64_t v = next_value++;
        mops.push_back(lists ? append(key, v) : write(key, v));
        if (lists) local[key].push_back(v);
        else local[key] = {v};
      }
    }
    // Install: ok ones; :info ones half the time; failed ones only as a dirty-read fault.
    const bool installs = status == Status::kOk || (status == Status::kInfo && *rc::gen::arbitrary<bool>()) ||
                          (status == Status::kFail && fault == Fault::kDirty);
    auto next = snapshots.back();
    if (installs && fault == Fault::kIntermediate) {  // the first write shows alone for a while
      const auto first = std::find_if(mops.begin(), mops.end(), [](const Mop& mop) { return mop.writes(); });
      if (first != mops.end()) {
        auto partial = next;
        if (lists) partial[first->key].push_back(first->value);
        else partial[first->key] = {first->value};
        snapshots.push_back(std::move(partial));
      }
    }
    if (installs) {
      for (const Mop& mop : mops) {
        if (mop.kind == MopKind::kAppend) next[mop.key].push_back(mop.value);
        if (mop.kind == MopKind::kWrite) next[mop.key] = {mop.value};
      }
      for (const auto& [key, value] : next) {
        if (!lists && !value.empty() && (snapshots.back()[key] != value)) out.version_orders[key].push_back(value[0]);
      }
    }
    snapshots.push_back(std::move(next));
    const std::uint64_t invoke = random_times ? *rc::gen::inRange<std::uint64_t>(0, 30) : 3 * static_cast<std::uint64_t>(i);
    const std::uint64_t complete = invoke + *rc::gen::inRange<std::uint64_t>(1, random_times ? 10 : 5);
    out.history.txns.push_back(txn(0, invoke, complete, mops, status));
  }
  // Processes: one transaction at a time each; a process that timed out is not reused (as in Jepsen).
  std::vector<std::size_t> by_invoke(out.history.txns.size());
  for (std::size_t i = 0; i < by_invoke.size(); ++i) by_invoke[i] = i;
  auto& txns = out.history.txns;
  std::sort(by_invoke.begin(), by_invoke.end(), [&](std::size_t a, std::size_t b) { return txns[a].invoke < txns[b].invoke; });
  std::vector<std::uint64_t> busy_until;
  for (std::size_t t : by_invoke) {
    std::size_t p = 0;
    while (p < busy_until.size() && busy_until[p] >= txns[t].invoke) ++p;
    if (p == busy_until.size()) busy_until.push_back(0);
    busy_until[p] = txns[t].complete;  // kNever for :info
    txns[t].process = static_cast<std::int64_t>(p);
  }
  return out;
}

bool yes(const TxnCheckResult& r, Consistency c) { return r.holds_model(c) == Holds::kYes; }

void agrees_with_oracle(Workload workload) {
  const auto cases = *rc::gen::container<std::vector<Generated>>(8, rc::gen::exec([workload] { return random_history(workload); }));
  int not_serializable = 0, only_serializable = 0;
  for (const Generated& g : cases) {
    const TxnCheckResult r = check_transactions(g.history, workload);
    const OracleVerdict oracle = brute_force_transactions(g.history, workload);
    not_serializable += !oracle.serializable;
    only_serializable += oracle.serializable && !oracle.strict_serializable;
    RC_ASSERT(r.holds_model(Consistency::kSerializable) != Holds::kUnknown);
    RC_ASSERT(r.holds_model(Consistency::kStrictSerializable) != Holds::kUnknown);
    RC_ASSERT(yes(r, Consistency::kSerializable) == oracle.serializable);
    RC_ASSERT(yes(r, Consistency::kStrictSerializable) == oracle.strict_serializable);
    if (!oracle.serializable) RC_ASSERT(!r.ruled_out_by[static_cast<std::size_t>(Consistency::kSerializable)].empty());
    for (const Anomaly& a : r.anomalies) {  // every cycle shown is closed
      for (std::size_t i = 0; i < a.cycle.size(); ++i) RC_ASSERT(a.cycle[i].to == a.cycle[(i + 1) % a.cycle.size()].from);
    }
    // The JSON form gives back the same history.
    RC_ASSERT(parse_txn_history(to_json(g.history, workload), Format::kJson, workload).history == g.history);
  }
  // Shows that the generator does inject anomalies: most batches hold both kinds.
  RC_TAG(not_serializable > 0 ? "has non-serializable" : "all serializable",
         only_serializable > 0 ? "has serializable, not strict" : "no real-time-only violation");
}

}  // namespace

TEST_CASE("list-append: the checker agrees with the brute-force oracle", "[txn][props]") {
  rc::prop("serializable and strict-serializable verdicts", [] { agrees_with_oracle(Workload::kListAppend); });
}

TEST_CASE("rw-register: the checker agrees with the brute-force oracle", "[txn][props]") {
  rc::prop("serializable and strict-serializable verdicts", [] { agrees_with_oracle(Workload::kRwRegister); });
}

TEST_CASE("rw-register: with the store's real version orders, a serializable verdict is right", "[txn][props]") {
  rc::prop("given orders are sound", [] {
    const Generated g = random_history(Workload::kRwRegister);
    TxnCheckOptions given;
    given.version_orders = &g.version_orders;
    const TxnCheckResult r = check_transactions(g.history, Workload::kRwRegister, given);
    const OracleVerdict oracle = brute_force_transactions(g.history, Workload::kRwRegister);
    if (yes(r, Consistency::kSerializable)) RC_ASSERT(oracle.serializable);
    if (yes(r, Consistency::kStrictSerializable)) RC_ASSERT(oracle.strict_serializable);
  });
}
