// Internals of the transactional checker (txn_check.hpp): what each
// transaction read and wrote, the dependency graph, and its cycles.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "properties/txn_check.hpp"

namespace replicheck::properties::detail {

// Edge kinds as bits, for searches restricted to some of them.
inline constexpr unsigned bit(EdgeKind k) { return 1u << static_cast<unsigned>(k); }
inline constexpr unsigned kWW = bit(EdgeKind::kWW), kWR = bit(EdgeKind::kWR), kRW = bit(EdgeKind::kRW);
inline constexpr unsigned kData = kWW | kWR | kRW;
inline constexpr unsigned kOrder = bit(EdgeKind::kProcess) | bit(EdgeKind::kRealtime);

// Why an edge exists, rendered by describe_edge (txn_check.cpp).
enum class Reason : std::uint8_t {
  kNext,        // ww: b directly follows a in the key's version order; rw: b follows the version read
  kUnobserved,  // rw (list-append): b was appended but no read saw it, so it follows every read
  kInitial,     // rw (rw-register): the read saw the initial nil, which precedes every write
  kFollowsRead, // ww/rw (rw-register): the writer of b read a before writing b
  kRead,        // wr: the read saw a, written by the edge's source
  kOrder,       // process or real-time order
};

struct DepEdge {
  std::uint32_t to = 0;
  EdgeKind kind = EdgeKind::kWW;
  Reason reason = Reason::kNext;
  bool a_nil = false;      // a is nil / the empty list
  std::uint32_t key = 0;   // index into TxnGraph::keys
  std::int64_t a = 0, b = 0;  // the versions involved (elements, values)
};

struct TxnGraph {
  std::vector<std::vector<DepEdge>> out;  // per transaction
  std::vector<bool> committed;            // a node of the graph
  std::vector<std::string> keys;
  void add(std::size_t from, const DepEdge& e) {
    if (from != e.to) out[from].push_back(e);
  }
};

// One key's facts in one transaction.
struct KeyUse {
  std::uint32_t key = 0;
  bool external = false;                // read before any own write
  // Views into the history's reads (it outlives the checker's work).
  std::span<const std::int64_t> first_read{};  // the external read (list, or {} nil / {v})
  bool read_any = false;
  std::span<const std::int64_t> last_read{};   // the last read, own writes included
  std::vector<std::int64_t> writes{};    // appends / writes, in order
};
using TxnUses = std::vector<KeyUse>;  // few keys per transaction: searched linearly

class KeyIndex {
 public:
  std::uint32_t id(const std::string& key);
  std::vector<std::string> names;
 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
};

// Per transaction, the keys it touched; a read that contradicts the
// transaction's own earlier reads and writes is an `internal` anomaly.
std::vector<TxnUses> analyse(const TxnHistory& h, Workload w, KeyIndex& keys, std::vector<Anomaly>& anomalies);
const KeyUse* find_use(const TxnUses& uses, std::uint32_t key);

struct Inference {
  TxnGraph graph;
  std::vector<TxnUses> uses;
  std::vector<Anomaly> anomalies;
  bool exact = true;  // every key's version order is known
};
Inference infer_list_append(const TxnHistory& h);
Inference infer_rw_register(const TxnHistory& h, const TxnCheckOptions& options);
// Process order and real-time order between committed transactions.
void add_order_edges(const TxnHistory& h, TxnGraph& g);

// Records an anomaly, keeping at most a few of each name (the count is kept).
void note(std::vector<Anomaly>& anomalies, Anomaly a);

// Cycles (txn_cycles.cpp). has_cycle: some cycle uses only `mask` edges.
bool has_cycle(const TxnGraph& g, unsigned mask);
// A cycle with no two adjacent rw edges (the G-single / G-nonadjacent that
// snapshot isolation forbids, Cerone & Gotsman 2016), if one exists.
std::vector<std::pair<std::size_t, DepEdge>> si_cycle(const TxnGraph& g);
// Shortest cycles for explanation, one per anomaly name found.
struct CycleFinds {
  std::vector<std::vector<std::pair<std::size_t, DepEdge>>> cycles;
  bool truncated = false;
};
CycleFinds find_cycles(const TxnGraph& g, std::uint64_t max_work);
// "G0", "G1c", "G-single", "G2-item" (+ "-process" / "-realtime").
std::string classify(const std::vector<std::pair<std::size_t, DepEdge>>& cycle, bool si_search);

}  // namespace replicheck::properties::detail
