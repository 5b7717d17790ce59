// How LWW states and steps read in a counterexample: one field per item,
// stream, replicator, link and client operation; one lane per region.
#include <fmt/format.h>

#include "models/lww.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
using world::ClientOp;
using world::OpKind;
using world::OpStatus;

namespace {
// An item's version: value@timestamp.region. A record in a stream or on a
// link also names its item: k0=1@4.r0.
std::string version(const lww::Record& r) { return fmt::format("{}@{}.r{}", r.value, r.ts, r.origin); }
std::string record(const lww::Record& r) { return fmt::format("k{}={}", r.key, version(r)); }

std::string items_seen(const ClientOp& o, int keys) {
  std::string out;
  for (int k = 0; k < keys; ++k)
    if (o.touches(k)) out += fmt::format("{}k{}={}", out.empty() ? "" : " ", k, o.values[k] ? std::to_string(o.values[k]) : "nil");
  return out;
}

// "c0@r0 write k0=1 k1=1", "c1@r1 read -> k0=nil", "c0@r1 increment k0 -> 2", ...
std::string operation(const ClientOp& o, int keys) {
  static constexpr const char* kStatus[] = {" (pending)", "", " FAILED (region down)", " REFUSED (condition)"};
  std::string who = fmt::format("c{}@r{}", o.client, o.region);
  if (o.kind == OpKind::Read)
    return o.status == OpStatus::Ok ? fmt::format("{} read -> {}", who, items_seen(o, keys))
                                    : fmt::format("{} read{}", who, kStatus[int(o.status)]);
  if (o.kind == OpKind::Increment)
    return o.status == OpStatus::Ok ? fmt::format("{} increment k{} -> {}", who, o.key, o.values[o.key])
                                    : fmt::format("{} increment k{}{}", who, o.key, kStatus[int(o.status)]);
  return fmt::format("{} write {}{}", who, items_seen(o, keys), kStatus[int(o.status)]);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> Lww::fields(const State& s) const {
  std::vector<std::pair<std::string, std::string>> out;
  const int keys = workload_.keys;
  for (int r = 0; r < regions_; ++r) {
    const auto& d = s.regions[r].data;
    for (int k = 0; k < keys; ++k)
      out.emplace_back(fmt::format("r{}.k{}", r, k), d.items[k].present ? version(d.items[k].version) : "nil");
    std::string stream;
    for (int i = 0; i < d.stream_length; ++i) stream += fmt::format("{}{}", i ? " " : "", record(d.stream[i]));
    out.emplace_back(fmt::format("r{}.stream", r), fmt::format("[{}]", stream));
    if (s.net.is_down(r) || s.net.is_isolated(r))
      out.emplace_back(fmt::format("r{}.region", r), s.net.is_down(r) ? "down" : "isolated");
  }
  for (int src = 0; src < regions_; ++src)
    for (int dst = 0; dst < regions_; ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      const char* st = rep.in<lww::ReplicatorDef::Running>() ? "running"
                       : rep.in<lww::ReplicatorDef::Paused>() ? "paused"
                                                              : "crashed";
      out.emplace_back(fmt::format("r{}.replicator->r{}", src, dst),
                       fmt::format("{} at {} (checkpoint {})", st, rep.data.position, rep.data.checkpoint));
      std::string wire;
      for (const auto& w : s.net.in_flight(src, dst))
        wire += fmt::format("{}{}", wire.empty() ? "" : " ", record(w.record));
      out.emplace_back(fmt::format("r{}.link->r{}", src, dst),
                       fmt::format("{}[{}]", s.net.is_cut(src, dst) ? "cut " : "", wire));
    }
  for (int c = 0; c < workload_.clients; ++c) {
    const Session& ss = s.sessions[c];
    if (pattern_ == Pattern::Sticky && ss.sticky_left)
      out.emplace_back(fmt::format("c{}.sticky", c), fmt::format("r{} for {} more reads", ss.sticky_region, ss.sticky_left));
    if (pattern_ == Pattern::VersionTokens || pattern_ == Pattern::Conditional)
      for (int k = 0; k < keys; ++k)
        if (ss.seen[k].present)
          out.emplace_back(fmt::format("c{}.{}.k{}", c, pattern_ == Pattern::Conditional ? "expects" : "token", k),
                           version(ss.seen[k].version));
  }
  // One field per client operation, so a trace's diff shows just the
  // operation a step invoked or completed.
  for (int i = 0; i < s.clients.length; ++i)
    out.emplace_back(fmt::format("op{}", i), operation(s.clients.history[i], keys));
  return out;
}

std::vector<std::string> Lww::lanes() const {
  std::vector<std::string> out;
  for (int r = 0; r < regions_; ++r) out.push_back(fmt::format("r{}", r));
  return out;
}

StepInfo Lww::step_info(const State& before, const Action& a, const State& after) const {
  auto lane = [](int r) { return fmt::format("r{}", r); };
  std::string src = lane(a.a), dst = lane(a.b);
  switch (a.kind) {
    case Action::Invoke:
    case Action::Complete: {
      // Invoke starts the newest operation in the history; Complete ends the pending one.
      int index = a.kind == Action::Invoke ? after.clients.length - 1 : before.clients.pending[a.a] - 1;
      const ClientOp& op = after.clients.history[index];
      int started = after.clients.started[a.a] - 1;
      return {lane(op.region), StepKind::Client, "", operation(op, workload_.keys), fmt::format("c{}#{}", a.a, started)};
    }
    case Action::Ship: {
      const auto& sent = after.net.in_flight(a.a, a.b);
      if (sent.size() > before.net.in_flight(a.a, a.b).size())
        return {src, StepKind::Send, dst, record(sent.back().record), ""};
      return {src, StepKind::Local, "", "skip replicated records", ""};
    }
    case Action::Deliver: {
      const auto& w = before.net.in_flight(a.a, a.b)[a.c];
      bool applied = after.regions[a.b].data.stream_length > before.regions[a.b].data.stream_length;
      return {dst, StepKind::Deliver, src, record(w.record) + (applied ? "" : " (stale, dropped)"), ""};
    }
    case Action::Retry: return {src, StepKind::Local, "", "replicator re-reads from its checkpoint", ""};
    case Action::Crash: return {src, StepKind::Fault, dst, "replicator crash", ""};
    case Action::Restart: return {src, StepKind::Fault, dst, "replicator restart", ""};
    case Action::Pause: return {src, StepKind::Fault, dst, "replicator paused", ""};
    case Action::Resume: return {src, StepKind::Fault, dst, "replicator resumed", ""};
    case Action::Fault: return world::step_info({a.fault, a.a, a.b, a.c});
  }
  return {src, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
