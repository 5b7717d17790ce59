// Elle-style transactional consistency checking (Kingsbury & Alvaro, VLDB
// 2020; anomaly names from Adya's thesis). From a TxnHistory it infers each
// key's version order, builds the dependency graph of the committed
// transactions (ww, wr, rw; process and real-time order), searches it for
// cycles, and names the strongest model of
//   read-uncommitted < read-committed < read-atomic < snapshot-isolation
//     < serializable < strict-serializable
// that the history may still satisfy.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "properties/txn.hpp"

namespace replicheck::properties {

enum class Consistency : std::uint8_t {
  kReadUncommitted, kReadCommitted, kReadAtomic, kSnapshotIsolation, kSerializable, kStrictSerializable
};
inline constexpr std::size_t kConsistencyCount = 6;
std::string_view to_string(Consistency c);
bool parse_consistency(std::string_view name, Consistency& out);

enum class EdgeKind : std::uint8_t { kWW, kWR, kRW, kProcess, kRealtime };
std::string_view to_string(EdgeKind kind);

// One edge of a cycle and the facts that make it exist.
struct CycleEdge {
  std::size_t from = 0, to = 0;  // indices into TxnHistory::txns
  EdgeKind kind = EdgeKind::kWW;
  std::string why;  // "T3 read key 1 = [1 2], whose last element T1 appended"
};

struct Anomaly {
  // Cyclic: G0, G1c, G-single, G-nonadjacent, G2-item, each optionally with
  // -process or -realtime. Not cyclic: G1a, G1b, fractured-read, lost-update,
  // internal, future-read, duplicate-elements, incompatible-order, garbage-read,
  // no-serial-order (rw-register: every version order has a cycle).
  std::string name{};
  std::vector<CycleEdge> cycle{};  // empty for the non-cyclic ones
  std::string explanation{};     // the non-cyclic ones' facts
  std::vector<std::size_t> txns{};  // the transactions involved
  std::size_t more = 0;  // further anomalies of this name found but not kept
};

enum class Holds : std::uint8_t { kYes, kNo, kUnknown };

struct TxnCheckResult {
  std::array<Holds, kConsistencyCount> holds{};  // indexed by Consistency
  std::vector<Anomaly> anomalies;
  // The anomalies that rule out each model (indices into anomalies).
  std::array<std::vector<std::size_t>, kConsistencyCount> ruled_out_by;
  bool versions_exact = true;  // every key's version order was known
  std::string note;            // why a verdict is unknown, when one is

  Holds holds_model(Consistency c) const { return holds[static_cast<std::size_t>(c)]; }
  // The strongest model that holds (kYes); nullopt if none does.
  std::optional<Consistency> strongest() const;
};

struct TxnCheckOptions {
  // Exact version orders, for a caller that knows them (a model): key -> the
  // values written to it, in installation order (rw-register). With them the
  // rw-register checker infers nothing and every verdict is decided.
  const std::map<std::string, std::vector<std::int64_t>>* version_orders = nullptr;
  // Budget of the rw-register serial-order search (0 = no limit).
  std::uint64_t max_steps = 1'000'000;
  double max_seconds = 0;
  // Cycle searches stop looking for more cycles after this much work (edges
  // visited); a model already ruled out stays ruled out.
  std::uint64_t max_cycle_work = 20'000'000;
};

TxnCheckResult check_transactions(const TxnHistory& history, Workload workload, const TxnCheckOptions& options = {});

// "G-single: T1 -rw-> T2 -wr-> T1\n  T1 -rw-> T2: ..." (T numbers are
// 1-based positions in the history).
std::string explain(const Anomaly& anomaly, const TxnHistory& history, Workload workload);

}  // namespace replicheck::properties
