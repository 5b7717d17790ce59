#include "properties/session.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "properties/session_graph.hpp"

namespace replicheck::properties {

std::string_view to_string(Guarantee g) {
  switch (g) {
    case Guarantee::kReadYourWrites: return "read-your-writes";
    case Guarantee::kMonotonicReads: return "monotonic-reads";
    case Guarantee::kMonotonicWrites: return "monotonic-writes";
    case Guarantee::kWritesFollowReads: return "writes-follow-reads";
    case Guarantee::kNoLostWrites: return "no-lost-writes";
  }
  return "?";
}

namespace {

using detail::DemandGraph;
using detail::kNoOp;
using Node = DemandGraph::Node;

bool ok_read(const Operation& op) {
  return op.status == Status::kOk && (op.kind == OpKind::kRead || op.kind == OpKind::kCas);
}
bool is_write(const Operation& op) {  // may have created a version
  return op.status != Status::kFail && op.kind != OpKind::kRead;
}

// The identity of a value for matching reads to writes. In the map a missing
// key reads as "", so nil and "" are the same value there.
std::string identity(Model model, const Value& v) {
  if (model == Model::kKv && std::holds_alternative<Nil>(v)) return to_string(Value{std::string{}});
  return to_string(v);
}
const Value& written(const Operation& op) { return op.kind == OpKind::kCas ? op.input[1] : op.input[0]; }
const Value& observed(const Operation& op) { return op.kind == OpKind::kCas ? op.input[0] : op.output[0]; }

// Which version each read returned: the unique write of its value.
class ReadsFrom {
 public:
  explicit ReadsFrom(Model model) : model_(model) {}

  void add_write(const Operation& op, Node node) {
    if (op.kind == OpKind::kAppend) {
      appended_[std::get<std::string>(op.input[0]).size()][std::get<std::string>(op.input[0])].push_back(node);
    } else {
      whole_[identity(model_, written(op))].push_back(node);
    }
  }

  // The version `op` read, kAmbiguous or kUnwritten. `self`: the op's own
  // version if it is also a write (a cas cannot read what it writes).
  Node version_read(const Operation& op, Node self) const {
    const Value& v = observed(op);
    const std::string id = identity(model_, v);
    std::size_t found = 0;
    Node node = DemandGraph::kUnwritten;
    auto take = [&](Node n) {
      if (n != self && found++ == 0) node = n;
    };
    if (id == identity(model_, Value{Nil{}})) take(DemandGraph::kInitial);
    if (auto it = whole_.find(id); it != whole_.end()) {
      for (Node n : it->second) take(n);
    }
    if (const auto* text = std::get_if<std::string>(&v)) {
      for (const auto& [length, by_value] : appended_) {
        if (length == 0 || length > text->size()) continue;
        if (auto it = by_value.find(text->substr(text->size() - length)); it != by_value.end()) {
          for (Node n : it->second) take(n);
        }
      }
    }
    return found > 1 ? DemandGraph::kAmbiguous : node;
  }

