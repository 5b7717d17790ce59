// The verdict: which models of the hierarchy the history still satisfies,
// each decided from the graph (strongly connected components) and the
// non-cyclic anomalies; the cycles found are there to explain it.
#include "properties/txn_check.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "properties/txn_graph.hpp"
#include "properties/txn_search.hpp"

namespace replicheck::properties {

namespace {

using detail::DepEdge;
using detail::Reason;
constexpr std::string_view kNames[] = {"read-uncommitted", "read-committed", "read-atomic",
                                       "snapshot-isolation", "serializable", "strict-serializable"};

// The weakest model an anomaly rules out (it rules out every stronger one).
Consistency rules_out(const std::string& name) {
  using C = Consistency;
  if (name.ends_with("-process") || name.ends_with("-realtime")) return C::kStrictSerializable;
  if (name == "G1a" || name == "G1b" || name == "G1c") return C::kReadCommitted;
  if (name == "fractured-read") return C::kReadAtomic;
  if (name == "G-single" || name == "G-nonadjacent" || name == "lost-update") return C::kSnapshotIsolation;
  if (name == "G2-item" || name == "no-serial-order") return C::kSerializable;
  return C::kReadUncommitted;  // G0, internal, future-read, duplicate-elements, incompatible-order, garbage-read
}

std::string describe_edge(std::size_t from, const DepEdge& e, const TxnHistory& h, Workload w,
                          const std::vector<std::string>& keys) {
  const bool lists = w == Workload::kListAppend;
  const std::string& k = keys[e.key];
  const std::size_t a = from + 1, b = e.to + 1;
  const std::string seen = e.a_nil ? (lists ? "as empty" : "= nil") : lists ? fmt::format("ending with {}", e.a) : fmt::format("= {}", e.a);
  switch (e.kind) {
    case EdgeKind::kWW:
      if (lists) return fmt::format("T{} appended {} to key {} right after T{}'s {}", b, e.b, k, a, e.a);
      if (e.reason == Reason::kFollowsRead)
        return fmt::format("T{} read key {} = {}, which T{} wrote, and then wrote {}", b, k, e.a, a, e.b);
      return fmt::format("T{} wrote key {} = {}, the version after T{}'s {}", b, k, e.b, a, e.a);
    case EdgeKind::kWR:
      return lists ? fmt::format("T{} read key {} ending with {}, which T{} appended", b, k, e.a, a)
                   : fmt::format("T{} read key {} = {}, which T{} wrote", b, k, e.a, a);
    case EdgeKind::kRW:
      switch (e.reason) {
        case Reason::kUnobserved:
          return fmt::format("T{} read key {} {}, and T{} appended {}, which no read saw (so after every read)", a, k, seen, b, e.b);
        case Reason::kInitial:
          return fmt::format("T{} read key {} = nil, the initial version, and T{} wrote {}", a, k, b, e.b);
        case Reason::kFollowsRead:
          return fmt::format("T{} read key {} = {}, and T{} wrote {} after reading {}", a, k, e.a, b, e.b, e.a);
        default:
          return fmt::format("T{} read key {} {}, and T{} {} {}, the next {}", a, k, seen, b, lists ? "appended" : "wrote",
                             e.b, lists ? "element" : "version");
      }
    case EdgeKind::kProcess:
      return fmt::format("T{} and T{} are process {}'s, in this order", a, b, h.txns[from].process);
    case EdgeKind::kRealtime:
      return fmt::format("T{} completed (at {}) before T{} was invoked (at {})", a, h.txns[from].complete, b,
                         h.txns[e.to].invoke);
  }
  return {};
}

Anomaly cyclic(std::string name, const std::vector<std::pair<std::size_t, DepEdge>>& cycle, const TxnHistory& h,
               Workload w, const std::vector<std::string>& keys) {
  Anomaly a{.name = std::move(name)};
  for (const auto& [from, e] : cycle) {
    a.cycle.push_back({from, e.to, e.kind, describe_edge(from, e, h, w, keys)});
    a.txns.push_back(from);
  }
  return a;
}

}  // namespace

std::string_view to_string(Consistency c) { return kNames[static_cast<std::size_t>(c)]; }

bool parse_consistency(std::string_view name, Consistency& out) {
  for (std::size_t i = 0; i < kConsistencyCount; ++i) {
    if (kNames[i] == name) return out = static_cast<Consistency>(i), true;
  }
  return false;
}

std::string_view to_string(EdgeKind kind) {
  static constexpr std::string_view kEdge[] = {"ww", "wr", "rw", "process", "realtime"};
  return kEdge[static_cast<std::size_t>(kind)];
}

std::optional<Consistency> TxnCheckResult::strongest() const {
  std::optional<Consistency> best;
  for (std::size_t i = 0; i < kConsistencyCount && holds[i] == Holds::kYes; ++i) best = static_cast<Consistency>(i);
  return best;
}

TxnCheckResult check_transactions(const TxnHistory& h, Workload w, const TxnCheckOptions& options) {
  using C = Consistency;
  detail::Inference inf = w == Workload::kListAppend ? detail::infer_list_append(h) : detail::infer_rw_register(h, options);
  const detail::TxnGraph& g = inf.graph;
  TxnCheckResult r;
  r.versions_exact = inf.exact;
  r.anomalies = std::move(inf.anomalies);
  const detail::CycleFinds found = detail::find_cycles(g, options.max_cycle_work);
  for (const auto& cycle : found.cycles) r.anomalies.push_back(cyclic(detail::classify(cycle, false), cycle, h, w, g.keys));
  const auto si = detail::si_cycle(g);
  auto named = [&](std::string_view name) {
    return std::any_of(r.anomalies.begin(), r.anomalies.end(), [&](const Anomaly& a) { return a.name == name; });
  };
  if (!si.empty() && !named(detail::classify(si, true))) r.anomalies.push_back(cyclic(detail::classify(si, true), si, h, w, g.keys));

  // Each model's own evidence, decided exactly where the versions are known.
  std::array<bool, kConsistencyCount> violated{};
  for (const Anomaly& a : r.anomalies) violated[static_cast<std::size_t>(rules_out(a.name))] = true;
  auto cycle_rules_out = [&](C c, unsigned mask, std::string_view what) {
    const auto i = static_cast<std::size_t>(c);
    if (std::find(violated.begin(), violated.begin() + static_cast<std::ptrdiff_t>(i) + 1, true) != violated.begin() + static_cast<std::ptrdiff_t>(i) + 1 ||
        !detail::has_cycle(g, mask))
      return;
    violated[i] = true;  // exists, but the search for a short one ran out of budget
    r.anomalies.push_back({.name = std::string(c == C::kStrictSerializable ? "G2-item-realtime" : "G2-item"),
                           .explanation = fmt::format("the graph of {} edges has a cycle (not shown: the search for a "
                                                      "short one ran out of its budget)", what)});
  };
  cycle_rules_out(C::kReadUncommitted, detail::kWW, "ww");
  cycle_rules_out(C::kReadCommitted, detail::kWW | detail::kWR, "ww and wr");
  cycle_rules_out(C::kSerializable, detail::kData, "ww, wr and rw");
  cycle_rules_out(C::kStrictSerializable, detail::kData | detail::kOrder, "ww, wr, rw, process and real-time");
  bool any = false;
  for (std::size_t i = 0; i < kConsistencyCount; ++i) {
    any = any || violated[i];
    r.holds[i] = any ? Holds::kNo : inf.exact ? Holds::kYes : Holds::kUnknown;
  }
  if (!inf.exact) {  // rw-register without known orders: search for a serial order
    for (auto [c, mask] : {std::pair{C::kSerializable, detail::kData}, std::pair{C::kStrictSerializable, detail::kData | detail::kOrder}}) {
      const auto i = static_cast<std::size_t>(c);
      if (r.holds[i] == Holds::kNo) continue;
      const Holds found_order = detail::search_serial_order(h, inf, mask, options);
      if (found_order == Holds::kYes) {
        for (std::size_t j = 0; j <= i; ++j) r.holds[j] = Holds::kYes;
      } else if (found_order == Holds::kNo) {
        for (std::size_t j = i; j < kConsistencyCount; ++j) r.holds[j] = Holds::kNo;
        r.anomalies.push_back({.name = c == C::kSerializable ? "no-serial-order" : "no-serial-order-realtime",
                               .explanation = fmt::format("no serial order{} of the committed transactions explains every read "
                                                          "(searched every order the dependencies allow)",
                                                          c == C::kSerializable ? "" : " consistent with real time")});
      } else {
        r.note = "the serial-order search ran out of its budget";
      }
    }
    if (r.note.empty() && r.holds[0] == Holds::kUnknown)
      r.note = "rw-register: some version orders are not known, and the models below serializable are decided only by the anomalies found";
  }
  if (found.truncated && r.note.empty()) r.note = "the search for short cycles ran out of its budget; the verdicts stand";
  for (std::size_t i = 0; i < r.anomalies.size(); ++i) {
    for (std::size_t c = static_cast<std::size_t>(rules_out(r.anomalies[i].name)); c < kConsistencyCount; ++c)
      r.ruled_out_by[c].push_back(i);
  }
  return r;
}

std::string explain(const Anomaly& a, const TxnHistory& h, Workload w) {
  std::string out = a.name;
  const std::string more = a.more == 0 ? "" : fmt::format("\n    ({} more {} not shown)", a.more, a.name);
  if (a.cycle.empty()) return out + ": " + a.explanation + more;
  out += ": T" + std::to_string(a.cycle.front().from + 1);
  for (const CycleEdge& e : a.cycle) out += fmt::format(" -{}-> T{}", to_string(e.kind), e.to + 1);
  for (const CycleEdge& e : a.cycle) {
    const Txn& t = h.txns[e.from];
    out += fmt::format("\n    T{} = {}{}", e.from + 1, to_string(t, w),
                       t.process == kNoProcess ? "" : fmt::format(" (process {})", t.process));
  }
  for (const CycleEdge& e : a.cycle) out += fmt::format("\n    T{} -{}-> T{}: {}", e.from + 1, to_string(e.kind), e.to + 1, e.why);
  return out + more;
}

}  // namespace replicheck::properties
