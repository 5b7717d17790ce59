// How LWW states and steps read in a counterexample: one field per item,
// stream, replicator and link, then the world's (client operations); one
// lane per region.
#include <fmt/format.h>

#include "models/lww/model.hpp"
#include "models/world/trace.hpp"

namespace replicheck::models {

namespace lww = protocol::lww;
using world::region_name;

namespace {
// An item's version: value@timestamp.region. A record in a stream or on a
// link also names its item: k0=1@4.r0.
std::string version(const lww::Record& r) { return fmt::format("{}@{}.{}", r.value, r.ts, region_name(r.origin)); }
std::string record(const lww::Record& r) { return fmt::format("k{}={}", r.key, version(r)); }
}  // namespace

std::vector<std::pair<std::string, std::string>> Lww::fields(const State& s) const {
  world::Fields out;
  const int keys = workload().keys;
  for (int r = 0; r < regions(); ++r) {
    const auto& d = s.regions[r].data;
    const std::string name = region_name(r);
    for (int k = 0; k < keys; ++k)
      out.emplace_back(fmt::format("{}.k{}", name, k), d.items[k].present ? version(d.items[k].version) : "nil");
    std::string stream;
    for (int i = 0; i < d.stream_length; ++i) stream += fmt::format("{}{}", i ? " " : "", record(d.stream[i]));
    out.emplace_back(name + ".stream", fmt::format("[{}]", stream));
    world::region_status_field(s.net, r, out);
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      const auto& rep = s.replicators[src * kRegions + dst];
      const char* st = rep.in<lww::ReplicatorDef::Running>() ? "running"
                       : rep.in<lww::ReplicatorDef::Paused>() ? "paused"
                                                              : "crashed";
      out.emplace_back(fmt::format("{}.replicator->{}", region_name(src), region_name(dst)),
                       fmt::format("{} at {} (checkpoint {})", st, rep.data.position, rep.data.checkpoint));
      world::link_field(s.net, src, dst, [](const lww::ReplicatedWrite& w) { return record(w.record); }, out);
    }
  for (int c = 0; c < workload().clients; ++c) {
    const Session& ss = s.sessions[c];
    if (pattern_ == Pattern::Sticky && ss.sticky_left)
      out.emplace_back(fmt::format("c{}.sticky", c),
                       fmt::format("{} for {} more reads", region_name(ss.sticky_region), ss.sticky_left));
    if (pattern_ == Pattern::VersionTokens || pattern_ == Pattern::Conditional)
      for (int k = 0; k < keys; ++k)
        if (ss.seen[k].present)
          out.emplace_back(fmt::format("c{}.{}.k{}", c, pattern_ == Pattern::Conditional ? "expects" : "token", k),
                           version(ss.seen[k].version));
  }
  world::operation_fields(s.clients, keys, out);
  return out;
}

std::vector<std::string> Lww::lanes() const { return world::region_lanes(regions()); }

StepInfo Lww::step_info(const State& before, const Action& a, const State& after) const {
  std::string src = region_name(a.a), dst = region_name(a.b);
  switch (a.kind) {
    case Action::Client: return world::step_info(before.clients, after.clients, a.client, workload().keys);
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
    case Action::RoleFault: return world::step_info(world::RoleFault::Kind(a.c), src, dst, "replicator");
    case Action::Fault: return world::step_info({a.fault, a.a, a.b, a.c});
  }
  return {src, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