 private:
  Model model_;
  std::unordered_map<std::string, std::vector<Node>> whole_;
  std::map<std::size_t, std::unordered_map<std::string, std::vector<Node>>> appended_;  // by value length
};

struct Enabled {
  bool on[5] = {};
  bool operator()(Guarantee g) const { return on[static_cast<int>(g)]; }
};

constexpr const char* kInitialFirst = "the initial value precedes every write";
constexpr const char* kCasOrder = "a cas writes after the version it read";
constexpr const char* kRyw = "read-your-writes: a session's read sees its earlier writes";
constexpr const char* kMr = "monotonic reads: a session's later read sees the same or a newer version";
constexpr const char* kMw = "monotonic writes: a session's writes take effect in order";
constexpr const char* kWfr = "writes follow reads: a session's write comes after what it read";
constexpr const char* kNlwFinal = "no lost writes: a final read sees every acknowledged write";
constexpr const char* kNlwRealTime =
    "no lost writes: the version a final read saw completed before this acknowledged write began";

// Per session, the running state of the walk in session order.
struct SessionState {
  Node own_writes = DemandGraph::kNone;  // join of the session's ok writes so far
  Node reads = DemandGraph::kNone;       // join of the versions it has read
  Node last_read = DemandGraph::kNone;
  std::size_t last_read_op = kNoOp;
  Node last_write = DemandGraph::kNone;
  std::size_t last_write_op = kNoOp;
};

void check_key(const History& history, const KeyPart& part, Model model, const Enabled& enabled,
               std::optional<std::uint64_t> final_reads_from, SessionResult& result) {
  DemandGraph graph;
  ReadsFrom reads_from(model);
  std::unordered_map<std::size_t, Node> version_of;  // write op -> node
  std::uint64_t last_ok_response = 0;
  std::size_t latest_ok_write = kNoOp;  // the ok write invoked last
  for (std::size_t i : part.ops) {
    const Operation& op = history.ops[i];
    if (!is_write(op)) continue;
    const Node node = graph.add_version(i);
    version_of[i] = node;
    reads_from.add_write(op, node);
    graph.demand(DemandGraph::kInitial, node, true, std::nullopt, kInitialFirst, kNoOp, i);
    if (op.status != Status::kOk) continue;
    last_ok_response = std::max(last_ok_response, op.response);
    if (latest_ok_write == kNoOp || op.invoke > history.ops[latest_ok_write].invoke) latest_ok_write = i;
  }
  const bool lost_writes = enabled(Guarantee::kNoLostWrites) && latest_ok_write != kNoOp;
  const std::uint64_t final_after = final_reads_from.value_or(last_ok_response);
  const Node all_ok_writes = lost_writes ? graph.add_join() : DemandGraph::kNone;

  // Session order: by invocation (one op at a time per session).
  std::vector<std::size_t> order = part.ops;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Operation &x = history.ops[a], &y = history.ops[b];
    return x.session != y.session ? x.session < y.session : x.invoke < y.invoke;
  });
  SessionState s;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const Operation& op = history.ops[i];
    if (k > 0 && history.ops[order[k - 1]].session != op.session) s = SessionState{};
    const bool writes = is_write(op) && op.status == Status::kOk;
    const Node seen = ok_read(op) ? reads_from.version_read(op, writes ? version_of.at(i) : DemandGraph::kNone)
                                  : DemandGraph::kNone;
    if (seen == DemandGraph::kAmbiguous) result.ambiguous_reads.push_back(i);
    if (seen == DemandGraph::kUnwritten) result.unwritten_reads.push_back(i);
    if (DemandGraph::is_node(seen)) {
      if (enabled(Guarantee::kReadYourWrites) && s.own_writes != DemandGraph::kNone)
        graph.demand(s.own_writes, seen, false, Guarantee::kReadYourWrites, kRyw, kNoOp, i);
      if (enabled(Guarantee::kMonotonicReads) && s.last_read != DemandGraph::kNone)
        graph.demand(s.last_read, seen, false, Guarantee::kMonotonicReads, kMr, s.last_read_op, i);
      if (enabled(Guarantee::kWritesFollowReads)) {
        const Node join = graph.add_join();
        graph.demand(seen, join, false, Guarantee::kWritesFollowReads, kWfr, i, kNoOp);
        if (s.reads != DemandGraph::kNone)
          graph.demand(s.reads, join, false, Guarantee::kWritesFollowReads, kWfr, kNoOp, kNoOp);
        s.reads = join;
      }
      if (lost_writes && op.invoke > final_after) {  // a final read
        graph.demand(all_ok_writes, seen, false, Guarantee::kNoLostWrites, kNlwFinal, kNoOp, i);
        const auto seen_write = graph.write_of(seen);
        if (seen_write && history.ops[*seen_write].response < history.ops[latest_ok_write].invoke)
          graph.demand(seen, version_of.at(latest_ok_write), true, Guarantee::kNoLostWrites, kNlwRealTime, i,
                       latest_ok_write);
      }
      if (op.kind == OpKind::kCas) graph.demand(seen, version_of.at(i), true, std::nullopt, kCasOrder, kNoOp, i);
      s.last_read = seen;
      s.last_read_op = i;
    }
    if (!writes) continue;
    const Node mine = version_of.at(i);
    if (lost_writes) graph.demand(mine, all_ok_writes, false, Guarantee::kNoLostWrites, kNlwFinal, i, kNoOp);
    if (enabled(Guarantee::kWritesFollowReads) && s.reads != DemandGraph::kNone)
      graph.demand(s.reads, mine, true, Guarantee::kWritesFollowReads, kWfr, kNoOp, i);
    if (enabled(Guarantee::kMonotonicWrites) && s.last_write != DemandGraph::kNone)
      graph.demand(s.last_write, mine, true, Guarantee::kMonotonicWrites, kMw, s.last_write_op, i);
    if (enabled(Guarantee::kReadYourWrites)) {
      const Node join = graph.add_join();
      graph.demand(mine, join, false, Guarantee::kReadYourWrites, kRyw, i, kNoOp);
      if (s.own_writes != DemandGraph::kNone)
        graph.demand(s.own_writes, join, false, Guarantee::kReadYourWrites, kRyw, kNoOp, kNoOp);
      s.own_writes = join;
    }
    s.last_write = mine;
    s.last_write_op = i;
  }
  if (auto violation = graph.find_violation()) {
    violation->key = part.key;
    result.violations.push_back(std::move(*violation));
  }
}

