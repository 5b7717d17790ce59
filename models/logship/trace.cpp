// How log-shipping states and steps read in a counterexample: each region's
// role, epoch and log, each redo stream, the links, the control plane, then
// the world's client operations; one lane per region.
#include <fmt/format.h>

#include "models/logship/model.hpp"
#include "models/world/trace.hpp"

namespace replicheck::models {

namespace ls = protocol::logship;
using VD = ls::VolumeDef;
using world::region_name;

namespace {
// "2:k0,k1=7": LSN, the items written, their value; "@e2" when not epoch 1.
std::string record(const ls::Commit& c) {
  std::string keys;
  for (int k = 0; k < ls::kMaxKeys; ++k)
    if (c.touches(k)) keys += fmt::format("{}k{}", keys.empty() ? "" : ",", k);
  return fmt::format("{}:{}={}{}", c.lsn, keys, c.value, c.epoch == 1 ? "" : fmt::format("@e{}", c.epoch));
}
std::string message(const LogShipping::Msg& m) {
  if (m.holds<ls::Redo>()) return "redo " + record(m.get<ls::Redo>().commit);
  if (m.holds<ls::Ack>()) return fmt::format("ack {}", m.get<ls::Ack>().lsn);
  return fmt::format("fence e{}", m.get<ls::Fence>().epoch);
}
std::string role(const ls::Volume& v, bool lease_mode) {
  const char* name = v.in<VD::Primary>() ? "primary" : v.in<VD::ReadOnly>() ? "read-only primary"
                     : v.in<VD::Secondary>() ? "secondary" : "fenced";
  return fmt::format("{} e{}{}", name, v.data.epoch, lease_mode && v.in<VD::Primary>() && !v.data.lease ? " (lease lost)" : "");
}
}  // namespace

std::vector<std::pair<std::string, std::string>> LogShipping::fields(const State& s) const {
  world::Fields out;
  for (int r = 0; r < regions(); ++r) {
    const auto& v = s.volumes[r];
    const std::string name = region_name(r);
    out.emplace_back(name + ".role", role(v, fencing_ == Fencing::Lease));
    std::string log;
    for (int i = 0; i < v.data.length; ++i) log += fmt::format("{}{}", i ? " " : "", record(v.data.log[i]));
    out.emplace_back(name + ".log", fmt::format("[{}]", log));
    world::region_status_field(s.net, r, out);
  }
  for (int src = 0; src < regions(); ++src)
    for (int dst = 0; dst < regions(); ++dst) {
      if (src == dst) continue;
      const auto& sh = s.shippers[src * kRegions + dst];
      out.emplace_back(fmt::format("{}.shipper->{}", region_name(src), region_name(dst)),
                       fmt::format("{} at {} (acked {})", sh.in<ls::ShipperDef::Running>() ? "running" : "crashed",
                                   sh.data.position, sh.data.acked));
      world::link_field(s.net, src, dst, message, out);
    }
  out.emplace_back("control.epoch", std::to_string(s.epoch));
  if (s.switching_to) out.emplace_back("control.switchover", "to " + region_name(s.switching_to - 1));
  if (pattern_ != Pattern::None || forwarding_ != Forwarding::Off)
    for (int c = 0; c < workload().clients; ++c) {
      const Session& ss = s.sessions[c];
      if (ss.token) out.emplace_back(fmt::format("c{}.token", c), fmt::format("LSN {}", ss.token));
      if (ss.fence) out.emplace_back(fmt::format("c{}.waits-for", c), fmt::format("LSN {}", ss.fence));
      if (ss.sticky_left)
        out.emplace_back(fmt::format("c{}.sticky", c), fmt::format("primary for {} more reads", ss.sticky_left));
    }
  world::operation_fields(s.clients, workload().keys, out);
  return out;
}

std::vector<std::string> LogShipping::lanes() const { return world::region_lanes(regions()); }

std::string LogShipping::describe(const Action& a) const {
  const std::string src = region_name(a.a), dst = region_name(a.b);
  const std::string shipper = fmt::format("redo shipper {}->{}", src, dst);
  switch (a.kind) {
    case Action::Client: return world::describe(a.client);
    case Action::Ship: return fmt::format("{} ships the next record of {}'s log", shipper, src);
    case Action::Deliver: return fmt::format("{} receives message #{} from {}", dst, a.c, src);
    case Action::Resend: return shipper + " resends from what was acknowledged (a record was lost)";
    case Action::RoleFault: return world::describe(world::RoleFault::Kind(a.c), shipper);
    case Action::Fault: return world::describe({a.fault, a.a, a.b, a.c});
    case Action::BeginSwitchover: return fmt::format("switchover to {} begins: the primary becomes read-only", src);
    case Action::CompleteSwitchover:
      return fmt::format("switchover completes: {} is promoted, the old primary follows it", src);
    case Action::Failover: return fmt::format("failover: {} is promoted with what it has applied", src);
    case Action::LoseLease: return fmt::format("{} cannot renew its write lease: it lapses", src);
    case Action::RenewLease: return fmt::format("{} renews its write lease with the control plane", src);
    case Action::Rejoin: return fmt::format("{} rejoins as a secondary, discarding what it never shipped", src);
  }
  return "?";
}

StepInfo LogShipping::step_info(const State& before, const Action& a, const State& after) const {
  const std::string src = region_name(a.a), dst = region_name(a.b);
  switch (a.kind) {
    case Action::Client: return world::step_info(before.clients, after.clients, a.client, workload().keys);
    case Action::Ship: return {src, StepKind::Send, dst, message(after.net.in_flight(a.a, a.b).back()), ""};
    case Action::Deliver: return {dst, StepKind::Deliver, src, message(before.net.in_flight(a.a, a.b)[a.c]), ""};
    case Action::Resend: return {src, StepKind::Local, "", "shipper rewinds", ""};
    case Action::RoleFault: return world::step_info(world::RoleFault::Kind(a.c), src, dst, "shipper");
    case Action::Fault: return world::step_info({a.fault, a.a, a.b, a.c});
    case Action::BeginSwitchover: return {src, StepKind::Local, "", "switchover begins", ""};
    case Action::CompleteSwitchover: return {src, StepKind::Local, "", "promoted (switchover)", ""};
    case Action::Failover: return {src, StepKind::Local, "", "promoted (failover)", ""};
    case Action::LoseLease: return {src, StepKind::Local, "", "lease lapses", ""};
    case Action::RenewLease: return {src, StepKind::Local, "", "lease renewal", ""};
    case Action::Rejoin: return {src, StepKind::Local, "", "rejoins", ""};
  }
  return {src, StepKind::Local, "", "", ""};
}

}  // namespace replicheck::models