std::string version_name(const std::optional<std::size_t>& write, const History& history) {
  if (!write) return "the initial value";
  const Operation& op = history.ops[*write];
  return fmt::format("{} (op {}, process {})", describe(op), *write, op.session);
}

}  // namespace

SessionResult check_session_guarantees(const History& history, Model model, const std::vector<Guarantee>& guarantees,
                                       std::optional<std::uint64_t> final_reads_from) {
  if (model == Model::kCounter) throw std::invalid_argument("session guarantees are defined for register and kv histories");
  for (std::size_t i = 0; i < history.ops.size(); ++i) {
    if (auto problem = validate(history.ops[i], model); !problem.empty())
      throw std::invalid_argument(fmt::format("operation {}: {}", i, problem));
  }
  Enabled enabled;
  for (Guarantee g : guarantees) enabled.on[static_cast<int>(g)] = true;
  SessionResult result;
  for (const KeyPart& part : split_by_key(history)) check_key(history, part, model, enabled, final_reads_from, result);
  return result;
}

std::string explain(const SessionViolation& violation, const History& history) {
  std::vector<std::string> names;
  for (Guarantee g : violation.guarantees) names.emplace_back(to_string(g));
  std::string out = fmt::format("{} violated{}: no order of the versions meets these demands:\n",
                                names.empty() ? "version order" : fmt::format("{}", fmt::join(names, " + ")),
                                violation.key.empty() ? "" : fmt::format(" on key \"{}\"", violation.key));
  for (const VersionDemand& d : violation.cycle) {
    std::vector<std::string> ops;
    for (std::size_t op : d.ops) ops.push_back(fmt::format("op {} (process {}: {})", op, history.ops[op].session,
                                                           describe(history.ops[op])));
    out += fmt::format("  {} {} {}\n      because {}{}{}\n", version_name(d.from, history), d.strict ? "<" : "<=",
                       version_name(d.to, history), d.why, ops.empty() ? "" : ": ",
                       fmt::format("{}", fmt::join(ops, " then ")));
  }
  out += "  ... which leads back to where it started";
  out += std::any_of(violation.cycle.begin(), violation.cycle.end(), [](const auto& d) { return d.strict; })
             ? " through a '<': a version would precede itself.\n"
             : ", making two different writes the same version.\n";
  return out;
}

}  // namespace replicheck::properties
